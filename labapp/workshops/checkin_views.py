"""Check people in on the day: the organisers' phone page, walk-ins, and self check-in by code."""
from datetime import date

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from labapp.extensions import db, limiter
from labapp.forms import ConfirmForm
from labapp.labs.access import load_member
from labapp.labs.models import Lab
from labapp.labs.service import membership_for, normalise_join_code

from . import checkin, service
from .access import load_attendance, load_workshop
from .forms import CheckinCodeForm, SelfWalkInForm, WalkInForm, set_walk_in_choices
from .views import ORGANISERS, bp

CHECK_INS_PER_PAGE = 50
QUERY_MAX = 120
# How many workshops a browser remembers having checked a walk-in into.
REMEMBERED_WALK_INS = 20


def _checkin_page(lab, membership, workshop, *, walk_in_form=None, status=200):
    query = request.args.get("q", "").strip()[:QUERY_MAX]
    members = checkin.search_members(lab, query)
    walk_ins = checkin.search_walk_ins(workshop, query)
    open_walk_in = walk_in_form is not None
    if walk_in_form is None:
        walk_in_form = WalkInForm(formdata=None)
        if query and not members and not walk_ins:
            # Nobody by that name: they are probably a walk-in, so have the form ready with the name typed.
            walk_in_form.name.data, open_walk_in = query, True
    set_walk_in_choices(walk_in_form, lab.sectors, blank=_("Not given"))
    page = db.paginate(checkin.recent_check_ins(workshop), per_page=CHECK_INS_PER_PAGE, error_out=False)
    return render_template(
        "workshops/checkin.html", lab=lab, membership=membership, workshop=workshop, query=query,
        members=members[:checkin.SEARCH_LIMIT], more=len(members) > checkin.SEARCH_LIMIT,
        walk_ins=walk_ins, open_walk_in=open_walk_in,
        attended=checkin.attendances_by_member(workshop, [m.id for m in members]),
        count=checkin.checked_in_count(workshop), page=page, sectors=lab.sectors,
        walk_in_form=walk_in_form, confirm_form=ConfirmForm()), status


def _back(lab, workshop, query: str | None = None):
    return redirect(url_for("workshops.checkin_page", lab_id=lab.id, workshop_id=workshop.id, q=query or None))


@bp.route("/labs/<int:lab_id>/workshops/<int:workshop_id>/checkin")
@login_required
def checkin_page(lab_id, workshop_id):
    """Find people by name and check them in with one tap; add walk-ins."""
    lab, membership, workshop = load_workshop(lab_id, workshop_id, *ORGANISERS)
    return _checkin_page(lab, membership, workshop)


@bp.route("/labs/<int:lab_id>/workshops/<int:workshop_id>/checkin/members/<int:membership_id>", methods=["POST"])
@login_required
def check_in(lab_id, workshop_id, membership_id):
    """Check a lab member in (once)."""
    lab, _membership, workshop = load_workshop(lab_id, workshop_id, *ORGANISERS)
    member = load_member(lab, membership_id)
    if ConfirmForm().validate_on_submit():
        _attendance, new = checkin.check_in_member(workshop, member, by=current_user)
        db.session.commit()
        if new:
            flash(_("%(name)s is checked in.", name=member.user.name), "success")
        else:
            flash(_("%(name)s was already checked in.", name=member.user.name), "info")
    return _back(lab, workshop)


@bp.route("/labs/<int:lab_id>/workshops/<int:workshop_id>/checkin/attendances/<int:attendance_id>/undo",
          methods=["POST"])
@login_required
def undo_check_in(lab_id, workshop_id, attendance_id):
    """Undo a check-in made by mistake."""
    lab, _membership, workshop = load_workshop(lab_id, workshop_id, *ORGANISERS)
    attendance = load_attendance(workshop, attendance_id)
    if ConfirmForm().validate_on_submit():
        name = attendance.name
        checkin.undo_check_in(attendance)
        db.session.commit()
        flash(_("Check-in undone for %(name)s.", name=name), "success")
    return _back(lab, workshop, request.form.get("q", "")[:QUERY_MAX])


