"""Time the pick page of a 300-card deck in a fresh process: charts drawn in that process, or stored.

The lab is built by bench/generate.py at scale 20 (300 cards, about three in four with a chart). Each line is
one new Python process (as a new gunicorn worker) that signs in and opens the pick page twice:
- "before": the code in --before-root (default /work/main), which draws every chart in each process;
- "after, nothing stored": this code on a database with no stored charts (draws and stores them);
- "after, charts stored": this code in another new process (reads them in one query, draws none).

Run: .venv/bin/python bench/bench_pick_page.py [--database-url postgresql://…] [--before-root /work/main]
(SQLite in a temporary file by default). Write the figures in the report, not here.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(url: str) -> dict:
    """Migrate, build the scale-20 lab, and return what the timing processes need."""
    sys.path.insert(0, str(ROOT))
    from bench.generate import BENCH_PASSWORD, build_lab
    from labapp import create_app
    from labapp.datacards.models import PickSession
    from labapp.extensions import db
    from tests.conftest import _upgrade, base_config

    _upgrade(url)
    app = create_app(base_config(url))
    with app.app_context():
        lab = build_lab(20)
        db.session.commit()
        session = db.session.query(PickSession).filter_by(lab_id=lab.id, state="open").first()
        cards = len(session.deck.cards)
        charts = sum(1 for card in session.deck.cards if card.chart_kind and card.chart_rows)
        info = {"url": url, "email": f"facilitator.lab{lab.id}@bench.example.org", "password": BENCH_PASSWORD,
                "page": f"/labs/{lab.id}/pick-sessions/{session.id}/pick", "cards": cards, "charts": charts}
        db.engine.dispose()
    return info


def view(info: dict) -> None:
    """In this fresh process: sign in, open the pick page twice, print timings, queries and charts drawn."""
    import sqlalchemy as sa
    from labapp import create_app
    from labapp.extensions import db
    from tests.conftest import LabClient, base_config

    import labapp.datacards.cardtext as cardtext
    drawn = [0]
    original = cardtext.to_svg

    def counting_to_svg(*args, **kwargs):
        drawn[0] += 1
        return original(*args, **kwargs)

    cardtext.to_svg = counting_to_svg
    app = create_app(base_config(info["url"]))
    app.test_client_class = LabClient
    client = app.test_client()
    client.login_as(type("Person", (), {"email": info["email"]}), password=info["password"])
    with app.app_context():
        engine = db.engine
    queries = [0]
    sa.event.listen(engine, "before_cursor_execute", lambda *args: queries.__setitem__(0, queries[0] + 1))
    results = []
    for _ in range(2):
        drawn[0], queries[0] = 0, 0
        started = time.perf_counter()
        response = client.get(info["page"])
        took = time.perf_counter() - started
        assert response.status_code == 200, response.status_code
        results.append({"ms": took * 1000, "queries": queries[0], "drawn": drawn[0],
                        "svgs": response.get_data(as_text=True).count("<svg ")})
    print(json.dumps(results))


def run_view(info: dict, code_root: Path) -> list[dict]:
    env = dict(os.environ, PYTHONPATH=str(code_root))
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--view", json.dumps(info)],
                         cwd=code_root, env=env, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    parser.add_argument("--before-root", default="/work/main")
    parser.add_argument("--view")
    args = parser.parse_args()
    if args.view:
        sys.path.insert(0, os.getcwd())
        view(json.loads(args.view))
        return
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/bench-pick.sqlite"
    info = build(url)
    print(f"{info['cards']} cards, {info['charts']} with a chart, on {url.split(':')[0]}")
    for label, root in (("before (main)", Path(args.before_root)), ("after, nothing stored", ROOT),
                        ("after, charts stored", ROOT)):
        first, second = run_view(info, root)
        print(f"{label}: new process, first view {first['ms']:.0f} ms ({first['drawn']} charts drawn, "
              f"{first['queries']} SQL queries, {first['svgs']} charts shown); "
              f"second view {second['ms']:.0f} ms ({second['drawn']} drawn, {second['queries']} queries)")


if __name__ == "__main__":
    main()
