"""Keep prototypes, their teams and their weekly PDSA cycles; the domain rules, without requests or commits."""
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from labapp.accounts.models import utcnow
from labapp.extensions import db
from labapp.labs.models import Lab, Membership

from .constants import COACH, DEFAULT_CYCLE_WEEKS, LEAD, MEMBER, SPONSOR
from .models import CYCLE_TEXT_FIELDS, Cycle, Post, Prototype, PrototypeMember

PROTOTYPE_FIELDS = ("name", "propositions", "aim", "hypothesis", "who_for", "starts_on", "cycle_weeks", "status")


class StaleCycle(Exception):
    """Someone saved the cycle since this version was loaded; `cycle` holds what is saved now."""

    def __init__(self, cycle: Cycle):
        super().__init__("stale cycle")
        self.cycle = cycle


def prototypes_of(lab: Lab, *, with_teams: bool = False) -> list[Prototype]:
    """Return the lab's prototypes, newest first; with_teams loads their teams and cycles in two queries."""
    query = select(Prototype).where(Prototype.lab_id == lab.id)
    if with_teams:
        query = query.options(selectinload(Prototype.team), selectinload(Prototype.cycles))
    return list(db.session.scalars(query.order_by(Prototype.created_at.desc(), Prototype.id.desc())))


def create_prototype(lab: Lab, *, lead: Membership | None = None, **values) -> Prototype:
    """Add a prototype to the lab, with its lead when given."""
    prototype = Prototype(lab_id=lab.id, **{key: values[key] for key in PROTOTYPE_FIELDS if key in values})
    if prototype.cycle_weeks is None:
        prototype.cycle_weeks = DEFAULT_CYCLE_WEEKS
    db.session.add(prototype)
    if lead is not None:
        prototype.team.append(PrototypeMember(membership_id=lead.id, role=LEAD))
    db.session.flush()
    return prototype


def update_prototype(prototype: Prototype, **values) -> None:
    """Change a prototype's details."""
    for key in PROTOTYPE_FIELDS:
        if key in values:
            setattr(prototype, key, values[key])


def delete_prototype(prototype: Prototype) -> None:
    """Delete a prototype with its team, cycles and measures; posts about it stay in the feed, unlinked."""
    db.session.execute(update(Post).where(Post.prototype_id == prototype.id)
                       .values(prototype_id=None, cycle_id=None).execution_options(synchronize_session=False))
    db.session.delete(prototype)


# Team ---------------------------------------------------------------------------------------------

def team_by_role(prototype: Prototype) -> dict[str, list[PrototypeMember]]:
    """Return the team grouped by role, in the order lead, members, coach, sponsor."""
    grouped = {LEAD: [], MEMBER: [], COACH: [], SPONSOR: []}
    for member in prototype.team:
        if member.membership is not None:  # a member who left the lab (SQLite keeps no foreign keys)
            grouped.setdefault(member.role, []).append(member)
    return grouped


def team_member(prototype: Prototype, membership_id: int) -> PrototypeMember | None:
    """Return the person's place in the team, if any."""
    return next((m for m in prototype.team if m.membership_id == membership_id), None)


def set_team_role(prototype: Prototype, membership: Membership, role: str) -> PrototypeMember:
    """Put a lab member in the team with a role; a new lead makes the old lead a team member."""
    if role == LEAD:
        for member in prototype.team:
            if member.role == LEAD and member.membership_id != membership.id:
                member.role = MEMBER
    member = team_member(prototype, membership.id)
    if member is None:
        member = PrototypeMember(membership_id=membership.id, role=role)
        prototype.team.append(member)
    else:
        member.role = role
    db.session.flush()
    return member


def remove_from_team(prototype: Prototype, member: PrototypeMember) -> None:
    """Take a person off the team."""
    prototype.team.remove(member)


def prototypes_for_member(lab: Lab, membership: Membership, roles=None) -> list[Prototype]:
    """Return the prototypes the person is in (with one of `roles` when given)."""
    query = (select(Prototype).join(PrototypeMember)
             .where(Prototype.lab_id == lab.id, PrototypeMember.membership_id == membership.id))
    if roles:
        query = query.where(PrototypeMember.role.in_(roles))
    return list(db.session.scalars(query.order_by(Prototype.name, Prototype.id)).unique())


