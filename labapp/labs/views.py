"""Serve a lab's pages: list, create, home, members, invitations, join code, summary PDF and export."""
from datetime import date

import io

import segno
from flask import (Blueprint, Response, abort, current_app, flash, jsonify, redirect, render_template, request,
                   session, url_for)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from labapp.accounts.models import User
from labapp.extensions import db
from labapp.forms import ConfirmForm
from labapp.mailer import send_mail
from labapp.pdf import pdf_response, render_pdf, requested_locale

from . import dashboard, exchange, search, service
from .access import load_lab, load_member, owned_or_404
from .constants import FACILITATOR, ROLES, STAGE_SUMMARIES, STAGES, default_propositions
from .forms import InviteForm, LabForm, RolesForm, SectorForm, TargetForm
from .models import Invitation, Membership, MembershipRole
from .next_steps import next_steps

bp = Blueprint("labs", __name__, url_prefix="/labs")

MEMBERS_PER_PAGE = 50


@bp.route("/")
@login_required
def index():
    """List the labs the person belongs to."""
    return render_template("labs/index.html", rows=service.labs_for(current_user))


def _fill_lab(form: LabForm, lab):
    """Copy the form's values onto a lab (propositions and stage dates included)."""
    lab.name, lab.place, lab.question = form.name.data.strip(), form.place.data.strip(), form.question.data.strip()
    lab.starts_on, lab.ends_on = form.starts_on.data, form.ends_on.data
    service.set_propositions(lab, [form.proposition_1.data.strip(), form.proposition_2.data.strip(),
                                   form.proposition_3.data.strip()])
    for stage, entry in zip(lab.stages, form.stages.entries):
        stage.starts_on, stage.ends_on = entry.starts_on.data, entry.ends_on.data


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    """Create a lab for a place; its creator becomes its facilitator."""
    if not current_user.has_login:
        flash(_("Add an email address and password to your account before you create a lab."), "info")
        return redirect(url_for("accounts.account"))
    form = LabForm()
    if request.method == "GET":
        form.proposition_1.data, form.proposition_2.data, form.proposition_3.data = default_propositions()
    if form.validate_on_submit():
        lab = service.create_lab(creator=current_user, name=form.name.data.strip(), place=form.place.data.strip(),
                                 question=form.question.data.strip(), propositions=[],
                                 starts_on=form.starts_on.data, ends_on=form.ends_on.data)
        _fill_lab(form, lab)
        db.session.commit()
        flash(_("Lab created. Next, invite the design team."), "success")
        return redirect(url_for("labs.home", lab_id=lab.id))
    return render_template("labs/form.html", form=form, lab=None, stage_labels=_stage_labels())


def _stage_labels():
    return list(STAGES.values())


@bp.route("/<int:lab_id>/")
@login_required
def home(lab_id):
    """Show the lab's home: its question, where it stands in each stage, and what the person should do next."""
    lab, membership = load_lab(lab_id)
    today = date.today()
    current, upcoming = service.current_and_next_stage(lab, today)
    return render_template("labs/home.html", lab=lab, membership=membership, current_stage=current,
                           next_stage=upcoming, stage_summaries=STAGE_SUMMARIES,
                           member_count=service.member_count(lab), roles=ROLES,
                           cards=dashboard.stage_figures(lab, today), steps=next_steps(lab, membership, today))


@bp.route("/<int:lab_id>/edit", methods=["GET", "POST"])
@login_required
def edit(lab_id):
    """Change the lab's details, propositions and stage dates."""
    lab, _membership = load_lab(lab_id, FACILITATOR)
    form = LabForm(obj=lab)
    if request.method == "GET":
        for stage, entry in zip(lab.stages, form.stages.entries):
            entry.starts_on.data, entry.ends_on.data = stage.starts_on, stage.ends_on
    if form.validate_on_submit():
        _fill_lab(form, lab)
        db.session.commit()
        flash(_("Changes saved."), "success")
        return redirect(url_for("labs.home", lab_id=lab.id))
    return render_template("labs/form.html", form=form, lab=lab, stage_labels=_stage_labels())


