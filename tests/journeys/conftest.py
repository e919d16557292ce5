"""Fixtures for journeys tests: hosts, visits and members to sign up."""
from datetime import date, time

import pytest

from labapp.extensions import db
from labapp.journeys import service
from labapp.journeys.models import Host
from labapp.labs.models import Lab


@pytest.fixture
def make_visit(app):
    """Create an open visit (with a host named after it unless given) and return its id."""

    def factory(lab, title="A morning at Moor Lane Surgery", day=date(2027, 2, 10), starts=time(10, 0),
                ends=time(12, 0), capacity=6, status="open", host_id=None, **values):
        with app.app_context():
            lab_row = db.session.get(Lab, lab.id)
            host = db.session.get(Host, host_id) if host_id else service.save_host(
                Host(lab_id=lab_row.id), actor=None, organisation=values.pop("organisation", "Moor Lane Surgery"),
                contact_name="Dr Patel", contact_email="practice@example.org", contact_phone="01274 000000")
            visit = service.create_visit(host, title=title, day=day, starts=starts, ends=ends, capacity=capacity,
                                         status=status, **values)
            db.session.commit()
            return visit.id

    return factory


@pytest.fixture
def make_people(make_user, add_member):
    """Add n participants to a lab; return their membership ids in order."""

    def factory(lab, n, role="participant", sectors=None, password=None, **kwargs):
        ids = []
        for index in range(n):
            user = make_user(name=f"Visitor {index + 1}", email=f"visitor{index + 1}-{lab.id}@example.org",
                             password=password)
            sector = sectors[index % len(sectors)] if sectors else None
            ids.append(add_member(lab, user, role, sector=sector, **kwargs))
        return ids

    return factory


@pytest.fixture
def facilitator_client(app, client, make_user, make_lab):
    """Return (client signed in as the facilitator, lab, facilitator)."""
    facilitator = make_user(name="Fran Facilitator")
    lab = make_lab(creator=facilitator)
    client.login_as(facilitator)
    return client, lab, facilitator


@pytest.fixture
def participant(app, make_user, add_member):
    """Return a factory: (user, membership id) for a participant of the lab who can sign in."""
    counter = iter(range(1, 1000))

    def factory(lab, name=None, sector="community", **kwargs):
        n = next(counter)
        user = make_user(name=name or f"Participant {n}", email=f"participant{n}@example.org")
        return user, add_member(lab, user, "participant", sector=sector, **kwargs)

    return factory
