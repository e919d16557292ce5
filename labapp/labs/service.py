"""Hold the rules for labs, memberships and invitations. Never commits; never reads the request."""
import hashlib
import secrets
from collections import Counter
from datetime import date

from sqlalchemy import func, select

from labapp.accounts.models import User, utcnow
from labapp.extensions import db

from .constants import FACILITATOR, ROLES, SECTORS, STAGES
from .models import Invitation, Lab, LabSector, LabStage, Membership, MembershipRole

# No 0/O/Q, 1/I/L, 2/Z, 5/S or 8/B: easy to read off a projector and type on a phone.
JOIN_CODE_ALPHABET = "ACDEFGHJKMNPRTUVWXY34679"
JOIN_CODE_LENGTH = 6


def unused_code(column) -> str:
    """Return a code of easy-to-read letters that no row has in the given unique column yet."""
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if db.session.scalar(select(column).where(column == code).limit(1)) is None:
            return code


def new_join_code() -> str:
    """Return a join code that no lab uses yet."""
    return unused_code(Lab.join_code)


def normalise_join_code(text: str) -> str:
    """Turn what a person typed into a code: capitals, without spaces or dashes."""
    return "".join(ch for ch in (text or "").upper() if ch.isascii() and ch.isalnum())


def format_join_code(code: str) -> str:
    """Show a code in two halves, as people read it aloud."""
    half = len(code) // 2
    return f"{code[:half]} {code[half:]}"


def lab_for_join_code(text: str) -> Lab | None:
    """Find the lab a typed join code opens, if any."""
    code = normalise_join_code(text)
    if len(code) != JOIN_CODE_LENGTH:
        return None
    return db.session.scalar(select(Lab).where(Lab.join_code == code))


def create_lab(*, creator: User, name: str, place: str, question: str, propositions: list[str],
               starts_on: date | None, ends_on: date | None) -> Lab:
    """Create a lab with its seven stages and make its creator a facilitator."""
    lab = Lab(name=name, place=place, question=question, starts_on=starts_on, ends_on=ends_on,
              join_code=new_join_code())
    set_propositions(lab, propositions)
    lab.stages = [LabStage(code=code, position=index) for index, code in enumerate(STAGES)]
    lab.sector_rows = [LabSector(code=code, position=index) for index, code in enumerate(SECTORS)]
    db.session.add(lab)
    add_member(lab, creator, FACILITATOR)
    db.session.flush()
    return lab


def set_propositions(lab: Lab, propositions: list[str]) -> None:
    """Store the lab's three propositions."""
    lab.proposition_1, lab.proposition_2, lab.proposition_3 = (list(propositions) + ["", "", ""])[:3]


def regenerate_join_code(lab: Lab) -> str:
    """Give the lab a new join code; the old one stops working."""
    lab.join_code = new_join_code()
    return lab.join_code


def membership_for(lab: Lab | int, user: User) -> Membership | None:
    """Return the person's membership of the lab, if any."""
    lab_id = lab if isinstance(lab, int) else lab.id
    return db.session.scalar(
        select(Membership).where(Membership.lab_id == lab_id, Membership.user_id == user.id)
    )


def add_member(lab: Lab, user: User, role: str, *, sector: str | None = None,
               support_needs: list[str] | None = None) -> Membership:
    """Add the person to the lab with the role, or add the role to their membership."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    membership = membership_for(lab, user) if lab.id and user.id else None
    if membership is None:
        membership = Membership(lab=lab, user=user, sector=sector, support_needs=list(support_needs or []))
        db.session.add(membership)
    else:
        if sector:
            membership.sector = sector
        if support_needs:
            membership.support_needs = sorted(set(membership.support_needs or []) | set(support_needs))
    membership.add_role(role)
    return membership


class LastFacilitatorError(Exception):
    """Raised when a change would leave a lab with no facilitator."""


def _facilitator_count(lab: Lab) -> int:
    return sum(1 for member in lab.memberships if FACILITATOR in member.roles)


def set_roles(membership: Membership, roles: set[str]) -> None:
    """Replace the member's roles; a lab always keeps at least one facilitator."""
    unknown = set(roles) - set(ROLES)
    if unknown or not roles:
        raise ValueError("roles must be a non-empty set of known roles")
    if FACILITATOR in membership.roles and FACILITATOR not in roles and _facilitator_count(membership.lab) <= 1:
        raise LastFacilitatorError()
    for row in list(membership.role_rows):
        if row.role not in roles:
            membership.role_rows.remove(row)
    for role in sorted(roles):
        membership.add_role(role)


def remove_member(membership: Membership) -> None:
    """Take a person out of a lab; the last facilitator cannot be removed."""
    if FACILITATOR in membership.roles and _facilitator_count(membership.lab) <= 1:
        raise LastFacilitatorError()
    for release in _member_releasers():
        release(membership)
    membership.lab.memberships.remove(membership)
    db.session.delete(membership)


