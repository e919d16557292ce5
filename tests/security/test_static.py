"""The security linter (ruff's flake8-bandit rules, configured in pyproject.toml) finds nothing unexplained."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ruff_security_rules_find_nothing_in_the_app_and_benchmarks():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "labapp", "bench", "wsgi.py"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linter_would_catch_an_unsafe_call(tmp_path):
    unsafe = tmp_path / "probe.py"
    unsafe.write_text('"""Probe."""\nimport subprocess\n\n\ndef run(text):\n    return subprocess.call(text, shell=True)\n')
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise",
                             "--config", str(ROOT / "pyproject.toml"), str(unsafe)],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 1 and "S602" in result.stdout
