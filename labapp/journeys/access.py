"""Load a lab's host, visit or preference round, or answer 404 if it belongs elsewhere."""
from flask import abort

from labapp.labs.access import load_lab, owned_or_404
from labapp.labs.constants import DESIGN_TEAM, FACILITATOR

from .constants import DRAFT
from .models import Host, PreferenceRound, Visit

ORGANISERS = (FACILITATOR, DESIGN_TEAM)


def load_visit(lab_id: int, visit_id: int, *roles: str):
    """Return (lab, membership, visit); 404 unless the visit is in the person's lab and they may see it."""
    lab, membership = load_lab(lab_id)
    visit = owned_or_404(Visit, visit_id, lab_id=lab.id)
    if visit.status == DRAFT and not membership.has_role(*ORGANISERS):
        abort(404)
    if roles and not membership.has_role(*roles):
        abort(403)
    return lab, membership, visit


def load_host(lab_id: int, host_id: int, *roles: str):
    """Return (lab, membership, host) for organisers; 404 if the host is another lab's."""
    lab, membership = load_lab(lab_id, *(roles or ORGANISERS))
    host = owned_or_404(Host, host_id, lab_id=lab.id)
    return lab, membership, host


def load_round(lab_id: int, round_id: int, *roles: str):
    """Return (lab, membership, round); 404 if the round is another lab's."""
    lab, membership = load_lab(lab_id, *roles)
    round_ = owned_or_404(PreferenceRound, round_id, lab_id=lab.id)
    return lab, membership, round_


def visit_of_host(host: Host, visit_id: int) -> Visit:
    """Return one of this host's visits, or 404."""
    visit = owned_or_404(Visit, visit_id, host_id=host.id)
    return visit
