"""A facilitator checks someone in on a phone at the door of a workshop."""
from datetime import date, time

import pytest

from labapp.extensions import db
from labapp.labs.models import Lab
from labapp.workshops import service
from tests.browser.conftest import screenshot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def _workshop(app, lab):
    with app.app_context():
        starts_at, ends_at = service.combine(date.today(), time(10, 0), time(13, 0))
        workshop = service.create_workshop(db.session.get(Lab, lab.id), kind="observe", title="Observe workshop",
                                           starts_at=starts_at, ends_at=ends_at)
        db.session.commit()
        return workshop.id


def test_facilitator_searches_and_checks_someone_in_on_a_phone(app, live_server, phone, make_user, make_lab,
                                                               add_member, database):
    fran = make_user(name="Fran Facilitator", email="fran@example.org")
    lab = make_lab(creator=fran)
    add_member(lab, make_user(name="Amina Khan", password=None), "participant", sector="community")
    add_member(lab, make_user(name="Tom Brown", password=None), "participant", sector="nhs")
    workshop_id = _workshop(app, lab)

    page = phone
    page.goto(f"{live_server}/login")
    page.get_by_label("Email address").fill("fran@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/labs/")
    page.goto(f"{live_server}/labs/{lab.id}/workshops/{workshop_id}/checkin")
    assert page.inner_text("#checkin-count").strip() == "0 checked in"

    page.get_by_label("Find a person by name").fill("amina")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/checkin?q=amina")
    assert "Tom Brown" not in page.inner_text("main")
    page.get_by_role("button", name="Check in – Amina Khan").click()
    page.wait_for_load_state()
    assert page.inner_text("#checkin-count").strip() == "1 checked in"
    assert "Amina Khan is checked in." in page.inner_text(".flashes")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    screenshot(page, f"phone-workshop-checkin-{database['backend']}")
