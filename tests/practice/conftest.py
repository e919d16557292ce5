"""Fixtures for review-session tests: a lab with a facilitator, a design-team member, two participants and a
prototype; another lab with its own session."""
from datetime import date

import pytest

from labapp.extensions import db
from labapp.labs.models import Lab, Membership
from labapp.practice import service
from labapp.practice.models import ReviewSession
from labapp.prototypes import service as prototypes_service


@pytest.fixture
def practice_lab(app, make_user, make_lab, add_member):
    """Lab A: Fran (facilitator), Dee (design team), Pat and Paul (participants), prototype "Warm homes".
    Lab B: its own facilitator, prototype and session."""
    fran = make_user(name="Fran Facilitator")
    lab = make_lab(creator=fran, name="Lab A")
    people, ids = {"fran": fran}, {}
    for key, name, role in [("dee", "Dee Design", "design_team"), ("pat", "Pat Participant", "participant"),
                            ("paul", "Paul Participant", "participant")]:
        people[key] = make_user(name=name)
        ids[key] = add_member(lab, people[key], role)
    other_lab = make_lab(name="Lab B")
    with app.app_context():
        lab_row = db.session.get(Lab, lab.id)
        ids["fran"] = lab_row.memberships[0].id
        prototype = prototypes_service.create_prototype(lab_row, name="Warm homes")
        other_row = db.session.get(Lab, other_lab.id)
        other_prototype = prototypes_service.create_prototype(other_row, name="Other lab's prototype")
        other_session = service.create_session(other_row, title="Other lab's session", held_on=date.today())
        db.session.commit()
        ids.update(prototype=prototype.id, other_prototype=other_prototype.id, other_session=other_session.id)
    return {"lab": lab, "other_lab": other_lab, "people": people, "ids": ids}


@pytest.fixture
def make_session(app, practice_lab):
    """Plan a session in lab A (today unless told); return its id."""

    def factory(title="Looking back", held_on=None, status="open", **values):
        with app.app_context():
            lab = db.session.get(Lab, practice_lab["lab"].id)
            session = service.create_session(lab, title=title, held_on=held_on or date.today(), **values)
            service.set_status(session, status)
            db.session.commit()
            return session.id

    return factory


@pytest.fixture
def make_lesson(app, practice_lab):
    """Record a lesson in a session, by a member given by key ("pat"…); return its id."""

    def factory(session_id, text="Residents changed the conversation", kind="worked", author="pat", **values):
        with app.app_context():
            session = db.session.get(ReviewSession, session_id)
            status = session.status
            session.status = "open"
            member = db.session.get(Membership, practice_lab["ids"][author]) if author else None
            lesson = service.add_lesson(session, member, text=text, kind=kind, **values)
            session.status = status
            db.session.commit()
            return lesson.id

    return factory


def url(practice_lab, path="", session_id=None):
    """Return a URL under lab A's practice pages."""
    base = f"/labs/{practice_lab['lab'].id}/practice/"
    return base + (f"{session_id}/" if session_id else "") + path



