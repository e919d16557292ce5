"""Hold the rules of a preference round: people rank visits, the allocation fills mixed groups. Never commits."""
from dataclasses import dataclass, field

from sqlalchemy import delete, select

from labapp.accounts.models import utcnow
from labapp.extensions import db
from labapp.labs.models import Lab, Membership

from . import signups
from .allocation import Person, Place, allocate
from .constants import (CONFIRMED, MAX_CHOICES, NOTICE_ALLOCATED, ROUND_CLOSED, ROUND_OPEN, ROUND_PUBLISHED)
from .models import Notice, Preference, PreferenceRound, Visit


class RoundProblem(ValueError):
    """The round cannot do that now; the reason is a short code."""


def rounds_of(lab: Lab) -> list[PreferenceRound]:
    """Return the lab's rounds, newest first."""
    return list(db.session.scalars(select(PreferenceRound).where(PreferenceRound.lab_id == lab.id)
                                   .order_by(PreferenceRound.id.desc())))


def create_round(lab: Lab, title: str, visit_ids: list[int]) -> PreferenceRound:
    """Open a round over some of the lab's visits."""
    valid = set(db.session.scalars(select(Visit.id).where(Visit.lab_id == lab.id, Visit.id.in_(visit_ids))))
    round_ = PreferenceRound(lab_id=lab.id, title=title.strip(), status=ROUND_OPEN,
                             visit_ids=[v for v in visit_ids if v in valid])
    db.session.add(round_)
    db.session.flush()
    return round_


def visits_of_round(round_: PreferenceRound) -> list[Visit]:
    """Return the round's visits in time order."""
    if not round_.visit_ids:
        return []
    return list(db.session.scalars(select(Visit).where(Visit.id.in_(round_.visit_ids))
                                   .order_by(Visit.day, Visit.starts, Visit.id)))


def choices_of(round_: PreferenceRound, membership_id: int) -> list[int]:
    """Return the person's ranked visit ids."""
    return list(db.session.scalars(select(Preference.visit_id).where(
        Preference.round_id == round_.id, Preference.membership_id == membership_id).order_by(Preference.rank)))


def set_choices(round_: PreferenceRound, membership_id: int, visit_ids: list[int]) -> None:
    """Replace the person's ranking (up to three different visits of the round) while the round is open."""
    if round_.status != ROUND_OPEN:
        raise RoundProblem("not_open")
    picked = []
    for visit_id in visit_ids:
        if visit_id and visit_id in round_.visit_ids and visit_id not in picked:
            picked.append(visit_id)
    db.session.execute(delete(Preference).where(Preference.round_id == round_.id,
                                                Preference.membership_id == membership_id))
    for rank, visit_id in enumerate(picked[:MAX_CHOICES], start=1):
        db.session.add(Preference(round_id=round_.id, membership_id=membership_id, visit_id=visit_id, rank=rank))
    db.session.flush()


def set_status(round_: PreferenceRound, status: str) -> None:
    """Open or close the round for choosing (a published round stays published)."""
    if round_.status == ROUND_PUBLISHED:
        raise RoundProblem("published")
    round_.status = status


def _preferences(round_: PreferenceRound) -> dict[int, list[int]]:
    ranked: dict[int, list[int]] = {}
    for pref in db.session.scalars(select(Preference).where(Preference.round_id == round_.id)
                                   .order_by(Preference.membership_id, Preference.rank)):
        ranked.setdefault(pref.membership_id, []).append(pref.visit_id)
    return ranked


def run_allocation(round_: PreferenceRound) -> None:
    """Allocate the people who ranked visits to the places still free; keep the result to adjust."""
    if round_.status == ROUND_PUBLISHED:
        raise RoundProblem("published")
    ranked = _preferences(round_)
    members = {m.id: m for m in db.session.scalars(select(Membership).where(Membership.id.in_(list(ranked))))} \
        if ranked else {}
    people = [Person(mid, members[mid].sector, tuple(choices)) for mid, choices in ranked.items() if mid in members]
    places = [Place(v.id, v.places_left) for v in visits_of_round(round_)]
    result = allocate(people, places)
    round_.allocation = {str(mid): visit_id for mid, visit_id in result.assignment.items()}
    round_.status = ROUND_CLOSED


