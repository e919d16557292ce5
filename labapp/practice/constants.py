"""Name the kinds of lesson and a review session's states, with their translated labels."""
from flask_babel import lazy_gettext as _l

WORKED, CHANGE, SPREAD = "worked", "change", "spread"
KINDS = {
    WORKED: _l("What worked and should stay"),
    CHANGE: _l("What we would do differently"),
    SPREAD: _l("What the wider system should take up"),
}
OPEN, CLOSED = "open", "closed"
SESSION_STATUSES = {
    OPEN: _l("Open: people can add lessons"),
    CLOSED: _l("Closed"),
}

PER_PAGE = 20