@bp.route("/<int:lab_id>/members")
@login_required
def members(lab_id):
    """List the lab's members with their roles and sectors, a page at a time; q finds them by name or email."""
    lab, membership = load_lab(lab_id, FACILITATOR)
    role = request.args.get("role")
    text = search.clean_query(request.args.get("q"))
    query = db.select(Membership).join(Membership.user).where(Membership.lab_id == lab.id)
    if role in ROLES:
        query = query.where(Membership.role_rows.any(MembershipRole.role == role))
    if text:
        ids = search.matching_member_ids(lab, text, roles=[role] if role in ROLES else None, with_email=True)
        query = query.where(Membership.id.in_(ids))
    page = db.paginate(query.order_by(User.name, Membership.id), per_page=MEMBERS_PER_PAGE, error_out=False)
    return render_template("labs/members.html", lab=lab, membership=membership, page=page, roles=ROLES, sectors=lab.sectors,
                           role_filter=role if role in ROLES else None, query=text,
                           role_counts=service.role_counts(lab), sector_counts=service.sector_counts(lab),
                           confirm_form=ConfirmForm())


@bp.route("/<int:lab_id>/members/<int:membership_id>/roles", methods=["GET", "POST"])
@login_required
def member_roles(lab_id, membership_id):
    """Change a member's roles."""
    lab, _membership = load_lab(lab_id, FACILITATOR)
    member = load_member(lab, membership_id)
    form = RolesForm(data={"roles": sorted(member.roles)}) if request.method == "GET" else RolesForm()
    if form.validate_on_submit():
        try:
            service.set_roles(member, set(form.roles.data))
        except service.LastFacilitatorError:
            form.roles.errors.append(_("A lab needs at least one facilitator. Make someone else a facilitator first."))
        else:
            db.session.commit()
            flash(_("Roles saved for %(name)s.", name=member.user.name), "success")
            return redirect(url_for("labs.members", lab_id=lab.id))
    return render_template("labs/member_roles.html", lab=lab, member=member, form=form)


