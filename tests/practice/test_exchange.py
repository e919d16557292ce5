"""Sessions and lessons travel with a lab's export; a leaving member's lessons stay without their name."""
import json
from datetime import date, time

from labapp.extensions import db
from labapp.labs import exchange
from labapp.labs import service as labs_service
from labapp.labs.models import Lab, Membership
from labapp.practice.models import Lesson, ReviewSession
from labapp.prototypes.models import Prototype

from .conftest import url


def _without_ids(section):
    """Drop references to rows (members, prototypes), so two exports of the same content compare equal."""
    return [{**{k: v for k, v in s.items() if k != "lessons"},
             "lessons": [{k: v for k, v in row.items() if not k.endswith("_id")} for row in s["lessons"]]}
            for s in section["sessions"]]


def test_round_trip_keeps_sessions_lessons_authors_and_prototypes(app, practice_lab, make_session,
                                                                  make_lesson):
    session = make_session(title="Looking back", held_on=date(2027, 9, 14), starts=time(14, 0), place="Hall",
                           purpose="Agree what to spread", status="closed")
    make_lesson(session, kind="worked", text="Residents led", stage="workshops", author="pat")
    with app.app_context():
        prototype = db.session.get(Prototype, practice_lab["ids"]["prototype"])
    make_lesson(session, kind="spread", text="Ask about cold homes", author="paul", prototype=prototype)
    make_lesson(session, kind="change", text="Start measuring early", author=None)
    with app.app_context():
        lab = db.session.get(Lab, practice_lab["lab"].id)
        first = exchange.export_lab(lab)
        copy = exchange.import_lab(json.loads(json.dumps(first)))
        db.session.commit()
        second = exchange.export_lab(db.session.get(Lab, copy.id))

        assert [s["title"] for s in first["practice"]["sessions"]] == ["Looking back"]
        assert _without_ids(first["practice"]) == _without_ids(second["practice"])

        new = db.session.scalar(db.select(ReviewSession).where(ReviewSession.lab_id == copy.id))
        assert (new.title, new.starts.isoformat(timespec="minutes"), new.place, new.status) == (
            "Looking back", "14:00", "Hall", "closed")
        lessons = {lesson.text: lesson for lesson in new.lessons}
        assert set(lessons) == {"Residents led", "Ask about cold homes", "Start measuring early"}
        assert all(lesson.lab_id == copy.id for lesson in new.lessons)
        assert lessons["Residents led"].author.user.name == "Pat Participant"
        assert lessons["Residents led"].author.lab_id == copy.id and lessons["Residents led"].stage == "workshops"
        assert lessons["Ask about cold homes"].prototype.name == "Warm homes"
        assert lessons["Ask about cold homes"].prototype.lab_id == copy.id
        assert lessons["Start measuring early"].author is None


def test_a_leaving_member_s_lessons_stay_without_their_name(app, client, practice_lab, make_session,
                                                          make_lesson):
    session = make_session()
    lesson = make_lesson(session, author="pat", text="Visits opened my eyes")
    with app.app_context():
        labs_service.remove_member(db.session.get(Membership, practice_lab["ids"]["pat"]))
        db.session.commit()
        row = db.session.get(Lesson, lesson)
        assert row is not None and row.text == "Visits opened my eyes" and row.author_id is None
    client.login_as(practice_lab["people"]["fran"])
    page = client.get(url(practice_lab, session_id=session)).get_data(as_text=True)
    assert "Visits opened my eyes" in page and "Pat Participant" not in page and "A former member" in page


def test_the_demo_adds_one_past_closed_session_with_lessons(app, practice_lab):
    from labapp.demo_practice import add_practice_demo

    with app.app_context():
        lab = db.session.get(Lab, practice_lab["lab"].id)
        members = {"facilitator": db.session.get(Membership, practice_lab["ids"]["fran"]),
                   "participant": db.session.get(Membership, practice_lab["ids"]["pat"])}
        add_practice_demo(lab, members)
        add_practice_demo(lab, members)  # a second run adds nothing
        db.session.commit()
        sessions = db.session.scalars(db.select(ReviewSession).where(ReviewSession.lab_id == lab.id)).all()
        assert len(sessions) == 1 and sessions[0].status == "closed"
        assert len(sessions[0].lessons) == 8
        assert {lesson.kind for lesson in sessions[0].lessons} == {"worked", "change", "spread"}
