"""Real flows in Chromium: a participant joins on a phone; a facilitator creates a lab and invites."""
import pytest

from tests.browser.conftest import screenshot
from tests.conftest import PASSWORD
from tests.helpers import translated

pytestmark = pytest.mark.browser


def _no_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_participant_joins_by_code_on_a_phone_and_switches_to_urdu(live_server, phone, make_lab, database):
    lab = make_lab(name="Riverside Health Lab")
    page = phone
    page.goto(f"{live_server}/")
    page.get_by_role("link", name="Join a lab").first.click()
    page.get_by_label("Join code").fill(f"{lab.join_code[:3].lower()} {lab.join_code[3:].lower()}")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Your name").fill("Shazia")
    page.get_by_label("English").check()
    page.get_by_label("Community member or resident").check()
    page.get_by_label("An interpreter").check()
    page.get_by_role("button", name="Join the lab").click()
    page.wait_for_url(f"**/labs/{lab.id}/")
    assert "Riverside Health Lab" in page.inner_text("h1")
    assert _no_horizontal_overflow(page)

    page.locator(".language-menu summary").click()
    page.get_by_role("button", name="اردو").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ur"
    assert translated("The stages of the lab", "ur") in page.inner_text("main")
    assert _no_horizontal_overflow(page), "the Urdu page scrolls sideways on a phone"
    # Right-to-left for real: the brand sits at the right-hand edge of the header.
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] > 390 / 2
    screenshot(page, f"phone-join-urdu-{database['backend']}")

    page.reload()
    assert page.evaluate("document.documentElement.lang") == "ur", "the choice sticks"


def test_facilitator_signs_in_creates_a_lab_and_invites_someone(live_server, desktop, make_user, database):
    make_user(name="Fran Facilitator", email="fran@example.org")
    page = desktop
    page.goto(f"{live_server}/login")
    page.get_by_label("Email address").fill("fran@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/labs/")
    page.get_by_role("link", name="Create a lab").click()
    page.get_by_label("Lab name").fill("Seaside Lab")
    page.get_by_label("Place").fill("Seaside")
    page.get_by_label("The lab's invitation question").fill("How can people find help early?")
    page.get_by_label("Start date").fill("2027-01-11")
    page.get_by_label("End date").fill("2027-12-17")
    page.get_by_role("button", name="Create the lab").click()
    page.wait_for_url("**/labs/*/")
    assert "Seaside Lab" in page.inner_text("h1")
    assert "Lab created." in page.inner_text(".flashes")

    page.get_by_role("link", name="Invite people").first.click()
    page.get_by_label("Email address").fill("dee@example.org")
    page.get_by_label("Role").select_option("design_team")
    page.get_by_role("button", name="Create the invitation").click()
    link = page.locator("#invite-link").input_value()
    assert "/invitations/" in link
    assert "dee@example.org" in page.inner_text("table")
    screenshot(page, f"facilitator-invite-{database['backend']}")

    page.goto(link)
    assert "Design team" in page.inner_text("main")


def test_join_code_page_fits_a_phone_in_arabic(live_server, phone, make_user, make_lab, database):
    facilitator = make_user(email="fran@example.org", locale="ar")
    lab = make_lab(creator=facilitator)
    page = phone
    page.goto(f"{live_server}/login")
    page.fill("#email", "fran@example.org")
    page.fill("#password", PASSWORD)
    page.locator("form.form button[type=submit]").click()
    page.goto(f"{live_server}/labs/{lab.id}/join-code")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.locator("img.qr").evaluate("img => img.complete && img.naturalWidth > 0")
    assert _no_horizontal_overflow(page)
    screenshot(page, f"phone-join-code-arabic-{database['backend']}")
