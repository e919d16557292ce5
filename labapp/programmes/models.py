"""Store programmes and the labs each one groups, in the order they were added."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from labapp.accounts.models import User, utcnow
from labapp.extensions import db
from labapp.labs.models import Lab


class Programme(db.Model):
    """A grouping of labs (e.g. two places in one ICS) whose learning is compared; it owns no lab."""

    __tablename__ = "programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)

    created_by: Mapped[User | None] = relationship()
    lab_rows: Mapped[list["ProgrammeLab"]] = relationship(
        back_populates="programme", cascade="all, delete-orphan", passive_deletes=True,
        order_by="(ProgrammeLab.position, ProgrammeLab.id)")

    @property
    def labs(self) -> list[Lab]:
        """Return the programme's labs in order."""
        return [row.lab for row in self.lab_rows]

    def __repr__(self) -> str:
        return f"<Programme {self.id}>"


class ProgrammeLab(db.Model):
    """One lab's place in a programme."""

    __tablename__ = "programme_labs"
    __table_args__ = (UniqueConstraint("programme_id", "lab_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    programme: Mapped[Programme] = relationship(back_populates="lab_rows")
    lab: Mapped[Lab] = relationship()
