"""Fixtures for prototype tests: a lab with a team, a coach, a sponsor, a reader and another lab."""
from datetime import date, timedelta

import pytest

from labapp.accounts.models import User
from labapp.extensions import db
from labapp.labs.models import Lab, Membership
from labapp.prototypes import measures, service
from labapp.prototypes.models import Prototype


@pytest.fixture
def team_lab(app, make_user, make_lab, add_member):
    """Lab A: facilitator Fran; prototype "Warm homes" led by Lee with member Mo, coach Cat, sponsor Sam;
    Rita a participant who only reads. Lab B: its own prototype."""
    fran = make_user(name="Fran Facilitator")
    lab = make_lab(creator=fran, name="Lab A")
    people = {"fran": fran}
    ids = {}
    for key, name, role in [("lee", "Lee Lead", "prototype_team"), ("mo", "Mo Member", "prototype_team"),
                            ("cat", "Cat Coach", "coach"), ("sam", "Sam Sponsor", "sponsor"),
                            ("rita", "Rita Reader", "participant")]:
        people[key] = make_user(name=name)
        ids[key] = add_member(lab, people[key], role)
    other_lab = make_lab(name="Lab B")
    with app.app_context():
        lab_row = db.session.get(Lab, lab.id)
        prototype = service.create_prototype(
            lab_row, lead=db.session.get(Membership, ids["lee"]), name="Warm homes", propositions=[1],
            aim="Refer 20 people a week", hypothesis="People do not know the advice service exists",
            who_for="People in fuel poverty", starts_on=date.today() - timedelta(weeks=2), cycle_weeks=6,
            status="testing")
        for key, role in [("mo", "member"), ("cat", "coach"), ("sam", "sponsor")]:
            service.set_team_role(prototype, db.session.get(Membership, ids[key]), role)
        other = service.create_prototype(db.session.get(Lab, other_lab.id), name="Other lab's prototype")
        db.session.commit()
        ids["prototype"], ids["other_prototype"] = prototype.id, other.id
    return {"lab": lab, "other_lab": other_lab, "people": people, "ids": ids}


def get_prototype(app, prototype_id):
    with app.app_context():
        return db.session.get(Prototype, prototype_id)


@pytest.fixture
def make_cycle(app):
    """Open the next cycle of a prototype; return its id."""

    def factory(prototype_id, **text):
        with app.app_context():
            prototype = db.session.get(Prototype, prototype_id)
            cycle = service.start_cycle(prototype, None)
            if text:
                service.save_cycle(cycle, cycle.version, text, None)
            db.session.commit()
            return cycle.id

    return factory


@pytest.fixture
def make_measure(app):
    """Add a measure with weekly values (a list; None skips a week); return its id."""

    def factory(prototype_id, values=(), kind="count", start=date(2027, 4, 5), **fields):
        with app.app_context():
            prototype = db.session.get(Prototype, prototype_id)
            measure = measures.create_measure(prototype, name=fields.pop("name", "Referrals"), kind=kind, **fields)
            for week, value in enumerate(values):
                if value is None:
                    continue
                period = start + timedelta(weeks=week)
                if kind == "proportion":
                    measures.set_value(measure, period, numerator=value[0], denominator=value[1])
                else:
                    measures.set_value(measure, period, value=value)
            db.session.commit()
            return measure.id

    return factory


def user(app, user_id):
    with app.app_context():
        return db.session.get(User, user_id)
