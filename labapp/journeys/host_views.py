"""Serve the host's own pages, opened by a secret link without an account (rate-limited).

The host adds and edits their visits (new ones wait as drafts until a facilitator opens them), writes a
reflection after a visit, and prints the brief with the list of visitors and their support needs.
"""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from labapp.extensions import db, limiter
from labapp.labs.models import Lab

from . import service
from .access import visit_of_host
from .forms import ReflectionForm, VisitForm
from .output_views import brief_pdf_for
from .views import _visit_values, bp, save_visit_changes

HOST_LIMIT = "120 per hour"


def _host_or_404(token: str):
    host = service.host_for_token(token)
    if host is None:
        abort(404)
    return host, db.session.get(Lab, host.lab_id)


@bp.route("/journeys/host/<token>/")
@limiter.limit(HOST_LIMIT)
def host_home(token):
    """Show the host their visits and what they can do."""
    host, lab = _host_or_404(token)
    return render_template("journeys/host_home.html", host=host, lab=lab, token=token)


@bp.route("/journeys/host/<token>/visits/new", methods=["GET", "POST"])
@limiter.limit(HOST_LIMIT)
def host_visit_new(token):
    """Let the host offer a visit; the facilitators open it for sign-up."""
    host, lab = _host_or_404(token)
    form = VisitForm()
    if form.validate_on_submit():
        service.create_visit(host, **_visit_values(form))
        db.session.commit()
        flash(_("Thank you. Your visit is saved; the lab's facilitators will open it for sign-up."), "success")
        return redirect(url_for("journeys.host_home", token=token))
    return render_template("journeys/visit_form.html", lab=lab, membership=None, form=form, visit=None, host=host,
                           action=url_for("journeys.host_visit_new", token=token),
                           back=url_for("journeys.host_home", token=token))


@bp.route("/journeys/host/<token>/visits/<int:visit_id>/edit", methods=["GET", "POST"])
@limiter.limit(HOST_LIMIT)
def host_visit_edit(token, visit_id):
    """Let the host change one of their visits."""
    host, lab = _host_or_404(token)
    visit = visit_of_host(host, visit_id)
    form = VisitForm() if request.method == "POST" else VisitForm(formdata=None, obj=visit)
    if form.validate_on_submit() and save_visit_changes(visit, form):
        return redirect(url_for("journeys.host_home", token=token))
    return render_template("journeys/visit_form.html", lab=lab, membership=None, form=form, visit=visit, host=host,
                           action=url_for("journeys.host_visit_edit", token=token, visit_id=visit.id),
                           back=url_for("journeys.host_home", token=token))


@bp.route("/journeys/host/<token>/visits/<int:visit_id>/reflection", methods=["GET", "POST"])
@limiter.limit(HOST_LIMIT)
def host_reflection(token, visit_id):
    """Let the host write a reflection after the visit, read with the group's debriefs."""
    host, lab = _host_or_404(token)
    visit = visit_of_host(host, visit_id)
    form = ReflectionForm() if request.method == "POST" else ReflectionForm(formdata=None, obj=visit)
    if form.validate_on_submit():
        service.save_reflection(visit, form.host_reflection.data or "")
        db.session.commit()
        flash(_("Thank you. Your reflection is saved."), "success")
        return redirect(url_for("journeys.host_home", token=token))
    return render_template("journeys/reflection.html", lab=lab, host=host, visit=visit, form=form, token=token)


@bp.route("/journeys/host/<token>/visits/<int:visit_id>/brief.pdf")
@limiter.limit(HOST_LIMIT)
def host_brief_pdf(token, visit_id):
    """Print the brief for the host, with the visitors and their support needs."""
    host, _lab = _host_or_404(token)
    visit = visit_of_host(host, visit_id)
    return brief_pdf_for(visit, lang=request.args.get("lang"), show_visitors=True)
