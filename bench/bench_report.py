"""Time the lab report for a large lab: 2,000 people, 40 prototypes with 12 cycles and 3 measures each,
40 proposals each scored by 12 panel members, a 60-card deck picked by everyone, 40 visits with debriefs.

Measures the snapshot (time and SQL queries), the fingerprint, and the PDF (time, pages, peak memory).
Run: .venv/bin/python bench/bench_report.py [postgresql-url]   (SQLite in a temporary file by default).
"""
import resource
import secrets
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

from sqlalchemy import event, insert

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from labapp import create_app  # noqa: E402
from labapp.accounts import service as accounts  # noqa: E402
from labapp.accounts.models import User, utcnow  # noqa: E402
from labapp.challenge.models import PanelMember, PanelProposal, PanelSession, Proposal, Score  # noqa: E402
from labapp.datacards.models import Card, Deck, DeckCategory, Pick, PickSession  # noqa: E402
from labapp.extensions import db  # noqa: E402
from labapp.journeys.models import Debrief, Host, SignUp, Visit  # noqa: E402
from labapp.labs import service as labs  # noqa: E402
from labapp.labs.models import Membership, MembershipRole  # noqa: E402
from labapp.prototypes.models import Cycle, Measure, MeasureValue, Prototype, PrototypeMember  # noqa: E402
from labapp.reports import document, facts  # noqa: E402
from labapp.workshops.models import Attendance, Workshop  # noqa: E402
from tests.conftest import _upgrade, base_config  # noqa: E402

PEOPLE, PROTOTYPES, CYCLES, MEASURES, RATERS, CARDS, VISITS = 2000, 40, 12, 3, 12, 60, 40
SECTORS = ["community", "nhs", "local_authority", "vcse", "private_other"]
START = date(2026, 9, 7)


def build(app):
    """Fill the lab with bulk inserts; return its id."""
    with app.app_context():
        fran = accounts.create_user(name="Fran", email="fran@example.org", password=None)
        lab = labs.create_lab(creator=fran, name="Bench lab", place="Bradford", question="How do we make care fair?",
                              propositions=["One", "Two", "Three"], starts_on=START, ends_on=START + timedelta(days=300))
        db.session.flush()
        now = utcnow()
        db.session.execute(insert(User), [{"name": f"Person {i}", "email": f"p{i}@example.org", "created_at": now,
                                           "session_token": secrets.token_hex(16)} for i in range(PEOPLE)])
        user_ids = db.session.scalars(db.select(User.id).where(User.email.like("p%@example.org"))).all()
        db.session.execute(insert(Membership), [{"lab_id": lab.id, "user_id": uid, "sector": SECTORS[i % 5],
                                                 "support_needs": [], "joined_at": now}
                                                for i, uid in enumerate(user_ids)])
        members = db.session.scalars(db.select(Membership.id).where(Membership.lab_id == lab.id,
                                                                    Membership.user_id != fran.id)).all()
        db.session.execute(insert(MembershipRole), [{"membership_id": m, "role": "participant"} for m in members])
        workshops = []
        for k, kind in enumerate(["observe", "retreat", "act"]):
            w = Workshop(lab_id=lab.id, kind=kind, title=f"{kind.title()} workshop", checkin_code=f"W{k}{lab.id}X",
                         starts_at=now)
            db.session.add(w)
            workshops.append(w)
        db.session.flush()
        db.session.execute(insert(Attendance), [{"workshop_id": w.id, "membership_id": m, "name": "x",
                                                 "sector": SECTORS[i % 5], "walk_in": False, "checked_in_at": now}
                                                for w in workshops for i, m in enumerate(members[:600])])
        deck = Deck(lab_id=lab.id, title="Deck", language="en")
        db.session.add(deck)
        db.session.flush()
        cat = DeckCategory(deck_id=deck.id, letter="A", title="All")
        db.session.add(cat)
        db.session.flush()
        db.session.execute(insert(Card), [{"deck_id": deck.id, "category_id": cat.id, "code": f"A{i}",
                                           "headline": f"A headline about figure {i} in the place", "status": "ready",
                                           "chart_rows": [], "created_at": now, "updated_at": now}
                                          for i in range(CARDS)])
        card_ids = db.session.scalars(db.select(Card.id).where(Card.deck_id == deck.id)).all()
        session = PickSession(lab_id=lab.id, deck_id=deck.id, workshop_id=workshops[0].id, code="BENCHPICK",
                              pick_limit=3, title="Observe")
        db.session.add(session)
        db.session.flush()
        db.session.execute(insert(Pick), [{"session_id": session.id, "membership_id": m,
                                           "card_id": card_ids[((i * i) % 17 + j * 20) % CARDS],
                                           "created_at": now}
                                          for i, m in enumerate(members) for j in range(3)])
        host = Host(lab_id=lab.id, organisation="A surgery")
        db.session.add(host)
        db.session.flush()
        for v in range(VISITS):
            visit = Visit(lab_id=lab.id, host_id=host.id, title=f"Visit {v}", day=START + timedelta(days=v),
                          starts=clock(10), ends=clock(12), capacity=6, status="open", confirmed_count=6,
                          host_reflection="It went well and people asked good questions.")
            db.session.add(visit)
            db.session.flush()
            group = members[v * 6:(v + 1) * 6]
            db.session.execute(insert(SignUp), [{"visit_id": visit.id, "membership_id": m, "status": "confirmed",
                                                 "queued_at": now, "updated_at": now} for m in group])
            db.session.execute(insert(Debrief), [{"visit_id": visit.id, "membership_id": m, "saw": "A long queue.",
                                                  "felt": "Worried.", "thought": "Open earlier.", "shared": i % 2 == 0,
                                                  "created_at": now, "updated_at": now}
                                                 for i, m in enumerate(group)])
        panel = PanelSession(lab_id=lab.id, title="Panel", held_on=START + timedelta(days=200), revealed=True)
        db.session.add(panel)
        db.session.flush()
        db.session.execute(insert(PanelMember), [{"panel_id": panel.id, "membership_id": m} for m in members[:RATERS]])
        for p in range(PROTOTYPES):
            proto = Prototype(lab_id=lab.id, name=f"Prototype {p}", propositions=[1 + p % 3], aim="Refer more people.",
                              starts_on=START, cycle_weeks=CYCLES, status="testing")
            db.session.add(proto)
            db.session.flush()
            db.session.execute(insert(PrototypeMember), [{"prototype_id": proto.id, "membership_id": m,
                                                          "role": "member"} for m in members[p * 5:p * 5 + 5]])
            db.session.execute(insert(Cycle), [{"prototype_id": proto.id, "number": n + 1, "act_decision": "adapt",
                                                "study_learned": "Letters work.", "version": 1, "created_at": now,
                                                "updated_at": now} for n in range(CYCLES)])
            for k in range(MEASURES):
                measure = Measure(prototype_id=proto.id, name=f"Measure {k}", kind="count", direction="up")
                db.session.add(measure)
                db.session.flush()
                db.session.execute(insert(MeasureValue), [{"measure_id": measure.id,
                                                           "period": START + timedelta(weeks=w),
                                                           "value": float((w * 7 + k * 3 + p) % 11), "excluded": False,
                                                           "note": ""} for w in range(CYCLES)])
            proposal = Proposal(lab_id=lab.id, prototype_id=proto.id, status="submitted", decision="test",
                                conditions="Come back in six months.", decided_on=START + timedelta(days=201))
            db.session.add(proposal)
            db.session.flush()
            db.session.add(PanelProposal(panel_id=panel.id, proposal_id=proposal.id))
            db.session.execute(insert(Score), [{"panel_id": panel.id, "proposal_id": proposal.id, "membership_id": m,
                                                "factor": f, "rating": (f + r + p) % 5, "comment": "",
                                                "updated_at": now}
                                               for r, m in enumerate(members[:RATERS]) for f in range(1, 13)])
        db.session.commit()
        return lab.id


