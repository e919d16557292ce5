"""Choose the language of each request and describe the languages labapp speaks."""
from dataclasses import dataclass

from flask import current_app, g, request, session
from flask_login import current_user


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str
    rtl: bool = False


# Names are written in their own script so that a reader can find their language.
LANGUAGES = {
    lang.code: lang
    for lang in (
        Language("en", "English"),
        Language("ur", "اردو", rtl=True),
        Language("bn", "বাংলা"),
        Language("pa", "ਪੰਜਾਬੀ"),
        Language("ar", "العربية", rtl=True),
        Language("pl", "Polski"),
    )
}


def enabled_languages() -> list[Language]:
    """Return the languages this installation offers, in configured order."""
    return [LANGUAGES[code] for code in current_app.config["LABAPP_LANGUAGES"] if code in LANGUAGES]


def is_enabled(code: str | None) -> bool:
    """Tell whether a language code is offered here."""
    return bool(code) and code in current_app.config["LABAPP_LANGUAGES"] and code in LANGUAGES


# English readers here are in the UK: dates and numbers follow British English.
FORMAT_LOCALES = {"en": "en_GB"}


def babel_locale(code: str) -> str:
    """Return the Babel locale used to format dates and numbers for a language code."""
    return FORMAT_LOCALES.get(code, code)


def select_locale() -> str:
    """Return the Babel locale for this request (see choose_language)."""
    return babel_locale(choose_language())


def choose_language() -> str:
    """Pick the locale: the person's saved choice, the session, Accept-Language, then English."""
    user = g.get("_login_user") if g.get("database_down") else current_user  # never ask a database that is down
    if user and user.is_authenticated and is_enabled(user.locale):
        return user.locale
    if is_enabled(session.get("locale")):
        return session["locale"]
    best = request.accept_languages.best_match(current_app.config["LABAPP_LANGUAGES"])
    return best or "en"


def direction_of_text(text: str | None) -> str:
    """Return the direction of a piece of text from its first strong letter (as dir="auto" does)."""
    import unicodedata

    for char in text or "":
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def text_direction(code: str) -> str:
    """Return 'rtl' for right-to-left scripts, else 'ltr'."""
    lang = LANGUAGES.get(code)
    return "rtl" if lang and lang.rtl else "ltr"
