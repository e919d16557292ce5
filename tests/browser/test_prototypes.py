"""An Arabic-speaking team member fills a PDSA cycle on a phone, enters a value and sees the run chart update."""
from datetime import date, timedelta

import pytest

from labapp.extensions import db
from labapp.labs.models import Lab, Membership
from labapp.prototypes import measures, service
from labapp.prototypes.models import Cycle
from tests.browser.conftest import screenshot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def _prototype(app, lab, lead_id):
    with app.app_context():
        prototype = service.create_prototype(
            db.session.get(Lab, lab.id), lead=db.session.get(Membership, lead_id), name="تذكير المواعيد",
            aim="Fewer missed appointments", starts_on=date.today() - timedelta(weeks=1), status="testing")
        cycle = service.start_cycle(prototype, None)
        measure = measures.create_measure(prototype, name="Missed appointments", kind="count", direction="down")
        monday = date.today() - timedelta(days=date.today().weekday())
        for week, value in enumerate([18, 15, 19, 13, 14, 17, 15, 18, 16]):
            measures.set_value(measure, monday - timedelta(weeks=9 - week), value=value)
        db.session.commit()
        return prototype.id, cycle.id, measure.id


def test_an_arabic_speaker_fills_a_cycle_and_a_value_on_a_phone(app, live_server, phone, make_user, make_lab,
                                                                 add_member, database):
    lab = make_lab()
    layla = make_user(name="ليلى حداد", email="layla@example.org", locale="ar")
    layla_id = add_member(lab, layla, "prototype_team")
    prototype_id, cycle_id, measure_id = _prototype(app, lab, layla_id)
    base = f"{live_server}/labs/{lab.id}/prototypes/{prototype_id}"

    page = phone
    page.goto(f"{live_server}/login")
    page.fill("#email", "layla@example.org")
    page.fill("#password", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/labs/")

    page.goto(f"{base}/cycles/{cycle_id}/edit")
    assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "ar"
    page.fill("#plan_objective", "نرسل التذكير باللغة العربية")
    page.wait_for_selector(".autosave-saved", timeout=10_000)
    with app.app_context():
        assert db.session.get(Cycle, cycle_id).plan_objective == "نرسل التذكير باللغة العربية"

    # Offline: the draft stays on the phone and is saved when the connection comes back.
    page.context.set_offline(True)
    page.fill("#do_what_happened", "أرسلنا ثلاثين رسالة")
    page.wait_for_selector(".autosave-offline", timeout=10_000)
    kept = page.evaluate(f"window.localStorage.getItem('labapp-cycle-{cycle_id}')")
    assert "أرسلنا ثلاثين رسالة" in kept
    page.context.set_offline(False)
    page.wait_for_selector(".autosave-saved", timeout=15_000)
    with app.app_context():
        assert db.session.get(Cycle, cycle_id).do_what_happened == "أرسلنا ثلاثين رسالة"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    screenshot(page, f"phone-prototype-cycle-ar-{database['backend']}")

    page.goto(f"{base}/measures/{measure_id}/")
    # Check shapes, not English words: the page is in Arabic once the strings are translated.
    before = page.get_attribute("svg.run-chart", "aria-label")
    verdict_before = page.inner_text(".verdict")
    assert page.locator("table tbody tr").count() == 9
    assert page.locator("svg.run-chart title").count() == 1
    monday = date.today() - timedelta(days=date.today().weekday())
    page.fill("#period", monday.isoformat())
    page.fill("#value", "12")
    page.locator("#add-value button[type=submit]").click()
    page.wait_for_load_state()
    after = page.get_attribute("svg.run-chart", "aria-label")
    assert page.locator("table tbody tr").count() == 10
    assert after != before and "12" in page.inner_text("table tbody")
    # With 10 points the chart can be judged: the verdict changes from "too few points" to a reading.
    assert page.inner_text(".verdict") != verdict_before
    assert page.locator(".verdict-signal").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    screenshot(page, f"phone-prototype-chart-ar-{database['backend']}")
    page.goto(f"{base}/")
    screenshot(page, f"phone-prototype-page-ar-{database['backend']}")