@bp.route("/<int:lab_id>/members/<int:membership_id>/remove", methods=["GET", "POST"])
@login_required
def remove_member(lab_id, membership_id):
    """Ask, then take a person out of the lab."""
    lab, _membership = load_lab(lab_id, FACILITATOR)
    member = load_member(lab, membership_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = member.user.name
        try:
            service.remove_member(member)
        except service.LastFacilitatorError:
            flash(_("A lab needs at least one facilitator. Make someone else a facilitator first."), "error")
            return redirect(url_for("labs.members", lab_id=lab.id))
        db.session.commit()
        flash(_("%(name)s is no longer in this lab.", name=name), "success")
        return redirect(url_for("labs.members", lab_id=lab.id))
    return render_template("labs/member_remove.html", lab=lab, member=member, form=form)


@bp.route("/<int:lab_id>/invitations", methods=["GET", "POST"])
@login_required
def invitations(lab_id):
    """Invite people by email with a role, and list the invitations sent."""
    lab, membership = load_lab(lab_id, FACILITATOR)
    form = InviteForm()
    if form.validate_on_submit():
        invitation, token = service.invite(lab, email=form.email.data, role=form.role.data, invited_by=current_user)
        link = url_for("accounts.accept_invitation", token=token, _external=True)
        subject = _("You are invited to %(lab)s", lab=lab.name)
        body = _("%(inviter)s invites you to join %(lab)s as %(role)s.\n\nOpen this link to accept:\n%(link)s",
                 inviter=current_user.name, lab=lab.name, role=ROLES[invitation.role], link=link)
        invitation.emailed = send_mail(to=invitation.email, subject=subject, body=body)
        db.session.commit()
        if invitation.emailed:
            flash(_("Invitation sent to %(email)s.", email=invitation.email), "success")
        else:
            current_app.logger.info("invitation %s for lab %s not emailed (no SMTP): its link is shown to the inviter", invitation.id, lab.id)
            session["invite_link"] = {"id": invitation.id, "link": link}
        return redirect(url_for("labs.invitations", lab_id=lab.id))
    new_link = session.pop("invite_link", None)
    sent = db.paginate(db.select(Invitation).where(Invitation.lab_id == lab.id)
                       .order_by(Invitation.created_at.desc(), Invitation.id.desc()),
                       per_page=MEMBERS_PER_PAGE, error_out=False)
    return render_template("labs/invitations.html", lab=lab, membership=membership, form=form, page=sent, new_link=new_link,
                           roles=ROLES, confirm_form=ConfirmForm())


@bp.route("/<int:lab_id>/invitations/<int:invitation_id>/revoke", methods=["POST"])
@login_required
def revoke_invitation(lab_id, invitation_id):
    """Close an invitation so its link stops working."""
    lab, _membership = load_lab(lab_id, FACILITATOR)
    invitation = owned_or_404(Invitation, invitation_id, lab_id=lab.id)
    if ConfirmForm().validate_on_submit():
        service.revoke_invitation(invitation)
        db.session.commit()
        flash(_("The invitation for %(email)s is withdrawn.", email=invitation.email), "success")
    return redirect(url_for("labs.invitations", lab_id=lab.id))


@bp.route("/<int:lab_id>/join-code", methods=["GET"])
@login_required
def join_code(lab_id):
    """Show the join code and its QR code large enough to project in a room."""
    lab, membership = load_lab(lab_id, FACILITATOR)
    return render_template("labs/join_code.html", lab=lab, membership=membership, code=service.format_join_code(lab.join_code),
                           join_url=url_for("accounts.join", code=lab.join_code, _external=True),
                           form=ConfirmForm())


@bp.route("/<int:lab_id>/join-code/new", methods=["POST"])
@login_required
def regenerate_join_code(lab_id):
    """Replace the join code; the old code and QR code stop working."""
    lab, _membership = load_lab(lab_id, FACILITATOR)
    if ConfirmForm().validate_on_submit():
        service.regenerate_join_code(lab)
        db.session.commit()
        flash(_("New join code made. The old code no longer works."), "success")
    return redirect(url_for("labs.join_code", lab_id=lab.id))


@bp.route("/<int:lab_id>/join-code.svg")
@login_required
def join_code_qr(lab_id):
    """Draw the join link as a QR code (SVG)."""
    lab, _membership = load_lab(lab_id, FACILITATOR)
    qr = segno.make(url_for("accounts.join", code=lab.join_code, _external=True), error="m")
    out = io.BytesIO()
    qr.save(out, kind="svg", scale=10, border=2, xmldecl=False, svgns=True, title="QR")
    response = Response(out.getvalue(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/<int:lab_id>/summary.pdf")
@login_required
def summary_pdf(lab_id):
    """Print the lab's summary in the asked-for language (or the reader's own)."""
    lab, _membership = load_lab(lab_id)
    locale = requested_locale(request.args.get("lang"))
    pdf = render_pdf("labs/pdf/summary.html", locale=locale, lab=lab, now=date.today(), roles=ROLES, sectors=lab.sectors,
                     role_counts=service.role_counts(lab), sector_counts=service.sector_counts(lab),
                     members=sorted(lab.memberships, key=lambda m: m.user.name.lower()))
    return pdf_response(pdf, f"lab-{lab.id}-summary-{locale}.pdf")


@bp.route("/<int:lab_id>/export.json")
@login_required
def export(lab_id):
    """Download the whole lab as JSON, without any password hash."""
    lab, _membership = load_lab(lab_id, FACILITATOR)
    response = jsonify(exchange.export_lab(lab))
    response.headers["Content-Disposition"] = f'attachment; filename="lab-{lab.id}.json"'
    return response


@bp.route("/<int:lab_id>/sectors", methods=["GET", "POST"])
@login_required
def sectors(lab_id):
    """Keep the lab's list of sectors and its residents target."""
    lab, membership = load_lab(lab_id, FACILITATOR)
    sector_form = SectorForm(prefix="sector")
    target_form = TargetForm(prefix="target", obj=lab)
    if request.method == "POST":
        if "sector-label" in request.form and sector_form.validate():
            service.add_sector(lab, sector_form.label.data)
            db.session.commit()
            flash(_("Sector added."), "success")
            return redirect(url_for("labs.sectors", lab_id=lab.id))
        if "target-resident_target" in request.form and target_form.validate():
            lab.resident_target = target_form.resident_target.data
            db.session.commit()
            flash(_("Changes saved."), "success")
            return redirect(url_for("labs.sectors", lab_id=lab.id))
    in_use = {row.code: service.sector_in_use(lab, row.code) for row in lab.sector_rows if row.label}
    return render_template("labs/sectors.html", lab=lab, membership=membership, sector_form=sector_form,
                           target_form=target_form, in_use=in_use, confirm_form=ConfirmForm())


@bp.route("/<int:lab_id>/sectors/<code>/remove", methods=["POST"])
@login_required
def remove_sector(lab_id, code):
    """Remove one of the lab's own sectors, if nobody is described by it."""
    lab, _membership = load_lab(lab_id, FACILITATOR)
    if ConfirmForm().validate_on_submit():
        try:
            service.remove_sector(lab, code)
        except service.SectorInUse:
            flash(_("This sector still describes someone, so it stays."), "error")
        except ValueError:
            abort(404)
        else:
            db.session.commit()
            flash(_("Sector removed."), "success")
    return redirect(url_for("labs.sectors", lab_id=lab.id))
