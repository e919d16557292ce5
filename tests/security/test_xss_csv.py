"""Every CSV export keeps typed text that starts with = + - @ (or a tab or CR) from being read as a formula, and
the areas that import CSV read their own export back to the same text."""
import csv
import io

import sqlalchemy as sa

from labapp.csvfiles import FORMULA_STARTS
from labapp.datacards import csvio as cards_csv
from labapp.datacards import service as cards_service
from labapp.datacards.models import Card, Deck
from labapp.extensions import db
from labapp.labs.models import Lab
from labapp.outreach.models import Outreach
from labapp.prototypes import measures
from labapp.prototypes.models import Measure, MeasureValue, Prototype
from labapp.systemmap import csvfiles as map_csv
from labapp.systemmap.models import Actor, Tie
from tests.security.xss import FORMULAS, build_xss_lab


def _cells(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def _number(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False


def _formula_cells(rows) -> list[str]:
    """Return the cells a spreadsheet would read as a formula (numbers like -3 are numbers)."""
    return [cell for row in rows for cell in row if cell[:1] in FORMULA_STARTS and not _number(cell)]


def _export_urls(lab_id, ids):
    return {
        "cards": f"/labs/{lab_id}/decks/{ids['deck']}/cards.csv",
        "panel scores": f"/labs/{lab_id}/panels/{ids['panel']}/scores.csv",
        "visit sign-ups": f"/labs/{lab_id}/journeys/{ids['visit']}/signups.csv",
        "measure values": f"/labs/{lab_id}/prototypes/{ids['prototype']}/measures/{ids['measure']}/values.csv",
        "invitations": f"/labs/{lab_id}/outreach.csv",
        "actors": f"/labs/{lab_id}/map/actors.csv",
        "ties": f"/labs/{lab_id}/map/ties.csv",
        "lessons": f"/labs/{lab_id}/practice/lessons.csv",
        "attendance by sector": f"/labs/{lab_id}/workshops/attendance.csv?by=sector",
        "attendance by level": f"/labs/{lab_id}/workshops/attendance.csv?by=level",
        "workshop attendance": f"/labs/{lab_id}/workshops/{ids['workshop']}/attendance.csv",
    }


def test_every_csv_export_neutralises_formula_text(app, client, make_user, make_lab, add_member):
    built = build_xss_lab(app, make_user, make_lab, add_member, payloads=FORMULAS)
    client.login_as(built.people["fran"])
    for name, url in _export_urls(built.lab.id, built.ids).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert response.mimetype == "text/csv", name
        rows = _cells(response.get_data(as_text=True))
        assert _formula_cells(rows) == [], name
        guarded = [cell for row in rows for cell in row if cell[:1] == "'" and cell[1:2] in FORMULA_STARTS]
        assert guarded, f"{name}: no typed text in the export"


def test_csv_imports_read_their_own_export_back(app, make_user, make_lab, add_member):
    built = build_xss_lab(app, make_user, make_lab, add_member, payloads=FORMULAS)
    with app.test_request_context():
        lab, other = db.session.get(Lab, built.lab.id), db.session.get(Lab, built.other.id)

        deck = db.session.get(Deck, built.ids["deck"])
        copy = cards_service.create_deck(other, title="Copy")
        assert cards_csv.import_cards(copy, cards_csv.export_cards(deck).encode()) == len(deck.cards)
        fields = ("headline", "body", "source", "year", "geography", "chart_unit")

        def card_row(card):  # a figure's label is trimmed when read, as the form trims it
            return [getattr(card, f) for f in fields] + [card.category.title,
                                                         [[label.strip(), value] for label, value in card.chart_rows]]

        before = {c.code: card_row(c) for c in deck.cards}
        after = {c.code: card_row(c) for c in db.session.scalars(sa.select(Card).where(Card.deck_id == copy.id))}
        names = fields + ("category title", "figures")
        assert [(code, names[i], b, after[code][i]) for code, row in before.items() for i, b in enumerate(row)
                if after[code][i] != b] == []
        assert any(text[:1] in FORMULA_STARTS for row in before.values() for text in row if isinstance(text, str))

        measure = db.session.get(Measure, built.ids["measure"])
        fresh = measures.create_measure(db.session.get(Prototype, built.ids["prototype"]), name="Copy",
                                        kind=measure.kind, direction="up")
        measures.import_rows(fresh, measures.parse_csv(fresh, measures.export_csv(measure).encode()))
        db.session.flush()
        notes = lambda m: db.session.execute(sa.select(MeasureValue.period, MeasureValue.value, MeasureValue.note)  # noqa: E731
                                             .where(MeasureValue.measure_id == m.id).order_by(MeasureValue.period)).all()
        assert notes(fresh) == notes(measure)
        assert all(note[:1] in FORMULA_STARTS for _, _, note in notes(measure))

        actors = map_csv.import_actors(other, map_csv.actors_csv(lab, include_people=True).encode())
        assert actors.ok, actors.errors
        ties = map_csv.import_ties(other, map_csv.ties_csv(lab, include_people=True).encode())
        assert ties.ok, ties.errors
        db.session.flush()

        def actor_rows(lab_id):  # tags are trimmed when read, as the form trims them
            return sorted((a.name, a.services, a.notes, [tag.strip() for tag in a.tags]) for a in
                          db.session.scalars(sa.select(Actor).where(Actor.lab_id == lab_id)))

        assert actor_rows(other.id) == actor_rows(lab.id)
        tie_notes = lambda lab_id: sorted(db.session.scalars(sa.select(Tie.note).where(Tie.lab_id == lab_id)))  # noqa: E731
        assert tie_notes(other.id) == tie_notes(lab.id)
        db.session.rollback()


def test_the_invitation_list_uploads_its_own_export_back(app, client, make_user, make_lab, add_member):
    built = build_xss_lab(app, make_user, make_lab, add_member, payloads=FORMULAS)
    lab_id = built.lab.id
    client.login_as(built.people["fran"])
    exported = client.get(f"/labs/{lab_id}/outreach.csv").data
    with app.app_context():
        before = db.session.execute(sa.select(Outreach.person_name, Outreach.notes).where(Outreach.lab_id == lab_id)
                                    .order_by(Outreach.id)).all()
    assert all(name[:1] in FORMULA_STARTS for name, _ in before)
    response = client.post_form(f"/labs/{lab_id}/outreach/import",
                                {"file": (io.BytesIO(exported), "invitations.csv")},
                                content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    with app.app_context():
        after = db.session.execute(sa.select(Outreach.person_name, Outreach.notes).where(Outreach.lab_id == lab_id)
                                   .order_by(Outreach.id)).all()
    assert after == before + before
