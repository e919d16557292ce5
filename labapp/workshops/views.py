"""Serve a lab's workshops: list, create, edit, delete, the agenda, and the check-in code to project.

Check-in pages are in checkin_views.py and attendance tables in attendance_views.py; all share this blueprint.
"""
import io
from datetime import date, datetime, time

import segno
from babel import Locale, UnknownLocaleError
from babel.dates import format_time
from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import login_required

from labapp.extensions import db
from labapp.forms import ConfirmForm
from labapp.i18n import LANGUAGES
from labapp.labs.access import load_lab
from labapp.labs.constants import DESIGN_TEAM, FACILITATOR
from labapp.labs.service import format_join_code

from . import checkin, service
from .access import load_agenda_item, load_workshop
from .constants import SUPPORT_OFFERED, WORKSHOP_KINDS
from .forms import AgendaItemForm, WorkshopForm

bp = Blueprint("workshops", __name__)

ORGANISERS = (FACILITATOR, DESIGN_TEAM)


def clock(value: datetime | time | str | None) -> str:
    """Show a time of day the reader's way (a stored "HH:MM" too)."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = time.fromisoformat(value)
        except ValueError:
            return value
    return format_time(value, "short", locale=get_locale())


def language_name(code: str) -> str:
    """Name a language in the reader's language, falling back to its own name."""
    try:
        name = Locale.parse(code).get_display_name(get_locale())
    except (UnknownLocaleError, ValueError, TypeError):
        name = None
    return name or (LANGUAGES[code].native_name if code in LANGUAGES else code)


@bp.context_processor
def _helpers():
    return {"clock": clock, "language_name": language_name, "WORKSHOP_KINDS": WORKSHOP_KINDS,
            "SUPPORT_OFFERED": SUPPORT_OFFERED, "ORGANISERS": ORGANISERS}


@bp.route("/labs/<int:lab_id>/workshops/")
@login_required
def index(lab_id):
    """List the lab's workshops: upcoming first, then past."""
    lab, membership = load_lab(lab_id)
    upcoming, past = service.upcoming_and_past(lab, date.today())
    return render_template("workshops/index.html", lab=lab, membership=membership, upcoming=upcoming, past=past,
                           counts=service.checked_in_counts(lab))


def _values(form: WorkshopForm) -> dict:
    starts_at, ends_at = service.combine(form.day.data, form.starts.data, form.ends.data)
    return {"kind": form.kind.data, "title": form.title.data, "starts_at": starts_at, "ends_at": ends_at,
            "venue": form.venue.data or "", "access_notes": form.access_notes.data or "",
            "support_offered": form.support_offered.data or [],
            "interpreter_languages": form.interpreter_languages.data or []}


@bp.route("/labs/<int:lab_id>/workshops/new", methods=["GET", "POST"])
@login_required
def create(lab_id):
    """Add a workshop to the lab."""
    lab, membership = load_lab(lab_id, FACILITATOR)
    form = WorkshopForm()
    if form.validate_on_submit():
        workshop = service.create_workshop(lab, **_values(form))
        db.session.commit()
        flash(_("Workshop added. Next, add its agenda."), "success")
        return redirect(url_for("workshops.agenda", lab_id=lab.id, workshop_id=workshop.id))
    return render_template("workshops/form.html", lab=lab, membership=membership, form=form, workshop=None)


@bp.route("/labs/<int:lab_id>/workshops/<int:workshop_id>/")
@login_required
def show(lab_id, workshop_id):
    """Show a workshop: when and where, the support offered, the agenda; for organisers, who needs what."""
    lab, membership, workshop = load_workshop(lab_id, workshop_id)
    organiser = membership.has_role(*ORGANISERS)
    return render_template("workshops/show.html", lab=lab, membership=membership, workshop=workshop,
                           organiser=organiser, summary=service.support_summary(workshop) if organiser else None,
                           checked_in=checkin.checked_in_count(workshop) if organiser else None)


@bp.route("/labs/<int:lab_id>/workshops/<int:workshop_id>/edit", methods=["GET", "POST"])
@login_required
def edit(lab_id, workshop_id):
    """Change a workshop's details."""
    lab, membership, workshop = load_workshop(lab_id, workshop_id, *ORGANISERS)
    if request.method == "GET":
        form = WorkshopForm(formdata=None, obj=workshop, day=workshop.starts_at.date() if workshop.starts_at else None,
                            starts=workshop.starts_at.time() if workshop.starts_at else None,
                            ends=workshop.ends_at.time() if workshop.ends_at else None)
    else:
        form = WorkshopForm()
    if form.validate_on_submit():
        service.update_workshop(workshop, **_values(form))
        db.session.commit()
        flash(_("Changes saved."), "success")
        return redirect(url_for("workshops.show", lab_id=lab.id, workshop_id=workshop.id))
    return render_template("workshops/form.html", lab=lab, membership=membership, form=form, workshop=workshop)


@bp.route("/labs/<int:lab_id>/workshops/<int:workshop_id>/delete", methods=["GET", "POST"])
@login_required
def delete(lab_id, workshop_id):
    """Ask, then delete a workshop with its agenda, check-ins and invitations."""
    lab, membership, workshop = load_workshop(lab_id, workshop_id, FACILITATOR)
    form = ConfirmForm()
    if form.validate_on_submit():
        title = workshop.title
        service.delete_workshop(workshop)
        db.session.commit()
        flash(_("The workshop %(title)s is deleted.", title=title), "success")
        return redirect(url_for("workshops.index", lab_id=lab.id))
    attendances, invitations, pick_sessions = service.delete_counts(workshop)
    return render_template("workshops/delete.html", lab=lab, membership=membership, workshop=workshop, form=form,
                           attendances=attendances, invitations=invitations, pick_sessions=pick_sessions)


