"""Serve signing up, cancelling, a person's own visits, debriefs, and the organisers' sign-up lists."""
import logging

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from labapp.csvfiles import csv_response, write_csv
from labapp.extensions import db
from labapp.forms import ConfirmForm
from labapp.i18n import babel_locale, is_enabled
from labapp.labs.access import load_lab
from labapp.labs.constants import FACILITATOR, SUPPORT_NEEDS
from labapp.mailer import mail_configured, send_mail

from . import service, signups
from .access import ORGANISERS, load_visit
from .constants import CONFIRMED, NOTICE_ALLOCATED, NOTICE_PROMOTED, NOTICE_VISIT_CANCELLED, SIGNUP_STATUSES
from .forms import DebriefForm
from .views import bp, reader_locale

log = logging.getLogger(__name__)


def _mail(membership, visit, compose) -> None:
    """Email one person about their visit, in their language, when SMTP is configured.

    compose(values) returns (subject, body) and is called inside the person's language.
    """
    user = membership.user
    if not (mail_configured() and user.email):
        return
    locale = user.locale if is_enabled(user.locale) else "en"
    with force_locale(babel_locale(locale)):
        values = {"name": user.name, "title": visit.title, "day": visit.day.isoformat(),
                  "starts": visit.starts.strftime("%H:%M"),
                  "link": url_for("journeys.show", lab_id=visit.lab_id, visit_id=visit.id, _external=True)}
        subject, body = compose(values)
    send_mail(to=user.email, subject=subject, body=body)


def _promoted_mail(values):
    return (_("You have a place on %(title)s", title=values["title"]),
            _("Hello %(name)s,\n\nA place came free on the visit %(title)s on %(day)s at %(starts)s, and it is "
              "yours: you were first on the waiting list.\n\nIf you cannot go, please cancel so that the next "
              "person can have it: %(link)s", **values))


def _cancelled_mail(values):
    return (_("Cancelled: %(title)s", title=values["title"]),
            _("Hello %(name)s,\n\nSorry: the visit %(title)s on %(day)s at %(starts)s is cancelled. You can "
              "choose another visit here: %(link)s", **values))


def tell_promoted(promoted) -> None:
    """Email the people who got a place from the waiting list (their notice is already stored)."""
    for signup in promoted or []:
        _mail(signup.membership, signup.visit, _promoted_mail)


def tell_cancelled(visit, touched) -> None:
    """Email the people whose visit was cancelled."""
    for signup in touched or []:
        _mail(signup.membership, visit, _cancelled_mail)


@bp.before_app_request
def _show_notices():
    """Show a signed-in person's new notices once, on the next page they open."""
    if request.method != "GET" or not current_user.is_authenticated or request.endpoint in (None, "static"):
        return
    if request.path.endswith((".ics", ".pdf", ".csv", ".svg", ".json")):
        return
    notices = service.take_unseen_notices(current_user.id)
    if not notices:
        return
    for notice in notices:
        title = notice.visit.title if notice.visit else ""
        if notice.kind == NOTICE_PROMOTED:
            flash(_("A place came free on %(title)s: it is yours now.", title=title), "success")
        elif notice.kind == NOTICE_VISIT_CANCELLED:
            flash(_("The visit %(title)s has been cancelled.", title=title), "warning")
        elif notice.kind == NOTICE_ALLOCATED:
            flash(_("You have a place on %(title)s.", title=title), "success")
    db.session.commit()


