"""Time learning journeys: 200 people signing up at once, the allocation, the brief PDF.

Run: .venv/bin/python bench/bench_journeys.py   (a throwaway SQLite file, and a throwaway PostgreSQL database
at TEST_DATABASE_URL or postgresql://postgres@127.0.0.1:5432/postgres when one answers)
Results are written down by hand, with the machine they came from.
"""
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import date
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from labapp import create_app  # noqa: E402
from labapp.accounts import service as accounts  # noqa: E402
from labapp.config import normalise_database_url  # noqa: E402
from labapp.extensions import db  # noqa: E402
from labapp.journeys import service, signups  # noqa: E402
from labapp.journeys.allocation import Person, Place, allocate  # noqa: E402
from labapp.journeys.models import Host, Visit  # noqa: E402
from labapp.labs import service as labs  # noqa: E402

PEOPLE = 200
RUNS = 5


def _setup(url: str, pool: dict):
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False,
                      "SQLALCHEMY_ENGINE_OPTIONS": pool})
    with app.app_context():
        upgrade()
        owner = accounts.create_user(name="Owner", email="owner@example.org", password="bench password")
        lab = labs.create_lab(creator=owner, name="Bench Lab", place="Benchton", question="Q?",
                              propositions=["a", "b", "c"], starts_on=None, ends_on=None)
        members = [labs.add_member(lab, accounts.create_user(name=f"Member {n}"), "participant",
                                   sector=random.Random(n).choice(["community", "nhs", "vcse"])) for n in range(PEOPLE)]
        host = service.save_host(Host(lab_id=lab.id), actor=None, organisation="Bench host")
        visit = service.create_visit(host, title="Bench visit", day=date(2027, 2, 1), starts=clock(10), ends=clock(12),
                                     capacity=6, status="open")
        db.session.commit()
        return app, lab.id, visit.id, [m.id for m in members]


def _race(app, visit_id, member_ids) -> float:
    barrier = threading.Barrier(len(member_ids) + 1)

    def worker(member_id):
        with app.app_context():
            barrier.wait()
            signups.sign_up(db.session.get(Visit, visit_id), member_id)
            db.session.commit()
            db.session.remove()

    threads = [threading.Thread(target=worker, args=(m,)) for m in member_ids]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    with app.app_context():
        visit = db.session.get(Visit, visit_id)
        assert visit.confirmed_count == 6 and len(signups.waitlist(visit)) == len(member_ids) - 6
    return elapsed


def bench_backend(name: str, url: str, pool: dict, people: int) -> None:
    app, lab_id, visit_id, member_ids = _setup(url, pool)
    elapsed = _race(app, visit_id, member_ids[:people])
    print(f"  {name}: {people} sign-ups at once for 6 places: {elapsed * 1000:.0f} ms in all, "
          f"{elapsed / people * 1000:.1f} ms each (6 confirmed, {people - 6} waiting)")
    client = app.test_client()
    client.post("/login", data={"email": "owner@example.org", "password": "bench password"})
    for lang in ("en", "ur"):
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            response = client.get(f"/labs/{lab_id}/journeys/{visit_id}/brief.pdf?lang={lang}")
            times.append(time.perf_counter() - start)
            assert response.status_code == 200
        print(f"  {name}: brief.pdf with 6 visitors ({lang}), median of {RUNS}: {statistics.median(times) * 1000:.0f} ms")
    with app.app_context():
        db.engine.dispose()


def bench_allocation() -> None:
    rnd = random.Random(5)
    places = [Place(v, 6) for v in range(1, 21)]
    people = [Person(p, rnd.choice(["community", "community", "nhs", "vcse", "local_authority"]),
                     tuple(rnd.sample(range(1, 21), 3))) for p in range(1, 121)]
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        result = allocate(people, places)
        times.append(time.perf_counter() - start)
    counts = result.count_by_rank()
    print(f"  allocation, 120 people, 20 visits of 6, median of {RUNS}: {statistics.median(times) * 1000:.0f} ms "
          f"(1st {counts[1]}, 2nd {counts[2]}, 3rd {counts[3]}, none {counts[None]}, {result.swaps} swaps)")


def main() -> None:
    print("learning journeys")
    bench_allocation()
    with tempfile.TemporaryDirectory() as tmp:
        bench_backend("SQLite", f"sqlite:///{tmp}/bench.sqlite", {"connect_args": {"timeout": 60}}, 50)
    admin_url = normalise_database_url(os.environ.get("TEST_DATABASE_URL")
                                       or "postgresql://postgres@127.0.0.1:5432/postgres")
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"labapp_bench_{uuid.uuid4().hex[:8]}"
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError:
        print("  PostgreSQL: not reachable, skipped")
        return
    try:
        url = sa.make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        bench_backend("PostgreSQL", url, {"pool_size": 40, "max_overflow": 0, "pool_timeout": 120}, PEOPLE)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