LOCALES = ("en", "ur")


def main(url=None):
    tmp = tempfile.mkdtemp()
    url = url or f"sqlite:///{tmp}/bench.sqlite"
    _upgrade(url)
    app = create_app(base_config(url))
    start = time.perf_counter()
    lab_id = build(app)
    print(f"built the lab in {time.perf_counter() - start:.1f} s")
    from labapp.labs.models import Lab

    for locale in LOCALES:
        with app.test_request_context("/"):
            queries = []

            def count_query(*args):
                queries.append(1)

            lab = db.session.get(Lab, lab_id)
            event.listen(db.engine, "before_cursor_execute", count_query)
            start = time.perf_counter()
            data = facts.snapshot(lab, locale)
            snap = time.perf_counter() - start
            event.remove(db.engine, "before_cursor_execute", count_query)
            count = len(queries)
            start = time.perf_counter()
            facts.fingerprint(data)
            fp = time.perf_counter() - start
            marks = {}

            def progress(percent, step):
                marks.setdefault(step, time.perf_counter())

            rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            start = time.perf_counter()
            pdf = document.make_report(data, locale, progress)
            render = time.perf_counter() - start
            charts = marks["layout"] - marks.get("charts", marks["layout"])
            peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) * 1024
            pages = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, text=False).stdout.decode()
            pages = next((line.split()[-1] for line in pages.splitlines() if line.startswith("Pages")), "?")
            Path(tmp, f"report-{locale}.pdf").write_bytes(pdf)
            print(f"{locale}: snapshot {snap * 1000:.0f} ms ({count} queries, {len(facts.canonical_json(data)) // 1024} KB "
                  f"JSON), fingerprint {fp * 1000:.1f} ms, PDF {render:.1f} s, {pages} pages, "
                  f"{len(pdf) // 1024} KB (charts {charts:.1f} s, layout {render - charts:.1f} s); "
                  f"max RSS grew by {peak / 2**20:.0f} MiB")
    print(f"max RSS of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB; files in {tmp}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
