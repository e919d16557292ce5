"""Serve lessons learnt: add one in an open session, edit, move between kinds, remove, the lab's list and CSV."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from labapp.csvfiles import csv_response, write_csv
from labapp.extensions import db
from labapp.forms import ConfirmForm
from labapp.labs.access import load_lab

from . import service
from .access import ORGANISERS, load_lesson, load_session
from .constants import KINDS, PER_PAGE
from .forms import LessonFilterForm, LessonForm
from .views import bp, lesson_form_choices, show_page


def _prototype(lab, form: LessonForm):
    from labapp.prototypes.models import Prototype

    if not form.prototype_id.data:
        return None
    prototype = db.session.get(Prototype, int(form.prototype_id.data))
    return prototype if prototype is not None and prototype.lab_id == lab.id else None


def _lesson_values(lab, form: LessonForm) -> dict:
    return {"text": form.text.data, "kind": form.kind.data, "stage": form.stage.data or None,
            "prototype": _prototype(lab, form)}


@bp.route("/labs/<int:lab_id>/practice/<int:session_id>/", methods=["POST"])
@login_required
def add_lesson(lab_id, session_id):
    """Record a lesson (any member, while the session is open)."""
    lab, membership, session = load_session(lab_id, session_id)
    if not session.is_open:
        flash(_("This session is closed, so no new lessons can be added."), "error")
        return redirect(url_for("practice.show", lab_id=lab.id, session_id=session.id)), 303
    form = LessonForm()
    lesson_form_choices(form, lab)
    if not form.validate_on_submit():
        return show_page(lab, membership, session, form, status=400)
    service.add_lesson(session, membership, **_lesson_values(lab, form))
    db.session.commit()
    flash(_("Thank you. Your lesson is on the screen."), "success")
    return redirect(url_for("practice.show", lab_id=lab.id, session_id=session.id) + "#add-lesson")


@bp.route("/labs/<int:lab_id>/practice/<int:session_id>/lessons/<int:lesson_id>/edit", methods=["GET", "POST"])
@login_required
def edit_lesson(lab_id, session_id, lesson_id):
    """Change a lesson: organisers at any time, its author while the session is open."""
    lab, membership, session, lesson = load_lesson(lab_id, session_id, lesson_id, edit=True)
    if request.method == "GET":
        form = LessonForm(formdata=None, kind=lesson.kind, text=lesson.text, stage=lesson.stage or "",
                          prototype_id=str(lesson.prototype_id or ""))
    else:
        form = LessonForm()
    lesson_form_choices(form, lab)
    if form.validate_on_submit():
        service.update_lesson(lesson, **_lesson_values(lab, form))
        db.session.commit()
        flash(_("Changes saved."), "success")
        return redirect(url_for("practice.show", lab_id=lab.id, session_id=session.id) + f"#lesson-{lesson.id}")
    return render_template("practice/lesson_form.html", lab=lab, membership=membership, session=session,
                           lesson=lesson, form=form), 400 if form.errors else 200


@bp.route("/labs/<int:lab_id>/practice/<int:session_id>/lessons/<int:lesson_id>/move", methods=["POST"])
@login_required
def move_lesson(lab_id, session_id, lesson_id):
    """Move a lesson to another kind (organisers)."""
    lab, membership, session, lesson = load_lesson(lab_id, session_id, lesson_id)
    if not membership.has_role(*ORGANISERS):
        abort(403)
    kind = request.form.get("kind")
    if not ConfirmForm().validate_on_submit() or kind not in KINDS:
        abort(400)
    service.move_lesson(lesson, kind)
    db.session.commit()
    flash(_("Lesson moved to “%(kind)s”.", kind=KINDS[kind]), "success")
    return redirect(url_for("practice.show", lab_id=lab.id, session_id=session.id) + f"#lesson-{lesson.id}")


@bp.route("/labs/<int:lab_id>/practice/<int:session_id>/lessons/<int:lesson_id>/delete", methods=["GET", "POST"])
@login_required
def delete_lesson(lab_id, session_id, lesson_id):
    """Ask, then remove a lesson."""
    lab, membership, session, lesson = load_lesson(lab_id, session_id, lesson_id, edit=True)
    form = ConfirmForm()
    if form.validate_on_submit():
        service.remove_lesson(lesson)
        db.session.commit()
        flash(_("The lesson is removed."), "success")
        return redirect(url_for("practice.show", lab_id=lab.id, session_id=session.id))
    return render_template("practice/lesson_delete.html", lab=lab, membership=membership, session=session,
                           lesson=lesson, form=form)


def _filters():
    form = LessonFilterForm(request.args)
    form.validate()
    kind = form.kind.data if form.kind.data in KINDS and not form.kind.errors else None
    stage = form.stage.data if form.stage.data and not form.stage.errors else None
    return form, kind, stage


@bp.route("/labs/<int:lab_id>/practice/lessons/")
@login_required
def lessons(lab_id):
    """List the lab's lessons across sessions, filtered by kind and stage."""
    lab, membership = load_lab(lab_id)
    form, kind, stage = _filters()
    page = db.paginate(service.lessons_query(lab, kind=kind, stage=stage), per_page=PER_PAGE, error_out=False)
    return render_template("practice/lessons.html", lab=lab, membership=membership, form=form, page=page,
                           filtered=bool(kind or stage))


@bp.route("/labs/<int:lab_id>/practice/lessons.csv")
@login_required
def lessons_csv(lab_id):
    """Download the lab's lessons (as filtered) as a CSV file."""
    lab, _membership = load_lab(lab_id)
    _form, kind, stage = _filters()
    columns = [_("Session"), _("Date"), _("Kind"), _("Stage"), _("Prototype"), _("Lesson"), _("Written by")]
    return csv_response(write_csv(columns, service.csv_rows(lab, kind=kind, stage=stage)),
                        f"lessons-lab-{lab.id}.csv")
