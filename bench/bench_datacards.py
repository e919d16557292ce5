"""Time a 60-card deck PDF in Urdu, and the live tally with 500 pickers (time and SQL queries per request).

Run: /work/main/.venv/bin/python bench/bench_datacards.py   (SQLite in a temporary file, then a throwaway
PostgreSQL database on 127.0.0.1:5432). Write the figures in the report, not here.
"""
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from labapp import create_app  # noqa: E402
from labapp.accounts import service as accounts  # noqa: E402
from labapp.accounts.models import User  # noqa: E402
from labapp.datacards import chartstore, picks, service  # noqa: E402
from labapp.extensions import db  # noqa: E402
from labapp.labs import service as labs  # noqa: E402
from labapp.labs.models import Membership  # noqa: E402
from labapp.workshops import service as workshops  # noqa: E402
from tests.conftest import PASSWORD, LabClient, _upgrade, base_config  # noqa: E402

CARDS, PICKERS = 60, 500
KINDS = ["bar", "line", "number", ""]


def build(app):
    """Make a lab with a 60-card deck (charts on three in four, Urdu for all) and 500 people with 3 picks each."""
    with app.app_context():
        fran = accounts.create_user(name="Fran", email="fran@example.org", password=PASSWORD)
        lab = labs.create_lab(creator=fran, name="Bench Lab", place="Bradford", question="Q", propositions=[],
                              starts_on=None, ends_on=None)
        deck = service.create_deck(lab, title="Sixty cards", language="en")
        categories = [service.save_category(deck, letter=letter, title=f"Category {letter}", question="")
                      for letter in "ABCD"]
        cards = []
        for n in range(CARDS):
            kind = KINDS[n % 4]
            rows = [[f"Area {k + 1}", 3.5 + k * 0.4] for k in range(5 if kind != "number" else 1)] if kind else []
            card = service.create_card(deck, categories[n % 4], code=f"{'ABCD'[n % 4]}{n // 4 + 1}",
                                       headline=f"Card {n + 1}: fewer appointments per person in poorer areas",
                                       body="People in the *most deprived* areas get fewer appointments.\n\n- one\n- two",
                                       source="NHS Digital", year="2024", geography="Bradford", chart_kind=kind,
                                       chart_unit="per person", chart_rows=rows)
            service.save_translation(card, "ur", headline=f"کارڈ {n + 1}: غریب علاقوں میں فی شخص کم ملاقاتیں",
                                     body="سب سے *محروم* علاقوں کے لوگوں کو کم ملاقاتیں ملتی ہیں۔", source_note="")
            cards.append(card)
        starts, ends = workshops.combine(datetime(2027, 1, 20).date(), datetime(2027, 1, 20, 10).time(),
                                         datetime(2027, 1, 20, 13).time())
        workshop = workshops.create_workshop(lab, kind="observe", title="Observe", starts_at=starts, ends_at=ends)
        session = picks.open_session(lab, deck, workshop, pick_limit=3)
        users = [User(name=f"Person {n}", session_token=f"bench-{n}") for n in range(PICKERS)]
        db.session.add_all(users)
        db.session.flush()
        members = [Membership(lab_id=lab.id, user_id=u.id, sector="community" if n % 2 else "nhs")
                   for n, u in enumerate(users)]
        db.session.add_all(members)
        db.session.flush()
        for n, member in enumerate(members):
            for k in range(3):
                picks.pick(session, member, cards[(n * 7 + k * 13) % CARDS])
        db.session.commit()
        return lab.id, deck.id, session.id


def median_ms(fn, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = fn()
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(times)


def count_queries(app, client, url):
    with app.app_context():
        engine = db.engine
    statements = []

    def listen(conn, cursor, statement, *args):
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", listen)
    try:
        assert client.get(url).status_code == 200
    finally:
        sa.event.remove(engine, "before_cursor_execute", listen)
    if "-v" in sys.argv:
        print("\n".join(" ".join(q.split())[:110] for q in statements))
    return len(statements)


def run(url, label):
    _upgrade(url)
    app = create_app(base_config(url))
    app.test_client_class = LabClient
    lab_id, deck_id, session_id = build(app)
    client = app.test_client()
    client.login_as(type("Person", (), {"email": "fran@example.org"}))
    base = f"/labs/{lab_id}"
    chartstore.forget_process_charts()
    first_url = f"{base}/decks/{deck_id}.pdf?lang=ur&layout=a6"
    print(f"{label}: 60-card deck PDF in Urdu, a6, first time (45 charts drawn): "
          f"{median_ms(lambda: client.get(first_url), 1):.0f} ms")
    for layout in ("a6", "a4"):
        pdf_url = f"{base}/decks/{deck_id}.pdf?lang=ur&layout={layout}"
        size = len(client.get(pdf_url).data)
        print(f"{label}: 60-card deck PDF in Urdu, {layout}, charts already drawn: "
              f"{median_ms(lambda: client.get(pdf_url), 3):.0f} ms (median of 3; {size / 1024:.0f} KiB)")
    for name, path in (("tally page", "tally"), ("tally.json", "tally.json")):
        tally_url = f"{base}/pick-sessions/{session_id}/{path}"
        print(f"{label}: {name}, {PICKERS} pickers x 3 picks, {CARDS} cards: "
              f"{median_ms(lambda: client.get(tally_url), 20):.1f} ms (median of 20), "
              f"{count_queries(app, client, tally_url)} SQL queries")
    with app.app_context():
        db.engine.dispose()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite:///{folder}/bench.sqlite", "sqlite")
    admin = sa.create_engine("postgresql+psycopg://postgres@127.0.0.1:5432/postgres", isolation_level="AUTOCOMMIT")
    name = "bench_dc_" + uuid.uuid4().hex[:6]
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        run(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}", "postgresql")
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
