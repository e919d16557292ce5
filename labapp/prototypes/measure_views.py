"""Serve a prototype's measures: define them, enter and import values, see the run chart, download CSV."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import format_number, ngettext
from flask_babel import gettext as _
from flask_login import login_required

from labapp.csvfiles import CsvProblems, csv_response, write_csv
from labapp.extensions import db
from labapp.forms import ConfirmForm

from . import measures
from .access import can_edit, load_measure, load_prototype, load_value
from .chart import run_chart
from .forms import ImportForm, MeasureForm, ValueForm
from .views import bp


def _measure_values(form: MeasureForm) -> dict:
    return {"name": form.name.data, "definition": form.definition.data or "", "kind": form.kind.data,
            "unit": form.unit.data or "", "direction": form.direction.data, "goal": form.goal.data,
            "baseline_points": form.baseline_points.data}


@bp.route("/labs/<int:lab_id>/prototypes/<int:prototype_id>/measures/new", methods=["GET", "POST"])
@login_required
def measure_create(lab_id, prototype_id):
    """Add a measure to the prototype."""
    lab, membership, prototype = load_prototype(lab_id, prototype_id, edit=True)
    form = MeasureForm()
    if form.validate_on_submit():
        measure = measures.create_measure(prototype, **_measure_values(form))
        db.session.commit()
        flash(_("Measure added. Enter its first value below."), "success")
        return redirect(url_for("prototypes.measure_show", lab_id=lab.id, prototype_id=prototype.id,
                                measure_id=measure.id))
    return render_template("prototypes/measure_form.html", lab=lab, membership=membership, prototype=prototype,
                           form=form, measure=None)


def _measure_page(lab, membership, prototype, measure, value_form=None, status=200):
    editor = can_edit(prototype, membership)
    rows, _values, _excluded = measures.series(measure)
    return render_template("prototypes/measure.html", lab=lab, membership=membership, prototype=prototype,
                           measure=measure, editor=editor, rows=rows, chart=run_chart(measure, prototype.cycles),
                           value_form=value_form or ValueForm(formdata=None), confirm_form=ConfirmForm()), status


@bp.route("/labs/<int:lab_id>/prototypes/<int:prototype_id>/measures/<int:measure_id>/")
@login_required
def measure_show(lab_id, prototype_id, measure_id):
    """Show a measure's run chart, what it says, and its values; the team can add a value."""
    lab, membership, prototype = load_prototype(lab_id, prototype_id)
    page = _measure_page(lab, membership, prototype, load_measure(prototype, measure_id))
    db.session.commit()  # keep the chart drawn for this page for every worker
    return page


@bp.route("/labs/<int:lab_id>/prototypes/<int:prototype_id>/measures/<int:measure_id>/edit",
          methods=["GET", "POST"])
@login_required
def measure_edit(lab_id, prototype_id, measure_id):
    """Change a measure's definition, kind, direction, goal or baseline."""
    lab, membership, prototype = load_prototype(lab_id, prototype_id, edit=True)
    measure = load_measure(prototype, measure_id)
    form = MeasureForm(obj=measure) if request.method == "GET" else MeasureForm()
    if form.validate_on_submit():
        measures.update_measure(measure, **_measure_values(form))
        db.session.commit()
        flash(_("Changes saved."), "success")
        return redirect(url_for("prototypes.measure_show", lab_id=lab.id, prototype_id=prototype.id,
                                measure_id=measure.id))
    return render_template("prototypes/measure_form.html", lab=lab, membership=membership, prototype=prototype,
                           form=form, measure=measure)


@bp.route("/labs/<int:lab_id>/prototypes/<int:prototype_id>/measures/<int:measure_id>/delete",
          methods=["GET", "POST"])
