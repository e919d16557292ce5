"""Serve preference rounds: people rank visits, organisers allocate mixed groups, adjust and publish."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date, format_time
from flask_babel import gettext as _
from flask_login import login_required
from wtforms.fields.choices import SelectChoice

from labapp.extensions import db
from labapp.forms import ConfirmForm
from labapp.labs.access import load_lab

from . import rounds, service
from .access import ORGANISERS, load_round
from .constants import ROUND_CLOSED, ROUND_OPEN, ROUND_STATUSES
from .forms import PreferenceForm, RoundForm
from .views import bp, reader_locale



def _problem_text(code: str) -> str:
    return {
        "not_open": _("The round is closed: choices can no longer change."),
        "published": _("The round is published: change people's sign-ups on each visit instead."),
        "not_allocated": _("Run the allocation first."),
        "full": _("That visit has no free place left. Move someone out of it first."),
        "unknown_person": _("That person did not take part in the round."),
        "unknown_visit": _("That visit is not part of the round."),
    }.get(code, code)


def _visit_label(visit) -> str:
    text = service.localised(visit, reader_locale())
    return _("%(title)s (%(day)s, %(time)s)", title=text.title, day=format_date(visit.day, "EEE d MMM"),
             time=format_time(visit.starts, "short"))


@bp.route("/labs/<int:lab_id>/journeys/rounds/")
@login_required
def rounds_index(lab_id):
    """List the preference rounds."""
    lab, membership = load_lab(lab_id)
    return render_template("journeys/rounds.html", lab=lab, membership=membership, rounds=rounds.rounds_of(lab),
                           ROUND_STATUSES=ROUND_STATUSES, organiser=membership.has_role(*ORGANISERS))


@bp.route("/labs/<int:lab_id>/journeys/rounds/new", methods=["GET", "POST"])
@login_required
def round_new(lab_id):
    """Open a round: choose the visits people rank."""
    lab, membership = load_lab(lab_id, *ORGANISERS)
    form = RoundForm()
    visits = [v for v in service.visits_of(lab, organiser=True) if v.status != "cancelled"]
    form.visits.choices = [SelectChoice(v.id, _visit_label(v)) for v in visits]
    if request.method == "GET":
        form.visits.data = [v.id for v in visits if v.status in ("open", "draft")]
    if form.validate_on_submit():
        round_ = rounds.create_round(lab, form.title.data, form.visits.data)
        db.session.commit()
        flash(_("The round is open. Tell participants to rank up to three visits."), "success")
        return redirect(url_for("journeys.round_show", lab_id=lab.id, round_id=round_.id))
    return render_template("journeys/round_form.html", lab=lab, membership=membership, form=form)


@bp.route("/labs/<int:lab_id>/journeys/rounds/<int:round_id>/")
@login_required
def round_show(lab_id, round_id):
    """Participants rank visits; organisers see the allocation, explained, and adjust it."""
    lab, membership, round_ = load_round(lab_id, round_id)
    organiser = membership.has_role(*ORGANISERS)
    visits = rounds.visits_of_round(round_)
    chosen = rounds.choices_of(round_, membership.id)
    form = PreferenceForm(formdata=None, first=chosen[0] if chosen else 0,
                          second=chosen[1] if len(chosen) > 1 else 0, third=chosen[2] if len(chosen) > 2 else 0)
    _set_choices(form, visits)
    explanation = rounds.explain(round_) if organiser else None
    return render_template("journeys/round.html", lab=lab, membership=membership, round_=round_, visits=visits,
                           organiser=organiser, form=form, chosen=chosen, explanation=explanation,
                           confirm=ConfirmForm(), ROUND_STATUSES=ROUND_STATUSES, visit_label=_visit_label,
                           people=_count_people(round_) if organiser else 0)


def _count_people(round_) -> int:
    from sqlalchemy import func, select

    from .models import Preference
    return db.session.scalar(select(func.count(func.distinct(Preference.membership_id)))
                             .where(Preference.round_id == round_.id))


def _set_choices(form, visits):
    options = [SelectChoice(0, _("No choice"))] + [SelectChoice(v.id, _visit_label(v)) for v in visits]
    form.first.choices = form.second.choices = form.third.choices = options


@bp.route("/labs/<int:lab_id>/journeys/rounds/<int:round_id>/choose", methods=["POST"])
@login_required
def round_choose(lab_id, round_id):
    """Save the person's first, second and third choices."""
    lab, membership, round_ = load_round(lab_id, round_id)
    form = PreferenceForm()
    visits = rounds.visits_of_round(round_)
    _set_choices(form, visits)
    if form.validate_on_submit():
        try:
            rounds.set_choices(round_, membership.id, [form.first.data, form.second.data, form.third.data])
        except rounds.RoundProblem as problem:
            db.session.rollback()
            flash(_problem_text(str(problem)), "error")
        else:
            db.session.commit()
            flash(_("Your choices are saved. You will hear which visit is yours when the round is published."),
                  "success")
        return redirect(url_for("journeys.round_show", lab_id=lab.id, round_id=round_.id))
    return render_template("journeys/round.html", lab=lab, membership=membership, round_=round_, visits=visits,
                           organiser=False, form=form, chosen=[], explanation=None, confirm=ConfirmForm(),
                           ROUND_STATUSES=ROUND_STATUSES, visit_label=_visit_label, people=0)


