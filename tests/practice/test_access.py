"""Who may see and change review sessions and lessons: members of the lab only, organisers for sessions."""
import pytest

from labapp.extensions import db
from labapp.practice.models import Lesson, ReviewSession

from .conftest import url


def _lesson_count(app, session_id):
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(Lesson).where(Lesson.session_id == session_id))


@pytest.mark.parametrize("path", ["", "room", "room.json", "edit", "delete"])
def test_another_labs_session_is_not_found(client, practice_lab, path):
    client.login_as(practice_lab["people"]["fran"])
    other = practice_lab["ids"]["other_session"]
    assert client.get(url(practice_lab, path, session_id=other)).status_code == 404


def test_another_labs_session_cannot_take_lessons_or_be_closed(app, client, practice_lab):
    client.login_as(practice_lab["people"]["fran"])
    other = practice_lab["ids"]["other_session"]
    response = client.post_form(url(practice_lab, session_id=other), {"kind": "worked", "text": "Sneaky"})
    assert response.status_code == 404
    assert client.post_form(url(practice_lab, "status", session_id=other), {"status": "closed"}).status_code == 404
    assert _lesson_count(app, other) == 0
    with app.app_context():
        assert db.session.get(ReviewSession, other).status == "open"


def test_a_lesson_is_only_found_through_its_own_session(client, practice_lab, make_session, make_lesson):
    first, second = make_session(title="First"), make_session(title="Second")
    lesson = make_lesson(first)
    client.login_as(practice_lab["people"]["fran"])
    assert client.get(url(practice_lab, f"lessons/{lesson}/edit", session_id=first)).status_code == 200
    assert client.get(url(practice_lab, f"lessons/{lesson}/edit", session_id=second)).status_code == 404


def test_people_outside_the_lab_and_signed_out_visitors_get_not_found(client, practice_lab, make_session, make_user):
    session = make_session()
    assert client.get(url(practice_lab)).status_code in (302, 404)
    client.login_as(make_user(name="Stranger"))
    assert client.get(url(practice_lab)).status_code == 404
    assert client.get(url(practice_lab, "room", session_id=session)).status_code == 404
    assert client.get(url(practice_lab, "lessons.csv")).status_code == 404


def test_a_participant_cannot_plan_change_close_or_delete_sessions(app, client, practice_lab, make_session):
    session = make_session()
    client.login_as(practice_lab["people"]["pat"])
    assert client.get(url(practice_lab, "new")).status_code == 403
    assert client.post_form(url(practice_lab, "new"), {"title": "Mine", "held_on": "2027-09-14"}).status_code == 403
    assert client.get(url(practice_lab, "edit", session_id=session)).status_code == 403
    assert client.post_form(url(practice_lab, "status", session_id=session), {"status": "closed"}).status_code == 403
    assert client.post_form(url(practice_lab, "delete", session_id=session)).status_code == 403
    with app.app_context():
        row = db.session.get(ReviewSession, session)
        assert row.status == "open" and row.title == "Looking back"


def test_the_design_team_may_plan_sessions(client, practice_lab):
    client.login_as(practice_lab["people"]["dee"])
    response = client.post_form(url(practice_lab, "new"), {"title": "Spring review", "held_on": "2027-05-04"})
    assert response.status_code == 302


def test_a_participant_adds_a_lesson_only_while_the_session_is_open(app, client, practice_lab, make_session):
    session = make_session()
    client.login_as(practice_lab["people"]["pat"])
    response = client.post_form(url(practice_lab, session_id=session), {"kind": "spread", "text": "Pay residents"})
    assert response.status_code == 302
    assert _lesson_count(app, session) == 1

    with app.app_context():
        db.session.get(ReviewSession, session).status = "closed"
        db.session.commit()
    response = client.post_form(url(practice_lab, session_id=session), {"kind": "spread", "text": "One more"},
                                follow_redirects=True)
    assert "This session is closed, so no new lessons can be added." in response.get_data(as_text=True)
    assert _lesson_count(app, session) == 1


def test_people_edit_their_own_lesson_while_open_but_not_anyone_elses(app, client, practice_lab, make_session,
                                                                     make_lesson):
    session = make_session()
    mine, theirs = make_lesson(session, author="pat", text="Mine"), make_lesson(session, author="paul", text="Theirs")
    client.login_as(practice_lab["people"]["pat"])
    edit = url(practice_lab, f"lessons/{mine}/edit", session_id=session)
    assert client.post_form(edit, {"kind": "change", "text": "Mine, clearer"}).status_code == 302
    assert client.get(url(practice_lab, f"lessons/{theirs}/edit", session_id=session)).status_code == 403
    assert client.post_form(url(practice_lab, f"lessons/{theirs}/delete", session_id=session)).status_code == 403
    assert client.post_form(url(practice_lab, f"lessons/{theirs}/move", session_id=session),
                            {"kind": "change"}).status_code == 403

    with app.app_context():
        db.session.get(ReviewSession, session).status = "closed"
        db.session.commit()
    assert client.post_form(edit, {"kind": "worked", "text": "Changed after closing"}).status_code == 403
    with app.app_context():
        lesson = db.session.get(Lesson, mine)
        assert (lesson.kind, lesson.text) == ("change", "Mine, clearer")
        assert db.session.get(Lesson, theirs).text == "Theirs"


def test_a_lesson_cannot_point_at_another_labs_prototype(app, client, practice_lab, make_session):
    session = make_session()
    client.login_as(practice_lab["people"]["pat"])
    response = client.post_form(url(practice_lab, session_id=session),
                                {"kind": "worked", "text": "Linked", "prototype_id": practice_lab["ids"]["other_prototype"]})
    assert response.status_code == 400
    assert _lesson_count(app, session) == 0
