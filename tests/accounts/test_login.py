"""Signing in and out with email and password."""
from tests.conftest import PASSWORD
from tests.helpers import html_text, translated


def test_sign_in_with_email_and_password_opens_my_labs(client, make_user):
    user = make_user(email="amina@example.org")
    response = client.post_form("/login", {"email": "Amina@Example.org ", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/labs/")
    assert "My labs" in client.get("/labs/").get_data(as_text=True)
    assert user.password_hash and PASSWORD not in user.password_hash


def test_wrong_password_says_so_and_keeps_the_email(client, make_user):
    make_user(email="amina@example.org")
    response = client.post_form("/login", {"email": "amina@example.org", "password": "not the password"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The email address or password is not right." in page
    assert 'value="amina@example.org"' in page
    assert "not the password" not in page


def test_login_refuses_a_form_without_csrf_token(client, make_user):
    make_user(email="amina@example.org")
    response = client.post("/login", data={"email": "amina@example.org", "password": PASSWORD})
    assert response.status_code == 400
    assert "reload the page and try again" in html_text(response)
    assert client.get("/labs/").status_code == 302


def test_login_is_rate_limited_with_a_translated_message(client, make_user):
    make_user(email="amina@example.org")
    for _ in range(10):
        assert client.post_form("/login", {"email": "amina@example.org", "password": "wrong"}).status_code == 200
    response = client.post_form("/login", {"email": "amina@example.org", "password": "wrong"},
                                headers={"Accept-Language": "pl"})
    assert response.status_code == 429
    page = html_text(response)
    assert '<html lang="pl"' in page
    assert translated("Too many attempts", "pl") in page


def test_after_signing_in_the_next_page_must_be_on_this_site(client, make_user):
    make_user(email="amina@example.org")
    response = client.post_form("/login", {"email": "amina@example.org", "password": PASSWORD,
                                           "next": "https://evil.example.com/"})
    assert response.headers["Location"].endswith("/labs/")


def test_sign_out_needs_a_post_with_token(client, make_user):
    user = make_user()
    client.login_as(user)
    assert client.get("/logout").status_code == 405
    client.post_form("/logout")
    assert client.get("/labs/").status_code == 302


def test_pages_of_labs_send_the_signed_out_to_sign_in(client):
    response = client.get("/labs/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
