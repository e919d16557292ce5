"""Fixtures for the system map: a lab with a facilitator, a design-team member and a participant."""
from types import SimpleNamespace

import pytest

from labapp.extensions import db
from labapp.labs.models import Lab
from labapp.systemmap import service
from labapp.systemmap.models import Actor


@pytest.fixture
def map_lab(make_user, make_lab, add_member):
    """Return the lab and its people (facilitator, designer, participant)."""
    facilitator = make_user(name="Fran")
    lab = make_lab(creator=facilitator)
    designer, participant = make_user(name="Dee"), make_user(name="Pat")
    add_member(lab, designer, "design_team")
    add_member(lab, participant, "participant", sector="community")
    return SimpleNamespace(lab=lab, facilitator=facilitator, designer=designer, participant=participant)


@pytest.fixture
def make_actor(app):
    """Create an actor in a lab; return its id."""

    def factory(lab, name, kind="organisation", sector="nhs", level="manager", tags=(), parent=None, **kwargs):
        with app.app_context():
            actor = service.create_actor(db.session.get(Lab, lab.id), kind=kind, name=name, sector=sector,
                                         level=level, tags=list(tags),
                                         parent=db.session.get(Actor, parent) if parent else None, **kwargs)
            db.session.commit()
            return actor.id

    return factory


@pytest.fixture
def make_tie(app):
    """Tie two actors of a lab; return the tie's id."""

    def factory(lab, source, target, kind="works_with", strength=2, note=""):
        with app.app_context():
            tie = service.add_tie(db.session.get(Lab, lab.id), source=db.session.get(Actor, source),
                                  target=db.session.get(Actor, target), kind=kind, strength=strength, note=note)
            db.session.commit()
            return tie.id

    return factory


def signed_in(app, user):
    """Return a test client signed in as the person."""
    client = app.test_client()
    client.login_as(user)
    return client


class QueryCounter:
    """Count the SQL statements an app's engine runs while inside the with block."""

    def __init__(self, app):
        self.app, self.count = app, 0

    def _count(self, *args):
        self.count += 1

    def __enter__(self):
        from sqlalchemy import event

        with self.app.app_context():
            self.engine = db.engine
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        from sqlalchemy import event

        event.remove(self.engine, "before_cursor_execute", self._count)
