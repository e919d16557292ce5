"""Serve the design team's invitation pipeline, "my invitations", the balance page and CSV files."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import format_number, ngettext
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from labapp.csvfiles import CsvProblems, csv_response
from labapp.extensions import db
from labapp.forms import ConfirmForm
from labapp.i18n import LANGUAGES
from labapp.labs import service as labs_service
from labapp.labs.access import load_lab, owned_or_404
from labapp.labs.constants import DESIGN_TEAM, FACILITATOR, LEVELS, PARTICIPANT, ROLES
from labapp.labs.models import Membership, MembershipRole
from labapp.systemmap.models import Actor
from labapp.workshops.models import Workshop

from . import csvio, service
from .constants import NEXT_STATUSES, NEXT_STEP_HINTS, STATUS_LABELS
from .forms import ImportForm, OutreachForm
from .models import Outreach

bp = Blueprint("outreach", __name__, url_prefix="/labs/<int:lab_id>")

TEAM = (FACILITATOR, DESIGN_TEAM)
PER_PAGE = 50


def _languages() -> dict:
    return {code: lang.native_name for code, lang in LANGUAGES.items() if code != "en"}


def _load(lab_id: int, outreach_id: int):
    """Load the lab for the design team, and one of its invitations, or 404."""
    lab, membership = load_lab(lab_id, *TEAM)
    outreach = owned_or_404(Outreach, outreach_id, lab_id=lab.id)
    return lab, membership, outreach


def _workshops(lab):
    return db.session.scalars(select(Workshop).where(Workshop.lab_id == lab.id)
                              .order_by(Workshop.starts_at, Workshop.id)).all()


def _team(lab):
    return db.session.scalars(
        select(Membership).where(Membership.lab_id == lab.id,
                                 Membership.role_rows.any(MembershipRole.role.in_(TEAM)))
    ).all()


def _form(lab, obj=None) -> OutreachForm:
    form = OutreachForm(obj=obj) if obj is not None and request.method == "GET" else OutreachForm()
    actors = db.session.scalars(select(Actor).where(Actor.lab_id == lab.id).order_by(Actor.name)).all()
    form.set_choices(actors=actors, workshops=_workshops(lab), inviters=_team(lab), sectors=lab.sectors,
                     languages=_languages())
    if obj is not None and request.method == "GET":
        for name in ("actor_id", "workshop_id", "inviter_id"):
            value = getattr(obj, name)
            form[name].data = str(value) if value else ""
        form.sector.data, form.level.data = obj.sector or "", obj.level or ""
        form.interpreter_language.data = obj.interpreter_language or ""
    return form


def _apply(form: OutreachForm, outreach: Outreach) -> None:
    """Copy the form onto the invitation; ids were checked against the lab's own choices."""
    def as_id(value):
        return int(value) if value else None

    outreach.actor_id = as_id(form.actor_id.data)
    outreach.actor = db.session.get(Actor, outreach.actor_id) if outreach.actor_id else None
    outreach.person_name = form.person_name.data or ""
    outreach.email = (form.email.data or "").lower() or None
    outreach.sector = form.sector.data or None
    outreach.level = form.level.data or None
    outreach.workshop_id = as_id(form.workshop_id.data)
    outreach.inviter_id = as_id(form.inviter_id.data)
    outreach.support_needs = list(form.support_needs.data or [])
    outreach.interpreter_language = form.interpreter_language.data or None
    outreach.notes = form.notes.data or ""
    service.fill_from_actor(outreach)


# Who and what each invitation is about, loaded for a whole page at once.
_DETAILS = (selectinload(Outreach.actor), selectinload(Outreach.workshop), selectinload(Outreach.inviter))


