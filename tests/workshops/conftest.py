"""Fixtures for workshop tests: a workshop factory and a lab with a signed-in facilitator."""
from datetime import date, time

import pytest

from labapp.extensions import db
from labapp.labs.models import Lab
from labapp.workshops import service


@pytest.fixture
def make_workshop(app):
    """Create a workshop in a lab (today, 10:00–13:00 unless told)."""

    def factory(lab, title="Observe workshop", day=None, start=time(10, 0), end=time(13, 0), **values):
        with app.app_context():
            starts_at, ends_at = service.combine(day or date.today(), start, end)
            workshop = service.create_workshop(db.session.get(Lab, lab.id), kind=values.pop("kind", "observe"),
                                               title=title, starts_at=starts_at, ends_at=ends_at, **values)
            db.session.commit()
            db.session.refresh(workshop)
            return workshop

    return factory


@pytest.fixture
def facilitator_client(app, client, make_user, make_lab):
    """Return (client signed in as the facilitator, lab, facilitator)."""
    facilitator = make_user(name="Fran Facilitator")
    lab = make_lab(creator=facilitator)
    client.login_as(facilitator)
    return client, lab, facilitator
