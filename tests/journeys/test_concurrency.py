"""Many people pressing "sign up" at once never overfill a visit, and the waiting list keeps their order."""
import threading

import pytest

from labapp.extensions import db
from labapp.journeys import signups
from labapp.journeys.models import SignUp, Visit


def _race(app, visit_id, member_ids):
    """Sign every member up from its own thread and connection, all released at once; return results."""
    barrier = threading.Barrier(len(member_ids))
    results, errors = {}, []

    def worker(member_id):
        with app.app_context():
            try:
                barrier.wait(timeout=60)
                outcome = signups.sign_up(db.session.get(Visit, visit_id), member_id)
                status, position = outcome.signup.status, outcome.position
                db.session.commit()
                results[member_id] = (status, position)
            except Exception as error:  # noqa: BLE001 - any error fails the test below
                db.session.rollback()
                errors.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(member_id,)) for member_id in member_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    return results, errors


def _check(app, visit_id, member_ids, results, errors, capacity):
    assert errors == []
    assert len(results) == len(member_ids)
    with app.app_context():
        visit = db.session.get(Visit, visit_id)
        confirmed = signups.confirmed(visit)
        waiting = signups.waitlist(visit)
        assert len(confirmed) == capacity == visit.confirmed_count
        assert len(waiting) == len(member_ids) - capacity
        assert visit.status == "full"
        # Everyone got the answer they still hold: the places went to the first six through the lock, and each
        # waiting person's position, told at the time, is their position now (nobody jumped the queue).
        for member_id, (status, position) in results.items():
            row = db.session.scalar(db.select(SignUp).where(SignUp.membership_id == member_id))
            assert row.status == status
            assert signups.waitlist_position(row) == position
        assert sorted(results[s.membership_id][1] for s in waiting) == list(range(1, len(waiting) + 1))
        assert [results[s.membership_id][1] for s in waiting] == list(range(1, len(waiting) + 1))
        latest_confirmed = max(s.queued_at for s in confirmed)
        assert all(s.queued_at >= latest_confirmed for s in waiting)


def test_200_people_at_once_on_postgresql_fill_6_places_and_queue_194_in_order(database, make_app, make_lab,
                                                                                   make_people, make_visit):
    if database["backend"] != "postgresql":
        pytest.skip("the 200-connection race runs on PostgreSQL; SQLite has its own smaller race below")
    app = make_app(SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 40, "max_overflow": 0, "pool_timeout": 120})
    lab = make_lab()
    member_ids = make_people(lab, 200)
    visit_id = make_visit(lab, capacity=6)
    results, errors = _race(app, visit_id, member_ids)
    _check(app, visit_id, member_ids, results, errors, capacity=6)


def test_a_crowd_on_sqlite_fills_the_places_and_queues_the_rest(database, make_app, make_lab, make_people, make_visit):
    if database["backend"] != "sqlite":
        pytest.skip("the SQLite race")
    app = make_app(SQLALCHEMY_ENGINE_OPTIONS={"connect_args": {"timeout": 60}})
    lab = make_lab()
    member_ids = make_people(lab, 30)
    visit_id = make_visit(lab, capacity=6)
    results, errors = _race(app, visit_id, member_ids)
    _check(app, visit_id, member_ids, results, errors, capacity=6)


def test_forty_signed_in_people_pressing_the_button_at_once_through_the_web_pages(database, make_app, make_lab,
                                                                                   make_user, add_member, make_visit):
    options = {"pool_size": 45, "max_overflow": 0, "pool_timeout": 120} if database["backend"] == "postgresql" \
        else {"connect_args": {"timeout": 60}}
    app = make_app(SQLALCHEMY_ENGINE_OPTIONS=options)
    lab = make_lab()
    visit_id = make_visit(lab, capacity=6)
    clients, tokens = [], []
    for n in range(40):
        user = make_user(name=f"Web visitor {n}", email=f"web{n}@example.org")
        add_member(lab, user, "participant")
        client = app.test_client()
        client.login_as(user)
        clients.append(client)
        tokens.append(client.csrf_token())
    barrier = threading.Barrier(len(clients))
    codes, errors = [], []

    def press(client, token):
        try:
            barrier.wait(timeout=60)
            response = client.post(f"/labs/{lab.id}/journeys/{visit_id}/sign-up", data={"csrf_token": token})
            codes.append(response.status_code)
        except Exception as error:  # noqa: BLE001 - any error fails the test below
            errors.append(repr(error))

    threads = [threading.Thread(target=press, args=pair) for pair in zip(clients, tokens)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert errors == [] and codes == [302] * 40
    with app.app_context():
        visit = db.session.get(Visit, visit_id)
        assert visit.confirmed_count == 6 == len(signups.confirmed(visit))
        waiting = signups.waitlist(visit)
        assert len(waiting) == 34
        assert [signups.waitlist_position(s) for s in waiting] == list(range(1, 35))
