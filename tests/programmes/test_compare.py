"""The comparison: each lab's figures side by side against data built in the test, queries, and Urdu."""
import re
from html import unescape

from flask_babel import force_locale
from sqlalchemy import event

from labapp.extensions import db
from labapp.programmes import compare, service
from labapp.programmes.models import Programme

from .conftest import fill_lab_b


def _comparison(app, programme_id, locale="en"):
    with app.test_request_context(), force_locale(locale):
        snapshots = service.snapshots(db.session.get(Programme, programme_id), locale)
        return {s["id"]: {row["key"]: row for row in s["rows"]} for s in compare.comparison(snapshots)}


def _row_cells(page: str, key: str) -> list[str]:
    """Return the text of each lab's cell in the page's row `key`."""
    match = re.search(rf'<tr data-row="{re.escape(key)}">(.*?)</tr>', page, re.S)
    assert match, f"row {key} not on the page"
    cells = re.findall(r"<td[^>]*>(.*?)</td>", match.group(1), re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", cell)).split()) for cell in cells]


def test_who_took_part_side_by_side(world):
    people = _comparison(world.app, world.programme_id)["people"]
    assert people["members"]["cells"] == [7, 4]  # A: Fran and six; B: Bea, Bob, Bev, Vic
    assert people["sector-community"]["cells"] == [{"count": 3, "share": 43}, {"count": 2, "share": 50}]
    assert people["sector-vcse"]["cells"] == [{"count": 1, "share": 14}, {"count": 1, "share": 25}]
    assert people["residents"]["cells"] == [{"share": 43, "target": 50}, {"share": 50, "target": 50}]


def test_attendance_is_aligned_by_workshop_kind(world):
    rows = _comparison(world.app, world.programme_id)["attendance"]
    assert rows["observe-total"]["cells"] == [4, 2]
    assert rows["observe-community"]["cells"] == [{"count": 2, "share": 50}, {"count": 2, "share": 100}]
    assert rows["retreat-total"]["cells"] == [None, None]  # neither lab has held its Retreat
    assert rows["act-total"]["cells"] == [None, 2]
    assert rows["act-vcse"]["cells"] == [None, {"count": 1, "share": 50}]
    assert [item["text"] for item in rows["act-dates"]["cells"][1]] == ["Act at the Hall"]


def test_cards_journeys_prototypes_and_panels_side_by_side(world):
    data = _comparison(world.app, world.programme_id)
    cards = data["cards"]
    assert cards["picks"]["cells"] == [5, 0]
    assert cards["top"]["cells"][0][0] == {"text": "A1 · Fewer appointments in poorer streets", "note": 3}
    assert cards["top"]["cells"][1] is None
    assert cards["themes"]["cells"] == [[{"text": "Getting in the door", "note": "A1, A2"}], None]
    journeys = data["journeys"]
    assert journeys["offered"]["cells"] == [1, 1] and journeys["held"]["cells"] == [1, 0]
    assert journeys["places"]["cells"] == [2, 6] and journeys["confirmed"]["cells"] == [2, 1]
    assert journeys["debriefs_shared"]["cells"] == [1, 0]
    assert journeys["hosts"]["cells"] == [[{"text": "Moor Lane Surgery", "note": None}],
                                          [{"text": "Hill Food Bank", "note": None}]]
    protos = data["prototypes"]
    assert protos["prototypes"]["cells"] == [2, 1]
    assert protos["status-adopted"]["cells"] == [1, 0] and protos["status-forming"]["cells"] == [0, 1]
    assert protos["signals"]["cells"] == [1, 0]  # Warm homes' referrals rose for six weeks running
    [verdict] = protos["verdicts"]["cells"][0]
    assert verdict["text"] == "Warm homes · Referrals a week" and verdict["signal"] is True
    panels = data["panels"]
    assert panels["proposals"]["cells"] == [2, 0]
    assert panels["decision-embed"]["cells"] == [1, 0] and panels["waiting"]["cells"] == [1, 0]
    assert panels["decisions"]["cells"] == [[{"text": "Warm homes", "note": "Embed in an existing programme"}], None]


def test_the_page_shows_each_labs_figures_in_its_column(world, client):
    client.login_as(world.rae)
    page = client.get(f"/programmes/{world.programme_id}/").get_data(as_text=True)
    assert _row_cells(page, "members") == ["7", "4"]
    assert _row_cells(page, "residents") == ["43% (target 50%)", "50% (target 50%)"]
    assert _row_cells(page, "observe-total") == ["4", "2"]
    assert _row_cells(page, "act-total") == ["–", "2"]
    assert _row_cells(page, "decisions") == ["Warm homes Embed in an existing programme", "–"]
    assert _row_cells(page, "top")[0].startswith("A1 · Fewer appointments in poorer streets (3)")
    for title in ("Who took part", "Attendance by sector at each workshop", "The most picked cards and themes",
                  "Learning journeys and debriefs", "Prototypes and what they found", "Panel decisions"):
        assert title in page
    assert "Rae Resident" not in page and "SECRET PRIVATE" not in page  # figures, never names or private notes


def _count_queries(app, client, url):
    statements = []

    def count(*_args):
        statements.append(1)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def test_queries_per_lab_do_not_grow_with_the_labs_data(world, client):
    client.login_as(world.rae)
    url = f"/programmes/{world.programme_id}/"
    client.get(url)
    before = _count_queries(world.app, client, url)
    fill_lab_b(world.app, world.lab_b, world.ids_b, visits=4, prototypes=5, later=20)  # more of everything in lab B
    after = _count_queries(world.app, client, url)
    assert after == before, (before, after)


def test_the_urdu_page_reads_right_to_left(world, client, make_user, add_member):
    reader = make_user(name="Urdu reader", locale="ur")
    add_member(world.lab_a, reader, "participant")
    client.login_as(reader)
    page = client.get(f"/programmes/{world.programme_id}/").get_data(as_text=True)
    assert re.search(r'<html[^>]*lang="ur"[^>]*dir="rtl"', page) or re.search(r'<html[^>]*dir="rtl"[^>]*lang="ur"', page)
    assert "غریب گلیوں میں کم ملاقاتیں" in page  # the card's Urdu headline
