"""The panel's factor chart is drawn once per set of ratings and language, and drawn again when a rating changes."""
import re

import pytest
from sqlalchemy import func, select

from labapp import chartstore
from labapp.challenge import chart
from labapp.extensions import db

from .conftest import score_as


@pytest.fixture
def drawings(count_drawings):
    """Count the factor charts drawn."""
    return count_drawings(chart)


def _factor_charts(page: str) -> list[str]:
    return re.findall(r'<svg [^>]*class="chart factor-chart"[^>]*aria-label="([^"]*)"', page)


def test_the_results_chart_is_drawn_once_and_again_only_when_the_ratings_change(app, challenge_lab, panel_ids,
                                                                                 drawings):
    lab, ids, people = challenge_lab["lab"], challenge_lab["ids"], challenge_lab["people"]
    score_as(app, panel_ids, ids["proposal"], ids["pat"], {f: 1 for f in range(1, 13)})
    score_as(app, panel_ids, ids["proposal"], ids["cara"], {f: 4 for f in range(1, 13)})
    client = app.test_client()
    client.login_as(people["fran"])
    assert client.post_form(f"/labs/{lab.id}/panels/{panel_ids}/reveal").status_code == 302
    url = f"/labs/{lab.id}/panels/{panel_ids}/proposals/{ids['proposal']}/results"
    reader = app.test_client()
    reader.login_as(people["rita"])  # not on the panel: reads the revealed results

    [first] = _factor_charts(reader.get(url).get_data(as_text=True))
    assert "Factor 1: 1 not met, 0 partly met, 0 mostly met, 1 fully met" in first
    assert len(drawings) == 1
    chartstore.forget_process_charts()  # another worker
    assert _factor_charts(reader.get(url).get_data(as_text=True)) == [first]
    assert len(drawings) == 1
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(chartstore.DrawnChart)) == 1

    score_as(app, panel_ids, ids["proposal"], ids["sam"], {f: 3 for f in range(1, 13)})
    [changed] = _factor_charts(reader.get(url).get_data(as_text=True))
    assert "Factor 1: 1 not met, 0 partly met, 1 mostly met, 1 fully met" in changed
    assert len(drawings) == 2

    pdf = client.get(f"/labs/{lab.id}/proposals/{ids['proposal']}.pdf?lang=en")
    assert pdf.status_code == 200
    assert len(drawings) == 2, "the board pack's chart has the page's size and language: the same chart"
