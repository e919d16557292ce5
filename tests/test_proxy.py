"""Behind a reverse proxy, labapp believes only the forwarded headers its own proxies wrote."""
import pytest

from labapp.config import trusted_proxies


@pytest.mark.parametrize("value, expected", [("0", 0), ("", 0), ("1", 1), ("yes", 1), ("2", 2), ("nonsense", 0)])
def test_the_number_of_trusted_proxies_is_read_from_the_setting(value, expected):
    assert trusted_proxies(value) == expected


def test_without_a_trusted_proxy_forwarded_https_is_ignored(make_app):
    client = make_app().test_client()
    response = client.get("/healthz", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers


def test_behind_one_trusted_proxy_https_turns_on_hsts_and_secure_cookies(make_app):
    client = make_app(LABAPP_PROXY_FIX=1).test_client()
    response = client.get("/accounts/login", headers={"X-Forwarded-Proto": "https"})
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert all("Secure" in cookie for cookie in response.headers.getlist("Set-Cookie"))
    assert response.headers.getlist("Set-Cookie")


def test_a_client_cannot_pass_itself_off_as_https_through_one_proxy(make_app):
    client = make_app(LABAPP_PROXY_FIX=1).test_client()
    # The client forged the first value; our one proxy appended the real scheme (http).
    response = client.get("/healthz", headers={"X-Forwarded-Proto": "https, http"})
    assert "Strict-Transport-Security" not in response.headers
