"""Card charts are drawn once and stored: every process reuses them, and a changed card gets a new chart."""
import json
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa
from sqlalchemy import func, select

from labapp import chartstore as shared_store
from labapp.datacards import cardtext, chartstore
from labapp.datacards.models import Card, CardChart
from labapp.extensions import db
from labapp.labs import exchange
from labapp.labs.models import Lab

CHARTS_IN_DECK = 3  # the deck fixture's A1, B1 and B2 have figures; A2 has none


def _refuse_drawing(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a chart was drawn again")

    monkeypatch.setattr(cardtext, "draw_chart", refuse)


def _charts(page: str) -> list[str]:
    return re.findall(r'<svg [^>]*aria-label="([^"]*)"', page)


def _stored(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(CardChart))


@pytest.fixture
def pick_url(deck_lab, make_session):
    session_id = make_session(deck_lab.lab, deck_lab.deck_id)
    return f"/labs/{deck_lab.lab.id}/pick-sessions/{session_id}/pick"


def test_a_new_process_shows_the_pick_page_from_stored_charts_without_drawing(app, client, pick_url, monkeypatch):
    first = client.get(pick_url)
    assert first.status_code == 200
    drawn = _charts(first.get_data(as_text=True))
    assert len(drawn) == CHARTS_IN_DECK
    assert _stored(app) == CHARTS_IN_DECK

    chartstore.forget_process_charts()  # as a fresh gunicorn worker
    _refuse_drawing(monkeypatch)
    statements = []

    def listen(conn, cursor, statement, *args):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", listen)
    try:
        again = client.get(pick_url)
    finally:
        sa.event.remove(engine, "before_cursor_execute", listen)
    assert again.status_code == 200
    assert _charts(again.get_data(as_text=True)) == drawn
    assert "Fewer appointments per person in poorer areas" in drawn[0]
    assert len([s for s in statements if "FROM card_charts" in s]) == 1, "one look-up for all the page's charts"


def test_the_deck_pdf_and_a_card_page_reuse_charts_stored_by_the_pick_page(app, client, deck_lab, pick_url,
                                                                            card_ids, monkeypatch):
    assert client.get(pick_url).status_code == 200
    chartstore.forget_process_charts()
    _refuse_drawing(monkeypatch)
    assert client.get(f"{deck_lab.base}.pdf?lang=en").status_code == 200
    page = client.get(f"{deck_lab.base}/cards/{card_ids(deck_lab.deck_id)['B2']}").get_data(as_text=True)
    assert "2024: 15 per person" in _charts(page)[0]


def test_changing_a_cards_figures_shows_the_new_chart_and_forgets_the_old(app, client, deck_lab, card_ids,
                                                                          monkeypatch):
    card_id = card_ids(deck_lab.deck_id)["A1"]
    url = f"{deck_lab.base}/cards/{card_id}"
    assert "Most deprived: 4.1 per person" in _charts(client.get(url).get_data(as_text=True))[0]
    with app.app_context():
        category_id = db.session.get(Card, card_id).category_id
        old_keys = set(db.session.scalars(select(CardChart.key).where(CardChart.card_id == card_id)))
    assert len(old_keys) == 1
    response = client.post_form(f"{url}/edit", {
        "code": "A1", "category": str(category_id), "headline": "Fewer appointments per person in poorer areas",
        "chart_kind": "bar", "chart_unit": "per person", "chart_data": "Most deprived, 3.2\nLeast deprived, 5.3"})
    assert response.status_code == 302
    with app.app_context():  # the edit deleted the chart of the old figures
        assert db.session.scalar(select(func.count()).where(CardChart.key.in_(old_keys))) == 0
    chart = _charts(client.get(url).get_data(as_text=True))[0]
    assert "Most deprived: 3.2 per person" in chart and "4.1" not in chart
    # The new chart is stored: another process shows it without drawing.
    chartstore.forget_process_charts()
    _refuse_drawing(monkeypatch)
    assert "Most deprived: 3.2 per person" in _charts(client.get(url).get_data(as_text=True))[0]


def test_changing_a_translated_headline_gives_the_chart_its_new_title(app, client, deck_lab, card_ids):
    card_id = card_ids(deck_lab.deck_id)["A1"]
    url = f"{deck_lab.base}/cards/{card_id}"
    form = {"headline": "غریب علاقوں میں کم ملاقاتیں", "body": "", "source_note": ""}
    assert client.post_form(f"{url}/translations/ur", form).status_code == 302
    assert "غریب علاقوں میں کم ملاقاتیں" in _charts(client.get(f"{url}?lang=ur").get_data(as_text=True))[0]
    form["headline"] = "غریب علاقوں میں فی شخص کم ملاقاتیں"
    assert client.post_form(f"{url}/translations/ur", form).status_code == 302
    chart = _charts(client.get(f"{url}?lang=ur").get_data(as_text=True))[0]
    assert "غریب علاقوں میں فی شخص کم ملاقاتیں" in chart


def test_deleting_a_card_deletes_its_stored_charts(app, client, deck_lab, pick_url, card_ids):
    client.get(pick_url)
    card_id = card_ids(deck_lab.deck_id)["A1"]
    assert client.post_form(f"{deck_lab.base}/cards/{card_id}/delete").status_code == 302
    with app.app_context():
        assert db.session.get(Card, card_id) is None
        assert db.session.scalar(select(func.count()).where(CardChart.card_id == card_id)) == 0
    assert _stored(app) == CHARTS_IN_DECK - 1


def test_prune_charts_deletes_only_charts_no_card_shows(app, client, deck_lab, pick_url, card_ids):
    client.get(pick_url)
    cards = card_ids(deck_lab.deck_id)
    a1 = f"{deck_lab.base}/cards/{cards['A1']}"
    client.post_form(f"{a1}/translations/ur", {"headline": "غریب علاقوں میں کم ملاقاتیں", "body": "", "source_note": ""})
    client.get(f"{a1}?lang=ur")  # A1 under its Urdu headline: still shown, so kept
    assert _stored(app) == CHARTS_IN_DECK + 1
    card_id = cards["B1"]
    with app.app_context():  # figures changed behind the app's back (an old drawing, a script): B1's row is stale
        db.session.execute(sa.update(Card).where(Card.id == card_id).values(chart_rows=[["of appointments", 25]]))
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["datacards", "prune-charts"])
    assert result.exit_code == 0, result.output
    assert "Deleted 1 stored chart(s)" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).where(CardChart.card_id == card_id)) == 0
        assert db.session.scalar(select(func.count()).where(CardChart.card_id == cards["A1"])) == 2
    assert _stored(app) == CHARTS_IN_DECK


