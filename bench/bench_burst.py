"""The workshop burst: 300 people join a lab by its code and pick 3 cards each, within one minute.

A lab built by bench/generate.py at scale 2 (a 30-card deck, its charts drawn and stored beforehand with
`flask datacards draw-charts` as facilitators are asked to) gets a new open pick session with a limit of 3. gunicorn (gunicorn.conf.py, 4 workers, no job threads) serves it on a free loopback port. Each
participant is a thread with its own cookies, like a phone, starting evenly over --spread seconds, and does what
the phone does after scanning the session's QR code:
  GET /pick/<code> → GET /join/<lab code>?next=… → POST the join form (name, language) → GET /pick/<code> →
  GET the pick page, then three times: POST a card → GET the pick page (11 requests).
It reports the throughput, p50/p95/max latency and errors (any answer other than the expected 200/302), then
checks the database: every joiner is a participant with exactly 3 picks, and the pick counters agree.

Run: .venv/bin/python bench/bench_burst.py [--people 300] [--spread 60] [--database-url postgresql://…]
Without --database-url it creates a fresh PostgreSQL database on 127.0.0.1:5432 (user postgres), drops it after.
"""
import argparse
import random
import re
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from labapp import create_app  # noqa: E402
from labapp.extensions import db  # noqa: E402
from tests.conftest import _upgrade, base_config  # noqa: E402

from bench.bench_pages import machine_facts  # noqa: E402
from bench.generate import build_lab  # noqa: E402
from bench.serve import Gunicorn, csrf_from, percentile, request, throwaway_database  # noqa: E402

NAME_PREFIX = "Burst person"


def prepare(url: str, deck_size_scale: int):
    """Build the lab and open a pick session with a limit of 3; return (lab_id, session_id, session code)."""
    from labapp.datacards import picks
    from labapp.datacards.models import Card, Deck
    from labapp.workshops.models import Workshop

    _upgrade(url)
    app = create_app(base_config(url))
    with app.app_context():
        lab = build_lab(deck_size_scale)
        deck = db.session.scalar(sa.select(Deck).where(Deck.lab_id == lab.id).order_by(Deck.id))
        workshop = db.session.scalar(sa.select(Workshop).where(Workshop.lab_id == lab.id).order_by(Workshop.id))
        session = picks.open_session(lab, deck, workshop, pick_limit=3, title="Burst round")
        cards = db.session.scalar(sa.select(sa.func.count()).select_from(Card).where(Card.deck_id == deck.id))
        db.session.commit()
        result = lab.id, session.id, session.code, cards
    # As the README asks facilitators to before a workshop: draw and store the deck's charts, so no worker
    # draws them while the room arrives.
    drawn = app.test_cli_runner().invoke(args=["datacards", "draw-charts"])
    print(drawn.output.strip(), file=sys.stderr)
    with app.app_context():
        db.engine.dispose()
    return result


class Phone:
    """One participant's phone: its cookies, its timings and what went wrong."""

    def __init__(self, base, number, log):
        self.base, self.number, self.log = base, number, log
        self.cookies = {}

    def call(self, method, path, expect, form=None):
        started = time.perf_counter()
        try:
            status, headers, body = request(self.base, method, path, cookies=self.cookies, form=form)
        except OSError as error:
            status, headers, body = f"{type(error).__name__}", [], b""
        self.log.append((time.perf_counter() - started, status == expect, method, path.split("?")[0], status))
        if status != expect:
            raise RuntimeError(f"{method} {path} answered {status}, expected {expect}")
        return dict((k.lower(), v) for k, v in headers), body

    def run(self, code, rng):
        headers, _ = self.call("GET", f"/pick/{code}", 302)
        join_path = _path(headers["location"])
        _, body = self.call("GET", join_path, 200)
        headers, _ = self.call("POST", join_path, 302, form={
            "csrf_token": csrf_from(body), "name": f"{NAME_PREFIX} {self.number}", "locale": "en", "code": ""})
        headers, _ = self.call("GET", _path(headers["location"]), 302)
        pick_page = _path(headers["location"])
        _, body = self.call("GET", pick_page, 200)
        actions = sorted(set(re.findall(rb'action="([^"]*/pick/\d+)"', body)))
        for action in rng.sample(actions, 3):
            self.call("POST", action.decode(), 302, form={"csrf_token": csrf_from(body)})
            _, body = self.call("GET", pick_page, 200)


def _path(location: str) -> str:
    return re.sub(r"^https?://[^/]+", "", location)


