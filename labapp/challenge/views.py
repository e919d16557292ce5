"""Serve a lab's proposals: list, start from a prototype, edit, resources, risks, sign-offs, decision, the PDF.

Panels are in panel_views.py; both share this blueprint.
"""
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import login_required

from labapp.extensions import db
from labapp.forms import ConfirmForm
from labapp.i18n import babel_locale
from labapp.labs.access import load_lab, owned_or_404
from labapp.labs.constants import FACILITATOR
from labapp.pdf import pdf_response, render_pdf, requested_locale
from labapp.prototypes import service as prototypes_service
from labapp.prototypes.access import can_edit, load_prototype
from labapp.prototypes.constants import TEAM_ROLES

from . import panels, service
from .access import can_edit_proposal, load_proposal
from .constants import (DECISIONS, EFFECTS, EQUALITY_GROUPS, FACTORS, PRIORITY, PROPOSAL_STATUSES, RATINGS,
                        RESOURCE_KINDS, RESOURCE_STATES, RISK_LEVELS, SCALE)
from .forms import ActionForm, DecisionForm, OptionsForm, ProposalForm, ResourceForm, RiskForm
from .models import Action, Resource, Risk

bp = Blueprint("challenge", __name__)


@bp.context_processor
def _helpers():
    return {"PROPOSAL_STATUSES": PROPOSAL_STATUSES, "EQUALITY_GROUPS": EQUALITY_GROUPS, "EFFECTS": EFFECTS,
            "RESOURCE_KINDS": RESOURCE_KINDS, "RESOURCE_STATES": RESOURCE_STATES, "RISK_LEVELS": RISK_LEVELS,
            "FACTORS": FACTORS, "RATINGS": RATINGS, "DECISIONS": DECISIONS, "TEAM_ROLES": TEAM_ROLES,
            "can_edit_proposal": can_edit_proposal}


def _priorities(lab, proposal) -> list:
    chosen = set(proposal.priority_ids or [])
    return [o for o in service.options(lab, PRIORITY) if o.id in chosen]


def _show_context(lab, membership, proposal) -> dict:
    return {"lab": lab, "membership": membership, "proposal": proposal, "priorities": _priorities(lab, proposal),
            "grid": service.risk_grid(proposal), "signer_roles": service.signer_roles(proposal, membership),
            "editor": can_edit_proposal(proposal, membership), "team": prototypes_service.team_by_role(proposal.prototype)}


@bp.route("/labs/<int:lab_id>/proposals/")
@login_required
def index(lab_id):
    """List the lab's proposals, and the prototypes the person may start a proposal for."""
    lab, membership = load_lab(lab_id)
    proposals = service.proposals_of(lab)
    with_proposal = {p.prototype_id for p in proposals}
    startable = [p for p in prototypes_service.prototypes_of(lab)
                 if p.id not in with_proposal and can_edit(p, membership)]
    return render_template("challenge/index.html", lab=lab, membership=membership, proposals=proposals,
                           startable=startable, form=ConfirmForm(), panels=panels.panels_of(lab))


@bp.route("/labs/<int:lab_id>/proposals/start/<int:prototype_id>", methods=["POST"])
@login_required
def start(lab_id, prototype_id):
    """Start the prototype's proposal, filled in from the prototype, and open it for editing."""
    lab, _membership, prototype = load_prototype(lab_id, prototype_id, edit=True)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    proposal = service.start_proposal(prototype)
    db.session.commit()
    flash(_("The proposal is started from the prototype. Check each part and fill in the rest."), "success")
    return redirect(url_for("challenge.edit", lab_id=lab.id, proposal_id=proposal.id))


@bp.route("/labs/<int:lab_id>/proposals/<int:proposal_id>/")
@login_required
def show(lab_id, proposal_id):
    """Show the proposal: each part, resources, the risk grid, the equality check, sign-offs and decision."""
    lab, membership, proposal = load_proposal(lab_id, proposal_id)
    return render_template("challenge/show.html", form=ConfirmForm(), resource_form=ResourceForm(),
                           risk_form=RiskForm(), **_show_context(lab, membership, proposal))


