"""Make the lab report's PDF from a snapshot: draw each prototype's run charts, then lay out the pages.

Registered as the "lab_report" job kind, so it runs in the background and reports its steps.
"""
import re
from datetime import date
from types import SimpleNamespace
from typing import NamedTuple

from flask_babel import force_locale, format_date
from flask_babel import lazy_gettext as _l

from labapp.challenge.constants import FACTORS, RATINGS
from labapp.i18n import LANGUAGES, babel_locale
from labapp.jobs.runner import register
from labapp.labs.constants import STAGE_SUMMARIES, STAGES
from labapp.pdf import render_pdf
from labapp.prototypes.chart import run_charts
from labapp.prototypes.constants import DIRECTIONS, MIN_POINTS_TO_JUDGE

KIND = "lab_report"

# The steps a report goes through, in words for the progress page.
STEPS = {
    "": _l("Waiting to start"),
    "gathering": _l("Gathering the lab's learning"),
    "charts": _l("Drawing the run charts"),
    "layout": _l("Laying out the pages"),
    "done": _l("Ready"),
}


# The labels the template reads, from the areas that own them.
CONSTANTS = {"FACTORS": FACTORS, "RATINGS": RATINGS, "STAGES": STAGES, "STAGE_SUMMARIES": STAGE_SUMMARIES,
             "DIRECTIONS": DIRECTIONS, "MIN_POINTS_TO_JUDGE": MIN_POINTS_TO_JUDGE}


class _SnapshotValue(NamedTuple):
    """A snapshot's weekly value, shaped as prototypes.measures.series reads a MeasureValue."""

    period: date
    plotted: float | None
    excluded: bool

    def plotted_as(self, _kind: str) -> float | None:
        return self.plotted  # the snapshot holds the plotted value already


def _measure_for_chart(measure: dict) -> SimpleNamespace:
    """Give a snapshot's measure the shape prototypes.chart.run_charts reads."""
    rows = [_SnapshotValue(date.fromisoformat(v["period"]), v["value"], v["excluded"]) for v in measure["values"]]
    return SimpleNamespace(name=measure["name"], kind=measure["kind"], unit=measure["unit"], values=rows,
                           direction=measure["direction"], goal=measure["goal"],
                           baseline_points=measure["baseline_points"])


def draw_charts(prototype: dict) -> list:
    """Draw a snapshot prototype's run charts (numbers only inside the SVG; the key is HTML)."""
    cycles = [SimpleNamespace(number=c["number"], week_starts=date.fromisoformat(c["starts"]) if c["starts"] else None)
              for c in prototype["cycle_starts"]]
    return run_charts([_measure_for_chart(m) for m in prototype["measures"]], cycles, width=6.4, height=2.8)


def long_date(iso: str | None) -> str:
    """Return an ISO date in the reader's long form, or an empty string."""
    return format_date(date.fromisoformat(iso), "long") if iso else ""


def filename(data: dict, made_on: date) -> str:
    """Return a readable ASCII filename: lab-report-<lab name>-<language>-<date>.pdf."""
    slug = re.sub(r"[^a-z0-9]+", "-", data["lab"]["name"].lower()).strip("-")[:60] or f"lab-{data['lab']['id']}"
    return f"lab-report-{slug}-{data['locale']}-{made_on.isoformat()}.pdf"


def make_report(data: dict, locale: str, progress=lambda percent, step: None, made_on: date | None = None) -> bytes:
    """Return the report's PDF for a snapshot, calling progress(percent, step) as it goes."""
    made_on = made_on or date.today()
    progress(5, "gathering")
    charts = []
    prototypes = data["prototypes"]
    with force_locale(babel_locale(locale)):
        for number, prototype in enumerate(prototypes):
            progress(10 + 60 * number // max(len(prototypes), 1), "charts")
            charts.append(draw_charts(prototype))
    progress(75, "layout")
    language = LANGUAGES.get(locale)
    return render_pdf("reports/pdf/report.html", locale=locale, data=data, charts=charts, made_on=made_on,
                      language_name=language.native_name if language else locale, long_date=long_date, **CONSTANTS)


@register(KIND)
def report_job(job, progress) -> tuple[bytes, str]:
    """Make the report a job asks for; return its bytes and filename."""
    data, locale = job.params, job.locale
    made_on = date.today()
    return make_report(data, locale, progress, made_on), filename(data, made_on)
