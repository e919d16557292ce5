"""A person search inside a bigger form: Enter in the name field searches, Enter anywhere else saves the form."""
import pytest

from labapp.extensions import db
from labapp.prototypes.models import Prototype
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_enter_searches_in_the_search_field_and_saves_in_the_others(app, live_server, phone, make_user, make_lab,
                                                                     add_member):
    lab = make_lab()
    amira = make_user(name="Amira Khan", email="amira@example.org")
    add_member(lab, amira, "facilitator")
    add_member(lab, make_user(name="Zofia Nowak", email="zofia@example.org"), "participant")
    page = phone
    sign_in(page, live_server, "amira@example.org")

    page.goto(f"{live_server}/labs/{lab.id}/prototypes/new")
    page.fill("#name", "Reminders in Polish")
    page.fill("#q", "zof")
    page.press("#q", "Enter")
    page.wait_for_selector("#lead_id option:has-text('Zofia Nowak')", state="attached")
    assert page.input_value("#name") == "Reminders in Polish"   # the search kept what was typed
    with app.app_context():
        assert db.session.query(Prototype).count() == 0      # and saved nothing

    page.select_option("#lead_id", label="Zofia Nowak")
    page.press("#name", "Enter")
    page.wait_for_url("**/prototypes/*/")
    with app.app_context():
        prototype = db.session.query(Prototype).one()
        assert prototype.name == "Reminders in Polish"
        assert [m.membership.user.name for m in prototype.team] == ["Zofia Nowak"]
