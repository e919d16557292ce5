"""Fixtures: an app with a fresh, migrated database per test, on SQLite and on PostgreSQL."""
import os
import re
import shutil
import uuid

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from labapp import chartstore, create_app
from labapp.accounts import service as accounts_service
from labapp.config import normalise_database_url
from labapp.extensions import db
from labapp.labs import service as labs_service
from labapp.accounts.models import User
from labapp.labs.models import Lab

PASSWORD = "correct horse battery"
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BACKENDS = ["sqlite", "postgresql"]


def _pg_admin_url() -> str:
    return normalise_database_url(os.environ.get("TEST_DATABASE_URL") or DEFAULT_PG)


def _postgres_required() -> bool:
    return os.environ.get("LABAPP_REQUIRE_POSTGRES", "") not in ("", "0")


def _pg_reachable(url: str) -> bool:
    engine = sa.create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            return True
    except sa.exc.OperationalError:
        return False
    finally:
        engine.dispose()


def base_config(database_url: str) -> dict:
    """Return the configuration a test app starts from."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "RATELIMIT_STORAGE_URI": "memory://",
        "LABAPP_LANGUAGES": ["en", "ur", "bn", "pa", "ar", "pl"],
        "SERVER_NAME": None,
    }


def _upgrade(url: str) -> None:
    from flask_migrate import upgrade

    app = create_app(base_config(url))
    with app.app_context():
        upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def database(request, tmp_path_factory):
    """Yield a migrated template database for one backend: a SQLite file, or a PostgreSQL database."""
    if request.param == "sqlite":
        template = tmp_path_factory.mktemp("db") / "template.sqlite"
        _upgrade(f"sqlite:///{template}")
        yield {"backend": "sqlite", "template": template}
        return
    admin_url = _pg_admin_url()
    if not _pg_reachable(admin_url):
        message = f"PostgreSQL not reachable at {sa.make_url(admin_url).render_as_string(hide_password=True)}"
        if _postgres_required():
            pytest.fail(message)
        pytest.skip(message)
    name = f"labapp_test_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    _upgrade(url)
    yield {"backend": "postgresql", "url": url}
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def database_url(database, tmp_path):
    """Return a URL to a fresh copy of the migrated database."""
    if database["backend"] == "sqlite":
        path = tmp_path / "test.sqlite"
        shutil.copy(database["template"], path)
        return f"sqlite:///{path}"
    return database["url"]


def _empty_postgres(app) -> None:
    with app.app_context():
        tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
        with db.engine.begin() as conn:
            conn.execute(sa.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


class LabClient(FlaskClient):
    """A test client that sends the CSRF token the way a browser form would."""

    def csrf_token(self) -> str:
        page = self.get("/login").get_data(as_text=True)
        return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)

    def post_form(self, url, data=None, **kwargs):
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf_token())
        return self.post(url, data=data, **kwargs)

    def login_as(self, user, password=PASSWORD):
        response = self.post_form("/login", {"email": user.email, "password": password})
        assert response.status_code == 302, "login failed in test setup"
        return response


@pytest.fixture
def make_app(database, database_url):
    """Return a factory for an app on the fresh database, with extra config."""
    apps = []

    def factory(**overrides):
        config = base_config(database_url)
        config.update(overrides)
        app = create_app(config)
        app.test_client_class = LabClient
        apps.append(app)
        return app

    yield factory
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    if database["backend"] == "postgresql" and apps:
        _empty_postgres(apps[0])
        with apps[0].app_context():
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    """An app on a fresh database. Tests open app contexts themselves, as requests do."""
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(autouse=True)
def fresh_process_charts():
    """Start each test as a new process would: no charts in memory (the database's own are per test)."""
    chartstore.forget_process_charts()
    yield
    chartstore.forget_process_charts()


@pytest.fixture
def count_drawings(monkeypatch):
    """Return count(module): from then on, the labels of the charts the module's _draw(plan) draws, in a list."""

    def count(module) -> list[str]:
        drawn = []
        draw = module._draw

        def counting(plan):
            drawn.append(plan["label"])
            return draw(plan)

        monkeypatch.setattr(module, "_draw", counting)
        return drawn

    return count


def _loaded(obj):
    """Commit, then load the object's columns so it stays readable outside the app context."""
    db.session.commit()
    db.session.refresh(obj)
    return obj


@pytest.fixture
def make_user(app):
    """Create a person; with a password unless told otherwise."""
    counter = iter(range(1, 10_000))

    def factory(name=None, email=None, password=PASSWORD, locale=None):
        n = next(counter)
        with app.app_context():
            user = accounts_service.create_user(
                name=name or f"Person {n}", locale=locale,
                email=email if email is not None else (f"person{n}@example.org" if password else None),
                password=password)
            return _loaded(user)

    return factory


@pytest.fixture
def make_lab(app, make_user):
    """Create a lab with a facilitator (made if not given)."""

    def factory(creator=None, name="Riverside Lab", place="Riverside", **kwargs):
        creator = creator or make_user(name="Fran Facilitator")
        with app.app_context():
            lab = labs_service.create_lab(
                creator=db.session.get(User, creator.id), name=name, place=place,
                question=kwargs.pop("question", "How do we make care fair?"),
                propositions=kwargs.pop("propositions", ["One", "Two", "Three"]),
                starts_on=kwargs.pop("starts_on", None), ends_on=kwargs.pop("ends_on", None))
            return _loaded(lab)

    return factory


@pytest.fixture
def add_member(app):
    """Give a person a role in a lab; return the membership's id."""

    def factory(lab, user, role, **kwargs):
        with app.app_context():
            membership = labs_service.add_member(db.session.get(Lab, lab.id), db.session.get(User, user.id),
                                                 role, **kwargs)
            return _loaded(membership).id

    return factory
