"""Serve calendar files and the printable visit brief."""
from datetime import date

from flask import Response, abort, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import login_required

from labapp.extensions import db, limiter
from labapp.i18n import babel_locale
from labapp.labs.models import Lab
from labapp.pdf import pdf_response, render_pdf, requested_locale

from . import calendar, service, signups
from .access import ORGANISERS, load_visit
from .constants import CONFIRMED
from .views import bp, reader_locale

BRIEF_TEMPLATE = "journeys/pdf/brief.html"


def _domain() -> str:
    return request.host.split(":")[0] or "labapp.invalid"


def _entry(visit, locale: str):
    text = service.localised(visit, locale)
    with force_locale(babel_locale(locale)):
        description = "\n\n".join(part for part in (
            text.host_does, text.will_see, visit.access_notes and _("Getting there: %(notes)s", notes=visit.access_notes)
        ) if part)
    return (visit, _("Learning journey: %(title)s", title=text.title), description,
            url_for("journeys.show", lab_id=visit.lab_id, visit_id=visit.id, _external=True))


def _ics(body: bytes, filename: str, *, attachment: bool) -> Response:
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    disposition = "attachment" if attachment else "inline"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/labs/<int:lab_id>/journeys/<int:visit_id>.ics")
@login_required
def visit_ics(lab_id, visit_id):
    """Download one visit as a calendar file."""
    lab, _membership, visit = load_visit(lab_id, visit_id)
    body = calendar.calendar_for([_entry(visit, reader_locale())], name=lab.name, domain=_domain())
    return _ics(body, f"visit-{visit.id}.ics", attachment=True)


@bp.route("/journeys/calendar/<token>.ics")
# Calendar services poll from a few shared addresses; the 32-byte token is what keeps the feed private.
@limiter.limit("600 per hour")
def calendar_feed(token):
    """Serve a person's confirmed visits to a calendar app, by their secret address (no session needed)."""
    membership = service.membership_for_calendar_token(token)
    if membership is None:
        abort(404)
    locale = membership.user.locale or "en"
    rows = signups.signups_of_member(membership.id, statuses=(CONFIRMED,))
    entries = [_entry(row.visit, locale) for row in rows]
    with force_locale(babel_locale(locale)):
        name = _("My learning journeys – %(lab)s", lab=membership.lab.name)
    return _ics(calendar.calendar_for(entries, name=name, domain=_domain()), "learning-journeys.ics",
                attachment=False)


def brief_pdf_for(visit, *, lang: str | None, show_visitors: bool) -> Response:
    """Render the visit's brief in the asked-for language; the visitor list only when show_visitors."""
    locale = requested_locale(lang)
    visitors = service.visitors(visit) if show_visitors else None
    pdf = render_pdf(BRIEF_TEMPLATE, locale=locale, visit=visit, lab=_lab_of(visit),
                     text=service.localised(visit, locale), visitors=visitors, host=visit.host,
                     zone=str(calendar.lab_timezone().key), now=date.today())
    return pdf_response(pdf, f"visit-{visit.id}-brief-{locale}.pdf")


def _lab_of(visit):
    return db.session.get(Lab, visit.lab_id)


@bp.route("/labs/<int:lab_id>/journeys/<int:visit_id>/brief.pdf")
@login_required
def brief_pdf(lab_id, visit_id):
    """Print the visit brief in the reader's language; organisers also see the visitors and their needs."""
    _lab, membership, visit = load_visit(lab_id, visit_id)
    return brief_pdf_for(visit, lang=request.args.get("lang"), show_visitors=membership.has_role(*ORGANISERS))

