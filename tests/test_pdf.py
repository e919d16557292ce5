"""The lab summary PDF in six languages, and the locked-down PDF fetcher."""
import subprocess
import unicodedata

import pytest

from labapp import create_app
from labapp.pdf import PDF_BASE_URL, StaticOnlyFetcher
from tests.conftest import base_config
from tests.helpers import translated

# Urdu PDFs use Naskh: WeasyPrint's Nastaliq output cannot be copied, searched or read aloud
# (its ligatures lose their text mapping), and a PDF must stay readable by screen readers.
FONTS = {
    "en": "+Noto-Sans",
    "pl": "+Noto-Sans",
    "ur": "+Noto-Naskh-Arabic",
    "ar": "+Noto-Naskh-Arabic",
    "bn": "+Noto-Sans-Bengali",
    "pa": "+Noto-Sans-Gurmukhi",
}


def _pdf_text(path) -> str:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout.decode()
    return unicodedata.normalize("NFKC", text)


def _pdf_fonts(path) -> str:
    return subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout


def _letters(text: str) -> str:
    """Keep letters only, so shaping, joining and spacing differences do not matter."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isalpha())


@pytest.mark.parametrize("lang", list(FONTS))
def test_summary_pdf_in_each_language_has_its_text_and_fonts(app, make_lab, make_user, add_member, lang, tmp_path):
    facilitator = make_user(name="Fran")
    lab = make_lab(creator=facilitator, name="Riverside Lab")
    add_member(lab, make_user(name="Nadia", password=None), "participant", sector="community")
    client = app.test_client()
    client.login_as(facilitator)
    response = client.get(f"/labs/{lab.id}/summary.pdf?lang={lang}")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    path = tmp_path / f"summary-{lang}.pdf"
    path.write_bytes(response.data)
    text = _pdf_text(path)
    assert "Riverside Lab" in text
    assert "Nadia" in text
    heading = "Members by role" if lang == "en" else translated("Members by role", lang)
    assert _letters(heading) in _letters(text)
    fonts = _pdf_fonts(path)
    assert FONTS[lang] in fonts, fonts
    assert "no" not in [line.split()[-5] for line in fonts.splitlines()[2:] if line.strip()], "every font is embedded"


def test_summary_pdf_escapes_user_text(app, make_lab, make_user, tmp_path):
    facilitator = make_user(name="<b>Fran</b>")
    lab = make_lab(creator=facilitator, name="<img src=x> Lab")
    client = app.test_client()
    client.login_as(facilitator)
    path = tmp_path / "s.pdf"
    path.write_bytes(client.get(f"/labs/{lab.id}/summary.pdf?lang=en").data)
    text = _pdf_text(path)
    assert "<img src=x> Lab" in text
    assert "<b>Fran</b>" in text


@pytest.fixture
def fetcher(tmp_path):
    app = create_app(base_config(f"sqlite:///{tmp_path}/x.sqlite"))
    return StaticOnlyFetcher(app.static_folder, app.static_url_path)


def test_fetcher_serves_the_apps_static_files(fetcher):
    response = fetcher.fetch(PDF_BASE_URL + "static/css/pdf.css")
    assert b"@page" in response.read()
    assert response.headers.get_content_type() == "text/css"


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://127.0.0.1:5432/",
    "https://example.org/static/css/pdf.css",
    PDF_BASE_URL + "static/../labapp/config.py",
    PDF_BASE_URL + "static/%2e%2e/labapp/config.py",
    PDF_BASE_URL + "other/secret",
])
def test_fetcher_refuses_files_and_outside_urls(fetcher, url):
    with pytest.raises(ValueError):
        fetcher.fetch(url)
