"""Run jobs: in a process-wide thread pool started on first use, or from `flask jobs work` in its own process.

Each job runs in its own app context (so its own database session), reports progress in short transactions,
and ends done with its file or failed with a message; the traceback goes to the log only.
"""
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from flask import Flask

from labapp.extensions import db

from . import service
from .models import Job

log = logging.getLogger(__name__)

DEFAULT_THREADS = 2

# kind -> function(job, progress) returning (file bytes, filename); progress(percent, step) records a step.
_kinds: dict[str, Callable] = {}
_executors: dict[int, ThreadPoolExecutor] = {}
_lock = threading.Lock()


class JobError(Exception):
    """Raised by a job function with a message meant for the person who asked (already translated)."""


def register(kind: str):
    """Register the function that does a kind of job."""

    def decorator(function: Callable) -> Callable:
        _kinds[kind] = function
        return function

    return decorator


def _executor(threads: int) -> ThreadPoolExecutor:
    with _lock:
        if threads not in _executors:
            _executors[threads] = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="labapp-job")
        return _executors[threads]


def submit(app: Flask, job_id: int) -> Future | None:
    """Run the job in the background thread pool; None when the app leaves jobs to `flask jobs work`."""
    threads = int(app.config.get("LABAPP_JOB_THREADS", DEFAULT_THREADS))
    if threads <= 0:
        return None
    return _executor(threads).submit(run, app, job_id)


def run(app: Flask, job_id: int) -> bool:
    """Claim the job and do it; return False when another worker had it."""
    # A request context of its own, so templates can build static URLs; it brings its own app context and session.
    with app.test_request_context("/"):
        try:
            claimed = service.claim(job_id)
            db.session.commit()
            if not claimed:
                return False
            job = db.session.get(Job, job_id)
            function = _kinds[job.kind]

            def progress(percent: int, step: str) -> None:
                service.set_progress(job_id, percent, step)
                db.session.commit()

            data, filename = function(job, progress)
            service.finish(job_id, data, filename)
            db.session.commit()
        except JobError as error:
            db.session.rollback()
            service.fail(job_id, str(error))
            db.session.commit()
        except Exception:
            log.exception("job %s failed", job_id)
            db.session.rollback()
            service.fail(job_id, "")
            db.session.commit()
        finally:
            db.session.remove()
    return True


def work(app: Flask, *, once: bool, poll_seconds: float = 2.0, stop: threading.Event | None = None) -> int:
    """Claim and run queued jobs until stopped (or, with `once`, until none is left); return how many ran."""
    ran = 0
    stop = stop or threading.Event()
    while not stop.is_set():
        with app.app_context():
            service.requeue_stale()
            job_id = service.next_queued()
            db.session.commit()
            db.session.remove()
        if job_id is None:
            if once:
                break
            stop.wait(poll_seconds)
            continue
        ran += run(app, job_id)
    return ran
