"""Ties between actors: added, edited and removed from either end; no tie to itself, no duplicates."""
from labapp.extensions import db
from labapp.systemmap.models import Tie
from tests.helpers import html_text
from tests.systemmap.conftest import signed_in


def _ties(app):
    with app.app_context():
        return sorted((t.source_id, t.target_id, t.kind, t.strength, t.note)
                      for t in db.session.scalars(db.select(Tie)))


def test_a_tie_added_on_one_actor_shows_on_both(app, map_lab, make_actor):
    lab = map_lab.lab
    pcn, surgery = make_actor(lab, "Riverside PCN"), make_actor(lab, "Riverside Surgery")
    client = signed_in(app, map_lab.designer)
    response = client.post_form(f"/labs/{lab.id}/map/actors/{surgery}", {
        "other": str(pcn), "direction": "in", "kind": "funds", "strength": "3", "note": "Since 2024"})
    assert response.status_code == 302
    assert _ties(app) == [(pcn, surgery, "funds", 3, "Since 2024")]
    surgery_page = html_text(client.get(f"/labs/{lab.id}/map/actors/{surgery}"))
    pcn_page = html_text(client.get(f"/labs/{lab.id}/map/actors/{pcn}"))
    for page, other in ((surgery_page, "Riverside PCN"), (pcn_page, "Riverside Surgery")):
        assert other in page and "Funds" in page and "Strong" in page and "Since 2024" in page


def test_a_tie_to_itself_and_a_duplicate_are_refused_with_a_message(app, map_lab, make_actor, make_tie):
    lab = map_lab.lab
    a, b = make_actor(lab, "Alpha"), make_actor(lab, "Beta")
    make_tie(lab, a, b, kind="trusts")
    client = signed_in(app, map_lab.designer)
    response = client.post_form(f"/labs/{lab.id}/map/actors/{a}", {
        "other": str(b), "direction": "out", "kind": "trusts", "strength": "1", "note": "again"})
    assert response.status_code == 200
    page = html_text(response)
    assert "Alpha already has a tie of this kind to Beta." in page
    assert "again" in page, "the note typed is kept"
    response = client.post_form(f"/labs/{lab.id}/map/actors/{a}", {
        "other": str(a), "direction": "out", "kind": "works_with", "strength": "2"})
    assert "Choose from the list." in html_text(response), "the actor itself is not offered"
    # The same kind the other way round is a different tie.
    assert client.post_form(f"/labs/{lab.id}/map/actors/{a}", {
        "other": str(b), "direction": "in", "kind": "trusts", "strength": "2"}).status_code == 302
    assert len(_ties(app)) == 2


def test_the_service_refuses_a_tie_to_itself(app, map_lab, make_actor):
    import pytest

    from labapp.labs.models import Lab
    from labapp.systemmap import service
    from labapp.systemmap.models import Actor

    a = make_actor(map_lab.lab, "Alpha")
    with app.app_context():
        actor = db.session.get(Actor, a)
        with pytest.raises(service.SelfTieError):
            service.add_tie(db.session.get(Lab, map_lab.lab.id), source=actor, target=actor, kind="trusts")


def test_a_tie_is_edited_and_removed_from_either_end(app, map_lab, make_actor, make_tie):
    lab = map_lab.lab
    a, b = make_actor(lab, "Alpha"), make_actor(lab, "Beta")
    tie = make_tie(lab, a, b, kind="works_with")
    make_tie(lab, a, b, kind="trusts")
    client = signed_in(app, map_lab.designer)
    assert f"/map/ties/{tie}/edit?from={b}" in client.get(f"/labs/{lab.id}/map/actors/{b}").get_data(as_text=True)
    response = client.post_form(f"/labs/{lab.id}/map/ties/{tie}/edit?from={b}",
                                {"kind": "trusts", "strength": "1", "note": "x"})
    assert response.status_code == 200
    assert "Alpha already has a tie of this kind to Beta." in html_text(response)
    response = client.post_form(f"/labs/{lab.id}/map/ties/{tie}/edit?from={b}",
                                {"kind": "refers_to", "strength": "1", "note": "Weekly"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/map/actors/{b}#ties")
    assert (a, b, "refers_to", 1, "Weekly") in _ties(app)
    page = html_text(client.get(f"/labs/{lab.id}/map/ties/{tie}/delete?from={a}"))
    assert "Remove the tie from Alpha to Beta?" in page
    response = client.post_form(f"/labs/{lab.id}/map/ties/{tie}/delete?from={a}")
    assert response.headers["Location"].endswith(f"/map/actors/{a}#ties")
    assert _ties(app) == [(a, b, "trusts", 2, "")]


def test_back_link_only_goes_to_an_end_of_the_tie(app, map_lab, make_actor, make_tie):
    lab = map_lab.lab
    a, b, c = make_actor(lab, "Alpha"), make_actor(lab, "Beta"), make_actor(lab, "Gamma")
    tie = make_tie(lab, a, b)
    client = signed_in(app, map_lab.designer)
    response = client.post_form(f"/labs/{lab.id}/map/ties/{tie}/delete?from={c}")
    assert response.headers["Location"].endswith(f"/map/actors/{a}#ties")


def test_an_actor_alone_cannot_be_tied_and_is_told_why(app, map_lab, make_actor):
    a = make_actor(map_lab.lab, "Alone")
    page = html_text(signed_in(app, map_lab.designer).get(f"/labs/{map_lab.lab.id}/map/actors/{a}"))
    assert "Add another actor to the map first" in page
