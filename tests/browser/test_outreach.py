"""The design team works its invitation list on a phone, and reads the balance in Urdu."""
import pytest

from labapp.extensions import db
from labapp.outreach.models import Outreach
from tests.browser.conftest import screenshot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_design_team_member_moves_an_invitation_along_on_a_phone(app, live_server, phone, make_user, make_lab,
                                                                 add_member, database):
    lab = make_lab()
    dee = make_user(name="Dee", email="dee@example.org")
    dee_id = add_member(lab, dee, "design_team")
    with app.app_context():
        db.session.add_all([
            Outreach(lab_id=lab.id, person_name="Zara", sector="community", level="resident", inviter_id=dee_id),
            Outreach(lab_id=lab.id, person_name="Nadia", sector="community", status="accepted", inviter_id=dee_id),
            Outreach(lab_id=lab.id, person_name="Dr Patel", sector="nhs", level="frontline", status="accepted"),
        ])
        db.session.commit()
    page = phone
    page.goto(f"{live_server}/login")
    page.fill("#email", "dee@example.org")
    page.fill("#password", PASSWORD)
    page.locator("form.form button[type=submit]").click()
    page.goto(f"{live_server}/labs/{lab.id}/outreach/mine")
    page.get_by_role("button", name="Mark: Invited – Zara").click()
    assert "Zara: Invited." in page.inner_text(".flashes")
    page.get_by_role("button", name="Mark: Accepted – Zara").click()
    with app.app_context():
        assert db.session.scalar(db.select(Outreach.status).where(Outreach.person_name == "Zara")) == "accepted"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.locator(".language-menu summary").click()
    page.get_by_role("button", name="اردو").click()
    page.goto(f"{live_server}/labs/{lab.id}/balance")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.locator("meter").first.get_attribute("value") == "67"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "balance page scrolls sideways"
    screenshot(page, f"phone-balance-urdu-{database['backend']}")
