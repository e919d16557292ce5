"""Store background jobs: what to make, how far along it is, and the file it made."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, deferred, mapped_column

from labapp.accounts.models import utcnow
from labapp.extensions import db

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
STATUSES = (QUEUED, RUNNING, DONE, FAILED)


class Job(db.Model):
    """One piece of work for a target (e.g. "lab:12") in one language; the fingerprint names its input, so the
    same request twice is one job. Every process reads and writes it here, so any of them can answer a poll."""

    __tablename__ = "jobs"
    __table_args__ = (UniqueConstraint("kind", "target", "locale", "fingerprint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(80), index=True)
    locale: Mapped[str] = mapped_column(String(10))
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(10), default=QUEUED, index=True)
    progress: Mapped[int] = mapped_column(default=0)
    step: Mapped[str] = mapped_column(String(40), default="")
    # The input and the output can be large: loaded only when asked for, never by a poll.
    params: Mapped[dict] = deferred(mapped_column(JSON, default=dict, nullable=False))
    result: Mapped[bytes | None] = deferred(mapped_column(LargeBinary, nullable=True))
    filename: Mapped[str] = mapped_column(String(200), default="")
    error: Mapped[str] = mapped_column(Text, default="")
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    heartbeat_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<Job {self.id} {self.kind} {self.status}>"
