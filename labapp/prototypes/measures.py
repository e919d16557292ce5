"""Keep a prototype's measures and their weekly values; read them as a run chart; CSV in and out."""
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from labapp.csvfiles import CsvProblems, read_csv, write_csv
from labapp.extensions import db

from .models import Measure, MeasureValue
from .runchart import RunChartAnalysis, analyse

MEASURE_FIELDS = ("name", "definition", "kind", "unit", "direction", "goal", "baseline_points")
CSV_COLUMNS = ["period", "value", "numerator", "denominator", "excluded", "note"]
MAX_BYTES = 2 * 1024 * 1024
TRUE_WORDS = {"1", "yes", "true", "y", "x"}


def create_measure(prototype, **values) -> Measure:
    """Add a measure to the prototype."""
    measure = Measure(prototype_id=prototype.id, **{k: values[k] for k in MEASURE_FIELDS if k in values})
    db.session.add(measure)
    db.session.flush()
    return measure


def update_measure(measure: Measure, **values) -> None:
    """Change a measure's definition, kind, direction or goal."""
    for key in MEASURE_FIELDS:
        if key in values:
            setattr(measure, key, values[key])


def delete_measure(measure: Measure) -> None:
    """Delete a measure with its values."""
    db.session.delete(measure)


def value_for(measure: Measure, period: date) -> MeasureValue | None:
    """Return the measure's value for a period, if there is one."""
    return db.session.scalar(select(MeasureValue).where(MeasureValue.measure_id == measure.id,
                                                        MeasureValue.period == period))


def set_value(measure: Measure, period: date, *, value=None, numerator=None, denominator=None, note="",
              excluded=False) -> MeasureValue:
    """Record the value for a period, replacing what was there for that period."""
    row = value_for(measure, period)
    if row is None:
        row = MeasureValue(measure_id=measure.id, period=period)
        db.session.add(row)
        measure.values.append(row)
    row.value, row.numerator, row.denominator = value, numerator, denominator
    row.note, row.excluded = note or "", bool(excluded)
    db.session.flush()
    return row


def delete_value(measure: Measure, row: MeasureValue) -> None:
    """Delete one value."""
    measure.values.remove(row)
    db.session.delete(row)


def series(measure: Measure) -> tuple[list[MeasureValue], list[float | None], list[int]]:
    """Return the rows in time order, the plotted values, and the positions left out of the analysis."""
    rows = sorted(measure.values, key=lambda row: row.period)
    kind = measure.kind
    return rows, [row.plotted_as(kind) for row in rows], [i for i, row in enumerate(rows) if row.excluded]


def analysis(measure: Measure) -> RunChartAnalysis:
    """Analyse the measure's values as a run chart (the first `baseline_points` make the median when set)."""
    _rows, values, excluded = series(measure)
    return analyse(values, freeze=measure.baseline_points or None, exclude=excluded)


def series_of_lab(lab_id: int) -> dict[int, list[tuple[date, float | None, bool]]]:
    """Return every measure of a lab's prototypes as its (period, plotted value, left out) points in time order,
    from one query of the values' columns, without loading each value as an object."""
    from .models import Prototype, plotted_value

    kinds = dict(db.session.execute(select(Measure.id, Measure.kind).join(Prototype)
                                    .where(Prototype.lab_id == lab_id)).all())
    points: dict[int, list] = {measure_id: [] for measure_id in kinds}
    rows = db.session.execute(
        select(MeasureValue.measure_id, MeasureValue.period, MeasureValue.value, MeasureValue.numerator,
               MeasureValue.denominator, MeasureValue.excluded)
        .join(Measure).join(Prototype).where(Prototype.lab_id == lab_id)
        .order_by(MeasureValue.measure_id, MeasureValue.period))
    for measure_id, period, value, numerator, denominator, excluded in rows:
        points[measure_id].append((period, plotted_value(kinds[measure_id], value, numerator, denominator), excluded))
    return points


def analyse_points(points: list[tuple[date, float | None, bool]], baseline_points: int | None) -> RunChartAnalysis:
    """Analyse (period, plotted value, left out) points as `analysis` does a measure."""
    return analyse([value for _period, value, _excluded in points], freeze=baseline_points or None,
                   exclude=[i for i, (_period, _value, excluded) in enumerate(points) if excluded])


# CSV ----------------------------------------------------------------------------------------------

def export_csv(measure: Measure) -> str:
    """Return the measure's values as CSV with the import's columns."""
    rows, _values, _excluded = series(measure)
    return write_csv(CSV_COLUMNS, [
        [row.period.isoformat(), _number(row.value), _number(row.numerator), _number(row.denominator),
         "yes" if row.excluded else "", row.note] for row in rows])


def _number(value):
    if value is None:
        return ""
    return int(value) if float(value).is_integer() else value


def _parse_number(text: str, problems: list, label: str):
    if not text:
        return None
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        problems.append(_("%(column)s must be a number, not \"%(value)s\".", column=label, value=text))
        return None
    if number != number or number in (float("inf"), float("-inf")):
        problems.append(_("%(column)s must be a number, not \"%(value)s\".", column=label, value=text))
        return None
    return number


def parse_csv(measure: Measure, data: bytes) -> list[dict]:
    """Check every row and return them ready to save; raise CsvProblems listing every problem (all or nothing)."""
    if len(data) > MAX_BYTES:
        raise CsvProblems([(0, _("The file is larger than 2 MB. Split it into smaller files."))])
    parsed = read_csv(data, CSV_COLUMNS, required=("period",))
    rows, problems, seen = [], [], {}
    for line, row in parsed:
        reasons = []
        try:
            period = date.fromisoformat(row["period"])
        except ValueError:
            period = None
            reasons.append(_("The period must be a date like 2027-04-05, not \"%(value)s\".", value=row["period"]))
        value = _parse_number(row["value"], reasons, "value")
        numerator = _parse_number(row["numerator"], reasons, "numerator")
        denominator = _parse_number(row["denominator"], reasons, "denominator")
        if measure.kind == "proportion":
            if numerator is None or denominator is None:
                if not reasons:
                    reasons.append(_("A proportion needs a numerator and a denominator."))
            elif numerator < 0 or denominator < 0 or numerator > denominator:
                reasons.append(_("The numerator must be between 0 and the denominator."))
        elif value is None and not reasons:
            reasons.append(_("Give a value."))
        if period in seen:
            reasons.append(_("This period is already on line %(line)s.", line=seen[period]))
        if len(row["note"]) > 2000:
            reasons.append(_("Keep the note to 2,000 characters or fewer."))
        if period is not None:
            seen.setdefault(period, line)
        if reasons:
            problems.append((line, " ".join(str(reason) for reason in reasons)))
            continue
        if measure.kind == "proportion":
            value = None
        else:
            numerator = denominator = None
        rows.append({"period": period, "value": value, "numerator": numerator, "denominator": denominator,
                     "excluded": row["excluded"].strip().lower() in TRUE_WORDS, "note": row["note"]})
    if problems:
        raise CsvProblems(problems)
    return rows


def import_rows(measure: Measure, rows: list[dict]) -> int:
    """Save checked rows; a row for a period that has a value replaces it. Return how many."""
    for row in rows:
        set_value(measure, row.pop("period"), **row)
    return len(rows)
