"""Load a lab's review session or lesson, or answer 404; tell who may change what."""
from flask import abort

from labapp.labs.access import load_lab, owned_or_404
from labapp.labs.constants import DESIGN_TEAM, FACILITATOR

from .models import Lesson, ReviewSession

ORGANISERS = (FACILITATOR, DESIGN_TEAM)


def is_organiser(membership) -> bool:
    """Tell whether the person runs sessions: facilitators and the design team."""
    return membership.has_role(*ORGANISERS)


def can_edit_lesson(lesson: Lesson, membership) -> bool:
    """Tell whether the person may change or remove a lesson: organisers always, its author while the session is open."""
    if is_organiser(membership):
        return True
    return lesson.author_id == membership.id and lesson.session.is_open


def load_session(lab_id: int, session_id: int, *roles: str):
    """Return (lab, membership, session); 404 unless the session is in a lab the person belongs to,
    403 when a needed role is missing."""
    lab, membership = load_lab(lab_id, *roles)
    session = owned_or_404(ReviewSession, session_id, lab_id=lab.id)
    return lab, membership, session


def load_lesson(lab_id: int, session_id: int, lesson_id: int, *, edit: bool = False):
    """Return (lab, membership, session, lesson); 404 unless it is this session's, 403 when `edit` is asked
    for and the person may not change it."""
    lab, membership, session = load_session(lab_id, session_id)
    lesson = owned_or_404(Lesson, lesson_id, session_id=session.id)
    if edit and not can_edit_lesson(lesson, membership):
        abort(403)
    return lab, membership, session, lesson
