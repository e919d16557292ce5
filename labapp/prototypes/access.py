"""Load a lab's prototype and what hangs off it, or answer 404; tell who may change a prototype."""
from flask import abort

from labapp.labs.access import load_lab, owned_or_404
from labapp.labs.constants import FACILITATOR

from .models import Cycle, Measure, MeasureValue, Post, Prototype


def can_edit(prototype: Prototype, membership) -> bool:
    """Tell whether the person may change the prototype: its team, coach and sponsor, and facilitators."""
    if membership.has_role(FACILITATOR):
        return True
    return any(member.membership_id == membership.id for member in prototype.team)


def load_prototype(lab_id: int, prototype_id: int, *, edit: bool = False):
    """Return (lab, membership, prototype); 404 unless it is in a lab the person belongs to, 403 when
    `edit` is asked for and the person may only read."""
    lab, membership = load_lab(lab_id)
    prototype = owned_or_404(Prototype, prototype_id, lab_id=lab.id)
    if edit and not can_edit(prototype, membership):
        abort(403)
    return lab, membership, prototype


def load_cycle(prototype: Prototype, cycle_id: int) -> Cycle:
    """Return a cycle of this prototype, or 404."""
    cycle = owned_or_404(Cycle, cycle_id, prototype_id=prototype.id)
    return cycle


def load_measure(prototype: Prototype, measure_id: int) -> Measure:
    """Return a measure of this prototype, or 404."""
    measure = owned_or_404(Measure, measure_id, prototype_id=prototype.id)
    return measure


def load_value(measure: Measure, value_id: int) -> MeasureValue:
    """Return a value of this measure, or 404."""
    value = owned_or_404(MeasureValue, value_id, measure_id=measure.id)
    return value


def load_post(lab, post_id: int) -> Post:
    """Return a post in this lab's community of practice, or 404."""
    post = owned_or_404(Post, post_id, lab_id=lab.id)
    return post
