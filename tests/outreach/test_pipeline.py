"""The invitation pipeline: steps, links that make members, my invitations, and who may see it."""
import re

import pytest

from labapp.extensions import db
from labapp.labs.models import Membership
from labapp.outreach import service
from labapp.outreach.models import Outreach
from labapp.systemmap.models import Actor
from labapp.workshops.models import Workshop
from tests.conftest import PASSWORD
from tests.helpers import find, html_text

BASE = {"person_name": "", "email": "", "actor_id": "", "sector": "", "level": "", "workshop_id": "",
        "inviter_id": "", "interpreter_language": "", "notes": ""}


@pytest.fixture
def team(app, make_user, make_lab, add_member):
    facilitator = make_user(name="Fran")
    lab = make_lab(creator=facilitator)
    designer = make_user(name="Dee")
    dee_id = add_member(lab, designer, "design_team")
    client = app.test_client()
    client.login_as(designer)
    return lab, client, dee_id


def _add(client, lab, **fields):
    return client.post_form(f"/labs/{lab.id}/outreach/new", {**BASE, **fields})


def _only(app, lab):
    with app.app_context():
        return db.session.scalars(db.select(Outreach).where(Outreach.lab_id == lab.id)).one()


def test_design_team_adds_a_person_and_sees_them_on_the_list(app, team):
    lab, client, dee_id = team
    response = _add(client, lab, person_name="Zara", sector="community", level="resident", inviter_id=str(dee_id))
    assert response.status_code == 302
    page = html_text(client.get(f"/labs/{lab.id}/outreach/"))
    assert "Zara" in page and "To invite" in page
    outreach = _only(app, lab)
    assert (outreach.sector, outreach.level, outreach.status, outreach.inviter_id) == ("community", "resident", "to_invite", dee_id)


def test_a_name_or_an_actor_is_needed_and_typed_values_stay(team):
    lab, client, _ = team
    page = html_text(_add(client, lab, email="someone@example.org", notes="met at the food bank"))
    assert "Give a person's name or choose someone from the system map." in page
    assert 'value="someone@example.org"' in page and "met at the food bank" in page


def test_sector_and_level_come_from_the_actor_when_left_empty(app, team):
    lab, client, _ = team
    with app.app_context():
        actor = Actor(lab_id=lab.id, kind="organisation", name="Food Network", sector="vcse", level="manager")
        db.session.add(actor)
        db.session.commit()
        actor_id = actor.id
    _add(client, lab, actor_id=str(actor_id))
    outreach = _only(app, lab)
    assert (outreach.sector, outreach.level) == ("vcse", "manager")
    assert "Food Network" in html_text(client.get(f"/labs/{lab.id}/outreach/"))


def test_another_labs_actor_or_workshop_cannot_be_chosen(app, team, make_lab):
    lab, client, _ = team
    other = make_lab(name="Other")
    with app.app_context():
        actor = Actor(lab_id=other.id, kind="organisation", name="Elsewhere", sector="nhs")
        workshop = Workshop(lab_id=other.id, kind="observe", title="Their Observe", checkin_code="ZZZZZZ")
        db.session.add_all([actor, workshop])
        db.session.commit()
        actor_id, workshop_id = actor.id, workshop.id
    assert _add(client, lab, person_name="X", actor_id=str(actor_id)).status_code == 200
    assert _add(client, lab, person_name="X", workshop_id=str(workshop_id)).status_code == 200
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Outreach.id))) == 0


@pytest.mark.parametrize("path", [
    ["to_invite", "invited", "accepted", "attended"],
    ["to_invite", "invited", "declined", "invited", "accepted"],
    ["to_invite", "declined"],
    ["to_invite", "invited", "accepted", "attended", "accepted"],
])
def test_allowed_moves_along_the_pipeline(app, team, path):
    lab, client, _ = team
    _add(client, lab, person_name="Zara")
    outreach_id = _only(app, lab).id
    for status in path[1:]:
        client.post_form(f"/labs/{lab.id}/outreach/{outreach_id}/move", {"status": status})
        assert _only(app, lab).status == status


@pytest.mark.parametrize("start,refused", [("to_invite", "attended"), ("to_invite", "accepted"),
                                           ("declined", "attended"), ("invited", "bogus")])
def test_moves_that_skip_steps_are_refused(app, team, start, refused):
    lab, client, _ = team
    with app.app_context():
        outreach = Outreach(lab_id=lab.id, person_name="Zara", status=start)
        db.session.add(outreach)
        db.session.commit()
        outreach_id = outreach.id
    response = client.post_form(f"/labs/{lab.id}/outreach/{outreach_id}/move", {"status": refused})
    assert "That step is not possible from here." in html_text(client.get(response.headers["Location"]))
    assert _only(app, lab).status == start


def test_invitation_link_marks_invited_and_accepting_makes_a_member(app, team):
    lab, client, _ = team
    _add(client, lab, person_name="Zara", email="zara@example.org", sector="community")
    outreach_id = _only(app, lab).id
    client.post_form(f"/labs/{lab.id}/outreach/{outreach_id}/link")
    assert _only(app, lab).status == "invited"
    link = find(r'id="invite-link" readonly value="([^"]+)"', client.get(f"/labs/{lab.id}/outreach/"))
    guest = app.test_client()
    path = link.split("localhost", 1)[1]
    response = guest.post_form(path, {"name": "Zara", "locale": "ur", "password": PASSWORD})
    assert response.status_code == 302
    outreach = _only(app, lab)
    assert outreach.status == "accepted"
    with app.app_context():
        member = db.session.get(Membership, outreach.membership_id)
        assert member.user.email == "zara@example.org" and member.roles == {"participant"}
        assert member.sector == "community"