# Agenda -------------------------------------------------------------------------------------------

def _item_form(item) -> AgendaItemForm:
    starts = time.fromisoformat(item.starts) if item.starts else None
    return AgendaItemForm(formdata=None, prefix=f"item{item.id}", starts=starts, title=item.title)


def _agenda_page(lab, membership, workshop, *, failed=None, add_form=None):
    forms = {item.id: _item_form(item) for item in workshop.agenda}
    if failed is not None:
        forms[failed[0]] = failed[1]
    return render_template("workshops/agenda.html", lab=lab, membership=membership, workshop=workshop, forms=forms,
                           add_form=add_form or AgendaItemForm(formdata=None, prefix="new"),
                           error_form=failed[1] if failed else add_form, confirm_form=ConfirmForm())


def _hhmm(value: time | None) -> str:
    return value.strftime("%H:%M") if value else ""


@bp.route("/labs/<int:lab_id>/workshops/<int:workshop_id>/agenda")
@login_required
def agenda(lab_id, workshop_id):
    """Show the agenda with a form per item, buttons to move them, and a form to add one."""
    lab, membership, workshop = load_workshop(lab_id, workshop_id, *ORGANISERS)
    return _agenda_page(lab, membership, workshop)


@bp.route("/labs/<int:lab_id>/workshops/<int:workshop_id>/agenda/add", methods=["POST"])
@login_required
def agenda_add(lab_id, workshop_id):
    """Add an item at the end of the agenda."""
    lab, membership, workshop = load_workshop(lab_id, workshop_id, *ORGANISERS)
    form = AgendaItemForm(prefix="new")
    if form.validate_on_submit():
        service.add_agenda_item(workshop, _hhmm(form.starts.data), form.title.data)
        db.session.commit()
        flash(_("Added to the agenda."), "success")
        return redirect(url_for("workshops.agenda", lab_id=lab.id, workshop_id=workshop.id) + "#new-item")
    return _agenda_page(lab, membership, workshop, add_form=form)


@bp.route("/labs/<int:lab_id>/workshops/<int:workshop_id>/agenda/<int:item_id>", methods=["POST"])
@login_required
def agenda_save(lab_id, workshop_id, item_id):
    """Save an agenda item's time and title."""
    lab, membership, workshop = load_workshop(lab_id, workshop_id, *ORGANISERS)
    item = load_agenda_item(workshop, item_id)
    form = AgendaItemForm(prefix=f"item{item.id}")
    if form.validate_on_submit():
        service.update_agenda_item(item, _hhmm(form.starts.data), form.title.data)
        db.session.commit()
        flash(_("Agenda item saved."), "success")
        return redirect(url_for("workshops.agenda", lab_id=lab.id, workshop_id=workshop.id) + f"#item-{item.id}")
    return _agenda_page(lab, membership, workshop, failed=(item.id, form))


@bp.route("/labs/<int:lab_id>/workshops/<int:workshop_id>/agenda/<int:item_id>/move", methods=["POST"])
@login_required
def agenda_move(lab_id, workshop_id, item_id):
    """Move an agenda item one place up or down."""
    lab, _membership, workshop = load_workshop(lab_id, workshop_id, *ORGANISERS)
    item = load_agenda_item(workshop, item_id)
    if ConfirmForm().validate_on_submit() and request.form.get("step") in ("up", "down"):
        service.move_agenda_item(workshop, item, -1 if request.form["step"] == "up" else 1)
        db.session.commit()
    return redirect(url_for("workshops.agenda", lab_id=lab.id, workshop_id=workshop.id) + f"#item-{item.id}")


@bp.route("/labs/<int:lab_id>/workshops/<int:workshop_id>/agenda/<int:item_id>/remove", methods=["POST"])
@login_required
def agenda_remove(lab_id, workshop_id, item_id):
    """Take an item off the agenda."""
    lab, _membership, workshop = load_workshop(lab_id, workshop_id, *ORGANISERS)
    item = load_agenda_item(workshop, item_id)
    if ConfirmForm().validate_on_submit():
        title = item.title
        service.remove_agenda_item(workshop, item)
        db.session.commit()
        flash(_("%(title)s is off the agenda.", title=title), "success")
    return redirect(url_for("workshops.agenda", lab_id=lab.id, workshop_id=workshop.id))


# The code to project ------------------------------------------------------------------------------

def _checkin_url(workshop) -> str:
    return url_for("workshops.self_checkin", code=workshop.checkin_code, _external=True)


@bp.route("/labs/<int:lab_id>/workshops/<int:workshop_id>/checkin-code")
@login_required
def checkin_code(lab_id, workshop_id):
    """Show the workshop's check-in code and QR code, large enough to project."""
    lab, membership, workshop = load_workshop(lab_id, workshop_id, *ORGANISERS)
    return render_template("workshops/checkin_code.html", lab=lab, membership=membership, workshop=workshop,
                           code=format_join_code(workshop.checkin_code),
                           checkin_address=url_for("workshops.checkin_start", _external=True))


@bp.route("/labs/<int:lab_id>/workshops/<int:workshop_id>/checkin-code.svg")
@login_required
def checkin_code_qr(lab_id, workshop_id):
    """Draw the workshop's self check-in link as a QR code (SVG)."""
    _lab, _membership, workshop = load_workshop(lab_id, workshop_id, *ORGANISERS)
    qr = segno.make(_checkin_url(workshop), error="m")
    out = io.BytesIO()
    qr.save(out, kind="svg", scale=10, border=2, xmldecl=False, svgns=True, title="QR")
    response = Response(out.getvalue(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "no-store"
    return response


from . import attendance_views, checkin_views  # noqa: E402,F401 - their routes join this blueprint
