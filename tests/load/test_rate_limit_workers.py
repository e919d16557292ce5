"""Failed logins spread over gunicorn's 4 workers count against one limit kept in Redis."""
import re

import pytest
import redis

from .harness import request

pytestmark = [pytest.mark.load, pytest.mark.postgres_only]
REDIS_URL = "redis://127.0.0.1:6379/14"  # a spare database, flushed before and after


@pytest.fixture
def spare_redis():
    store = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        store.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"Redis not reachable at {REDIS_URL}")
    store.flushdb()
    yield store
    store.flushdb()
    store.close()


def _failed_login(port, email):
    """Open the login page for a fresh session and token, then sign in with a wrong password."""
    page = request(port, "GET", "/login")
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.body).group(1)
    answer = request(port, "POST", "/login", cookie=page.cookies["session"],
                     data={"csrf_token": token, "email": email, "password": "not the password"})
    return answer.status


def test_failed_logins_over_4_workers_are_limited_as_one(pg_app, serve, database_url, make_user, spare_redis):
    make_user(email="amina@example.org")
    server = serve(database_url, REDIS_URL=REDIS_URL)
    statuses = [_failed_login(server.port, "amina@example.org") for _attempt in range(14)]
    # 10 per minute for the whole site, not 10 per worker (40 with 4 workers in memory).
    assert statuses == [200] * 10 + [429] * 4
    assert any(b"login" in key for key in spare_redis.keys("*")), "the login limit was not kept in Redis"
