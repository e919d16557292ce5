"""In Chromium: the design team adds two actors and a tie through the forms, then filters the drawn map."""
import pytest

from labapp.extensions import db
from labapp.labs.models import Lab
from labapp.systemmap import service
from tests.browser.conftest import screenshot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def _add_actor(page, base, lab_id, name, sector_label):
    page.goto(f"{base}/labs/{lab_id}/map/actors/new")
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Sector", exact=True).select_option(label=sector_label)
    page.get_by_label("Level").select_option(label="Manager")
    page.get_by_label("Partner types").fill("health, local")
    page.get_by_role("button", name="Add the actor").click()
    page.wait_for_url("**/map/actors/*")
    assert name in page.inner_text("h1")


def test_design_team_maps_two_actors_and_filters_the_map(live_server, desktop, make_user, make_lab, database):
    facilitator = make_user(name="Fran", email="fran@example.org")
    lab = make_lab(creator=facilitator)
    page = desktop
    problems = []
    page.on("console", lambda message: problems.append(message.text)
            if message.type == "error" and not message.text.startswith("Failed to load resource") else None)
    page.on("response", lambda response: problems.append(response.url)
            if response.status >= 400 and not response.url.endswith("/favicon.ico") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{live_server}/login")
    page.get_by_label("Email address").fill("fran@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/labs/")

    _add_actor(page, live_server, lab.id, "Riverside PCN", "NHS")
    _add_actor(page, live_server, lab.id, "Riverside Food Bank", "Voluntary and community sector")
    page.get_by_label("The other actor", exact=True).select_option(label="Riverside PCN")
    page.get_by_label("Kind of tie").select_option("refers_to")
    page.get_by_label("Strong").check()
    page.get_by_role("button", name="Add the tie").click()
    page.wait_for_url("**/map/actors/*")
    assert "Tie added between Riverside Food Bank and Riverside PCN." in page.inner_text(".flashes")
    assert "Riverside PCN" in page.inner_text("#ties ~ .table-wrap")
    screenshot(page, f"systemmap-actor-{database['backend']}")

    page.get_by_role("link", name="System map").first.click()
    page.wait_for_function("() => window.labappMap && window.labappMap.nodes().length > 0")
    assert page.evaluate("window.labappMap.nodes().length") == 2
    assert page.evaluate("window.labappMap.edges().length") == 1
    assert page.locator(".map-canvas canvas").count() > 0, "Cytoscape drew on its canvas"
    assert not page.locator(".map-static").is_visible(), "the SVG is kept for print and no-JavaScript only"
    assert "Actors shown: 2 of 2. Ties shown: 1." in page.inner_text("#map-status")

    page.get_by_label("Sector", exact=True).select_option(label="NHS")
    page.wait_for_function("() => window.labappMap.nodes().length === 1")
    assert page.evaluate("window.labappMap.nodes().map(n => n.data('name'))") == ["Riverside PCN"]
    assert page.evaluate("window.labappMap.edges().length") == 0

    page.get_by_label("Sector", exact=True).select_option("")
    page.wait_for_function("() => window.labappMap.nodes().length === 2")
    page.get_by_label("Find by name").fill("food")
    page.get_by_role("button", name="Riverside Food Bank").click()
    details = page.locator("#map-details")
    assert details.is_visible() and "Riverside Food Bank" in details.inner_text()
    assert "Riverside PCN" in page.inner_text("#map-details-ties")
    screenshot(page, f"systemmap-desktop-{database['backend']}")
    assert problems == [], problems



def test_map_fits_a_phone_in_urdu(app, live_server, phone, make_user, make_lab, database):
    lab = make_lab(creator=make_user(name="Fran", email="fran@example.org", locale="ur"))
    page = phone
    page.goto(f"{live_server}/login")
    page.locator("#email").fill("fran@example.org")
    page.locator("#password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/labs/")
    with app.app_context():
        the_lab = db.session.get(Lab, lab.id)
        actors = [service.create_actor(the_lab, kind="organisation", name=name, sector=sector)
                  for name, sector in [("بزم خواتین", "community"), ("Riverside PCN", "nhs"),
                                       ("Council housing", "local_authority")]]
        service.add_tie(the_lab, source=actors[0], target=actors[1], kind="works_with")
        db.session.commit()
    page.goto(f"{live_server}/labs/{lab.id}/map")
    page.wait_for_function("() => window.labappMap && window.labappMap.nodes().length === 3")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"
    screenshot(page, f"systemmap-phone-urdu-{database['backend']}")
