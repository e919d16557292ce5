"""Fixtures for data-card tests: a lab with a deck of cards, a workshop and a pick session."""
from datetime import date, time
from types import SimpleNamespace

import pytest

from labapp.extensions import db
from labapp.datacards import picks, service
from labapp.datacards.models import Deck
from labapp.labs.models import Lab
from labapp.workshops import service as workshop_service

CARDS = [
    ("A1", "A", "Fewer appointments per person in poorer areas", "bar",
     [["Most deprived", 4.1], ["Least deprived", 5.3]]),
    ("A2", "A", "Waiting longer when you need an interpreter", "", []),
    ("B1", "B", "A fifth of next year's appointments are already taken", "number", [["of appointments", 20]]),
    ("B2", "B", "More people phone at 8am than there are slots", "line", [["2022", 10], ["2023", 12], ["2024", 15]]),
]


@pytest.fixture
def make_deck(app):
    """Create a deck with categories A and B and four cards in a lab; return its id."""

    def factory(lab, title="Bradford deck", cards=CARDS):
        with app.app_context():
            deck = service.create_deck(db.session.get(Lab, lab.id), title=title, language="en")
            categories = {"A": service.save_category(deck, letter="A", title="Unequal care", question="Who misses out?"),
                          "B": service.save_category(deck, letter="B", title="Primary care today", question="")}
            for code, letter, headline, kind, rows in cards:
                service.create_card(deck, categories[letter], code=code, headline=headline,
                                    body=f"Text of *{code}*.", source="NHS Digital", year="2024",
                                    geography="Bradford", chart_kind=kind, chart_unit="per person", chart_rows=rows)
            db.session.commit()
            return deck.id

    return factory


@pytest.fixture
def make_session(app):
    """Open a pick session for a deck at a new workshop; return its id."""

    def factory(lab, deck_id, pick_limit=3):
        with app.app_context():
            lab_row = db.session.get(Lab, lab.id)
            starts_at, ends_at = workshop_service.combine(date.today(), time(10, 0), time(13, 0))
            workshop = workshop_service.create_workshop(lab_row, kind="observe", title="Observe", starts_at=starts_at,
                                                        ends_at=ends_at)
            session = picks.open_session(lab_row, db.session.get(Deck, deck_id), workshop, pick_limit=pick_limit)
            db.session.commit()
            return session.id

    return factory


@pytest.fixture
def card_ids(app):
    """Return {code: id} for a deck's cards."""

    def factory(deck_id):
        with app.app_context():
            return {card.code: card.id for card in db.session.get(Deck, deck_id).cards}

    return factory


@pytest.fixture
def deck_lab(app, client, make_user, make_lab, make_deck):
    """A lab with a deck; the client is signed in as the facilitator."""
    fran = make_user(name="Fran Facilitator")
    lab = make_lab(creator=fran)
    deck_id = make_deck(lab)
    client.login_as(fran)
    return SimpleNamespace(lab=lab, fran=fran, deck_id=deck_id, base=f"/labs/{lab.id}/decks/{deck_id}")
