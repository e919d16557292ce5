"""Cards in and out: CSV import (all or nothing, row errors), CSV export, copying a deck, the lab's JSON export."""
import io

from labapp.datacards import picks
from labapp.datacards.models import Card, CardComment, Deck, Pick, PickSession
from labapp.extensions import db
from labapp.labs import exchange
from labapp.labs.models import Lab, Membership

HEADER = "code,category,category_title,headline,body,chart,unit,figures,source,year,geography\n"


def _upload(client, base, text):
    data = {"file": (io.BytesIO(text.encode("utf-8")), "cards.csv")}
    return client.post_form(f"{base}/import", data, content_type="multipart/form-data")


def test_csv_round_trip_adds_and_updates_cards(client, deck_lab, app):
    exported = client.get(f"{deck_lab.base}/cards.csv").get_data(as_text=True)
    assert exported.startswith("\ufeffcode,category")
    assert "Most deprived, 4.1 | Least deprived, 5.3" in exported
    text = HEADER + ('A1,A,,New headline for A1,,bar,%,"North, 4 | South, 6",NHS,2025,Bradford\n'
                     "C1,C,Rationing,Who waits longest,,,,,,,\n")
    response = _upload(client, deck_lab.base, text)
    assert response.status_code == 302
    with app.app_context():
        deck = db.session.get(Deck, deck_lab.deck_id)
        cards = {c.code: c for c in deck.cards}
        assert cards["A1"].headline == "New headline for A1"
        assert cards["A1"].chart_rows == [["North", 4.0], ["South", 6.0]]
        assert cards["C1"].category.title == "Rationing"
        assert len(cards) == 5


def test_csv_import_with_bad_rows_changes_nothing_and_lists_each_problem(client, deck_lab, app):
    text = HEADER + ("A1,A,,Fine row,,,,,,,\n"
                     "A1,A,,Same code again,,,,,,,\n"
                     "Z9,Z,,New category without a title,,,,,,,\n"
                     "B5,B,,,,,,,,,\n"
                     "B6,B,,Chart without figures,,pie,,,,,\n"
                     "B7,B,,Bad figures,,bar,,Keighley four,,,\n")
    response = _upload(client, deck_lab.base, text)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Nothing was imported" in page
    for line, words in ((3, "used on line 2 too"), (4, "category Z is new"), (5, "the headline is empty"),
                        (6, "the chart must be one of"), (7, "the figures must look like")):
        assert f"Line {line}:" in page and words in page, words
    with app.app_context():
        assert db.session.get(Deck, deck_lab.deck_id).cards[0].headline.startswith("Fewer appointments")
        assert db.session.query(Card).count() == 4


def test_csv_with_a_missing_column_is_refused(client, deck_lab):
    page = _upload(client, deck_lab.base, "code,headline\nA1,x\n").get_data(as_text=True)
    assert "Missing columns: category." in page


def test_copy_a_deck_into_another_lab_the_person_runs(client, deck_lab, app, make_lab, make_user, add_member,
                                                      card_ids):
    other = make_lab(creator=deck_lab.fran, name="Hastings Lab", place="Hastings")
    not_mine = make_lab(name="Not mine")
    cards = card_ids(deck_lab.deck_id)
    client.post_form(f"{deck_lab.base}/cards/{cards['A1']}/translations/ur", {"headline": "اردو"})
    client.post_form(f"{deck_lab.base}/cards/{cards['A1']}/comments", {"text": "A comment"})
    page = client.get(f"{deck_lab.base}/copy").get_data(as_text=True)
    assert "Hastings Lab" in page and "Not mine" not in page
    response = client.post_form(f"{deck_lab.base}/copy", {"lab": str(not_mine.id), "title": "Stolen"})
    assert response.status_code == 200  # not among the choices
    response = client.post_form(f"{deck_lab.base}/copy", {"lab": str(other.id), "title": "Bradford deck (copy)"})
    assert response.status_code == 302
    with app.app_context():
        copy = db.session.query(Deck).filter_by(lab_id=other.id).one()
        assert copy.title == "Bradford deck (copy)"
        assert [c.letter for c in copy.categories] == ["A", "B"]
        assert len(copy.cards) == 4
        a1 = next(c for c in copy.cards if c.code == "A1")
        assert a1.category.deck_id == copy.id
        assert [t.headline for t in a1.translations] == ["اردو"]
        assert a1.chart_rows == [["Most deprived", 4.1], ["Least deprived", 5.3]]
        assert db.session.query(CardComment).filter_by(card_id=a1.id).count() == 0
        assert db.session.query(Deck).filter_by(lab_id=not_mine.id).count() == 0


def test_lab_export_and_import_carry_decks_picks_and_themes(app, deck_lab, make_session, make_user, add_member,
                                                            card_ids):
    session_id = make_session(deck_lab.lab, deck_lab.deck_id)
    cards = card_ids(deck_lab.deck_id)
    pat_id = add_member(deck_lab.lab, make_user(name="Pat", email="pat@example.org"), "participant",
                        sector="community")
    with app.test_request_context():
        session = db.session.get(PickSession, session_id)
        pat = db.session.get(Membership, pat_id)
        for code in ("A1", "B1"):
            picks.pick(session, pat, db.session.get(Card, cards[code]))
        picks.close_session(session)
        picks.add_theme(session, "Fairness", [cards["A1"]])
        db.session.add(CardComment(card_id=cards["A1"], membership_id=pat_id, author_name="Pat", text="Check this"))
        db.session.commit()
        data = exchange.export_lab(db.session.get(Lab, deck_lab.lab.id))
        assert data["datacards"]["decks"][0]["cards"][0]["code"] == "A1"
        new_lab = exchange.import_lab(data)
        db.session.commit()
        deck = db.session.query(Deck).filter_by(lab_id=new_lab.id).one()
        new_session = db.session.query(PickSession).filter_by(lab_id=new_lab.id).one()
        assert new_session.deck_id == deck.id and new_session.state == "closed"
        assert new_session.code != session.code
        result = picks.tally(new_session)
        assert result.picks == 2 and result.residents == 1
        assert [t.name for t in new_session.themes] == ["Fairness"]
        new_a1 = next(c for c in deck.cards if c.code == "A1")
        assert new_session.themes[0].card_ids == [new_a1.id]
        assert [c.text for c in new_a1.comments] == ["Check this"]
        new_pat = db.session.get(Membership, db.session.query(Pick.membership_id)
                                 .filter_by(session_id=new_session.id).first()[0])
        assert new_pat.lab_id == new_lab.id
        # The imported counter keeps the limit: Pat has one pick left.
        new_session.state = "open"
        assert picks.pick(new_session, new_pat, next(c for c in deck.cards if c.code == "A2")) == picks.PICKED
        assert picks.pick(new_session, new_pat, next(c for c in deck.cards if c.code == "B2")) == picks.FULL
