"""Serve PDSA cycles: start the next one, read it, fill it in (with autosave), delete it."""
from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from labapp.extensions import db
from labapp.forms import ConfirmForm

from . import service
from .access import can_edit, load_cycle, load_prototype
from .forms import CycleForm
from .models import CYCLE_TEXT_FIELDS
from .views import bp



def _conflict_message() -> str:
    return _("Someone else in the team saved this cycle while you were writing. Your text is still in the form and "
             "was not saved. Compare it with their version, then save again.")


def _cycle_values(form: CycleForm) -> dict:
    values = {name: form[name].data or "" for name in CYCLE_TEXT_FIELDS}
    values["act_decision"] = form.act_decision.data or ""
    return values


@bp.route("/labs/<int:lab_id>/prototypes/<int:prototype_id>/cycles/new", methods=["POST"])
@login_required
def cycle_start(lab_id, prototype_id):
    """Open the next weekly cycle and go to its form."""
    lab, _membership, prototype = load_prototype(lab_id, prototype_id, edit=True)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("prototypes.show", lab_id=lab.id, prototype_id=prototype.id))
    for attempt in range(3):
        try:
            cycle = service.start_cycle(prototype, current_user)
            db.session.commit()
            break
        except IntegrityError:  # someone else opened a cycle at the same moment: number the next one
            db.session.rollback()
            if attempt == 2:
                raise
    flash(_("Cycle %(number)s started. Fill in the plan; it saves as you type.", number=cycle.number), "success")
    return redirect(url_for("prototypes.cycle_edit", lab_id=lab.id, prototype_id=prototype.id, cycle_id=cycle.id))


@bp.route("/labs/<int:lab_id>/prototypes/<int:prototype_id>/cycles/<int:cycle_id>/")
@login_required
def cycle_show(lab_id, prototype_id, cycle_id):
    """Show a cycle's plan, do, study and act."""
    lab, membership, prototype = load_prototype(lab_id, prototype_id)
    cycle = load_cycle(prototype, cycle_id)
    return render_template("prototypes/cycle.html", lab=lab, membership=membership, prototype=prototype, cycle=cycle,
                           editor=can_edit(prototype, membership))


@bp.route("/labs/<int:lab_id>/prototypes/<int:prototype_id>/cycles/<int:cycle_id>/edit", methods=["GET", "POST"])
@login_required
def cycle_edit(lab_id, prototype_id, cycle_id):
    """Fill in a cycle. Without JavaScript the button saves; with it, the draft also saves as people type."""
    lab, membership, prototype = load_prototype(lab_id, prototype_id, edit=True)
    cycle = load_cycle(prototype, cycle_id)
    if request.method == "GET":
        form = CycleForm(obj=cycle, version=str(cycle.version))
    else:
        form = CycleForm()
    theirs = None
    if form.validate_on_submit():
        try:
            service.save_cycle(cycle, int(form.version.data), _cycle_values(form), current_user)
        except service.StaleCycle as stale:
            db.session.rollback()
            theirs = stale.cycle
            db.session.refresh(theirs)
            # They have now seen the other version: saving again keeps what they chose.
            form.version.data = str(theirs.version)
        else:
            db.session.commit()
            flash(_("Cycle %(number)s saved.", number=cycle.number), "success")
            return redirect(url_for("prototypes.cycle_show", lab_id=lab.id, prototype_id=prototype.id,
                                    cycle_id=cycle.id))
    return render_template("prototypes/cycle_form.html", lab=lab, membership=membership, prototype=prototype,
                           cycle=cycle, form=form, theirs=theirs,
                           conflict_message=_conflict_message() if theirs is not None else None)


@bp.route("/labs/<int:lab_id>/prototypes/<int:prototype_id>/cycles/<int:cycle_id>/autosave", methods=["POST"])
@login_required
def cycle_autosave(lab_id, prototype_id, cycle_id):
    """Save a draft sent by the page's script; answer JSON. A stale version is refused with 409, nothing saved."""
    _lab, _membership, prototype = load_prototype(lab_id, prototype_id, edit=True)
    cycle = load_cycle(prototype, cycle_id)
    form = CycleForm()
    if not form.validate_on_submit():
        return jsonify(status="invalid", message=_("The draft could not be saved. Use the Save button."),
                       errors={name: [str(e) for e in errors] for name, errors in form.errors.items()}), 400
    try:
        version = service.save_cycle(cycle, int(form.version.data), _cycle_values(form), current_user)
    except service.StaleCycle as stale:
        db.session.rollback()
        return jsonify(status="conflict", version=stale.cycle.version,
                       message=_("Someone else in the team saved this cycle while you were writing. Your text is "
                                 "still here but not saved. Press Save to compare it with their version."),
                       reload_url=url_for("prototypes.cycle_edit", lab_id=lab_id, prototype_id=prototype.id,
                                          cycle_id=cycle.id)), 409
    db.session.commit()
    return jsonify(status="saved", version=version, state=cycle.state,
                   message=_("Draft saved at %(time)s.", time=format_datetime(cycle.updated_at, "short")))


@bp.route("/labs/<int:lab_id>/prototypes/<int:prototype_id>/cycles/<int:cycle_id>/delete", methods=["GET", "POST"])
@login_required
def cycle_delete(lab_id, prototype_id, cycle_id):
    """Ask, then delete a cycle."""
    lab, membership, prototype = load_prototype(lab_id, prototype_id, edit=True)
    cycle = load_cycle(prototype, cycle_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        number = cycle.number
        service.delete_cycle(cycle)
        db.session.commit()
        flash(_("Cycle %(number)s is deleted.", number=number), "success")
        return redirect(url_for("prototypes.show", lab_id=lab.id, prototype_id=prototype.id))
    return render_template("prototypes/cycle_delete.html", lab=lab, membership=membership, prototype=prototype,
                           cycle=cycle, form=form)
