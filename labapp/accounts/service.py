"""Hold the rules for people's accounts. Never commits; never reads the request."""
import secrets
from collections.abc import Iterable

from sqlalchemy import func, select

from labapp.extensions import db

from .models import User

EMAIL_CHUNK = 500  # addresses per query when looking many people up at once


def normalise_email(email: str | None) -> str | None:
    """Return the address trimmed and in lower case, or None when empty."""
    email = (email or "").strip().lower()
    return email or None


def user_by_email(email: str | None) -> User | None:
    """Find the person with this email address."""
    email = normalise_email(email)
    if not email:
        return None
    return db.session.scalar(select(User).where(func.lower(User.email) == email))


def users_by_email(emails: Iterable[str | None]) -> dict[str, User | None]:
    """Find the people with these email addresses, a few hundred addresses per query.

    Return every non-empty address, normalised, with its person or None, matched as user_by_email does.
    """
    wanted = sorted({address for address in map(normalise_email, emails) if address})
    found: dict[str, User | None] = dict.fromkeys(wanted)
    for start in range(0, len(wanted), EMAIL_CHUNK):
        chunk = wanted[start:start + EMAIL_CHUNK]
        rows = db.session.execute(select(User, func.lower(User.email))
                                  .where(func.lower(User.email).in_(chunk)).order_by(User.id))
        for user, address in rows:
            if found.get(address) is None:
                found[address] = user
    return found


def new_user(*, name: str, locale: str | None = None, email: str | None = None,
             password: str | None = None) -> User:
    """Add a person to the session, to be written by the next flush (create_user writes them at once)."""
    user = User(name=name.strip(), locale=locale, email=normalise_email(email),
                session_token=secrets.token_hex(16))
    if password:
        user.set_password(password)
    db.session.add(user)
    return user


def create_user(*, name: str, locale: str | None = None, email: str | None = None,
                password: str | None = None) -> User:
    """Create a person now (they have an id); with no password they can come back only on this device."""
    user = new_user(name=name, locale=locale, email=email, password=password)
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    """Return the person whose email and password match, else None."""
    user = user_by_email(email)
    if user and user.check_password(password):
        return user
    return None


def set_login(user: User, *, email: str, password: str) -> None:
    """Give the person an email and password so they can sign in anywhere."""
    user.email = normalise_email(email)
    user.set_password(password)


def email_taken(email: str, *, by_other_than: User | None = None) -> bool:
    """Tell whether another person already uses this email address."""
    other = user_by_email(email)
    return other is not None and (by_other_than is None or other.id != by_other_than.id)


def load_user_from_session_id(session_id: str) -> User | None:
    """Load the person for a Flask-Login id of the form 'id:token'."""
    user_id, _, token = (session_id or "").partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not secrets.compare_digest(user.session_token, token):
        return None
    return user


def sign_out_everywhere(user: User) -> None:
    """Invalidate every session and remember-me cookie the person has."""
    user.session_token = secrets.token_hex(16)
