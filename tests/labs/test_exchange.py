"""Exporting a lab as JSON and importing it as a new lab."""
import json

from labapp.accounts.models import User
from labapp.extensions import db
from labapp.labs import exchange
from labapp.labs.models import Lab
from labapp.outreach.models import Outreach


def _without_ids(value):
    """Drop every id and id reference so two exports of the same content compare equal."""
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id" and not k.endswith("_id")}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def _lab_with_people(make_lab, make_user, add_member, app=None):
    facilitator = make_user(name="Fran", locale="en")
    lab = make_lab(creator=facilitator, question="Who waits longest?")
    sam = add_member(lab, make_user(name="Sam", password=None, locale="ur"), "participant",
                     sector="community", support_needs=["interpreter"])
    dee = add_member(lab, make_user(name="Dee"), "design_team", sector="nhs")
    if app is not None:
        with app.app_context():
            db.session.add_all([
                Outreach(lab_id=lab.id, person_name="Zara", email="zara@example.org", sector="community",
                         level="resident", status="accepted", inviter_id=dee, membership_id=sam,
                         support_needs=["creche"], interpreter_language="ur", notes="met at the library"),
                Outreach(lab_id=lab.id, person_name="Kay", status="to_invite", inviter_id=dee),
            ])
            db.session.commit()
    return lab


def test_export_has_the_lab_and_members_but_no_password_hash(app, make_lab, make_user, add_member):
    lab = _lab_with_people(make_lab, make_user, add_member)
    client = app.test_client()
    facilitator_email = "person1@example.org"
    client.post_form("/login", {"email": facilitator_email, "password": "correct horse battery"})
    response = client.get(f"/labs/{lab.id}/export.json")
    data = response.get_json()
    assert data["format"] == "labapp-export" and data["version"] == 1
    assert data["lab"]["id"] == lab.id and data["lab"]["question"] == "Who waits longest?"
    assert len(data["lab"]["stages"]) == 7
    assert {m["user"]["name"]: sorted(m["roles"]) for m in data["members"]} == {
        "Fran": ["facilitator"], "Sam": ["participant"], "Dee": ["design_team"]}
    text = response.get_data(as_text=True)
    assert "password" not in text and "scrypt" not in text and "pbkdf2" not in text
    assert lab.join_code not in text


def test_round_trip_gives_the_same_content_apart_from_ids(app, make_lab, make_user, add_member):
    lab = _lab_with_people(make_lab, make_user, add_member, app)
    with app.app_context():
        first = exchange.export_lab(db.session.get(Lab, lab.id))
        copy = exchange.import_lab(json.loads(json.dumps(first)))
        db.session.commit()
        second = exchange.export_lab(db.session.get(Lab, copy.id))
    assert copy.id != lab.id
    assert len(first["outreach"]) == 2
    assert _without_ids(first) == _without_ids(second)
    new_members = {m["id"]: m["user"]["name"] for m in second["members"]}
    zara = next(o for o in second["outreach"] if o["person_name"] == "Zara")
    assert new_members[zara["inviter_id"]] == "Dee" and new_members[zara["membership_id"]] == "Sam"


def test_cli_import_creates_a_new_lab(app, make_lab, make_user, add_member, tmp_path):
    lab = _lab_with_people(make_lab, make_user, add_member)
    with app.app_context():
        path = tmp_path / "lab.json"
        path.write_text(json.dumps(exchange.export_lab(db.session.get(Lab, lab.id))))
    result = app.test_cli_runner().invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output
    assert "Imported as lab" in result.output
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Lab.id))) == 2


def test_cli_import_refuses_a_file_that_is_not_an_export(app, tmp_path):
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"format": "something-else"}))
    result = app.test_cli_runner().invoke(args=["import", str(path)])
    assert result.exit_code != 0
    assert "not a labapp export file" in result.output


def test_import_finds_people_by_email_in_any_case_and_creates_each_newcomer_once(app, make_lab, make_user,
                                                                                 add_member):
    lab = _lab_with_people(make_lab, make_user, add_member)
    with app.app_context():
        data = exchange.export_lab(db.session.get(Lab, lab.id))
        people_before = db.session.scalar(db.select(db.func.count(User.id)))
    dee = next(m for m in data["members"] if m["user"]["name"] == "Dee")
    dee_id, dee["user"]["email"] = dee["user"]["id"], f"  {dee['user']['email'].upper()} "
    newcomer = {"user": {"name": "Nia", "email": "Nia@Example.org", "locale": "pl"}, "sector": "vcse",
                "support_needs": [], "roles": ["participant"], "joined_at": None}
    nameless = {"user": {"name": "Ola", "email": None, "locale": None}, "sector": None, "support_needs": [],
                "roles": ["participant"], "joined_at": None}
    data["members"] += [{**newcomer, "id": 901}, {**nameless, "id": 902}, {**nameless, "id": 903},
                        {**newcomer, "id": 904, "roles": ["no_such_role"]}]
    with app.app_context():
        copy = exchange.import_lab(json.loads(json.dumps(data)))
        db.session.commit()
        people = {m.user.name: m.user for m in copy.memberships}
        assert sorted(m.user.name for m in copy.memberships) == ["Dee", "Fran", "Nia", "Ola", "Ola", "Sam"]
        assert people["Dee"].id == dee_id and people["Dee"].email == dee["user"]["email"].strip().lower()
        assert people["Nia"].email == "nia@example.org" and people["Nia"].locale == "pl"
        assert not people["Nia"].password_hash
        # Sam has no email, so he comes over as a new person too: Sam, Nia and the two Olas are new.
        assert db.session.scalar(db.select(db.func.count(User.id))) == people_before + 4
