"""Run pick sessions: open one at a workshop, project its code, pick on a phone, watch the tally, name themes."""
import io

import segno
from flask import Response, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from labapp.extensions import db, limiter
from labapp.forms import ConfirmForm, choices_from
from labapp.labs.access import load_lab
from labapp.labs.service import format_join_code, membership_for
from labapp.pdf import pdf_response, render_pdf, requested_locale
from labapp.workshops.models import Workshop

from . import picks, service
from .access import EDITORS, load_card, load_session, load_theme
from .constants import CLOSED, OPEN
from .forms import CompareForm, SessionForm, ThemeForm
from .views import bp, reader_language

PICK_MESSAGES = {
    picks.PICKED: ("success", lambda code: _("You picked %(code)s.", code=code)),
    picks.ALREADY: ("success", lambda code: _("You had already picked %(code)s.", code=code)),
    picks.FULL: ("error", lambda code: _("You have picked as many cards as you can. Put one back to pick %(code)s.",
                                         code=code)),
    picks.SESSION_CLOSED: ("error", lambda code: _("Picking has closed.")),
    picks.UNPICKED: ("success", lambda code: _("You put %(code)s back.", code=code)),
    picks.NOT_PICKED: ("success", lambda code: _("%(code)s was not among your picks.", code=code)),
}


@bp.route("/labs/<int:lab_id>/pick-sessions/new", methods=["GET", "POST"])
@login_required
def session_create(lab_id):
    """Open a pick session for a deck at a workshop."""
    lab, membership = load_lab(lab_id, *EDITORS)
    decks = service.decks_of(lab)
    workshops = db.session.scalars(select(Workshop).where(Workshop.lab_id == lab.id).order_by(Workshop.starts_at)).all()
    form = SessionForm()
    form.deck.choices = choices_from({str(d.id): d.title for d in decks})
    form.workshop.choices = choices_from({str(w.id): w.title for w in workshops})
    if not form.is_submitted():
        form.deck.data = request.args.get("deck")
    if decks and workshops and form.validate_on_submit():
        deck = next(d for d in decks if str(d.id) == form.deck.data)
        workshop = next(w for w in workshops if str(w.id) == form.workshop.data)
        session = picks.open_session(lab, deck, workshop, pick_limit=form.pick_limit.data, title=form.title.data or "")
        db.session.commit()
        flash(_("Picking is open. Project the code so people can join."), "success")
        return redirect(url_for("datacards.session_code", lab_id=lab.id, session_id=session.id))
    return render_template("datacards/session_form.html", lab=lab, membership=membership, form=form, decks=decks,
                           workshops=workshops)


@bp.route("/labs/<int:lab_id>/pick-sessions/<int:session_id>/")
@login_required
def session_show(lab_id, session_id):
    """Show a session to those who run it; send everyone else to the picking page."""
    lab, membership, session = load_session(lab_id, session_id)
    if not membership.has_role(*EDITORS):
        return redirect(url_for("datacards.pick_page", lab_id=lab.id, session_id=session.id))
    return render_template("datacards/session.html", lab=lab, membership=membership, session=session,
                           tally=picks.tally(session), confirm_form=ConfirmForm())


@bp.route("/labs/<int:lab_id>/pick-sessions/<int:session_id>/state", methods=["POST"])
@login_required
def session_state(lab_id, session_id):
    """Close picking, or open it again."""
    lab, _membership, session = load_session(lab_id, session_id, *EDITORS)
    if ConfirmForm().validate_on_submit():
        if request.form.get("state") == CLOSED:
            picks.close_session(session)
            flash(_("Picking is closed. Now name the themes."), "success")
        else:
            picks.reopen_session(session)
            flash(_("Picking is open again."), "success")
        db.session.commit()
    return redirect(url_for("datacards.session_show", lab_id=lab.id, session_id=session.id))


