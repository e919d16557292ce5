"""Serve the programme report: the PDF when a current one is made, else a background job and its progress page.

The labs' snapshots are read in the request; their fingerprint names the file, so a report is made once for the
programme's learning as it is, and again only when one of its labs changes (see labapp/reports/service.py).
"""
import re
from datetime import date
from types import SimpleNamespace

from flask import abort, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from labapp.extensions import db, limiter
from labapp.forms import ConfirmForm
from labapp.jobs import runner
from labapp.jobs import service as jobs
from labapp.jobs.models import DONE, FAILED
from labapp.pdf import pdf_response, requested_locale
from labapp.reports.facts import fingerprint
from labapp.reports.views import _per_person, _rate, _start, job_state

from . import service
from .access import load_programme
from .report import render_programme_report
from .views import bp

KIND = "programme_report"


@runner.register(KIND)
def programme_report_job(job, progress) -> tuple[bytes, str]:
    """Make the programme report a job asks for, from the snapshots read when it was asked for."""
    data = job.params
    progress(20, "layout")
    programme = SimpleNamespace(**data["programme"])
    made_on = date.today()
    slug = re.sub(r"[^a-z0-9]+", "-", programme.name.lower()).strip("-")[:60] or f"programme-{programme.id}"
    return (render_programme_report(programme, data["snapshots"], job.locale, made_on),
            f"programme-report-{slug}-{job.locale}-{made_on.isoformat()}.pdf")


def _target(programme) -> str:
    return f"programme:{programme.id}"


def _current(programme, locale: str):
    data = {"programme": {"id": programme.id, "name": programme.name, "description": programme.description},
            "snapshots": service.snapshots(programme, locale)}
    print_id = fingerprint(data)
    return data, print_id, jobs.find(KIND, _target(programme), locale, print_id)


def _load_job(programme_id: int, job_id: int):
    programme, memberships = load_programme(programme_id)
    job = jobs.job_for_target(job_id, _target(programme))
    if job is None:
        abort(404)
    return programme, job


def _state(programme, job) -> dict:
    return job_state(job, url_for(".report_file", programme_id=programme.id, job_id=job.id))


@bp.route("/<int:programme_id>/report.pdf")
@login_required
def report_pdf(programme_id):
    """Send the current programme report, or start making it and show its progress."""
    programme, _memberships = load_programme(programme_id)
    locale = requested_locale(request.args.get("lang"))
    data, print_id, job = _current(programme, locale)
    if job is not None and job.status == DONE:
        return pdf_response(job.result, job.filename)
    if job is None:
        with limiter.limit(_rate, key_func=_per_person):
            job = jobs.request_job(KIND, _target(programme), locale, print_id, data, current_user)
    else:
        job = jobs.request_job(KIND, _target(programme), locale, print_id, data, current_user)
    db.session.commit()
    _start(job)
    return redirect(url_for(".report_job", programme_id=programme.id, job_id=job.id), code=303)


@bp.route("/<int:programme_id>/report/jobs/<int:job_id>")
@login_required
def report_job(programme_id, job_id):
    """Show how far the programme report is (the script checks every two seconds)."""
    programme, job = _load_job(programme_id, job_id)
    return render_template("programmes/job.html", programme=programme, job=job, state=_state(programme, job),
                           form=ConfirmForm(), FAILED=FAILED, DONE=DONE)


@bp.route("/<int:programme_id>/report/jobs/<int:job_id>.json")
@login_required
def report_job_json(programme_id, job_id):
    """Answer the progress page's script."""
    programme, job = _load_job(programme_id, job_id)
    response = jsonify(_state(programme, job))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/<int:programme_id>/report/jobs/<int:job_id>.pdf")
@login_required
def report_file(programme_id, job_id):
    """Send the file a finished job made."""
    programme, job = _load_job(programme_id, job_id)
    if job.status != DONE:
        return redirect(url_for(".report_job", programme_id=programme.id, job_id=job.id), code=303)
    return pdf_response(job.result, job.filename)


@bp.route("/<int:programme_id>/report/jobs/<int:job_id>/retry", methods=["POST"])
@login_required
@limiter.limit(_rate, key_func=_per_person)
def report_retry(programme_id, job_id):
    """Try a failed programme report again."""
    programme, job = _load_job(programme_id, job_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if jobs.retry(job):
        db.session.commit()
        _start(job)
    return redirect(url_for(".report_job", programme_id=programme.id, job_id=job.id), code=303)
