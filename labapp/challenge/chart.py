"""Draw the panel's ratings of the 12 factors as stacked bars (inline SVG with a text alternative)."""
from flask_babel import gettext as _
from markupsafe import Markup

from labapp.charts import COLOURS, new_figure, to_svg

from .aggregate import CANT_JUDGE, LEVELS
from .constants import RATINGS

# Not met ... fully met, then can't judge; red to green with a grey, readable in black and white by order.
BAR_COLOURS = {1: COLOURS["signal"], 2: COLOURS["secondary"], 3: "#85994b", 4: COLOURS["good"],
               CANT_JUDGE: COLOURS["grid"]}


def factor_chart(factor_results, *, width: float = 6.4, height: float = 4.2) -> Markup | None:
    """Return one stacked bar per factor (numbered 1-12, top to bottom) with the count of each rating."""
    if not any(sum(r.counts.values()) for r in factor_results):
        return None
    with new_figure(width, height) as fig:
        ax = fig.add_subplot()
        ys = [r.factor for r in factor_results]
        lefts = [0] * len(factor_results)
        for level in (*LEVELS, CANT_JUDGE):
            counts = [r.counts[level] for r in factor_results]
            ax.barh(ys, counts, left=lefts, color=BAR_COLOURS[level], edgecolor="white", label=str(RATINGS[level]))
            lefts = [a + b for a, b in zip(lefts, counts)]
        for r in factor_results:
            if r.disagreement:
                ax.annotate("!", xy=(sum(r.counts.values()), r.factor), xytext=(4, -4), textcoords="offset points",
                            fontsize=10, fontweight="bold", color=COLOURS["ink"])
        ax.set_yticks(ys)
        ax.set_yticklabels([str(y) for y in ys])
        ax.invert_yaxis()
        ax.set_ylabel(_("Factor"))
        ax.set_xlabel(_("Number of panel members"))
        ax.xaxis.get_major_locator().set_params(integer=True)
        fig.legend(loc="outside lower center", ncols=5, fontsize=7, frameon=False)
        parts = []
        for r in factor_results:
            parts.append(_("Factor %(num)s: %(not_met)s not met, %(partly)s partly met, %(mostly)s mostly met, "
                           "%(fully)s fully met, %(cant)s can't judge.", num=r.factor, not_met=r.counts[1],
                           partly=r.counts[2], mostly=r.counts[3], fully=r.counts[4], cant=r.counts[CANT_JUDGE]))
        label = _("Panel ratings of the 12 factors.") + " " + " ".join(parts)
        return to_svg(fig, label=label, css_class="chart factor-chart")
