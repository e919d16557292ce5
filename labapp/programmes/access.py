"""Load a programme for the signed-in person, or 404; tell who may change it, its labs, or delete it.

A programme is seen by any member of any of its labs. A lab joins or leaves only by a facilitator of that lab.
"""
from flask import abort
from flask_login import current_user

from labapp.extensions import db
from labapp.labs.constants import FACILITATOR

from . import service
from .models import Programme


def facilitates(memberships: dict, lab_id: int) -> bool:
    """Tell whether the person facilitates this lab."""
    membership = memberships.get(lab_id)
    return membership is not None and membership.has_role(FACILITATOR)


def can_edit(programme: Programme, memberships: dict) -> bool:
    """Tell whether the person may change the name and description: a facilitator of any of its labs."""
    return any(facilitates(memberships, row.lab_id) for row in programme.lab_rows)


def can_delete(programme: Programme, memberships: dict) -> bool:
    """Tell whether the person may delete the programme: a facilitator of every lab in it."""
    return bool(programme.lab_rows) and all(facilitates(memberships, row.lab_id) for row in programme.lab_rows)


def load_programme(programme_id: int) -> tuple[Programme, dict]:
    """Return the programme and the person's memberships by lab id; 404 unless they belong to one of its labs."""
    if not current_user.is_authenticated:
        abort(404)
    programme = db.session.get(Programme, programme_id)
    if programme is None:
        abort(404)
    memberships = service.memberships_of(current_user)
    if not any(row.lab_id in memberships for row in programme.lab_rows):
        abort(404)
    return programme, memberships
