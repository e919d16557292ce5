"""Serve a lab's prototypes: list, create, edit, delete, the team, the timeline and the PDSA log PDF.

Cycles are in cycle_views.py, measures in measure_views.py and the community of practice in
community_views.py; all share this blueprint.
"""
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import login_required

from labapp.extensions import db
from labapp.forms import ConfirmForm, choices_from
from labapp.i18n import babel_locale
from labapp.labs import search
from labapp.labs.access import load_lab, owned_or_404
from labapp.labs.constants import COACH, FACILITATOR, PROTOTYPE_TEAM
from labapp.pdf import pdf_response, render_pdf, requested_locale

from . import community, service
from .access import can_edit, load_prototype
from .chart import run_charts
from .constants import CYCLE_STATES, DECISIONS, DIRECTIONS, LEAD, MEASURE_KINDS, STATUSES, TEAM_ROLES
from .forms import PrototypeForm, TeamMemberForm
from .models import PrototypeMember

bp = Blueprint("prototypes", __name__)

CREATORS = (FACILITATOR, PROTOTYPE_TEAM, COACH)


@bp.context_processor
def _helpers():
    return {"STATUSES": STATUSES, "TEAM_ROLES": TEAM_ROLES, "CYCLE_STATES": CYCLE_STATES, "DECISIONS": DECISIONS,
            "MEASURE_KINDS": MEASURE_KINDS, "DIRECTIONS": DIRECTIONS, "can_edit": can_edit, "CREATORS": CREATORS}


def _people(*groups) -> dict:
    """Return {membership id: name} for the given lists of members, each person once, in the order given."""
    people = {}
    for group in groups:
        for member in group:
            if member is not None:
                people.setdefault(str(member.id), member.user.name)
    return people


def _values(form: PrototypeForm) -> dict:
    return {"name": form.name.data, "propositions": sorted(form.propositions.data or []), "aim": form.aim.data or "",
            "hypothesis": form.hypothesis.data or "", "who_for": form.who_for.data or "",
            "starts_on": form.starts_on.data, "cycle_weeks": form.cycle_weeks.data, "status": form.status.data}


@bp.route("/labs/<int:lab_id>/prototypes/")
@login_required
def index(lab_id):
    """List the lab's prototypes with their status, team lead and cycles so far."""
    lab, membership = load_lab(lab_id)
    prototypes = service.prototypes_of(lab, with_teams=True)
    mine = {p.id for p in service.prototypes_for_member(lab, membership)}
    return render_template("prototypes/index.html", lab=lab, membership=membership, prototypes=prototypes,
                           mine=mine, team_by_role=service.team_by_role)


@bp.route("/labs/<int:lab_id>/prototypes/new", methods=["GET", "POST"])
@login_required
def create(lab_id):
    """Add a prototype; the person who adds it is its lead unless they search for someone else.

    The search button posts the whole form, so a search keeps everything typed and saves nothing.
    """
    lab, membership = load_lab(lab_id, *CREATORS)
    query = search.clean_query(request.values.get("q"))
    form = PrototypeForm(lead_id=str(membership.id)) if request.method == "GET" else PrototypeForm()
    found = search.search_members(lab, query)
    chosen = search.member_of(lab, form.lead_id.data) if request.method == "POST" else None
    form.set_choices(lab.propositions, _people([membership, chosen], found[:search.SEARCH_LIMIT]), with_lead=True)
    if "search" not in request.form and form.validate_on_submit():
        lead = search.member_of(lab, form.lead_id.data)
        prototype = service.create_prototype(lab, lead=lead, **_values(form))
        db.session.commit()
        flash(_("Prototype added. Next, add the team and the measures."), "success")
        return redirect(url_for("prototypes.show", lab_id=lab.id, prototype_id=prototype.id))
    return render_template("prototypes/form.html", lab=lab, membership=membership, form=form, prototype=None,
                           query=query, found=len(found[:search.SEARCH_LIMIT]), more=len(found) > search.SEARCH_LIMIT)


@bp.route("/labs/<int:lab_id>/prototypes/<int:prototype_id>/")
@login_required
def show(lab_id, prototype_id):
    """Show a prototype: aim, team, the weekly timeline, cycles and each measure's run chart."""
    lab, membership, prototype = load_prototype(lab_id, prototype_id)
    charts = dict(zip([m.id for m in prototype.measures], run_charts(prototype.measures, prototype.cycles)))
    from labapp.challenge.service import proposal_for

    page = render_template("prototypes/show.html", lab=lab, membership=membership, prototype=prototype,
                           editor=can_edit(prototype, membership), team=service.team_by_role(prototype),
                           weeks=service.timeline(prototype, date.today()), charts=charts,
                           start_form=ConfirmForm(), proposal=proposal_for(prototype))
    db.session.commit()  # keep the charts drawn for this page for every worker
    return page


@bp.route("/labs/<int:lab_id>/prototypes/<int:prototype_id>/edit", methods=["GET", "POST"])
@login_required
def edit(lab_id, prototype_id):
    """Change a prototype's details."""
    lab, membership, prototype = load_prototype(lab_id, prototype_id, edit=True)
    form = PrototypeForm(obj=prototype) if request.method == "GET" else PrototypeForm()
    form.set_choices(lab.propositions, {}, with_lead=False)
    if form.validate_on_submit():
        service.update_prototype(prototype, **_values(form))
        db.session.commit()
        flash(_("Changes saved."), "success")
        return redirect(url_for("prototypes.show", lab_id=lab.id, prototype_id=prototype.id))
    return render_template("prototypes/form.html", lab=lab, membership=membership, form=form, prototype=prototype)


