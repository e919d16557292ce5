"""Give every template the language list, the text direction and the language form."""
from flask import Flask, request
from flask_babel import get_locale

from .i18n import direction_of_text, enabled_languages, text_direction


def _template_context() -> dict:
    from .accounts.forms import LanguageForm

    locale = get_locale().language if get_locale() else "en"
    return {
        "languages": enabled_languages(),
        "current_locale": locale,
        "text_dir": text_direction(locale),
        "language_form": LanguageForm(formdata=None, next=request.full_path.rstrip("?")),
    }


def init_templating(app: Flask) -> None:
    """Register the context processor and Jinja settings."""
    app.context_processor(_template_context)
    from .labs.constants import ROLES, SECTORS, SUPPORT_NEEDS

    app.jinja_env.globals.update(ROLES=ROLES, SECTORS=SECTORS, SUPPORT_NEEDS=SUPPORT_NEEDS)
    app.jinja_env.filters["text_dir"] = direction_of_text
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
