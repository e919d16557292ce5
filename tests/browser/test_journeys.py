"""A Punjabi-speaking participant signs up for a visit on a phone, adds it to a calendar and writes a debrief."""
from datetime import date, time
from pathlib import Path

import pytest
from icalendar import Calendar

from labapp.extensions import db
from labapp.journeys import service
from labapp.journeys.models import Debrief, Host, SignUp
from tests.browser.conftest import screenshot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def _visit(app, lab):
    with app.app_context():
        host = service.save_host(Host(lab_id=lab.id), actor=None, organisation="Sisters Together")
        visit = service.create_visit(host, title="Women's health circle at the mosque",
                                     host_does="A women's group talking about health.", will_see="A health talk.",
                                     address="Community room, 7 Victor Street", day=date(2027, 2, 11),
                                     starts=time(10, 30), ends=time(12, 30), capacity=6, languages=["pa", "ur"],
                                     status="open")
        service.set_translation(visit, "pa", title="ਮਸਜਿਦ ਵਿੱਚ ਔਰਤਾਂ ਦਾ ਸਿਹਤ ਘੇਰਾ",
                                host_does="ਔਰਤਾਂ ਦਾ ਇੱਕ ਸਮੂਹ ਜੋ ਸਿਹਤ ਬਾਰੇ ਗੱਲ ਕਰਦਾ ਹੈ।", will_see="")
        db.session.commit()
        return visit.id


def test_punjabi_participant_signs_up_adds_to_calendar_and_debriefs_on_a_phone(app, live_server, phone, make_user,
                                                                               make_lab, add_member, database):
    lab = make_lab()
    user = make_user(name="Rupinder Kaur", email="rupinder@example.org", locale="pa")
    add_member(lab, user, "participant", sector="community")
    visit_id = _visit(app, lab)

    page = phone
    page.goto(f"{live_server}/login")
    page.fill("input[name=email]", "rupinder@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/labs/")
    page.goto(f"{live_server}/labs/{lab.id}/journeys/")
    assert page.get_attribute("html", "lang") == "pa"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    screenshot(page, f"phone-journeys-list-pa-{database['backend']}")
    page.click(f"a[href$='/journeys/{visit_id}/']")
    page.wait_for_url(f"**/journeys/{visit_id}/")
    assert page.inner_text("h1") == "ਮਸਜਿਦ ਵਿੱਚ ਔਰਤਾਂ ਦਾ ਸਿਹਤ ਘੇਰਾ"
    screenshot(page, f"phone-journey-visit-pa-{database['backend']}")

    page.click("form[action$='/sign-up'] button")
    page.wait_for_load_state()
    assert page.locator(".tag-mine").is_visible()
    with app.app_context():
        assert db.session.scalar(db.select(SignUp.status)) == "confirmed"

    with page.expect_download() as download_info:
        page.click(f"a[href$='/journeys/{visit_id}.ics']")
    calendar = Calendar.from_ical(Path(download_info.value.path()).read_bytes())
    [event] = calendar.walk("VEVENT")
    assert "ਮਸਜਿਦ ਵਿੱਚ ਔਰਤਾਂ ਦਾ ਸਿਹਤ ਘੇਰਾ" in str(event["SUMMARY"])
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    screenshot(page, f"phone-journey-signed-up-pa-{database['backend']}")

    page.click(f"a[href$='/journeys/{visit_id}/debrief']")
    page.wait_for_url("**/debrief")
    page.fill("#saw", "ਔਰਤਾਂ ਨਰਸ ਨੂੰ ਖੁੱਲ੍ਹ ਕੇ ਸਵਾਲ ਪੁੱਛ ਰਹੀਆਂ ਸਨ।")
    page.fill("#thought", "ਡਾਕਟਰ ਇੱਥੇ ਆ ਸਕਦੇ ਹਨ।")
    page.check("input[name=shared][value=shared]")
    screenshot(page, f"phone-journey-debrief-pa-{database['backend']}")
    page.click(".debrief-form button[type=submit]")
    page.wait_for_url(f"**/journeys/{visit_id}/")
    with app.app_context():
        debrief = db.session.scalar(db.select(Debrief))
        assert debrief.saw.startswith("ਔਰਤਾਂ") and debrief.felt == "" and debrief.shared
    assert "ਡਾਕਟਰ ਇੱਥੇ ਆ ਸਕਦੇ ਹਨ।" in page.inner_text("main")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
