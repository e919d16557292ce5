"""Prototype pages render for the team and for readers, and the main flows work end to end."""
from labapp.extensions import db
from labapp.prototypes.models import Prototype, PrototypeMember


def test_a_team_member_sees_the_prototype_with_its_timeline_and_charts(app, client, team_lab, make_cycle,
                                                                        make_measure):
    pid = team_lab["ids"]["prototype"]
    make_cycle(pid, plan_objective="Ask at reception")
    make_measure(pid, [3, 4, 5, 4, 6, 7, 8, 9, 9, 10, 11], name="Referrals a week", goal=10)
    client.login_as(team_lab["people"]["mo"])
    page = client.get(f"/labs/{team_lab['lab'].id}/prototypes/{pid}/").get_data(as_text=True)
    assert "Warm homes" in page and "Ask at reception" in page
    assert "<svg " in page and "ns0:" not in page
    assert "Start cycle 2" in page
    assert 'class="chart run-chart"' in page and "Referrals a week" in page
    assert "A run of" in page or "crosses the median" in page
    index = client.get(f"/labs/{team_lab['lab'].id}/prototypes/").get_data(as_text=True)
    assert "Warm homes" in index and "Lead: Lee Lead" in index


def test_a_team_member_adds_a_prototype_and_becomes_its_lead(app, client, team_lab):
    client.login_as(team_lab["people"]["mo"])
    lab_id = team_lab["lab"].id
    form = client.get(f"/labs/{lab_id}/prototypes/new").get_data(as_text=True)
    assert "1. One" in form
    bad = client.post_form(f"/labs/{lab_id}/prototypes/new", {"name": "", "cycle_weeks": "60", "aim": "kept aim"})
    page = bad.get_data(as_text=True)
    assert "Give the prototype a name." in page and "Choose between 1 and 52 weeks." in page and "kept aim" in page
    response = client.post_form(f"/labs/{lab_id}/prototypes/new", {
        "name": "Text reminders", "propositions": ["2"], "aim": "Fewer missed appointments", "cycle_weeks": "6",
        "status": "forming", "lead_id": str(team_lab["ids"]["mo"]), "starts_on": "2027-04-05"})
    assert response.status_code == 302
    with app.app_context():
        prototype = db.session.scalar(db.select(Prototype).where(Prototype.name == "Text reminders"))
        assert prototype.propositions == [2] and prototype.starts_on.isoformat() == "2027-04-05"
        assert [(m.membership_id, m.role) for m in prototype.team] == [(team_lab["ids"]["mo"], "lead")]


def test_the_team_changes_its_own_lead(app, client, team_lab):
    lab_id, pid = team_lab["lab"].id, team_lab["ids"]["prototype"]
    client.login_as(team_lab["people"]["mo"])
    response = client.post_form(f"/labs/{lab_id}/prototypes/{pid}/team",
                                {"membership_id": str(team_lab["ids"]["mo"]), "role": "lead"})
    assert response.status_code == 302
    with app.app_context():
        roles = {m.membership_id: m.role for m in db.session.scalars(
            db.select(PrototypeMember).where(PrototypeMember.prototype_id == pid))}
        assert roles[team_lab["ids"]["mo"]] == "lead" and roles[team_lab["ids"]["lee"]] == "member"
        assert list(roles.values()).count("lead") == 1
        lee_row = db.session.scalar(db.select(PrototypeMember).where(
            PrototypeMember.membership_id == team_lab["ids"]["lee"]))
        lee_row_id = lee_row.id
    # Taking Lee off the team removes her right to edit.
    assert client.post_form(f"/labs/{lab_id}/prototypes/{pid}/team/{lee_row_id}/remove").status_code == 302
    lee = app.test_client()
    lee.login_as(team_lab["people"]["lee"])
    assert lee.get(f"/labs/{lab_id}/prototypes/{pid}/edit").status_code == 403
    # Someone from another lab cannot be added.
    other = client.post_form(f"/labs/{lab_id}/prototypes/{pid}/team", {"membership_id": "9999", "role": "member"})
    assert other.status_code == 200 and "Choose from the list." in other.get_data(as_text=True)


def test_the_prototype_page_starts_the_proposal_and_then_links_to_it(app, client, team_lab):
    from tests.helpers import html_text

    lab_id, prototype_id = team_lab["lab"].id, team_lab["ids"]["prototype"]
    client.login_as(team_lab["people"]["rita"])
    page = html_text(client.get(f"/labs/{lab_id}/prototypes/{prototype_id}/"))
    assert "/proposals/start/" not in page, "a reader outside the team is not offered to start the proposal"
    client.post_form("/logout")
    client.login_as(team_lab["people"]["lee"])
    page = html_text(client.get(f"/labs/{lab_id}/prototypes/{prototype_id}/"))
    assert f'action="/labs/{lab_id}/proposals/start/{prototype_id}"' in page
    response = client.post_form(f"/labs/{lab_id}/proposals/start/{prototype_id}")
    assert response.status_code == 302
    proposal_url = response.headers["Location"].replace("edit", "")
    page = html_text(client.get(f"/labs/{lab_id}/prototypes/{prototype_id}/"))
    assert f'href="{proposal_url}"' in page and "/proposals/start/" not in page
