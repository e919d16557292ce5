"""Store the design team's outreach: each person or actor to invite, and where they are in the pipeline."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from labapp.accounts.models import utcnow
from labapp.extensions import db

STATUSES = ("to_invite", "invited", "accepted", "declined", "attended")


class Outreach(db.Model):
    __tablename__ = "outreach"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    # Whom: an actor from the map, or a person by name (or both: a named person who is an actor).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="SET NULL"), index=True)
    person_name: Mapped[str] = mapped_column(String(120), default="")
    email: Mapped[str | None] = mapped_column(String(254))
    sector: Mapped[str | None] = mapped_column(String(40))
    level: Mapped[str | None] = mapped_column(String(20))
    # To what: a workshop, or the lab as a whole (None).
    workshop_id: Mapped[int | None] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    # By whom: the design-team member who will invite them.
    inviter_id: Mapped[int | None] = mapped_column(ForeignKey("memberships.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="to_invite")
    support_needs: Mapped[list] = mapped_column(JSON, default=list)
    interpreter_language: Mapped[str | None] = mapped_column(String(10))
    notes: Mapped[str] = mapped_column(Text, default="")
    # Once the person accepts through a Foundation invitation link, their membership.
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("invitations.id", ondelete="SET NULL"))
    membership_id: Mapped[int | None] = mapped_column(ForeignKey("memberships.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    actor = relationship("Actor")
    workshop = relationship("Workshop")
    inviter = relationship("Membership", foreign_keys=[inviter_id])

    @property
    def display_name(self) -> str:
        """Return the person's name, else the actor's."""
        return self.person_name or (self.actor.name if self.actor else "")
