"""Adding, changing and deleting actors on the map: validation keeps what was typed; parents never cycle."""
from labapp.extensions import db
from labapp.systemmap.models import Actor, Tie
from tests.helpers import html_text
from tests.systemmap.conftest import signed_in


def _actor(app, actor_id):
    with app.app_context():
        actor = db.session.get(Actor, actor_id)
        return None if actor is None else {"name": actor.name, "kind": actor.kind, "sector": actor.sector,
                                           "level": actor.level, "tags": actor.tags, "services": actor.services,
                                           "notes": actor.notes, "parent_id": actor.parent_id}


def test_design_team_adds_an_actor_with_every_field(app, map_lab, make_actor):
    pcn = make_actor(map_lab.lab, "Riverside PCN")
    client = signed_in(app, map_lab.designer)
    response = client.post_form(f"/labs/{map_lab.lab.id}/map/actors/new", {
        "kind": "organisation", "name": "  Riverside Surgery ", "sector": "nhs", "level": "frontline",
        "services": "GP appointments", "tags": "GP practice, primary care ,gp practice,, ", "notes": "Busy",
        "parent": str(pcn)})
    assert response.status_code == 302
    actor_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    assert _actor(app, actor_id) == {"name": "Riverside Surgery", "kind": "organisation", "sector": "nhs",
                                     "level": "frontline", "tags": ["GP practice", "primary care"],
                                     "services": "GP appointments", "notes": "Busy", "parent_id": pcn}
    page = html_text(client.get(response.headers["Location"]))
    assert "Riverside Surgery" in page and "Riverside PCN" in page and "GP practice" in page


def test_a_missing_name_and_an_unknown_sector_keep_what_was_typed(app, map_lab):
    client = signed_in(app, map_lab.designer)
    response = client.post_form(f"/labs/{map_lab.lab.id}/map/actors/new", {
        "kind": "group", "name": "", "sector": "martians", "level": "manager", "services": "Tea and talk",
        "tags": "faith group, women", "notes": "Meets Fridays", "parent": ""})
    assert response.status_code == 200
    page = html_text(response)
    assert "Enter the actor's name." in page
    assert "Choose from the list." in page
    assert "Tea and talk" in page and 'value="faith group, women"' in page and "Meets Fridays" in page
    assert '<option selected value="group">' in page or 'value="group" selected' in page
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Actor.id))) == 0


def test_editing_keeps_typed_values_and_saves(app, map_lab, make_actor):
    actor_id = make_actor(map_lab.lab, "Old name", tags=["a"])
    client = signed_in(app, map_lab.facilitator)
    url = f"/labs/{map_lab.lab.id}/map/actors/{actor_id}/edit"
    page = html_text(client.get(url))
    assert 'value="Old name"' in page and 'value="a"' in page
    response = client.post_form(url, {"kind": "team", "name": "New name", "sector": "", "level": "",
                                      "services": "", "tags": "", "notes": "", "parent": ""})
    assert response.status_code == 302
    assert _actor(app, actor_id) == {"name": "New name", "kind": "team", "sector": None, "level": None, "tags": [],
                                     "services": "", "notes": "", "parent_id": None}


def test_a_parent_that_would_make_a_cycle_is_refused(app, map_lab, make_actor):
    lab = map_lab.lab
    pcn = make_actor(lab, "PCN")
    practice = make_actor(lab, "Practice", parent=pcn)
    team = make_actor(lab, "Practice team", parent=practice)
    client = signed_in(app, map_lab.designer)
    response = client.post_form(f"/labs/{lab.id}/map/actors/{pcn}/edit", {
        "kind": "organisation", "name": "PCN renamed", "sector": "nhs", "level": "manager", "parent": str(team)})
    assert response.status_code == 200
    page = html_text(response)
    assert "That actor is part of this one, so it cannot also contain it." in page
    assert 'value="PCN renamed"' in page
    assert _actor(app, pcn)["parent_id"] is None and _actor(app, pcn)["name"] == "PCN"
    # An actor cannot be its own parent: it is not even offered.
    page = html_text(client.get(f"/labs/{lab.id}/map/actors/{pcn}/edit"))
    assert f'value="{pcn}"' not in page
    response = client.post_form(f"/labs/{lab.id}/map/actors/{pcn}/edit", {
        "kind": "organisation", "name": "PCN", "parent": str(pcn)})
    assert "Choose from the list." in html_text(response)


def test_a_parent_from_another_lab_is_not_a_choice(app, map_lab, make_actor, make_lab):
    other = make_lab(name="Other lab")
    foreign = make_actor(other, "Foreign PCN")
    client = signed_in(app, map_lab.designer)
    response = client.post_form(f"/labs/{map_lab.lab.id}/map/actors/new", {
        "kind": "organisation", "name": "Surgery", "parent": str(foreign)})
    assert response.status_code == 200
    assert "Choose from the list." in html_text(response)


def test_delete_asks_first_and_says_how_many_ties_go(app, map_lab, make_actor, make_tie):
    lab = map_lab.lab
    a, b, c = make_actor(lab, "A"), make_actor(lab, "B"), make_actor(lab, "C")
    part = make_actor(lab, "Part of A", parent=a)
    make_tie(lab, a, b)
    make_tie(lab, c, a, kind="funds")
    make_tie(lab, b, c)
    client = signed_in(app, map_lab.designer)
    url = f"/labs/{lab.id}/map/actors/{a}/delete"
    page = html_text(client.get(url))
    assert "Its 2 ties will be deleted with it." in page
    assert "1 actor is part of it" in page
    assert _actor(app, a) is not None, "asking deletes nothing"
    response = client.post_form(url)
    assert response.status_code == 302
    assert _actor(app, a) is None
    assert _actor(app, part)["parent_id"] is None
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Tie.id))) == 1


def test_list_filters_and_paginates(app, map_lab, make_actor, make_tie):
    lab = map_lab.lab
    for n in range(55):
        make_actor(lab, f"Group {n:02d}", kind="group", sector="vcse", level="frontline", tags=["faith group"])
    council = make_actor(lab, "Council", sector="local_authority", level="executive", tags=["Housing"],
                         services="housing advice")
    tied = make_actor(lab, "Tied surgery")
    make_tie(lab, council, tied)
    client = signed_in(app, map_lab.designer)
    base = f"/labs/{lab.id}/map/actors"
    page = html_text(client.get(base))
    assert "57 actors found." in page and "Page 1 of 2" in page
    page = html_text(client.get(base + "?sector=vcse&page=2"))
    assert "55 actors found." in page and "Group 54" in page and "Group 00" not in page
    assert "sector=vcse" in page, "pagination keeps the filters"
    assert "1 actor found." in html_text(client.get(base + "?tag=Housing"))
    assert "55 actors found." in html_text(client.get(base + "?tag=faith+group&level=frontline&kind=group"))
    assert "1 actor found." in html_text(client.get(base + "?q=HOUSING"))
    assert "1 actor found." in html_text(client.get(base + "?q=Tied"))
    page = html_text(client.get(base + "?untied=1"))
    assert "55 actors found." in page and "Council" not in page
    assert "0 actors found." in html_text(client.get(base + "?q=100%25"))
    assert "57 actors found." in html_text(client.get(base + "?sector=nowhere")), "unknown filters are ignored"


def test_empty_list_says_what_to_do_next(app, map_lab):
    page = html_text(signed_in(app, map_lab.designer).get(f"/labs/{map_lab.lab.id}/map/actors"))
    assert "No actors on the map yet." in page and "Import from CSV" in page
