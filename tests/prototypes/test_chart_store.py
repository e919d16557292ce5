"""Run charts are drawn once and stored: a second view or another worker reuses them; new figures give new charts."""
import json
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import func, select

from labapp import chartstore
from labapp.extensions import db
from labapp.labs import exchange
from labapp.labs.models import Lab
from labapp.prototypes import chart, measures
from labapp.prototypes.models import Measure, Prototype


@pytest.fixture
def drawings(count_drawings):
    """Count the run charts drawn."""
    return count_drawings(chart)


def _run_charts(page: str) -> list[str]:
    return re.findall(r'<svg [^>]*class="chart run-chart"[^>]*>.*?</svg>', page, re.S)


def _stored(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(chartstore.DrawnChart))


def _reader(app, team_lab):
    reader = app.test_client()
    reader.login_as(team_lab["people"]["rita"])  # a participant who only reads
    return reader


def test_a_prototype_page_draws_its_run_charts_once_for_every_worker(app, team_lab, make_measure, drawings):
    pid = team_lab["ids"]["prototype"]
    make_measure(pid, [3, 4, 5, 6], name="Referrals")
    measure_id = make_measure(pid, [10, 12, 9], name="Calls answered")
    url = f"/labs/{team_lab['lab'].id}/prototypes/{pid}/"
    reader = _reader(app, team_lab)

    first = reader.get(url)
    assert first.status_code == 200
    shown = _run_charts(first.get_data(as_text=True))
    assert len(shown) == 2 and "Run chart of Referrals: 4 values" in first.get_data(as_text=True)
    assert len(drawings) == 2
    assert _stored(app) == 2, "a reader's view keeps the charts it drew"

    assert _run_charts(reader.get(url).get_data(as_text=True)) == shown
    assert len(drawings) == 2, "the second view draws nothing"
    chartstore.forget_process_charts()  # as a fresh gunicorn worker: the charts come from the database
    statements = []
    with app.app_context():
        engine = db.engine
    listen = lambda conn, cursor, statement, *args: statements.append(statement)  # noqa: E731
    sa.event.listen(engine, "before_cursor_execute", listen)
    try:
        assert _run_charts(reader.get(url).get_data(as_text=True)) == shown
    finally:
        sa.event.remove(engine, "before_cursor_execute", listen)
    assert len(drawings) == 2
    assert len([s for s in statements if "FROM drawn_charts" in s]) == 1, "one look-up for all the page's charts"

    measure_page = reader.get(f"{url}measures/{measure_id}/")
    assert measure_page.status_code == 200
    assert _run_charts(measure_page.get_data(as_text=True)) == [shown[1]]
    assert "Run chart of Calls answered: 3 values" in shown[1]
    assert len(drawings) == 2, "the measure page shows the chart the prototype page drew"


def test_a_changed_value_or_a_new_cycle_gives_a_new_chart_never_a_stale_one(app, team_lab, make_measure,
                                                                            make_cycle, drawings):
    pid = team_lab["ids"]["prototype"]
    with app.app_context():
        start = db.session.get(Prototype, pid).starts_on
    measure_id = make_measure(pid, [3, 4, 5, 6], start=start)
    url = f"/labs/{team_lab['lab'].id}/prototypes/{pid}/measures/{measure_id}/"
    reader = _reader(app, team_lab)
    [before] = _run_charts(reader.get(url).get_data(as_text=True))
    assert ">1</text>" not in before
    assert len(drawings) == 1

    make_cycle(pid)
    chartstore.forget_process_charts()
    [with_cycle] = _run_charts(reader.get(url).get_data(as_text=True))
    assert ">1</text>" in with_cycle, "the new cycle's start is marked"
    assert len(drawings) == 2

    with app.app_context():
        measure = db.session.get(Measure, measure_id)
        measures.set_value(measure, start + timedelta(weeks=1), value=40)
        db.session.commit()
    page = reader.get(url).get_data(as_text=True)
    [changed] = _run_charts(page)
    assert changed not in (before, with_cycle) and len(drawings) == 3
    assert "Median 5.5" in page  # the key beside the chart reads the new values too

    with app.app_context():
        measures.set_value(db.session.get(Measure, measure_id), start + timedelta(weeks=4), value=7)
        db.session.commit()
    chartstore.forget_process_charts()
    [added] = _run_charts(reader.get(url).get_data(as_text=True))
    assert "5 values" in added and len(drawings) == 4
    assert _stored(app) == 4


def test_the_pdsa_log_reuses_and_keeps_its_charts(app, client, team_lab, make_measure, drawings):
    pid = team_lab["ids"]["prototype"]
    make_measure(pid, [3, 4, 5, 6])
    client.login_as(team_lab["people"]["lee"])
    url = f"/labs/{team_lab['lab'].id}/prototypes/{pid}/log.pdf?lang=en"
    assert client.get(url).status_code == 200
    chartstore.forget_process_charts()
    assert client.get(url).status_code == 200
    assert len(drawings) == 1 and _stored(app) == 1


def test_prune_deletes_charts_stored_before_the_age_given(app, team_lab, make_measure, drawings):
    pid = team_lab["ids"]["prototype"]
    make_measure(pid, [3, 4, 5, 6])
    url = f"/labs/{team_lab['lab'].id}/prototypes/{pid}/"
    reader = _reader(app, team_lab)
    reader.get(url)
    assert _stored(app) == 1
    runner = app.test_cli_runner()
    result = runner.invoke(args=["charts", "prune", "--days", "30"])
    assert result.exit_code == 0, result.output
    assert "Deleted 0 stored chart(s) older than 30 day(s)." in result.output
    with app.app_context():
        db.session.execute(sa.update(chartstore.DrawnChart).values(
            created_at=chartstore.DrawnChart.created_at - timedelta(days=31)))
        db.session.commit()
    result = runner.invoke(args=["charts", "prune", "--days", "30"])
    assert "Deleted 1 stored chart(s) older than 30 day(s)." in result.output
    assert _stored(app) == 0
    chartstore.forget_process_charts()
    assert len(_run_charts(reader.get(url).get_data(as_text=True))) == 1, "the page draws it again"
    assert len(drawings) == 2 and _stored(app) == 1


def test_the_lab_export_leaves_stored_run_charts_out(app, team_lab, make_measure):
    pid = team_lab["ids"]["prototype"]
    make_measure(pid, [3, 4, 5, 6])
    lab_id = team_lab["lab"].id
    with app.test_request_context():
        before = exchange.export_lab(db.session.get(Lab, lab_id))
    assert _reader(app, team_lab).get(f"/labs/{lab_id}/prototypes/{pid}/").status_code == 200
    assert _stored(app) == 1
    with app.test_request_context():
        after = exchange.export_lab(db.session.get(Lab, lab_id))
    assert json.dumps(after, sort_keys=True, default=str) == json.dumps(before, sort_keys=True, default=str)
    assert "<svg" not in json.dumps(after, default=str)