@bp.route("/labs/<int:lab_id>/journeys/<int:visit_id>/sign-up", methods=["POST"])
@login_required
def sign_up(lab_id, visit_id):
    """Take a place on the visit, or a place on its waiting list."""
    lab, membership, visit = load_visit(lab_id, visit_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        outcome = signups.sign_up(visit, membership.id)
    except signups.SignUpRefused as refusal:
        db.session.rollback()
        if refusal.reason == "overlap":
            flash(_("You cannot sign up: this visit overlaps with %(title)s, which you already signed up for. "
                    "Cancel that one first if you would rather go to this one.", title=refusal.clash.title), "error")
        else:
            flash(_("This visit is not taking sign-ups."), "error")
        return redirect(url_for("journeys.show", lab_id=lab.id, visit_id=visit_id))
    status, position = outcome.signup.status, outcome.position
    db.session.commit()
    if status == CONFIRMED:
        flash(_("You have a place on this visit. Add it to your calendar and read the brief before you go."),
              "success")
    else:
        flash(_("The visit is full. You are number %(position)s on the waiting list: if a place comes free, "
                "it goes to the first person on the list and we will tell you.", position=position), "success")
    return redirect(url_for("journeys.show", lab_id=lab.id, visit_id=visit_id))


@bp.route("/labs/<int:lab_id>/journeys/<int:visit_id>/cancel", methods=["POST"])
@login_required
def cancel(lab_id, visit_id):
    """Give up one's place, or leave the waiting list."""
    lab, membership, visit = load_visit(lab_id, visit_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    signup = signups.signup_of(visit, membership.id)
    if signup is None or signup.status not in signups.ACTIVE:
        return redirect(url_for("journeys.show", lab_id=lab.id, visit_id=visit.id))
    was = signup.status
    outcome = signups.cancel(signup)
    db.session.commit()
    tell_promoted([outcome.promoted] if outcome.promoted else [])
    flash(_("Your place is cancelled.") if was == CONFIRMED else _("You have left the waiting list."), "success")
    return redirect(url_for("journeys.show", lab_id=lab.id, visit_id=visit.id))


@bp.route("/labs/<int:lab_id>/journeys/mine")
@login_required
def mine(lab_id):
    """List the person's own visits and waiting-list places, with their calendar address."""
    lab, membership = load_lab(lab_id)
    rows = signups.signups_of_member(membership.id)
    return render_template("journeys/mine.html", lab=lab, membership=membership, rows=rows,
                           positions=signups.waitlist_positions(rows),
                           feed=service.calendar_feed_of(membership.id), form=ConfirmForm(), link=None)


@bp.route("/labs/<int:lab_id>/journeys/calendar", methods=["POST"])
@login_required
def calendar_link(lab_id):
    """Make the person's secret calendar address and show it once."""
    lab, membership = load_lab(lab_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    token = service.new_calendar_token(membership.id)
    db.session.commit()
    rows = signups.signups_of_member(membership.id)
    return render_template("journeys/mine.html", lab=lab, membership=membership, rows=rows,
                           positions=signups.waitlist_positions(rows),
                           feed=service.calendar_feed_of(membership.id), form=ConfirmForm(),
                           link=url_for("journeys.calendar_feed", token=token, _external=True))


@bp.route("/labs/<int:lab_id>/journeys/<int:visit_id>/debrief", methods=["GET", "POST"])
@login_required
def debrief(lab_id, visit_id):
    """Write what you saw, felt and thought after the visit; share it with the group or keep it."""
    lab, membership, visit = load_visit(lab_id, visit_id)
    if not service.may_debrief(visit, membership.id):
        abort(403)
    own = service.debrief_of(visit, membership.id)
    if request.method == "GET":
        form = DebriefForm(formdata=None, obj=own)
        if own is not None:
            form.shared.data = "shared" if own.shared else "private"
    else:
        form = DebriefForm()
    if form.validate_on_submit():
        service.save_debrief(visit, membership.id, saw=form.saw.data or "", felt=form.felt.data or "",
                             thought=form.thought.data or "", shared=form.shared.data == "shared")
        db.session.commit()
        flash(_("Thank you. Your debrief is saved.") if form.shared.data == "shared"
              else _("Thank you. Your debrief is saved, and only you can read it."), "success")
        return redirect(url_for("journeys.show", lab_id=lab.id, visit_id=visit.id))
    return render_template("journeys/debrief.html", lab=lab, membership=membership, visit=visit, form=form,
                           text=service.localised(visit, reader_locale()))


@bp.route("/labs/<int:lab_id>/journeys/debriefs")
@login_required
def room(lab_id):
    """Gather the shared debriefs by visit, for the Retreat workshop room (no names)."""
    lab, membership = load_lab(lab_id)
    return render_template("journeys/room.html", lab=lab, membership=membership,
                           groups=service.shared_debriefs(lab))


@bp.route("/labs/<int:lab_id>/journeys/<int:visit_id>/signups")
@login_required
def signup_list(lab_id, visit_id):
    """Show organisers who is going and who is waiting, with their support needs."""
    lab, membership, visit = load_visit(lab_id, visit_id, *ORGANISERS)
    return render_template("journeys/signups.html", lab=lab, membership=membership, visit=visit,
                           confirmed=signups.confirmed(visit, with_people=True),
                           waiting=signups.waitlist(visit, with_people=True))


@bp.route("/labs/<int:lab_id>/journeys/<int:visit_id>/signups.csv")
@login_required
def signup_csv(lab_id, visit_id):
    """Download the visit's sign-up list (facilitators)."""
    lab, _membership, visit = load_visit(lab_id, visit_id, FACILITATOR)
    rows = []
    for signup in signups.confirmed(visit, with_people=True):
        rows.append(_csv_row(signup, ""))
    for position, signup in enumerate(signups.waitlist(visit, with_people=True), start=1):
        rows.append(_csv_row(signup, position))
    text = write_csv([_("Name"), _("Email"), _("Sector"), _("Status"), _("Place on the waiting list"),
                      _("Support needs"), _("Signed up at (UTC)")], rows)
    return csv_response(text, f"visit-{visit.id}-signups.csv")


def _csv_row(signup, position):
    member = signup.membership
    needs = "; ".join(str(SUPPORT_NEEDS.get(code, code)) for code in member.support_needs or [])
    return [member.user.name, member.user.email or "", str(member.lab.sectors.get(member.sector, member.sector or "")),
            str(SIGNUP_STATUSES[signup.status]), position, needs, signup.queued_at.strftime("%Y-%m-%d %H:%M:%S")]
