"""Load a lab's proposal or panel, or answer 404; tell who may change a proposal."""
from flask import abort

from labapp.labs.access import load_lab, owned_or_404
from labapp.prototypes.access import can_edit

from .models import PanelSession, Proposal


def can_edit_proposal(proposal: Proposal, membership) -> bool:
    """Tell whether the person may change the proposal: the prototype's team, coach and sponsor, and facilitators."""
    return can_edit(proposal.prototype, membership)


def load_proposal(lab_id: int, proposal_id: int, *, edit: bool = False):
    """Return (lab, membership, proposal); 404 unless it is in a lab the person belongs to, 403 when `edit` is
    asked for and the person may only read."""
    lab, membership = load_lab(lab_id)
    proposal = owned_or_404(Proposal, proposal_id, lab_id=lab.id)
    if edit and not can_edit_proposal(proposal, membership):
        abort(403)
    return lab, membership, proposal


def load_panel(lab_id: int, panel_id: int, *roles: str):
    """Return (lab, membership, panel); 404 unless the panel is in a lab the person belongs to."""
    lab, membership = load_lab(lab_id, *roles)
    panel = owned_or_404(PanelSession, panel_id, lab_id=lab.id)
    return lab, membership, panel


def load_reviewed(panel: PanelSession, proposal_id: int) -> Proposal:
    """Return a proposal this panel reviews, or 404."""
    for item in panel.items:
        if item.proposal_id == proposal_id:
            return item.proposal
    abort(404)
