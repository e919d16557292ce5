"""Facilitators create, edit and delete workshops; everyone in the lab sees them; the agenda is kept in order."""
import re
from datetime import date, datetime, timedelta

from labapp.extensions import db
from labapp.outreach.models import Outreach
from labapp.workshops.models import AgendaItem, Attendance, Workshop
from tests.helpers import html_text

from .helpers import get_workshop

FORM = {"kind": "observe", "title": "Observe workshop", "day": "2027-03-14", "starts": "10:00", "ends": "13:30",
        "venue": "Carlisle Business Centre\n60 Carlisle Road", "access_notes": "Step-free entrance on Hey Street",
        "support_offered": ["creche", "step_free"], "interpreter_languages": ["ur", "pl"]}


def _workshops(app):
    with app.app_context():
        return db.session.scalars(db.select(Workshop)).all()


def test_facilitator_creates_a_workshop_with_a_code_and_naive_local_times(app, facilitator_client):
    client, lab, _ = facilitator_client
    response = client.post_form(f"/labs/{lab.id}/workshops/new", FORM)
    assert response.status_code == 302
    [workshop] = _workshops(app)
    assert response.headers["Location"].endswith(f"/labs/{lab.id}/workshops/{workshop.id}/agenda")
    assert workshop.lab_id == lab.id and workshop.title == "Observe workshop"
    assert workshop.starts_at == datetime(2027, 3, 14, 10, 0) and workshop.ends_at == datetime(2027, 3, 14, 13, 30)
    assert workshop.starts_at.tzinfo is None
    assert workshop.support_offered == ["creche", "step_free"]
    assert workshop.interpreter_languages == ["ur", "pl"]
    assert len(workshop.checkin_code) == 6 and not set(workshop.checkin_code) & set("0O1IL2Z5S8BQ")
    page = html_text(client.get(f"/labs/{lab.id}/workshops/{workshop.id}/"))
    assert "Carlisle Business Centre" in page and "Step-free entrance on Hey Street" in page
    assert "Crèche" in page
    assert "Urdu" in page and "Polish" in page


def test_every_workshop_gets_its_own_code(app, facilitator_client, make_workshop):
    _, lab, _ = facilitator_client
    codes = {make_workshop(lab, title=f"W{n}").checkin_code for n in range(5)}
    assert len(codes) == 5


def test_end_before_start_is_refused_and_what_was_typed_is_kept(app, facilitator_client):
    client, lab, _ = facilitator_client
    response = client.post_form(f"/labs/{lab.id}/workshops/new", {**FORM, "title": "Retreat", "ends": "09:00"})
    page = html_text(response)
    assert response.status_code == 200
    assert "The end time must be after the start time." in page
    assert 'value="Retreat"' in page and 'value="2027-03-14"' in page and 'value="10:00"' in page
    assert re.search(r'<input checked[^>]*name="support_offered"[^>]*value="creche"', page)
    assert re.search(r'<input checked[^>]*name="interpreter_languages"[^>]*value="pl"', page)
    assert "Carlisle Business Centre" in page
    assert _workshops(app) == []


def test_missing_and_malformed_fields_are_explained(app, facilitator_client):
    client, lab, _ = facilitator_client
    page = html_text(client.post_form(f"/labs/{lab.id}/workshops/new",
                                      {**FORM, "title": "", "day": "14/03", "starts": "ten"}))
    assert "Enter a title for the workshop." in page
    assert "Enter a date, for example 2027-03-14." in page
    assert "Enter a time on the 24-hour clock" in page
    assert 'value="ten"' in page
    page = html_text(client.post_form(f"/labs/{lab.id}/workshops/new", {**FORM, "starts": ""}))
    assert "Enter the time the workshop starts." in page
    assert _workshops(app) == []


def test_end_time_is_optional(app, facilitator_client):
    client, lab, _ = facilitator_client
    assert client.post_form(f"/labs/{lab.id}/workshops/new", {**FORM, "ends": ""}).status_code == 302
    assert _workshops(app)[0].ends_at is None


