"""Find or ask for a lab's report in one language: the snapshot's fingerprint names the file. Never commits."""
from dataclasses import dataclass

from labapp.jobs import service as jobs
from labapp.jobs.models import DONE, Job

from . import facts
from .document import KIND


def target_of(lab) -> str:
    """Return the job target that names this lab."""
    return f"lab:{lab.id}"


@dataclass
class Current:
    """The lab's learning as it is now, in one language, and the report made from it if there is one."""

    data: dict
    fingerprint: str
    job: Job | None

    @property
    def ready(self) -> bool:
        return self.job is not None and self.job.status == DONE


def current(lab, locale: str) -> Current:
    """Gather the lab's learning now and find the job made from exactly that."""
    data = facts.snapshot(lab, locale)
    fingerprint = facts.fingerprint(data)
    return Current(data, fingerprint, jobs.find(KIND, target_of(lab), locale, fingerprint))


def request_report(lab, locale: str, now: Current, user) -> Job:
    """Ask for the report of the lab's learning as it is now (one job however many ask)."""
    return jobs.request_job(KIND, target_of(lab), locale, now.fingerprint, now.data, user)


def latest(lab, locale: str) -> Job | None:
    """Return the newest finished report in this language, current or not."""
    return jobs.latest_done(KIND, target_of(lab), locale)


def job_of(lab, job_id: int) -> Job | None:
    """Return the report job when it belongs to this lab."""
    return jobs.job_for_target(job_id, target_of(lab))
