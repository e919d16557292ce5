"""Serve programmes: the list, create, edit, delete, the labs in one, and the side-by-side comparison."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from labapp.extensions import db
from labapp.forms import ConfirmForm
from labapp.i18n import enabled_languages
from labapp.labs.access import load_lab, owned_or_404

from . import compare, service
from .access import can_delete, can_edit, facilitates, load_programme
from .forms import AddLabForm, NewProgrammeForm, ProgrammeForm
from .models import ProgrammeLab

bp = Blueprint("programmes", __name__, url_prefix="/programmes")
PER_PAGE = 20


@bp.route("/")
@login_required
def index():
    """List the programmes the person can see (those of one lab when `lab` is given)."""
    lab = None
    if request.args.get("lab", type=int):
        lab, _membership = load_lab(request.args.get("lab", type=int))
    page = db.paginate(service.visible_programmes(current_user, lab.id if lab else None), per_page=PER_PAGE,
                       error_out=False)
    facilitated = service.facilitated_labs(current_user)
    return render_template("programmes/index.html", page=page, lab=lab, facilitated=facilitated,
                           memberships=service.memberships_of(current_user))


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    """Start a programme with one of the person's own labs."""
    labs = service.facilitated_labs(current_user)
    if not labs:
        abort(403)
    form = NewProgrammeForm()
    form.set_labs(labs)
    if request.method == "GET" and request.args.get("lab", type=int):
        form.lab_id.data = request.args.get("lab", type=int)
    if form.validate_on_submit():
        lab = next(lab for lab in labs if lab.id == form.lab_id.data)
        programme = service.create_programme(name=form.name.data, description=form.description.data or "",
                                             creator=current_user, lab=lab)
        db.session.commit()
        flash(_("Programme created. The facilitators of the other labs can now add their lab to it."), "success")
        return redirect(url_for("programmes.labs", programme_id=programme.id))
    return render_template("programmes/form.html", form=form, programme=None)


@bp.route("/<int:programme_id>/")
@login_required
def show(programme_id):
    """Compare the programme's labs side by side, one column per lab."""
    programme, memberships = load_programme(programme_id)
    snapshots = service.snapshots(programme, get_locale().language)
    return render_template("programmes/show.html", programme=programme, memberships=memberships,
                           snapshots=snapshots, sections=compare.comparison(snapshots),
                           editor=can_edit(programme, memberships), deleter=can_delete(programme, memberships),
                           report_languages=enabled_languages())


@bp.route("/<int:programme_id>/edit", methods=["GET", "POST"])
@login_required
def edit(programme_id):
    """Change the programme's name and description."""
    programme, memberships = load_programme(programme_id)
    if not can_edit(programme, memberships):
        abort(403)
    form = ProgrammeForm(obj=programme)
    if form.validate_on_submit():
        service.update_programme(programme, name=form.name.data, description=form.description.data or "")
        db.session.commit()
        flash(_("Changes saved."), "success")
        return redirect(url_for("programmes.show", programme_id=programme.id))
    return render_template("programmes/form.html", form=form, programme=programme)


@bp.route("/<int:programme_id>/delete", methods=["GET", "POST"])
@login_required
def delete(programme_id):
    """Ask, then delete the grouping; the labs stay."""
    programme, memberships = load_programme(programme_id)
    if not can_delete(programme, memberships):
        abort(403)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = programme.name
        service.delete_programme(programme)
        db.session.commit()
        flash(_("The programme %(name)s is deleted. Its labs are as they were.", name=name), "success")
        return redirect(url_for("programmes.index"))
    return render_template("programmes/delete.html", programme=programme, form=form)


@bp.route("/<int:programme_id>/labs", methods=["GET", "POST"])
@login_required
def labs(programme_id):
    """Show the programme's labs and add one of the person's own."""
    programme, memberships = load_programme(programme_id)
    inside = {row.lab_id for row in programme.lab_rows}
    addable = [lab for lab in service.facilitated_labs(current_user) if lab.id not in inside]
    form = AddLabForm()
    form.set_labs(addable)
    if request.method == "POST":
        if not addable:
            abort(403)
        if form.validate_on_submit():
            lab = next(lab for lab in addable if lab.id == form.lab_id.data)
            service.add_lab(programme, lab)
            db.session.commit()
            flash(_("%(lab)s is now in the programme.", lab=lab.name), "success")
            return redirect(url_for("programmes.labs", programme_id=programme.id))
    return render_template("programmes/labs.html", programme=programme, memberships=memberships, form=form,
                           addable=addable, facilitates=facilitates, confirm=ConfirmForm())


@bp.route("/<int:programme_id>/labs/<int:lab_id>/remove", methods=["GET", "POST"])
@login_required
def remove_lab(programme_id, lab_id):
    """Ask, then take a lab out of the programme; only that lab's facilitators may."""
    programme, memberships = load_programme(programme_id)
    row = owned_or_404(ProgrammeLab, _row_id(programme, lab_id), programme_id=programme.id)
    if not facilitates(memberships, lab_id):
        abort(403)
    form = ConfirmForm()
    if len(programme.lab_rows) == 1:
        flash(_("This is the programme's only lab. To end the programme, delete it instead."), "error")
        return redirect(url_for("programmes.labs", programme_id=programme.id))
    if form.validate_on_submit():
        name = row.lab.name
        service.remove_lab(programme, lab_id)
        db.session.commit()
        flash(_("%(lab)s has left the programme. The lab itself is unchanged.", lab=name), "success")
        return redirect(url_for("programmes.index"))
    return render_template("programmes/remove_lab.html", programme=programme, lab=row.lab, form=form)


def _row_id(programme, lab_id: int) -> int:
    """Return the id of the lab's row in this programme, or 0 (which no row has)."""
    return next((row.id for row in programme.lab_rows if row.lab_id == lab_id), 0)

from . import report_views  # noqa: E402,F401 - the programme report's routes join this blueprint
