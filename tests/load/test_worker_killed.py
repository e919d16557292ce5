"""A gunicorn worker killed in the middle of a burst of writes leaves nothing half-written, and is replaced."""
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from labapp.extensions import db
from labapp.journeys import signups
from labapp.journeys.models import SignUp, Visit
from labapp.labs.models import Membership
from labapp.outreach.models import Outreach

from .harness import mint_session, multipart, request

pytestmark = [pytest.mark.load, pytest.mark.postgres_only]
IMPORTS, SIGN_UPS, ROWS = 60, 40, 25


def _csv(batch: int) -> bytes:
    lines = ["name,actor,sector,level,status"] + [f"Batch {batch} person {row},,community,resident,to_invite"
                                                   for row in range(ROWS)]
    return ("\n".join(lines) + "\n").encode()


def _open_sockets(pid: int) -> int:
    count = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            count += os.readlink(fd).startswith("socket:")
        except OSError:
            pass
    return count


def test_a_worker_killed_during_100_writes_leaves_each_write_whole_or_absent(pg_app, serve, database_url, make_user,
                                                                              make_lab, make_people, make_visit):
    facilitator = make_user(name="Fran Facilitator")
    lab = make_lab(creator=facilitator)
    member_ids = make_people(lab, SIGN_UPS, password=None)
    visit_id = make_visit(lab, capacity=10)
    server = serve(database_url)
    with pg_app.app_context():
        boss = mint_session(pg_app, db.session.get(type(facilitator), facilitator.id))
        people = {m.id: mint_session(pg_app, m.user)
                  for m in db.session.scalars(db.select(Membership).where(Membership.id.in_(member_ids)))}
    jobs = [("import", batch) for batch in range(IMPORTS)] + [("sign-up", m) for m in member_ids]
    barrier = threading.Barrier(len(jobs) + 1)
    answers, dropped, lock = {}, {}, threading.Lock()

    def send(kind, key):
        if kind == "import":
            cookie, token = boss
            body, content_type = multipart({"csrf_token": token}, {"file": (f"batch-{key}.csv", _csv(key))})
            call = dict(body=body, content_type=content_type)
            path = f"/labs/{lab.id}/outreach/import"
        else:
            cookie, token = people[key]
            call = dict(data={"csrf_token": token})
            path = f"/labs/{lab.id}/journeys/{visit_id}/sign-up"
        barrier.wait(timeout=60)
        try:
            answer = request(server.port, "POST", path, cookie=cookie, timeout=60, **call)
        except OSError as error:  # the killed worker's connections are cut
            with lock:
                dropped[(kind, key)] = repr(error)
            return
        with lock:
            answers[(kind, key)] = answer.status

    threads = [threading.Thread(target=send, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    before = server.worker_pids()
    barrier.wait(timeout=60)
    started = time.monotonic()
    while len(answers) < 10 and time.monotonic() - started < 60:  # kill once the burst is well under way
        time.sleep(0.01)
    victim = max(before, key=_open_sockets)  # the worker holding the most connections
    os.kill(victim, signal.SIGKILL)
    killed_after = len(answers)
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    assert set(answers.values()) <= {302}, f"answers: {sorted(set(answers.values()))}"
    assert len(answers) + len(dropped) == len(jobs)
    assert dropped, "the killed worker had no request in flight: the test proved nothing"

    with pg_app.app_context():
        batch_of = db.func.regexp_replace(Outreach.person_name, r" person \d+$", "")
        counts = dict(db.session.execute(
            db.select(batch_of, db.func.count()).where(Outreach.lab_id == lab.id).group_by(batch_of)).all())
        for batch in range(IMPORTS):
            # Whole or absent; and whole whenever the person was told it went in.
            assert counts.get(f"Batch {batch}", 0) in (0, ROWS), f"batch {batch} half-imported"
            if ("import", batch) in answers:
                assert counts.get(f"Batch {batch}") == ROWS
        visit = db.session.get(Visit, visit_id)
        rows = db.session.scalars(db.select(SignUp).where(SignUp.visit_id == visit_id)).all()
        confirmed = signups.confirmed(visit)
        assert visit.confirmed_count == len(confirmed) == min(10, len(rows))
        waiting = signups.waitlist(visit)
        assert len(waiting) == len(rows) - len(confirmed)
        assert [signups.waitlist_position(s) for s in waiting] == list(range(1, len(waiting) + 1))
        signed = {row.membership_id for row in rows}
        assert all(m in signed for kind, m in answers if kind == "sign-up")

    # The master put a new worker in place of the dead one, and the site still answers.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (victim in server.worker_pids() or len(server.worker_pids()) != 4):
        time.sleep(0.2)
    after = server.worker_pids()
    assert victim not in after and len(after) == 4
    assert request(server.port, "GET", "/healthz").status == 200
    print(f"\nworker {victim} killed after {killed_after} of {len(jobs)} answers; {len(answers)} answered 302, "
          f"{len(dropped)} cut off; {len([b for b in range(IMPORTS) if counts.get(f'Batch {b}')])} of {IMPORTS} "
          f"imports and {len(rows)} of {SIGN_UPS} sign-ups stored; workers before {before}, after {after}")