@login_required
def measure_delete(lab_id, prototype_id, measure_id):
    """Ask, then delete a measure with its values."""
    lab, membership, prototype = load_prototype(lab_id, prototype_id, edit=True)
    measure = load_measure(prototype, measure_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = measure.name
        measures.delete_measure(measure)
        db.session.commit()
        flash(_("The measure %(name)s is deleted.", name=name), "success")
        return redirect(url_for("prototypes.show", lab_id=lab.id, prototype_id=prototype.id))
    return render_template("prototypes/measure_delete.html", lab=lab, membership=membership, prototype=prototype,
                           measure=measure, form=form)


@bp.route("/labs/<int:lab_id>/prototypes/<int:prototype_id>/measures/<int:measure_id>/values", methods=["POST"])
@login_required
def value_add(lab_id, prototype_id, measure_id):
    """Record a week's value (a value for the same week replaces it)."""
    lab, membership, prototype = load_prototype(lab_id, prototype_id, edit=True)
    measure = load_measure(prototype, measure_id)
    form = ValueForm()
    if form.validate_on_submit() and form.check_for(measure.kind):
        proportion = measure.kind == "proportion"
        measures.set_value(measure, form.period.data, value=None if proportion else form.value.data,
                           numerator=form.numerator.data if proportion else None,
                           denominator=form.denominator.data if proportion else None,
                           note=form.note.data or "", excluded=form.excluded.data)
        db.session.commit()
        flash(_("Value saved."), "success")
        return redirect(url_for("prototypes.measure_show", lab_id=lab.id, prototype_id=prototype.id,
                                measure_id=measure.id) + "#chart")
    return _measure_page(lab, membership, prototype, measure, value_form=form, status=400)


@bp.route("/labs/<int:lab_id>/prototypes/<int:prototype_id>/measures/<int:measure_id>/values/<int:value_id>/delete",
          methods=["POST"])
@login_required
def value_delete(lab_id, prototype_id, measure_id, value_id):
    """Delete one value."""
    lab, _membership, prototype = load_prototype(lab_id, prototype_id, edit=True)
    measure = load_measure(prototype, measure_id)
    row = load_value(measure, value_id)
    if ConfirmForm().validate_on_submit():
        measures.delete_value(measure, row)
        db.session.commit()
        flash(_("Value deleted."), "success")
    return redirect(url_for("prototypes.measure_show", lab_id=lab.id, prototype_id=prototype.id,
                            measure_id=measure.id))


@bp.route("/labs/<int:lab_id>/prototypes/<int:prototype_id>/measures/<int:measure_id>/values.csv")
@login_required
def values_csv(lab_id, prototype_id, measure_id):
    """Download the measure's values as CSV (the same columns the import reads)."""
    _lab, _membership, prototype = load_prototype(lab_id, prototype_id)
    measure = load_measure(prototype, measure_id)
    return csv_response(measures.export_csv(measure), f"measure-{measure.id}-values.csv")


@bp.route("/labs/<int:lab_id>/prototypes/<int:prototype_id>/measures/template.csv")
@login_required
def values_template(lab_id, prototype_id):
    """Download an empty values file to fill in."""
    load_prototype(lab_id, prototype_id)
    return csv_response(write_csv(measures.CSV_COLUMNS, [["2027-04-05", 12, "", "", "", ""],
                                                         ["2027-04-12", "", 8, 20, "", ""]]),
                        "measure-values-template.csv")


@bp.route("/labs/<int:lab_id>/prototypes/<int:prototype_id>/measures/<int:measure_id>/import",
          methods=["GET", "POST"])
@login_required
def values_import(lab_id, prototype_id, measure_id):
    """Import values from CSV: every row is checked first; all rows go in, or none."""
    lab, membership, prototype = load_prototype(lab_id, prototype_id, edit=True)
    measure = load_measure(prototype, measure_id)
    form = ImportForm()
    problems, error = [], None
    if form.validate_on_submit():
        upload = request.files.get("file")
        if not upload or not upload.filename:
            error = _("Choose a CSV file.")
        else:
            try:
                rows = measures.parse_csv(measure, upload.read())
            except CsvProblems as unreadable:
                problems = unreadable.errors
            else:
                count = measures.import_rows(measure, rows)
                db.session.commit()
                flash(ngettext("%(count)s value imported.", "%(count)s values imported.", count,
                               count=format_number(count)), "success")
                return redirect(url_for("prototypes.measure_show", lab_id=lab.id, prototype_id=prototype.id,
                                        measure_id=measure.id))
    return render_template("prototypes/import.html", lab=lab, membership=membership, prototype=prototype,
                           measure=measure, form=form, problems=problems, error=error,
                           columns=measures.CSV_COLUMNS), 400 if (problems or error) else 200
