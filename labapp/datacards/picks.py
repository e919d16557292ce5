"""Hold the rules for pick sessions: open and close, pick within the limit, tally the room, name themes.

The limit holds under concurrency: each person has one PickCount row per session, raised only by a
conditional UPDATE (… WHERE picked < limit). On PostgreSQL that UPDATE locks the person's row until the
request commits, so their next request waits and sees the new count; SQLite lets one writer at a time.
Never commits; never reads the request.
"""
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import case, delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from labapp.accounts.models import utcnow
from labapp.extensions import db
from labapp.labs.constants import RESIDENT_SECTOR
from labapp.labs.models import Lab, Membership
from labapp.labs.service import unused_code

from .constants import CLOSED, OPEN
from .models import Card, Deck, Pick, PickCount, PickSession, Theme

PICKED = "picked"
ALREADY = "already"
FULL = "full"
SESSION_CLOSED = "closed"
UNPICKED = "unpicked"
NOT_PICKED = "not_picked"


def sessions_of(lab: Lab) -> list[PickSession]:
    """Return the lab's pick sessions, newest first."""
    return db.session.scalars(select(PickSession).where(PickSession.lab_id == lab.id)
                              .order_by(PickSession.id.desc())).all()


def open_session(lab: Lab, deck: Deck, workshop, *, pick_limit: int, title: str = "") -> PickSession:
    """Open a pick session for a deck at a workshop, with its own join code."""
    session = PickSession(lab_id=lab.id, deck_id=deck.id, workshop_id=workshop.id, pick_limit=pick_limit,
                          title=title, code=unused_code(PickSession.code), state=OPEN)
    db.session.add(session)
    db.session.flush()
    return session


def session_for_code(code: str) -> PickSession | None:
    """Find the session a code opens."""
    from labapp.labs.service import normalise_join_code

    return db.session.scalar(select(PickSession).where(PickSession.code == normalise_join_code(code)))


def close_session(session: PickSession) -> None:
    """Stop picking; the tally stays."""
    session.state, session.closed_at = CLOSED, utcnow()


def reopen_session(session: PickSession) -> None:
    """Let people pick again."""
    session.state, session.closed_at = OPEN, None


def delete_session(session: PickSession) -> None:
    """Delete a session with its picks and themes."""
    db.session.execute(delete(PickCount).where(PickCount.session_id == session.id))
    db.session.execute(delete(Pick).where(Pick.session_id == session.id))
    db.session.delete(session)


# Picking ------------------------------------------------------------------------------------------

def _ensure_count_row(session: PickSession, membership: Membership) -> None:
    values = {"session_id": session.id, "membership_id": membership.id, "picked": 0}
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        statement = pg_insert(PickCount).values(**values).on_conflict_do_nothing()
    elif dialect == "sqlite":
        statement = sqlite_insert(PickCount).values(**values).on_conflict_do_nothing()
    else:  # pragma: no cover - labapp runs on SQLite and PostgreSQL
        statement = insert(PickCount).values(**values)
    db.session.execute(statement)


def my_picks(session: PickSession, membership: Membership) -> set[int]:
    """Return the ids of the cards this person picked in the session."""
    return set(db.session.scalars(select(Pick.card_id).where(Pick.session_id == session.id,
                                                            Pick.membership_id == membership.id)))


def pick(session: PickSession, membership: Membership, card: Card) -> str:
    """Pick a card for this person; return PICKED, ALREADY, FULL or SESSION_CLOSED."""
    if session.state != OPEN:
        return SESSION_CLOSED
    _ensure_count_row(session, membership)
    raised = db.session.execute(
        update(PickCount)
        .where(PickCount.session_id == session.id, PickCount.membership_id == membership.id,
               PickCount.picked < session.pick_limit)
        .values(picked=PickCount.picked + 1)
        .execution_options(synchronize_session=False))
    if raised.rowcount != 1:
        return ALREADY if card.id in my_picks(session, membership) else FULL
    # The person's count row is now locked until commit: no request of theirs can race this check.
    if card.id in my_picks(session, membership):
        _lower(session, membership)
        return ALREADY
    db.session.execute(insert(Pick).values(session_id=session.id, membership_id=membership.id, card_id=card.id,
                                           created_at=utcnow()))
    return PICKED


def _lower(session: PickSession, membership: Membership) -> None:
    db.session.execute(update(PickCount)
                       .where(PickCount.session_id == session.id, PickCount.membership_id == membership.id,
                              PickCount.picked > 0)
                       .values(picked=PickCount.picked - 1).execution_options(synchronize_session=False))


def unpick(session: PickSession, membership: Membership, card: Card) -> str:
    """Put a picked card back; return UNPICKED, NOT_PICKED or SESSION_CLOSED."""
    if session.state != OPEN:
        return SESSION_CLOSED
    _ensure_count_row(session, membership)
    _lower(session, membership)  # locks the person's row first, as pick() does
    removed = db.session.execute(delete(Pick).where(Pick.session_id == session.id,
                                                    Pick.membership_id == membership.id, Pick.card_id == card.id)
                                 .execution_options(synchronize_session=False))
    if removed.rowcount != 1:
        db.session.execute(update(PickCount)
                           .where(PickCount.session_id == session.id, PickCount.membership_id == membership.id)
                           .values(picked=select(func.count()).select_from(Pick)
                                   .where(Pick.session_id == session.id, Pick.membership_id == membership.id)
                                   .scalar_subquery())
                           .execution_options(synchronize_session=False))
        return NOT_PICKED
    return UNPICKED


