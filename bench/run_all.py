"""Run every benchmark in bench/ and append their output to bench/RESULTS.md under today's date and the machine.

Run: .venv/bin/python bench/run_all.py [--only NAME ...] [--no-write]   (or `make bench`)
Each benchmark is a script here that prints its own figures; this runs them one after another in fresh
processes (so one's caches never help another), with a time limit each, and records what they printed.
Takes a long while (the large-lab report alone is minutes): leave the machine otherwise idle for honest times.
"""
import argparse
import datetime
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "RESULTS.md"

# In order: small PDFs and pages first, the large lab last. Each entry: script, extra arguments.
BENCHMARKS = [
    ("bench_summary_pdf.py", []),
    ("bench_systemmap.py", []),
    ("bench_workshops.py", []),
    ("bench_datacards.py", []),
    ("bench_pick_page.py", []),
    ("bench_journeys.py", []),
    ("bench_prototypes.py", []),
    ("bench_challenge.py", []),
    ("bench_pages.py", []),
    ("bench_burst.py", []),
    ("bench_report.py", ["--scale", "20", "--langs", "en", "ur"]),
]
TIME_LIMIT = 45 * 60


def _first_line(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, check=False, timeout=20).stdout.splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "not found"


def machine() -> str:
    """Describe the machine the figures were measured on."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "0") if Path("/proc/meminfo").exists() else "0"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    return (f"{os.cpu_count()} cores ({cpu}), {int(memory) // 1024 // 1024} GiB, {platform.platform()}, "
            f"Python {platform.python_version()}, {_first_line(['psql', '--version'])}; "
            f"load average {load:.1f} when the run started")


def run(script: str, arguments: list[str]) -> tuple[str, float, int]:
    """Run one benchmark in a fresh process; return what it printed, the seconds it took and its exit code."""
    started = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, str(HERE / script), *arguments], cwd=ROOT, capture_output=True,
                              text=True, timeout=TIME_LIMIT, check=False)
        output, code = done.stdout + (("\n" + done.stderr[-3000:]) if done.returncode else ""), done.returncode
    except subprocess.TimeoutExpired as expired:
        output, code = f"(stopped after {TIME_LIMIT} s)\n{expired.stdout or ''}", -1
    lines = [line for line in output.splitlines() if not line.startswith(("INFO  [alembic", "{\"time\""))]
    return "\n".join(lines).strip(), time.perf_counter() - started, code


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", help="run only these scripts (names without .py)")
    parser.add_argument("--no-write", action="store_true", help="print the section instead of adding it")
    args = parser.parse_args(argv)
    only = {name.removesuffix(".py") for name in args.only or []}
    chosen = [(script, extra) for script, extra in BENCHMARKS
              if (HERE / script).exists() and (not only or script.removesuffix(".py") in only)]
    if not chosen:
        parser.error(f"no benchmark is called {', '.join(sorted(only))}; "
                     f"they are: {', '.join(script.removesuffix('.py') for script, _ in BENCHMARKS)}")
    section = [f"## All benchmarks (`bench/run_all.py`) — {datetime.date.today().isoformat()}", "",
               f"Machine: {machine()}.", ""]
    failed = 0
    for script, extra in chosen:
        print(f"running {script} …", flush=True)
        output, seconds, code = run(script, extra)
        failed += code != 0
        status = "" if code == 0 else f" — FAILED (exit {code})"
        section += [f"### `{script}`{status} ({seconds:.0f} s)", "", "```", output, "```", ""]
        print(output, flush=True)
    text = "\n".join(section) + "\n"
    if args.no_write:
        print(text)
    else:
        current = RESULTS.read_text()
        head, marker, rest = current.partition("\n## ")
        RESULTS.write_text(head + "\n" + text + "\n" + marker.lstrip("\n") + rest if marker else current + text)
        print(f"written to {RESULTS.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