def _member_releasers() -> list:
    """Return each area's function that lets go of what a leaving member holds (places, picks, team seats)."""
    from labapp.challenge.panels import release_member as release_panel_seats
    from labapp.datacards.picks import release_member as release_picks
    from labapp.journeys.signups import release_member as release_places
    from labapp.practice.service import release_member as release_lessons
    from labapp.prototypes.service import release_member as release_team_seats

    return [release_picks, release_places, release_team_seats, release_panel_seats, release_lessons]


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite(lab: Lab, *, email: str, role: str, invited_by: User) -> tuple[Invitation, str]:
    """Create an invitation and return it with its secret token (shown or sent once)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    token = secrets.token_urlsafe(24)
    invitation = Invitation(lab=lab, email=email.strip().lower(), role=role,
                            token_hash=_hash_token(token), invited_by=invited_by)
    db.session.add(invitation)
    db.session.flush()
    return invitation, token


def invitation_for_token(token: str) -> Invitation | None:
    """Return the pending invitation a token opens, if it is still open."""
    invitation = db.session.scalar(select(Invitation).where(Invitation.token_hash == _hash_token(token or "")))
    if invitation is None or invitation.status != "pending":
        return None
    return invitation


def accept_invitation(invitation: Invitation, user: User, *, sector: str | None = None,
                      support_needs: list[str] | None = None) -> Membership:
    """Make the person a member with the invited role and close the invitation."""
    membership = add_member(invitation.lab, user, invitation.role, sector=sector, support_needs=support_needs)
    invitation.accepted_at = utcnow()
    invitation.accepted_by_id = user.id
    return membership


def revoke_invitation(invitation: Invitation) -> None:
    """Close a pending invitation so its link no longer works."""
    if invitation.status == "pending":
        invitation.revoked_at = utcnow()


def labs_for(user: User) -> list[tuple[Lab, Membership]]:
    """Return the labs the person belongs to, newest first, with their memberships."""
    rows = db.session.execute(
        select(Lab, Membership).join(Membership).where(Membership.user_id == user.id).order_by(Lab.created_at.desc(), Lab.id.desc())
    ).all()
    return [(lab, membership) for lab, membership in rows]


def member_count(lab: Lab) -> int:
    """Count the lab's members without loading them."""
    return db.session.scalar(select(func.count(Membership.id)).where(Membership.lab_id == lab.id))


def role_counts(lab: Lab) -> Counter:
    """Count members per role (a person with two roles counts in both), in one query."""
    return Counter(dict(db.session.execute(
        select(MembershipRole.role, func.count()).join(Membership, Membership.id == MembershipRole.membership_id)
        .where(Membership.lab_id == lab.id).group_by(MembershipRole.role)).all()))


def sector_counts(lab: Lab) -> Counter:
    """Count members per sector; members who gave none count under None. One query."""
    return Counter(dict(db.session.execute(
        select(Membership.sector, func.count()).where(Membership.lab_id == lab.id)
        .group_by(Membership.sector)).all()))


def current_and_next_stage(lab: Lab, today: date) -> tuple[LabStage | None, LabStage | None]:
    """Return the stage running today and the next one to start, from the stage dates."""
    current = next((s for s in lab.stages if s.starts_on and s.starts_on <= today
                    and (s.ends_on is None or today <= s.ends_on)), None)
    upcoming = sorted((s for s in lab.stages if s.starts_on and s.starts_on > today), key=lambda s: s.starts_on)
    return current, (upcoming[0] if upcoming else None)


class SectorInUse(Exception):
    """Raised when a sector still describes someone and cannot be removed."""


def add_sector(lab: Lab, label: str) -> LabSector:
    """Add the lab's own sector at the end of its list."""
    existing = {row.code for row in lab.sector_rows}
    number = len(lab.sector_rows) + 1
    while f"custom_{number}" in existing:
        number += 1
    row = LabSector(code=f"custom_{number}", label=label.strip(), position=len(lab.sector_rows))
    lab.sector_rows.append(row)
    return row


def sector_in_use(lab: Lab, code: str) -> bool:
    """Tell whether any member, actor, invitation or attendance of the lab has this sector."""
    from labapp.outreach.models import Outreach
    from labapp.systemmap.models import Actor
    from labapp.workshops.models import Attendance, Workshop

    checks = [
        select(Membership.id).where(Membership.lab_id == lab.id, Membership.sector == code),
        select(Actor.id).where(Actor.lab_id == lab.id, Actor.sector == code),
        select(Outreach.id).where(Outreach.lab_id == lab.id, Outreach.sector == code),
        select(Attendance.id).join(Workshop).where(Workshop.lab_id == lab.id, Attendance.sector == code),
    ]
    return any(db.session.scalar(query.limit(1)) is not None for query in checks)


def remove_sector(lab: Lab, code: str) -> None:
    """Remove one of the lab's own sectors; preset sectors and sectors in use stay."""
    row = next((r for r in lab.sector_rows if r.code == code), None)
    if row is None or row.label is None:
        raise ValueError("only the lab's own sectors can be removed")
    if sector_in_use(lab, code):
        raise SectorInUse()
    lab.sector_rows.remove(row)