@bp.route("/labs/<int:lab_id>/proposals/<int:proposal_id>/edit", methods=["GET", "POST"])
@login_required
def edit(lab_id, proposal_id):
    """Change the proposal and its equality check; a change clears the sign-offs."""
    lab, membership, proposal = load_proposal(lab_id, proposal_id, edit=True)
    if request.method == "GET":
        form = ProposalForm(obj=proposal, scale_id=str(proposal.scale_id or ""))
        for row in proposal.equality:
            if f"effect_{row.group}" in form:
                form[f"effect_{row.group}"].data = row.effect
                form[f"mitigation_{row.group}"].data = row.mitigation
    else:
        form = ProposalForm()
    form.set_choices(lab.propositions, service.options(lab, SCALE), service.options(lab, PRIORITY))
    if form.validate_on_submit():
        signed = proposal.lead_signed_by_id or proposal.sponsor_signed_by_id
        service.update_proposal(
            proposal, equality=form.equality_values(), propositions=sorted(form.propositions.data or []),
            hypothesis=form.hypothesis.data or "", change=form.change.data or "",
            scale_id=int(form.scale_id.data) if form.scale_id.data else None,
            priority_ids=sorted(form.priority_ids.data or []), impact_measures=form.impact_measures.data or "",
            process_measures=form.process_measures.data or "", governance=form.governance.data or "",
            sponsor_comments=form.sponsor_comments.data or "")
        db.session.commit()
        flash(_("Changes saved. The lead and the sponsor need to sign again.") if signed else _("Changes saved."),
              "success")
        return redirect(url_for("challenge.show", lab_id=lab.id, proposal_id=proposal.id))
    return render_template("challenge/form.html", lab=lab, membership=membership, proposal=proposal, form=form)


@bp.route("/labs/<int:lab_id>/proposals/<int:proposal_id>/resources", methods=["POST"])
@login_required
def add_resource(lab_id, proposal_id):
    """Add a resource row."""
    lab, membership, proposal = load_proposal(lab_id, proposal_id, edit=True)
    form = ResourceForm()
    if form.validate_on_submit():
        service.add_resource(proposal, kind=form.kind.data, state=form.state.data, needed=form.needed.data,
                             why=form.why.data or "")
        db.session.commit()
        flash(_("Resource added."), "success")
        return redirect(url_for("challenge.show", lab_id=lab.id, proposal_id=proposal.id, _anchor="resources"))
    return render_template("challenge/show.html", form=ConfirmForm(), resource_form=form, risk_form=RiskForm(),
                           **_show_context(lab, membership, proposal))


@bp.route("/labs/<int:lab_id>/proposals/<int:proposal_id>/risks", methods=["POST"])
@login_required
def add_risk(lab_id, proposal_id):
    """Add a risk with its place on the grid."""
    lab, membership, proposal = load_proposal(lab_id, proposal_id, edit=True)
    form = RiskForm()
    if form.validate_on_submit():
        service.add_risk(proposal, description=form.description.data, likelihood=form.likelihood.data,
                         consequence=form.consequence.data, mitigation=form.mitigation.data or "")
        db.session.commit()
        flash(_("Risk added."), "success")
        return redirect(url_for("challenge.show", lab_id=lab.id, proposal_id=proposal.id, _anchor="risks"))
    return render_template("challenge/show.html", form=ConfirmForm(), resource_form=ResourceForm(), risk_form=form,
                           **_show_context(lab, membership, proposal))


@bp.route("/labs/<int:lab_id>/proposals/<int:proposal_id>/<any(resources, risks):kind>/<int:row_id>/delete",
          methods=["POST"])
@login_required
def remove_row(lab_id, proposal_id, kind, row_id):
    """Remove a resource or a risk."""
    lab, _membership, proposal = load_proposal(lab_id, proposal_id, edit=True)
    model = Resource if kind == "resources" else Risk
    row = owned_or_404(model, row_id, proposal_id=proposal.id)
    if ConfirmForm().validate_on_submit():
        service.remove_row(proposal, row)
        db.session.commit()
        flash(_("Removed."), "success")
    return redirect(url_for("challenge.show", lab_id=lab.id, proposal_id=proposal.id, _anchor=kind))


@bp.route("/labs/<int:lab_id>/proposals/<int:proposal_id>/sign/<any(lead, sponsor):role>", methods=["POST"])
@login_required
def sign(lab_id, proposal_id, role):
    """Sign the proposal as its lead or its sponsor, from one's own account."""
    lab, membership, proposal = load_proposal(lab_id, proposal_id)
    if role not in service.signer_roles(proposal, membership):
        abort(403)
    if ConfirmForm().validate_on_submit():
        try:
            service.sign(proposal, membership, role, date.today())
        except service.SignOffError:
            flash(_("Each likely negative effect in the equality check needs a mitigation before signing."), "error")
            return redirect(url_for("challenge.show", lab_id=lab.id, proposal_id=proposal.id))
        db.session.commit()
        flash(_("Signed. The proposal is now with the panel.") if proposal.status == "submitted"
              else _("Signed. It goes to the panel when both the lead and the sponsor have signed."), "success")
    return redirect(url_for("challenge.show", lab_id=lab.id, proposal_id=proposal.id))


