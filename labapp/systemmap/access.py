"""Load the map's actors and ties through their lab; hide named people from those who may not see them."""
from flask import abort

from labapp.labs.access import load_lab, owned_or_404
from labapp.labs.constants import DESIGN_TEAM, FACILITATOR
from labapp.labs.models import Lab, Membership

from .constants import PERSON
from .models import Actor, Tie

# Who may change the map, and who may see the named people on it.
EDITORS = (FACILITATOR, DESIGN_TEAM)


def sees_people(membership: Membership) -> bool:
    """Tell whether this member may see named people (design team and facilitators)."""
    return membership.has_role(*EDITORS)


def load_map(lab_id: int, *, edit: bool = False) -> tuple[Lab, Membership, bool]:
    """Return the lab, the membership and whether named people show; 403 when editing without the role."""
    lab, membership = load_lab(lab_id, *EDITORS) if edit else load_lab(lab_id)
    return lab, membership, sees_people(membership)


def load_actor(lab: Lab, actor_id: int, *, include_people: bool) -> Actor:
    """Return an actor of this lab, or 404 (also for a named person the reader may not see)."""
    actor = owned_or_404(Actor, actor_id, lab_id=lab.id)
    if actor.kind == PERSON and not include_people:
        abort(404)
    return actor


def load_tie(lab: Lab, tie_id: int, *, include_people: bool) -> Tie:
    """Return a tie of this lab, or 404 (also when an end is a named person the reader may not see)."""
    tie = owned_or_404(Tie, tie_id, lab_id=lab.id)
    if not include_people and PERSON in (tie.source.kind, tie.target.kind):
        abort(404)
    return tie
