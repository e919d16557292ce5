"""Serve a lab's learning journeys: the visits, their hosts and translations.

Sign-ups and debriefs are in signup_views.py, the host's own link in host_views.py, mixed-group rounds in
round_views.py, calendars and briefs in output_views.py; all share this blueprint.
"""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import login_required
from wtforms.fields.choices import SelectChoice

from labapp.extensions import db
from labapp.forms import ConfirmForm, choices_from
from labapp.i18n import LANGUAGES, enabled_languages
from labapp.labs.access import load_lab
from labapp.labs.constants import FACILITATOR
from labapp.systemmap.models import Actor
from labapp.workshops.views import clock, language_name

from . import service, signups
from .access import ORGANISERS, load_host, load_visit
from .constants import OTHER_LANGUAGE, SIGNUP_STATUSES, VISIT_STATUSES
from .forms import FilterForm, HostForm, TranslationForm, VisitForm, VisitStatusForm
from .models import Host

bp = Blueprint("journeys", __name__)


def reader_locale() -> str:
    """Return the reader's language code."""
    locale = get_locale()
    return locale.language if locale else "en"


def visit_languages(visit) -> list[str]:
    """Name the languages spoken at a visit, the free 'other' one included."""
    names = [language_name(code) for code in visit.languages or [] if code != OTHER_LANGUAGE]
    if visit.other_language:
        names.append(visit.other_language)
    return names


@bp.context_processor
def _helpers():
    return {"clock": clock, "language_name": language_name, "VISIT_STATUSES": VISIT_STATUSES,
            "SIGNUP_STATUSES": SIGNUP_STATUSES, "ORGANISERS": ORGANISERS, "localised": service.localised,
            "reader_locale": reader_locale, "visit_languages": visit_languages}


def _visit_values(form: VisitForm) -> dict:
    return {"title": form.title.data, "host_does": form.host_does.data or "", "will_see": form.will_see.data or "",
            "address": form.address.data or "", "area": form.area.data or "",
            "access_notes": form.access_notes.data or "", "day": form.day.data, "starts": form.starts.data,
            "ends": form.ends.data, "capacity": form.capacity.data, "languages": form.languages.data or [],
            "other_language": form.other_language.data or ""}


def save_visit_changes(visit, form: VisitForm) -> bool:
    """Save a checked visit form, tell anyone promoted by more places, and flash; False keeps the form
    on screen with the capacity error (the visit cannot hold fewer places than people confirmed)."""
    try:
        promoted = service.update_visit(visit, **_visit_values(form))
    except service.CapacityTooSmall as error:
        db.session.rollback()
        form.capacity.errors = [ngettext(
            "%(num)s person is confirmed already: the visit needs at least that many places. "
            "Cancel someone's place first to make it smaller.",
            "%(num)s people are confirmed already: the visit needs at least that many places. "
            "Cancel someone's place first to make it smaller.", error.args[0])]
        return False
    db.session.commit()
    from .signup_views import tell_promoted
    tell_promoted(promoted)
    flash(_("Changes saved."), "success")
    return True


@bp.route("/labs/<int:lab_id>/journeys/")
@login_required
def index(lab_id):
    """List the visits people can sign up for, with filters; organisers see drafts too."""
    lab, membership = load_lab(lab_id)
    organiser = membership.has_role(*ORGANISERS)
    form = FilterForm(request.args)
    form.language.choices = [SelectChoice("", _("Any language"))] + choices_from(
        {code: lang.native_name for code, lang in LANGUAGES.items()})
    areas = service.areas_of(lab)
    form.area.choices = [SelectChoice("", _("Anywhere"))] + [SelectChoice(area, area) for area in areas]
    filters = service.VisitFilter()
    if form.validate():
        filters = service.VisitFilter(day=form.day.data, language=form.language.data or "", area=form.area.data or "")
    visits = service.visits_of(lab, organiser=organiser, filters=filters)
    mine = {s.visit_id: s for s in signups.signups_of_member(membership.id)}
    by_signup = signups.waitlist_positions(mine.values())
    positions = {visit_id: by_signup[s.id] for visit_id, s in mine.items()}
    return render_template("journeys/index.html", lab=lab, membership=membership, organiser=organiser, form=form,
                           visits=visits, mine=mine, positions=positions, areas=areas,
                           waiting=service.signup_counts(visits) if organiser else {},
                           filtered=any([filters.day, filters.language, filters.area]))