@bp.route("/outreach/")
@login_required
def index(lab_id):
    """List the lab's invitations, filtered by step, workshop, inviter or sector."""
    lab, membership = load_lab(lab_id, *TEAM)
    args = request.args
    query = select(Outreach).where(Outreach.lab_id == lab.id).options(*_DETAILS)
    if args.get("status") in STATUS_LABELS:
        query = query.where(Outreach.status == args["status"])
    if args.get("workshop") == "lab":
        query = query.where(Outreach.workshop_id.is_(None))
    elif args.get("workshop", "").isdigit():
        query = query.where(Outreach.workshop_id == int(args["workshop"]))
    if args.get("sector") in lab.sectors:
        query = query.where(Outreach.sector == args["sector"])
    if args.get("inviter") == "me":
        query = query.where(Outreach.inviter_id == membership.id)
    page = db.paginate(query.order_by(Outreach.created_at.desc(), Outreach.id.desc()), per_page=PER_PAGE,
                       error_out=False)
    return render_template("outreach/index.html", lab=lab, membership=membership, page=page,
                           new_link=session.pop("outreach_link", None),
                           workshops=_workshops(lab), counts=service.status_counts(lab), filters=args,
                           statuses=STATUS_LABELS, next_statuses=NEXT_STATUSES, levels=LEVELS,
                           confirm_form=ConfirmForm())


@bp.route("/outreach/mine")
@login_required
def mine(lab_id):
    """Show a design-team member the people they said they would invite, by what to do next."""
    lab, membership = load_lab(lab_id, *TEAM)
    rows = db.session.scalars(select(Outreach).where(Outreach.lab_id == lab.id, Outreach.inviter_id == membership.id)
                              .order_by(Outreach.created_at, Outreach.id)).all()
    groups = {status: [o for o in rows if o.status == status] for status in STATUS_LABELS}
    return render_template("outreach/mine.html", lab=lab, membership=membership, groups=groups,
                           statuses=STATUS_LABELS, hints=NEXT_STEP_HINTS, next_statuses=NEXT_STATUSES,
                           confirm_form=ConfirmForm())


@bp.route("/outreach/new", methods=["GET", "POST"])
@login_required
def create(lab_id):
    """Add someone to invite."""
    lab, membership = load_lab(lab_id, *TEAM)
    form = _form(lab)
    if request.method == "GET":
        form.inviter_id.data = str(membership.id) if membership.has_role(DESIGN_TEAM) else ""
        if request.args.get("actor", "").isdigit():
            form.actor_id.data = request.args["actor"]
    if form.validate_on_submit():
        outreach = Outreach(lab_id=lab.id)
        _apply(form, outreach)
        db.session.add(outreach)
        db.session.commit()
        flash(_("%(name)s added to the invitation list.", name=outreach.display_name), "success")
        return redirect(url_for("outreach.index", lab_id=lab.id))
    return render_template("outreach/form.html", lab=lab, membership=membership, form=form, outreach=None)


@bp.route("/outreach/<int:outreach_id>/edit", methods=["GET", "POST"])
@login_required
def edit(lab_id, outreach_id):
    """Change an invitation's details."""
    lab, membership, outreach = _load(lab_id, outreach_id)
    form = _form(lab, outreach)
    if form.validate_on_submit():
        _apply(form, outreach)
        db.session.commit()
        flash(_("Changes saved."), "success")
        return redirect(url_for("outreach.index", lab_id=lab.id))
    return render_template("outreach/form.html", lab=lab, membership=membership, form=form, outreach=outreach)


@bp.route("/outreach/<int:outreach_id>/move", methods=["POST"])
@login_required
def move(lab_id, outreach_id):
    """Move an invitation to its next step."""
    lab, _membership, outreach = _load(lab_id, outreach_id)
    if ConfirmForm().validate_on_submit():
        try:
            service.move(outreach, request.form.get("status", ""))
        except service.PipelineError:
            flash(_("That step is not possible from here."), "error")
        else:
            db.session.commit()
            flash(_("%(name)s: %(status)s.", name=outreach.display_name, status=STATUS_LABELS[outreach.status]),
                  "success")
    back = request.form.get("back")
    return redirect(url_for("outreach.mine", lab_id=lab.id) if back == "mine" else url_for("outreach.index", lab_id=lab.id))


