"""Benchmark every main page of a lab: SQL queries per request at ×1 and ×20, and latency under gunicorn at ×20.

One database holds a ×1 and a ×20 lab (bench/generate.py). Every GET route with lab_id that renders a page
(HTML, JSON, CSV, SVG; not PDFs) is filled with ids from each lab's real objects and requested with the Flask
test client as a facilitator and, where a participant may see the page, as a participant; the queries each
request sends are counted, and a page whose count differs between ×1 and ×20 is flagged (N+1). Then gunicorn
(gunicorn.conf.py, 4 workers, no job threads) serves the database on a free loopback port and each page of the
×20 lab is requested N times by C concurrent signed-in clients, /healthz in the same run; p50/p95 are reported
with p95 as a ratio to /healthz's p95 (target: within 5×). Prints Markdown tables for bench/RESULTS.md.

Run: .venv/bin/python bench/bench_pages.py [--database-url postgresql://…] [--requests 40] [--clients 8]
Without --database-url it creates a fresh PostgreSQL database on 127.0.0.1:5432 (user postgres), drops it after.
"""
import argparse
import os
import platform
import sys
import time
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from labapp import create_app  # noqa: E402
from labapp.extensions import db  # noqa: E402
from tests.conftest import _upgrade, base_config  # noqa: E402

from bench.generate import BENCH_PASSWORD, build_lab  # noqa: E402
from bench.pages import compare_counts  # noqa: E402
from bench.serve import Gunicorn, load, percentile, signed_in_session, throwaway_database  # noqa: E402

# Pages left out of the latency run, with why. (The pick page is timed: its charts are drawn and stored
# beforehand with `flask datacards draw-charts`, as the README asks facilitators to do before a workshop.)
NOT_TIMED: dict[str, str] = {}


def machine_facts(url: str) -> str:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        server = conn.execute(sa.text("SHOW server_version")).scalar() if engine.dialect.name == "postgresql" \
            else sa.__version__
    engine.dispose()
    return (f"{os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{'PostgreSQL' if engine.dialect.name == 'postgresql' else 'SQLite'} {server.split()[0]}")


def query_table(rows) -> str:
    lines = ["| page | as | ×1 | ×20 | |", "|---|---|---|---|---|"]
    for row in rows:
        small, large = row["counts"]
        status = "" if row["statuses"] == [200, 200] else f"HTTP {row['statuses'][-1]}"
        flag = f"**N+1 (+{large - small})**" if large > small else (f"differs ({large - small})" if large < small else "")
        lines.append(f"| {row['endpoint']} | {row['who']} | {small} | {large} | {' '.join(filter(None, [flag, status]))} |")
    return "\n".join(lines)


def latency_table(results, healthz_p95) -> str:
    lines = ["| page | as | p50 ms | p95 ms | p95 ÷ /healthz p95 | |", "|---|---|---|---|---|---|"]
    for (endpoint, who), times, errors in results:
        p50, p95 = percentile(times, 50) * 1000, percentile(times, 95) * 1000
        ratio = p95 / (healthz_p95 * 1000)
        flag = "**over 5×**" if ratio > 5 else ""
        if errors:
            flag += f" {errors} errors"
        lines.append(f"| {endpoint} | {who} | {p50:.0f} | {p95:.0f} | {ratio:.1f} | {flag} |")
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument("--requests", type=int, default=40, help="requests per page")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--no-latency", action="store_true")
    args = parser.parse_args(argv)

    with throwaway_database(args.database_url, "labapp_bench") as url:
        run(url, args)


def run(url: str, args) -> None:
    _upgrade(url)
    app = create_app(base_config(url))
    lab_ids = []
    with app.app_context():
        for scale in (1, args.scale):
            started = time.perf_counter()
            lab = build_lab(scale, seed=scale)
            db.session.commit()
            lab_ids.append(lab.id)
            print(f"built the ×{scale} lab ({lab.id}) in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    started = time.perf_counter()
    rows, unfilled = compare_counts(app, lab_ids, BENCH_PASSWORD)
    print(f"counted queries of {len(rows)} pages in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    result = app.test_cli_runner().invoke(args=["datacards", "draw-charts"])
    print(result.output.strip(), file=sys.stderr)
    with app.app_context():
        db.engine.dispose()
    facts = machine_facts(url)
    print(f"## Main pages: SQL queries per request, ×1 and ×{args.scale} (`bench/bench_pages.py`)\n")
    print(f"Machine: {facts}. Flask test client, queries counted on the app's engine.\n")
    print(query_table(rows).replace("×20", f"×{args.scale}"))
    flagged = sorted({row["endpoint"] for row in rows if row["counts"][0] < row["counts"][1]})
    fewer = sorted({row["endpoint"] for row in rows if row["counts"][0] > row["counts"][1]})
    print(f"\nPages whose count grows with the lab: {', '.join(flagged) or 'none'}.")
    print(f"Pages with fewer queries at ×{args.scale} (what they show differs): {', '.join(fewer) or 'none'}.")
    print("\nRoutes not filled: " + "; ".join(f"`{rule}` ({why})" for rule, why in unfilled) + "\n")
    if args.no_latency:
        return

    # A participant's page is timed where it differs from the facilitator's (another number of queries).
    facilitator = {(row["endpoint"], row["url"]): row["counts"][-1] for row in rows if row["who"] == "facilitator"}
    pages = [(row["endpoint"], row["who"], row["url"]) for row in rows if row["statuses"][-1] == 200
             and (row["who"] == "facilitator" or facilitator.get((row["endpoint"], row["url"])) != row["counts"][-1])
             and row["endpoint"] not in NOT_TIMED]
    with Gunicorn(url) as server:
        sessions = {who: signed_in_session(server.base, email) for who, email in
                    rows_people(app, lab_ids[-1]).items()}
        results = []
        healthz = load(server.base, "/healthz", None, args.requests, args.clients)
        for endpoint, who, path in pages:
            # One request each first, so a worker's first-view work is not counted in the page's steady state.
            load(server.base, path, sessions[who], args.clients, args.clients)
            times, errors = load(server.base, path, sessions[who], args.requests, args.clients)
            results.append(((endpoint, who), times, errors))
            print(f"{endpoint} as {who}: p95 {percentile(times, 95) * 1000:.0f} ms", file=sys.stderr)
        healthz_after = load(server.base, "/healthz", None, args.requests, args.clients)
    healthz_times = healthz[0] + healthz_after[0]
    healthz_p95 = percentile(healthz_times, 95)
    print(f"\n## Main pages under gunicorn at ×{args.scale} (`bench/bench_pages.py`)\n")
    print(f"Machine: {facts}; gunicorn.conf.py with 4 workers × 4 threads, LABAPP_JOB_THREADS=0; {args.requests} "
          f"requests per page from {args.clients} concurrent signed-in clients after {args.clients} warm-up "
          f"requests. /healthz (measured before and after the pages): p50 "
          f"{percentile(healthz_times, 50) * 1000:.1f} ms, p95 {healthz_p95 * 1000:.1f} ms.\n")
    print(latency_table(results, healthz_p95))
    over = [f"{endpoint} ({who})" for (endpoint, who), times, _e in results
            if percentile(times, 95) > 5 * healthz_p95]
    print(f"\nPages over 5× /healthz's p95: {', '.join(over) or 'none'}.")
    print("\nNot timed: " + ("; ".join(f"{endpoint}: {why}" for endpoint, why in NOT_TIMED.items()) or "none") + ".")


def rows_people(app, lab_id):
    from bench.pages import sign_in_emails

    with app.app_context():
        return sign_in_emails(lab_id)


if __name__ == "__main__":
    main()