@bp.route("/labs/<int:lab_id>/journeys/<int:visit_id>/")
@login_required
def show(lab_id, visit_id):
    """Show a visit in the reader's language: what, when, where, places left, and the person's sign-up."""
    lab, membership, visit = load_visit(lab_id, visit_id)
    organiser = membership.has_role(*ORGANISERS)
    signup = signups.signup_of(visit, membership.id)
    return render_template(
        "journeys/show.html", lab=lab, membership=membership, visit=visit, organiser=organiser, signup=signup,
        position=signups.waitlist_position(signup) if signup else None,
        text=service.localised(visit, reader_locale()), form=ConfirmForm(),
        status_form=VisitStatusForm(formdata=None, status=visit.status) if organiser else None,
        waiting=len(signups.waitlist(visit)) if organiser else None,
        shared=service.shared_debriefs_of(visit) if signup and signup.status == "confirmed" or organiser else [],
        own_debrief=service.debrief_of(visit, membership.id))


@bp.route("/labs/<int:lab_id>/journeys/<int:visit_id>/edit", methods=["GET", "POST"])
@login_required
def edit(lab_id, visit_id):
    """Change a visit's details."""
    lab, membership, visit = load_visit(lab_id, visit_id, *ORGANISERS)
    form = VisitForm(obj=visit) if request.method == "POST" else VisitForm(formdata=None, obj=visit)
    if form.validate_on_submit() and save_visit_changes(visit, form):
        return redirect(url_for("journeys.show", lab_id=lab.id, visit_id=visit.id))
    return render_template("journeys/visit_form.html", lab=lab, membership=membership, form=form, visit=visit,
                           host=visit.host, action=url_for("journeys.edit", lab_id=lab.id, visit_id=visit.id),
                           back=url_for("journeys.show", lab_id=lab.id, visit_id=visit.id))


@bp.route("/labs/<int:lab_id>/journeys/hosts/<int:host_id>/visits/new", methods=["GET", "POST"])
@login_required
def create(lab_id, host_id):
    """Enter a visit on the host's behalf (it starts as a draft)."""
    lab, membership, host = load_host(lab_id, host_id)
    form = VisitForm()
    if form.validate_on_submit():
        visit = service.create_visit(host, **_visit_values(form))
        db.session.commit()
        flash(_("Visit saved as a draft. Open it for sign-up when it is ready."), "success")
        return redirect(url_for("journeys.show", lab_id=lab.id, visit_id=visit.id))
    return render_template("journeys/visit_form.html", lab=lab, membership=membership, form=form, visit=None,
                           host=host, action=url_for("journeys.create", lab_id=lab.id, host_id=host.id),
                           back=url_for("journeys.host", lab_id=lab.id, host_id=host.id))


@bp.route("/labs/<int:lab_id>/journeys/<int:visit_id>/status", methods=["POST"])
@login_required
def set_status(lab_id, visit_id):
    """Open, close or cancel a visit."""
    lab, _membership, visit = load_visit(lab_id, visit_id, *ORGANISERS)
    form = VisitStatusForm()
    if form.validate_on_submit():
        touched = service.set_status(visit, form.status.data)
        db.session.commit()
        from .signup_views import tell_cancelled, tell_promoted
        if visit.status == "cancelled":
            tell_cancelled(visit, touched)
        else:
            tell_promoted(touched)
        flash(_("The visit is now: %(status)s.", status=VISIT_STATUSES[visit.status]), "success")
    return redirect(url_for("journeys.show", lab_id=lab.id, visit_id=visit.id))


@bp.route("/labs/<int:lab_id>/journeys/<int:visit_id>/delete", methods=["GET", "POST"])
@login_required
def delete(lab_id, visit_id):
    """Ask, then delete a visit with its sign-ups and debriefs."""
    lab, membership, visit = load_visit(lab_id, visit_id, FACILITATOR)
    form = ConfirmForm()
    if form.validate_on_submit():
        title = visit.title
        service.delete_visit(visit)
        db.session.commit()
        flash(_("The visit %(title)s is deleted.", title=title), "success")
        return redirect(url_for("journeys.index", lab_id=lab.id))
    return render_template("journeys/delete.html", lab=lab, membership=membership, visit=visit, form=form,
                           people=visit.confirmed_count + len(signups.waitlist(visit)))


def _locale_choices() -> list[SelectChoice]:
    return [SelectChoice(lang.code, lang.native_name) for lang in enabled_languages() if lang.code != "en"]


