"""Serve the lab report: the page to ask for it, the PDF, and the progress page a background job shows.

Any member of the lab may read and ask for it: it holds aggregated learning only, never names.
"""
from flask import Blueprint, abort, current_app, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from labapp.extensions import db, limiter
from labapp.forms import ConfirmForm
from labapp.i18n import enabled_languages
from labapp.jobs import runner
from labapp.jobs import service as jobs
from labapp.jobs.models import DONE, FAILED, QUEUED
from labapp.labs.access import load_lab
from labapp.pdf import pdf_response, requested_locale

from . import service
from .document import STEPS

bp = Blueprint("reports", __name__)

DEFAULT_RATE = "10 per hour"


def _rate() -> str:
    return current_app.config.get("LABAPP_REPORT_RATE_LIMIT", DEFAULT_RATE)


def _per_person() -> str:
    return f"report-user:{current_user.get_id()}"


def _start(job) -> None:
    if job.status == QUEUED:
        runner.submit(current_app._get_current_object(), job.id)


def _file(job):
    return pdf_response(job.result, job.filename)


@bp.route("/labs/<int:lab_id>/report")
@login_required
def page(lab_id):
    """Offer the report in any of the lab's languages, saying when a current one is ready."""
    lab, membership = load_lab(lab_id)
    locale = requested_locale(request.args.get("lang"))
    now = service.current(lab, locale)
    older = None if now.ready else service.latest(lab, locale)
    return render_template("reports/page.html", lab=lab, membership=membership, locale=locale, now=now,
                           older=older, report_languages=enabled_languages())


@bp.route("/labs/<int:lab_id>/report.pdf")
@login_required
def pdf(lab_id):
    """Send the current report, or start making it and show its progress."""
    lab, _membership = load_lab(lab_id)
    locale = requested_locale(request.args.get("lang"))
    now = service.current(lab, locale)
    if now.ready:
        return _file(now.job)
    if now.job is None:
        with limiter.limit(_rate, key_func=_per_person):
            job = service.request_report(lab, locale, now, current_user)
    else:
        job = service.request_report(lab, locale, now, current_user)  # the same job; a dead worker's is re-queued
    db.session.commit()
    _start(job)
    return redirect(url_for(".job", lab_id=lab.id, job_id=job.id), code=303)


def _load_job(lab_id, job_id):
    lab, membership = load_lab(lab_id)
    job = service.job_of(lab, job_id)
    if job is None:
        abort(404)
    return lab, membership, job


def job_state(job, file_url: str) -> dict:
    """Describe a report job for its progress page and script; the file's address once it is done."""
    return {
        "status": job.status, "progress": job.progress, "step": job.step,
        "step_text": str(STEPS.get(job.step, job.step)),
        "file": file_url if job.status == DONE else None,
    }


def _state(lab, job) -> dict:
    return job_state(job, url_for(".job_file", lab_id=lab.id, job_id=job.id))


@bp.route("/labs/<int:lab_id>/report/jobs/<int:job_id>")
@login_required
def job(lab_id, job_id):
    """Show how far the report is, with a link to check again (the script checks every two seconds)."""
    lab, membership, job = _load_job(lab_id, job_id)
    return render_template("reports/job.html", lab=lab, membership=membership, job=job, state=_state(lab, job),
                           form=ConfirmForm(), FAILED=FAILED, DONE=DONE)


@bp.route("/labs/<int:lab_id>/report/jobs/<int:job_id>.json")
@login_required
def job_json(lab_id, job_id):
    """Answer the progress page's script: status, percent, step in words, and the file's address when done."""
    lab, _membership, job = _load_job(lab_id, job_id)
    response = jsonify(_state(lab, job))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/labs/<int:lab_id>/report/jobs/<int:job_id>.pdf")
@login_required
def job_file(lab_id, job_id):
    """Send the file a finished job made."""
    _lab, _membership, job = _load_job(lab_id, job_id)
    if job.status != DONE:
        return redirect(url_for(".job", lab_id=lab_id, job_id=job_id), code=303)
    return _file(job)


@bp.route("/labs/<int:lab_id>/report/jobs/<int:job_id>/retry", methods=["POST"])
@login_required
@limiter.limit(_rate, key_func=_per_person)
def retry(lab_id, job_id):
    """Try a failed report again."""
    lab, _membership, job = _load_job(lab_id, job_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if jobs.retry(job):
        db.session.commit()
        _start(job)
    return redirect(url_for(".job", lab_id=lab.id, job_id=job.id), code=303)
