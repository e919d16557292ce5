"""Time the workshop pages for a lab of 2,000 members, 20 workshops and 6,000 check-ins.

Run: .venv/bin/python bench/bench_workshops.py   (SQLite in a temporary file, then a throwaway
PostgreSQL database on 127.0.0.1:5432). Results are written down in bench/RESULTS.md.
"""
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.conftest import base_config, _upgrade, PASSWORD
from labapp import create_app
from labapp.extensions import db
from labapp.accounts import service as acc
from labapp.labs import service as labs
from labapp.workshops import service
from labapp.workshops.models import Attendance
from datetime import date, time as t, timedelta

def run(url, label):
    _upgrade(url)
    app = create_app(base_config(url)); app.test_client_class = __import__("tests.conftest", fromlist=["LabClient"]).LabClient
    with app.app_context():
        fran = acc.create_user(name="Fran", email="fran@example.org", password=PASSWORD)
        lab = labs.create_lab(creator=fran, name="L", place="P", question="Q", propositions=[], starts_on=None, ends_on=None)
        sectors = list(lab.sectors) + [None]
        members = []
        for n in range(2000):
            u = acc.create_user(name=f"Person {n:04d} Khan", locale="ur")
            members.append(labs.add_member(lab, u, "participant", sector=sectors[n % len(sectors)]))
        db.session.flush()
        ws = []
        for k in range(20):
            s, e = service.combine(date.today() - timedelta(days=20 - k), t(10), t(13))
            ws.append(service.create_workshop(lab, kind="observe", title=f"W{k}", starts_at=s, ends_at=e))
        db.session.flush()
        for k, w in enumerate(ws):
            for m in members[k * 50: k * 50 + 300]:
                db.session.add(Attendance(workshop_id=w.id, membership_id=m.id, name=m.user.name, sector=m.sector))
        db.session.commit()
        lab_id, wid = lab.id, ws[-1].id
    c = app.test_client(); c.login_as(type("U", (), {"email": "fran@example.org"}))
    def timeit(fn, n=20):
        xs = []
        for _ in range(n):
            t0 = time.perf_counter(); r = fn(); xs.append((time.perf_counter() - t0) * 1000)
            assert r.status_code == 200, r.status_code
        return statistics.median(xs)
    print(label, "check-in page ?q=khan (all 2000 match; 21 loaded): %.1f ms" % timeit(lambda: c.get(f"/labs/{lab_id}/workshops/{wid}/checkin?q=khan")))
    print(label, "check-in page, no query: %.1f ms" % timeit(lambda: c.get(f"/labs/{lab_id}/workshops/{wid}/checkin")))
    print(label, "attendance page (20 workshops, 6000 check-ins, both tables): %.1f ms" % timeit(lambda: c.get(f"/labs/{lab_id}/workshops/attendance")))
    print(label, "attendance.csv by sector: %.1f ms" % timeit(lambda: c.get(f"/labs/{lab_id}/workshops/attendance.csv?by=sector")))
    # check-in POST
    with app.app_context():
        from labapp.labs.models import Membership
        ids = [m for m in db.session.scalars(sa.select(Membership.id).where(Membership.lab_id == lab_id)).all()][-40:]
    xs = []
    for mid in ids:
        t0 = time.perf_counter(); r = c.post_form(f"/labs/{lab_id}/workshops/{wid}/checkin/members/{mid}"); xs.append((time.perf_counter()-t0)*1000)
        assert r.status_code == 302
    print(label, "check-in POST (incl. CSRF-token fetch in the test client): %.1f ms" % statistics.median(xs))
    with app.app_context():
        db.engine.dispose()

with tempfile.TemporaryDirectory() as folder:
    run(f"sqlite:///{folder}/bench.sqlite", "sqlite")
admin = sa.create_engine("postgresql+psycopg://postgres@127.0.0.1:5432/postgres", isolation_level="AUTOCOMMIT")
name = "bench_ws_" + uuid.uuid4().hex[:6]
with admin.connect() as conn: conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
try:
    run(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}", "postgresql")
finally:
    with admin.connect() as conn: conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
