"""Pick sessions: joining by QR, the pick limit, changing picks, the tally, themes and comparing places."""
import re

from labapp.datacards.models import Pick, PickCount, PickSession
from labapp.extensions import db
from tests.helpers import translated


def test_a_newcomer_scans_the_code_joins_the_lab_and_lands_on_the_cards(app, client, deck_lab, make_session):
    session_id = make_session(deck_lab.lab, deck_lab.deck_id)
    with app.app_context():
        code = db.session.get(PickSession, session_id).code
    client.post_form("/logout")
    response = client.get(f"/pick/{code}")
    assert response.status_code == 302
    join_url = response.headers["Location"]
    assert f"/join/{deck_lab.lab.join_code}" in join_url and "next=" in join_url
    response = client.post_form(join_url, {"name": "Rahima", "locale": "bn", "sector": "community"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/pick/{code}"
    response = client.get(f"/pick/{code}")
    assert response.headers["Location"] == f"/labs/{deck_lab.lab.id}/pick-sessions/{session_id}/pick"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    pick_a1 = translated("Pick %(code)s", "bn") % {"code": "A1"}
    assert pick_a1 in page and "Fewer appointments per person in poorer areas" in page


def test_join_ignores_a_next_address_on_another_site(client, deck_lab):
    client.post_form("/logout")
    response = client.post_form(f"/join/{deck_lab.lab.join_code}?next=https://evil.example/",
                                {"name": "Sam", "locale": "en", "sector": "nhs"})
    assert response.headers["Location"] == f"/labs/{deck_lab.lab.id}/"


def _pick(client, base, card, action="pick"):
    return client.post_form(f"{base}/pick/{card}", {"action": action}, follow_redirects=True).get_data(as_text=True)


def test_the_limit_holds_and_people_can_change_their_picks_until_closing(app, client, deck_lab, make_session,
                                                                         card_ids, make_user, add_member):
    session_id = make_session(deck_lab.lab, deck_lab.deck_id, pick_limit=2)
    cards = card_ids(deck_lab.deck_id)
    pat = make_user(name="Pat")
    add_member(deck_lab.lab, pat, "participant", sector="community")
    client.post_form("/logout")
    client.login_as(pat)
    base = f"/labs/{deck_lab.lab.id}/pick-sessions/{session_id}"
    assert "You picked A1." in _pick(client, base, cards["A1"])
    assert "You had already picked A1." in _pick(client, base, cards["A1"])
    assert "You picked B1." in _pick(client, base, cards["B1"])
    page = _pick(client, base, cards["B2"])
    assert "You have picked as many cards as you can" in page
    assert "Put B1 back" in page and "Put A1 back" in page
    assert "You put B1 back." in _pick(client, base, cards["B1"], "unpick")
    assert "You picked B2." in _pick(client, base, cards["B2"])
    with app.app_context():
        picked = {p.card_id for p in db.session.query(Pick).filter_by(session_id=session_id)}
        assert picked == {cards["A1"], cards["B2"]}
        assert db.session.query(PickCount.picked).filter_by(session_id=session_id).scalar() == 2
    # Participants cannot close the session; the facilitator can, and then picks are frozen.
    assert client.post_form(f"{base}/state", {"state": "closed"}).status_code == 403
    client.post_form("/logout")
    client.login_as(deck_lab.fran)
    client.post_form(f"{base}/state", {"state": "closed"})
    client.post_form("/logout")
    client.login_as(pat)
    assert "Picking has closed." in _pick(client, base, cards["A2"])
    with app.app_context():
        assert db.session.query(Pick).filter_by(session_id=session_id).count() == 2


def test_the_tally_splits_residents_and_professionals_and_shows_only_counts(app, client, deck_lab, make_session,
                                                                            card_ids, make_user, add_member):
    session_id = make_session(deck_lab.lab, deck_lab.deck_id)
    cards = card_ids(deck_lab.deck_id)
    from labapp.datacards import picks
    from labapp.labs.models import Membership

    people = [("Res One", "community"), ("Res Two", "community"), ("Nurse", "nhs")]
    ids = [add_member(deck_lab.lab, make_user(name=name), "participant", sector=sector) for name, sector in people]
    with app.app_context():
        session = db.session.get(PickSession, session_id)
        from labapp.datacards.models import Card
        for membership_id, codes in zip(ids, (["A1", "B1"], ["A1"], ["A1", "B2"])):
            for code in codes:
                picks.pick(session, db.session.get(Membership, membership_id), db.session.get(Card, cards[code]))
        db.session.commit()
    base = f"/labs/{deck_lab.lab.id}/pick-sessions/{session_id}"
    data = client.get(f"{base}/tally.json").get_json()
    assert data["people"] == 3 and data["residents"] == 2 and data["picks"] == 5
    first = data["cards"][0]
    assert (first["code"], first["total"], first["residents"], first["professionals"]) == ("A1", 3, 2, 1)
    assert {c["letter"]: c["picks"] for c in data["categories"]} == {"A": 3, "B": 2}
    assert "Res One" not in str(data) and "Nurse" not in str(data)
    page = client.get(f"{base}/tally").get_data(as_text=True)
    assert "Res One" not in page
    assert re.search(r"<script(?![^>]*\bsrc=)", page) is None, "no inline script"
    assert 'href="/labs/%d/pick-sessions/%d/tally"' % (deck_lab.lab.id, session_id) in page  # works by reload
    assert "datacards-tally.js" in page


def test_themes_after_closing_and_the_results_pdf(app, client, deck_lab, make_session, card_ids):
    session_id = make_session(deck_lab.lab, deck_lab.deck_id)
    cards = card_ids(deck_lab.deck_id)
    base = f"/labs/{deck_lab.lab.id}/pick-sessions/{session_id}"
    response = client.get(f"{base}/themes", follow_redirects=True)
    assert "Close picking before you name the themes." in response.get_data(as_text=True)
    client.post_form(f"{base}/state", {"state": "closed"})
    response = client.post_form(f"{base}/themes", {"name": "Access depends on where you live",
                                                   "cards": [str(cards["A1"]), str(cards["B1"])]})
    assert response.status_code == 302
    with app.app_context():
        theme = db.session.get(PickSession, session_id).themes[0]
        assert theme.card_ids == [cards["A1"], cards["B1"]]
    page = client.get(f"{base}/").get_data(as_text=True)
    assert "Access depends on where you live" in page
    response = client.get(f"{base}/results.pdf?lang=ar")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")


def test_compare_two_places_side_by_side(app, client, deck_lab, make_session, make_lab, make_deck):
    other = make_lab(creator=deck_lab.fran, name="Hastings Lab", place="Hastings")
    first = make_session(deck_lab.lab, deck_lab.deck_id)
    second = make_session(other, make_deck(other, title="Hastings deck"))
    stranger_lab = make_lab(name="Not mine", place="Nowhere")
    hidden = make_session(stranger_lab, make_deck(stranger_lab, title="Secret deck"))
    page = client.get(f"/labs/{deck_lab.lab.id}/pick-sessions/compare?first={first}&second={second}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Riverside" in text and "Hastings" in text and "Hastings deck" in text
    text = client.get(f"/labs/{deck_lab.lab.id}/pick-sessions/compare?first={first}&second={hidden}") \
        .get_data(as_text=True)
    assert "Secret deck" not in text and "Nowhere" not in text


def test_session_pages_check_the_lab_and_the_role(app, client, deck_lab, make_session, make_user, add_member,
                                                  make_lab, make_deck):
    session_id = make_session(deck_lab.lab, deck_lab.deck_id)
    other_lab = make_lab(name="Elsewhere")
    other_session = make_session(other_lab, make_deck(other_lab))
    pat = make_user()
    add_member(deck_lab.lab, pat, "participant")
    client.post_form("/logout")
    client.login_as(pat)
    base = f"/labs/{deck_lab.lab.id}/pick-sessions"
    assert client.get(f"{base}/{session_id}/").headers["Location"].endswith("/pick")
    for path in ("/code", "/code.svg", "/themes", "/results.pdf", "/delete"):
        assert client.get(f"{base}/{session_id}{path}").status_code == 403, path
    assert client.get(f"{base}/new").status_code == 403
    assert client.get(f"{base}/{other_session}/pick").status_code == 404
    assert client.get(f"/labs/{other_lab.id}/pick-sessions/{other_session}/tally").status_code == 404
    assert client.get("/pick/NOSUCH").status_code == 404


def test_facilitator_opens_a_session_from_the_form_and_projects_its_code(app, client, deck_lab, make_session):
    make_session(deck_lab.lab, deck_lab.deck_id)  # gives the lab a workshop
    with app.app_context():
        from labapp.workshops.models import Workshop
        workshop_id = db.session.query(Workshop.id).scalar()
    base = f"/labs/{deck_lab.lab.id}/pick-sessions"
    response = client.post_form(f"{base}/new", {"deck": str(deck_lab.deck_id), "workshop": str(workshop_id),
                                                "pick_limit": "0"})
    assert response.status_code == 200 and "Enter a number from 1 to 20." in response.get_data(as_text=True)
    response = client.post_form(f"{base}/new", {"deck": str(deck_lab.deck_id), "workshop": str(workshop_id),
                                                "pick_limit": "5", "title": "Observe picks"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/code")
    with app.app_context():
        session = db.session.query(PickSession).filter_by(title="Observe picks").one()
        assert session.pick_limit == 5 and session.state == "open"
        code = session.code
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"/pick/{code}" in page
    qr = client.get(f"{base}/{session.id}/code.svg")
    assert qr.mimetype == "image/svg+xml" and b"<svg" in qr.data
    index = client.get(f"/labs/{deck_lab.lab.id}/decks/").get_data(as_text=True)
    assert "Observe picks" in index


def test_a_category_with_cards_cannot_be_removed(app, client, deck_lab):
    with app.app_context():
        from labapp.datacards.models import Deck
        category_id = db.session.get(Deck, deck_lab.deck_id).categories[0].id
    response = client.post_form(f"{deck_lab.base}/categories/{category_id}/remove", follow_redirects=True)
    assert "Category A still has cards" in response.get_data(as_text=True)
    with app.app_context():
        from labapp.datacards.models import Deck
        assert len(db.session.get(Deck, deck_lab.deck_id).categories) == 2


def test_deleting_a_workshop_warns_that_its_pick_sessions_go_with_it(app, client, deck_lab, make_session):
    session_id = make_session(deck_lab.lab, deck_lab.deck_id)
    with app.app_context():
        workshop_id = db.session.get(PickSession, session_id).workshop_id
    url = f"/labs/{deck_lab.lab.id}/workshops/{workshop_id}/delete"
    page = client.get(url).get_data(as_text=True)
    assert "1 card-picking session, with its picks and themes, will be deleted too." in page
    assert client.post_form(url).status_code == 302
    with app.app_context():
        assert db.session.get(PickSession, session_id) is None


def test_removing_a_member_takes_their_picks_off_the_tally(app, client, deck_lab, make_session, card_ids, make_user,
                                                           add_member):
    from labapp.datacards import picks
    from labapp.datacards.models import Card
    from labapp.labs.models import Membership

    session_id = make_session(deck_lab.lab, deck_lab.deck_id)
    cards = card_ids(deck_lab.deck_id)
    leaver = add_member(deck_lab.lab, make_user(name="Leaving Lena"), "participant", sector="community")
    stayer = add_member(deck_lab.lab, make_user(name="Staying Sam"), "participant", sector="nhs")
    with app.app_context():
        session = db.session.get(PickSession, session_id)
        for membership_id in (leaver, stayer):
            picks.pick(session, db.session.get(Membership, membership_id), db.session.get(Card, cards["A1"]))
        db.session.commit()
    assert client.post_form(f"/labs/{deck_lab.lab.id}/members/{leaver}/remove").status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Pick.id)).where(Pick.session_id == session_id)) == 1
        assert db.session.scalar(db.select(db.func.count()).select_from(PickCount)
                                 .where(PickCount.membership_id == leaver)) == 0