@bp.route("/labs/<int:lab_id>/proposals/<int:proposal_id>/decision", methods=["GET", "POST"])
@login_required
def decision(lab_id, proposal_id):
    """Record the panel's decision, its conditions and actions (facilitators); the prototype's status follows."""
    lab, membership, proposal = load_proposal(lab_id, proposal_id)
    if not membership.has_role(FACILITATOR):
        abort(403)
    form = DecisionForm(obj=proposal) if request.method == "GET" else DecisionForm()
    if form.validate_on_submit():
        service.decide(proposal, form.decision.data, form.conditions.data or "", date.today())
        db.session.commit()
        flash(_("Decision saved. The prototype's status now follows it."), "success")
        return redirect(url_for("challenge.decision", lab_id=lab.id, proposal_id=proposal.id))
    return render_template("challenge/decision.html", lab=lab, membership=membership, proposal=proposal, form=form,
                           action_form=ActionForm(), confirm_form=ConfirmForm())


@bp.route("/labs/<int:lab_id>/proposals/<int:proposal_id>/actions", methods=["POST"])
@login_required
def add_action(lab_id, proposal_id):
    """Add an action with its owner and due date."""
    lab, membership, proposal = load_proposal(lab_id, proposal_id)
    if not membership.has_role(FACILITATOR):
        abort(403)
    form = ActionForm()
    if form.validate_on_submit():
        service.add_action(proposal, what=form.what.data, owner=form.owner.data or "", due_on=form.due_on.data)
        db.session.commit()
        flash(_("Action added."), "success")
        return redirect(url_for("challenge.decision", lab_id=lab.id, proposal_id=proposal.id))
    return render_template("challenge/decision.html", lab=lab, membership=membership, proposal=proposal,
                           form=DecisionForm(obj=proposal), action_form=form, confirm_form=ConfirmForm())


@bp.route("/labs/<int:lab_id>/proposals/<int:proposal_id>/actions/<int:action_id>/delete", methods=["POST"])
@login_required
def remove_action(lab_id, proposal_id, action_id):
    """Remove an action."""
    lab, membership, proposal = load_proposal(lab_id, proposal_id)
    if not membership.has_role(FACILITATOR):
        abort(403)
    action = owned_or_404(Action, action_id, proposal_id=proposal.id)
    if ConfirmForm().validate_on_submit():
        proposal.actions.remove(action)
        db.session.delete(action)
        db.session.commit()
        flash(_("Removed."), "success")
    return redirect(url_for("challenge.decision", lab_id=lab.id, proposal_id=proposal.id))


@bp.route("/labs/<int:lab_id>/proposals/lists", methods=["GET", "POST"])
@login_required
def lists(lab_id):
    """Change the lab's scale list and strategic-priority list (facilitators)."""
    lab, membership = load_lab(lab_id, FACILITATOR)
    scales, priorities = service.options(lab, SCALE), service.options(lab, PRIORITY)
    if request.method == "GET":
        form = OptionsForm(scales="\n".join(o.display for o in scales),
                           priorities="\n".join(o.display for o in priorities))
    else:
        form = OptionsForm()
    if form.validate_on_submit():
        service.set_options(lab, SCALE, (form.scales.data or "").splitlines())
        service.set_options(lab, PRIORITY, (form.priorities.data or "").splitlines())
        db.session.commit()
        flash(_("The lists are saved."), "success")
        return redirect(url_for("challenge.index", lab_id=lab.id))
    db.session.commit()
    return render_template("challenge/lists.html", lab=lab, membership=membership, form=form)


@bp.route("/labs/<int:lab_id>/proposals/<int:proposal_id>.pdf")
@login_required
def proposal_pdf(lab_id, proposal_id):
    """Print the board pack: the proposal, risk grid, equality check, panel results (once open) and decision."""
    lab, membership, proposal = load_proposal(lab_id, proposal_id)
    locale = requested_locale(request.args.get("lang"))
    with force_locale(babel_locale(locale)):
        reviews = panels.reviews_of(proposal, membership, chart_size=(6.4, 4.2), open_only=True)
    db.session.commit()  # keep the charts drawn for this pack for every worker, without holding locks while it prints
    pdf = render_pdf("challenge/pdf/proposal.html", locale=locale, reviews=reviews, now=date.today(),
                     **_show_context(lab, membership, proposal))
    return pdf_response(pdf, f"proposal-{proposal.id}.pdf")


from . import panel_views  # noqa: E402,F401 - its routes join this blueprint
