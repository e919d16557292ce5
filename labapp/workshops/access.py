"""Load a lab's workshop, its agenda items and check-ins, or answer 404 if they belong elsewhere."""
from flask import abort

from labapp.labs.access import load_lab, owned_or_404

from .models import AgendaItem, Attendance, Workshop


def load_workshop(lab_id: int, workshop_id: int, *roles: str):
    """Return (lab, membership, workshop); 404 unless the workshop is in a lab the person belongs to."""
    lab, membership = load_lab(lab_id)
    workshop = owned_or_404(Workshop, workshop_id, lab_id=lab.id)
    if roles and not membership.has_role(*roles):
        abort(403)
    return lab, membership, workshop


def load_agenda_item(workshop: Workshop, item_id: int) -> AgendaItem:
    """Return an item of this workshop's agenda, or 404."""
    item = owned_or_404(AgendaItem, item_id, workshop_id=workshop.id)
    return item


def load_attendance(workshop: Workshop, attendance_id: int) -> Attendance:
    """Return a check-in at this workshop, or 404."""
    attendance = owned_or_404(Attendance, attendance_id, workshop_id=workshop.id)
    return attendance
