"""Rate limits live in Redis when REDIS_URL is set, so every web process shares them."""
import os

import pytest
import redis


@pytest.fixture
def redis_url():
    url = os.environ.get("LABAPP_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("LABAPP_REQUIRE_REDIS", "") not in ("", "0"):
            pytest.fail(f"Redis not reachable at {url}")
        pytest.skip(f"Redis not reachable at {url}")
    return url


def test_two_web_processes_share_the_login_limit(make_app, make_user, redis_url):
    store = redis.Redis.from_url(redis_url)
    store.flushdb()  # database 15 is the tests' own
    first = make_app(RATELIMIT_STORAGE_URI=redis_url)
    make_user(email="amina@example.org")
    second = make_app(RATELIMIT_STORAGE_URI=redis_url)
    one, two = first.test_client(), second.test_client()
    for attempt in range(10):
        client = one if attempt % 2 else two
        assert client.post_form("/login", {"email": "amina@example.org", "password": "wrong"}).status_code == 200
    assert one.post_form("/login", {"email": "amina@example.org", "password": "wrong"}).status_code == 429
    assert two.post_form("/login", {"email": "amina@example.org", "password": "wrong"}).status_code == 429
    # The counts are in Redis, where any other process or machine reads them too.
    assert any(b"login" in key for key in store.keys("*")), "the login limit was not kept in Redis"
    store.flushdb()
    store.close()


def test_an_app_with_limits_off_does_not_switch_them_off_for_the_next_app(make_app):
    """Flask-Limiter's extension is shared by every app the process makes; each app decides for itself."""
    make_app(RATELIMIT_ENABLED=False)
    client = make_app().test_client()
    answers = [client.post_form("/login", {"email": "x@example.org", "password": "wrong"}).status_code
               for _ in range(12)]
    assert 429 in answers
