"""Name the card statuses, chart kinds, pick-session states and PDF layouts, with translated labels."""
from flask_babel import lazy_gettext as _l

DRAFT = "draft"
REVIEWED = "reviewed"
CARD_STATUSES = {DRAFT: _l("Draft"), REVIEWED: _l("Reviewed")}

CHART_KINDS = {
    "": _l("No chart"),
    "bar": _l("Bars"),
    "line": _l("A line over time"),
    "number": _l("One big number"),
}

OPEN = "open"
CLOSED = "closed"
SESSION_STATES = {OPEN: _l("Open for picking"), CLOSED: _l("Closed")}

DEFAULT_PICK_LIMIT = 3
MAX_PICK_LIMIT = 20
MAX_CHART_ROWS = 12
LAYOUTS = ("a6", "a4")
