"""A ×20 lab exported, imported as a new lab and exported again gives the same content, ids aside."""
import json
import os
import subprocess
import sys
import time

import pytest

from bench.generate import build_lab
from labapp.accounts.models import User
from labapp.extensions import db

from .harness import ROOT, SECRET_KEY, mint_session, request

pytestmark = [pytest.mark.load, pytest.mark.postgres_only]
SCALE = 20


def _normalised(value):
    """Drop ids and references (they differ between the labs) and sort lists, so only content is compared."""
    if isinstance(value, dict):
        return {key: _normalised(item) for key, item in value.items()
                if key not in ("id", "join_code") and not key.endswith(("_id", "_ids"))}
    if isinstance(value, list):
        items = [_normalised(item) for item in value]
        if all(isinstance(item, int) and not isinstance(item, bool) for item in value):
            return len(items)  # a list of ids (a panel's members or proposals): compare how many
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
    return value


def _differences(one, two, path="", found=None):
    found = [] if found is None else found
    if isinstance(one, dict) and isinstance(two, dict):
        for key in sorted(set(one) | set(two)):
            _differences(one.get(key, "<missing>"), two.get(key, "<missing>"), f"{path}.{key}", found)
    elif isinstance(one, list) and isinstance(two, list) and len(one) == len(two):
        for left, right in zip(one, two):
            _differences(left, right, f"{path}[]", found)
    elif one != two:
        found.append(f"{path}: {str(one)[:80]!r} -> {str(two)[:80]!r}")
    return found


def _export(server, cookie, lab_id):
    answer = request(server.port, "GET", f"/labs/{lab_id}/export.json", cookie=cookie, timeout=120)
    assert answer.status == 200
    return json.loads(answer.body)


def test_a_x20_lab_comes_back_the_same_after_export_and_import(pg_app, serve, database_url, tmp_path):
    began = time.monotonic()
    with pg_app.app_context():
        lab = build_lab(SCALE)
        db.session.commit()
        lab_id = lab.id
        email = f"facilitator.lab{lab_id}@bench.example.org"
        facilitator = db.session.scalar(db.select(User).where(User.email == email))
        cookie, _token = mint_session(pg_app, facilitator)
    server = serve(database_url)
    started = time.monotonic()
    first = _export(server, cookie, lab_id)
    exported = time.monotonic()
    path = tmp_path / "lab.json"
    path.write_text(json.dumps(first))
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": SECRET_KEY, "FLASK_APP": "wsgi",
           "LABAPP_JOB_THREADS": "0"}
    env.pop("REDIS_URL", None)
    done = subprocess.run([sys.executable, "-m", "flask", "import", str(path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    new_id = int(done.stdout.split("Imported as lab ")[1].split(":")[0])
    imported = time.monotonic()
    second = _export(server, cookie, new_id)  # the facilitator is matched by email, so they run the new lab too
    assert new_id != lab_id and second["lab"]["id"] == new_id
    differences = _differences(_normalised(first), _normalised(second))
    assert differences == []
    sizes = {key: len(value) if isinstance(value, list) else sum(len(v) for v in value.values() if isinstance(v, list))
             for key, value in first.items() if isinstance(value, (list, dict)) and key != "lab"}
    filled = ("members", "system_map", "workshops", "outreach", "datacards", "journeys", "prototypes", "challenge")
    assert all(sizes[key] > 0 for key in filled), sizes  # the comparison covered real content in each area
    print(f"\n×{SCALE} lab: built {started - began:.1f}s, export {exported - started:.1f}s "
          f"({len(path.read_bytes()) / 1e6:.1f} MB), import "
          f"{imported - exported:.1f}s, second export {time.monotonic() - imported:.1f}s; records per section {sizes}")
