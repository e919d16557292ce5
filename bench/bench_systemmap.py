"""Time the system map's pages and count their SQL queries, for a lab of 2,000 actors and 5,000 ties.

Run: .venv/bin/python bench/bench_systemmap.py   (uses a throwaway SQLite database; about a minute)
     .venv/bin/python bench/bench_systemmap.py --pdf out-dir   (also writes map PDFs in en and ur, 60 actors)
Also compares query counts at 200 and 2,000 actors: a page whose count grows with the data is a bug.
Results are written down in bench/RESULTS.md by hand, with the machine they came from.
"""
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import event, insert  # noqa: E402

from labapp import create_app  # noqa: E402
from labapp.accounts import service as accounts  # noqa: E402
from labapp.extensions import db  # noqa: E402
from labapp.labs import service as labs  # noqa: E402
from labapp.labs.constants import LEVELS  # noqa: E402
from labapp.systemmap.constants import ACTOR_KINDS, TIE_KINDS  # noqa: E402
from labapp.systemmap.models import Actor, Tie  # noqa: E402

RUNS = 5
PASSWORD = "bench password"
WORDS = ["Riverside", "Northgate", "Hillside", "Canal", "Market", "Park", "Bridge", "Mill", "Church", "Station"]
TYPES = ["Surgery", "Food bank", "Youth club", "Mosque", "Library", "Housing team", "Care home", "Pharmacy"]


def build_lab(owner, n_actors: int, n_ties: int, name: str, seed: int = 7):
    """Create a lab with n_actors actors (a tenth of them parts of another) and n_ties distinct ties."""
    rng = random.Random(seed)
    lab = labs.create_lab(creator=owner, name=name, place="Benchton", question="Q?", propositions=["a", "b", "c"],
                          starts_on=None, ends_on=None)
    db.session.flush()
    sectors, levels, kinds = list(lab.sectors), list(LEVELS), list(ACTOR_KINDS)
    rows = [{"lab_id": lab.id, "kind": rng.choice(kinds), "name": f"{rng.choice(WORDS)} {rng.choice(TYPES)} {n}",
             "sector": rng.choice(sectors), "level": rng.choice(levels), "services": "", "notes": "",
             "tags": rng.sample(["faith group", "primary care", "housing", "youth", "carers"], 2)}
            for n in range(n_actors)]
    db.session.execute(insert(Actor), rows)
    ids = list(db.session.scalars(db.select(Actor.id).where(Actor.lab_id == lab.id).order_by(Actor.id)))
    for child in ids[1::10]:
        db.session.get(Actor, child).parent_id = rng.choice(ids[::10])
    ties, seen = [], set()
    while len(ties) < n_ties:
        key = (rng.choice(ids), rng.choice(ids), rng.choice(list(TIE_KINDS)))
        if key[0] != key[1] and key not in seen:
            seen.add(key)
            ties.append({"lab_id": lab.id, "source_id": key[0], "target_id": key[1], "kind": key[2],
                         "strength": rng.randint(1, 3), "note": ""})
    db.session.execute(insert(Tie), ties)
    db.session.commit()
    return lab.id, ids


def measure(app, client, url: str, runs: int = RUNS) -> tuple[float, int, int]:
    """Return the median time in ms, the SQL statements of one request, and the response size."""
    counts = []

    def count(*_args):
        counts[-1] += 1

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    times = []
    try:
        for _ in range(runs):
            counts.append(0)
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return statistics.median(times) * 1000, counts[-1], len(response.data)


def pages(lab_id: int, actor_id: int) -> dict:
    return {
        "actors list": f"/labs/{lab_id}/map/actors",
        "actors list, filtered": f"/labs/{lab_id}/map/actors?tag=housing&level=manager",
        "actor page": f"/labs/{lab_id}/map/actors/{actor_id}",
        "map.json": f"/labs/{lab_id}/map.json",
        "map.svg": f"/labs/{lab_id}/map.svg",
        "map page": f"/labs/{lab_id}/map",
    }


def main() -> None:
    pdf_dir = Path(sys.argv[sys.argv.index("--pdf") + 1]) if "--pdf" in sys.argv else None
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite",
                          "WTF_CSRF_ENABLED": False})
        with app.app_context():
            upgrade()
            owner = accounts.create_user(name="Owner", email="owner@example.org", password=PASSWORD)
            start = time.perf_counter()
            big, big_ids = build_lab(owner, 2000, 5000, "Big lab")
            small, small_ids = build_lab(owner, 200, 500, "Small lab")
            print(f"built the labs in {time.perf_counter() - start:.1f} s")
            if pdf_dir:
                sample, _ids = build_lab(owner, 60, 90, "Riverside Health Lab")
        client = app.test_client()
        client.post("/login", data={"email": "owner@example.org", "password": PASSWORD})
        if pdf_dir:
            pdf_dir.mkdir(parents=True, exist_ok=True)
            for lang in ("en", "ur"):
                (pdf_dir / f"system-map-{lang}.pdf").write_bytes(client.get(f"/labs/{sample}/system-map.pdf?lang={lang}").data)
            print(f"PDFs written to {pdf_dir}")
        print(f"{'page':24} {'2,000 actors':>14} {'queries':>8} {'size':>9}   {'queries at 200':>14}")
        for (label, url), small_url in zip(pages(big, big_ids[5]).items(), pages(small, small_ids[5]).values()):
            ms, queries, size = measure(app, client, url)
            _ms, small_queries, _size = measure(app, client, small_url, runs=1)
            print(f"{label:24} {ms:11.0f} ms {queries:8} {size // 1024:6} KiB   {small_queries:14}")
        ms, queries, size = measure(app, client, f"/labs/{big}/system-map.pdf?lang=en", runs=1)
        print(f"{'system-map.pdf (en)':24} {ms:11.0f} ms {queries:8} {size // 1024:6} KiB")
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
