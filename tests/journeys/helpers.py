"""Helpers for journeys tests."""
from labapp.extensions import db
from labapp.journeys import signups
from labapp.journeys.models import Notice, SignUp, Visit


def visit_state(app, visit_id):
    """Return (status, confirmed_count, [confirmed membership ids], [waiting membership ids in order])."""
    with app.app_context():
        visit = db.session.get(Visit, visit_id)
        return (visit.status, visit.confirmed_count, [s.membership_id for s in signups.confirmed(visit)],
                [s.membership_id for s in signups.waitlist(visit)])


def sign_up(app, visit_id, membership_id):
    """Sign someone up through the service; return (status, position)."""
    with app.app_context():
        outcome = signups.sign_up(db.session.get(Visit, visit_id), membership_id)
        result = outcome.signup.status, outcome.position
        db.session.commit()
        return result


def notices_for(app, membership_id):
    with app.app_context():
        return [(n.kind, n.visit_id, n.seen_at is not None)
                for n in db.session.scalars(db.select(Notice).where(Notice.membership_id == membership_id))]


def signup_row(app, visit_id, membership_id):
    with app.app_context():
        row = db.session.scalar(db.select(SignUp).where(SignUp.visit_id == visit_id,
                                                        SignUp.membership_id == membership_id))
        if row is not None:
            db.session.expunge(row)
        return row