def test_a_link_needs_an_email_address(app, team):
    lab, client, _ = team
    _add(client, lab, person_name="No Email")
    outreach_id = _only(app, lab).id
    response = client.post_form(f"/labs/{lab.id}/outreach/{outreach_id}/link")
    assert response.headers["Location"].endswith("/edit")
    assert _only(app, lab).status == "to_invite"


def test_my_invitations_groups_mine_by_next_step(app, team):
    lab, client, dee_id = team
    _add(client, lab, person_name="Mine One", inviter_id=str(dee_id))
    _add(client, lab, person_name="Mine Two", inviter_id=str(dee_id))
    _add(client, lab, person_name="Someone Else's")
    with app.app_context():
        two = db.session.scalar(db.select(Outreach).where(Outreach.person_name == "Mine Two"))
        two.status = "invited"
        db.session.commit()
    page = html_text(client.get(f"/labs/{lab.id}/outreach/mine")).split("<h1>", 1)[1]
    assert "Mine One" in page and "Mine Two" in page and "Someone Else" not in page
    assert page.index("Invite them, then mark them as invited.") < page.index("Mine One")
    assert page.index("Wait for an answer, or ask again.") < page.index("Mine Two")


def test_removing_asks_first(app, team):
    lab, client, _ = team
    _add(client, lab, person_name="Zara")
    outreach_id = _only(app, lab).id
    assert "Remove Zara from the invitation list?" in html_text(client.get(f"/labs/{lab.id}/outreach/{outreach_id}/delete"))
    client.post_form(f"/labs/{lab.id}/outreach/{outreach_id}/delete")
    with app.app_context():
        assert db.session.get(Outreach, outreach_id) is None


def test_participants_cannot_see_the_invitation_list(app, make_user, make_lab, add_member):
    lab = make_lab()
    person = make_user()
    add_member(lab, person, "participant")
    client = app.test_client()
    client.login_as(person)
    for url in (f"/labs/{lab.id}/outreach/", f"/labs/{lab.id}/outreach/mine", f"/labs/{lab.id}/balance",
                f"/labs/{lab.id}/outreach.csv", f"/labs/{lab.id}/outreach/new", f"/labs/{lab.id}/outreach/import"):
        assert client.get(url).status_code == 403, url
    assert "Invitation list" not in html_text(client.get(f"/labs/{lab.id}/"))


def test_another_labs_invitation_is_404(app, team, make_lab):
    lab, client, _ = team
    other = make_lab(name="Other")
    with app.app_context():
        outreach = Outreach(lab_id=other.id, person_name="Theirs")
        db.session.add(outreach)
        db.session.commit()
        outreach_id = outreach.id
    assert client.get(f"/labs/{lab.id}/outreach/{outreach_id}/edit").status_code == 404
    assert client.post_form(f"/labs/{lab.id}/outreach/{outreach_id}/move", {"status": "invited"}).status_code == 404
    assert client.post_form(f"/labs/{lab.id}/outreach/{outreach_id}/delete").status_code == 404
    assert client.get(f"/labs/{other.id}/outreach/").status_code == 404


def test_check_in_moves_an_accepted_member_to_attended(app, team):
    lab, _client, dee_id = team
    with app.app_context():
        workshop = Workshop(lab_id=lab.id, kind="observe", title="Observe", checkin_code="CHK111")
        db.session.add(workshop)
        db.session.flush()
        mine = Outreach(lab_id=lab.id, person_name="Dee", workshop_id=workshop.id, membership_id=dee_id, status="accepted")
        declined = Outreach(lab_id=lab.id, person_name="Dee", workshop_id=None, membership_id=dee_id, status="declined")
        db.session.add_all([mine, declined])
        db.session.commit()
        assert service.mark_attended(workshop.id, dee_id) == 1
        db.session.commit()
        assert db.session.get(Outreach, mine.id).status == "attended"
        assert db.session.get(Outreach, declined.id).status == "declined"


def test_long_lists_page_and_keep_their_filters(app, team):
    lab, client, _ = team
    with app.app_context():
        db.session.add_all([Outreach(lab_id=lab.id, person_name=f"Person {n:02d}", status="invited") for n in range(55)])
        db.session.add(Outreach(lab_id=lab.id, person_name="Not invited yet"))
        db.session.commit()
    page = html_text(client.get(f"/labs/{lab.id}/outreach/?status=invited"))
    assert "Page 1 of 2" in page and "Not invited yet" not in page
    next_link = re.search(r'href="([^"]+)">Next page', page).group(1)
    assert "status=invited" in next_link and "page=2" in next_link
    second = html_text(client.get(next_link.replace("&amp;", "&")))
    assert second.count("<bdi>Person ") == 5


def test_page_links_never_take_url_building_options_from_the_query_string(app, team):
    lab, client, _ = team
    with app.app_context():
        db.session.add_all([Outreach(lab_id=lab.id, person_name=f"P{n}") for n in range(55)])
        db.session.commit()
    response = client.get(f"/labs/{lab.id}/outreach/?_anchor=evil&_external=1&_method=DELETE&status=to_invite")
    assert response.status_code == 200
    link = re.search(r'href="([^"]+)">Next page', response.get_data(as_text=True)).group(1)
    assert link.startswith("/labs/") and "#" not in link and "evil" not in link and "status=to_invite" in link
