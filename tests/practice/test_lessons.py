"""Recording lessons from a phone, the live room view, the facilitator's changes, the lab's list and its CSV."""
import re

from sqlalchemy import event

from labapp.extensions import db
from labapp.practice.models import Lesson
from tests.helpers import html_text

from .conftest import url


def test_a_lesson_without_a_kind_keeps_what_was_typed(app, client, practice_lab, make_session):
    session = make_session()
    client.login_as(practice_lab["people"]["pat"])
    response = client.post_form(url(practice_lab, session_id=session),
                                {"text": "Buses to the clinic stop at six", "stage": "learning_journeys"})
    page = html_text(response)
    assert response.status_code == 400
    assert "Choose what kind of lesson it is." in page
    assert "Buses to the clinic stop at six" in page
    assert '<option selected value="learning_journeys">' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Lesson)) == 0


def test_an_empty_lesson_keeps_the_chosen_kind(client, practice_lab, make_session):
    session = make_session()
    client.login_as(practice_lab["people"]["pat"])
    response = client.post_form(url(practice_lab, session_id=session), {"kind": "change", "text": "   "})
    assert response.status_code == 400
    assert "Write the lesson." in html_text(response)
    radios = re.findall(r'<input[^>]*name="kind"[^>]*>', response.get_data(as_text=True))
    assert [("checked" in radio) for radio in radios] == [False, True, False], radios


def test_the_room_view_json_shows_a_lesson_just_added(app, client, practice_lab, make_session):
    session = make_session()
    client.login_as(practice_lab["people"]["fran"])
    before = client.get(url(practice_lab, "room.json", session_id=session)).get_json()
    assert before["total"] == 0 and before["kinds"] == {"worked": [], "change": [], "spread": []}

    phone = app.test_client()
    phone.login_as(practice_lab["people"]["pat"])
    phone.post_form(url(practice_lab, session_id=session), {
        "kind": "spread", "text": "Pay residents for their time", "stage": "prototypes",
        "prototype_id": str(practice_lab["ids"]["prototype"])})

    after = client.get(url(practice_lab, "room.json", session_id=session)).get_json()
    assert after["total"] == 1 and after["status"] == "open"
    assert [(row["text"], row["stage"], row["prototype"]) for row in after["kinds"]["spread"]] == [
        ("Pay residents for their time", "Prototypes", "Warm homes")]
    room = client.get(url(practice_lab, "room", session_id=session))
    page = room.get_data(as_text=True)
    assert "Pay residents for their time" in page
    assert 'src="/static/js/practice-room.js"' in page and "<script>" not in page
    assert "Show the latest lessons" in page


def test_the_room_view_shows_the_labs_figures(client, practice_lab, make_session):
    session = make_session()
    client.login_as(practice_lab["people"]["pat"])
    page = html_text(client.get(url(practice_lab, "room", session_id=session)))
    assert "Where the lab stands" in page and "What the prototypes found" in page
    assert "Warm homes" in page and "Other lab's prototype" not in page  # lab B's learning is not shown
    assert "1 prototype" in page  # the dashboard's prototypes figure, for lab A only
    assert "The panel has not decided on any proposal yet." in page


def test_the_facilitator_moves_a_lesson_to_another_kind(app, client, practice_lab, make_session, make_lesson):
    session = make_session()
    lesson = make_lesson(session, kind="worked")
    client.login_as(practice_lab["people"]["fran"])
    client.post_form(url(practice_lab, f"lessons/{lesson}/move", session_id=session), {"kind": "change"})
    data = client.get(url(practice_lab, "room.json", session_id=session)).get_json()
    assert [row["id"] for row in data["kinds"]["change"]] == [lesson] and data["kinds"]["worked"] == []