@bp.route("/labs/<int:lab_id>/workshops/<int:workshop_id>/checkin/walk-in", methods=["POST"])
@login_required
def walk_in(lab_id, workshop_id):
    """Check in someone who is not a lab member, with a name and, if they say, a sector and level."""
    lab, membership, workshop = load_workshop(lab_id, workshop_id, *ORGANISERS)
    form = WalkInForm()
    set_walk_in_choices(form, lab.sectors, blank=_("Not given"))
    if form.validate_on_submit():
        checkin.add_walk_in(workshop, name=form.name.data, sector=form.sector.data, level=form.level.data,
                            by=current_user)
        db.session.commit()
        flash(_("%(name)s is checked in as a walk-in.", name=form.name.data), "success")
        return _back(lab, workshop)
    return _checkin_page(lab, membership, workshop, walk_in_form=form)


# Self check-in -----------------------------------------------------------------------------------

def _code_not_found(form):
    form.code.errors = [_("We could not find a workshop with that code. Check it and try again.")]
    return render_template("workshops/checkin_start.html", form=form), 404


@bp.route("/checkin")
@limiter.limit("20 per minute", methods=["GET"], deduct_when=lambda r: r.status_code == 404)
def checkin_start():
    """Ask for the code on the screen and open the workshop's check-in page."""
    form = CheckinCodeForm(request.args)
    if "code" in request.args and form.validate():
        workshop = service.workshop_for_checkin_code(form.code.data)
        if workshop is None:
            return _code_not_found(form)
        return redirect(url_for("workshops.self_checkin", code=workshop.checkin_code))
    if "code" not in request.args:
        form = CheckinCodeForm()
    return render_template("workshops/checkin_start.html", form=form)


@bp.route("/checkin/<code>", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["GET", "POST"], deduct_when=lambda r: r.status_code == 404)
@limiter.limit("300 per hour", methods=["POST"])
# However many phones and addresses are used, one workshop takes at most this many self check-ins an hour.
@limiter.limit("100 per hour", methods=["POST"],
               key_func=lambda: "self-checkin:" + normalise_join_code(request.view_args.get("code", "")))
def self_checkin(code):
    """Check oneself in: a member with one button; anyone else with a name, as a walk-in (no account)."""
    workshop = service.workshop_for_checkin_code(code)
    if workshop is None:
        return _code_not_found(CheckinCodeForm(data={"code": code}))
    if code != workshop.checkin_code:
        return redirect(url_for("workshops.self_checkin", code=workshop.checkin_code))
    lab = db.session.get(Lab, workshop.lab_id)
    is_open = service.checkin_open(workshop, date.today())
    membership = membership_for(lab, current_user) if current_user.is_authenticated else None
    here = url_for("workshops.self_checkin", code=workshop.checkin_code)
    if membership is not None:
        attendance = checkin.attendance_of(workshop, membership.id)
        form = ConfirmForm()
        if is_open and attendance is None and form.validate_on_submit():
            checkin.check_in_member(workshop, membership, by=current_user)
            db.session.commit()
            return redirect(here)
        return render_template("workshops/self_checkin.html", lab=lab, workshop=workshop, is_open=is_open,
                               today=date.today(), member=membership, done=attendance is not None, form=form)
    done = workshop.id in session.get("walk_ins", [])
    form = SelfWalkInForm()
    set_walk_in_choices(form, lab.sectors)
    if not form.is_submitted() and current_user.is_authenticated:
        form.name.data = current_user.name
    if is_open and not done and form.validate_on_submit():
        checkin.add_walk_in(workshop, name=form.name.data, sector=form.sector.data, level=form.level.data,
                            by=current_user if current_user.is_authenticated else None)
        db.session.commit()
        session["walk_ins"] = (session.get("walk_ins", []) + [workshop.id])[-REMEMBERED_WALK_INS:]
        return redirect(here)
    return render_template("workshops/self_checkin.html", lab=lab, workshop=workshop, is_open=is_open,
                           today=date.today(), member=None, done=done, form=form)
