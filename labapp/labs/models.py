"""Store labs, their stages, memberships with roles, and invitations."""
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from labapp.accounts.models import User, utcnow
from labapp.extensions import db

from .constants import DEFAULT_RESIDENT_TARGET, SECTORS, STAGES


class Lab(db.Model):
    __tablename__ = "labs"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    place: Mapped[str] = mapped_column(String(160))
    question: Mapped[str] = mapped_column(Text, default="")
    proposition_1: Mapped[str] = mapped_column(Text, default="")
    proposition_2: Mapped[str] = mapped_column(Text, default="")
    proposition_3: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    resident_target: Mapped[int] = mapped_column(default=DEFAULT_RESIDENT_TARGET, server_default=str(DEFAULT_RESIDENT_TARGET))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    stages: Mapped[list["LabStage"]] = relationship(
        back_populates="lab", cascade="all, delete-orphan", order_by="LabStage.position"
    )
    memberships: Mapped[list["Membership"]] = relationship(back_populates="lab", cascade="all, delete-orphan")
    sector_rows: Mapped[list["LabSector"]] = relationship(
        back_populates="lab", cascade="all, delete-orphan", order_by="LabSector.position"
    )

    @property
    def sectors(self) -> dict:
        """Return the lab's sectors as {code: label}, in order; preset ones in the reader's language."""
        return {row.code: row.display_label for row in self.sector_rows}

    @property
    def propositions(self) -> list[str]:
        """Return the lab's three propositions in order."""
        return [self.proposition_1, self.proposition_2, self.proposition_3]

    def __repr__(self) -> str:
        return f"<Lab {self.id}>"


class LabStage(db.Model):
    __tablename__ = "lab_stages"
    __table_args__ = (UniqueConstraint("lab_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    position: Mapped[int]
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]

    lab: Mapped[Lab] = relationship(back_populates="stages")

    @property
    def label(self):
        """Return the stage's translated name."""
        return STAGES.get(self.code, self.code)


class LabSector(db.Model):
    """One sector in a lab's list: a preset one (label None: translated) or the lab's own."""

    __tablename__ = "lab_sectors"
    __table_args__ = (UniqueConstraint("lab_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    label: Mapped[str | None] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(default=0)

    lab: Mapped[Lab] = relationship(back_populates="sector_rows")

    @property
    def display_label(self):
        """Return the lab's own label, or the preset's translated one."""
        return self.label or SECTORS.get(self.code, self.code)


class Membership(db.Model):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("lab_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    sector: Mapped[str | None] = mapped_column(String(40))
    support_needs: Mapped[list] = mapped_column(JSON, default=list)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    lab: Mapped[Lab] = relationship(back_populates="memberships")
    # Almost every page that lists members shows their names: load the person with the membership.
    user: Mapped[User] = relationship(lazy="joined")
    role_rows: Mapped[list["MembershipRole"]] = relationship(
        back_populates="membership", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def roles(self) -> set[str]:
        """Return the role codes this member holds in the lab."""
        return {row.role for row in self.role_rows}

    def has_role(self, *roles: str) -> bool:
        """Tell whether the member holds any of the given roles."""
        return bool(self.roles.intersection(roles))

    def add_role(self, role: str) -> None:
        """Give the member a role, once."""
        if role not in self.roles:
            self.role_rows.append(MembershipRole(role=role))


class MembershipRole(db.Model):
    __tablename__ = "membership_roles"

    membership_id: Mapped[int] = mapped_column(
        ForeignKey("memberships.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(40), primary_key=True)

    membership: Mapped[Membership] = relationship(back_populates="role_rows")


class Invitation(db.Model):
    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(40))
    # Only a hash of the token is kept: the link itself is shown once, or emailed.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    accepted_at: Mapped[datetime | None]
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None]
    emailed: Mapped[bool] = mapped_column(default=False)

    lab: Mapped[Lab] = relationship()
    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id])

    @property
    def status(self) -> str:
        """Return 'accepted', 'revoked' or 'pending'."""
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        return "pending"
