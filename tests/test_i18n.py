"""Every string in every language, right-to-left where the script is, and the locale order."""
import re
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from labapp import ROOT
from tests.helpers import html_text, translated

LANGUAGES = ["ur", "bn", "pa", "ar", "pl"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _catalog(lang):
    with open(ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=lang)


def _messages(catalog):
    return [m for m in catalog if m.id]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_is_complete_and_has_nothing_fuzzy(lang):
    catalog = _catalog(lang)
    untranslated = [m.id for m in _messages(catalog)
                    if not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    fuzzy = [m.id for m in _messages(catalog) if m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_every_placeholder(lang):
    for message in _messages(_catalog(lang)):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
        for text in strings:
            found = set(PLACEHOLDER.findall(text))
            assert found <= wanted, f"{lang}: {message.id!r} has unknown placeholders {found - wanted}"
            if len(ids) == 1:
                assert found == wanted, f"{lang}: {message.id!r} lost placeholders {wanted - found}"


def test_every_marked_string_is_in_every_catalog(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
                    "-k", "_l", "-k", "N_", "-o", str(pot), "."], cwd=ROOT, check=True)
    with open(pot, "rb") as handle:
        extracted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    assert len(extracted) > 100
    for lang in LANGUAGES:
        known = {m.id if isinstance(m.id, str) else m.id[0] for m in _messages(_catalog(lang))}
        assert sorted(extracted - known) == [], f"{lang} is missing strings: run flask translate update"


def test_templates_have_no_bare_english_text():
    """Text between tags must go through gettext; only names, symbols and markup may stand bare."""
    allowed = re.compile(r"^[\s\W\d]*(labapp|QR)?[\s\W\d]*$")
    for template in (ROOT / "templates").rglob("*.html"):
        source = template.read_text()
        source = re.sub(r"{#.*?#}|{%.*?%}|{{.*?}}", " ", source, flags=re.S)
        source = re.sub(r"<(script|style)\b.*?</\1>", " ", source, flags=re.S)
        for text in re.findall(r">([^<>]+)<", source):
            assert allowed.match(text.strip()), f"{template.name}: untranslated text {text.strip()!r}"


@pytest.mark.parametrize("lang,direction", [("en", "ltr"), ("ur", "rtl"), ("ar", "rtl"), ("bn", "ltr"),
                                             ("pa", "ltr"), ("pl", "ltr")])
def test_pages_follow_accept_language_and_script_direction(client, lang, direction):
    page = html_text(client.get("/", headers={"Accept-Language": lang}))
    assert f'<html lang="{lang}" dir="{direction}">' in page
    if lang != "en":
        assert translated("Welcome to labapp", lang) in page


def test_switching_language_sticks_for_the_browser(client):
    response = client.post_form("/language", {"locale": "bn", "next": "/join"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/join")
    page = html_text(client.get("/", headers={"Accept-Language": "pl"}))
    assert '<html lang="bn"' in page


def test_language_switch_refuses_outside_redirects_and_unknown_languages(client):
    response = client.post_form("/language", {"locale": "xx", "next": "//evil.example.com/"})
    assert not response.headers["Location"].startswith("//evil")
    assert '<html lang="en"' in client.get("/").get_data(as_text=True)


def test_a_saved_choice_beats_the_session(app, client, make_user):
    user = make_user(locale="pa")
    client.post_form("/language", {"locale": "ar", "next": "/"})
    client.login_as(user)
    assert '<html lang="pa"' in client.get("/labs/").get_data(as_text=True)
    client.post_form("/language", {"locale": "pl", "next": "/"})
    other = app.test_client()
    other.login_as(user)
    assert '<html lang="pl"' in other.get("/labs/").get_data(as_text=True), "the choice follows the person"


def test_dates_and_numbers_are_formatted_for_the_locale(app, client, make_user, make_lab):
    from datetime import date

    user = make_user(locale="ar")
    lab = make_lab(creator=user, starts_on=date(2027, 3, 14))
    client.login_as(user)
    page = html_text(client.get(f"/labs/{lab.id}/"))
    from babel.dates import format_date

    assert format_date(date(2027, 3, 14), locale="ar") in page