def test_the_lab_export_leaves_stored_charts_out(app, client, deck_lab, pick_url):
    with app.test_request_context():
        before = exchange.export_lab(db.session.get(Lab, deck_lab.lab.id))
    assert client.get(pick_url).status_code == 200
    assert _stored(app) == CHARTS_IN_DECK
    with app.test_request_context():
        after = exchange.export_lab(db.session.get(Lab, deck_lab.lab.id))
    assert json.dumps(after, sort_keys=True, default=str) == json.dumps(before, sort_keys=True, default=str)
    assert "<svg" not in json.dumps(after, default=str)


def test_a_room_opening_the_pick_page_at_once_gets_every_chart_without_errors(app, database, deck_lab, pick_url,
                                                                              make_user, add_member, monkeypatch):
    if database["backend"] != "postgresql":
        pytest.skip("concurrent first views are proven on PostgreSQL, where requests really run in parallel")
    monkeypatch.setattr(shared_store, "_remember", lambda charts: None)  # each thread as its own worker process
    people = 8
    clients = []
    for n in range(people):
        person = make_user(name=f"Reader {n}")
        add_member(deck_lab.lab, person, "participant")
        reader = app.test_client()
        reader.login_as(person)
        clients.append(reader)
    start = threading.Barrier(people)

    def first_view(reader):
        start.wait(timeout=30)
        response = reader.get(pick_url)
        return response.status_code, _charts(response.get_data(as_text=True))

    with ThreadPoolExecutor(max_workers=people) as pool:
        results = list(pool.map(first_view, clients))
    assert [status for status, _charts_shown in results] == [200] * people
    assert all(len(shown) == CHARTS_IN_DECK for _status, shown in results)
    assert len({tuple(shown) for _status, shown in results}) == 1, "everyone sees the same charts"
    assert _stored(app) == CHARTS_IN_DECK


def test_draw_charts_ahead_of_a_workshop_stores_them_in_every_language(app, client, deck_lab, pick_url,
                                                                       monkeypatch):
    result = app.test_cli_runner().invoke(args=["datacards", "draw-charts", "--deck", str(deck_lab.deck_id)])
    assert result.exit_code == 0, result.output
    languages = len(app.config["LABAPP_LANGUAGES"])
    assert _stored(app) == CHARTS_IN_DECK * languages
    chartstore.forget_process_charts()
    _refuse_drawing(monkeypatch)
    assert len(_charts(client.get(pick_url).get_data(as_text=True))) == CHARTS_IN_DECK
    with app.app_context():  # Fran reads in Urdu now: her charts are ready too
        db.session.execute(sa.update(type(deck_lab.fran)).where(type(deck_lab.fran).id == deck_lab.fran.id)
                           .values(locale="ur"))
        db.session.commit()
    page = client.get(pick_url).get_data(as_text=True)
    assert 'lang="ur"' in page
    assert len(_charts(page)) == CHARTS_IN_DECK
