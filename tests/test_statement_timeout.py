"""On PostgreSQL a stuck SQL statement is stopped: the person gets the friendly "out of reach" page, not a hung tab."""
import pytest
from sqlalchemy import text

from labapp.extensions import db


def test_a_statement_that_runs_too_long_ends_in_the_friendly_page(make_app, database):
    if database["backend"] != "postgresql":
        pytest.skip("SQLite has no statement timeout; it runs inside the process")
    app = make_app(LABAPP_STATEMENT_TIMEOUT=1)

    @app.route("/test-slow")
    def slow():
        db.session.execute(text("SELECT pg_sleep(20)"))
        return "finished"

    response = app.test_client().get("/test-slow")
    assert response.status_code == 503
    assert "The lab is out of reach for a moment" in response.get_data(as_text=True)
    with app.app_context():  # the connection is usable again for the next request
        assert db.session.execute(text("SELECT 1")).scalar() == 1


def test_the_timeout_is_the_setting_and_zero_means_none(make_app, database):
    if database["backend"] != "postgresql":
        pytest.skip("SQLite has no statement timeout")
    app = make_app(LABAPP_STATEMENT_TIMEOUT=0)
    with app.app_context():
        assert db.session.execute(text("SHOW statement_timeout")).scalar() == "0"
    app = make_app(LABAPP_STATEMENT_TIMEOUT=5)
    with app.app_context():
        assert db.session.execute(text("SHOW statement_timeout")).scalar() == "5s"
