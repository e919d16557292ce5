"""The pick limit under real concurrency on PostgreSQL: 300 people picking at once lose nothing and never overshoot."""
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from labapp.accounts.models import User
from labapp.datacards import picks
from labapp.datacards.models import Card, Pick, PickCount, PickSession
from labapp.extensions import db
from labapp.labs.models import Lab, Membership

PEOPLE = 300
TRIES = 5  # each person fires five picks at once; the limit is three


@pytest.fixture
def crowd(app, database, deck_lab, make_session):
    if database["backend"] != "postgresql":
        pytest.skip("the race is proven on PostgreSQL, where requests really run in parallel")
    session_id = make_session(deck_lab.lab, deck_lab.deck_id, pick_limit=3)
    with app.app_context():
        lab = db.session.get(Lab, deck_lab.lab.id)
        users = [User(name=f"Person {n}", session_token=f"token-{n}") for n in range(PEOPLE)]
        db.session.add_all(users)
        db.session.flush()
        members = [Membership(lab_id=lab.id, user_id=u.id, sector="community" if n % 2 else "nhs")
                   for n, u in enumerate(users)]
        db.session.add_all(members)
        db.session.commit()
        member_ids = [m.id for m in members]
        card_ids = [c.id for c in db.session.get(PickSession, session_id).deck.cards]
    return session_id, member_ids, card_ids


def test_three_hundred_people_picking_at_once_lose_no_pick_and_never_pass_the_limit(app, crowd):
    session_id, member_ids, card_ids = crowd
    assert len(card_ids) >= 4
    # Five tries on four cards: one card twice, so duplicates race too.
    wanted = [card_ids[i % len(card_ids)] for i in range(TRIES)]
    outcomes = Counter()
    lock = threading.Lock()
    start = threading.Barrier(16)

    def attempt(membership_id, card_id):
        with app.app_context():
            session = db.session.get(PickSession, session_id)
            outcome = picks.pick(session, db.session.get(Membership, membership_id), db.session.get(Card, card_id))
            db.session.commit()
            db.session.remove()
        with lock:
            outcomes[outcome] += 1

    def warm_up(_):
        start.wait(timeout=30)

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(warm_up, range(16)))
        # A person's five picks sit next to each other in the queue, so they run at the same time.
        jobs = [pool.submit(attempt, m, c) for m in member_ids for c in wanted]
        for job in jobs:
            job.result()

    with app.app_context():
        per_person = Counter(db.session.scalars(select(Pick.membership_id).where(Pick.session_id == session_id)))
        counters = dict(db.session.execute(select(PickCount.membership_id, PickCount.picked)
                                           .where(PickCount.session_id == session_id)).all())
        duplicates = db.session.scalar(
            select(func.count()).select_from(
                select(Pick.membership_id, Pick.card_id).where(Pick.session_id == session_id)
                .group_by(Pick.membership_id, Pick.card_id).having(func.count() > 1).subquery()))
        result = picks.tally(db.session.get(PickSession, session_id))
    assert len(per_person) == PEOPLE
    assert max(per_person.values()) == 3 and min(per_person.values()) == 3, "someone passed or missed the limit"
    assert counters == dict(per_person), "the counters agree with the picks"
    assert duplicates == 0
    # Every pick that was accepted is in the tally; nothing else is.
    assert outcomes[picks.PICKED] == PEOPLE * 3 == result.picks == sum(per_person.values())
    assert outcomes[picks.PICKED] + outcomes[picks.FULL] + outcomes[picks.ALREADY] == PEOPLE * TRIES
    assert result.people == PEOPLE and result.residents == PEOPLE // 2
