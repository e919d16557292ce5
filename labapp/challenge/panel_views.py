"""Serve panel sessions: set up, score blind, see results and the heat map, reveal, close, the scores CSV.

Every page that shows scores reads them through panels.visible_scores or panels.overview, which keep them blind.
"""
from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import func, select

from labapp.accounts.models import User
from labapp.csvfiles import csv_response, write_csv
from labapp.extensions import db
from labapp.forms import ConfirmForm, choices_from
from labapp.labs import search
from labapp.labs.access import load_lab
from labapp.labs.constants import FACILITATOR, PANEL_MEMBER, SPONSOR
from labapp.labs.models import Membership, MembershipRole
from labapp.prototypes.models import Prototype

from . import panels, service
from .access import load_panel, load_reviewed
from .chart import factor_chart
from .constants import FACTORS, RATINGS, SUBMITTED
from .forms import PanelForm, ScoreForm
from .models import PanelProposal, Proposal
from .views import bp


# Sponsors and panel members are offered without a search; a lab normally has a few, and never shows more.
REVIEWERS_SHOWN = 50


def _reviewers(lab) -> list:
    """Return the lab's sponsors and panel members by name, at most REVIEWERS_SHOWN + 1."""
    query = (select(Membership).join(User, User.id == Membership.user_id).where(
        Membership.lab_id == lab.id, Membership.role_rows.any(MembershipRole.role.in_([SPONSOR, PANEL_MEMBER])))
        .order_by(func.lower(User.name), Membership.id).limit(REVIEWERS_SHOWN + 1))
    return list(db.session.scalars(query).unique())


def _form_choices(form, lab, panel=None) -> dict:
    """Offer as members: those chosen (ticked, even if no search finds them), sponsors and panel members, and
    the people found by name; return what the page says about the search."""
    query = search.clean_query(request.values.get("q"))
    chosen = [m for m in search.members_by_id(form.members.data or []) if m.lab_id == lab.id]
    reviewers, found = _reviewers(lab), search.search_members(lab, query)
    offered = {}
    for member in [*sorted(chosen, key=lambda m: m.user.name.casefold()), *reviewers[:REVIEWERS_SHOWN],
                   *found[:search.SEARCH_LIMIT]]:
        offered.setdefault(member.id, member.user.name)
    form.members.choices = choices_from(offered)
    current = {i.proposal_id for i in panel.items} if panel else set()
    form.proposals.choices = choices_from({p.id: p.prototype.name for p in service.proposals_of(lab)
                                           if p.status == SUBMITTED or p.id in current})
    return {"query": query, "found": len(found[:search.SEARCH_LIMIT]), "more": len(found) > search.SEARCH_LIMIT,
            "more_reviewers": len(reviewers) > REVIEWERS_SHOWN, "reviewers_shown": REVIEWERS_SHOWN}


def _save_panel(form, lab, panel) -> None:
    members = [m for m in (db.session.get(Membership, i) for i in form.members.data or []) if m and m.lab_id == lab.id]
    proposals = [p for p in service.proposals_of(lab) if p.id in set(form.proposals.data or [])]
    panel.title, panel.held_on = form.title.data, form.held_on.data
    panels.set_members(panel, members)
    panels.set_proposals(panel, proposals)


@bp.route("/labs/<int:lab_id>/panels/")
@login_required
def panels_index(lab_id):
    """List the lab's panel sessions."""
    lab, membership = load_lab(lab_id)
    return render_template("challenge/panels.html", lab=lab, membership=membership, panels=panels.panels_of(lab))


@bp.route("/labs/<int:lab_id>/panels/new", methods=["GET", "POST"])
@login_required
def panel_create(lab_id):
    """Set up a panel session (facilitators)."""
    lab, membership = load_lab(lab_id, FACILITATOR)
    form = PanelForm()
    picker = _form_choices(form, lab)
    if "search" not in request.form and form.validate_on_submit():
        panel = panels.create_panel(lab, title=form.title.data, held_on=form.held_on.data)
        _save_panel(form, lab, panel)
        db.session.commit()
        flash(_("Panel session set up."), "success")
        return redirect(url_for("challenge.panel", lab_id=lab.id, panel_id=panel.id))
    return render_template("challenge/panel_form.html", lab=lab, membership=membership, form=form, panel=None,
                           **picker)


