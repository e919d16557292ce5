"""Name the steps of the invitation pipeline and which moves between them are allowed."""
from flask_babel import lazy_gettext as _l

STATUS_LABELS = {
    "to_invite": _l("To invite"),
    "invited": _l("Invited"),
    "accepted": _l("Accepted"),
    "declined": _l("Declined"),
    "attended": _l("Attended"),
}

# Forward moves, and the undo a busy design team needs when a button was pressed by mistake.
NEXT_STATUSES = {
    "to_invite": ("invited", "declined"),
    "invited": ("accepted", "declined", "to_invite"),
    "accepted": ("attended", "declined", "invited"),
    "declined": ("invited",),
    "attended": ("accepted",),
}

# The people who count as coming to the room, and those still in the pipeline.
COMING = ("accepted", "attended")
OPEN = ("to_invite", "invited")

NEXT_STEP_HINTS = {
    "to_invite": _l("Invite them, then mark them as invited."),
    "invited": _l("Wait for an answer, or ask again."),
    "accepted": _l("Send them the date, place and support on offer."),
    "declined": _l("Nothing to do, unless they change their mind."),
    "attended": _l("Thank them for coming."),
}
