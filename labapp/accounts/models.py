"""Store the people who use labapp."""
from datetime import datetime, timezone

from flask_login import UserMixin
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from labapp.extensions import db


def utcnow() -> datetime:
    """Return the current time in UTC, without tzinfo, as the database keeps it."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    locale: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Changing this signs the person out everywhere (Flask-Login's session id).
    session_token: Mapped[str] = mapped_column(String(64))

    def get_id(self) -> str:
        """Return the id Flask-Login keeps in the session: user id and session token."""
        return f"{self.id}:{self.session_token}"

    def set_password(self, password: str) -> None:
        """Store a salted hash of the password, never the password."""
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        """Tell whether the password matches the stored hash."""
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    @property
    def has_login(self) -> bool:
        """Tell whether the person can sign in from another device."""
        return bool(self.email and self.password_hash)

    def __repr__(self) -> str:
        return f"<User {self.id}>"
