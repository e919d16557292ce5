"""Run labapp under gunicorn on a free loopback port for a benchmark, and load it from threads (stdlib only)."""
import http.client
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


@contextmanager
def throwaway_database(url: str | None, prefix: str):
    """Yield the given database URL, or create a fresh PostgreSQL database named prefix_xxxx and drop it after."""
    import sqlalchemy as sa

    from labapp.config import normalise_database_url

    if url:
        yield normalise_database_url(url)
        return
    created = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{created}"'))
    try:
        yield sa.make_url(ADMIN_URL).set(database=created).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{created}" WITH (FORCE)'))
        admin.dispose()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn -c gunicorn.conf.py wsgi:app on the database, 4 workers, no job threads; stopped on exit."""

    def __init__(self, database_url: str, workers: int = 4, env: dict | None = None):
        self.port = free_port()
        self.base = ("127.0.0.1", self.port)
        self.env = {**os.environ, "DATABASE_URL": database_url, "BIND": f"127.0.0.1:{self.port}",
                    "WEB_CONCURRENCY": str(workers), "LABAPP_JOB_THREADS": "0", "LABAPP_LOG_LEVEL": "WARNING",
                    "SECRET_KEY": "bench-secret-key-not-for-production", **(env or {})}
        self.env.pop("REDIS_URL", None)
        self.log = tempfile.NamedTemporaryFile(prefix="labapp-gunicorn-", suffix=".log", delete=False)

    def __enter__(self):
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self.process = subprocess.Popen([gunicorn, "-c", "gunicorn.conf.py", "wsgi:app"], cwd=ROOT, env=self.env,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if request(self.base, "GET", "/healthz")[0] == 200:
                    # Let every worker come up before timing anything.
                    time.sleep(2)
                    return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError(f"gunicorn did not start; see {self.log.name}")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        print(f"gunicorn log: {self.log.name}", file=sys.stderr)


def request(base, method, path, *, cookies=None, form=None, headers=None, connection=None):
    """Send one request; return (status, headers as list, body bytes). Updates the cookies dict in place."""
    own = connection is None
    connection = connection or http.client.HTTPConnection(*base, timeout=120)
    sent = dict(headers or {})
    if cookies:
        sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form)
        sent["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        data = response.read()
    finally:
        if own:
            connection.close()
    if cookies is not None:
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                cookies[key.strip()] = rest.split(";", 1)[0]
    return response.status, response.getheaders(), data


def csrf_from(body: bytes) -> str:
    return re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', body).group(1).decode()


def signed_in_session(base, email, password=None) -> dict:
    """Sign in through the login form; return the cookies of the signed-in session."""
    from bench.generate import BENCH_PASSWORD

    cookies = {}
    _status, _h, body = request(base, "GET", "/login", cookies=cookies)
    status, _h, _b = request(base, "POST", "/login", cookies=cookies,
                             form={"email": email, "password": password or BENCH_PASSWORD,
                                   "csrf_token": csrf_from(body)})
    if status != 302:
        raise RuntimeError(f"sign-in as {email} answered {status}")
    return cookies


def load(base, path, cookies, total: int, clients: int):
    """GET path `total` times from `clients` threads with keep-alive; return (seconds per request, errors)."""
    times, errors, lock = [], [0], threading.Lock()
    remaining = iter(range(total))

    def worker():
        connection = http.client.HTTPConnection(*base, timeout=120)
        header = {"Cookie": "; ".join(f"{k}={v}" for k, v in (cookies or {}).items())} if cookies else {}
        while True:
            with lock:
                if next(remaining, None) is None:
                    break
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=header)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(*base, timeout=120)
                ok = False
            took = time.perf_counter() - started
            with lock:
                times.append(took)
                errors[0] += not ok
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, errors[0]


def percentile(values, pct):
    """Return the pct-th percentile (nearest rank) of the values."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, int(round(pct / 100 * len(ordered) + 0.5)) - 1))
    return ordered[rank]