def _may_delete(prototype, membership) -> bool:
    member = service.team_member(prototype, membership.id)
    return membership.has_role(FACILITATOR) or (member is not None and member.role == LEAD)


@bp.route("/labs/<int:lab_id>/prototypes/<int:prototype_id>/delete", methods=["GET", "POST"])
@login_required
def delete(lab_id, prototype_id):
    """Ask, then delete a prototype with its cycles and measures (facilitators and the lead)."""
    lab, membership, prototype = load_prototype(lab_id, prototype_id, edit=True)
    if not _may_delete(prototype, membership):
        abort(403)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = prototype.name
        service.delete_prototype(prototype)
        db.session.commit()
        flash(_("The prototype %(name)s is deleted.", name=name), "success")
        return redirect(url_for("prototypes.index", lab_id=lab.id))
    return render_template("prototypes/delete.html", lab=lab, membership=membership, prototype=prototype, form=form,
                           cycles=len(prototype.cycles), measures=len(prototype.measures))


# Team ---------------------------------------------------------------------------------------------

@bp.route("/labs/<int:lab_id>/prototypes/<int:prototype_id>/team", methods=["GET", "POST"])
@login_required
def team(lab_id, prototype_id):
    """Show the team; the team, its coach and sponsor, and facilitators add people or change roles (the lead too).

    The people offered are those found by name (q), and on a post the person chosen if they are in this lab.
    """
    lab, membership, prototype = load_prototype(lab_id, prototype_id, edit=request.method == "POST")
    editor = can_edit(prototype, membership)
    query = search.clean_query(request.values.get("q")) if editor else ""
    found = search.search_members(lab, query)
    form = TeamMemberForm()
    chosen = search.member_of(lab, form.membership_id.data) if request.method == "POST" else None
    offered = _people([chosen], found[:search.SEARCH_LIMIT])
    form.membership_id.choices = choices_from({"": _("Choose a lab member"), **offered})
    if request.method == "GET" and len(offered) == 1:
        form.membership_id.data = next(iter(offered))  # the one person found is the one wanted
    if editor and form.validate_on_submit():
        person = search.member_of(lab, form.membership_id.data)
        if person is None:
            form.membership_id.errors = [_("Choose a lab member.")]
        else:
            service.set_team_role(prototype, person, form.role.data)
            db.session.commit()
            flash(_("%(name)s is now %(role)s.", name=person.user.name, role=TEAM_ROLES[form.role.data]), "success")
            return redirect(url_for("prototypes.team", lab_id=lab.id, prototype_id=prototype.id))
    return render_template("prototypes/team.html", lab=lab, membership=membership, prototype=prototype, form=form,
                           editor=editor, team=service.team_by_role(prototype), confirm_form=ConfirmForm(),
                           offered=offered, query=query, found=len(found[:search.SEARCH_LIMIT]),
                           more=len(found) > search.SEARCH_LIMIT)


@bp.route("/labs/<int:lab_id>/prototypes/<int:prototype_id>/team/<int:member_id>/remove", methods=["POST"])
@login_required
def team_remove(lab_id, prototype_id, member_id):
    """Take a person off the team."""
    lab, _membership, prototype = load_prototype(lab_id, prototype_id, edit=True)
    member = owned_or_404(PrototypeMember, member_id, prototype_id=prototype.id)
    if ConfirmForm().validate_on_submit():
        name = member.membership.user.name
        service.remove_from_team(prototype, member)
        db.session.commit()
        flash(_("%(name)s is no longer in the team.", name=name), "success")
    return redirect(url_for("prototypes.team", lab_id=lab.id, prototype_id=prototype.id))


# The coach's view -----------------------------------------------------------------------------------

@bp.route("/labs/<int:lab_id>/prototypes/mine")
@login_required
def mine(lab_id):
    """Show the prototypes the person is in, and every team they coach at a glance."""
    lab, membership = load_lab(lab_id)
    today = date.today()
    coached = [community.glance(p, today) for p in community.coached(lab, membership)]
    coached_ids = {g.prototype.id for g in coached}
    own = [p for p in service.prototypes_for_member(lab, membership) if p.id not in coached_ids]
    return render_template("prototypes/mine.html", lab=lab, membership=membership, coached=coached, own=own,
                           today=today)


# The PDSA log -------------------------------------------------------------------------------------

@bp.route("/labs/<int:lab_id>/prototypes/<int:prototype_id>/log.pdf")
@login_required
def log_pdf(lab_id, prototype_id):
    """Print the prototype, its team, every cycle and every run chart with its verdict."""
    lab, _membership, prototype = load_prototype(lab_id, prototype_id)
    locale = requested_locale(request.args.get("lang"))
    with force_locale(babel_locale(locale)):
        drawn = run_charts(prototype.measures, prototype.cycles, width=6.4, height=3.0)
    charts = dict(zip([m.id for m in prototype.measures], drawn))
    db.session.commit()  # keep the charts drawn for this log for every worker, without holding locks while it prints
    pdf = render_pdf("prototypes/pdf/log.html", locale=locale, lab=lab, prototype=prototype,
                     team=service.team_by_role(prototype), charts=charts, now=date.today())
    return pdf_response(pdf, f"pdsa-log-{prototype.id}.pdf")


from . import community_views, cycle_views, measure_views  # noqa: E402,F401 - their routes join this blueprint
