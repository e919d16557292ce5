"""Fixtures for the load and fault tests: PostgreSQL only, and a gunicorn that is always stopped."""
import pytest

from tests.journeys.conftest import make_people, make_visit  # noqa: F401 - shared fixtures

from .harness import SECRET_KEY, Gunicorn

SKIP_SQLITE = pytest.mark.skip(reason="load and fault tests run against PostgreSQL under gunicorn")


def pytest_collection_modifyitems(items):
    """Skip the SQLite pass before any fixture runs (no SQLite template is built for nothing)."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if "tests/load/" in item.nodeid and callspec and callspec.params.get("database") == "sqlite":
            item.add_marker(SKIP_SQLITE)


@pytest.fixture
def pg_app(database, make_app):
    """Return an in-process app on the fresh PostgreSQL database, with the server's secret key."""
    if database["backend"] != "postgresql":
        pytest.skip("load and fault tests run against PostgreSQL under gunicorn")
    return make_app(SECRET_KEY=SECRET_KEY)


@pytest.fixture
def serve(tmp_path):
    """Return a factory that starts gunicorn (4 workers) on a database URL; every server is stopped after."""
    servers = []

    def factory(database_url, **env):
        server = Gunicorn(database_url, log_path=tmp_path / f"gunicorn-{len(servers)}.log", **env)
        servers.append(server)
        server.wait_ready()
        return server

    yield factory
    for server in servers:
        server.stop()