# Cycles -------------------------------------------------------------------------------------------

def start_cycle(prototype: Prototype, user) -> Cycle:
    """Open the next numbered cycle, linked to the one before (the database keeps numbers unique)."""
    # Lock the prototype row while numbering (PostgreSQL); SQLite writes one transaction at a time.
    db.session.execute(select(Prototype.id).where(Prototype.id == prototype.id).with_for_update())
    last = db.session.scalar(select(Cycle).where(Cycle.prototype_id == prototype.id)
                             .order_by(Cycle.number.desc()).limit(1))
    cycle = Cycle(prototype_id=prototype.id, number=(last.number + 1) if last else 1,
                  previous_id=last.id if last else None, updated_by_id=user.id if user else None)
    db.session.add(cycle)
    db.session.flush()
    return cycle


def save_cycle(cycle: Cycle, version: int, values: dict, user) -> int:
    """Save the cycle's text if nobody saved it since `version`; return the new version.

    The check and the write are one conditional UPDATE, so two saves of the same version cannot both win.
    Raises StaleCycle (with the saved cycle) when the version is out of date.
    """
    changes = {key: (values.get(key) or "") for key in CYCLE_TEXT_FIELDS if key in values}
    if "act_decision" in values:
        changes["act_decision"] = values.get("act_decision") or ""
    result = db.session.execute(
        update(Cycle).where(Cycle.id == cycle.id, Cycle.version == version)
        .values(**changes, version=Cycle.version + 1, updated_at=utcnow(), updated_by_id=user.id if user else None)
        .execution_options(synchronize_session=False))
    db.session.refresh(cycle)
    if result.rowcount != 1:
        raise StaleCycle(cycle)
    return cycle.version


def delete_cycle(cycle: Cycle) -> None:
    """Delete a cycle; the one after it is linked to the one before."""
    db.session.execute(update(Post).where(Post.cycle_id == cycle.id).values(cycle_id=None)
                       .execution_options(synchronize_session=False))
    following = db.session.scalar(select(Cycle).where(Cycle.previous_id == cycle.id))
    if following is not None:
        following.previous_id = cycle.previous_id
    db.session.delete(cycle)


@dataclass
class Week:
    """One week of a prototype's timeline and the cycle logged for it."""

    number: int
    starts: date | None
    cycle: Cycle | None
    state: str          # planned, doing, studied, done, or "missing" (no cycle yet)
    overdue: bool
    current: bool


def timeline(prototype: Prototype, today: date) -> list[Week]:
    """Return the cycle-length weeks from the start date (and any later cycles) with each one's state.

    A week is overdue when it is over (today is on or after the next week's first day) and its cycle is not
    done: either no cycle was logged for it, or the cycle has no Act decision yet.
    """
    cycles = {cycle.number: cycle for cycle in prototype.cycles}
    last = max([prototype.cycle_weeks or DEFAULT_CYCLE_WEEKS, *cycles])
    weeks = []
    for number in range(1, last + 1):
        starts = prototype.week_starts(number)
        cycle = cycles.get(number)
        state = cycle.state if cycle else "missing"
        over = starts is not None and today >= starts + timedelta(weeks=1)
        weeks.append(Week(number=number, starts=starts, cycle=cycle, state=state,
                          overdue=over and state != "done",
                          current=starts is not None and starts <= today < starts + timedelta(weeks=1)))
    return weeks


def overdue_weeks(prototype: Prototype, today: date) -> list[Week]:
    """Return the weeks of the timeline that are overdue."""
    return [week for week in timeline(prototype, today) if week.overdue]


def cycle_count(prototype: Prototype) -> int:
    """Count the prototype's cycles."""
    return db.session.scalar(select(func.count(Cycle.id)).where(Cycle.prototype_id == prototype.id))


def release_member(membership: Membership) -> None:
    """Before a person leaves the lab: take them off every team; their posts stay, without a name.

    PostgreSQL does this through the foreign keys; SQLite, as the app runs it, does not enforce them.
    """
    from sqlalchemy import delete

    from .models import Reply

    db.session.execute(delete(PrototypeMember).where(PrototypeMember.membership_id == membership.id))
    for model in (Post, Reply):
        db.session.execute(update(model).where(model.author_id == membership.id).values(author_id=None))
