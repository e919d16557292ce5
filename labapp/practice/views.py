"""Serve review sessions: the list, plan, change, close and delete, the session page and the room view.

Lessons (add, edit, move, remove, the lab-wide list and its CSV) are in lesson_views.py, on this blueprint.
"""
from datetime import date

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import login_required

from labapp.challenge.constants import DECISIONS
from labapp.extensions import db
from labapp.forms import ConfirmForm
from labapp.labs.access import load_lab
from labapp.labs.constants import STAGES
from labapp.prototypes.constants import STATUSES as PROTOTYPE_STATUSES
from labapp.workshops.views import clock

from . import service
from .access import ORGANISERS, can_edit_lesson, is_organiser, load_session
from .constants import CLOSED, KINDS, OPEN, PER_PAGE, SESSION_STATUSES
from .forms import LessonForm, SessionForm

bp = Blueprint("practice", __name__)


@bp.context_processor
def _helpers():
    return {"clock": clock, "KINDS": KINDS, "STAGES": STAGES, "SESSION_STATUSES": SESSION_STATUSES, "is_organiser": is_organiser,
            "can_edit_lesson": can_edit_lesson, "PROTOTYPE_STATUSES": PROTOTYPE_STATUSES,
            "DECISIONS": DECISIONS}


def _session_values(form: SessionForm) -> dict:
    return {"title": form.title.data, "held_on": form.held_on.data, "starts": form.starts.data,
            "place": form.place.data or "", "purpose": form.purpose.data or ""}


@bp.route("/labs/<int:lab_id>/practice/")
@login_required
def index(lab_id):
    """List the lab's review sessions: upcoming first, then past."""
    lab, membership = load_lab(lab_id)
    today = date.today()
    page = db.paginate(service.sessions_query(lab, today), per_page=PER_PAGE, error_out=False)
    counts = service.lesson_counts([s.id for s in page.items])
    return render_template("practice/index.html", lab=lab, membership=membership, page=page, counts=counts,
                           today=today)


@bp.route("/labs/<int:lab_id>/practice/new", methods=["GET", "POST"])
@login_required
def create(lab_id):
    """Plan a review session (facilitators and the design team)."""
    lab, membership = load_lab(lab_id, *ORGANISERS)
    form = SessionForm()
    if form.validate_on_submit():
        session = service.create_session(lab, **_session_values(form))
        db.session.commit()
        flash(_("Session planned. On the day, open the room view on the projector."), "success")
        return redirect(url_for("practice.show", lab_id=lab.id, session_id=session.id))
    return render_template("practice/session_form.html", lab=lab, membership=membership, form=form, session=None)


@bp.route("/labs/<int:lab_id>/practice/<int:session_id>/edit", methods=["GET", "POST"])
@login_required
def edit(lab_id, session_id):
    """Change a session's details."""
    lab, membership, session = load_session(lab_id, session_id, *ORGANISERS)
    form = SessionForm(obj=session) if request.method == "GET" else SessionForm()
    if form.validate_on_submit():
        service.update_session(session, **_session_values(form))
        db.session.commit()
        flash(_("Changes saved."), "success")
        return redirect(url_for("practice.show", lab_id=lab.id, session_id=session.id))
    return render_template("practice/session_form.html", lab=lab, membership=membership, form=form, session=session)


@bp.route("/labs/<int:lab_id>/practice/<int:session_id>/delete", methods=["GET", "POST"])
@login_required
def delete(lab_id, session_id):
    """Ask, then delete a session with its lessons."""
    lab, membership, session = load_session(lab_id, session_id, *ORGANISERS)
    form = ConfirmForm()
    if form.validate_on_submit():
        service.delete_session(session)
        db.session.commit()
        flash(_("The session and its lessons are deleted."), "success")
        return redirect(url_for("practice.index", lab_id=lab.id))
    count = service.lesson_counts([session.id]).get(session.id, 0)
    return render_template("practice/session_delete.html", lab=lab, membership=membership, session=session,
                           form=form, count=count)


@bp.route("/labs/<int:lab_id>/practice/<int:session_id>/status", methods=["POST"])
@login_required
def set_status(lab_id, session_id):
    """Close a session to new lessons, or open it again."""
    lab, _membership, session = load_session(lab_id, session_id, *ORGANISERS)
    status = request.form.get("status")
    if not ConfirmForm().validate_on_submit() or status not in (OPEN, CLOSED):
        abort(400)
    service.set_status(session, status)
    db.session.commit()
    flash(_("The session is closed: no new lessons can be added.") if status == CLOSED
          else _("The session is open again: members can add lessons."), "success")
    return redirect(url_for("practice.show", lab_id=lab.id, session_id=session.id))


def lesson_form_choices(form: LessonForm, lab) -> None:
    """Fill a lesson form's lists with the lab's stages and prototypes."""
    from labapp.prototypes.service import prototypes_of

    form.set_choices(sorted(prototypes_of(lab), key=lambda p: p.name.casefold()))


def show_page(lab, membership, session, form, status=200):
    """Render the session page with a lesson form (kept as typed after a problem)."""
    return render_template("practice/session.html", lab=lab, membership=membership, session=session, form=form,
                           grouped=service.lessons_by_kind(session), confirm_form=ConfirmForm()), status


@bp.route("/labs/<int:lab_id>/practice/<int:session_id>/")
@login_required
def show(lab_id, session_id):
    """Show a session: its details, the form to add a lesson while it is open, and the lessons so far."""
    lab, membership, session = load_session(lab_id, session_id)
    form = LessonForm(formdata=None)
    lesson_form_choices(form, lab)
    return show_page(lab, membership, session, form)


@bp.route("/labs/<int:lab_id>/practice/<int:session_id>/room")
@login_required
def room(lab_id, session_id):
    """Show the room view for the projector: the lab's learning and the lessons so far, updated live."""
    lab, membership, session = load_session(lab_id, session_id)
    return render_template("practice/room.html", lab=lab, membership=membership, session=session,
                           learning=service.learning_for(lab), grouped=service.lessons_by_kind(session))


@bp.route("/labs/<int:lab_id>/practice/<int:session_id>/room.json")
@login_required
def room_data(lab_id, session_id):
    """Answer the room view's poll: the session's state and its lessons grouped by kind."""
    _lab, _membership, session = load_session(lab_id, session_id)
    grouped = service.lessons_by_kind(session)
    response = jsonify({
        "status": session.status,
        "total": sum(len(lessons) for lessons in grouped.values()),
        "kinds": {kind: [{"id": lesson.id, "text": lesson.text,
                          "stage": str(STAGES[lesson.stage]) if lesson.stage in STAGES else "",
                          "prototype": lesson.prototype.name if lesson.prototype else ""}
                         for lesson in lessons]
                  for kind, lessons in grouped.items()},
    })
    response.headers["Cache-Control"] = "private, no-store"
    return response


from . import lesson_views  # noqa: F401 - its routes join this blueprint
