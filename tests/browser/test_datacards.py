"""A Bengali-speaking resident joins from the QR link on a phone, picks three cards, changes one, and the tally moves."""
import pytest
from playwright.sync_api import expect

from labapp.datacards.models import PickSession
from labapp.extensions import db
from tests.browser.conftest import screenshot
from tests.conftest import PASSWORD
from tests.datacards.conftest import make_deck, make_session  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser


def _cell(page, code, column):
    row = page.locator("#tally-cards tr", has=page.locator(".card-letter", has_text=code))
    return row.locator(f".tally-{column}")


def test_bengali_participant_picks_on_a_phone_and_the_tally_moves(app, live_server, phone, desktop, make_user,
                                                                  make_lab, make_deck, make_session, database):
    fran = make_user(name="Fran Facilitator", email="fran@example.org")
    lab = make_lab(creator=fran)
    deck_id = make_deck(lab)
    session_id = make_session(lab, deck_id, pick_limit=3)
    with app.app_context():
        code = db.session.get(PickSession, session_id).code

    # The facilitator puts the tally on the screen before anyone picks.
    desktop.goto(f"{live_server}/login")
    desktop.get_by_label("Email address").fill("fran@example.org")
    desktop.get_by_label("Password").fill(PASSWORD)
    desktop.get_by_role("button", name="Sign in").click()
    desktop.wait_for_url("**/labs/")
    desktop.goto(f"{live_server}/labs/{lab.id}/pick-sessions/{session_id}/tally")
    assert desktop.inner_text("#tally-picks") == "0"

    # A resident scans the QR code: it opens the lab's join page, then the cards.
    page = phone
    page.goto(f"{live_server}/pick/{code}")
    page.wait_for_url("**/join/**")
    page.get_by_label("Your name").fill("Rahima Begum")
    page.locator("input[name=locale][value=bn]").check()
    page.locator("input[name=sector][value=community]").check()
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(f"**/pick-sessions/{session_id}/pick")
    assert page.get_attribute("html", "lang").startswith("bn")

    def press(card_code):
        page.locator(f"article:has(.card-letter:text-is('{card_code}')) + form button, "
                     f"article:has(.card-letter:text-is('{card_code}')) ~ form button").first.click()
        page.wait_for_load_state()

    for card_code in ("A1", "A2", "B1"):
        press(card_code)
    assert page.locator(".pick-item-picked").count() == 3
    # The limit is reached: picking a fourth card is refused until one goes back.
    press("B2")
    assert page.locator(".pick-item-picked").count() == 3
    assert page.locator(".flash-error").count() == 1
    press("B1")  # put B1 back
    press("B2")
    picked = page.locator(".pick-item-picked .card-letter").all_inner_texts()
    assert sorted(picked) == ["A1", "A2", "B2"]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    screenshot(page, f"phone-datacards-pick-{database['backend']}")

    # The projected tally catches up by itself (no reload): three picks, B2 in, B1 out.
    expect(_cell(desktop, "B2", "total")).to_have_text("1", timeout=15000)
    assert desktop.inner_text("#tally-picks") == "3"
    assert _cell(desktop, "B2", "residents").inner_text() == "1"
    assert _cell(desktop, "B1", "total").inner_text() == "0"
    assert desktop.inner_text("#tally-residents") == "1"
    screenshot(desktop, f"desktop-datacards-tally-{database['backend']}")

    # The resident can see the room's tally on the phone too.
    page.goto(f"{live_server}/labs/{lab.id}/pick-sessions/{session_id}/tally")
    assert page.inner_text("#tally-people") in ("1", "১")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the tally scrolls sideways"
    screenshot(page, f"phone-datacards-tally-{database['backend']}")

    # Any member can read the deck and comment on a card while it is being reviewed.
    page.goto(f"{live_server}/labs/{lab.id}/decks/{deck_id}/")
    page.locator(".card-list a").first.click()
    page.locator("textarea[name=text]").fill("এই সংখ্যাটি কোন বছরের?")
    page.locator("#comments form.form button[type=submit]").click()
    page.wait_for_load_state()
    assert "এই সংখ্যাটি কোন বছরের?" in page.inner_text("#comments")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the card scrolls sideways"
    screenshot(page, f"phone-datacards-card-{database['backend']}")