def check(url: str, lab_id: int, session_id: int):
    """Return (joined, with exactly 3 picks, counters that agree) for the burst's people."""
    from labapp.accounts.models import User
    from labapp.datacards.models import Pick, PickCount
    from labapp.labs.models import Membership

    app = create_app(base_config(url))
    with app.app_context():
        members = dict(db.session.execute(
            sa.select(Membership.id, User.name).join(User, User.id == Membership.user_id)
            .where(Membership.lab_id == lab_id, User.name.like(f"{NAME_PREFIX} %"))).all())
        picks = Counter(db.session.scalars(sa.select(Pick.membership_id).where(
            Pick.session_id == session_id, Pick.membership_id.in_(members))))
        counts = dict(db.session.execute(sa.select(PickCount.membership_id, PickCount.picked).where(
            PickCount.session_id == session_id, PickCount.membership_id.in_(members))).all())
        distinct = db.session.scalar(sa.select(sa.func.count()).select_from(
            sa.select(Pick.membership_id, Pick.card_id).where(Pick.session_id == session_id,
                                                               Pick.membership_id.in_(members))
            .distinct().subquery()))
        db.engine.dispose()
    three = sum(1 for m in members if picks[m] == 3)
    agree = sum(1 for m in members if counts.get(m) == picks[m])
    return len(members), three, agree, distinct == sum(picks.values())


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--spread", type=float, default=60, help="seconds over which people arrive")
    parser.add_argument("--scale", type=int, default=2, help="the lab's scale: ×2 has a 30-card deck")
    args = parser.parse_args(argv)
    with throwaway_database(args.database_url, "labapp_burst") as url:
        run(url, args)


def run(url, args):
    lab_id, session_id, code, cards = prepare(url, args.scale)
    log, failures, rng_lock = [], [], threading.Lock()
    rng = random.Random(9)
    with Gunicorn(url) as server:
        def participant(number, start_at):
            time.sleep(max(0.0, start_at - time.perf_counter()))
            with rng_lock:
                own = random.Random(rng.random())
            try:
                Phone(server.base, number, log).run(code, own)
            except Exception as error:  # noqa: BLE001 - every failure is counted and shown
                failures.append(f"{number}: {error}")

        began = time.perf_counter()
        threads = [threading.Thread(target=participant, args=(n + 1, began + n * args.spread / args.people))
                   for n in range(args.people)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        took = time.perf_counter() - began
    times = [entry[0] for entry in log]
    errors = sum(1 for entry in log if not entry[1])
    joined, three, agree, no_duplicates = check(url, lab_id, session_id)
    slowest = sorted(log, key=lambda entry: -entry[0])[:3]
    print(f"## The workshop burst (`bench/bench_burst.py`)\n")
    print(f"Machine: {machine_facts(url)}; gunicorn.conf.py with 4 workers × 4 threads, LABAPP_JOB_THREADS=0, "
          f"loopback. A ×{args.scale} lab; a new open pick session on its {cards}-card deck with a limit of 3. "
          f"{args.people} people arrive evenly over {args.spread:.0f} s, each with its own cookies; each scans "
          f"the session's code, joins the lab with the form, opens the cards and picks 3 (11 requests each).\n")
    print("| what | result |\n|---|---|")
    print(f"| people done / started | {args.people - len(failures)} / {args.people} |")
    print(f"| wall time, first arrival to last pick | {took:.1f} s |")
    print(f"| requests | {len(log)} ({len(log) / took:.1f} per second) |")
    print(f"| latency p50 / p95 / max | {percentile(times, 50) * 1000:.0f} / {percentile(times, 95) * 1000:.0f} / "
          f"{max(times) * 1000:.0f} ms |")
    for method, label in (("POST", "POSTs (join, pick)"), ("GET", "GETs")):
        part = [e[0] for e in log if e[2] == method]
        print(f"| {label} p50 / p95 | {percentile(part, 50) * 1000:.0f} / {percentile(part, 95) * 1000:.0f} ms |")
    print(f"| errors (answers other than the expected 200/302) | {errors} |")
    print(f"| joined the lab | {joined} |")
    print(f"| with exactly 3 picks | {three} |")
    print(f"| pick counter equals their picks | {agree} |")
    print(f"| no card picked twice by one person | {'yes' if no_duplicates else 'NO'} |")
    print("\nSlowest requests: " + "; ".join(f"{m} {p} {t * 1000:.0f} ms" for t, _ok, m, p, _s in slowest))
    if failures:
        print("\nFailures (first 5): " + "; ".join(failures[:5]))
    if errors or failures or not (joined == three == agree == args.people and no_duplicates):
        sys.exit(1)


if __name__ == "__main__":
    main()
