"""PostgreSQL stopped and started under load: a friendly 503 while it is down, back by itself after."""
import glob
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from labapp import create_app
from labapp.accounts import service as accounts_service
from labapp.extensions import db
from tests.conftest import _upgrade, base_config

from .harness import SECRET_KEY, free_port, mint_session, request

pytestmark = [pytest.mark.load, pytest.mark.postgres_only]
FRIENDLY = "The lab is out of reach for a moment"


class PrivateCluster:
    """A throwaway PostgreSQL cluster in a temporary folder, run by the postgres OS user."""

    def __init__(self):
        binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not binaries or not shutil.which("runuser"):
            pytest.skip("initdb or runuser is not available: cannot start a private PostgreSQL to restart")
        self.bin = Path(binaries[-1]).parent
        self.dir = Path(tempfile.mkdtemp(prefix="labapp-pg-"))
        self.port = free_port()
        shutil.chown(self.dir, "postgres")
        self._as_postgres("initdb", "-D", str(self.dir / "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _as_postgres(self, tool, *args):
        subprocess.run(["runuser", "-u", "postgres", "--", str(self.bin / tool), *args], check=True,
                       capture_output=True, timeout=120)

    def start(self):
        self._as_postgres("pg_ctl", "-D", str(self.dir / "data"), "-l", str(self.dir / "log"), "-w", "start",
                          "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1")

    def stop(self, mode="fast"):
        self._as_postgres("pg_ctl", "-D", str(self.dir / "data"), "-m", mode, "-w", "stop")

    def remove(self):
        try:
            self.stop("immediate")
        except subprocess.CalledProcessError:
            pass  # already stopped
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def cluster(database):
    if database["backend"] != "postgresql":
        pytest.skip("load and fault tests run against PostgreSQL under gunicorn")
    cluster = PrivateCluster()
    try:
        cluster.start()
        _upgrade(cluster.url)
        yield cluster
    finally:
        cluster.remove()


class Load:
    """Steady requests from a few threads: the health check and a signed-in person's list of labs."""

    def __init__(self, port, cookie):
        self.port, self.cookie = port, cookie
        self.log, self.running = [], True  # (time, path, status or error, seconds taken, friendly page?)
        self.threads = [threading.Thread(target=self._run, args=(path,))
                        for path in ("/healthz", "/labs/", "/labs/", "/healthz")]
        for thread in self.threads:
            thread.start()

    def _run(self, path):
        while self.running:
            started = time.monotonic()
            try:
                answer = request(self.port, "GET", path, cookie=self.cookie if path != "/healthz" else None,
                                 timeout=15)
                outcome, friendly = answer.status, FRIENDLY in answer.body
            except OSError as error:
                outcome, friendly = repr(error), False
            self.log.append((started, path, outcome, time.monotonic() - started, friendly))
            time.sleep(0.05)

    def since(self, moment):
        return [entry for entry in self.log if entry[0] >= moment]

    def stop(self):
        self.running = False
        for thread in self.threads:
            thread.join(timeout=30)


def _wait_for(load, moment, status, limit=20.0):
    """Wait until every path has answered `status` after the moment; return how long it took."""
    deadline = moment + limit
    while time.monotonic() < deadline:
        seen = {path for _t, path, outcome, _s, _f in load.since(moment) if outcome == status}
        if seen == {"/healthz", "/labs/"}:
            return time.monotonic() - moment
        time.sleep(0.05)
    raise AssertionError(f"no {status} on every page within {limit}s: {load.since(moment)[-8:]}")


def test_the_app_answers_503_while_postgresql_is_down_and_recovers_by_itself(cluster, serve, tmp_path):
    app = create_app({**base_config(cluster.url), "SECRET_KEY": SECRET_KEY})
    with app.app_context():
        user = accounts_service.create_user(name="Amina", email="amina@example.org", password=None)
        db.session.commit()
        cookie, _token = mint_session(app, user)
        db.session.remove()
        db.engine.dispose()
    server = serve(cluster.url)
    load = Load(server.port, cookie)
    try:
        time.sleep(1.5)
        assert {outcome for _t, _p, outcome, _s, _f in load.log} == {200}
        stopped = time.monotonic()
        cluster.stop()
        down_after = _wait_for(load, stopped, 503)
        time.sleep(3)  # stay down for a while under load
        started = time.monotonic()
        cluster.start()
        up_after = _wait_for(load, started, 200)
        time.sleep(1)
    finally:
        load.stop()
    while_down = [e for e in load.log if stopped + down_after <= e[0] < started]
    assert while_down and {e[2] for e in while_down} == {503}
    assert all(e[4] for e in while_down if e[1] == "/labs/"), "the 503 page is not the friendly one"
    slowest = max(e[3] for e in load.log)
    assert slowest < 10, f"a request hung for {slowest:.1f}s"
    after = [e for e in load.log if e[0] >= started + up_after]
    assert after and {e[2] for e in after} == {200}
    print(f"\nPostgreSQL stopped: every page 503 within {down_after:.2f}s; {len(while_down)} answers while down; "
          f"started again: 200 within {up_after:.2f}s with no restart; {len(load.log)} requests, slowest "
          f"{slowest:.2f}s")
