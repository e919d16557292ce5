"""Creating and editing a lab, its home page, and who may see what."""
from datetime import date, timedelta

import pytest

from labapp.extensions import db
from labapp.labs.constants import STAGES
from labapp.labs.models import Lab, Membership
from tests.helpers import html_text

LAB_FORM = {
    "name": "Northside Lab", "place": "Northside", "question": "Why do some families wait longer?",
    "proposition_1": "P one", "proposition_2": "P two", "proposition_3": "P three",
    "starts_on": "2027-01-04", "ends_on": "2027-12-17",
}


@pytest.fixture
def facilitator(app, make_user):
    user = make_user(name="Fran")
    client = app.test_client()
    client.login_as(user)
    return user, client


def test_new_lab_form_offers_the_three_propositions(facilitator):
    _user, client = facilitator
    page = html_text(client.get("/labs/new"))
    assert "We treat the effects of poverty as medical problems" in page
    assert "Our services are not easy for everyone to reach and use." in page
    assert "We are not open about how care is rationed." in page


def test_facilitator_creates_a_lab_with_its_seven_stages(app, facilitator):
    user, client = facilitator
    response = client.post_form("/labs/new", LAB_FORM)
    assert response.status_code == 302
    with app.app_context():
        lab = db.session.scalar(db.select(Lab).where(Lab.name == "Northside Lab"))
        assert [s.code for s in lab.stages] == list(STAGES)
        assert lab.propositions == ["P one", "P two", "P three"]
        assert lab.starts_on == date(2027, 1, 4)
        assert lab.memberships[0].user_id == user.id and lab.memberships[0].roles == {"facilitator"}
    page = html_text(client.get(response.headers["Location"]))
    for label in ("Design team", "Data", "Workshops", "Learning journeys", "Prototypes",
                  "Check and challenge", "Community of practice"):
        assert label in page


def test_lab_form_keeps_what_was_typed_when_dates_are_wrong(facilitator):
    _user, client = facilitator
    data = dict(LAB_FORM, ends_on="2026-01-01", question="Keep this question")
    page = html_text(client.post_form("/labs/new", data))
    assert "The end date cannot be before the start date." in page
    assert "Keep this question" in page
    assert 'value="Northside Lab"' in page


def test_a_person_without_a_password_cannot_create_a_lab(app, make_lab):
    lab = make_lab()
    client = app.test_client()
    client.post_form(f"/join/{lab.join_code}", {"name": "Guest", "locale": "en"})
    response = client.get("/labs/new")
    assert response.status_code == 302 and response.headers["Location"].endswith("/account")


def test_home_shows_the_stage_now_and_the_next_one(app, facilitator, make_lab):
    user, client = facilitator
    lab = make_lab(creator=user)
    today = date.today()
    data = dict(LAB_FORM)
    for index in range(7):
        data[f"stages-{index}-starts_on"] = ""
        data[f"stages-{index}-ends_on"] = ""
    data["stages-0-starts_on"] = (today - timedelta(days=10)).isoformat()
    data["stages-0-ends_on"] = (today + timedelta(days=5)).isoformat()
    data["stages-1-starts_on"] = (today + timedelta(days=20)).isoformat()
    assert client.post_form(f"/labs/{lab.id}/edit", data).status_code == 302
    page = html_text(client.get(f"/labs/{lab.id}/"))
    assert "Now: Design team" in page
    assert "Next: Data, from" in page


def test_stage_end_before_start_is_refused(facilitator, make_lab):
    user, client = facilitator
    lab = make_lab(creator=user)
    data = dict(LAB_FORM, **{"stages-2-starts_on": "2027-03-01", "stages-2-ends_on": "2027-02-01"})
    page = html_text(client.post_form(f"/labs/{lab.id}/edit", data))
    assert "The end date cannot be before the start date." in page


def test_people_see_only_their_own_labs(app, make_user, make_lab, add_member):
    mine = make_lab(name="Mine")
    theirs = make_lab(name="Theirs")
    person = make_user()
    add_member(mine, person, "participant")
    client = app.test_client()
    client.login_as(person)
    page = html_text(client.get("/labs/"))
    assert "Mine" in page and "Theirs" not in page
    for url in (f"/labs/{theirs.id}/", f"/labs/{theirs.id}/edit", f"/labs/{theirs.id}/members",
                f"/labs/{theirs.id}/invitations", f"/labs/{theirs.id}/join-code", f"/labs/{theirs.id}/join-code.svg",
                f"/labs/{theirs.id}/summary.pdf", f"/labs/{theirs.id}/export.json", "/labs/99999/"):
        assert client.get(url).status_code == 404, url


