"""Store a lab's review sessions and the lessons learnt recorded in them."""
from datetime import date, datetime, time

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from labapp.accounts.models import utcnow
from labapp.extensions import db
from labapp.labs.models import Membership
from labapp.prototypes.models import Prototype

from .constants import OPEN


class ReviewSession(db.Model):
    """A community-of-practice session where the room looks at the lab's learning together."""

    __tablename__ = "practice_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column(index=True)
    starts: Mapped[time | None]
    place: Mapped[str] = mapped_column(String(200), default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default=OPEN)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    lessons: Mapped[list["Lesson"]] = relationship(
        back_populates="session", cascade="all, delete-orphan",
        order_by="Lesson.created_at, Lesson.id")

    @property
    def is_open(self) -> bool:
        """Tell whether people may still add lessons."""
        return self.status == OPEN


class Lesson(db.Model):
    """One lesson learnt: what worked, what to do differently, or what the wider system should take up."""

    __tablename__ = "practice_lessons"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("practice_sessions.id", ondelete="CASCADE"), index=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    stage: Mapped[str | None] = mapped_column(String(40))
    prototype_id: Mapped[int | None] = mapped_column(ForeignKey("prototypes.id", ondelete="SET NULL"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("memberships.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    session: Mapped[ReviewSession] = relationship(back_populates="lessons")
    prototype: Mapped[Prototype | None] = relationship()
    author: Mapped[Membership | None] = relationship()