@bp.route("/outreach/<int:outreach_id>/link", methods=["POST"])
@login_required
def send_link(lab_id, outreach_id):
    """Create a lab invitation link for this person (emailed when SMTP is set up) and mark them invited."""
    from labapp.mailer import send_mail

    lab, _membership, outreach = _load(lab_id, outreach_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not outreach.email:
        flash(_("Add an email address first: the link is made for that address."), "error")
        return redirect(url_for("outreach.edit", lab_id=lab.id, outreach_id=outreach.id))
    invitation, token = labs_service.invite(lab, email=outreach.email, role=PARTICIPANT, invited_by=current_user)
    service.invitation_sent(outreach, invitation)
    link = url_for("accounts.accept_invitation", token=token, _external=True)
    body = _("%(inviter)s invites you to join %(lab)s as %(role)s.\n\nOpen this link to accept:\n%(link)s",
             inviter=current_user.name, lab=lab.name, role=ROLES[PARTICIPANT], link=link)
    invitation.emailed = send_mail(to=outreach.email, subject=_("You are invited to %(lab)s", lab=lab.name), body=body)
    db.session.commit()
    if invitation.emailed:
        flash(_("Invitation sent to %(email)s.", email=outreach.email), "success")
    else:
        current_app.logger.info("invitation %s for lab %s not emailed (no SMTP): its link is shown to the inviter", invitation.id, lab.id)
        session["outreach_link"] = {"id": outreach.id, "link": link, "name": outreach.display_name}
    return redirect(url_for("outreach.index", lab_id=lab.id))


@bp.route("/outreach/<int:outreach_id>/delete", methods=["GET", "POST"])
@login_required
def delete(lab_id, outreach_id):
    """Ask, then remove someone from the invitation list."""
    lab, membership, outreach = _load(lab_id, outreach_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = outreach.display_name
        db.session.delete(outreach)
        db.session.commit()
        flash(_("%(name)s removed from the invitation list.", name=name), "success")
        return redirect(url_for("outreach.index", lab_id=lab.id))
    return render_template("outreach/delete.html", lab=lab, membership=membership, outreach=outreach, form=form)


@bp.route("/balance")
@login_required
def balance(lab_id):
    """Show who is coming, by sector and level, against the lab's target, for the lab and each workshop."""
    lab, membership = load_lab(lab_id, *TEAM)
    overall = service.balance(lab)
    per_workshop = [(workshop, service.balance(lab, workshop.id)) for workshop in _workshops(lab)]
    missing = overall.missing_sectors(lab.sectors)
    return render_template("outreach/balance.html", lab=lab, membership=membership, overall=overall,
                           per_workshop=per_workshop, levels=LEVELS, missing=missing,
                           to_reach=service.still_to_reach(lab, missing))


@bp.route("/outreach.csv")
@login_required
def export_csv(lab_id):
    """Download the invitation list as CSV."""
    lab, _membership = load_lab(lab_id, *TEAM)
    rows = db.session.scalars(select(Outreach).where(Outreach.lab_id == lab.id).options(*_DETAILS)
                              .order_by(Outreach.id)).all()
    return csv_response(csvio.export_rows(rows), f"lab-{lab.id}-invitations.csv")


@bp.route("/outreach/template.csv")
@login_required
def template_csv(lab_id):
    """Download an empty invitation list to fill in."""
    load_lab(lab_id, *TEAM)
    return csv_response(csvio.template(), "invitations-template.csv")


@bp.route("/outreach/import", methods=["GET", "POST"])
@login_required
def import_csv(lab_id):
    """Import invitations from CSV: every row is checked first; all rows go in, or none."""
    lab, membership = load_lab(lab_id, *TEAM)
    form = ImportForm()
    problems, error = [], None
    if form.validate_on_submit():
        upload = request.files.get("file")
        if not upload or not upload.filename:
            error = _("Choose a CSV file.")
        else:
            actors = {a.name.lower(): a for a in db.session.scalars(select(Actor).where(Actor.lab_id == lab.id))}
            workshops = {w.title.lower(): w for w in _workshops(lab)}
            try:
                rows, problems = csvio.parse(lab, upload.read(), actors=actors, workshops=workshops,
                                             languages=_languages())
            except CsvProblems as unreadable:
                problems = unreadable.errors
            else:
                if not problems and not rows:
                    error = _("The file has no rows to import.")
                elif not problems:
                    count = csvio.import_rows(lab, rows)
                    db.session.commit()
                    flash(ngettext("%(count)s invitation imported.", "%(count)s invitations imported.", count,
                                   count=format_number(count)), "success")
                    return redirect(url_for("outreach.index", lab_id=lab.id))
    return render_template("outreach/import.html", lab=lab, membership=membership, form=form, problems=problems,
                           error=error, columns=csvio.COLUMNS)
