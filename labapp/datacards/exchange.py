"""Export a lab's decks (cards, translations, comments, pick sessions, picks, themes) and import them."""
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import selectinload

from labapp.accounts.models import utcnow
from labapp.extensions import db
from labapp.labs.service import unused_code

from .models import Card, CardComment, CardTranslation, Deck, DeckCategory, Pick, PickCount, PickSession, Theme


SECTION_KEY = "datacards"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def export_section(lab) -> dict:
    """Return the lab's decks and pick sessions as plain data; session codes stay behind."""
    decks = db.session.scalars(select(Deck).where(Deck.lab_id == lab.id).order_by(Deck.id).options(
        selectinload(Deck.categories),
        selectinload(Deck.cards).options(selectinload(Card.translations), selectinload(Card.comments)))).all()
    sessions = db.session.scalars(select(PickSession).where(PickSession.lab_id == lab.id)
                                  .order_by(PickSession.id).options(selectinload(PickSession.themes))).all()
    picks_by_session = {}
    if sessions:
        for row in db.session.scalars(select(Pick).where(Pick.session_id.in_([s.id for s in sessions]))
                                      .order_by(Pick.id)):
            picks_by_session.setdefault(row.session_id, []).append(row)
    return {
        "decks": [
            {
                "id": deck.id, "title": deck.title, "description": deck.description, "language": deck.language,
                "categories": [{"id": c.id, "letter": c.letter, "title": c.title, "question": c.question}
                               for c in deck.categories],
                "cards": [
                    {
                        "id": card.id, "category_id": card.category_id, "code": card.code, "headline": card.headline,
                        "body": card.body, "source": card.source, "year": card.year, "geography": card.geography,
                        "status": card.status, "chart_kind": card.chart_kind, "chart_unit": card.chart_unit,
                        "chart_rows": [list(row) for row in card.chart_rows or []],
                        "translations": [{"language": t.language, "headline": t.headline, "body": t.body,
                                          "source_note": t.source_note} for t in card.translations],
                        "comments": [{"membership_id": c.membership_id, "author_name": c.author_name, "text": c.text,
                                      "created_at": _iso(c.created_at), "resolved_at": _iso(c.resolved_at),
                                      "resolved_by_id": c.resolved_by_id} for c in card.comments],
                    }
                    for card in deck.cards
                ],
            }
            for deck in decks
        ],
        "pick_sessions": [
            {
                "id": s.id, "deck_id": s.deck_id, "workshop_id": s.workshop_id, "title": s.title,
                "pick_limit": s.pick_limit, "state": s.state, "created_at": _iso(s.created_at),
                "closed_at": _iso(s.closed_at),
                "picks": [{"membership_id": p.membership_id, "card_id": p.card_id, "created_at": _iso(p.created_at)}
                          for p in picks_by_session.get(s.id, [])],
                "themes": [{"name": t.name, "card_ids": list(t.card_ids or [])} for t in s.themes],
            }
            for s in sessions
        ],
    }


def import_section(lab, data: dict, ids: dict) -> None:
    """Create the decks and sessions in the new lab; members and workshops follow through ids."""
    members = ids.get("members", {})
    workshops = ids.get("workshops", {})
    decks, cards = {}, {}
    for entry in data.get("decks", []):
        deck = Deck(lab_id=lab.id, title=entry["title"], description=entry.get("description") or "",
                    language=entry.get("language") or "en")
        db.session.add(deck)
        categories = {}
        for row in entry.get("categories", []):
            categories[row["id"]] = DeckCategory(letter=row["letter"], title=row["title"],
                                                 question=row.get("question") or "")
            deck.categories.append(categories[row["id"]])
        db.session.flush()
        for row in entry.get("cards", []):
            card = Card(deck_id=deck.id, category_id=categories[row["category_id"]].id, code=row["code"],
                        headline=row["headline"], body=row.get("body") or "", source=row.get("source") or "",
                        year=row.get("year") or "", geography=row.get("geography") or "",
                        status=row.get("status") or "draft", chart_kind=row.get("chart_kind") or "",
                        chart_unit=row.get("chart_unit") or "",
                        chart_rows=[[str(label), float(value)] for label, value in row.get("chart_rows") or []])
            card.translations = [CardTranslation(language=t["language"], headline=t["headline"],
                                                 body=t.get("body") or "", source_note=t.get("source_note") or "")
                                 for t in row.get("translations", [])]
            db.session.add(card)
            for c in row.get("comments", []):
                author = members.get(c.get("membership_id"))
                resolver = members.get(c.get("resolved_by_id"))
                card.comments.append(CardComment(membership_id=author.id if author else None,
                                                 author_name=c["author_name"], text=c["text"],
                                                 created_at=_datetime(c.get("created_at")) or utcnow(),
                                                 resolved_at=_datetime(c.get("resolved_at")),
                                                 resolved_by_id=resolver.id if resolver else None))
            cards[row["id"]] = card
        decks[entry["id"]] = deck
    db.session.flush()
    picks, pick_counts = [], []
    for entry in data.get("pick_sessions", []):
        deck, workshop = decks.get(entry["deck_id"]), workshops.get(entry["workshop_id"])
        if deck is None or workshop is None:
            continue
        session = PickSession(lab_id=lab.id, deck_id=deck.id, workshop_id=workshop.id, title=entry.get("title") or "",
                              code=unused_code(PickSession.code), pick_limit=int(entry.get("pick_limit") or 3),
                              state=entry.get("state") or "closed", closed_at=_datetime(entry.get("closed_at")),
                              created_at=_datetime(entry.get("created_at")) or utcnow())
        db.session.add(session)
        db.session.flush()
        counts = {}
        for row in entry.get("picks", []):
            member, card = members.get(row.get("membership_id")), cards.get(row.get("card_id"))
            if member is None or card is None:
                continue
            picks.append({"session_id": session.id, "membership_id": member.id, "card_id": card.id,
                          "created_at": _datetime(row.get("created_at")) or utcnow()})
            counts[member.id] = counts.get(member.id, 0) + 1
        pick_counts += [{"session_id": session.id, "membership_id": membership_id, "picked": count}
                        for membership_id, count in counts.items()]
        for position, row in enumerate(entry.get("themes", [])):
            session.themes.append(Theme(name=row["name"], position=position,
                                        card_ids=[cards[i].id for i in row.get("card_ids", []) if i in cards]))
    db.session.flush()
    for model, rows in ((Pick, picks), (PickCount, pick_counts)):
        if rows:  # nothing points at a pick or a count: a few statements for them all
            db.session.execute(insert(model), rows)
