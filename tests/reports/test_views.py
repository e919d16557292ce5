"""The report's pages: who may see them, one job however often it is asked for, progress, the file, RTL Urdu."""
import threading

import pytest

from labapp.extensions import db
from labapp.jobs import runner
from labapp.jobs.models import DONE, FAILED, Job
from labapp.labs.models import Lab
from labapp.reports import document
from labapp.workshops import service as workshop_service

from .conftest import build_report_lab


@pytest.fixture
def fake_pdf(monkeypatch):
    """Count renders and return a tiny PDF instead of laying out pages (the layout has its own tests)."""
    renders = []

    def make(data, locale, progress=lambda percent, step: None, made_on=None):
        renders.append(locale)
        progress(50, "charts")
        return b"%PDF-1.7 " + data["lab"]["name"].encode()

    monkeypatch.setattr(document, "make_report", make)
    return renders


@pytest.fixture
def worker_app(make_app, make_user, make_lab, add_member):
    """An app whose web process leaves jobs to a worker, with the report lab and its facilitator signed in."""
    app = make_app(LABAPP_JOB_THREADS=0)
    built = build_report_lab(app, make_user, make_lab, add_member)
    client = app.test_client()
    client.login_as(built.people["rae"])
    return app, client, built


def _jobs(app):
    with app.app_context():
        return db.session.scalars(db.select(Job).order_by(Job.id)).all()


def test_asking_twice_makes_one_job_and_renders_once(worker_app, fake_pdf):
    app, client, built = worker_app
    lab_id = built.lab.id
    first = client.get(f"/labs/{lab_id}/report.pdf?lang=en")
    assert first.status_code == 303 and "/report/jobs/" in first.headers["Location"]
    second = client.get(f"/labs/{lab_id}/report.pdf?lang=en")
    assert second.headers["Location"] == first.headers["Location"] and len(_jobs(app)) == 1
    assert runner.work(app, once=True) == 1 and fake_pdf == ["en"]
    done = client.get(f"/labs/{lab_id}/report.pdf?lang=en")
    assert done.status_code == 200 and done.data == b"%PDF-1.7 Lab A"
    assert done.headers["Content-Disposition"].startswith('inline; filename="lab-report-lab-a-en-')
    assert "private" in done.headers["Cache-Control"]
    assert client.get(f"/labs/{lab_id}/report.pdf?lang=en").status_code == 200
    assert fake_pdf == ["en"] and len(_jobs(app)) == 1
    page = client.get(f"/labs/{lab_id}/report?lang=en").get_data(as_text=True)
    assert "Ready: made on" in page


def test_a_change_in_the_lab_makes_a_new_report(worker_app, fake_pdf):
    app, client, built = worker_app
    client.get(f"/labs/{built.lab.id}/report.pdf?lang=en")
    runner.work(app, once=True)
    with app.test_request_context():
        from datetime import datetime

        workshop_service.create_workshop(db.session.get(Lab, built.lab.id), kind="retreat", title="Retreat",
                                         starts_at=datetime(2027, 3, 1, 10), ends_at=None)
        db.session.commit()
    page = client.get(f"/labs/{built.lab.id}/report?lang=en").get_data(as_text=True)
    assert "the lab has changed since" in page
    assert client.get(f"/labs/{built.lab.id}/report.pdf?lang=en").status_code == 303
    runner.work(app, once=True)
    assert fake_pdf == ["en", "en"] and len(_jobs(app)) == 1  # the older file was dropped


def test_progress_page_and_json(worker_app, fake_pdf):
    app, client, built = worker_app
    location = client.get(f"/labs/{built.lab.id}/report.pdf?lang=ur").headers["Location"]
    page = client.get(location).get_data(as_text=True)
    assert "<progress" in page and "Waiting to start" in page and "Check again" in page
    assert "js/report-progress.js" in page and "<script>" not in page
    state = client.get(location + ".json").get_json()
    assert state == {"status": "queued", "progress": 0, "step": "", "step_text": "Waiting to start", "file": None}
    runner.work(app, once=True)
    state = client.get(location + ".json").get_json()
    assert state["status"] == DONE and state["progress"] == 100 and state["file"].endswith(".pdf")
    assert client.get(state["file"]).data.startswith(b"%PDF")