def test_the_facilitator_edits_any_lesson_even_after_closing(app, client, practice_lab, make_session, make_lesson):
    session = make_session()
    lesson = make_lesson(session, author="pat", text="Typo in here")
    client.login_as(practice_lab["people"]["fran"])
    client.post_form(url(practice_lab, "status", session_id=session), {"status": "closed"})
    response = client.post_form(url(practice_lab, f"lessons/{lesson}/edit", session_id=session),
                                {"kind": "worked", "text": "No typo now", "stage": "data"})
    assert response.status_code == 302
    with app.app_context():
        row = db.session.get(Lesson, lesson)
        assert (row.text, row.stage, row.author.user.name) == ("No typo now", "data", "Pat Participant")


def test_removing_a_lesson_asks_first(app, client, practice_lab, make_session, make_lesson):
    session = make_session()
    lesson = make_lesson(session, text="Remove me")
    client.login_as(practice_lab["people"]["fran"])
    page = html_text(client.get(url(practice_lab, f"lessons/{lesson}/delete", session_id=session)))
    assert "Remove this lesson?" in page and "Remove me" in page
    with app.app_context():
        assert db.session.get(Lesson, lesson) is not None
    client.post_form(url(practice_lab, f"lessons/{lesson}/delete", session_id=session))
    with app.app_context():
        assert db.session.get(Lesson, lesson) is None


def test_the_labs_lessons_filter_by_kind_and_stage(client, practice_lab, make_session, make_lesson):
    first, second = make_session(title="Spring"), make_session(title="Autumn")
    make_lesson(first, kind="worked", stage="data", text="Cards with pictures worked")
    make_lesson(second, kind="worked", stage="prototypes", text="Weekly cycles worked")
    make_lesson(second, kind="change", stage="data", text="Fewer cards next time")
    client.login_as(practice_lab["people"]["pat"])
    page = html_text(client.get(url(practice_lab, "lessons/")))
    assert all(text in page for text in ("Cards with pictures worked", "Weekly cycles worked", "Fewer cards next time"))
    page = html_text(client.get(url(practice_lab, "lessons/") + "?kind=worked&stage=data"))
    assert "Cards with pictures worked" in page
    assert "Weekly cycles worked" not in page and "Fewer cards next time" not in page
    page = html_text(client.get(url(practice_lab, "lessons/") + "?kind=spread"))
    assert "No lessons match." in page


def test_the_csv_neutralises_formulas_and_follows_the_filter(client, practice_lab, make_session, make_lesson):
    session = make_session(title="=HYPERLINK(\"http://evil\")")
    make_lesson(session, kind="change", text="=1+2")
    make_lesson(session, kind="change", text="-5 people came")
    make_lesson(session, kind="worked", text="@SUM(A1)")
    client.login_as(practice_lab["people"]["pat"])
    response = client.get(url(practice_lab, "lessons.csv") + "?kind=change")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert "'=1+2" in text and "'-5 people came" in text and "'=HYPERLINK" in text
    assert "SUM" not in text
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0] == "Session,Date,Kind,Stage,Prototype,Lesson,Written by"
    assert len(lines) == 3
    assert all("\n=" not in line and not line.startswith("=") for line in lines)


def _count_queries(app, client, path):
    counter = {"n": 0}
    with app.app_context():
        engine = db.engine

    def count(*_args):
        counter["n"] += 1

    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return counter["n"]


def test_pages_do_not_ask_the_database_once_per_row(app, client, practice_lab, make_session, make_lesson):
    session = make_session()
    make_lesson(session, stage="data", prototype=None)
    client.login_as(practice_lab["people"]["fran"])
    paths = [url(practice_lab), url(practice_lab, "lessons/"), url(practice_lab, session_id=session),
             url(practice_lab, "room", session_id=session), url(practice_lab, "lessons.csv")]
    few = [_count_queries(app, client, path) for path in paths]
    for n in range(6):
        other = make_session(title=f"More {n}")
        for author in ("pat", "paul", "dee"):
            make_lesson(other, author=author, text=f"Lesson {n} by {author}")
            make_lesson(session, author=author, text=f"Another {n} by {author}")
    many = [_count_queries(app, client, path) for path in paths]
    assert many == few
