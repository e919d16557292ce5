"""Find a lab's members by name for every "search for a person" field. Never commits.

Names are matched in Python rather than with SQL LIKE so that case and accents fold the same way for every
script on SQLite and PostgreSQL (SQLite's lower() only knows ASCII): one query reads the lab's (id, name)
pairs, which for a lab's few thousand members takes a millisecond or two, and a second loads the few
memberships found, each with its person joined.
"""
import unicodedata

from sqlalchemy import select

from labapp.accounts.models import User
from labapp.extensions import db

from .models import Lab, Membership, MembershipRole

SEARCH_LIMIT = 20
QUERY_MAX = 120

# Letters with a stroke that Unicode does not split into letter + accent.
_STROKES = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Fold a name for matching: ignore case, and accents on Latin letters ("zaneta" finds "Żaneta")."""
    out = []
    for char in unicodedata.normalize("NFKD", text.translate(_STROKES)):
        if unicodedata.combining(char) and out and out[-1] < "\u0250":
            continue  # an accent on a Latin letter; marks in other scripts are part of the word
        out.append(char)
    return "".join(out).casefold()


def clean_query(text: str | None) -> str:
    """Return what was typed in a search field, trimmed and cut to a sane length."""
    return (text or "").strip()[:QUERY_MAX]


def _folded(value: str) -> str:
    """Fold the value, skipping the slow part for plain ASCII (most names), which folds to itself casefolded."""
    low = value.casefold()
    return low if low.isascii() else fold(value)


def matching(rows, text: str, limit: int | None = None) -> list[int]:
    """Return the ids of the (id, name, *other texts) rows where any text contains the folded text, by name."""
    wanted = fold(text.strip())
    found = sorted((_folded(name), row_id) for row_id, name, *others in rows
                   if any(value and wanted in _folded(value) for value in (name, *others)))
    found = found if limit is None else found[:limit]
    return [row_id for _, row_id in found]


def matching_member_ids(lab: Lab, text: str, *, roles=None, with_email: bool = False,
                        limit: int | None = None) -> list[int]:
    """Return the ids of the lab's members whose name (or email, if asked) contains the text, by name.

    roles keeps only members holding one of them. Empty text matches nobody.
    """
    if not text.strip():
        return []
    columns = [Membership.id, User.name] + ([User.email] if with_email else [])
    query = select(*columns).join(User, User.id == Membership.user_id).where(Membership.lab_id == lab.id)
    if roles:
        query = query.where(Membership.role_rows.any(MembershipRole.role.in_(list(roles))))
    return matching(db.session.execute(query).all(), text, limit)


def members_by_id(ids) -> list[Membership]:
    """Load the memberships with these ids, their people joined, in the order given."""
    ids = list(ids)
    if not ids:
        return []
    found = {m.id: m for m in db.session.scalars(select(Membership).where(Membership.id.in_(ids))).unique()}
    return [found[i] for i in ids if i in found]


def search_members(lab: Lab, text: str, limit: int = SEARCH_LIMIT, *, roles=None,
                   with_email: bool = False) -> list[Membership]:
    """Return the lab's members whose name contains the text (any case, any accents), by name; at most limit + 1.

    The one extra tells the page that there are more than it shows.
    """
    return members_by_id(matching_member_ids(lab, text, roles=roles, with_email=with_email, limit=limit + 1))


def member_of(lab: Lab, value) -> Membership | None:
    """Return the lab's membership whose id was posted as value, or None (another lab's, unknown or not a number)."""
    try:
        membership = db.session.get(Membership, int(value))
    except (TypeError, ValueError):
        return None
    return membership if membership is not None and membership.lab_id == lab.id else None
