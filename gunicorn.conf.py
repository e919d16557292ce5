"""gunicorn settings for labapp in production (`gunicorn -c gunicorn.conf.py wsgi:app`); each can be set from the environment."""
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Several processes, each with a few threads: a slow PDF request does not hold up the room's sign-ups.
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
# A gthread worker takes new connections while it has fewer than this open, queueing them behind its threads;
# gunicorn's 1,000 let one busy worker hold most of a room's phones while the others idled. Past this many,
# connections wait in the listening socket's backlog for whichever worker is free first.
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", str(threads * 8)))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after a while, so a slow leak cannot grow for ever.
max_requests = 2000
max_requests_jitter = 200
# labapp writes its own access line (request id, route pattern, status, time) without paths that may hold
# secret links, so gunicorn's access log stays off.
accesslog = None
errorlog = "-"
# Only this proxy's X-Forwarded-* headers are believed by gunicorn; labapp's own LABAPP_PROXY_FIX says how many.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):
    """Once a worker has loaded the app, move everything loaded so far out of the garbage collector's sight.

    Matplotlib, WeasyPrint and the app leave about 300,000 long-lived objects that every full collection
    walked again, during whichever request happened to trigger it: freezing them halved the time of the
    main pages of a large lab (bench/RESULTS.md). Objects made by requests are collected as before.
    """
    import gc

    gc.collect()
    gc.freeze()
