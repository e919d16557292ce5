"""Hold the rules of the invitation pipeline and the balance of the room. Never commits."""
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select, update

from labapp.extensions import db
from labapp.labs.constants import LEVELS, RESIDENT_SECTOR

from .constants import COMING, NEXT_STATUSES, OPEN
from .models import STATUSES, Outreach


class PipelineError(ValueError):
    """Raised when a move in the pipeline is not allowed."""


def move(outreach: Outreach, status: str) -> None:
    """Move an invitation to another step, if that move is allowed."""
    if status not in STATUSES or status not in NEXT_STATUSES[outreach.status]:
        raise PipelineError(f"cannot move from {outreach.status} to {status}")
    outreach.status = status


def fill_from_actor(outreach: Outreach) -> None:
    """Take sector and level from the actor when they were left empty."""
    if outreach.actor is not None:
        outreach.sector = outreach.sector or outreach.actor.sector
        outreach.level = outreach.level or outreach.actor.level


def invitation_sent(outreach: Outreach, invitation) -> None:
    """Link a Foundation invitation to this outreach and count it as invited."""
    outreach.invitation_id = invitation.id
    if outreach.status == "to_invite":
        outreach.status = "invited"


def invitation_accepted(invitation, membership) -> int:
    """Mark every outreach sent with this invitation as accepted by the new member; return how many."""
    rows = db.session.scalars(select(Outreach).where(Outreach.invitation_id == invitation.id)).all()
    for outreach in rows:
        outreach.membership_id = membership.id
        if outreach.status in ("to_invite", "invited", "declined"):
            outreach.status = "accepted"
        if membership.sector is None and outreach.sector:
            membership.sector = outreach.sector
    return len(rows)


def mark_attended(workshop_id: int, membership_id: int) -> int:
    """Move the member's outreach for this workshop (or the lab as a whole) to 'attended'; return rows changed."""
    result = db.session.execute(
        update(Outreach)
        .where(Outreach.membership_id == membership_id,
               (Outreach.workshop_id == workshop_id) | (Outreach.workshop_id.is_(None)),
               Outreach.status.in_(("to_invite", "invited", "accepted")))
        .values(status="attended")
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def unmark_attended(workshop_id: int, membership_id: int, *, still_attended_elsewhere: bool) -> int:
    """Undo mark_attended after a check-in made by mistake; return rows changed.

    The workshop's own invitation goes back to accepted; the lab-wide one too, unless the member
    was checked in at another of the lab's workshops.
    """
    which = Outreach.workshop_id == workshop_id
    if not still_attended_elsewhere:
        which = which | Outreach.workshop_id.is_(None)
    result = db.session.execute(
        update(Outreach)
        .where(Outreach.membership_id == membership_id, which, Outreach.status == "attended")
        .values(status="accepted")
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def outreach_for_workshop(workshop_id: int) -> list[Outreach]:
    """Return everyone invited to a workshop who has not declined."""
    return list(db.session.scalars(
        select(Outreach).where(Outreach.workshop_id == workshop_id, Outreach.status != "declined")
    ))


@dataclass
class Balance:
    """Who is coming and who is still in the pipeline, by sector and by level, against the target."""

    coming_by_sector: Counter = field(default_factory=Counter)
    open_by_sector: Counter = field(default_factory=Counter)
    coming_by_level: Counter = field(default_factory=Counter)
    open_by_level: Counter = field(default_factory=Counter)
    target: int = 50

    @property
    def coming(self) -> int:
        return sum(self.coming_by_sector.values())

    @property
    def residents(self) -> int:
        return self.coming_by_sector[RESIDENT_SECTOR]

    @property
    def resident_share(self) -> int:
        """Residents as a whole percentage of everyone coming (0 when nobody is coming yet)."""
        return round(100 * self.residents / self.coming) if self.coming else 0

    @property
    def residents_needed(self) -> int:
        """How many more residents would bring the room to the target, others staying as they are."""
        others = self.coming - self.residents
        if self.target >= 100:
            return 0  # forms keep the target below 100; a resident-only room has no arithmetic to do
        needed = -(-self.target * others // (100 - self.target))  # ceiling of target/(100-target) × others
        return max(0, needed - self.residents)

    def share(self, count: int) -> int:
        """Return a count as a whole percentage of everyone coming."""
        return round(100 * count / self.coming) if self.coming else 0

    def missing_sectors(self, sectors) -> list[str]:
        return [code for code in sectors if not self.coming_by_sector[code]]

    def missing_levels(self) -> list[str]:
        return [code for code in LEVELS if not self.coming_by_level[code]]


def balance(lab, workshop_id: int | None = None, *, whole_lab: bool = True) -> Balance:
    """Count outreach by sector and level, for one workshop or for the lab (every workshop and the lab itself)."""
    query = select(Outreach.status, Outreach.sector, Outreach.level, func.count()).where(Outreach.lab_id == lab.id)
    if workshop_id is not None:
        query = query.where(Outreach.workshop_id == workshop_id)
    elif not whole_lab:
        query = query.where(Outreach.workshop_id.is_(None))
    result = Balance(target=lab.resident_target)
    for status, sector, level, count in db.session.execute(query.group_by(Outreach.status, Outreach.sector, Outreach.level)):
        if status in COMING:
            result.coming_by_sector[sector] += count
            result.coming_by_level[level] += count
        elif status in OPEN:
            result.open_by_sector[sector] += count
            result.open_by_level[level] += count
    return result


def still_to_reach(lab, sectors: list[str], *, limit: int = 20) -> list[Outreach]:
    """Return open invitations for people from sectors the room is missing, oldest first."""
    if not sectors:
        return []
    return list(db.session.scalars(
        select(Outreach).where(Outreach.lab_id == lab.id, Outreach.status.in_(OPEN), Outreach.sector.in_(sectors))
        .order_by(Outreach.created_at, Outreach.id).limit(limit)
    ))


def status_counts(lab, inviter_id: int | None = None) -> Counter:
    """Count outreach per status, for the lab or for one inviter."""
    query = select(Outreach.status, func.count()).where(Outreach.lab_id == lab.id)
    if inviter_id is not None:
        query = query.where(Outreach.inviter_id == inviter_id)
    return Counter(dict(db.session.execute(query.group_by(Outreach.status)).all()))