@bp.route("/labs/<int:lab_id>/journeys/<int:visit_id>/translations", methods=["GET", "POST"])
@login_required
def translations(lab_id, visit_id):
    """Add or change the visit's text in another language."""
    lab, membership, visit = load_visit(lab_id, visit_id, *ORGANISERS)
    form = TranslationForm()
    form.locale.choices = _locale_choices()
    if request.method == "GET":
        locale = request.args.get("locale") or (form.locale.choices[0].value if form.locale.choices else "")
        row = next((t for t in visit.translations if t.locale == locale), None)
        form = TranslationForm(formdata=None, locale=locale, title=row.title if row else "",
                               host_does=row.host_does if row else "", will_see=row.will_see if row else "")
        form.locale.choices = _locale_choices()
    elif form.validate_on_submit():
        service.set_translation(visit, form.locale.data, title=form.title.data or "",
                                host_does=form.host_does.data or "", will_see=form.will_see.data or "")
        db.session.commit()
        flash(_("Translation saved."), "success")
        return redirect(url_for("journeys.translations", lab_id=lab.id, visit_id=visit.id, locale=form.locale.data))
    return render_template("journeys/translations.html", lab=lab, membership=membership, visit=visit, form=form)


# Hosts --------------------------------------------------------------------------------------------

def _host_form(lab, **kwargs) -> HostForm:
    form = HostForm(**kwargs)
    form.actor.choices = [SelectChoice("", _("Not on the map"))] + [SelectChoice(str(a.id), a.name)
                                                                     for a in service.actors_of(lab)]
    return form


def _save_host_from(form, lab, host) -> Host:
    actor = db.session.get(Actor, int(form.actor.data)) if form.actor.data else None
    if actor is not None and actor.lab_id != lab.id:
        abort(404)
    return service.save_host(host, actor=actor, organisation=form.organisation.data or "",
                             contact_name=form.contact_name.data or "", contact_email=form.contact_email.data or "",
                             contact_phone=form.contact_phone.data or "")


@bp.route("/labs/<int:lab_id>/journeys/hosts/")
@login_required
def hosts(lab_id):
    """List the hosts with their visits."""
    lab, membership = load_lab(lab_id, *ORGANISERS)
    return render_template("journeys/hosts.html", lab=lab, membership=membership, hosts=service.hosts_of(lab))


@bp.route("/labs/<int:lab_id>/journeys/hosts/new", methods=["GET", "POST"])
@login_required
def host_new(lab_id):
    """Add a host: an organisation from the system map or a new one, with a private contact."""
    lab, membership = load_lab(lab_id, *ORGANISERS)
    form = _host_form(lab)
    if form.validate_on_submit():
        host = _save_host_from(form, lab, Host(lab_id=lab.id))
        db.session.commit()
        flash(_("Host added. Now enter their visit, or send them a link to enter it themselves."), "success")
        return redirect(url_for("journeys.host", lab_id=lab.id, host_id=host.id))
    return render_template("journeys/host_form.html", lab=lab, membership=membership, form=form, host=None)


@bp.route("/labs/<int:lab_id>/journeys/hosts/<int:host_id>/", methods=["GET"])
@login_required
def host(lab_id, host_id):
    """Show a host: contact, visits and their secret link."""
    lab, membership, host = load_host(lab_id, host_id)
    return render_template("journeys/host.html", lab=lab, membership=membership, host=host, form=ConfirmForm(),
                           link=None)


@bp.route("/labs/<int:lab_id>/journeys/hosts/<int:host_id>/edit", methods=["GET", "POST"])
@login_required
def host_edit(lab_id, host_id):
    """Change who the host is and their contact."""
    lab, membership, host = load_host(lab_id, host_id)
    if request.method == "GET":
        form = _host_form(lab, formdata=None, obj=host, actor=str(host.actor_id or ""))
    else:
        form = _host_form(lab)
    if form.validate_on_submit():
        _save_host_from(form, lab, host)
        db.session.commit()
        flash(_("Changes saved."), "success")
        return redirect(url_for("journeys.host", lab_id=lab.id, host_id=host.id))
    return render_template("journeys/host_form.html", lab=lab, membership=membership, form=form, host=host)


@bp.route("/labs/<int:lab_id>/journeys/hosts/<int:host_id>/link", methods=["POST"])
@login_required
def host_link(lab_id, host_id):
    """Make a new secret link for the host and show it once; 'revoke' stops it working."""
    lab, membership, host = load_host(lab_id, host_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if request.form.get("revoke"):
        service.revoke_host_link(host)
        db.session.commit()
        flash(_("The host's link no longer works."), "success")
        return redirect(url_for("journeys.host", lab_id=lab.id, host_id=host.id))
    token = service.new_host_link(host)
    db.session.commit()
    return render_template("journeys/host.html", lab=lab, membership=membership, host=host, form=ConfirmForm(),
                           link=url_for("journeys.host_home", token=token, _external=True))


from . import host_views, output_views, round_views, signup_views  # noqa: E402,F401 - routes join this blueprint
