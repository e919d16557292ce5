"""Load a lab's deck, card, comment, pick session or theme, or answer 404 if it belongs elsewhere."""
from flask import abort

from labapp.extensions import db
from labapp.labs.access import load_lab
from labapp.labs.constants import DESIGN_TEAM, FACILITATOR

from .models import Card, CardComment, Deck, PickSession, Theme

# Facilitators and the design team build decks, resolve comments and run pick sessions.
EDITORS = (FACILITATOR, DESIGN_TEAM)


def load_deck(lab_id: int, deck_id: int, *roles: str):
    """Return (lab, membership, deck); 404 unless the deck is in a lab the person belongs to."""
    lab, membership = load_lab(lab_id)
    deck = db.session.get(Deck, deck_id)
    if deck is None or deck.lab_id != lab.id:
        abort(404)
    if roles and not membership.has_role(*roles):
        abort(403)
    return lab, membership, deck


def load_card(deck: Deck, card_id: int) -> Card:
    """Return a card of this deck, or 404."""
    card = db.session.get(Card, card_id)
    if card is None or card.deck_id != deck.id:
        abort(404)
    return card


def load_comment(card: Card, comment_id: int) -> CardComment:
    """Return a comment on this card, or 404."""
    comment = db.session.get(CardComment, comment_id)
    if comment is None or comment.card_id != card.id:
        abort(404)
    return comment


def load_session(lab_id: int, session_id: int, *roles: str):
    """Return (lab, membership, pick session); 404 unless the session is in a lab the person belongs to."""
    lab, membership = load_lab(lab_id)
    session = db.session.get(PickSession, session_id)
    if session is None or session.lab_id != lab.id:
        abort(404)
    if roles and not membership.has_role(*roles):
        abort(403)
    return lab, membership, session


def load_theme(session: PickSession, theme_id: int) -> Theme:
    """Return a theme of this session, or 404."""
    theme = db.session.get(Theme, theme_id)
    if theme is None or theme.session_id != session.id:
        abort(404)
    return theme