# Tally --------------------------------------------------------------------------------------------

@dataclass
class CardTally:
    card_id: int
    code: str
    headline: str
    category: str
    residents: int = 0
    professionals: int = 0

    @property
    def total(self) -> int:
        return self.residents + self.professionals


@dataclass
class Tally:
    cards: list[CardTally]
    categories: list[tuple[str, str, int]]  # (letter, title, picks)
    people: int
    residents: int
    picks: int
    by_card: dict = field(default_factory=dict)

    def top(self, count: int = 10) -> list[CardTally]:
        """Return the most-picked cards that someone picked."""
        return [row for row in self.cards if row.total][:count]


def tally(session: PickSession) -> Tally:
    """Count picks per card, split residents and professionals, and per category; three queries."""
    resident = case((Membership.sector == RESIDENT_SECTOR, 1), else_=0)
    rows = db.session.execute(
        select(Pick.card_id, func.sum(resident), func.count())
        .join(Membership, Membership.id == Pick.membership_id)
        .where(Pick.session_id == session.id).group_by(Pick.card_id)).all()
    counts = {card_id: (int(residents or 0), int(total)) for card_id, residents, total in rows}
    people_rows = db.session.execute(
        select(func.count(func.distinct(Pick.membership_id)),
               func.count(func.distinct(case((Membership.sector == RESIDENT_SECTOR, Pick.membership_id)))))
        .join(Membership, Membership.id == Pick.membership_id).where(Pick.session_id == session.id)).one()
    cards = db.session.execute(
        select(Card.id, Card.code, Card.headline, Card.category_id).where(Card.deck_id == session.deck_id)).all()
    categories = {c.id: c for c in session.deck.categories}
    result = []
    per_category = Counter()
    for card_id, code, headline, category_id in cards:
        residents, total = counts.get(card_id, (0, 0))
        category = categories.get(category_id)
        result.append(CardTally(card_id=card_id, code=code, headline=headline,
                                category=category.letter if category else "",
                                residents=residents, professionals=total - residents))
        per_category[category_id] += total
    result.sort(key=lambda row: (-row.total, row.code))
    return Tally(cards=result,
                 categories=[(c.letter, c.title, per_category[c.id]) for c in session.deck.categories],
                 people=int(people_rows[0] or 0), residents=int(people_rows[1] or 0),
                 picks=sum(total for _res, total in counts.values()),
                 by_card={row.card_id: row for row in result})


def tally_json(session: PickSession, result: Tally) -> dict:
    """Return the tally as the live page's script reads it."""
    return {
        "state": session.state,
        "people": result.people,
        "residents": result.residents,
        "picks": result.picks,
        "cards": [{"id": row.card_id, "code": row.code, "total": row.total, "residents": row.residents,
                   "professionals": row.professionals} for row in result.cards],
        "categories": [{"letter": letter, "picks": picks} for letter, _title, picks in result.categories],
    }


# Themes -------------------------------------------------------------------------------------------

def add_theme(session: PickSession, name: str, card_ids: list[int]) -> Theme:
    """Name a theme and group cards of the session's deck under it."""
    valid = set(db.session.scalars(select(Card.id).where(Card.deck_id == session.deck_id)))
    theme = Theme(name=name, position=len(session.themes), card_ids=[i for i in card_ids if i in valid])
    session.themes.append(theme)
    db.session.flush()
    return theme


def remove_theme(session: PickSession, theme: Theme) -> None:
    """Remove a theme; its cards stay."""
    session.themes.remove(theme)
    for position, other in enumerate(session.themes):
        other.position = position


def comparable_sessions(user) -> list[tuple[Lab, PickSession]]:
    """Return the pick sessions of every lab where the person facilitates or is in the design team."""
    from labapp.labs.constants import DESIGN_TEAM, FACILITATOR
    from labapp.labs.service import labs_for

    labs = [lab for lab, membership in labs_for(user) if membership.has_role(FACILITATOR, DESIGN_TEAM)]
    if not labs:
        return []
    by_id = {lab.id: lab for lab in labs}
    sessions = db.session.scalars(select(PickSession).where(PickSession.lab_id.in_(by_id))
                                  .order_by(PickSession.lab_id, PickSession.id.desc())).all()
    return [(by_id[s.lab_id], s) for s in sessions]


def release_member(membership: Membership) -> None:
    """Before a person leaves the lab: take their picks off every tally (SQLite does not cascade)."""
    db.session.execute(delete(PickCount).where(PickCount.membership_id == membership.id))
    db.session.execute(delete(Pick).where(Pick.membership_id == membership.id))
