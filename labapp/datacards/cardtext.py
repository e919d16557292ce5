"""Turn a card's text into safe HTML and its data example into a chart; pages and PDFs use the same output."""
import functools

import markdown
import nh3
from flask_babel import format_decimal
from flask_babel import gettext as _
from markupsafe import Markup

from labapp.charts import COLOURS, new_figure, to_svg

ALLOWED_TAGS = {"p", "em", "strong", "ul", "ol", "li", "a", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render_body(text: str | None) -> Markup:
    """Render a card's Markdown (emphasis, lists, links) and keep only safe tags and links."""
    if not text or not text.strip():
        return Markup("")
    return _render_markdown(text)


@functools.lru_cache(maxsize=4096)
def _render_markdown(text: str) -> Markup:
    # The same text always gives the same safe HTML; a 300-card deck page rendered every body on every view.
    html = markdown.markdown(text, output_format="html")
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                      link_rel="noopener noreferrer nofollow", strip_comments=True)
    return Markup(clean)  # noqa: S704 - nh3 has kept only the allowed tags and links


def format_value(value: float) -> str:
    """Show a number the reader's way, without a needless ".0"."""
    return format_decimal(int(value) if float(value).is_integer() else value)


def chart_text(rows: list, unit: str) -> str:
    """Return the chart's text alternative: every label with its value and unit."""
    parts = [_("%(label)s: %(value)s %(unit)s", label=label, value=format_value(value), unit=unit).strip()
             for label, value in rows]
    return "; ".join(parts)


# Bump when the drawing below changes: stored charts of the old drawing are then never shown again.
CHART_VERSION = 1


def frozen_rows(rows: list) -> tuple:
    """Return a card's chart rows as ((label, value), ...), the form the drawing and the chart store read."""
    return tuple((str(label), float(value)) for label, value in rows or [])


def draw_chart(kind: str, rows: tuple, unit: str, title: str) -> Markup:
    """Draw the card's data example as inline SVG (bars, a line or one big number) in the current language.

    Slow (about a tenth of a second): pages go through chartstore.charts_for, which draws each chart once.
    """
    label = _("Chart: %(title)s. %(values)s", title=title, values=chart_text(rows, unit)).strip()
    labels = [str(row[0]) for row in rows]
    values = [float(row[1]) for row in rows]
    if kind == "number":
        with new_figure(3.2, 1.6) as fig:
            ax = fig.add_subplot()
            ax.set_axis_off()
            ax.text(0.5, 0.62, format_value(values[0]), ha="center", va="center", fontsize=34, fontweight="bold",
                    color=COLOURS["primary"])
            ax.text(0.5, 0.15, f"{unit} · {labels[0]}".strip(" ·"), ha="center", va="center", fontsize=11,
                    color=COLOURS["muted"])
            return to_svg(fig, label=label, css_class="chart chart-number")
    with new_figure(4.4, 2.6) as fig:
        ax = fig.add_subplot()
        if kind == "line":
            ax.plot(labels, values, color=COLOURS["primary"], linewidth=2.5, marker="o")
            for x, y in zip(labels, values):
                ax.annotate(format_value(y), (x, y), textcoords="offset points", xytext=(0, 6), ha="center",
                            fontsize=8, color=COLOURS["ink"])
        else:
            bars = ax.bar(labels, values, color=COLOURS["primary"])
            ax.bar_label(bars, labels=[format_value(v) for v in values], fontsize=8, padding=2)
        ax.set_ylabel(unit)
        ax.set_ylim(bottom=min(0, min(values)), top=max(values) * 1.18 if max(values) > 0 else 1)
        ax.tick_params(axis="x", labelsize=8)
        if len(labels) > 4:
            for tick in ax.get_xticklabels():
                tick.set_rotation(30)
                tick.set_horizontalalignment("right")
        return to_svg(fig, label=label)


def parse_rows(text: str) -> tuple[list, list[str]]:
    """Read "label, value" lines into rows; return (rows, problems) with a line number in each problem."""
    rows, problems = [], []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        label, sep, value = line.rpartition(",")
        if not sep:
            label, sep, value = line.rpartition(";")
        label, value = label.strip(), value.strip().replace(" ", "")
        try:
            number_value = float(value)
        except ValueError:
            number_value = None
        if not label or number_value is None or number_value != number_value:
            problems.append(_("Line %(line)s: write a label, a comma and a number, for example “Keighley, 4.2”.",
                              line=number))
            continue
        rows.append([label[:60], number_value])
    return rows, problems


def rows_as_text(rows: list) -> str:
    """Write rows back as the "label, value" lines people type."""
    return "\n".join(f"{label}, {value:g}" for label, value in rows or [])