def test_facilitator_and_design_team_edit_the_workshop(app, client, facilitator_client, make_user, add_member,
                                                        make_workshop):
    client, lab, _ = facilitator_client
    workshop = make_workshop(lab, title="Old title", support_offered=["lunch"])
    page = html_text(client.get(f"/labs/{lab.id}/workshops/{workshop.id}/edit"))
    assert 'value="Old title"' in page and 'value="10:00"' in page and 'value="13:00"' in page
    assert re.search(r'<input checked[^>]*name="support_offered"[^>]*value="lunch"', page)

    designer = make_user(name="Dee")
    add_member(lab, designer, "design_team")
    other = app.test_client()
    other.login_as(designer)
    response = other.post_form(f"/labs/{lab.id}/workshops/{workshop.id}/edit",
                               {**FORM, "title": "Retreat day", "support_offered": []})
    assert response.status_code == 302
    saved = get_workshop(app, workshop.id)
    assert saved.title == "Retreat day" and saved.support_offered == []
    assert saved.checkin_code == workshop.checkin_code, "editing keeps the code people were given"
    # The design team edits but neither creates nor deletes.
    assert other.get(f"/labs/{lab.id}/workshops/new").status_code == 403
    assert other.post_form(f"/labs/{lab.id}/workshops/{workshop.id}/delete").status_code == 403


def test_delete_asks_first_then_removes_agenda_attendance_and_invitations(app, facilitator_client, make_workshop):
    client, lab, _ = facilitator_client
    workshop = make_workshop(lab, title="Act")
    with app.app_context():
        db.session.add(AgendaItem(workshop_id=workshop.id, title="Welcome"))
        db.session.add(Attendance(workshop_id=workshop.id, name="Walk In", walk_in=True))
        db.session.add(Outreach(lab_id=lab.id, workshop_id=workshop.id, person_name="Invited Person"))
        db.session.commit()
    page = html_text(client.get(f"/labs/{lab.id}/workshops/{workshop.id}/delete"))
    assert "Delete the workshop Act?" in page
    assert "1 check-in will be deleted too." in page
    assert "1 person on the invitation list for it will be taken off the list." in page
    assert get_workshop(app, workshop.id) is not None, "opening the page deletes nothing"
    response = client.post_form(f"/labs/{lab.id}/workshops/{workshop.id}/delete")
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Workshop, workshop.id) is None
        assert db.session.scalar(db.select(db.func.count(Attendance.id))) == 0
        assert db.session.scalar(db.select(db.func.count(Outreach.id))) == 0


def test_list_shows_upcoming_soonest_first_then_past_latest_first(app, facilitator_client, make_user, add_member,
                                                                   make_workshop):
    _, lab, _ = facilitator_client
    today = date.today()
    make_workshop(lab, title="Long ago", day=today - timedelta(days=60))
    make_workshop(lab, title="Last week", day=today - timedelta(days=7))
    make_workshop(lab, title="Next month", day=today + timedelta(days=30))
    make_workshop(lab, title="Today", day=today)
    participant = make_user(name="Pat")
    add_member(lab, participant, "participant")
    client = app.test_client()
    client.login_as(participant)
    page = html_text(client.get(f"/labs/{lab.id}/workshops/"))
    order = [page.index(title) for title in ("Coming up", "Today", "Next month", "Past workshops", "Last week",
                                             "Long ago")]
    assert order == sorted(order)
    assert "Add a workshop" not in page, "participants see the list but cannot add"
    assert client.get(f"/labs/{lab.id}/workshops/new").status_code == 403


def test_empty_list_says_what_to_do(app, facilitator_client, make_user, add_member):
    client, lab, _ = facilitator_client
    page = html_text(client.get(f"/labs/{lab.id}/workshops/"))
    assert "No workshops yet." in page and f'href="/labs/{lab.id}/workshops/new"' in page
    participant = make_user()
    add_member(lab, participant, "participant")
    other = app.test_client()
    other.login_as(participant)
    assert "The facilitators will add them here" in html_text(other.get(f"/labs/{lab.id}/workshops/"))


def test_lab_menu_links_to_the_workshops(facilitator_client):
    client, lab, _ = facilitator_client
    assert f'href="/labs/{lab.id}/workshops/"' in client.get(f"/labs/{lab.id}/").get_data(as_text=True)
