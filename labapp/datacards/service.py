"""Hold the rules for decks, categories, cards, translations, review comments and copying a deck.

Never commits; never reads the request.
"""
from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import func, select

from labapp.accounts.models import utcnow
from labapp.extensions import db
from labapp.labs.models import Lab, Membership

from . import chartstore
from .cardtext import render_body
from .constants import DRAFT, REVIEWED
from .models import Card, CardComment, CardTranslation, Deck, DeckCategory, Pick

CARD_FIELDS = ("code", "headline", "body", "source", "year", "geography", "chart_kind", "chart_unit", "chart_rows")
CHART_FIELDS = ("headline", "chart_kind", "chart_unit", "chart_rows")  # what a card's stored charts depend on


# Decks and categories -----------------------------------------------------------------------------

def decks_of(lab: Lab) -> list[Deck]:
    """Return the lab's decks, newest first."""
    return db.session.scalars(select(Deck).where(Deck.lab_id == lab.id).order_by(Deck.id.desc())).all()


def card_counts(lab: Lab) -> dict[int, int]:
    """Return {deck id: number of cards} for the lab's decks."""
    rows = db.session.execute(select(Card.deck_id, func.count()).join(Deck).where(Deck.lab_id == lab.id)
                              .group_by(Card.deck_id))
    return dict(rows.all())


def create_deck(lab: Lab, *, title: str, description: str = "", language: str = "en") -> Deck:
    """Add an empty deck to the lab."""
    deck = Deck(lab_id=lab.id, title=title, description=description, language=language)
    db.session.add(deck)
    db.session.flush()
    return deck


def update_deck(deck: Deck, *, title: str, description: str, language: str) -> None:
    """Change a deck's title, description and source language."""
    deck.title, deck.description, deck.language = title, description, language


def delete_deck(deck: Deck) -> None:
    """Delete a deck with its cards, translations, comments, pick sessions, picks and stored charts."""
    chartstore.forget_charts_of([card.id for card in deck.cards])
    db.session.delete(deck)


def category_by_letter(deck: Deck, letter: str) -> DeckCategory | None:
    """Find a deck's category by its letter."""
    return next((c for c in deck.categories if c.letter.upper() == (letter or "").strip().upper()), None)


def save_category(deck: Deck, *, letter: str, title: str, question: str) -> DeckCategory:
    """Add a category, or change the one with this letter."""
    letter = letter.strip().upper()
    category = category_by_letter(deck, letter)
    if category is None:
        category = DeckCategory(letter=letter, title=title, question=question)
        deck.categories.append(category)
    else:
        category.title, category.question = title, question
    db.session.flush()
    return category


def category_in_use(category: DeckCategory) -> bool:
    """Tell whether any card is in the category."""
    return db.session.scalar(select(Card.id).where(Card.category_id == category.id).limit(1)) is not None


def remove_category(deck: Deck, category: DeckCategory) -> None:
    """Remove a category that no card uses."""
    deck.categories.remove(category)


# Cards --------------------------------------------------------------------------------------------

def code_taken(deck: Deck, code: str, *, except_card: Card | None = None) -> bool:
    """Tell whether another card of the deck has this code."""
    query = select(Card.id).where(Card.deck_id == deck.id, func.upper(Card.code) == code.strip().upper())
    if except_card is not None:
        query = query.where(Card.id != except_card.id)
    return db.session.scalar(query.limit(1)) is not None


def create_card(deck: Deck, category: DeckCategory, **values) -> Card:
    """Add a draft card to the deck."""
    card = Card(deck_id=deck.id, category_id=category.id, status=DRAFT,
                **{key: values.get(key) or ([] if key == "chart_rows" else "") for key in CARD_FIELDS})
    db.session.add(card)
    db.session.flush()
    return card


def update_card(card: Card, category: DeckCategory, **values) -> None:
    """Change a card's text and data; a reviewed card whose words or figures change goes back to draft."""
    changed = any(getattr(card, key) != values.get(key) for key in CARD_FIELDS if key in values)
    if any(getattr(card, key) != values.get(key) for key in CHART_FIELDS if key in values):
        chartstore.forget_charts_of([card.id])
    card.category_id = category.id
    card.category = category
    for key in CARD_FIELDS:
        if key in values:
            setattr(card, key, values[key] if values[key] is not None else ("" if key != "chart_rows" else []))
    if changed and card.status == REVIEWED:
        card.status = DRAFT


def delete_card(card: Card) -> None:
    """Delete a card with its translations, comments, picks and stored charts."""
    chartstore.forget_charts_of([card.id])
    db.session.delete(card)


def pick_count_for_card(card: Card) -> int:
    """Count the picks a card has had in any session."""
    return db.session.scalar(select(func.count()).select_from(Pick).where(Pick.card_id == card.id))


def open_comments(card: Card) -> list[CardComment]:
    """Return the card's comments nobody has resolved yet."""
    return [c for c in card.comments if c.resolved_at is None]


def mark_reviewed(card: Card) -> bool:
    """Mark the card reviewed; refuse (False) while comments are open."""
    if open_comments(card):
        return False
    card.status = REVIEWED
    return True


