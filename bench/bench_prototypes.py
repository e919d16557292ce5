"""Time the PDSA log PDF for a prototype with 12 cycles and 3 measures, the prototype page, and analyse().

Run: .venv/bin/python bench/bench_prototypes.py   (SQLite in a temporary file; the PDF and chart work does
not depend on the database). Figures go in the report, not in RESULTS.md.
"""
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from labapp import create_app  # noqa: E402
from labapp.accounts import service as accounts  # noqa: E402
from labapp.extensions import db  # noqa: E402
from labapp.labs import service as labs  # noqa: E402
from labapp.prototypes import measures, service  # noqa: E402
from labapp.prototypes.runchart import analyse  # noqa: E402
from tests.conftest import PASSWORD, LabClient, _upgrade, base_config  # noqa: E402

TEXT = ("We asked every patient with a breathing problem whether they can keep their home warm, and wrote down "
        "what they said. ") * 4


def median_ms(fn, n):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_analyse():
    rng = random.Random(7)
    series = {n: [[rng.gauss(10, 3) for _ in range(n)] for _ in range(1000)] for n in (12, 52, 520)}
    for n, runs in series.items():
        start = time.perf_counter()
        for values in runs:
            analyse(values, freeze=n // 2, exclude=(1, 3))
        per = (time.perf_counter() - start) / len(runs) * 1e6
        print(f"analyse(): {per:.0f} µs per series of {n} points (1,000 series)")


def bench_pages(url):
    _upgrade(url)
    app = create_app(base_config(url))
    app.test_client_class = LabClient
    with app.app_context():
        fran = accounts.create_user(name="Fran", email="fran@example.org", password=PASSWORD)
        lab = labs.create_lab(creator=fran, name="Bench lab", place="Bradford", question="Q",
                              propositions=["One", "Two", "Three"], starts_on=None, ends_on=None)
        lead = labs.membership_for(lab, fran)
        prototype = service.create_prototype(lab, lead=lead, name="Twelve cycles", aim=TEXT, hypothesis=TEXT,
                                             who_for=TEXT, starts_on=date(2027, 1, 4), cycle_weeks=12,
                                             status="testing")
        keys = ("plan_objective", "plan_predictions", "plan_who_where_when", "plan_data", "do_what_happened",
                "do_unexpected", "study_against_predictions", "study_learned", "act_next")
        for _ in range(12):
            cycle = service.start_cycle(prototype, fran)
            service.save_cycle(cycle, cycle.version, {**dict.fromkeys(keys, TEXT), "act_decision": "adapt"}, fran)
        rng = random.Random(3)
        for k, kind in enumerate(("time", "time", "time")):
            measure = measures.create_measure(prototype, name=f"Days to first contact {k + 1}", kind=kind,
                                              unit="days", direction="down", goal=5, baseline_points=12)
            for week in range(30):
                measures.set_value(measure, date(2026, 10, 5) + timedelta(weeks=week),
                                   value=round(rng.gauss(12 - (week > 15) * 4, 2), 1))
        db.session.commit()
        lab_id, prototype_id = lab.id, prototype.id
    client = app.test_client()
    client.login_as(type("U", (), {"email": "fran@example.org"}))

    def get(path):
        response = client.get(path)
        assert response.status_code == 200, response.status_code
        return response

    pdf = get(f"/labs/{lab_id}/prototypes/{prototype_id}/log.pdf?lang=en").data
    print(f"PDSA log PDF: {len(pdf) / 1024:.0f} KB")
    for lang in ("en", "ur"):
        print(f"PDSA log PDF ({lang}), 12 cycles, 3 measures of 30 weeks: "
              f"{median_ms(lambda: get(f'/labs/{lab_id}/prototypes/{prototype_id}/log.pdf?lang={lang}'), 5):.0f} ms")
    print(f"prototype page (3 run charts, 12-week timeline): "
          f"{median_ms(lambda: get(f'/labs/{lab_id}/prototypes/{prototype_id}/'), 10):.0f} ms")
    with app.app_context():
        db.engine.dispose()


bench_analyse()
with tempfile.TemporaryDirectory() as folder:
    bench_pages(f"sqlite:///{folder}/bench.sqlite")
