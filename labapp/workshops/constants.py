"""Name the kinds of workshop and the support a workshop can offer."""
from flask_babel import lazy_gettext as _l

WORKSHOP_KINDS = {
    "data_mining": _l("Data-mining workshop"),
    "observe": _l("Observe workshop"),
    "retreat": _l("Retreat workshop"),
    "act": _l("Act workshop"),
    "check_and_challenge": _l("Check and challenge session"),
    "community_of_practice": _l("Community of practice session"),
    "other": _l("Other event"),
}

SUPPORT_OFFERED = {
    "interpreter": _l("Interpreters"),
    "creche": _l("Crèche"),
    "step_free": _l("Step-free access"),
    "lunch": _l("Lunch"),
    "quiet_room": _l("Quiet room"),
    "large_print": _l("Large print"),
}
