"""Name a prototype's statuses, team roles, cycle states and measure kinds, with their translated labels."""
from flask_babel import lazy_gettext as _l

STATUSES = {
    "forming": _l("Forming"),
    "testing": _l("Testing"),
    "proposal": _l("Writing the proposal"),
    "adopted": _l("Adopted"),
    "stopped": _l("Stopped"),
}

LEAD, MEMBER, COACH, SPONSOR = "lead", "member", "coach", "sponsor"
TEAM_ROLES = {
    LEAD: _l("Lead"),
    MEMBER: _l("Team member"),
    COACH: _l("Coach"),
    SPONSOR: _l("Sponsor"),
}

CYCLE_STATES = {
    "planned": _l("Planned"),
    "doing": _l("Doing"),
    "studied": _l("Studied"),
    "done": _l("Done"),
}

DECISIONS = {
    "adopt": _l("Adopt: keep the change as it is"),
    "adapt": _l("Adapt: change it and test again"),
    "abandon": _l("Abandon: stop this change"),
}

MEASURE_KINDS = {
    "count": _l("A count"),
    "proportion": _l("A proportion (a number out of a total)"),
    "time": _l("A time (for example days waited)"),
    "rate": _l("A rate (for example per 1,000 people)"),
}

DIRECTIONS = {
    "up": _l("Higher is better"),
    "down": _l("Lower is better"),
}

DEFAULT_CYCLE_WEEKS = 6
# Fewer useful points than this and the chart says it is too early to judge.
MIN_POINTS_TO_JUDGE = 10
