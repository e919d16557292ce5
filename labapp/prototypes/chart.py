"""Draw a measure's run chart as inline SVG and say in plain words what it shows."""
from dataclasses import dataclass, field, replace
from functools import partial

from babel.dates import format_date
from babel.numbers import format_decimal
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup

from labapp import chartstore
from labapp.charts import COLOURS, new_figure, to_svg

from .constants import MIN_POINTS_TO_JUDGE
from .measures import series
from .runchart import analyse

# Raise when the drawing below changes what a chart looks like: stored charts of the old drawing are then unused.
RUN_CHART_VERSION = 1


@dataclass
class RunChart:
    """A measure's chart, its verdict, and whether it signals."""

    svg: Markup | None
    verdict: str
    signal: bool
    judged: bool
    # The key, as (kind, label): written in the page, not in the SVG, because WeasyPrint draws SVG text without
    # joining Arabic letters or ordering right-to-left text. The SVG itself holds only numbers.
    key: list = field(default_factory=list)


def _number(value) -> str:
    return format_decimal(round(value, 1), locale=get_locale())


def verdict(result, direction: str, n_values: int) -> tuple[str, bool]:
    """Return the plain-words reading of an analysis and whether it may be judged at all."""
    if n_values == 0:
        return _("No values yet. Add the first week's value to start the chart."), False
    if result.n_useful < MIN_POINTS_TO_JUDGE:
        return _("Too few points to judge yet: at least %(min)s are needed (%(num)s so far, not counting points on "
                 "the median or left out).", min=MIN_POINTS_TO_JUDGE, num=result.n_useful), False
    sentences = []
    if result.long_run:
        if result.longest_run_side > 0:
            sentences.append(_("A run of %(num)s points above the median: this is unlikely to be chance.",
                               num=result.longest_run))
        else:
            sentences.append(_("A run of %(num)s points below the median: this is unlikely to be chance.",
                               num=result.longest_run))
        better = (result.longest_run_side > 0) == (direction == "up")
        sentences.append(_("It is on the better side of the median.") if better
                         else _("It is on the worse side of the median."))
    if result.few_crossings:
        sentences.append(ngettext("The line crosses the median only %(num)s time, fewer than the %(limit)s that "
                                  "chance would give: something other than chance is likely at work.",
                                  "The line crosses the median only %(num)s times, fewer than the %(limit)s that "
                                  "chance would give: something other than chance is likely at work.",
                                  result.crossings, limit=result.crossings_limit))
    if not result.signal:
        sentences.append(_("No signal: the ups and downs look like chance so far."))
        if result.shift:
            sentences.append(_("There is a shift of 6 or more points on one side of the median; watch the next "
                               "weeks."))
    if result.trend:
        sentences.append(_("There is a trend: 5 or more points in a row going the same way."))
    return " ".join(sentences), True


def run_chart(measure, cycles=(), *, width: float = 5.6, height: float = 3.4) -> RunChart:
    """Return the measure's run chart: points, median (dashed), goal, cycle starts, signalling points."""
    return run_charts([measure], cycles, width=width, height=height)[0]


def run_charts(measures, cycles=(), *, width: float = 5.6, height: float = 3.4) -> list[RunChart]:
    """Return the run chart of each measure, drawing only charts never drawn before (one look-up for all)."""
    readings = [_reading(measure, cycles, width, height) for measure in measures]
    locale = str(get_locale())
    wanted = {index: chartstore.Wanted(chartstore.chart_key("run", RUN_CHART_VERSION, plan, locale),
                                       partial(_draw, plan), {"kind": "run"})
              for index, (_chart, plan) in enumerate(readings) if plan is not None}
    found = chartstore.charts(chartstore.DrawnChart, list(wanted.values()))
    return [replace(chart, svg=found[wanted[index].key]) if index in wanted else chart
            for index, (chart, _plan) in enumerate(readings)]