@bp.route("/labs/<int:lab_id>/pick-sessions/<int:session_id>/delete", methods=["GET", "POST"])
@login_required
def session_delete(lab_id, session_id):
    """Ask, then delete a session with its picks and themes."""
    lab, membership, session = load_session(lab_id, session_id, *EDITORS)
    form = ConfirmForm()
    if form.validate_on_submit():
        picks.delete_session(session)
        db.session.commit()
        flash(_("The pick session is deleted."), "success")
        return redirect(url_for("datacards.index", lab_id=lab.id))
    return render_template("datacards/session_delete.html", lab=lab, membership=membership, session=session,
                           form=form, tally=picks.tally(session))


# Joining ------------------------------------------------------------------------------------------

def _pick_url(session) -> str:
    return url_for("datacards.join_session", code=session.code, _external=True)


@bp.route("/labs/<int:lab_id>/pick-sessions/<int:session_id>/code")
@login_required
def session_code(lab_id, session_id):
    """Show the session's QR code and address, large enough to project."""
    lab, membership, session = load_session(lab_id, session_id, *EDITORS)
    return render_template("datacards/session_code.html", lab=lab, membership=membership, session=session,
                           code=format_join_code(session.code), address=_pick_url(session))


@bp.route("/labs/<int:lab_id>/pick-sessions/<int:session_id>/code.svg")
@login_required
def session_code_qr(lab_id, session_id):
    """Draw the session's picking link as a QR code (SVG)."""
    _lab, _membership, session = load_session(lab_id, session_id, *EDITORS)
    qr = segno.make(_pick_url(session), error="m")
    out = io.BytesIO()
    qr.save(out, kind="svg", scale=10, border=2, xmldecl=False, svgns=True, title="QR")
    response = Response(out.getvalue(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/pick/<code>")
@limiter.limit("30 per minute", deduct_when=lambda r: r.status_code == 404)
def join_session(code):
    """Open a session from its QR code: members go to the cards, others join the lab first and come back."""
    session = picks.session_for_code(code)
    if session is None:
        abort(404)
    if current_user.is_authenticated and membership_for(session.lab_id, current_user):
        return redirect(url_for("datacards.pick_page", lab_id=session.lab_id, session_id=session.id))
    from labapp.labs.models import Lab

    lab = db.session.get(Lab, session.lab_id)
    return redirect(url_for("accounts.join", code=lab.join_code, next=url_for("datacards.join_session", code=code)))


# Picking ------------------------------------------------------------------------------------------

@bp.route("/labs/<int:lab_id>/pick-sessions/<int:session_id>/pick")
@login_required
def pick_page(lab_id, session_id):
    """Show the cards in the reader's language with a button to pick or put back each."""
    lab, membership, session = load_session(lab_id, session_id)
    language = reader_language()
    mine = picks.my_picks(session, membership)
    views = service.card_views(session.deck.cards, language)
    page = render_template("datacards/pick.html", lab=lab, membership=membership, session=session, views=views,
                           mine=mine, form=ConfirmForm(), remaining=max(session.pick_limit - len(mine), 0))
    db.session.commit()  # keep the charts drawn for this page for every worker
    return page


@bp.route("/labs/<int:lab_id>/pick-sessions/<int:session_id>/pick/<int:card_id>", methods=["POST"])
@login_required
def pick_card(lab_id, session_id, card_id):
    """Pick a card, or put it back (action=unpick)."""
    lab, membership, session = load_session(lab_id, session_id)
    card = load_card(session.deck, card_id)
    if not ConfirmForm().validate_on_submit():
        flash(_("The form had expired. Please send it again."), "error")
        return redirect(url_for("datacards.pick_page", lab_id=lab.id, session_id=session.id))
    if request.form.get("action") == "unpick":
        outcome = picks.unpick(session, membership, card)
    else:
        outcome = picks.pick(session, membership, card)
    db.session.commit()
    category, message = PICK_MESSAGES[outcome]
    flash(message(card.code), category)
    return redirect(url_for("datacards.pick_page", lab_id=lab.id, session_id=session.id) + f"#card-{card.id}")


# Tally --------------------------------------------------------------------------------------------

@bp.route("/labs/<int:lab_id>/pick-sessions/<int:session_id>/tally")
@login_required
def tally(lab_id, session_id):
    """Show the room's tally in big type; a small script refreshes it, and the page reloads without one."""
    lab, membership, session = load_session(lab_id, session_id)
    return render_template("datacards/tally.html", lab=lab, membership=membership, session=session,
                           tally=picks.tally(session))


@bp.route("/labs/<int:lab_id>/pick-sessions/<int:session_id>/tally.json")
@login_required
def tally_json(lab_id, session_id):
    """Return the tally for the live page."""
    _lab, _membership, session = load_session(lab_id, session_id)
    response = jsonify(picks.tally_json(session, picks.tally(session)))
    response.headers["Cache-Control"] = "no-store"
    return response


# Themes and results -------------------------------------------------------------------------------

def _theme_form(session, result, form: ThemeForm) -> ThemeForm:
    picked = [row for row in result.cards if row.total] or result.cards
    form.cards.choices = choices_from({row.card_id: f"{row.code}: {row.headline} ({row.total})" for row in picked})
    return form


@bp.route("/labs/<int:lab_id>/pick-sessions/<int:session_id>/themes", methods=["GET", "POST"])
@login_required
def themes(lab_id, session_id):
    """Name themes and group the top cards under them, once picking is closed."""
    lab, membership, session = load_session(lab_id, session_id, *EDITORS)
    result = picks.tally(session)
    form = _theme_form(session, result, ThemeForm())
    if session.state == OPEN:
        flash(_("Close picking before you name the themes."), "error")
        return redirect(url_for("datacards.session_show", lab_id=lab.id, session_id=session.id))
    if form.validate_on_submit():
        picks.add_theme(session, form.name.data, form.cards.data or [])
        db.session.commit()
        flash(_("Theme %(name)s added.", name=form.name.data), "success")
        return redirect(url_for("datacards.themes", lab_id=lab.id, session_id=session.id))
    return render_template("datacards/themes.html", lab=lab, membership=membership, session=session, form=form,
                           tally=result, confirm_form=ConfirmForm())


@bp.route("/labs/<int:lab_id>/pick-sessions/<int:session_id>/themes/<int:theme_id>/remove", methods=["POST"])
@login_required
def theme_remove(lab_id, session_id, theme_id):
    """Remove a theme."""
    lab, _membership, session = load_session(lab_id, session_id, *EDITORS)
    theme = load_theme(session, theme_id)
    if ConfirmForm().validate_on_submit():
        picks.remove_theme(session, theme)
        db.session.commit()
        flash(_("Theme removed."), "success")
    return redirect(url_for("datacards.themes", lab_id=lab.id, session_id=session.id))


@bp.route("/labs/<int:lab_id>/pick-sessions/<int:session_id>/results.pdf")
@login_required
def results_pdf(lab_id, session_id):
    """Print the session's tally and themes."""
    lab, _membership, session = load_session(lab_id, session_id, *EDITORS)
    locale = requested_locale(request.args.get("lang"))
    pdf = render_pdf("datacards/pdf/results.html", locale=locale, lab=lab, session=session,
                     tally=picks.tally(session))
    return pdf_response(pdf, f"pick-session-{session.id}-{locale}.pdf")


@bp.route("/labs/<int:lab_id>/pick-sessions/compare")
@login_required
def compare(lab_id):
    """Put two pick sessions side by side: two places, or two workshops of one lab."""
    lab, membership = load_lab(lab_id, *EDITORS)
    options = picks.comparable_sessions(current_user)
    by_id = {str(s.id): (session_lab, s) for session_lab, s in options}
    form = CompareForm(request.args)
    choices = choices_from({"": ""} | {key: f"{session_lab.place}: {s.workshop.title} – {s.deck.title}"
                                       for key, (session_lab, s) in by_id.items()})
    form.first.choices = form.second.choices = choices
    chosen = [by_id[key] for key in (form.first.data, form.second.data) if key in by_id]
    columns = [(session_lab, s, picks.tally(s)) for session_lab, s in chosen]
    return render_template("datacards/compare.html", lab=lab, membership=membership, form=form, columns=columns,
                           has_options=bool(options))