@bp.route("/labs/<int:lab_id>/panels/<int:panel_id>/edit", methods=["GET", "POST"])
@login_required
def panel_edit(lab_id, panel_id):
    """Change the panel's date, members and proposals (facilitators)."""
    lab, membership, panel = load_panel(lab_id, panel_id, FACILITATOR)
    if request.method == "GET":
        # Not obj=panel: its `members` (PanelMember rows) would win over the membership ids, and none be ticked.
        form = PanelForm(title=panel.title, held_on=panel.held_on, members=[m.membership_id for m in panel.members],
                         proposals=[i.proposal_id for i in panel.items])
    else:
        form = PanelForm()
    picker = _form_choices(form, lab, panel)
    if "search" not in request.form and form.validate_on_submit():
        _save_panel(form, lab, panel)
        db.session.commit()
        flash(_("Changes saved."), "success")
        return redirect(url_for("challenge.panel", lab_id=lab.id, panel_id=panel.id))
    return render_template("challenge/panel_form.html", lab=lab, membership=membership, form=form, panel=panel,
                           **picker)


@bp.route("/labs/<int:lab_id>/panels/<int:panel_id>/")
@login_required
def panel(lab_id, panel_id):
    """Show the panel: its proposals with progress, the person's own status, and the heat map where it may show."""
    lab, membership, panel = load_panel(lab_id, panel_id)
    return render_template("challenge/panel.html", lab=lab, membership=membership, panel=panel,
                           rows=panels.overview(panel, membership),
                           member=panels.is_member(panel, membership), form=ConfirmForm())


@bp.route("/labs/<int:lab_id>/panels/<int:panel_id>/proposals/<int:proposal_id>/score", methods=["GET", "POST"])
@login_required
def score(lab_id, panel_id, proposal_id):
    """Score a proposal on the 12 factors: save as you go, then submit to see the others' scores."""
    lab, membership, panel = load_panel(lab_id, panel_id)
    proposal = load_reviewed(panel, proposal_id)
    if not panels.is_member(panel, membership):
        abort(403)
    own = panels.own_scores(panel, proposal, membership)
    if request.method == "GET":
        data = {}
        for factor, row in own.items():
            data[f"rating_{factor}"] = "" if row.rating is None else str(row.rating)
            data[f"comment_{factor}"] = row.comment
        form = ScoreForm(data=data)
    else:
        form = ScoreForm()
    if request.method == "POST" and panel.closed:
        flash(_("The panel is closed: scores can no longer change."), "error")
        return redirect(url_for("challenge.results", lab_id=lab.id, panel_id=panel.id, proposal_id=proposal.id))
    if form.validate_on_submit():
        submit = "submit" in request.form
        if not submit or form.check_complete():
            try:
                panels.save_scores(panel, proposal, membership, form.values(), submit=submit)
            except panels.PanelClosed:
                db.session.rollback()
                flash(_("The panel is closed: scores can no longer change."), "error")
                return redirect(url_for("challenge.results", lab_id=lab.id, panel_id=panel.id,
                                        proposal_id=proposal.id))
            db.session.commit()
            if submit:
                flash(_("Your scores are submitted. You can now see the other members' scores."), "success")
                return redirect(url_for("challenge.results", lab_id=lab.id, panel_id=panel.id,
                                        proposal_id=proposal.id))
            flash(_("Your scores are saved. Submit them when you are ready."), "success")
            return redirect(url_for("challenge.score", lab_id=lab.id, panel_id=panel.id, proposal_id=proposal.id))
    return render_template("challenge/score.html", lab=lab, membership=membership, panel=panel, proposal=proposal,
                           form=form, submitted=panels.has_submitted(panel, proposal, membership))