def test_a_facilitator_of_one_lab_cannot_touch_another_labs_member(app, make_user, make_lab, add_member):
    facilitator = make_user()
    mine = make_lab(creator=facilitator)
    theirs = make_lab()
    stranger = make_user()
    their_member = add_member(theirs, stranger, "participant")
    client = app.test_client()
    client.login_as(facilitator)
    assert client.get(f"/labs/{mine.id}/members/{their_member}/roles").status_code == 404
    assert client.post_form(f"/labs/{mine.id}/members/{their_member}/remove").status_code == 404


def test_participants_cannot_manage_the_lab(app, make_user, make_lab, add_member):
    lab = make_lab()
    person = make_user()
    add_member(lab, person, "participant")
    client = app.test_client()
    client.login_as(person)
    assert client.get(f"/labs/{lab.id}/").status_code == 200
    for url in (f"/labs/{lab.id}/edit", f"/labs/{lab.id}/members", f"/labs/{lab.id}/export.json",
                f"/labs/{lab.id}/join-code"):
        assert client.get(url).status_code == 403, url


def test_members_page_counts_roles_and_sectors_and_pages_long_lists(app, facilitator, make_lab, make_user, add_member):
    user, client = facilitator
    lab = make_lab(creator=user)
    for n in range(55):
        add_member(lab, make_user(name=f"Resident {n:02d}", password=None), "participant", sector="community")
    page1 = html_text(client.get(f"/labs/{lab.id}/members"))
    assert "Page 1 of 2" in page1
    assert page1.count("<td><bdi>Resident ") == 49
    page2 = html_text(client.get(f"/labs/{lab.id}/members?page=2"))
    assert page2.count("<td><bdi>Resident ") == 6
    only_facilitators = html_text(client.get(f"/labs/{lab.id}/members?role=facilitator"))
    assert "Resident" not in only_facilitators and "Fran" in only_facilitators


def test_facilitator_changes_roles_but_never_removes_the_last_facilitator(app, facilitator, make_lab, make_user, add_member):
    user, client = facilitator
    lab = make_lab(creator=user)
    person = make_user(name="Pat")
    member_id = add_member(lab, person, "participant")
    response = client.post_form(f"/labs/{lab.id}/members/{member_id}/roles", {"roles": ["prototype_team", "coach"]})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Membership, member_id).roles == {"prototype_team", "coach"}
        own_id = db.session.scalar(db.select(Membership.id).where(Membership.user_id == user.id))
    page = html_text(client.post_form(f"/labs/{lab.id}/members/{own_id}/roles", {"roles": ["participant"]}))
    assert "A lab needs at least one facilitator." in page
    client.post_form(f"/labs/{lab.id}/members/{own_id}/remove")
    with app.app_context():
        assert db.session.get(Membership, own_id) is not None


def test_removing_a_member_asks_first(app, facilitator, make_lab, make_user, add_member):
    user, client = facilitator
    lab = make_lab(creator=user)
    member_id = add_member(lab, make_user(name="Pat"), "participant")
    page = html_text(client.get(f"/labs/{lab.id}/members/{member_id}/remove"))
    assert "Remove Pat from this lab?" in page
    with app.app_context():
        assert db.session.get(Membership, member_id) is not None
    client.post_form(f"/labs/{lab.id}/members/{member_id}/remove")
    with app.app_context():
        assert db.session.get(Membership, member_id) is None


def test_join_code_page_shows_the_code_and_a_qr_code(facilitator, make_lab):
    user, client = facilitator
    lab = make_lab(creator=user)
    page = html_text(client.get(f"/labs/{lab.id}/join-code"))
    assert f"{lab.join_code[:3]} {lab.join_code[3:]}" in page
    svg = client.get(f"/labs/{lab.id}/join-code.svg")
    assert svg.mimetype == "image/svg+xml"
    assert svg.get_data(as_text=True).lstrip().startswith("<svg")


def test_user_text_is_escaped(app, facilitator):
    _user, client = facilitator
    client.post_form("/labs/new", dict(LAB_FORM, name="<script>alert(1)</script>"))
    page = client.get("/labs/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
