"""Draw the panel's ratings of the 12 factors as stacked bars (inline SVG with a text alternative)."""
from functools import partial

from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup

from labapp import chartstore
from labapp.charts import COLOURS, new_figure, to_svg

from .aggregate import CANT_JUDGE, LEVELS
from .constants import RATINGS

# Not met ... fully met, then can't judge; red to green with a grey, readable in black and white by order.
BAR_COLOURS = {1: COLOURS["signal"], 2: COLOURS["secondary"], 3: "#85994b", 4: COLOURS["good"],
               CANT_JUDGE: COLOURS["grid"]}
# Raise when the drawing below changes what a chart looks like: stored charts of the old drawing are then unused.
FACTOR_CHART_VERSION = 1


def factor_chart(factor_results, *, width: float = 6.4, height: float = 4.2) -> Markup | None:
    """Return one stacked bar per factor (numbered 1-12, top to bottom) with the count of each rating.

    Drawn once per set of ratings, language and size (see labapp.chartstore).
    """
    if not any(sum(r.counts.values()) for r in factor_results):
        return None
    levels = (*LEVELS, CANT_JUDGE)
    parts = [_("Factor %(num)s: %(not_met)s not met, %(partly)s partly met, %(mostly)s mostly met, "
               "%(fully)s fully met, %(cant)s can't judge.", num=r.factor, not_met=r.counts[1],
               partly=r.counts[2], mostly=r.counts[3], fully=r.counts[4], cant=r.counts[CANT_JUDGE])
             for r in factor_results]
    plan = {"size": [width, height], "levels": [[level, str(RATINGS[level])] for level in levels],
            "bars": [[r.factor, [r.counts[level] for level in levels], bool(r.disagreement)] for r in factor_results],
            "ylabel": _("Factor"), "xlabel": _("Number of panel members"),
            "label": _("Panel ratings of the 12 factors.") + " " + " ".join(parts)}
    wanted = chartstore.Wanted(chartstore.chart_key("factors", FACTOR_CHART_VERSION, plan, str(get_locale())),
                               partial(_draw, plan), {"kind": "factors"})
    return chartstore.charts(chartstore.DrawnChart, [wanted])[wanted.key]


def _draw(plan: dict) -> Markup:
    """Draw the factor chart from its plan alone (slow: about a tenth of a second)."""
    with new_figure(*plan["size"]) as fig:
        ax = fig.add_subplot()
        ys = [factor for factor, _counts, _disagreement in plan["bars"]]
        lefts = [0] * len(ys)
        for index, (level, name) in enumerate(plan["levels"]):
            counts = [bar_counts[index] for _factor, bar_counts, _disagreement in plan["bars"]]
            ax.barh(ys, counts, left=lefts, color=BAR_COLOURS[level], edgecolor="white", label=name)
            lefts = [a + b for a, b in zip(lefts, counts)]
        for factor, counts, disagreement in plan["bars"]:
            if disagreement:
                ax.annotate("!", xy=(sum(counts), factor), xytext=(4, -4), textcoords="offset points",
                            fontsize=10, fontweight="bold", color=COLOURS["ink"])
        ax.set_yticks(ys)
        ax.set_yticklabels([str(y) for y in ys])
        ax.invert_yaxis()
        ax.set_ylabel(plan["ylabel"])
        ax.set_xlabel(plan["xlabel"])
        ax.xaxis.get_major_locator().set_params(integer=True)
        fig.legend(loc="outside lower center", ncols=5, fontsize=7, frameon=False)
        return to_svg(fig, label=plan["label"], css_class="chart factor-chart")