def _organiser_action(lab_id, round_id):
    lab, membership, round_ = load_round(lab_id, round_id, *ORGANISERS)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return lab, membership, round_


@bp.route("/labs/<int:lab_id>/journeys/rounds/<int:round_id>/status", methods=["POST"])
@login_required
def round_status(lab_id, round_id):
    """Open or close the round for choosing."""
    lab, _membership, round_ = _organiser_action(lab_id, round_id)
    status = ROUND_OPEN if request.form.get("status") == ROUND_OPEN else ROUND_CLOSED
    try:
        rounds.set_status(round_, status)
    except rounds.RoundProblem as problem:
        flash(_problem_text(str(problem)), "error")
    else:
        db.session.commit()
    return redirect(url_for("journeys.round_show", lab_id=lab.id, round_id=round_.id))


@bp.route("/labs/<int:lab_id>/journeys/rounds/<int:round_id>/allocate", methods=["POST"])
@login_required
def round_allocate(lab_id, round_id):
    """Close the round and run the allocation (again, if asked: hand moves are replaced)."""
    lab, _membership, round_ = _organiser_action(lab_id, round_id)
    try:
        rounds.run_allocation(round_)
    except rounds.RoundProblem as problem:
        flash(_problem_text(str(problem)), "error")
    else:
        db.session.commit()
        flash(_("Allocation done. Check the groups below, move people if needed, then publish."), "success")
    return redirect(url_for("journeys.round_show", lab_id=lab.id, round_id=round_.id) + "#allocation")


@bp.route("/labs/<int:lab_id>/journeys/rounds/<int:round_id>/move", methods=["POST"])
@login_required
def round_move(lab_id, round_id):
    """Move one person to another visit by hand."""
    lab, _membership, round_ = _organiser_action(lab_id, round_id)
    try:
        member_id = int(request.form.get("member", ""))
        target = request.form.get("visit", "")
        visit_id = int(target) if target else None
    except ValueError:
        abort(400)
    try:
        rounds.move(round_, member_id, visit_id)
    except rounds.RoundProblem as problem:
        flash(_problem_text(str(problem)), "error")
    else:
        db.session.commit()
        flash(_("Moved."), "success")
    return redirect(url_for("journeys.round_show", lab_id=lab.id, round_id=round_.id) + "#allocation")


@bp.route("/labs/<int:lab_id>/journeys/rounds/<int:round_id>/publish", methods=["POST"])
@login_required
def round_publish(lab_id, round_id):
    """Give everyone placed a confirmed sign-up and tell them."""
    lab, _membership, round_ = _organiser_action(lab_id, round_id)
    try:
        result = rounds.publish(round_)
    except rounds.RoundProblem as problem:
        flash(_problem_text(str(problem)), "error")
        return redirect(url_for("journeys.round_show", lab_id=lab.id, round_id=round_.id))
    db.session.commit()
    flash(_("Published: %(confirmed)s people have a confirmed place.", confirmed=len(result.confirmed)), "success")
    if result.waitlisted or result.refused:
        flash(_("%(num)s people could not be given their place (the visit filled up, or it overlaps another of "
                "their visits): see each visit's list.", num=len(result.waitlisted) + len(result.refused)), "warning")
    return redirect(url_for("journeys.round_show", lab_id=lab.id, round_id=round_.id))
