"""Serve the front page, the health check, the language switch and the error pages."""
from urllib.parse import urlsplit

from flask import Blueprint, current_app, g, jsonify, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError

from labapp.accounts.forms import LanguageForm
from labapp.extensions import db
from labapp.i18n import is_enabled

bp = Blueprint("core", __name__)


def safe_next(target: str | None, fallback: str) -> str:
    """Return target if it is a path on this site, else the fallback."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return fallback
    return target


@bp.route("/")
def index():
    """Send members to their labs; show everyone else how to join or sign in."""
    if current_user.is_authenticated:
        return redirect(url_for("labs.index"))
    return render_template("core/index.html")


@bp.route("/healthz")
def healthz():
    """Answer 200 when the database answers, 503 when it does not."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure to reach the database is "unhealthy"
        db.session.rollback()
        current_app.logger.exception("health check: database unreachable")
        return jsonify(status="unavailable", database=False), 503
    return jsonify(status="ok", database=True)


@bp.route("/language", methods=["POST"])
def set_language():
    """Remember the chosen language for this person and this browser."""
    form = LanguageForm()
    back = safe_next(form.next.data, url_for("core.index"))
    if form.validate_on_submit() and is_enabled(form.locale.data):
        session["locale"] = form.locale.data
        if current_user.is_authenticated:
            current_user.locale = form.locale.data
            db.session.commit()
    return redirect(back)


def _error_page(code: int, title: str, message: str):
    return render_template("errors/error.html", code=code, title=title, message=message), code


@bp.app_errorhandler(400)
def bad_request(error):
    """Explain a refused form, such as an expired CSRF token."""
    return _error_page(400, _("Something went wrong with that form"),
                       _("The page may have been open for a long time. Go back, reload the page and try again."))


@bp.app_errorhandler(403)
def forbidden(error):
    """Explain that the person's role does not allow this."""
    return _error_page(403, _("You cannot do this"),
                       _("Your role in this lab does not allow this. Ask a facilitator if you need it."))


@bp.app_errorhandler(404)
def not_found(error):
    """Explain that the page is not there (or not theirs to see)."""
    return _error_page(404, _("Page not found"),
                       _("Check the address, or go back to your labs."))


@bp.app_errorhandler(429)
def too_many_requests(error):
    """Tell the person to wait, in their language."""
    return _error_page(429, _("Too many attempts"),
                       _("Please wait a minute, then try again."))


@bp.app_errorhandler(500)
def server_error(error):
    """Apologise without showing any detail of what failed."""
    db.session.rollback()
    return _error_page(500, _("Sorry, something went wrong on our side"),
                       _("Nothing you typed has been saved. Please try again in a moment."))


@bp.app_errorhandler(OperationalError)
def database_unavailable(error):
    """Say that the lab is briefly out of reach while the database does not answer; the pool reconnects by itself."""
    g.database_down = True
    if "_login_user" not in g:  # Flask-Login would ask the database for the person; treat them as signed out
        g._login_user = current_app.login_manager.anonymous_user()
    try:
        db.session.rollback()
    except DBAPIError:
        pass
    current_app.logger.warning("database unreachable: %s", type(error.orig).__name__ if error.orig else "unknown")
    page = render_template("errors/unavailable.html")
    return page, 503, {"Retry-After": "30", "Cache-Control": "no-store"}
