"""Measures and values: entering them, proportions, CSV in and out, and what the run chart says."""
import io

from labapp.extensions import db
from labapp.prototypes import measures
from labapp.prototypes.models import Measure, MeasureValue


def _base(team_lab):
    return f"/labs/{team_lab['lab'].id}/prototypes/{team_lab['ids']['prototype']}"


def _values(app, measure_id):
    with app.app_context():
        rows = db.session.scalars(db.select(MeasureValue).where(MeasureValue.measure_id == measure_id)
                                  .order_by(MeasureValue.period)).all()
        return [(row.period.isoformat(), row.value, row.numerator, row.denominator, row.excluded, row.note)
                for row in rows]


def test_a_team_adds_a_measure_and_enters_values(app, client, team_lab):
    client.login_as(team_lab["people"]["mo"])
    response = client.post_form(_base(team_lab) + "/measures/new", {
        "name": "People referred", "definition": "Referrals sent to the advice service", "kind": "count",
        "direction": "up", "goal": "20", "unit": "people"})
    assert response.status_code == 302
    with app.app_context():
        measure = db.session.scalar(db.select(Measure))
        assert (measure.name, measure.kind, measure.direction, measure.goal) == ("People referred", "count", "up", 20)
        measure_id = measure.id
    url = _base(team_lab) + f"/measures/{measure_id}/values"
    assert client.post_form(url, {"period": "2027-04-05", "value": "7", "note": "Easter week"}).status_code == 302
    assert client.post_form(url, {"period": "2027-04-12", "value": "9"}).status_code == 302
    assert client.post_form(url, {"period": "2027-04-05", "value": "8"}).status_code == 302  # replaces
    assert _values(app, measure_id) == [("2027-04-05", 8, None, None, False, ""), ("2027-04-12", 9, None, None, False, "")]
    page = client.get(_base(team_lab) + f"/measures/{measure_id}/").get_data(as_text=True)
    assert "Too few points to judge yet: at least 10 are needed" in page
    assert 'role="img"' in page