def _results(panel, proposal, membership) -> dict:
    scores = panels.visible_scores(panel, proposal, membership)
    summary = panels.proposal_results(scores)
    return {"scores": scores, "sees_all": panels.sees_all(panel, proposal, membership), **summary}


@bp.route("/labs/<int:lab_id>/panels/<int:panel_id>/proposals/<int:proposal_id>/results")
@login_required
def results(lab_id, panel_id, proposal_id):
    """Show a proposal's results per factor: distribution, median, disagreement, risks, chart and comments."""
    lab, membership, panel = load_panel(lab_id, panel_id)
    proposal = load_reviewed(panel, proposal_id)
    data = _results(panel, proposal, membership)
    chart = factor_chart(data["factors"]) if data["sees_all"] else None
    page = render_template("challenge/results.html", lab=lab, membership=membership, panel=panel, proposal=proposal,
                           chart=chart, progress=panels.progress(panel, proposal),
                           member=panels.is_member(panel, membership), **data)
    db.session.commit()  # keep the chart drawn for this page for every worker
    return page


@bp.route("/labs/<int:lab_id>/panels/<int:panel_id>/proposals/<int:proposal_id>/results.json")
@login_required
def results_json(lab_id, panel_id, proposal_id):
    """Return the same results as JSON, just as blind as the page."""
    _lab, membership, panel = load_panel(lab_id, panel_id)
    proposal = load_reviewed(panel, proposal_id)
    data = _results(panel, proposal, membership)
    return jsonify({
        "panel": panel.id, "proposal": proposal.id, "all_members": data["sees_all"],
        "scores": [{"member": s.membership_id, "factor": s.factor, "rating": s.rating, "comment": s.comment}
                   for s in data["scores"]],
        "factors": [{"factor": r.factor, "counts": {str(k): v for k, v in r.counts.items()}, "median": r.median,
                     "disagreement": r.disagreement} for r in data["factors"]] if data["sees_all"] else [],
    })


@bp.route("/labs/<int:lab_id>/panels/<int:panel_id>/<any(reveal, close, reopen):change>", methods=["POST"])
@login_required
def panel_state(lab_id, panel_id, change):
    """Reveal every member's scores, close the panel, or reopen it (facilitators)."""
    lab, _membership, panel = load_panel(lab_id, panel_id, FACILITATOR)
    if ConfirmForm().validate_on_submit():
        getattr(panels, change)(panel)
        db.session.commit()
        messages = {"reveal": _("Everyone's scores are now shown to the panel."),
                    "close": _("The panel is closed. Scores can no longer change."),
                    "reopen": _("The panel is open again. Members can change their scores.")}
        flash(messages[change], "success")
    return redirect(url_for("challenge.panel", lab_id=lab.id, panel_id=panel.id))


@bp.route("/labs/<int:lab_id>/panels/<int:panel_id>/scores.csv")
@login_required
def scores_csv(lab_id, panel_id):
    """Download every score of the panel (facilitators, once the scores are revealed or the panel closed)."""
    _lab, _membership, panel = load_panel(lab_id, panel_id, FACILITATOR)
    if not panel.open_results:
        abort(403)
    rows = []
    scores = panels.revealed_scores(panel)
    names = dict(db.session.execute(select(PanelProposal.proposal_id, Prototype.name)
                                    .join(Proposal, Proposal.id == PanelProposal.proposal_id)
                                    .join(Prototype, Prototype.id == Proposal.prototype_id)
                                    .where(PanelProposal.panel_id == panel.id)).all())
    for item in panel.items:
        for s in scores.get(item.proposal_id, []):
            rows.append([names[item.proposal_id], s.membership.user.name, s.factor, str(FACTORS[s.factor][0]),
                         "" if s.rating is None else s.rating, "" if s.rating is None else str(RATINGS[s.rating]),
                         s.comment])
    text = write_csv(["proposal", "member", "factor", "factor_name", "rating", "rating_label", "comment"], rows)
    return csv_response(text, f"panel-{panel.id}-scores.csv")
