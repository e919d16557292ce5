"""Every route that accepts POST refuses a request without a CSRF token, whoever sends it.

The routes are read from the app's URL map, so a new form is covered the day it is added.
"""
import pytest
from werkzeug.routing import AnyConverter, IntegerConverter

from labapp import create_app

from ..conftest import base_config


def _post_rules():
    app = create_app(base_config("sqlite://"))
    rules = [rule for rule in app.url_map.iter_rules() if "POST" in rule.methods]
    return app, rules


def _sample_url(rule, lab_id: int) -> str:
    values = {}
    for name, converter in rule._converters.items():
        if name == "lab_id":
            values[name] = lab_id
        elif isinstance(converter, IntegerConverter):
            values[name] = 1
        elif isinstance(converter, AnyConverter):
            values[name] = sorted(converter.items)[0]
        else:
            values[name] = "sample"
    return rule.build(values, append_unknown=False)[1]


def test_the_app_has_post_routes_to_check():
    _app, rules = _post_rules()
    assert len(rules) > 50


@pytest.fixture
def facilitator_client(client, make_user, make_lab):
    user = make_user()
    lab = make_lab(creator=user)
    client.login_as(user)
    return client, lab


def test_every_post_route_refuses_a_request_without_a_csrf_token(app, facilitator_client):
    client, lab = facilitator_client
    accepted = []
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods:
            continue
        url = _sample_url(rule, lab.id)
        response = client.post(url, data={"name": "x"})
        if response.status_code != 400:
            accepted.append((rule.rule, response.status_code))
    assert accepted == []


def test_a_post_with_a_token_from_another_session_is_refused(app, facilitator_client, make_user):
    client, lab = facilitator_client
    other = app.test_client()
    other.get("/accounts/login")
    token = other.csrf_token()
    response = client.post(f"/labs/{lab.id}/edit", data={"csrf_token": token, "name": "Taken over"})
    assert response.status_code == 400
