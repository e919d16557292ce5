"""Joining a lab by code on a phone, with no password, and coming back later."""
import re

from labapp.accounts.models import User
from labapp.extensions import db
from labapp.labs.models import Lab
from tests.conftest import PASSWORD
from tests.helpers import html_text, translated


def _join(client, lab, **fields):
    data = {"name": "Shazia", "locale": "ur"}
    data.update(fields)
    return client.post_form(f"/join/{lab.join_code}", data)


def test_join_by_typed_code_accepts_lower_case_and_spaces(client, make_lab):
    lab = make_lab()
    typed = f" {lab.join_code[:3].lower()} {lab.join_code[3:].lower()} "
    response = client.post_form("/join", {"code": typed})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/join/{lab.join_code}")


def test_wrong_code_is_explained_and_kept(client, make_lab):
    make_lab()
    response = client.post_form("/join", {"code": "ZZZ999"})
    page = html_text(response)
    assert "We could not find a lab with that code" in page
    assert 'value="ZZZ999"' in page


def test_participant_joins_with_a_name_and_language_and_no_password(app, client, make_lab):
    lab = make_lab()
    response = _join(client, lab, sector="community", support_needs=["interpreter", "creche"])
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/labs/{lab.id}/")
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.name == "Shazia"))
        assert user.password_hash is None and user.email is None
        assert user.locale == "ur"
        membership = db.session.get(Lab, lab.id).memberships[-1]
        assert membership.user_id == user.id
        assert membership.roles == {"participant"}
        assert membership.sector == "community"
        assert sorted(membership.support_needs) == ["creche", "interpreter"]


def test_language_chosen_on_joining_sticks_and_pages_turn_right_to_left(client, make_lab):
    lab = make_lab()
    _join(client, lab)
    page = html_text(client.get(f"/labs/{lab.id}/", headers={"Accept-Language": "en"}))
    assert '<html lang="ur" dir="rtl">' in page
    assert translated("The stages of the lab", "ur") in page


def test_join_form_keeps_what_was_typed_when_the_name_is_missing(client, make_lab):
    lab = make_lab()
    response = _join(client, lab, name="", locale="bn", sector="nhs")
    page = html_text(response)
    assert response.status_code == 200
    assert "Enter your name." in page
    assert re.search(r'<input checked[^>]*name="sector"[^>]*value="nhs"', page)
    assert re.search(r'<input checked[^>]*name="locale"[^>]*value="bn"', page)


def test_join_rejects_an_unknown_language_or_support_need(client, make_lab):
    lab = make_lab()
    assert _join(client, lab, locale="xx").status_code == 200
    assert _join(client, lab, support_needs=["pony"]).status_code == 200
    assert "Choose from the list." in html_text(_join(client, lab, support_needs=["pony"]))


def test_a_member_opening_the_join_link_again_goes_to_the_lab(client, make_lab):
    lab = make_lab()
    _join(client, lab)
    response = client.get(f"/join/{lab.join_code}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/labs/{lab.id}/")


def test_participant_can_add_email_and_password_and_sign_in_elsewhere(app, client, make_lab):
    lab = make_lab()
    _join(client, lab, locale="en")
    response = client.post_form("/account", {"name": "Shazia B", "email": "shazia@example.org",
                                             "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 302
    other_device = app.test_client()
    response = other_device.post_form("/login", {"email": "shazia@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert "Riverside Lab" in html_text(other_device.get("/labs/"))


def test_account_refuses_mismatched_passwords_and_taken_email(client, make_lab, make_user):
    make_user(email="taken@example.org")
    lab = make_lab()
    _join(client, lab, locale="en")
    page = html_text(client.post_form("/account", {"name": "S", "email": "s@example.org",
                                                   "password": PASSWORD, "confirm": "different one"}))
    assert "The two passwords are not the same." in page
    page = html_text(client.post_form("/account", {"name": "S", "email": "taken@example.org",
                                                   "password": PASSWORD, "confirm": PASSWORD}))
    assert "Another account already uses this email address." in page


def test_changing_a_password_needs_the_current_one(client, make_user):
    user = make_user(email="amina@example.org")
    client.login_as(user)
    page = html_text(client.post_form("/account", {"name": "Amina", "email": "amina@example.org",
                                                   "current_password": "wrong", "password": "a new password 1",
                                                   "confirm": "a new password 1"}))
    assert "Your current password is not right." in page


def test_regenerated_code_stops_the_old_one(app, client, make_lab, make_user):
    facilitator = make_user()
    lab = make_lab(creator=facilitator)
    old = lab.join_code
    client.login_as(facilitator)
    client.post_form(f"/labs/{lab.id}/join-code/new")
    with app.app_context():
        new = db.session.get(Lab, lab.id).join_code
    assert new != old
    anonymous = app.test_client()
    assert anonymous.get(f"/join/{old}").status_code == 404
    assert anonymous.get(f"/join/{new}").status_code == 200


def test_join_code_uses_only_unambiguous_characters(app, make_lab):
    lab = make_lab()
    assert len(lab.join_code) == 6
    assert not set(lab.join_code) & set("0O1IL2Z5S8BQ")


def test_guessing_join_codes_is_rate_limited_but_joining_is_not(client, make_lab):
    make_lab()
    for _ in range(20):
        assert client.post_form("/join", {"code": "ZZZ999"}).status_code == 200
    assert client.post_form("/join", {"code": "ZZZ999"}).status_code == 429


def test_a_full_room_on_one_wifi_can_all_join(app, make_lab):
    """Successful joins from one address (a venue's Wi-Fi) do not use up the guessing limit."""
    lab = make_lab()
    for n in range(25):
        phone = app.test_client()
        assert phone.post_form("/join", {"code": lab.join_code}).status_code == 302
        assert phone.post_form(f"/join/{lab.join_code}", {"name": f"Guest {n}", "locale": "en"}).status_code == 302


def test_sign_ups_from_one_address_stop_at_the_configured_limit(make_app, make_lab):
    """Mass account-making from one address is capped; the cap is a setting, set above the largest room."""
    app = make_app(LABAPP_JOIN_RATE_LIMIT="3 per hour")
    lab = make_lab()
    statuses = []
    for n in range(4):
        phone = app.test_client()
        statuses.append(phone.post_form(f"/join/{lab.join_code}", {"name": f"Guest {n}", "locale": "en"}).status_code)
    assert statuses == [302, 302, 302, 429]
