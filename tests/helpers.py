"""Small helpers shared by tests: read a translation, pull values out of pages."""
import re
from html import unescape

from babel.support import Translations

from labapp import ROOT


def translated(msgid: str, locale: str) -> str:
    """Return the catalog's translation of a message id."""
    translations = Translations.load(str(ROOT / "translations"), [locale])
    text = translations.gettext(msgid)
    assert text != msgid, f"{msgid!r} is not translated into {locale}"
    return text


def html_text(response) -> str:
    """Return the page with entities decoded, for looking for text."""
    return unescape(response.get_data(as_text=True))


def find(pattern: str, response) -> str:
    """Return the first group of a regex match in the page."""
    match = re.search(pattern, response.get_data(as_text=True))
    assert match, f"{pattern!r} not found"
    return unescape(match.group(1))
