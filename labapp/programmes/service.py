"""Create, change and delete programmes and choose their labs. Never commits; never reads the request."""
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from labapp.extensions import db
from labapp.labs.constants import FACILITATOR
from labapp.labs.models import Lab, Membership, MembershipRole

from .models import Programme, ProgrammeLab


class LastLabError(ValueError):
    """Raised when the last lab would leave a programme: delete the programme instead."""


def memberships_of(user) -> dict[int, Membership]:
    """Return the person's memberships keyed by lab id, in one query (roles come with them)."""
    rows = db.session.scalars(select(Membership).where(Membership.user_id == user.id)).all()
    return {row.lab_id: row for row in rows}


def facilitated_labs(user) -> list[Lab]:
    """Return the labs the person facilitates, by name."""
    return list(db.session.scalars(
        select(Lab).join(Membership, Membership.lab_id == Lab.id)
        .join(MembershipRole, MembershipRole.membership_id == Membership.id)
        .where(Membership.user_id == user.id, MembershipRole.role == FACILITATOR)
        .order_by(Lab.name, Lab.id)).all())


def visible_programmes(user, lab_id: int | None = None):
    """Return a select of the programmes holding a lab the person belongs to (only this lab, if given)."""
    mine = select(Membership.lab_id).where(Membership.user_id == user.id)
    holding = select(ProgrammeLab.programme_id).where(ProgrammeLab.lab_id.in_(mine))
    if lab_id is not None:
        holding = holding.where(ProgrammeLab.lab_id == lab_id)
    return (select(Programme).where(Programme.id.in_(holding))
            .options(selectinload(Programme.lab_rows).joinedload(ProgrammeLab.lab))
            .order_by(Programme.name, Programme.id))


def create_programme(*, name: str, description: str, creator, lab: Lab) -> Programme:
    """Create a programme with its first lab."""
    programme = Programme(name=name.strip(), description=(description or "").strip(), created_by_id=creator.id)
    programme.lab_rows.append(ProgrammeLab(lab_id=lab.id, position=0))
    db.session.add(programme)
    db.session.flush()
    return programme


def update_programme(programme: Programme, *, name: str, description: str) -> None:
    """Change the programme's name and description."""
    programme.name = name.strip()
    programme.description = (description or "").strip()


def add_lab(programme: Programme, lab: Lab) -> ProgrammeLab:
    """Add the lab at the end of the programme; adding it twice changes nothing."""
    for row in programme.lab_rows:
        if row.lab_id == lab.id:
            return row
    position = db.session.scalar(select(func.coalesce(func.max(ProgrammeLab.position), -1))
                                 .where(ProgrammeLab.programme_id == programme.id)) + 1
    row = ProgrammeLab(lab_id=lab.id, position=position)
    programme.lab_rows.append(row)
    db.session.flush()
    return row


def remove_lab(programme: Programme, lab_id: int) -> None:
    """Take the lab out of the programme; the lab itself is untouched. The last lab cannot leave."""
    rows = [row for row in programme.lab_rows if row.lab_id == lab_id]
    if not rows:
        return
    if len(programme.lab_rows) == 1:
        raise LastLabError(lab_id)
    programme.lab_rows.remove(rows[0])
    db.session.flush()


def delete_programme(programme: Programme) -> None:
    """Delete the grouping only; its labs stay as they are."""
    db.session.delete(programme)
    db.session.flush()


def snapshots(programme: Programme, locale: str, today=None) -> list[dict]:
    """Return each lab's report facts in the language, once per lab, in the programme's order."""
    from labapp.reports.facts import snapshot

    return [snapshot(lab, locale, today) for lab in programme.labs]
