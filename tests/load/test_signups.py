"""200 signed-in people press "sign up" for one visit at once, through gunicorn with 4 workers."""
import threading
import time

import pytest

from labapp.extensions import db
from labapp.journeys import signups
from labapp.journeys.models import SignUp, Visit
from labapp.labs.models import Membership

from .harness import mint_session, read_session, request

pytestmark = [pytest.mark.load, pytest.mark.postgres_only]
PEOPLE = 200


def test_200_people_at_once_get_6_places_and_194_waiting_places_in_order(pg_app, serve, database_url, make_lab,
                                                                         make_people, make_visit):
    lab = make_lab()
    member_ids = make_people(lab, PEOPLE, password=None)
    visit_id = make_visit(lab, capacity=6)
    server = serve(database_url)
    with pg_app.app_context():
        sessions = {}
        for membership in db.session.scalars(db.select(Membership).where(Membership.id.in_(member_ids))):
            sessions[membership.id] = mint_session(pg_app, membership.user)
    path = f"/labs/{lab.id}/journeys/{visit_id}/sign-up"
    barrier = threading.Barrier(PEOPLE)
    answers, errors = {}, []

    def press(member_id):
        cookie, token = sessions[member_id]
        try:
            barrier.wait(timeout=60)
            answers[member_id] = request(server.port, "POST", path, data={"csrf_token": token}, cookie=cookie,
                                         timeout=120)
        except Exception as error:  # noqa: BLE001 - any error fails the test below
            errors.append(repr(error))

    started = time.monotonic()
    threads = [threading.Thread(target=press, args=(m,)) for m in member_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    elapsed = time.monotonic() - started
    assert errors == []
    statuses = sorted({a.status for a in answers.values()})
    assert statuses == [302], f"answers other than a redirect: {statuses}"
    # What each person was told, in the flash message the server put in their session.
    told = {}
    for member_id, answer in answers.items():
        flashes = [message for _category, message in read_session(pg_app, answer.cookies["session"])["_flashes"]]
        told[member_id] = flashes[0]
    with pg_app.app_context():
        visit = db.session.get(Visit, visit_id)
        confirmed = signups.confirmed(visit)
        waiting = signups.waitlist(visit)
        assert len(confirmed) == 6 == visit.confirmed_count
        assert len(waiting) == PEOPLE - 6
        assert visit.status == "full"
        assert [signups.waitlist_position(s) for s in waiting] == list(range(1, PEOPLE - 5))
        for position, row in enumerate(waiting, start=1):
            assert f"You are number {position} on the waiting list" in told[row.membership_id]
        for row in confirmed:
            assert told[row.membership_id].startswith("You have a place on this visit")
        assert db.session.scalar(db.select(db.func.count()).select_from(SignUp)) == PEOPLE
    print(f"\n200 sign-ups through gunicorn (4 workers): {elapsed:.1f}s from the barrier to the last answer")