def _reading(measure, cycles, width: float, height: float) -> tuple[RunChart, dict | None]:
    """Return the chart without its SVG, and everything its drawing shows (None when there is nothing to draw).

    The drawing reads only the plan, so the plan's hash names every chart that looks different.
    """
    rows, values, excluded = series(measure)
    result = analyse(values, freeze=measure.baseline_points or None, exclude=excluded)
    text, judged = verdict(result, measure.direction, sum(v is not None for v in values))
    if not any(v is not None for v in values):
        return RunChart(None, text, False, False), None
    signalling = result.signal_positions if judged else frozenset()
    locale = get_locale()
    xs = list(range(len(rows)))
    shown = [(x, v) for x, v in zip(xs, values) if v is not None]
    key = [("value", _("Value"))]
    out = [(x, values[x]) for x in excluded if values[x] is not None]
    if out:
        key.append(("excluded", _("Left out of the analysis")))
    hits = [(x, values[x]) for x in sorted(signalling) if values[x] is not None]
    if hits:
        key.append(("signal", _("Signal")))
    if result.centre is not None:
        key.append(("median", _("Median %(value)s", value=_number(result.centre))))
    if measure.goal is not None:
        key.append(("goal", _("Goal %(value)s", value=_number(measure.goal))))
    cycle_marks = []
    for cycle in cycles:
        starts = cycle.week_starts
        if starts is None:
            continue
        # Mark the cycle at the first value on or after its week's start.
        x = next((i for i, row in enumerate(rows) if row.period >= starts), None)
        if x is None:
            continue
        cycle_marks.append((x, cycle.number))
    if cycle_marks:
        key.append(("cycle", _("A PDSA cycle starts (its number at the foot)")))
    step = max(1, -(-len(rows) // 6))  # at most six dates, so long month names do not collide
    label = _("Run chart of %(name)s: %(num)s values from %(first)s to %(last)s. %(verdict)s",
              name=measure.name, num=len(shown), first=format_date(rows[0].period, "long", locale=locale),
              last=format_date(rows[-1].period, "long", locale=locale), verdict=text)
    plan = {"size": [width, height], "points": shown, "out": out, "hits": hits, "centre": result.centre,
            "goal": measure.goal, "cycles": cycle_marks, "ticks": xs[::step],
            "tick_labels": [f"{row.period.day}/{row.period.month}" for row in rows[::step]], "n": len(rows),
            "label": label}
    return RunChart(None, text, bool(judged and result.signal), judged, key), plan


def _draw(plan: dict) -> Markup:
    """Draw a run chart from its plan alone (slow: about a tenth of a second)."""
    with new_figure(*plan["size"]) as fig:
        ax = fig.add_subplot()
        shown = plan["points"]
        ax.plot([x for x, _v in shown], [v for _x, v in shown], color=COLOURS["primary"], linewidth=1.5,
                marker="o", markersize=5)
        if plan["out"]:
            ax.plot([x for x, _v in plan["out"]], [v for _x, v in plan["out"]], linestyle="none", marker="o",
                    markersize=7, markerfacecolor="white", markeredgecolor=COLOURS["muted"])
        if plan["hits"]:
            ax.plot([x for x, _v in plan["hits"]], [v for _x, v in plan["hits"]], linestyle="none", marker="o",
                    markersize=8, color=COLOURS["signal"])
        if plan["centre"] is not None:
            ax.axhline(plan["centre"], color=COLOURS["ink"], linestyle="--", linewidth=1)
        if plan["goal"] is not None:
            ax.axhline(plan["goal"], color=COLOURS["good"], linestyle=":", linewidth=1.5)
        for x, number in plan["cycles"]:
            ax.axvline(x, color=COLOURS["grid"], linewidth=0.8, linestyle="-")
            ax.annotate(str(number), xy=(x, 0), xycoords=("data", "axes fraction"), xytext=(2, 2),
                        textcoords="offset points", fontsize=8, color=COLOURS["muted"])
        ax.set_xticks(plan["ticks"])
        ax.set_xticklabels(plan["tick_labels"])
        ax.set_xlim(-0.5, plan["n"] - 0.5)
        ax.grid(axis="y", color=COLOURS["grid"], linewidth=0.5)
        return to_svg(fig, label=plan["label"], css_class="chart run-chart")
