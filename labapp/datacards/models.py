"""Store decks with categories and cards, their translations and review comments, pick sessions and themes,
and the charts drawn for cards."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from labapp.accounts.models import utcnow
from labapp.extensions import db
from labapp.workshops.models import Workshop

from .constants import DEFAULT_PICK_LIMIT, DRAFT, OPEN


class Deck(db.Model):
    __tablename__ = "decks"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(8), default="en")  # the language the cards are written in
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    categories: Mapped[list["DeckCategory"]] = relationship(
        back_populates="deck", cascade="all, delete-orphan", order_by="DeckCategory.letter")
    cards: Mapped[list["Card"]] = relationship(back_populates="deck", cascade="all, delete-orphan",
                                               order_by="Card.code")


class DeckCategory(db.Model):
    __tablename__ = "deck_categories"
    __table_args__ = (UniqueConstraint("deck_id", "letter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    deck_id: Mapped[int] = mapped_column(ForeignKey("decks.id", ondelete="CASCADE"), index=True)
    letter: Mapped[str] = mapped_column(String(4))
    title: Mapped[str] = mapped_column(String(120))
    question: Mapped[str] = mapped_column(Text, default="")

    deck: Mapped[Deck] = relationship(back_populates="categories")


class Card(db.Model):
    __tablename__ = "cards"
    __table_args__ = (UniqueConstraint("deck_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    deck_id: Mapped[int] = mapped_column(ForeignKey("decks.id", ondelete="CASCADE"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("deck_categories.id", ondelete="NO ACTION"), index=True)
    code: Mapped[str] = mapped_column(String(12))
    headline: Mapped[str] = mapped_column(String(240))
    body: Mapped[str] = mapped_column(Text, default="")  # Markdown: emphasis, lists and links only
    source: Mapped[str] = mapped_column(Text, default="")
    year: Mapped[str] = mapped_column(String(20), default="")
    geography: Mapped[str] = mapped_column(String(120), default="")
    status: Mapped[str] = mapped_column(String(20), default=DRAFT)
    chart_kind: Mapped[str] = mapped_column(String(10), default="")
    chart_unit: Mapped[str] = mapped_column(String(40), default="")
    chart_rows: Mapped[list] = mapped_column(JSON, default=list)  # [[label, value], ...]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    deck: Mapped[Deck] = relationship(back_populates="cards")
    category: Mapped[DeckCategory] = relationship(lazy="joined")
    translations: Mapped[list["CardTranslation"]] = relationship(
        back_populates="card", cascade="all, delete-orphan", lazy="selectin")
    comments: Mapped[list["CardComment"]] = relationship(
        back_populates="card", cascade="all, delete-orphan", order_by="CardComment.id")


class CardTranslation(db.Model):
    """A card's headline, body and source note in one more language."""

    __tablename__ = "card_translations"
    __table_args__ = (UniqueConstraint("card_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(8))
    headline: Mapped[str] = mapped_column(String(240))
    body: Mapped[str] = mapped_column(Text, default="")
    source_note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    card: Mapped[Card] = relationship(back_populates="translations")


class CardChart(db.Model):
    """A card's chart drawn once as SVG, shared by every process.

    The key is a hash of everything the drawing depends on (kind, rows, unit, title, language, drawing version),
    so a changed card asks for a new key and a stale chart is never shown. A cache: never exported.
    """

    __tablename__ = "card_charts"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), index=True)
    svg: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CardComment(db.Model):
    """A reviewer's question about a card; the design team resolves it."""

    __tablename__ = "card_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), index=True)
    membership_id: Mapped[int | None] = mapped_column(ForeignKey("memberships.id", ondelete="SET NULL"), index=True)
    author_name: Mapped[str] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("memberships.id", ondelete="SET NULL"))

    card: Mapped[Card] = relationship(back_populates="comments")


class PickSession(db.Model):
    """One round of picking a deck's cards at one workshop."""

    __tablename__ = "pick_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    deck_id: Mapped[int] = mapped_column(ForeignKey("decks.id", ondelete="CASCADE"), index=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    code: Mapped[str] = mapped_column(String(16), unique=True)
    pick_limit: Mapped[int] = mapped_column(default=DEFAULT_PICK_LIMIT)
    state: Mapped[str] = mapped_column(String(10), default=OPEN)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]

    deck: Mapped[Deck] = relationship()
    workshop: Mapped[Workshop] = relationship()
    themes: Mapped[list["Theme"]] = relationship(back_populates="session", cascade="all, delete-orphan",
                                                 order_by="Theme.position")


class PickCount(db.Model):
    """How many cards one person holds in one session: the row that keeps them within the limit."""

    __tablename__ = "pick_counts"

    session_id: Mapped[int] = mapped_column(ForeignKey("pick_sessions.id", ondelete="CASCADE"), primary_key=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id", ondelete="CASCADE"), primary_key=True)
    picked: Mapped[int] = mapped_column(default=0)


class Pick(db.Model):
    __tablename__ = "picks"
    __table_args__ = (UniqueConstraint("session_id", "membership_id", "card_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("pick_sessions.id", ondelete="CASCADE"), index=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id", ondelete="CASCADE"), index=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Theme(db.Model):
    """A name the room gives to a group of top cards, after the session closes."""

    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("pick_sessions.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(160))
    position: Mapped[int] = mapped_column(default=0)
    card_ids: Mapped[list] = mapped_column(JSON, default=list)

    session: Mapped[PickSession] = relationship(back_populates="themes")
