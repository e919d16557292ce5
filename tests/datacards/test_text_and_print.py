"""Card text is sanitised on the page and in the PDF; translations fall back with a note; PDFs print."""
import pytest

from labapp.datacards import cardtext, service
from labapp.datacards.cardtext import render_body
from labapp.datacards.deck_io_views import deck_pdf_bytes
from labapp.datacards.models import Card, Deck
from labapp.extensions import db

HOSTILE = ("Hello <script>alert('x')</script> *world*\n\n"
           "<img src=x onerror=alert(1)> [click](javascript:alert(2)) "
           '<a href="https://example.org" onclick="steal()">ok</a>\n\n- one\n- two')


def _assert_clean(html: str):
    assert "<script" not in html and "alert('x')" not in html
    assert "onerror" not in html and "onclick" not in html
    assert "javascript:" not in html
    assert "<img" not in html


def test_render_body_keeps_emphasis_lists_and_safe_links_only(app):
    with app.app_context():
        html = str(render_body(HOSTILE))
    _assert_clean(html)
    assert "<em>world</em>" in html
    assert "<li>one</li>" in html
    assert 'href="https://example.org"' in html


@pytest.fixture
def hostile_card(app, deck_lab, card_ids):
    card_id = card_ids(deck_lab.deck_id)["A1"]
    with app.app_context():
        db.session.get(Card, card_id).body = HOSTILE
        db.session.commit()
    return card_id


def test_hostile_text_is_removed_on_the_page_and_in_the_pdf_html(client, app, deck_lab, hostile_card, monkeypatch):
    page = client.get(f"{deck_lab.base}/cards/{hostile_card}").get_data(as_text=True)
    body = page.split('class="card-body"', 1)[1].split("</div>", 1)[0]
    _assert_clean(body)
    assert "<em>world</em>" in body

    captured = {}
    import labapp.pdf as pdf_module

    real_html = pdf_module.HTML

    def capture(string, **kwargs):
        captured["html"] = string
        return real_html(string=string, **kwargs)

    monkeypatch.setattr(pdf_module, "HTML", capture)
    response = client.get(f"{deck_lab.base}.pdf?lang=ur&layout=a6")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    html = captured["html"]
    _assert_clean(html)
    assert "<em>world</em>" in html
    assert 'dir="rtl"' in html.split("<body", 1)[0]  # Urdu pages run right to left


def test_translation_shows_in_the_readers_language_and_falls_back_with_a_note(client, app, deck_lab, card_ids):
    cards = card_ids(deck_lab.deck_id)
    url = f"{deck_lab.base}/cards/{cards['A1']}/translations/ur"
    assert client.post_form(url, {"headline": "غریب علاقوں میں کم ملاقاتیں", "body": "کچھ *متن*"}).status_code == 302
    page = client.get(f"{deck_lab.base}/cards/{cards['A1']}?lang=ur").get_data(as_text=True)
    assert "غریب علاقوں میں کم ملاقاتیں" in page
    assert "Not yet translated" not in page
    page = client.get(f"{deck_lab.base}/cards/{cards['A2']}?lang=ur").get_data(as_text=True)
    assert "Waiting longer when you need an interpreter" in page
    assert "Not yet translated into your language: shown in English." in page
    # The translator's list: three cards still missing in Urdu, four in Bengali.
    page = client.get(f"{deck_lab.base}/translations?lang=ur").get_data(as_text=True)
    assert "3 of 4" in page and "4 of 4" in page
    assert "Translate A2" in page and "Translate A1" not in page


def test_card_view_falls_back_to_the_source_language(app, deck_lab, card_ids):
    with app.test_request_context():
        card = db.session.get(Card, card_ids(deck_lab.deck_id)["B1"])
        service.save_translation(card, "bn", headline="বাংলা শিরোনাম", body="", source_note="")
        assert service.card_view(card, "bn").headline == "বাংলা শিরোনাম"
        view = service.card_view(card, "pl")
        assert view.fallback and view.language == "en" and view.headline.startswith("A fifth")
        assert service.card_view(card, "en").fallback is False


@pytest.mark.parametrize("layout", ["a6", "a4"])
def test_deck_prints_in_both_layouts(client, deck_lab, layout):
    response = client.get(f"{deck_lab.base}.pdf?lang=en&layout={layout}")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert f"-{layout}.pdf" in response.headers["Content-Disposition"]


def _pages(app, deck_id, layout, monkeypatch) -> list:
    """Render the deck and return WeasyPrint's pages (the PDF bytes themselves are compressed)."""
    import labapp.pdf as pdf_module

    from weasyprint import HTML as real_html

    documents = []

    class Keep:
        def __init__(self, **kwargs):
            self.html = real_html(**kwargs)

        def write_pdf(self):
            document = self.html.render()
            documents.append(document)
            return document.write_pdf()

    monkeypatch.setattr(pdf_module, "HTML", Keep)
    with app.test_request_context():
        deck_pdf_bytes(db.session.get(Deck, deck_id), locale="en", layout=layout)
    return documents[-1].pages


def test_a6_prints_a_card_a_page_and_a4_four_cards_a_sheet(app, deck_lab, monkeypatch):
    a6 = _pages(app, deck_lab.deck_id, "a6", monkeypatch)
    assert len(a6) == 4
    assert round(a6[0].width * 25.4 / 96) == 105 and round(a6[0].height * 25.4 / 96) == 148
    a4 = _pages(app, deck_lab.deck_id, "a4", monkeypatch)
    assert len(a4) == 1
    assert round(a4[0].width * 25.4 / 96) == 210


def test_charts_stay_inline_svg_on_the_page_after_a_pdf_was_made(client, deck_lab, card_ids):
    """WeasyPrint's PDF metadata takes the XML default prefix: charts must still come out as <svg>."""
    assert client.get(f"{deck_lab.base}.pdf?lang=en").status_code == 200
    page = client.get(f"{deck_lab.base}/cards/{card_ids(deck_lab.deck_id)['A1']}").get_data(as_text=True)
    assert '<figure class="card-chart"><svg xmlns="http://www.w3.org/2000/svg"' in page
    assert "ns0:" not in page


def test_the_deck_page_lists_cards_without_drawing_their_charts(client, deck_lab, card_ids, monkeypatch):
    """Drawing is the slow part (a deck of 300 cards took most of a minute); the deck page shows no charts."""
    def refuse(*args, **kwargs):
        raise AssertionError("the deck page drew a chart")

    monkeypatch.setattr(cardtext, "draw_chart", refuse)
    page = client.get(f"{deck_lab.base}/")
    assert page.status_code == 200
    assert "A1" in page.get_data(as_text=True)
    cards = card_ids(deck_lab.deck_id)
    with pytest.raises(AssertionError, match="drew a chart"):  # the card page does draw: the guard is in place
        client.get(f"{deck_lab.base}/cards/{cards['A1']}")
