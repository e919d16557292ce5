"""Print a programme's report: a cover, contents, the labs side by side, then one short page per lab.

Takes snapshots already gathered (labapp/reports/facts.py `snapshot`, one per lab, in the programme's order),
so whoever runs it (a request or a background job) decides when the facts are read. Never commits.
"""
from datetime import date

from flask_babel import force_locale

from labapp.i18n import babel_locale
from labapp.pdf import render_pdf

from . import compare


def _period(lab: dict) -> tuple[date | None, date | None]:
    return tuple(date.fromisoformat(lab[key]) if lab.get(key) else None for key in ("starts_on", "ends_on"))


def render_programme_report(programme, snapshots: list[dict], locale: str, today: date | None = None) -> bytes:
    """Return the programme report's PDF in the language."""
    with force_locale(babel_locale(locale)):
        sections = compare.comparison(snapshots)
        labs = [{"snap": snap, "period": _period(snap["lab"]), "figures": compare.headline(snap)}
                for snap in snapshots]
    return render_pdf("programmes/pdf/report.html", locale=locale, programme=programme, snapshots=snapshots,
                      sections=sections, labs=labs, printed_on=today or date.today())