def mark_draft(card: Card) -> None:
    """Send a reviewed card back to draft."""
    card.status = DRAFT


def add_comment(card: Card, membership: Membership, text: str) -> CardComment:
    """Add a reviewer's comment to a card."""
    comment = CardComment(card_id=card.id, membership_id=membership.id, author_name=membership.user.name, text=text)
    card.comments.append(comment)
    db.session.flush()
    return comment


def resolve_comment(comment: CardComment, membership: Membership) -> None:
    """Mark a comment resolved by this person."""
    comment.resolved_at = utcnow()
    comment.resolved_by_id = membership.id


def open_comment_counts(deck: Deck) -> dict[int, int]:
    """Return {card id: open comments} for a deck."""
    rows = db.session.execute(select(CardComment.card_id, func.count()).join(Card)
                              .where(Card.deck_id == deck.id, CardComment.resolved_at.is_(None))
                              .group_by(CardComment.card_id))
    return dict(rows.all())


# What a reader sees -------------------------------------------------------------------------------

@dataclass
class CardView:
    """A card as one reader sees it: text in their language (or the source's), rendered body and chart."""

    card: Card
    language: str
    translated: bool
    headline: str
    body: Markup
    source_note: str
    chart: Markup | None

    @property
    def fallback(self) -> bool:
        """Tell whether the reader asked for another language than the one shown."""
        return not self.translated


def translation_for(card: Card, language: str) -> CardTranslation | None:
    """Return the card's text in a language, if someone translated it."""
    return next((t for t in card.translations if t.language == language), None)


def card_view(card: Card, language: str, *, with_chart: bool = True) -> CardView:
    """Return the card in the reader's language, falling back to the deck's language with a note.

    Pages that list cards without their charts pass with_chart=False: drawing is the slow part."""
    return card_views([card], language, with_chart=with_chart)[0]


def card_views(cards: list[Card], language: str, *, with_chart: bool = True) -> list[CardView]:
    """Return the cards in the reader's language; their charts come from the chart store in one look-up.

    Charts drawn for the first time are stored in the session: the view commits to keep them."""
    views = []
    for card in cards:
        source_language = card.deck.language
        translation = None if language == source_language else translation_for(card, language)
        if translation is not None:
            headline, body, note, shown = translation.headline, translation.body, translation.source_note, language
        else:
            headline, body, note, shown = card.headline, card.body, card.source, source_language
        views.append(CardView(card=card, language=shown,
                              translated=(language == source_language or translation is not None),
                              headline=headline, body=render_body(body), source_note=note or card.source,
                              chart=None))
    if with_chart:
        for view, chart in zip(views, chartstore.charts_for([(view.card, view.headline) for view in views])):
            view.chart = chart
    return views


def save_translation(card: Card, language: str, *, headline: str, body: str, source_note: str) -> CardTranslation:
    """Add or change the card's text in one language."""
    translation = translation_for(card, language)
    if translation is None:
        translation = CardTranslation(language=language, headline=headline, body=body, source_note=source_note)
        card.translations.append(translation)
    else:
        if translation.headline != headline:
            chartstore.forget_charts_of([card.id])
        translation.headline, translation.body, translation.source_note = headline, body, source_note
    db.session.flush()
    return translation


def remove_translation(card: Card, language: str) -> None:
    """Remove the card's text in one language."""
    translation = translation_for(card, language)
    if translation is not None:
        chartstore.forget_charts_of([card.id])
        card.translations.remove(translation)


def missing_translations(deck: Deck, languages: list[str]) -> dict[str, list[Card]]:
    """Return, for each language other than the deck's, the cards nobody has translated into it yet."""
    return {code: [card for card in deck.cards if translation_for(card, code) is None]
            for code in languages if code != deck.language}


# Copying ------------------------------------------------------------------------------------------

def copy_deck(deck: Deck, target: Lab, *, title: str) -> Deck:
    """Copy a deck's categories, cards and translations into a lab (not its comments, sessions or picks)."""
    copy = Deck(lab_id=target.id, title=title, description=deck.description, language=deck.language)
    db.session.add(copy)
    categories = {}
    for category in deck.categories:
        categories[category.id] = DeckCategory(letter=category.letter, title=category.title,
                                               question=category.question)
        copy.categories.append(categories[category.id])
    db.session.flush()
    for card in deck.cards:
        new = Card(deck_id=copy.id, category_id=categories[card.category_id].id, status=card.status,
                   **{key: getattr(card, key) for key in CARD_FIELDS})
        new.chart_rows = [list(row) for row in card.chart_rows or []]
        new.translations = [CardTranslation(language=t.language, headline=t.headline, body=t.body,
                                            source_note=t.source_note) for t in card.translations]
        db.session.add(new)
    db.session.flush()
    return copy


def labs_to_copy_into(user, roles: tuple[str, ...], *, except_lab: Lab) -> list[Lab]:
    """Return the other labs where the person holds one of the roles."""
    from labapp.labs.service import labs_for

    return [lab for lab, membership in labs_for(user) if lab.id != except_lab.id and membership.has_role(*roles)]
