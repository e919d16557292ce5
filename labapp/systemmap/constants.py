"""Name the kinds of actor and tie on a system map, with their translated labels."""
from flask_babel import lazy_gettext as _l

ACTOR_KINDS = {
    "organisation": _l("Organisation"),
    "group": _l("Group"),
    "team": _l("Team"),
    "role": _l("Role"),
    "person": _l("Named person"),
}
# Named people are seen only by the design team and facilitators.
PERSON = "person"

TIE_KINDS = {
    "commissions": _l("Commissions"),
    "funds": _l("Funds"),
    "refers_to": _l("Refers to"),
    "works_with": _l("Works with"),
    "trusts": _l("Trusts"),
    "could_connect": _l("Could connect"),
}

TIE_STRENGTHS = {
    1: _l("Weak"),
    2: _l("Medium"),
    3: _l("Strong"),
}
