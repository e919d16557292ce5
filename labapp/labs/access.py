"""Load a lab for the signed-in person, or answer 404 if they are not in it."""
from flask import abort
from flask_login import current_user

from labapp.extensions import db

from .models import Lab, Membership
from .service import membership_for


def owned_or_404(model, object_id: int, **owner):
    """Return the row of `model` with this id when it belongs to the owner given (e.g. `lab_id=lab.id`), else 404.

    Every area's "load it or 404" helpers call this, so another lab's (or deck's, visit's…) object is a 404.
    """
    row = db.session.get(model, object_id)
    if row is None or any(getattr(row, name) != value for name, value in owner.items()):
        abort(404)
    return row


def load_lab(lab_id: int, *roles: str) -> tuple[Lab, Membership]:
    """Return the lab and the person's membership; 404 unless a member, 403 if a needed role is missing."""
    if not current_user.is_authenticated:
        abort(404)
    lab = db.session.get(Lab, lab_id)
    if lab is None:
        abort(404)
    membership = membership_for(lab, current_user)
    if membership is None:
        abort(404)
    if roles and not membership.has_role(*roles):
        abort(403)
    return lab, membership


def load_member(lab: Lab, membership_id: int) -> Membership:
    """Return a membership of this lab, or 404 when it belongs to another lab."""
    return owned_or_404(Membership, membership_id, lab_id=lab.id)
