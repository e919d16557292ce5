"""Serve the attendance tables (by sector and by level), their CSV files and their PDF."""
from datetime import date

from flask import abort, render_template, request
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import login_required

from labapp.csvfiles import csv_response
from labapp.extensions import db
from labapp.labs.access import load_lab
from labapp.labs.constants import FACILITATOR, LEVELS
from labapp.pdf import pdf_response, render_pdf, requested_locale

from . import tables
from .access import load_workshop
from .models import Attendance
from .views import bp


@bp.route("/labs/<int:lab_id>/workshops/attendance")
@login_required
def attendance(lab_id):
    """Show how many came to each workshop, by sector and by level, with totals."""
    lab, membership = load_lab(lab_id)
    return render_template("workshops/attendance.html", lab=lab, membership=membership,
                           by_sector=tables.attendance_table(lab, "sector"),
                           by_level=tables.attendance_table(lab, "level"))


@bp.route("/labs/<int:lab_id>/workshops/attendance.pdf")
@login_required
def attendance_pdf(lab_id):
    """Print both attendance tables in the asked-for language (or the reader's own)."""
    lab, _membership = load_lab(lab_id)
    locale = requested_locale(request.args.get("lang"))
    pdf = render_pdf("workshops/pdf/attendance.html", locale=locale, lab=lab, now=date.today(),
                     by_sector=tables.attendance_table(lab, "sector"), by_level=tables.attendance_table(lab, "level"))
    return pdf_response(pdf, f"lab-{lab.id}-attendance-{locale}.pdf")


def _workshop_label(workshop) -> str:
    when = format_date(workshop.starts_at.date(), "medium") if workshop.starts_at else ""
    return f"{workshop.title} ({when})" if when else workshop.title


@bp.route("/labs/<int:lab_id>/workshops/attendance.csv")
@login_required
def attendance_csv(lab_id):
    """Download the attendance table by sector (?by=sector) or by level (?by=level)."""
    lab, _membership = load_lab(lab_id)
    by = request.args.get("by", "sector")
    if by not in tables.BY:
        abort(404)
    table = tables.attendance_table(lab, by)
    rows = tables.table_rows(table, heading=_("Sector") if by == "sector" else _("Level"),
                             workshop_label=_workshop_label, not_given=_("Not given"), total=_("Total"))
    return csv_response(tables.to_csv(rows), f"lab-{lab.id}-attendance-by-{by}.csv")


@bp.route("/labs/<int:lab_id>/workshops/<int:workshop_id>/attendance.csv")
@login_required
def workshop_attendance_csv(lab_id, workshop_id):
    """Download the names of everyone checked in at one workshop (facilitators only)."""
    lab, _membership, workshop = load_workshop(lab_id, workshop_id, FACILITATOR)
    sectors = lab.sectors
    attendances = db.session.scalars(db.select(Attendance).where(Attendance.workshop_id == workshop.id)
                                     .order_by(Attendance.name, Attendance.id))
    rows = [[_("Name"), _("Sector"), _("Level"), _("Walk-in"), _("Checked in (UTC)")]]
    for row in attendances:
        rows.append([row.name, sectors.get(row.sector, row.sector or ""), LEVELS.get(row.level, row.level or ""),
                     _("Yes") if row.walk_in else _("No"), row.checked_in_at.strftime("%Y-%m-%d %H:%M")])
    return csv_response(tables.to_csv(rows), f"workshop-{workshop.id}-attendance.csv")
