"""Who sees what: every member views the map; only the design team sees named people and changes anything."""
import subprocess

import pytest

from labapp.extensions import db
from labapp.systemmap.models import Actor, Tie
from tests.systemmap.conftest import signed_in

SECRET = "Dr Zaynab Secret"


@pytest.fixture
def mapped(map_lab, make_actor, make_tie):
    """A lab map with a named person tied to an organisation, a part under the person, and tags."""
    lab = map_lab.lab
    org = make_actor(lab, "Riverside PCN", tags=["primary care"])
    person = make_actor(lab, SECRET, kind="person", tags=["secret-tag"], services="secret services")
    part = make_actor(lab, "Her clinic", parent=person)
    make_tie(lab, org, person, note="note about person")
    make_tie(lab, org, part)
    return {"lab": lab, "org": org, "person": person, "part": part}


VIEW_PAGES = ["map", "map.json", "map.svg", "map/actors", "map/actors?kind=person", "map/actors?untied=1",
              "map/actors.csv", "map/ties.csv", "map/actors/{org}", "map/actors/{part}"]


def test_participant_sees_the_map_but_never_a_named_person(app, map_lab, mapped, tmp_path):
    client = signed_in(app, map_lab.participant)
    lab = mapped["lab"]
    for path in VIEW_PAGES:
        response = client.get(f"/labs/{lab.id}/" + path.format(**mapped))
        assert response.status_code == 200, path
        text = response.get_data(as_text=True)
        for secret in ("Zaynab", "note about person", "secret-tag", "secret services"):
            assert secret not in text, (path, secret)
    assert "0 actors found." in client.get(f"/labs/{lab.id}/map/actors?q=zay").get_data(as_text=True)
    assert "0 actors found." in client.get(f"/labs/{lab.id}/map/actors?tag=secret-tag").get_data(as_text=True)
    assert "Riverside PCN" in client.get(f"/labs/{lab.id}/map.json").get_data(as_text=True)
    assert client.get(f"/labs/{lab.id}/map/actors/{mapped['person']}").status_code == 404
    pdf = tmp_path / "map.pdf"
    pdf.write_bytes(client.get(f"/labs/{lab.id}/system-map.pdf?lang=en").data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    assert "Riverside PCN" in text and "Zaynab" not in text


def test_design_team_sees_named_people_everywhere(app, map_lab, mapped):
    client = signed_in(app, map_lab.designer)
    lab = mapped["lab"]
    for path in ["map.json", "map.svg", "map/actors", "map/actors.csv", "map/ties.csv", "map/actors/{org}"]:
        assert SECRET in client.get(f"/labs/{lab.id}/" + path.format(**mapped)).get_data(as_text=True), path


def test_participant_cannot_change_anything(app, map_lab, mapped):
    client = signed_in(app, map_lab.participant)
    lab, org = mapped["lab"], mapped["org"]
    with app.app_context():
        tie_id = db.session.scalar(db.select(db.func.min(Tie.id)))
    for path in ["map/actors/new", f"map/actors/{org}/edit", f"map/actors/{org}/delete", f"map/ties/{tie_id}/edit",
                 f"map/ties/{tie_id}/delete", "map/import", "map/import?what=actors"]:
        assert client.get(f"/labs/{lab.id}/{path}").status_code == 403, path
        assert client.post_form(f"/labs/{lab.id}/{path}", {"name": "x", "kind": "group"}).status_code == 403, path
    for path in ["map/actors-template.csv", "map/ties-template.csv"]:
        assert client.get(f"/labs/{lab.id}/{path}").status_code == 403, path
    assert client.post_form(f"/labs/{lab.id}/map/actors/{org}", {"other": str(mapped["part"]), "direction": "out",
                                                                 "kind": "trusts", "strength": "2"}).status_code == 403
    assert "Add a tie" not in client.get(f"/labs/{lab.id}/map/actors/{org}").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Actor.id))) == 3


def test_another_labs_actor_and_tie_are_404_on_every_route(app, map_lab, mapped, make_lab, make_actor, make_tie):
    other = make_lab(creator=map_lab.facilitator, name="Other lab")
    foreign_a, foreign_b = make_actor(other, "Foreign A"), make_actor(other, "Foreign B")
    foreign_tie = make_tie(other, foreign_a, foreign_b)
    client = signed_in(app, map_lab.facilitator)
    lab = mapped["lab"]
    for path in [f"map/actors/{foreign_a}", f"map/actors/{foreign_a}/edit", f"map/actors/{foreign_a}/delete",
                 f"map/ties/{foreign_tie}/edit", f"map/ties/{foreign_tie}/delete"]:
        assert client.get(f"/labs/{lab.id}/{path}").status_code == 404, path
        assert client.post_form(f"/labs/{lab.id}/{path}", {"kind": "trusts", "strength": "2"}).status_code == 404, path
    response = client.post_form(f"/labs/{lab.id}/map/actors/{mapped['org']}", {
        "other": str(foreign_a), "direction": "out", "kind": "trusts", "strength": "2"})
    assert response.status_code == 200 and "Choose from the list." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Actor, foreign_a) is not None


def test_a_tie_with_a_named_person_is_hidden_from_a_participant(app, map_lab, mapped):
    lab = mapped["lab"]
    designer, participant = signed_in(app, map_lab.designer), signed_in(app, map_lab.participant)
    assert "note about person" in designer.get(f"/labs/{lab.id}/map/actors/{mapped['org']}").get_data(as_text=True)
    page = participant.get(f"/labs/{lab.id}/map/actors/{mapped['org']}").get_data(as_text=True)
    assert "Her clinic" in page and "note about person" not in page
    assert "Part of" not in participant.get(f"/labs/{lab.id}/map/actors/{mapped['part']}").get_data(as_text=True)


def test_people_outside_the_lab_get_404(app, mapped, make_user):
    stranger = signed_in(app, make_user(name="Stranger"))
    for path in ["map", "map.json", "map.svg", "map/actors", "map/actors.csv", "system-map.pdf"]:
        assert stranger.get(f"/labs/{mapped['lab'].id}/{path}").status_code == 404, path
    anonymous = app.test_client()
    assert anonymous.get(f"/labs/{mapped['lab'].id}/map").status_code in (302, 401)
