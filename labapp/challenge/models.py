"""Store proposals (resources, risks, equality check, sign-offs, decision, actions) and panel sessions with scores."""
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from labapp.accounts.models import User, utcnow
from labapp.extensions import db
from labapp.labs.models import Membership
from labapp.prototypes.models import Prototype

from .constants import DRAFT, OPTION_KINDS


class ChallengeOption(db.Model):
    """One entry of a lab's scale list or strategic-priority list; preset entries keep a code to show translated."""

    __tablename__ = "challenge_options"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    code: Mapped[str | None] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(default=0)

    @property
    def display(self) -> str:
        """Return the label to show: a preset entry in the reader's language, else what the facilitator typed."""
        preset = OPTION_KINDS.get(self.kind, {})
        return str(preset[self.code]) if self.code in preset else self.label


class Proposal(db.Model):
    """A prototype team's proposal to the check-and-challenge panel; one per prototype."""

    __tablename__ = "challenge_proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    prototype_id: Mapped[int] = mapped_column(ForeignKey("prototypes.id", ondelete="CASCADE"), unique=True)
    propositions: Mapped[list] = mapped_column(JSON, default=list)
    hypothesis: Mapped[str] = mapped_column(Text, default="")
    change: Mapped[str] = mapped_column(Text, default="")
    scale_id: Mapped[int | None] = mapped_column(ForeignKey("challenge_options.id", ondelete="SET NULL"))
    priority_ids: Mapped[list] = mapped_column(JSON, default=list)
    impact_measures: Mapped[str] = mapped_column(Text, default="")
    process_measures: Mapped[str] = mapped_column(Text, default="")
    governance: Mapped[str] = mapped_column(Text, default="")
    sponsor_comments: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default=DRAFT)
    lead_signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    lead_signed_on: Mapped[date | None]
    sponsor_signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    sponsor_signed_on: Mapped[date | None]
    decision: Mapped[str] = mapped_column(String(20), default="")
    conditions: Mapped[str] = mapped_column(Text, default="")
    decided_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    prototype: Mapped[Prototype] = relationship()
    lead_signer: Mapped[User | None] = relationship(foreign_keys=[lead_signed_by_id])
    sponsor_signer: Mapped[User | None] = relationship(foreign_keys=[sponsor_signed_by_id])
    scale: Mapped[ChallengeOption | None] = relationship()
    resources: Mapped[list["Resource"]] = relationship(
        back_populates="proposal", cascade="all, delete-orphan", order_by="Resource.id")
    risks: Mapped[list["Risk"]] = relationship(
        back_populates="proposal", cascade="all, delete-orphan", order_by="Risk.id")
    equality: Mapped[list["EqualityEffect"]] = relationship(
        back_populates="proposal", cascade="all, delete-orphan", order_by="EqualityEffect.id")
    actions: Mapped[list["Action"]] = relationship(
        back_populates="proposal", cascade="all, delete-orphan", order_by="Action.id")


class Resource(db.Model):
    """What the change needs: people, money, materials or other, already in place or new, and why."""

    __tablename__ = "challenge_resources"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("challenge_proposals.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20))
    needed: Mapped[str] = mapped_column(Text, default="")
    why: Mapped[str] = mapped_column(Text, default="")

    proposal: Mapped[Proposal] = relationship(back_populates="resources")


class Risk(db.Model):
    """A risk with its likelihood and consequence, each 1 (very low) to 5 (very high)."""

    __tablename__ = "challenge_risks"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("challenge_proposals.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    likelihood: Mapped[int]
    consequence: Mapped[int]
    mitigation: Mapped[str] = mapped_column(Text, default="")

    proposal: Mapped[Proposal] = relationship(back_populates="risks")


class EqualityEffect(db.Model):
    """The likely effect on one group; a negative effect needs a mitigation."""

    __tablename__ = "challenge_equality"
    __table_args__ = (UniqueConstraint("proposal_id", "group"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("challenge_proposals.id", ondelete="CASCADE"), index=True)
    group: Mapped[str] = mapped_column(String(40))
    effect: Mapped[str] = mapped_column(String(20), default="unknown")
    mitigation: Mapped[str] = mapped_column(Text, default="")

    proposal: Mapped[Proposal] = relationship(back_populates="equality")


class Action(db.Model):
    """An action the panel's decision asks for, with its owner and due date."""

    __tablename__ = "challenge_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("challenge_proposals.id", ondelete="CASCADE"), index=True)
    what: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200), default="")
    due_on: Mapped[date | None]

    proposal: Mapped[Proposal] = relationship(back_populates="actions")


class PanelSession(db.Model):
    """A check-and-challenge panel: its members score the proposals it reviews, blind until they submit or
    the facilitator reveals; scores change until it is closed."""

    __tablename__ = "challenge_panels"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date | None]
    revealed: Mapped[bool] = mapped_column(default=False)
    closed: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    members: Mapped[list["PanelMember"]] = relationship(
        back_populates="panel", cascade="all, delete-orphan", order_by="PanelMember.id")
    items: Mapped[list["PanelProposal"]] = relationship(
        back_populates="panel", cascade="all, delete-orphan", order_by="PanelProposal.id")

    @property
    def open_results(self) -> bool:
        """Tell whether everyone may now see everyone's scores."""
        return self.revealed or self.closed


class PanelMember(db.Model):
    __tablename__ = "challenge_panel_members"
    __table_args__ = (UniqueConstraint("panel_id", "membership_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    panel_id: Mapped[int] = mapped_column(ForeignKey("challenge_panels.id", ondelete="CASCADE"), index=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id", ondelete="CASCADE"), index=True)

    panel: Mapped[PanelSession] = relationship(back_populates="members")
    membership: Mapped[Membership] = relationship(lazy="joined")


class PanelProposal(db.Model):
    __tablename__ = "challenge_panel_proposals"
    __table_args__ = (UniqueConstraint("panel_id", "proposal_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    panel_id: Mapped[int] = mapped_column(ForeignKey("challenge_panels.id", ondelete="CASCADE"), index=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("challenge_proposals.id", ondelete="CASCADE"), index=True)

    panel: Mapped[PanelSession] = relationship(back_populates="items")
    proposal: Mapped[Proposal] = relationship()


class Score(db.Model):
    """One member's rating of one factor of one proposal in one panel (0 is "can't judge"), with a comment."""

    __tablename__ = "challenge_scores"
    __table_args__ = (UniqueConstraint("panel_id", "proposal_id", "membership_id", "factor"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    panel_id: Mapped[int] = mapped_column(ForeignKey("challenge_panels.id", ondelete="CASCADE"), index=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("challenge_proposals.id", ondelete="CASCADE"), index=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id", ondelete="CASCADE"), index=True)
    factor: Mapped[int]
    rating: Mapped[int | None]
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    membership: Mapped[Membership] = relationship()


class Submission(db.Model):
    """A member has submitted their scores for a proposal in a panel: from then on they see the others'."""

    __tablename__ = "challenge_submissions"
    __table_args__ = (UniqueConstraint("panel_id", "proposal_id", "membership_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    panel_id: Mapped[int] = mapped_column(ForeignKey("challenge_panels.id", ondelete="CASCADE"), index=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("challenge_proposals.id", ondelete="CASCADE"), index=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id", ondelete="CASCADE"), index=True)
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
