"""Every main page sends as many SQL queries for a lab twice as big: no page loads its rows one by one (N+1)."""
import pytest

from bench.generate import build_lab
from bench.pages import compare_counts
from labapp.extensions import db
from tests.conftest import PASSWORD

# Pages whose queries still grow with the lab, and why; a page leaves this list once it is fixed (the test
# then insists that it stays fixed).
KNOWN_GROWTH: dict[str, str] = {}


def test_main_pages_send_the_same_queries_for_a_lab_twice_as_big(app, database):
    if database["backend"] != "sqlite":
        pytest.skip("the counts are the same on PostgreSQL, where bench/bench_pages.py measures them at ×20")
    with app.app_context():
        lab_ids = [build_lab(scale, seed=1, password=PASSWORD).id for scale in (1, 2)]
        db.session.commit()
    rows, unfilled = compare_counts(app, lab_ids, PASSWORD)

    grew = {f"{row['endpoint']} as {row['who']}: {row['counts'][0]} → {row['counts'][1]}"
            for row in rows if row["counts"][1] > row["counts"][0] and row["endpoint"] not in KNOWN_GROWTH}
    assert not grew, "queries grow with the lab (N+1): " + "; ".join(sorted(grew))
    growing = {row["endpoint"] for row in rows if row["counts"][1] > row["counts"][0]}
    assert set(KNOWN_GROWTH) <= growing, f"fixed, take off KNOWN_GROWTH: {set(KNOWN_GROWTH) - growing}"

    seen = {(row["endpoint"], row["who"]) for row in rows if row["statuses"] == [200, 200]}
    for endpoint in ("labs.home", "prototypes.index", "prototypes.feed", "journeys.index", "challenge.index",
                     "challenge.scores_csv", "datacards.tally", "outreach.index", "systemmap.map_page"):
        assert (endpoint, "facilitator") in seen, endpoint
    assert ("datacards.pick_page", "participant") in seen
    assert len(seen) > 100
    assert all(any(part in rule for part in ("report/jobs", "practice", "rounds", "programmes"))
               for rule, _why in unfilled), unfilled
