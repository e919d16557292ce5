"""Time the lab summary PDF for a lab of 300 members, in each language.

Run: .venv/bin/python bench/bench_summary_pdf.py   (uses a throwaway SQLite database)
Results are written down in bench/RESULTS.md by hand, with the machine they came from.
"""
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402

from labapp import create_app  # noqa: E402
from labapp.accounts import service as accounts  # noqa: E402
from labapp.extensions import db  # noqa: E402
from labapp.labs import service as labs  # noqa: E402

MEMBERS = 300
RUNS = 5


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite",
                          "WTF_CSRF_ENABLED": False})
        with app.app_context():
            upgrade()
            owner = accounts.create_user(name="Owner", email="owner@example.org", password="bench password")
            lab = labs.create_lab(creator=owner, name="Bench Lab", place="Benchton", question="Q?",
                                  propositions=["a", "b", "c"], starts_on=None, ends_on=None)
            for n in range(MEMBERS):
                labs.add_member(lab, accounts.create_user(name=f"Member {n}"), "participant", sector="community")
            db.session.commit()
            lab_id = lab.id
        client = app.test_client()
        client.post("/login", data={"email": "owner@example.org", "password": "bench password"})
        print(f"summary.pdf, {MEMBERS} members, median of {RUNS} runs")
        for lang in ("en", "ur", "bn", "pa", "ar", "pl"):
            times = []
            for _ in range(RUNS):
                start = time.perf_counter()
                response = client.get(f"/labs/{lab_id}/summary.pdf?lang={lang}")
                times.append(time.perf_counter() - start)
                assert response.status_code == 200
            print(f"  {lang}: {statistics.median(times) * 1000:7.0f} ms  ({len(response.data) // 1024} KiB)")
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
