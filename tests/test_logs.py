"""Every request carries an id through the logs, and the access line never holds a path's secrets."""
import json
import logging

from labapp.logs import REQUEST_ID_HEADER


def _labapp_handler():
    return next(h for h in logging.getLogger("labapp").handlers if getattr(h, "labapp_handler", False))


def _access_records(caplog):
    return [r for r in caplog.records if r.name == "labapp.access"]


def test_each_response_carries_a_new_request_id(client):
    first = client.get("/healthz").headers[REQUEST_ID_HEADER]
    second = client.get("/healthz").headers[REQUEST_ID_HEADER]
    assert len(first) == 32 and first != second


def test_a_well_formed_id_from_the_proxy_is_kept_and_a_malformed_one_replaced(client):
    assert client.get("/healthz", headers={REQUEST_ID_HEADER: "abc-12345678"}).headers[REQUEST_ID_HEADER] \
        == "abc-12345678"
    replaced = client.get("/healthz", headers={REQUEST_ID_HEADER: "evil id; with spaces"}).headers[REQUEST_ID_HEADER]
    assert " " not in replaced and "evil" not in replaced


def test_the_access_line_names_the_route_pattern_not_the_secret_path(client, caplog):
    caplog.set_level(logging.INFO, logger="labapp")
    response = client.get("/journeys/host/secret-host-token-value/?q=typed+by+someone")
    record = _access_records(caplog)[-1]
    assert record.status == response.status_code
    assert record.request_id == response.headers[REQUEST_ID_HEADER]
    line = _labapp_handler().format(record)
    assert "secret-host-token-value" not in line and "typed" not in line
    data = json.loads(line)
    assert data["request_id"] == response.headers[REQUEST_ID_HEADER]
    assert data["method"] == "GET" and data["status"] == response.status_code


def test_records_made_during_a_request_carry_its_id(app, client, caplog):
    caplog.set_level(logging.INFO, logger="labapp")
    with app.test_request_context("/"):
        from flask import g

        g.request_id = "req-0000000001"
        logging.getLogger("labapp.test").info("something happened")
    record = [r for r in caplog.records if r.name == "labapp.test"][-1]
    handler = _labapp_handler()
    assert handler.filter(record)
    assert json.loads(handler.format(record))["request_id"] == "req-0000000001"


def test_the_access_line_names_the_lab(client, make_user, make_lab, caplog):
    user = make_user()
    lab = make_lab(creator=user)
    client.login_as(user)
    caplog.set_level(logging.INFO, logger="labapp")
    client.get(f"/labs/{lab.id}/")
    record = _access_records(caplog)[-1]
    assert record.lab_id == lab.id and record.route == "/labs/<int:lab_id>/"
