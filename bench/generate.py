"""Build one complete, realistic lab at a scale factor, for benchmarks (×1 ≈ 100 people, ×20 ≈ 2,000).

Run: python -m bench.generate --scale 20 [--database-url URL] [--seed 1]
It migrates the database, builds the lab in one transaction, and prints the counts and the time taken.
Every row is written with bulk INSERTs, one or a few per table, and keeps the app's invariants: a visit's
confirmed_count equals its confirmed sign-ups, pick counts equal picks and stay within the limit, ties are
unique and never to themselves, proposals are signed and submitted before panels score them.
"""
import argparse
import random
import time
from datetime import date, timedelta

from werkzeug.security import generate_password_hash

from labapp.accounts import service as accounts_service
from labapp.extensions import db
from labapp.labs import service as labs_service
from labapp.labs.models import Lab

from .generate_cards import add_deck, add_journeys, add_pick_sessions
from .generate_challenge import add_proposals_and_panels
from .generate_people import add_invitations, add_outreach, add_people, add_system_map, add_workshops
from .generate_prototypes import add_prototypes
from .genlib import AREAS, Gen

BENCH_PASSWORD = "bench-lab-2026"
PROPOSITIONS = [
    "We treat the effects of poverty as medical problems, with quick fixes that do not last.",
    "Our services are not easy for everyone to reach and use.",
    "We are not open about how care is rationed.",
]


def build_lab(scale: int = 1, seed: int = 1, *, password: str = BENCH_PASSWORD, today: date | None = None) -> Lab:
    """Build one lab at the scale (inside an app context; flushes, never commits); return it.

    Its people with an email sign in with `password`; the lab's creator is its first facilitator.
    """
    if scale < 1:
        raise ValueError("scale must be 1 or more")
    rng = random.Random(seed)
    today = today or date.today()
    place = rng.choice(AREAS)
    creator = accounts_service.create_user(name="Fran Facilitator", locale="en", password=None)
    lab = labs_service.create_lab(
        creator=creator, name=f"Benchmark lab ×{scale} ({place})", place=place,
        question="What would it take for every family here to get the care they need, whatever language they "
                 "speak and whatever they earn?", propositions=PROPOSITIONS,
        starts_on=today - timedelta(weeks=52), ends_on=today + timedelta(weeks=12))
    creator.email = f"facilitator.lab{lab.id}@bench.example.org"
    password_hash = generate_password_hash(password)
    creator.password_hash = password_hash
    g = Gen(lab=lab, scale=scale, rng=rng, today=today, password_hash=password_hash)
    _date_stages(g)
    add_people(g, labs_service.membership_for(lab, creator))
    add_invitations(g)
    add_system_map(g)
    add_workshops(g)
    add_outreach(g)
    deck_id, card_ids = add_deck(g)
    add_pick_sessions(g, deck_id, card_ids)
    add_journeys(g)
    add_prototypes(g)
    add_proposals_and_panels(g)
    db.session.flush()
    lab.bench_counts = g.counts
    return lab


def _date_stages(g: Gen) -> None:
    """Date the lab's stages so that check and challenge is the current one."""
    start = g.prototypes_start
    spans = {
        "design_team": (start - timedelta(weeks=40), start - timedelta(weeks=20)),
        "data": (start - timedelta(weeks=26), start - timedelta(weeks=10)),
        "workshops": (start - timedelta(weeks=9), start - timedelta(weeks=2)),
        "learning_journeys": (start - timedelta(weeks=9), start - timedelta(weeks=5)),
        "prototypes": (start, start + timedelta(weeks=12)),
        "check_and_challenge": (g.today - timedelta(weeks=4), g.today + timedelta(weeks=4)),
        "community_of_practice": (g.today + timedelta(weeks=4), g.today + timedelta(weeks=12)),
    }
    for stage in g.lab.stages:
        stage.starts_on, stage.ends_on = spans.get(stage.code, (None, None))


def main(argv=None) -> None:
    """Migrate the database, build a lab at the scale, commit, and print what was made and how long it took."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", help="defaults to DATABASE_URL, else the instance's SQLite file")
    args = parser.parse_args(argv)

    from flask_migrate import upgrade

    from labapp import create_app
    from labapp.config import normalise_database_url

    config = None
    if args.database_url:
        from labapp.config import from_environment
        from labapp import ROOT

        config = from_environment(str(ROOT / "instance"))
        config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(args.database_url)
    app = create_app(config)
    with app.app_context():
        upgrade()
        started = time.perf_counter()
        lab = build_lab(args.scale, args.seed)
        db.session.commit()
        took = time.perf_counter() - started
        print(f"Built lab {lab.id} ({lab.name}) at scale {args.scale} in {took:.1f} s")
        for key, value in lab.bench_counts.items():
            print(f"  {key}: {value}")
        print(f"Sign in as facilitator.lab{lab.id}@bench.example.org with the password {BENCH_PASSWORD!r}")
        db.engine.dispose()


if __name__ == "__main__":
    main()
