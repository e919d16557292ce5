"""Load a lab's deck, card, comment, pick session or theme, or answer 404 if it belongs elsewhere."""
from flask import abort

from labapp.labs.access import load_lab, owned_or_404
from labapp.labs.constants import DESIGN_TEAM, FACILITATOR

from .models import Card, CardComment, Deck, PickSession, Theme

# Facilitators and the design team build decks, resolve comments and run pick sessions.
EDITORS = (FACILITATOR, DESIGN_TEAM)


def load_deck(lab_id: int, deck_id: int, *roles: str):
    """Return (lab, membership, deck); 404 unless the deck is in a lab the person belongs to."""
    lab, membership = load_lab(lab_id)
    deck = owned_or_404(Deck, deck_id, lab_id=lab.id)
    if roles and not membership.has_role(*roles):
        abort(403)
    return lab, membership, deck


def load_card(deck: Deck, card_id: int) -> Card:
    """Return a card of this deck, or 404."""
    card = owned_or_404(Card, card_id, deck_id=deck.id)
    return card


def load_comment(card: Card, comment_id: int) -> CardComment:
    """Return a comment on this card, or 404."""
    comment = owned_or_404(CardComment, comment_id, card_id=card.id)
    return comment


def load_session(lab_id: int, session_id: int, *roles: str):
    """Return (lab, membership, pick session); 404 unless the session is in a lab the person belongs to."""
    lab, membership = load_lab(lab_id)
    session = owned_or_404(PickSession, session_id, lab_id=lab.id)
    if roles and not membership.has_role(*roles):
        abort(403)
    return lab, membership, session


def load_theme(session: PickSession, theme_id: int) -> Theme:
    """Return a theme of this session, or 404."""
    theme = owned_or_404(Theme, theme_id, session_id=session.id)
    return theme
