"""Building a deck: categories, cards with charts, codes unique per deck, review and access."""
from labapp.datacards.models import Card, CardComment, Deck
from labapp.extensions import db


def test_facilitator_builds_a_deck_with_a_category_and_a_charted_card(client, make_user, make_lab, app):
    fran = make_user()
    lab = make_lab(creator=fran)
    client.login_as(fran)
    response = client.post_form(f"/labs/{lab.id}/decks/new", {"title": "Our figures", "language": "en"})
    assert response.status_code == 302
    with app.app_context():
        deck_id = db.session.query(Deck.id).scalar()
    base = f"/labs/{lab.id}/decks/{deck_id}"
    assert client.post_form(f"{base}/categories", {"letter": "a", "title": "Unequal care"}).status_code == 302
    with app.app_context():
        category_id = db.session.get(Deck, deck_id).categories[0].id
    response = client.post_form(f"{base}/cards/new", {
        "code": "A1", "category": str(category_id), "headline": "Fewer appointments in poorer areas",
        "body": "Some *text*", "chart_kind": "bar", "chart_unit": "per person",
        "chart_data": "Most deprived, 4.1\nLeast deprived, 5.3", "source": "NHS", "year": "2024"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Fewer appointments in poorer areas" in page
    assert "<em>text</em>" in page
    assert 'role="img"' in page and "Most deprived: 4.1 per person" in page
    assert "Least deprived: 5.3 per person" in page


def test_card_codes_are_unique_in_a_deck_and_bad_figures_are_explained(client, deck_lab, app):
    with app.app_context():
        category_id = db.session.get(Deck, deck_lab.deck_id).categories[0].id
    response = client.post_form(f"{deck_lab.base}/cards/new", {
        "code": "a1", "category": str(category_id), "headline": "Again", "chart_kind": ""})
    assert response.status_code == 200
    assert "Another card in this deck has the code a1" in response.get_data(as_text=True)
    response = client.post_form(f"{deck_lab.base}/cards/new", {
        "code": "A9", "category": str(category_id), "headline": "Figures", "chart_kind": "bar",
        "chart_data": "Keighley 4.2"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Line 1: write a label, a comma and a number" in page
    assert "Keighley 4.2" in page  # what was typed is kept
    with app.app_context():
        assert db.session.query(Card).filter_by(deck_id=deck_lab.deck_id).count() == 4


def test_any_member_comments_and_the_design_team_resolves_before_review(client, deck_lab, app, make_user,
                                                                        add_member, card_ids):
    pat = make_user(name="Pat Participant")
    add_member(deck_lab.lab, pat, "participant")
    card = card_ids(deck_lab.deck_id)["A1"]
    url = f"{deck_lab.base}/cards/{card}"
    client.post_form("/logout")
    client.login_as(pat)
    assert client.post_form(f"{url}/comments", {"text": "Is this per 1,000 people?"}).status_code == 302
    assert client.post_form(f"{url}/status", {"status": "reviewed"}).status_code == 403
    client.post_form("/logout")
    client.login_as(deck_lab.fran)
    response = client.post_form(f"{url}/status", {"status": "reviewed"}, follow_redirects=True)
    assert "Resolve the open comments" in response.get_data(as_text=True)
    with app.app_context():
        comment_id = db.session.query(CardComment.id).scalar()
    assert client.post_form(f"{url}/comments/{comment_id}/resolve").status_code == 302
    client.post_form(f"{url}/status", {"status": "reviewed"})
    with app.app_context():
        assert db.session.get(Card, card).status == "reviewed"
    # Changing the words sends a reviewed card back to draft.
    with app.app_context():
        category_id = db.session.get(Card, card).category_id
    client.post_form(f"{url}/edit", {"code": "A1", "category": str(category_id), "headline": "New words",
                                     "chart_kind": ""})
    with app.app_context():
        assert db.session.get(Card, card).status == "draft"


def test_participants_read_but_cannot_edit_and_another_labs_deck_is_a_404(client, deck_lab, make_user, make_lab,
                                                                          add_member, make_deck, card_ids):
    pat = make_user()
    add_member(deck_lab.lab, pat, "participant")
    other_lab = make_lab(name="Elsewhere")
    other_deck = make_deck(other_lab)
    client.post_form("/logout")
    client.login_as(pat)
    assert client.get(deck_lab.base + "/").status_code == 200
    assert client.get(f"{deck_lab.base}/cards/{card_ids(deck_lab.deck_id)['A1']}").status_code == 200
    for path in ("/edit", "/delete", "/cards/new", "/translations", "/cards.csv", "/import", "/copy"):
        assert client.get(deck_lab.base + path).status_code == 403, path
    assert client.get(f"/labs/{deck_lab.lab.id}/decks/{other_deck}/").status_code == 404
    assert client.get(f"/labs/{other_lab.id}/decks/{other_deck}/").status_code == 404
    other_card = card_ids(other_deck)["A1"]
    assert client.get(f"{deck_lab.base}/cards/{other_card}").status_code == 404


def test_deleting_a_deck_asks_first(client, deck_lab, app):
    page = client.get(deck_lab.base + "/delete").get_data(as_text=True)
    assert "Yes, delete the deck" in page
    assert client.post_form(deck_lab.base + "/delete").status_code == 302
    with app.app_context():
        assert db.session.get(Deck, deck_lab.deck_id) is None
        assert db.session.query(Card).count() == 0
