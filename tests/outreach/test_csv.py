"""Importing the invitation list from CSV takes every row or none."""
import io

from labapp.extensions import db
from labapp.outreach.models import Outreach
from labapp.systemmap.models import Actor
from tests.helpers import html_text

HEADER = "name,email,actor,sector,level,workshop,inviter_email,status,support_needs,interpreter_language,notes\n"


def _upload(client, lab, content: bytes, name="list.csv"):
    return client.post_form(f"/labs/{lab.id}/outreach/import", {"file": (io.BytesIO(content), name)},
                            content_type="multipart/form-data")


def _count(app):
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(Outreach.id)))


def _client(app, make_user, make_lab):
    facilitator = make_user(email="fran@example.org")
    lab = make_lab(creator=facilitator)
    client = app.test_client()
    client.login_as(facilitator)
    return lab, client


def test_good_file_imports_every_row(app, make_user, make_lab):
    lab, client = _client(app, make_user, make_lab)
    with app.app_context():
        db.session.add(Actor(lab_id=lab.id, kind="organisation", name="Food Network", sector="vcse", level="manager"))
        db.session.commit()
    content = (HEADER + "Zara,zara@example.org,,community,resident,,fran@example.org,invited,interpreter;creche,ur,\n"
               ",,Food Network,,,,,,,,from the map\n").encode()
    response = _upload(client, lab, "\ufeff".encode() + content)
    assert response.status_code == 302
    with app.app_context():
        rows = db.session.scalars(db.select(Outreach).order_by(Outreach.id)).all()
        assert [(r.person_name, r.status, r.sector, r.interpreter_language) for r in rows] == [
            ("Zara", "invited", "community", "ur"), ("", "to_invite", "vcse", None)]
        assert rows[0].support_needs == ["interpreter", "creche"] and rows[0].inviter.user.email == "fran@example.org"


def test_one_bad_row_stops_the_whole_import_and_says_where(app, make_user, make_lab):
    lab, client = _client(app, make_user, make_lab)
    content = (HEADER + "Ok Person,,,community,,,,,,,\n"
               "Bad Sector,,,martians,,,,,,,\n"
               ",,,,,,,,,,\n"
               "Bad Status,,,nhs,,,,maybe,,,\n"
               "Ok Person,,,community,,,,,,,\n"
               ",,Nobody Here,,,,,,,,\n").encode()
    page = html_text(_upload(client, lab, content))
    assert "Nothing was imported" in page
    assert 'Line 3: Unknown sector "martians".' in page
    assert "Line 4:" not in page, "an empty row is skipped"
    assert 'Line 5: Unknown status "maybe".' in page
    assert "Line 6: This row repeats an earlier row." in page
    assert 'Line 7: No actor on the system map is called "Nobody Here".' in page
    assert "Line 2:" not in page
    assert _count(app) == 0


def test_wrong_columns_and_wrong_encoding_are_explained(app, make_user, make_lab):
    lab, client = _client(app, make_user, make_lab)
    page = html_text(_upload(client, lab, b"who,where\nZara,Leeds\n"))
    assert "Missing columns: name, actor, sector." in page and "Unknown columns: who, where." in page
    page = html_text(_upload(client, lab, (HEADER + "Zoë,,,community,,,,,,,\n").encode("latin-1")))
    assert "The file is not UTF-8 text." in page
    assert _count(app) == 0


def test_ten_thousand_rows_import_in_one_go(app, make_user, make_lab):
    lab, client = _client(app, make_user, make_lab)
    rows = "".join(f"Person {n},p{n}@example.org,,{'community' if n % 2 else 'nhs'},,,,,,,\n" for n in range(10_000))
    response = _upload(client, lab, (HEADER + rows).encode())
    assert response.status_code == 302
    assert _count(app) == 10_000
    assert "10,000 invitations imported." in html_text(client.get(response.headers["Location"]))


def test_export_reads_back_in(app, make_user, make_lab):
    lab, client = _client(app, make_user, make_lab)
    _upload(client, lab, (HEADER + "Zara,zara@example.org,,community,resident,,,invited,creche,,hi\n").encode())
    exported = client.get(f"/labs/{lab.id}/outreach.csv").data
    assert exported.startswith("\ufeff".encode())
    with app.app_context():
        db.session.execute(db.delete(Outreach))
        db.session.commit()
    assert _upload(client, lab, exported).status_code == 302
    with app.app_context():
        row = db.session.scalars(db.select(Outreach)).one()
        assert (row.person_name, row.email, row.status, row.support_needs, row.notes) == (
            "Zara", "zara@example.org", "invited", ["creche"], "hi")


def test_only_the_design_team_can_be_named_as_inviter_and_long_values_are_refused(app, make_user, make_lab, add_member):
    lab, client = _client(app, make_user, make_lab)
    add_member(lab, make_user(email="pat@example.org"), "participant")
    long_name = "N" * 121
    content = (HEADER + "Zara,,,community,,,pat@example.org,,,,\n" + f"{long_name},,,community,,,,,,,\n").encode()
    page = html_text(_upload(client, lab, content))
    assert "Line 2: Nobody in the lab's design team has the email address pat@example.org." in page
    assert "Line 3: Use 120 characters or fewer." in page
    assert _count(app) == 0
