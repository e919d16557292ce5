"""Run labapp under gunicorn on loopback for the load and fault tests, and talk to it over HTTP."""
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from flask import session
from flask_login import login_user
from flask_wtf.csrf import generate_csrf

ROOT = Path(__file__).resolve().parents[2]
SECRET_KEY = "load-test-secret-key"


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Answer:
    status: int
    headers: dict
    body: str
    cookies: dict = field(default_factory=dict)


def request(port, method, path, *, data=None, cookie=None, body=None, content_type=None, timeout=30.0) -> Answer:
    """Send one HTTP request to 127.0.0.1:port; return status, headers, text and the cookies it set."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Connection": "close"}
    if cookie:
        headers["Cookie"] = f"session={cookie}"
    if data is not None:
        body = urlencode(data)
        content_type = "application/x-www-form-urlencoded"
    if content_type:
        headers["Content-Type"] = content_type
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        jar = SimpleCookie()
        for value in response.headers.get_all("Set-Cookie") or []:
            jar.load(value)
        return Answer(response.status, dict(response.headers), text, {k: v.value for k, v in jar.items()})
    finally:
        conn.close()


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    """Encode form fields and {name: (filename, bytes)} as multipart/form-data; return body and content type."""
    boundary = "labapp-load-test-boundary"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f"Content-Type: text/csv\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def mint_session(app, user) -> tuple[str, str]:
    """Sign a person in the way the login page would; return (session cookie, CSRF token for forms)."""
    with app.app_context(), app.test_request_context("/"):  # a fresh `g`, so the CSRF token is this person's
        login_user(user)
        token = generate_csrf()
        cookie = app.session_interface.get_signing_serializer(app).dumps(dict(session))
    return cookie, token


def read_session(app, cookie: str) -> dict:
    """Decode a session cookie the server set."""
    return app.session_interface.get_signing_serializer(app).loads(cookie)


class Gunicorn:
    """labapp under gunicorn with gunicorn.conf.py (4 workers) on a free loopback port."""

    def __init__(self, database_url: str, *, workers: int = 4, log_path: Path, **env):
        self.port = free_port()
        self.log_path = log_path
        environment = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
        environment.update({
            "DATABASE_URL": database_url, "SECRET_KEY": SECRET_KEY, "LABAPP_JOB_THREADS": "0",
            "BIND": f"127.0.0.1:{self.port}", "WEB_CONCURRENCY": str(workers), "LABAPP_LOG_LEVEL": "WARNING",
            "LABAPP_LANGUAGES": "en,ur,bn,pa,ar,pl",
        })
        environment.update(env)
        self.log = open(log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
                                        cwd=ROOT, env=environment, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        self.workers = workers

    def wait_ready(self, timeout: float = 60.0) -> None:
        """Wait until every worker is up and the health check answers."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early:\n{self.log_path.read_text()[-3000:]}")
            try:
                if request(self.port, "GET", "/healthz", timeout=5).status == 200 and \
                        len(self.worker_pids()) == self.workers:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start:\n{self.log_path.read_text()[-3000:]}")

    def worker_pids(self) -> list[int]:
        """Return the pids of the master's worker processes."""
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(stat.parent.name))
        return sorted(pids)

    def stop(self) -> None:
        """Stop the master and its workers; kill them if they do not stop in time."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # quick shutdown: the tests are over
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log.close()
