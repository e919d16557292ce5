"""A resident asks for the lab report in Urdu on a phone: the progress page follows the background job by
itself and opens the file when it is ready."""
import threading

import pytest

from labapp.extensions import db
from labapp.reports import document
from tests.browser.conftest import screenshot
from tests.conftest import PASSWORD
from tests.helpers import translated
from tests.reports.conftest import build_report_lab

pytestmark = pytest.mark.browser


def test_the_progress_page_follows_the_job_and_opens_the_report(app, live_server, phone, make_user, make_lab,
                                                                add_member, database, monkeypatch):
    built = build_report_lab(app, make_user, make_lab, add_member)
    with app.app_context():
        rae = db.session.merge(built.people["rae"])
        rae.locale = "ur"
        email = rae.email
        db.session.commit()
    drawing, release = threading.Event(), threading.Event()

    def slow_report(data, locale, progress=lambda percent, step: None, made_on=None):
        progress(40, "charts")
        drawing.set()
        assert release.wait(30)
        return b"%PDF-1.7 " + data["lab"]["name"].encode()

    monkeypatch.setattr(document, "make_report", slow_report)

    page = phone
    page.goto(f"{live_server}/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/labs/")

    page.goto(f"{live_server}/labs/{built.lab.id}/report.pdf?lang=ur")
    page.wait_for_url("**/report/jobs/*")
    assert page.get_attribute("html", "dir") == "rtl"
    assert drawing.wait(30), "the background job did not start"
    step = translated("Drawing the run charts", "ur")
    page.wait_for_function("text => document.getElementById('report-step').textContent === text", arg=step,
                           timeout=15_000)
    assert page.get_attribute("#report-progress-bar", "value") == "40"
    screenshot(page, f"phone-report-progress-ur-{database['backend']}")
    with page.expect_request(lambda request: request.url.endswith(".pdf"), timeout=20_000) as opened:
        release.set()
    assert "/report/jobs/" in opened.value.url
