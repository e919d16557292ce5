"""Load a lab's workshop, its agenda items and check-ins, or answer 404 if they belong elsewhere."""
from flask import abort

from labapp.extensions import db
from labapp.labs.access import load_lab

from .models import AgendaItem, Attendance, Workshop


def load_workshop(lab_id: int, workshop_id: int, *roles: str):
    """Return (lab, membership, workshop); 404 unless the workshop is in a lab the person belongs to."""
    lab, membership = load_lab(lab_id)
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None or workshop.lab_id != lab.id:
        abort(404)
    if roles and not membership.has_role(*roles):
        abort(403)
    return lab, membership, workshop


def load_agenda_item(workshop: Workshop, item_id: int) -> AgendaItem:
    """Return an item of this workshop's agenda, or 404."""
    item = db.session.get(AgendaItem, item_id)
    if item is None or item.workshop_id != workshop.id:
        abort(404)
    return item


def load_attendance(workshop: Workshop, attendance_id: int) -> Attendance:
    """Return a check-in at this workshop, or 404."""
    attendance = db.session.get(Attendance, attendance_id)
    if attendance is None or attendance.workshop_id != workshop.id:
        abort(404)
    return attendance
