"""Prototype pages render for the team and for readers, and the main flows work end to end."""
from labapp.extensions import db
from labapp.prototypes.models import Prototype, PrototypeMember
from tests.helpers import html_text


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


def test_the_team_page_offers_only_the_people_found_by_name(app, client, team_lab, make_user, add_member):
    lab, pid = team_lab["lab"], team_lab["ids"]["prototype"]
    outsider = add_member(team_lab["other_lab"], make_user(name="Rita Outsider", password=None), "participant")
    url = f"/labs/{lab.id}/prototypes/{pid}/team"
    client.login_as(team_lab["people"]["mo"])
    page = html_text(client.get(url))
    assert "Find a person by name" in page and "Type part of their name and press Search." in page
    assert "Rita Reader" not in page and 'name="membership_id"' not in page, "nobody is listed before a search"
    page = html_text(client.get(url + "?q=RIT"))
    assert f'<option selected value="{team_lab["ids"]["rita"]}">Rita Reader</option>' in page, "the one found"
    assert 'value="RIT"' in page
    assert "Rita Outsider" not in page, "another lab's member is never offered"
    assert "Nobody in the lab matches “Nobody”." in html_text(client.get(url + "?q=Nobody"))
    # Another lab's member cannot be posted, even with their name searched.
    response = client.post_form(url, {"membership_id": str(outsider), "role": "member", "q": "rita"})
    assert response.status_code == 200 and "Choose from the list." in html_text(response)
    response = client.post_form(url, {"membership_id": str(team_lab["ids"]["rita"]), "role": "coach", "q": "rit"})
    assert response.status_code == 302
    with app.app_context():
        roles = {m.membership_id: m.role for m in db.session.scalars(
            db.select(PrototypeMember).where(PrototypeMember.prototype_id == pid))}
    assert roles[team_lab["ids"]["rita"]] == "coach" and outsider not in roles


def test_the_team_search_shows_the_first_twenty_and_says_there_are_more(app, client, team_lab, make_user,
                                                                       add_member):
    lab, pid = team_lab["lab"], team_lab["ids"]["prototype"]
    for n in range(21):
        add_member(lab, make_user(name=f"Resident {n:02d}", password=None), "participant")
    client.login_as(team_lab["people"]["mo"])
    page = html_text(client.get(f"/labs/{lab.id}/prototypes/{pid}/team?q=resident"))
    assert page.count(">Resident ") == 20 and "Resident 19" in page and "Resident 20" not in page
    assert "Only the first matches are shown. Type more of the name." in page
    page = html_text(client.get(f"/labs/{lab.id}/prototypes/{pid}/team?q=resident 20"))
    assert "Resident 20" in page and "Only the first matches" not in page


def test_a_search_for_the_lead_keeps_what_was_typed_and_saves_nothing(app, client, team_lab, make_user, add_member):
    lab_id, ids = team_lab["lab"].id, team_lab["ids"]
    outsider = add_member(team_lab["other_lab"], make_user(name="Rita Outsider", password=None), "participant")
    client.login_as(team_lab["people"]["mo"])
    page = html_text(client.get(f"/labs/{lab_id}/prototypes/new"))
    assert f'<option selected value="{ids["mo"]}">Mo Member</option>' in page, "the creator leads by default"
    assert "Rita Reader" not in page and "Lee Lead" not in page, "nobody else is listed before a search"
    typed = {"name": "Text reminders", "aim": "Fewer missed appointments", "cycle_weeks": "6", "status": "forming",
             "lead_id": str(ids["mo"]), "propositions": ["2"]}
    page = html_text(client.post_form(f"/labs/{lab_id}/prototypes/new", {**typed, "q": "rita", "search": "1"}))
    assert 'value="Text reminders"' in page and "Fewer missed appointments" in page and 'value="rita"' in page
    assert f'<option value="{ids["rita"]}">Rita Reader</option>' in page and "Rita Outsider" not in page
    assert f'<option selected value="{ids["mo"]}">Mo Member</option>' in page
    assert "There is a problem" not in page
    with app.app_context():
        assert db.session.scalar(db.select(Prototype).where(Prototype.name == "Text reminders")) is None
    page = html_text(client.post_form(f"/labs/{lab_id}/prototypes/new", {**typed, "lead_id": str(outsider)}))
    assert "Choose from the list." in page and 'value="Text reminders"' in page
    response = client.post_form(f"/labs/{lab_id}/prototypes/new", {**typed, "lead_id": str(ids["rita"]), "q": "rita"})
    assert response.status_code == 302
    with app.app_context():
        prototype = db.session.scalar(db.select(Prototype).where(Prototype.name == "Text reminders"))
        assert [(m.membership_id, m.role) for m in prototype.team] == [(ids["rita"], "lead")]
