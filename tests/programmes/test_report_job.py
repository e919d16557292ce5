"""The programme report is made once in the background, served until one of its labs changes, and only to
members of its labs."""
from labapp.extensions import db
from labapp.jobs import runner
from labapp.jobs.models import Job
from labapp.programmes import report_views

from .conftest import pdf_text


def test_the_programme_report_is_made_once_by_a_worker_and_then_served(world, monkeypatch):
    app = world.app
    app.config["LABAPP_JOB_THREADS"] = 0  # leave the job to the worker below
    renders = []
    real = report_views.render_programme_report

    def counting(programme, snapshots, locale, today=None):
        renders.append(locale)
        return real(programme, snapshots, locale, today)

    monkeypatch.setattr(report_views, "render_programme_report", counting)
    client = app.test_client()
    client.login_as(world.rae)
    url = f"/programmes/{world.programme_id}/report.pdf?lang=en"
    first = client.get(url)
    assert first.status_code == 303 and "/report/jobs/" in first.headers["Location"]
    assert client.get(url).headers["Location"] == first.headers["Location"]
    progress = client.get(first.headers["Location"] + ".json").get_json()
    assert progress["status"] == "queued" and progress["file"] is None
    assert runner.work(app, once=True) == 1
    done = client.get(url)
    assert done.status_code == 200 and done.headers["Content-Disposition"].startswith(
        'inline; filename="programme-report-two-towns-en-')
    text = " ".join(pdf_text(done.data).split())
    assert "Two towns" in text and "Lab A" in text and "Hillside Lab" in text
    assert client.get(url).status_code == 200 and renders == ["en"]
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Job.id)).where(Job.kind == "programme_report")) == 1


def test_only_members_of_its_labs_may_ask_for_it(world):
    client = world.app.test_client()
    client.login_as(world.outsider)
    assert client.get(f"/programmes/{world.programme_id}/report.pdf?lang=en").status_code == 404
