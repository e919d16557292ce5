"""Ask for a job, claim it, record its progress and its end. Never commits (the runner and views do).

Two requests for the same work (kind, target, locale, fingerprint) meet on the table's unique constraint:
the second insert fails inside a savepoint and reads the row the first one made. A job is claimed by a
conditional UPDATE (… WHERE status = 'queued'), so of several processes only one runs it.
"""
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from labapp.accounts.models import utcnow
from labapp.extensions import db

from .models import DONE, FAILED, QUEUED, RUNNING, Job

DEFAULT_STALE_SECONDS = 600


def stale_after() -> timedelta:
    """Return how long a running job may go without a heartbeat before it counts as dead."""
    return timedelta(seconds=int(current_app.config.get("LABAPP_JOB_STALE_SECONDS", DEFAULT_STALE_SECONDS)))


def find(kind: str, target: str, locale: str, fingerprint: str) -> Job | None:
    """Return the job for exactly this work, if there is one."""
    return db.session.scalar(select(Job).where(Job.kind == kind, Job.target == target, Job.locale == locale,
                                               Job.fingerprint == fingerprint))


def latest_done(kind: str, target: str, locale: str) -> Job | None:
    """Return the newest finished job for a target in one language."""
    return db.session.scalar(select(Job).where(Job.kind == kind, Job.target == target, Job.locale == locale,
                                               Job.status == DONE).order_by(Job.finished_at.desc()).limit(1))


def is_stale(job: Job, now=None) -> bool:
    """Tell whether a running job's worker has stopped beating (it died, or its process was stopped)."""
    if job.status != RUNNING:
        return False
    beat = job.heartbeat_at or job.started_at or job.created_at
    return beat < (now or utcnow()) - stale_after()


def _requeue(job: Job) -> None:
    job.status, job.progress, job.step, job.error = QUEUED, 0, "", ""
    job.started_at = job.heartbeat_at = job.finished_at = None


def request_job(kind: str, target: str, locale: str, fingerprint: str, params: dict, user=None) -> Job:
    """Return the job for this work: the one that exists (queued, running, done or failed), else a new queued one.

    A running job whose heartbeat is stale goes back to the queue.
    """
    job = find(kind, target, locale, fingerprint)
    if job is None:
        job = Job(kind=kind, target=target, locale=locale, fingerprint=fingerprint, params=params, status=QUEUED,
                  requested_by_id=getattr(user, "id", None))
        try:
            with db.session.begin_nested():
                db.session.add(job)
        except IntegrityError:
            job = find(kind, target, locale, fingerprint)  # someone else asked at the same moment
            if job is None:  # pragma: no cover - the row that clashed was rolled back in the meantime
                raise
    if is_stale(job):
        _requeue(job)
        db.session.flush()
    return job


def retry(job: Job) -> bool:
    """Put a failed job back in the queue; return whether it was failed."""
    if job.status != FAILED:
        return False
    _requeue(job)
    return True


def claim(job_id: int) -> bool:
    """Take a queued job for this worker; return False when another worker has it or it is not queued."""
    now = utcnow()
    result = db.session.execute(
        update(Job).where(Job.id == job_id, Job.status == QUEUED)
        .values(status=RUNNING, started_at=now, heartbeat_at=now, progress=0, step="")
        .execution_options(synchronize_session=False))
    return result.rowcount == 1


def next_queued() -> int | None:
    """Return the id of the oldest queued job."""
    return db.session.scalar(select(Job.id).where(Job.status == QUEUED).order_by(Job.created_at, Job.id).limit(1))


def requeue_stale() -> int:
    """Put every running job whose heartbeat is stale back in the queue; return how many."""
    result = db.session.execute(
        update(Job).where(Job.status == RUNNING, Job.heartbeat_at < utcnow() - stale_after())
        .values(status=QUEUED, progress=0, step="", started_at=None, heartbeat_at=None)
        .execution_options(synchronize_session=False))
    return result.rowcount


def set_progress(job_id: int, percent: int, step: str) -> None:
    """Record how far a running job is, and that its worker is alive."""
    db.session.execute(update(Job).where(Job.id == job_id, Job.status == RUNNING)
                       .values(progress=max(0, min(100, int(percent))), step=step[:40], heartbeat_at=utcnow())
                       .execution_options(synchronize_session=False))


def finish(job_id: int, result: bytes, filename: str) -> None:
    """Keep the job's file; delete older finished jobs for the same target and language."""
    now = utcnow()
    db.session.execute(update(Job).where(Job.id == job_id)
                       .values(status=DONE, result=result, filename=filename[:200], progress=100, step="done",
                               finished_at=now, heartbeat_at=now, error="")
                       .execution_options(synchronize_session=False))
    job = db.session.execute(select(Job.kind, Job.target, Job.locale).where(Job.id == job_id)).one()
    db.session.execute(delete(Job).where(Job.kind == job.kind, Job.target == job.target, Job.locale == job.locale,
                                         Job.id != job_id, Job.status.in_((DONE, FAILED)),
                                         Job.created_at <= db.session.scalar(
                                             select(Job.created_at).where(Job.id == job_id)))
                       .execution_options(synchronize_session=False))


def fail(job_id: int, message: str) -> None:
    """Mark the job failed with a message for the page (never a traceback)."""
    db.session.execute(update(Job).where(Job.id == job_id)
                       .values(status=FAILED, error=message, finished_at=utcnow())
                       .execution_options(synchronize_session=False))


def job_for_target(job_id: int, target: str) -> Job | None:
    """Return the job when it belongs to this target; None otherwise."""
    return db.session.scalar(select(Job).where(Job.id == job_id, Job.target == target))
