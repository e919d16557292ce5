"""Name the roles, sectors, support needs and stages a lab uses, with their translated labels."""
from flask_babel import lazy_gettext as _l

FACILITATOR = "facilitator"
DESIGN_TEAM = "design_team"
PARTICIPANT = "participant"
PROTOTYPE_TEAM = "prototype_team"
COACH = "coach"
SPONSOR = "sponsor"
PANEL_MEMBER = "panel_member"

ROLES = {
    FACILITATOR: _l("Facilitator"),
    DESIGN_TEAM: _l("Design team"),
    PARTICIPANT: _l("Participant"),
    PROTOTYPE_TEAM: _l("Prototype team"),
    COACH: _l("Coach"),
    SPONSOR: _l("Sponsor"),
    PANEL_MEMBER: _l("Panel member"),
}

SECTORS = {
    "community": _l("Community member or resident"),
    "nhs": _l("NHS"),
    "local_authority": _l("Local council"),
    "vcse": _l("Voluntary and community sector"),
    "private_other": _l("Private or other"),
}

LEVELS = {
    "resident": _l("Resident"),
    "frontline": _l("Frontline"),
    "manager": _l("Manager"),
    "senior_leader": _l("Senior leader"),
    "executive": _l("Executive or board"),
}

# The share of the room the lab aims to fill with residents (community sector), in per cent.
DEFAULT_RESIDENT_TARGET = 50
RESIDENT_SECTOR = "community"

SUPPORT_NEEDS = {
    "interpreter": _l("An interpreter"),
    "creche": _l("A crèche for children"),
    "step_free": _l("Step-free access"),
    "large_print": _l("Large print"),
}

STAGES = {
    "design_team": _l("Design team"),
    "data": _l("Data"),
    "workshops": _l("Workshops"),
    "learning_journeys": _l("Learning journeys"),
    "prototypes": _l("Prototypes"),
    "check_and_challenge": _l("Check and challenge"),
    "community_of_practice": _l("Community of practice"),
}

STAGE_SUMMARIES = {
    "design_team": _l("Map the local system, agree the lab's question and invite people."),
    "data": _l("Turn local figures into a deck of data cards and check it together."),
    "workshops": _l("Meet three times: observe, step back and reflect, then act."),
    "learning_journeys": _l("Visit local services and groups, then talk about what you saw."),
    "prototypes": _l("Small teams test a change in weekly cycles for six weeks."),
    "check_and_challenge": _l("A panel of system leaders and residents reviews each proposal."),
    "community_of_practice": _l("Share what was learned with the whole system."),
}


def default_propositions() -> list[str]:
    """Return the three universal-healthcare propositions, in the current language."""
    from flask_babel import gettext as _

    return [
        _("We treat the effects of poverty as medical problems, with quick fixes that do not last."),
        _("Our services are not easy for everyone to reach and use."),
        _("We are not open about how care is rationed."),
    ]
