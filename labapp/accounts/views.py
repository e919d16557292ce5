"""Sign in and out, join a lab by code or invitation, and keep one's own account."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from labapp.core.views import safe_next
from labapp.extensions import db, limiter
from labapp.forms import ConfirmForm, choices_from
from labapp.i18n import enabled_languages
from labapp.labs import service as labs_service
from labapp.labs.constants import PARTICIPANT
from labapp.outreach import service as outreach_service

from . import service
from .forms import AccountForm, InviteAcceptForm, JoinCodeForm, JoinForm, LoginForm

bp = Blueprint("accounts", __name__)


def _failed(response) -> bool:
    """Count only attempts that did not succeed, so a busy venue's shared Wi-Fi is not locked out."""
    return response.status_code != 302


def init_login(login_manager) -> None:
    """Tell Flask-Login how to load people and where to send the signed-out."""
    login_manager.login_view = "accounts.login"
    login_manager.login_message = None
    login_manager.session_protection = "basic"
    login_manager.user_loader(service.load_user_from_session_id)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute;60 per hour", methods=["POST"], deduct_when=_failed)
def login():
    """Sign in with email and password."""
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = service.authenticate(form.email.data, form.password.data)
        if user:
            login_user(user)
            if not user.locale and session.get("locale"):
                user.locale = session["locale"]
            db.session.commit()
            return redirect(safe_next(form.next.data, url_for("labs.index")))
        form.password.errors.append(_("The email address or password is not right."))
    return render_template("accounts/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    """Sign out on this device."""
    form = ConfirmForm()
    if form.validate_on_submit():
        logout_user()
    return redirect(url_for("core.index"))


def _language_choices():
    return choices_from({lang.code: lang.native_name for lang in enabled_languages()})


def _prepare_join_form(form: JoinForm, lab) -> JoinForm:
    form.locale.choices = _language_choices()
    form.sector.choices = choices_from(lab.sectors)
    if not form.is_submitted():
        form.locale.data = get_locale().language
        if current_user.is_authenticated:
            form.name.data = current_user.name
    return form


def _welcome(user, lab, locale: str, next_url: str | None = None):
    """Save the joining, sign the person in on this device, and open the lab (or the page they came for)."""
    session["locale"] = locale
    db.session.commit()
    login_user(user, remember=True)
    flash(_("Welcome to %(lab)s.", lab=lab.name), "success")
    return redirect(safe_next(next_url, url_for("labs.home", lab_id=lab.id)))


# New accounts one address may make by joining. A venue's Wi-Fi puts a whole room behind one address, so this
# must be well above the largest room (the workshop burst benchmark joins 300 people in a minute).
DEFAULT_JOIN_RATE = "1000 per hour"


@bp.route("/join", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"], deduct_when=_failed)
def join_code():
    """Ask for a lab's join code and open its join page."""
    form = JoinCodeForm(code=request.args.get("code", ""))
    if form.validate_on_submit():
        lab = labs_service.lab_for_join_code(form.code.data)
        if lab:
            return redirect(url_for("accounts.join", code=lab.join_code))
        form.code.errors.append(_("We could not find a lab with that code. Check it and try again."))
    return render_template("accounts/join_code.html", form=form)


@bp.route("/join/<code>", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["GET", "POST"], deduct_when=lambda r: r.status_code == 404)
@limiter.limit(lambda: current_app.config.get("LABAPP_JOIN_RATE_LIMIT", DEFAULT_JOIN_RATE), methods=["POST"])
def join(code):
    """Join a lab as a participant with a name and a language, and no password."""
    lab = labs_service.lab_for_join_code(code)
    if lab is None:
        form = JoinCodeForm(formdata=None, code=code)
        form.code.errors = [_("We could not find a lab with that code. Check it and try again.")]
        return render_template("accounts/join_code.html", form=form), 404
    next_url = request.args.get("next")
    if current_user.is_authenticated and labs_service.membership_for(lab, current_user):
        return redirect(safe_next(next_url, url_for("labs.home", lab_id=lab.id)))
    form = _prepare_join_form(JoinForm(), lab)
    if form.validate_on_submit():
        user = current_user if current_user.is_authenticated else None
        if user is None:
            user = service.create_user(name=form.name.data, locale=form.locale.data)
        else:
            user.name = form.name.data.strip()
            user.locale = form.locale.data
        labs_service.add_member(lab, user, PARTICIPANT, sector=form.sector.data or None,
                                support_needs=form.support_needs.data)
        return _welcome(user, lab, form.locale.data, next_url)
    return render_template("accounts/join.html", form=form, lab=lab)


@bp.route("/invitations/<token>", methods=["GET", "POST"])
@limiter.limit("20 per minute", deduct_when=lambda r: r.status_code == 404)
def accept_invitation(token):
    """Accept an invitation: as the signed-in person, or as a new person with the invited email."""
    invitation = labs_service.invitation_for_token(token)
    if invitation is None:
        return render_template("accounts/invitation_closed.html"), 404
    existing = service.user_by_email(invitation.email)
    if not current_user.is_authenticated and existing and existing.has_login:
        flash(_("You already have an account. Sign in to accept the invitation."), "info")
        return redirect(url_for("accounts.login", next=request.path))
    form = _prepare_join_form(InviteAcceptForm(), invitation.lab)
    if form.validate_on_submit():
        user = current_user if current_user.is_authenticated else existing
        if user is None:
            user = service.create_user(name=form.name.data, locale=form.locale.data, email=invitation.email,
                                       password=form.password.data or None)
        else:
            user.name = form.name.data.strip()
            user.locale = form.locale.data
            if form.password.data and not user.password_hash and not service.email_taken(invitation.email, by_other_than=user):
                service.set_login(user, email=invitation.email, password=form.password.data)
        membership = labs_service.accept_invitation(invitation, user, sector=form.sector.data or None,
                                                    support_needs=form.support_needs.data)
        db.session.flush()
        outreach_service.invitation_accepted(invitation, membership)
        return _welcome(user, invitation.lab, form.locale.data)
    return render_template("accounts/invitation.html", form=form, invitation=invitation)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    """Let a person add or change their email and password to sign in from other devices."""
    form = AccountForm(obj=current_user) if request.method == "GET" else AccountForm()
    if form.validate_on_submit():
        if current_user.has_login and not current_user.check_password(form.current_password.data or ""):
            form.current_password.errors.append(_("Your current password is not right."))
        elif service.email_taken(form.email.data, by_other_than=current_user):
            form.email.errors.append(_("Another account already uses this email address."))
        else:
            current_user.name = form.name.data.strip()
            service.set_login(current_user, email=form.email.data, password=form.password.data)
            db.session.commit()
            flash(_("Saved. You can now sign in with this email address and password."), "success")
            return redirect(url_for("accounts.account"))
    return render_template("accounts/account.html", form=form)