def move(round_: PreferenceRound, membership_id: int, visit_id: int | None) -> None:
    """Move one person by hand to another visit of the round (or to none), within its free places."""
    if round_.status == ROUND_PUBLISHED or round_.allocation is None:
        raise RoundProblem("published" if round_.status == ROUND_PUBLISHED else "not_allocated")
    if str(membership_id) not in round_.allocation:
        raise RoundProblem("unknown_person")
    if visit_id is not None:
        if visit_id not in round_.visit_ids:
            raise RoundProblem("unknown_visit")
        visit = db.session.get(Visit, visit_id)
        taken = sum(1 for mid, v in round_.allocation.items() if v == visit_id and mid != str(membership_id))
        if taken >= visit.places_left:
            raise RoundProblem("full")
    allocation = dict(round_.allocation)
    allocation[str(membership_id)] = visit_id
    round_.allocation = allocation


@dataclass
class GroupSummary:
    visit: Visit
    members: list[Membership]
    sectors: dict = field(default_factory=dict)      # sector code -> people
    residents: int = 0


@dataclass
class Explanation:
    by_rank: dict                                     # 1, 2, 3, None -> people
    groups: list[GroupSummary]
    unplaced: list[Membership]
    ranks: dict                                       # membership id -> rank or None
    single_sector: int = 0


def explain(round_: PreferenceRound) -> Explanation | None:
    """Say how the allocation went: who got their 1st, 2nd, 3rd choice or none, and each group's sector mix."""
    if round_.allocation is None:
        return None
    ranked = _preferences(round_)
    ids = [int(mid) for mid in round_.allocation]
    members = {m.id: m for m in db.session.scalars(select(Membership).where(Membership.id.in_(ids)))} if ids else {}
    by_rank = {1: 0, 2: 0, 3: 0, None: 0}
    ranks = {}
    groups = {v.id: GroupSummary(v, []) for v in visits_of_round(round_)}
    unplaced = []
    for mid_text, visit_id in sorted(round_.allocation.items(), key=lambda item: int(item[0])):
        member = members.get(int(mid_text))
        if member is None:
            continue
        choices = ranked.get(member.id, [])
        rank = choices.index(visit_id) + 1 if visit_id in choices else None
        ranks[member.id] = rank
        by_rank[rank] += 1
        if visit_id is None or visit_id not in groups:
            unplaced.append(member)
            continue
        group = groups[visit_id]
        group.members.append(member)
        group.sectors[member.sector] = group.sectors.get(member.sector, 0) + 1
        group.residents += member.sector == "community"
    summaries = list(groups.values())
    single = sum(1 for g in summaries if len(g.members) >= 2 and len(g.sectors) == 1 and None not in g.sectors)
    return Explanation(by_rank, summaries, unplaced, ranks, single)


@dataclass
class Published:
    confirmed: list = field(default_factory=list)
    waitlisted: list = field(default_factory=list)
    refused: list = field(default_factory=list)      # (membership id, reason)


def publish(round_: PreferenceRound) -> Published:
    """Turn the allocation into sign-ups: a confirmed place for each person placed, and tell them."""
    if round_.allocation is None or round_.status == ROUND_PUBLISHED:
        raise RoundProblem("not_allocated" if round_.allocation is None else "published")
    result = Published()
    visits = {v.id: v for v in visits_of_round(round_)}
    for mid_text, visit_id in sorted(round_.allocation.items(), key=lambda item: (item[1] or 0, int(item[0]))):
        if visit_id is None or visit_id not in visits:
            continue
        try:
            outcome = signups.sign_up(visits[visit_id], int(mid_text), check_status=False)
        except signups.SignUpRefused as refusal:
            result.refused.append((int(mid_text), refusal.reason))
            continue
        if outcome.signup.status == CONFIRMED:
            result.confirmed.append(outcome.signup)
            db.session.add(Notice(membership_id=int(mid_text), visit_id=visit_id, kind=NOTICE_ALLOCATED))
        else:
            result.waitlisted.append(outcome.signup)
    round_.status, round_.published_at = ROUND_PUBLISHED, utcnow()
    db.session.flush()
    return result
