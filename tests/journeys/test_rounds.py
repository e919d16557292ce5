"""Preference rounds: people rank visits, the organisers allocate mixed groups, adjust by hand and publish."""
from labapp.extensions import db
from labapp.journeys.models import Preference, PreferenceRound
from tests.helpers import html_text

from .helpers import notices_for, visit_state


def _round(app):
    with app.app_context():
        round_ = db.session.scalar(db.select(PreferenceRound))
        db.session.expunge(round_)
        return round_


def test_a_round_from_choices_to_published_mixed_groups(app, facilitator_client, make_visit, participant):
    client, lab, _ = facilitator_client
    from datetime import time
    gp = make_visit(lab, title="GP practice", capacity=2)
    food = make_visit(lab, title="Food network", capacity=2, starts=time(14), ends=time(16))
    response = client.post_form(f"/labs/{lab.id}/journeys/rounds/new", {"title": "February visits",
                                                                        "visits": [str(gp), str(food)]})
    assert response.status_code == 302
    round_id = _round(app).id
    # Two NHS people and two residents all put the GP practice first.
    people = [participant(lab, sector=sector) for sector in ("nhs", "nhs", "community", "community")]
    for user, _member in people:
        person = app.test_client()
        person.login_as(user)
        assert person.post_form(f"/labs/{lab.id}/journeys/rounds/{round_id}/choose",
                                {"first": str(gp), "second": str(food), "third": "0"}).status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Preference.id))) == 8
    same = app.test_client()
    same.login_as(people[0][0])
    page = html_text(same.post_form(f"/labs/{lab.id}/journeys/rounds/{round_id}/choose",
                                    {"first": str(gp), "second": str(gp)}))
    assert "Choose a different visit for each choice." in page

    client.post_form(f"/labs/{lab.id}/journeys/rounds/{round_id}/allocate")
    round_ = _round(app)
    assert round_.status == "closed"
    groups = {}
    for member, visit_id in round_.allocation.items():
        groups.setdefault(visit_id, []).append(int(member))
    sectors = dict(zip([m for _u, m in people], ["nhs", "nhs", "community", "community"]))
    for members in groups.values():
        assert len(members) == 2 and {sectors[m] for m in members} == {"nhs", "community"}
    page = html_text(client.get(f"/labs/{lab.id}/journeys/rounds/{round_id}/"))
    assert "2 people got their first choice" in page and "2 people got their second choice" in page
    assert "NHS: 1" in page and "Community member or resident: 1" in page

    # Choices are closed now.
    late = app.test_client()
    late.login_as(people[1][0])
    page = html_text(late.post_form(f"/labs/{lab.id}/journeys/rounds/{round_id}/choose",
                                    {"first": str(food)}, follow_redirects=True))
    assert "The round is closed: choices can no longer change." in page

    # Moving someone into a full visit is refused; moving to "no place" works.
    someone = groups[food][0]
    page = html_text(client.post_form(f"/labs/{lab.id}/journeys/rounds/{round_id}/move",
                                      {"member": str(someone), "visit": str(gp)}, follow_redirects=True))
    assert "That visit has no free place left." in page
    client.post_form(f"/labs/{lab.id}/journeys/rounds/{round_id}/move", {"member": str(someone), "visit": ""})
    assert _round(app).allocation[str(someone)] is None

    client.post_form(f"/labs/{lab.id}/journeys/rounds/{round_id}/publish")
    assert _round(app).status == "published"
    assert sorted(visit_state(app, gp)[2]) == sorted(groups[gp])
    assert visit_state(app, food)[2] == [m for m in groups[food] if m != someone]
    assert notices_for(app, groups[gp][0]) == [("allocated", gp, False)]
    assert notices_for(app, someone) == []


def test_participants_cannot_run_a_round(app, client, make_lab, make_visit, participant):
    lab = make_lab()
    make_visit(lab)
    user, _ = participant(lab)
    client.login_as(user)
    assert client.get(f"/labs/{lab.id}/journeys/rounds/new").status_code == 403
