"""Time the lab report for a large lab, and its peak memory.

A lab built by bench/generate.py at scale 20 (2,000 people, 300 cards, 80 visits, 40 prototypes with 12 cycles
and 3 measures each, 40 proposals scored by 12 raters). For each language it measures:
- the facts (snapshot and fingerprint): what every request for report.pdf computes to know whether the cached
  file is still current, with its SQL query count;
- the PDF (charts drawn, pages laid out): what the background job does, with the number of pages;
- the process's peak resident memory after each step (ru_maxrss), and the peak of Python allocations during the
  render (tracemalloc; it slows the render, so it runs as a separate, last pass).

Run: .venv/bin/python bench/bench_report.py [--scale 20] [--langs en ur bn] [--database-url postgresql://…]
(SQLite in a temporary file by default).
"""
import argparse
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from labapp import create_app  # noqa: E402
from labapp.config import normalise_database_url  # noqa: E402
from labapp.extensions import db  # noqa: E402
from tests.conftest import _upgrade, base_config  # noqa: E402

from bench.generate import build_lab  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pages_of(pdf: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


class QueryCounter:
    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def __enter__(self):
        sa.event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        sa.event.remove(self.engine, "before_cursor_execute", self._count)

    def _count(self, *args):
        self.count += 1


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument("--langs", nargs="+", default=["en", "ur", "bn"])
    parser.add_argument("--database-url")
    args = parser.parse_args(argv)

    from labapp.reports import facts
    from labapp.reports.document import make_report

    url = normalise_database_url(args.database_url) if args.database_url else \
        f"sqlite:///{tempfile.mkdtemp()}/bench-report.sqlite"
    _upgrade(url)
    app = create_app(base_config(url))
    with app.app_context():
        started = time.perf_counter()
        lab = build_lab(args.scale)
        db.session.commit()
        lab_id = lab.id
        print(f"scale {args.scale} on {db.engine.dialect.name}: built in {time.perf_counter() - started:.1f} s, "
              f"peak RSS {peak_rss_mb():.0f} MB")
        for lang in args.langs:
            db.session.expire_all()
            lab = db.session.get(type(lab), lab_id)
            with app.test_request_context(), QueryCounter(db.engine) as queries:
                started = time.perf_counter()
                data = facts.snapshot(lab, lang)
                facts.fingerprint(data)
                facts_s = time.perf_counter() - started
            with app.test_request_context():
                started = time.perf_counter()
                pdf = make_report(data, lang)
                render_s = time.perf_counter() - started
            print(f"{lang}: facts {facts_s:.2f} s ({queries.count} queries), PDF {render_s:.1f} s, "
                  f"{pages_of(pdf)} pages, {len(pdf) / 1e6:.1f} MB, peak RSS {peak_rss_mb():.0f} MB")
        tracemalloc.start()
        with app.test_request_context():
            make_report(data, args.langs[-1])
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"peak Python allocations while rendering ({args.langs[-1]}): {peak / 1e6:.0f} MB")
        db.engine.dispose()


if __name__ == "__main__":
    main()
