"""The health check, security headers, cookies and error pages."""
import re

from labapp import create_app
from labapp.extensions import db
from tests.conftest import base_config


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": True}


def test_healthz_answers_503_when_the_database_is_unreachable(tmp_path):
    app = create_app(base_config(f"sqlite:///{tmp_path}/missing-folder/nothing.sqlite"))
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] is False
    with app.app_context():
        db.engine.dispose()


def test_every_page_carries_strict_security_headers(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script(client):
    page = client.get("/login").get_data(as_text=True)
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []
    assert " onclick=" not in page and " onchange=" not in page


def test_session_cookie_is_httponly_and_lax(client):
    response = client.get("/login")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_cookies_are_secure_over_https(client):
    response = client.get("/login", base_url="https://lab.example.org")
    assert "; Secure" in response.headers["Set-Cookie"]
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_static_files_are_served_by_the_app(client):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "inline-size" in response.get_data(as_text=True)
    response.close()


def test_stylesheets_use_logical_properties_only():
    from labapp import ROOT

    for sheet in (ROOT / "static" / "css").glob("*.css"):
        text = sheet.read_text()
        physical = re.findall(r"(?<![-\w])(?:margin|padding|border)-(?:left|right)\b|(?<![-\w])(?:left|right)\s*:|text-align:\s*(?:left|right)|float:\s*(?:left|right)", text)
        assert physical == [], f"{sheet.name} uses physical directions: {physical}"
