"""Facilitators plan, change, close and delete review sessions; the list puts upcoming sessions first."""
from datetime import date, timedelta

from labapp.extensions import db
from labapp.practice.models import Lesson, ReviewSession
from tests.helpers import html_text

from .conftest import url


def test_the_facilitator_plans_a_session(app, client, practice_lab):
    client.login_as(practice_lab["people"]["fran"])
    response = client.post_form(url(practice_lab, "new"), {
        "title": "What did we learn?", "held_on": "2027-09-14", "starts": "14:00", "place": "Town hall",
        "purpose": "Look at the adopted prototypes"})
    assert response.status_code == 302
    with app.app_context():
        session = db.session.scalar(db.select(ReviewSession).where(ReviewSession.lab_id == practice_lab["lab"].id))
        assert (session.title, session.held_on.isoformat(), session.starts.isoformat(timespec="minutes"),
                session.place, session.status) == ("What did we learn?", "2027-09-14", "14:00", "Town hall", "open")
    page = html_text(client.get(response.headers["Location"]))
    assert "What did we learn?" in page and "Town hall" in page and "Add a lesson" in page


def test_a_bad_date_keeps_what_was_typed(app, client, practice_lab):
    client.login_as(practice_lab["people"]["fran"])
    response = client.post_form(url(practice_lab, "new"), {
        "title": "Autumn review", "held_on": "next Tuesday", "starts": "2pm", "place": "Library",
        "purpose": "Lessons from the journeys"})
    page = html_text(response)
    assert response.status_code == 200
    assert "Enter a date, for example 2027-04-05." in page
    assert "Enter a time on the 24-hour clock" in page
    for typed in ("Autumn review", "next Tuesday", "2pm", "Library", "Lessons from the journeys"):
        assert typed in page
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(ReviewSession)
                                 .where(ReviewSession.lab_id == practice_lab["lab"].id)) == 0


def test_the_list_shows_upcoming_sessions_first_then_past_ones(client, practice_lab, make_session):
    today = date.today()
    make_session(title="Long ago", held_on=today - timedelta(days=60))
    make_session(title="Last week", held_on=today - timedelta(days=7))
    make_session(title="Next month", held_on=today + timedelta(days=30))
    make_session(title="Tomorrow", held_on=today + timedelta(days=1))
    client.login_as(practice_lab["people"]["pat"])
    page = html_text(client.get(url(practice_lab)))
    positions = [page.index(title) for title in ("Tomorrow", "Next month", "Last week", "Long ago")]
    assert positions == sorted(positions)
    assert "Other lab's session" not in page


def test_the_list_is_paginated(client, practice_lab, make_session):
    for n in range(22):
        make_session(title=f"Session number {n:02d}", held_on=date.today() + timedelta(days=n))
    client.login_as(practice_lab["people"]["pat"])
    first, second = html_text(client.get(url(practice_lab))), html_text(client.get(url(practice_lab) + "?page=2"))
    assert "Session number 00" in first and "Session number 21" not in first
    assert "Session number 21" in second and "Session number 00" not in second


def test_the_empty_list_tells_the_facilitator_to_plan_one(client, practice_lab):
    client.login_as(practice_lab["people"]["fran"])
    page = html_text(client.get(url(practice_lab)))
    assert "No review sessions yet. Plan one" in page
    client.post_form("/logout")
    client.login_as(practice_lab["people"]["pat"])
    assert "Your facilitator will plan one" in html_text(client.get(url(practice_lab)))


def test_deleting_asks_first_and_says_how_many_lessons_go(app, client, practice_lab, make_session, make_lesson):
    session = make_session()
    for text in ("One", "Two", "Three"):
        make_lesson(session, text=text)
    client.login_as(practice_lab["people"]["fran"])
    page = html_text(client.get(url(practice_lab, "delete", session_id=session)))
    assert "Its 3 lessons are deleted too." in page
    with app.app_context():
        assert db.session.get(ReviewSession, session) is not None
    response = client.post_form(url(practice_lab, "delete", session_id=session))
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(ReviewSession, session) is None
        assert db.session.scalar(db.select(db.func.count()).select_from(Lesson)
                                 .where(Lesson.session_id == session)) == 0


def test_closing_the_session_takes_the_form_away_and_reopening_brings_it_back(app, client, practice_lab, make_session):
    session = make_session()
    client.login_as(practice_lab["people"]["fran"])
    client.post_form(url(practice_lab, "status", session_id=session), {"status": "closed"})
    page = html_text(client.get(url(practice_lab, session_id=session)))
    assert "This session is closed, so no new lessons can be added." in page
    assert 'name="text"' not in page
    client.post_form(url(practice_lab, "status", session_id=session), {"status": "open"})
    assert 'name="text"' in html_text(client.get(url(practice_lab, session_id=session)))


def test_changing_a_session_keeps_what_was_typed_when_the_name_is_missing(app, client, practice_lab, make_session):
    session = make_session(title="Old name", place="Hall")
    client.login_as(practice_lab["people"]["dee"])
    edit = url(practice_lab, "edit", session_id=session)
    response = client.post_form(edit, {"title": "", "held_on": "2027-10-01", "place": "Library"})
    page = html_text(response)
    assert "Give the session a name." in page and "2027-10-01" in page and "Library" in page
    client.post_form(edit, {"title": "New name", "held_on": "2027-10-01", "place": "Library"})
    with app.app_context():
        row = db.session.get(ReviewSession, session)
        assert (row.title, row.held_on, row.place) == ("New name", date(2027, 10, 1), "Library")
