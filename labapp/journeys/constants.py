"""Name the states of visits and sign-ups, and the languages a visit can be held in."""
from flask_babel import lazy_gettext as _l

DRAFT, OPEN, FULL, CLOSED, CANCELLED = "draft", "open", "full", "closed", "cancelled"
VISIT_STATUSES = {
    DRAFT: _l("Draft: only the organisers see it"),
    OPEN: _l("Open for sign-up"),
    FULL: _l("Full: new people join the waiting list"),
    CLOSED: _l("Closed to sign-ups"),
    CANCELLED: _l("Cancelled"),
}
# Statuses people can still join (FULL only takes people onto the waiting list).
JOINABLE = (OPEN, FULL)

CONFIRMED, WAITLISTED, WITHDRAWN = "confirmed", "waitlisted", "cancelled"
SIGNUP_STATUSES = {
    CONFIRMED: _l("Confirmed"),
    WAITLISTED: _l("On the waiting list"),
    WITHDRAWN: _l("Cancelled"),
}

DEFAULT_CAPACITY = 6
MAX_CAPACITY = 200
MAX_CHOICES = 3

ROUND_OPEN, ROUND_CLOSED, ROUND_PUBLISHED = "open", "closed", "published"
ROUND_STATUSES = {
    ROUND_OPEN: _l("Open: people are choosing"),
    ROUND_CLOSED: _l("Closed: ready to allocate"),
    ROUND_PUBLISHED: _l("Published"),
}

NOTICE_PROMOTED = "promoted"
NOTICE_ALLOCATED = "allocated"
NOTICE_VISIT_CANCELLED = "visit_cancelled"

OTHER_LANGUAGE = "other"