def test_bad_values_keep_what_was_typed_and_say_what_to_fix(app, client, team_lab, make_measure):
    measure_id = make_measure(team_lab["ids"]["prototype"], [])
    client.login_as(team_lab["people"]["mo"])
    response = client.post_form(_base(team_lab) + f"/measures/{measure_id}/values",
                                {"period": "2027-04-05", "value": "lots", "note": "typed note"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter a number, for example 12 or 3.5." in page and 'value="lots"' in page and "typed note" in page
    missing = client.post_form(_base(team_lab) + f"/measures/{measure_id}/values", {"period": "2027-04-05"})
    assert "Enter the value." in missing.get_data(as_text=True)
    assert _values(app, measure_id) == []


def test_a_proportion_is_plotted_as_a_percentage_and_a_zero_denominator_is_missing(app, client, team_lab,
                                                                                   make_measure):
    measure_id = make_measure(team_lab["ids"]["prototype"], [], kind="proportion", name="Asked who were referred")
    client.login_as(team_lab["people"]["lee"])
    url = _base(team_lab) + f"/measures/{measure_id}/values"
    assert client.post_form(url, {"period": "2027-04-05", "numerator": "3", "denominator": "12"}).status_code == 302
    assert client.post_form(url, {"period": "2027-04-12", "numerator": "0", "denominator": "0"}).status_code == 302
    too_many = client.post_form(url, {"period": "2027-04-19", "numerator": "5", "denominator": "4"})
    assert "The number must be between 0 and the total." in too_many.get_data(as_text=True)
    with app.app_context():
        measure = db.session.get(Measure, measure_id)
        assert measures.series(measure)[1] == [25.0, None]
    page = client.get(_base(team_lab) + f"/measures/{measure_id}/").get_data(as_text=True)
    assert "25%" in page and "missing" in page


def test_the_chart_says_when_a_run_is_unlikely_to_be_chance(app, client, team_lab, make_measure):
    values = [4, 6, 5, 3, 5, 6, 4, 5, 9, 10, 11, 9, 12, 10, 11, 13, 12]
    measure_id = make_measure(team_lab["ids"]["prototype"], values, baseline_points=8, goal=12)
    client.login_as(team_lab["people"]["rita"])
    page = client.get(_base(team_lab) + f"/measures/{measure_id}/").get_data(as_text=True)
    # Baseline median of the first 8 is 5: points 5 (on the median) drop; the last 9 are all above.
    assert "A run of 9 points above the median: this is unlikely to be chance." in page
    assert "It is on the better side of the median." in page
    assert "verdict-signal" in page
    chart = page[page.index('class="chart run-chart"'):]
    chart = chart[:chart.index("</svg>")]
    assert 'fill="#d4351c"' in chart or 'stroke="#d4351c"' in chart  # signalling points drawn in red
    assert "Median 5" in page and "Goal 12" in page  # the key, written in the page


def test_a_steady_series_says_no_signal(app, client, team_lab, make_measure):
    measure_id = make_measure(team_lab["ids"]["prototype"], [5, 7, 4, 8, 5, 7, 6, 4, 8, 5, 7, 6], direction="down")
    client.login_as(team_lab["people"]["rita"])
    page = client.get(_base(team_lab) + f"/measures/{measure_id}/").get_data(as_text=True)
    assert "No signal: the ups and downs look like chance so far." in page
    assert "verdict-signal" not in page


def test_csv_export_and_all_or_nothing_import(app, client, team_lab, make_measure):
    measure_id = make_measure(team_lab["ids"]["prototype"], [4, 6])
    client.login_as(team_lab["people"]["mo"])
    exported = client.get(_base(team_lab) + f"/measures/{measure_id}/values.csv")
    assert exported.headers["Content-Type"].startswith("text/csv")
    text = exported.get_data(as_text=True)
    assert text.startswith("\ufeffperiod,value,numerator,denominator,excluded,note\r\n2027-04-05,4,,,,\r\n")

    bad = ("period,value,note\n2027-04-19,5,fine\nnext tuesday,6,\n2027-04-26,many,\n2027-04-19,7,\n"
           "2027-05-03,=cmd(),\n").encode()
    response = client.post_form(_base(team_lab) + f"/measures/{measure_id}/import",
                                {"file": (io.BytesIO(bad), "values.csv")},
                                content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Nothing was imported" in page
    assert "Line 3:" in page and "Line 4:" in page and "Line 5:" in page and "Line 6:" in page
    assert "Line 2:" not in page
    assert len(_values(app, measure_id)) == 2

    good = "period,value,excluded,note\n2027-04-12,8,,corrected\n2027-04-19,5,yes,clinic shut\n".encode()
    response = client.post_form(_base(team_lab) + f"/measures/{measure_id}/import",
                                {"file": (io.BytesIO(good), "values.csv")},
                                content_type="multipart/form-data")
    assert response.status_code == 302
    assert _values(app, measure_id) == [("2027-04-05", 4, None, None, False, ""),
                                        ("2027-04-12", 8, None, None, False, "corrected"),
                                        ("2027-04-19", 5, None, None, True, "clinic shut")]


def test_a_proportion_import_needs_both_numbers(app, team_lab, make_measure):
    import pytest

    from labapp.csvfiles import CsvProblems

    measure_id = make_measure(team_lab["ids"]["prototype"], [], kind="proportion")
    with app.test_request_context(), app.app_context():
        measure = db.session.get(Measure, measure_id)
        rows = measures.parse_csv(measure, b"period,numerator,denominator\n2027-04-05,3,4\n2027-04-12,0,0\n")
        assert [(r["numerator"], r["denominator"], r["value"]) for r in rows] == [(3, 4, None), (0, 0, None)]
        with pytest.raises(CsvProblems) as problems:
            measures.parse_csv(measure, b"period,value\n2027-04-05,3\n")
        assert problems.value.errors[0][0] == 2


def test_cycle_starts_are_marked_on_the_chart(app, team_lab, make_cycle, make_measure):
    from labapp.prototypes.chart import run_chart
    from labapp.prototypes.models import Prototype

    pid = team_lab["ids"]["prototype"]
    make_cycle(pid)
    make_cycle(pid)
    with app.app_context():
        prototype = db.session.get(Prototype, pid)
        start = prototype.starts_on
    measure_id = make_measure(pid, [3, 4, 5, 6], start=start)
    with app.test_request_context(), app.app_context():
        prototype = db.session.get(Prototype, pid)
        chart = run_chart(db.session.get(Measure, measure_id), prototype.cycles)
        assert ("cycle", "A PDSA cycle starts (its number at the foot)") in chart.key
        assert ">1</text>" in chart.svg and ">2</text>" in chart.svg


def test_the_dashboards_one_query_analysis_agrees_with_each_measures_own(app, team_lab, make_measure):
    """The dashboard counts signals from one query of the lab's values; it must judge each chart as its page does."""
    from datetime import date

    prototype_id = team_lab["ids"]["prototype"]
    shift = [10, 11, 9, 10, 12, 10, 11, 9, 10, 11, 20, 21, 22, 23, 24, 25]
    ids = [make_measure(prototype_id, shift, name="Rising"),
           make_measure(prototype_id, [(3, 10), (4, 10), None, (2, 0), (5, 10)] * 3, kind="proportion", name="Share"),
           make_measure(prototype_id, shift, name="Frozen", baseline_points=6),
           make_measure(prototype_id, [], name="Empty")]
    with app.app_context():
        measure = db.session.get(Measure, ids[0])
        measures.set_value(measure, date(2027, 4, 5) + (10 * (date(2027, 4, 12) - date(2027, 4, 5))), value=20,
                           excluded=True)
        db.session.commit()
        points = measures.series_of_lab(team_lab["lab"].id)
        assert set(points) >= set(ids)
        together = {measure_id: measures.analyse_points(points[measure_id],
                                                        db.session.get(Measure, measure_id).baseline_points)
                    for measure_id in ids}
        for measure_id in ids:
            assert together[measure_id] == measures.analysis(db.session.get(Measure, measure_id)), measure_id
        assert together[ids[0]].n_useful > 10 and together[ids[0]].trend  # real charts, not only empty ones
        assert together[ids[3]].n_useful == 0