def test_failed_report_says_so_and_can_be_tried_again(worker_app, monkeypatch):
    app, client, built = worker_app

    def broken(*args, **kwargs):
        raise ValueError("layout exploded")

    monkeypatch.setattr(document, "make_report", broken)
    location = client.get(f"/labs/{built.lab.id}/report.pdf?lang=en").headers["Location"]
    runner.work(app, once=True)
    page = client.get(location).get_data(as_text=True)
    assert "The report could not be made" in page and "layout exploded" not in page and "Try again" in page
    assert client.post(location + "/retry").status_code == 400  # no CSRF token
    assert client.post_form(location + "/retry").status_code == 303
    assert _jobs(app)[0].status == "queued"


def test_the_web_process_makes_the_report_in_the_background(app, report_lab, monkeypatch):
    release = threading.Event()

    def slow(data, locale, progress=lambda percent, step: None, made_on=None):
        progress(40, "charts")
        assert release.wait(30)
        return b"%PDF-1.7 slow"

    monkeypatch.setattr(document, "make_report", slow)
    client = app.test_client()
    client.login_as(report_lab.people["fran"])
    response = client.get(f"/labs/{report_lab.lab.id}/report.pdf?lang=en")
    assert response.status_code == 303  # answered while the render waits
    assert _jobs(app)[0].status in ("queued", "running")
    release.set()
    job_id = _jobs(app)[0].id
    for _ in range(300):
        if _jobs(app)[0].status in (DONE, FAILED):
            break
        threading.Event().wait(0.1)
    assert _jobs(app)[0].status == DONE
    assert client.get(f"/labs/{report_lab.lab.id}/report/jobs/{job_id}.pdf").data == b"%PDF-1.7 slow"


def test_every_member_may_read_it_and_other_labs_may_not(worker_app, make_user, add_member, fake_pdf):
    app, client, built = worker_app
    lab_id = built.lab.id
    location = client.get(f"/labs/{lab_id}/report.pdf?lang=en").headers["Location"]
    job_id = location.rsplit("/", 1)[1]
    outsider = make_user(name="Otto Outsider")
    add_member(built.other, outsider, "facilitator")
    other = app.test_client()
    other.login_as(outsider)
    for url in (f"/labs/{lab_id}/report", f"/labs/{lab_id}/report.pdf", location, location + ".json",
                f"{location}.pdf"):
        assert other.get(url).status_code == 404, url
    assert other.post_form(location + "/retry").status_code == 404
    # The job under the other lab's address is not found either.
    assert other.get(f"/labs/{built.other.id}/report/jobs/{job_id}").status_code == 404
    assert app.test_client().get(f"/labs/{lab_id}/report").status_code == 302  # sign in first
    assert client.get(f"/labs/{lab_id}/report").status_code == 200  # a participant


def test_new_reports_are_rate_limited_per_person(make_app, make_user, make_lab, add_member, fake_pdf):
    app = make_app(LABAPP_JOB_THREADS=0, LABAPP_REPORT_RATE_LIMIT="2 per hour")
    built = build_report_lab(app, make_user, make_lab, add_member)
    client = app.test_client()
    client.login_as(built.people["fran"])
    assert client.get(f"/labs/{built.lab.id}/report.pdf?lang=en").status_code == 303
    assert client.get(f"/labs/{built.lab.id}/report.pdf?lang=en").status_code == 303  # the same job: not counted
    assert client.get(f"/labs/{built.lab.id}/report.pdf?lang=ur").status_code == 303
    assert client.get(f"/labs/{built.lab.id}/report.pdf?lang=pl").status_code == 429


def test_urdu_report_is_laid_out_right_to_left(app, report_lab, monkeypatch):
    import labapp.pdf

    seen = {}

    class Capture:
        def __init__(self, string, **kwargs):
            seen["html"] = string

        def write_pdf(self):
            return b"%PDF-1.7"

    monkeypatch.setattr(labapp.pdf, "HTML", Capture)
    with app.test_request_context("/"):
        from labapp.reports import facts

        document.make_report(facts.snapshot(db.session.get(Lab, report_lab.lab.id), "ur"), "ur")
    assert '<html lang="ur" dir="rtl">' in seen["html"]
    assert 'dir="rtl">مور لین میں ایک صبح</span>' in seen["html"]


def test_lab_home_links_to_the_report(worker_app):
    app, client, built = worker_app
    assert f'/labs/{built.lab.id}/report"' in client.get(f"/labs/{built.lab.id}/").get_data(as_text=True)
