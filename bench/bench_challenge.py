"""Time a panel of eight scoring five proposals, the panel page with its heat map, a results page and the
board-pack PDF, and the pure aggregation.

Run: .venv/bin/python bench/bench_challenge.py   (SQLite in a temporary file). Figures go in the report.
"""
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from labapp import create_app  # noqa: E402
from labapp.accounts import service as accounts  # noqa: E402
from labapp.challenge import panels, service  # noqa: E402
from labapp.challenge.aggregate import most_at_risk, results  # noqa: E402
from labapp.extensions import db  # noqa: E402
from labapp.labs import service as labs  # noqa: E402
from labapp.prototypes import service as prototypes  # noqa: E402
from tests.conftest import PASSWORD, LabClient, _upgrade, base_config  # noqa: E402

TEXT = "We asked every patient with a breathing problem whether they can keep their home warm. " * 4


def median_ms(fn, n):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_aggregate():
    rng = random.Random(5)
    panels_ = [{f: [rng.choice([0, 1, 2, 3, 4]) for _ in range(8)] for f in range(1, 13)} for _ in range(1000)]
    start = time.perf_counter()
    for ratings in panels_:
        most_at_risk(results(ratings))
    print(f"results() + most_at_risk(): {(time.perf_counter() - start) / len(panels_) * 1e6:.0f} µs per proposal "
          f"(12 factors x 8 members)")


def bench_pages(url):
    _upgrade(url)
    app = create_app(base_config(url))
    app.test_client_class = LabClient
    rng = random.Random(3)
    with app.app_context():
        fran = accounts.create_user(name="Fran", email="fran@example.org", password=PASSWORD)
        lab = labs.create_lab(creator=fran, name="Bench lab", place="Bradford", question="Q",
                              propositions=["One", "Two", "Three"], starts_on=None, ends_on=None)
        facilitator = labs.membership_for(lab, fran)
        people = [labs.add_member(lab, accounts.create_user(name=f"Member {i}", email=f"m{i}@example.org",
                                                            password=PASSWORD), "panel_member") for i in range(8)]
        db.session.flush()
        proposals = []
        for k in range(5):
            prototype = prototypes.create_prototype(lab, lead=facilitator, name=f"Prototype {k + 1}", aim=TEXT,
                                                    hypothesis=TEXT, status="testing")
            prototypes.set_team_role(prototype, people[k], "sponsor")
            db.session.flush()
            proposal = service.start_proposal(prototype)
            for r in range(6):
                service.add_risk(proposal, description=TEXT[:80], likelihood=rng.randint(1, 5),
                                 consequence=rng.randint(1, 5))
            service.sign(proposal, facilitator, "lead", date(2027, 6, 1))
            service.sign(proposal, people[k], "sponsor", date(2027, 6, 1))
            proposals.append(proposal)
        panel = panels.create_panel(lab, title="Bench panel", held_on=date(2027, 6, 10))
        panels.set_members(panel, people)
        panels.set_proposals(panel, proposals)
        db.session.commit()
        start = time.perf_counter()
        for person in people:
            for proposal in proposals:
                panels.save_scores(panel, proposal, person,
                                   {f: (rng.choice([0, 1, 2, 3, 4]), TEXT[:60]) for f in range(1, 13)}, submit=True)
                db.session.commit()
        print(f"8 members x 5 proposals scored and submitted (480 scores, 40 commits): "
              f"{(time.perf_counter() - start) * 1000:.0f} ms")
        panels.reveal(panel)
        db.session.commit()
        lab_id, panel_id, proposal_id = lab.id, panel.id, proposals[0].id
    client = app.test_client()
    client.login_as(type("U", (), {"email": "fran@example.org"}))

    def get(path):
        response = client.get(path)
        assert response.status_code == 200, response.status_code
        return response

    print(f"panel page with the 5 x 12 heat map: {median_ms(lambda: get(f'/labs/{lab_id}/panels/{panel_id}/'), 10):.0f} ms")
    print(f"results page with the 12-factor chart: "
          f"{median_ms(lambda: get(f'/labs/{lab_id}/panels/{panel_id}/proposals/{proposal_id}/results'), 10):.0f} ms")
    for lang in ("en", "ur"):
        print(f"board pack PDF ({lang}): "
              f"{median_ms(lambda: get(f'/labs/{lab_id}/proposals/{proposal_id}.pdf?lang={lang}'), 5):.0f} ms")
    with app.app_context():
        db.engine.dispose()


bench_aggregate()
with tempfile.TemporaryDirectory() as folder:
    bench_pages(f"sqlite:///{folder}/bench.sqlite")
