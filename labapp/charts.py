"""Draw charts with Matplotlib as SVG that can sit inline in a page, on a phone and in a PDF.

Areas build a figure with `new_figure()`, draw on it with Matplotlib's usual API, and turn it into
markup with `to_svg()`. The markup:
- keeps its text as text (the browser or WeasyPrint shapes Bengali, Urdu or Arabic with the page's fonts);
- carries `role="img"`, an accessible name and a <title>, so a screen reader hears the text alternative;
- uses presentation attributes instead of `style` attributes, which the app's Content-Security-Policy
  (no inline styles) would otherwise block;
- scales to its container (viewBox, no fixed width), with ids that do not clash with other charts.
"""
import hashlib
import io
import warnings
import xml.etree.ElementTree as ET
from contextlib import contextmanager

import matplotlib
from markupsafe import Markup
from matplotlib.figure import Figure

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

# The fonts the pages and PDFs use; Matplotlib only measures with them, the reader's fonts draw.
FONT_STACK = "'Noto Sans', 'Noto Sans Bengali', 'Noto Sans Gurmukhi', 'Noto Naskh Arabic', 'Noto Sans Arabic', sans-serif"
_MEASURE_FONTS = ["DejaVu Sans", "Noto Sans Bengali", "Noto Sans Gurmukhi", "Noto Naskh Arabic", "Noto Sans Arabic"]

# The colours charts share (GOV.UK-like, readable in print and with colour-blindness in mind).
COLOURS = {
    "ink": "#0b0c0c",
    "muted": "#505a5f",
    "grid": "#b1b4b6",
    "primary": "#1d70b8",
    "secondary": "#f47738",
    "signal": "#d4351c",
    "good": "#00703c",
}

_RC = {
    "svg.fonttype": "none",        # keep text as <text>, not outlines
    "text.parse_math": False,      # a "$" in a label is a dollar, not mathematics
    "svg.hashsalt": "labapp",      # the same chart gives the same markup
    "font.family": "sans-serif",
    "font.sans-serif": _MEASURE_FONTS,
    "font.size": 10,
    "axes.edgecolor": COLOURS["muted"],
    "axes.labelcolor": COLOURS["ink"],
    "xtick.color": COLOURS["muted"],
    "ytick.color": COLOURS["muted"],
    "text.color": COLOURS["ink"],
    "axes.spines.top": False,
    "axes.spines.right": False,
}

_STYLE_PROPERTIES = {
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit", "opacity",
    "font-size", "font-weight", "font-style", "text-anchor", "clip-path", "font-family",
}


@contextmanager
def new_figure(width: float = 6.0, height: float = 3.2):
    """Yield a Matplotlib figure (inches) drawn with the app's chart settings."""
    with matplotlib.rc_context(_RC), warnings.catch_warnings():
        # Glyphs missing from the measuring fonts only make label widths approximate.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        warnings.filterwarnings("ignore", message="findfont: Font family .* not found", category=UserWarning)
        yield Figure(figsize=(width, height), layout="constrained")


def to_svg(fig: Figure, *, label: str, css_class: str = "chart") -> Markup:
    """Return the figure as inline SVG markup whose text alternative is `label`."""
    with matplotlib.rc_context(_RC), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    raw = buffer.getvalue()
    root = ET.fromstring(raw.encode("utf-8"))  # noqa: S314 - Matplotlib's own SVG, made just above
    prefix = "c" + hashlib.sha1((raw + label).encode("utf-8"), usedforsecurity=False).hexdigest()[:8] + "-"

    for metadata in root.findall(f"{{{SVG_NS}}}metadata"):
        root.remove(metadata)
    for defs in root.iter(f"{{{SVG_NS}}}defs"):
        for style in defs.findall(f"{{{SVG_NS}}}style"):
            defs.remove(style)

    referenced = set()
    for element in root.iter():
        for name, value in element.attrib.items():
            if "url(#" in value:
                referenced.add(value.split("url(#", 1)[1].split(")", 1)[0])
            elif name == f"{{{XLINK_NS}}}href" and value.startswith("#"):
                referenced.add(value[1:])
    for element in root.iter():
        _style_to_attributes(element)
        element_id = element.attrib.get("id")
        if element_id is not None:
            if element_id in referenced:
                element.set("id", prefix + element_id)
            else:
                del element.attrib["id"]
        for name, value in list(element.attrib.items()):
            if "url(#" in value:
                element.set(name, value.replace("url(#", "url(#" + prefix))
            elif name == f"{{{XLINK_NS}}}href" and value.startswith("#"):
                element.set(name, "#" + prefix + value[1:])
        if element.tag == f"{{{SVG_NS}}}text":
            element.attrib.pop("font-family", None)

    for name in ("width", "height"):
        root.attrib.pop(name, None)
    root.set("class", css_class)
    root.set("role", "img")
    root.set("aria-label", label)
    root.set("font-family", FONT_STACK)
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    title = ET.Element(f"{{{SVG_NS}}}title")
    title.text = label
    root.insert(0, title)
    # Register again: WeasyPrint's PDF metadata module takes the empty prefix for itself when it loads,
    # which would turn <svg> into <ns0:svg> that browsers show as plain text.
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    return Markup(ET.tostring(root, encoding="unicode"))  # noqa: S704 - serialised by ElementTree, text escaped


def _style_to_attributes(element: ET.Element) -> None:
    """Move `style="a: b; c: d"` into presentation attributes (the CSP forbids inline styles)."""
    style = element.attrib.pop("style", None)
    if not style:
        return
    for declaration in style.split(";"):
        name, _, value = declaration.partition(":")
        name, value = name.strip(), value.strip()
        if name in _STYLE_PROPERTIES and value:
            element.set(name, value)
