"""Serve the system map's actors and ties: list, create, edit, delete, and ties from either end."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy.orm import joinedload
from wtforms.fields.choices import SelectChoice

from labapp.extensions import db
from labapp.forms import ConfirmForm, choices_from
from labapp.labs.constants import LEVELS

from . import service
from .access import load_actor, load_map, load_tie
from .constants import ACTOR_KINDS, PERSON, TIE_KINDS, TIE_STRENGTHS
from .forms import NOT_GIVEN, ActorForm, TieEditForm, TieForm
from .models import Actor

bp = Blueprint("systemmap", __name__, url_prefix="/labs/<int:lab_id>")

ACTORS_PER_PAGE = 50


def list_filters(lab, include_people: bool, args) -> dict:
    """Read the list and map filters from the query string, keeping only known values."""
    kinds = {k: v for k, v in ACTOR_KINDS.items() if include_people or k != PERSON}
    return {
        "sector": args.get("sector") if args.get("sector") in lab.sectors else None,
        "level": args.get("level") if args.get("level") in LEVELS else None,
        "kind": args.get("kind") if args.get("kind") in kinds else None,
        "tag": (args.get("tag") or "").strip() or None,
        "text": (args.get("q") or "").strip()[:200] or None,
        "untied": args.get("untied") == "1",
    }


def visible_kinds(include_people: bool) -> dict:
    """Return the actor kinds the reader may see."""
    return {k: v for k, v in ACTOR_KINDS.items() if include_people or k != PERSON}


@bp.route("/map/actors")
@login_required
def actors(lab_id):
    """List the lab's actors with filters, a page at a time."""
    lab, membership, people = load_map(lab_id)
    filters = list_filters(lab, people, request.args)
    query = service.actors_query(lab, include_people=people, **filters).options(joinedload(Actor.parent))
    page = db.paginate(query, per_page=ACTORS_PER_PAGE, error_out=False)
    counts = service.tie_counts(lab, [a.id for a in page.items], include_people=people)
    args = {("q" if k == "text" else k): (("1" if v else None) if k == "untied" else v) for k, v in filters.items()}
    return render_template("systemmap/actors.html", lab=lab, membership=membership, page=page, tie_counts=counts,
                           filters=filters, args=args, sectors=lab.sectors, levels=LEVELS,
                           kinds=visible_kinds(people), tags=service.lab_tags(lab, include_people=people),
                           can_edit=people, include_people=people)


def _actor_form(lab, people: bool, actor=None) -> ActorForm:
    form = ActorForm(obj=actor) if request.method == "GET" and actor else ActorForm()
    if request.method == "GET" and actor:
        form.tags.data = ", ".join(actor.tags or [])
        form.parent.data = actor.parent_id
        form.sector.data = actor.sector or NOT_GIVEN
        form.level.data = actor.level or NOT_GIVEN
    form.sector.choices = [SelectChoice(NOT_GIVEN, _("Not given")), *choices_from(lab.sectors)]
    form.level.choices = [SelectChoice(NOT_GIVEN, _("Not given")), *choices_from(LEVELS)]
    parents = service.actor_choices(lab, include_people=people, exclude_id=actor.id if actor else None)
    form.parent.choices = [SelectChoice(NOT_GIVEN, _("Not part of another actor")),
                           *(SelectChoice(str(i), name) for i, name in parents)]
    return form


def _actor_fields(form: ActorForm, lab) -> dict:
    parent = db.session.get(Actor, form.parent.data) if form.parent.data else None
    return {"kind": form.kind.data, "name": form.name.data, "sector": form.sector.data or None,
            "level": form.level.data or None, "services": form.services.data or "",
            "tags": service.parse_tags(form.tags.data), "notes": form.notes.data or "", "parent": parent}


@bp.route("/map/actors/new", methods=["GET", "POST"])
@login_required
def new_actor(lab_id):
    """Add an actor to the map."""
    lab, membership, people = load_map(lab_id, edit=True)
    form = _actor_form(lab, people)
    if form.validate_on_submit():
        actor = service.create_actor(lab, **_actor_fields(form, lab))
        db.session.commit()
        flash(_("%(name)s is on the map.", name=actor.name), "success")
        return redirect(url_for("systemmap.actor", lab_id=lab.id, actor_id=actor.id))
    return render_template("systemmap/actor_form.html", lab=lab, membership=membership, form=form, actor=None)


@bp.route("/map/actors/<int:actor_id>/edit", methods=["GET", "POST"])
@login_required
def edit_actor(lab_id, actor_id):
    """Change an actor."""
    lab, membership, people = load_map(lab_id, edit=True)
    actor = load_actor(lab, actor_id, include_people=people)
    form = _actor_form(lab, people, actor)
    if form.validate_on_submit():
        try:
            service.update_actor(actor, lab, **_actor_fields(form, lab))
        except service.ParentCycleError:
            form.parent.errors.append(_("That actor is part of this one, so it cannot also contain it."))
        else:
            db.session.commit()
            flash(_("Changes saved."), "success")
            return redirect(url_for("systemmap.actor", lab_id=lab.id, actor_id=actor.id))
    return render_template("systemmap/actor_form.html", lab=lab, membership=membership, form=form, actor=actor)


@bp.route("/map/actors/<int:actor_id>/delete", methods=["GET", "POST"])
@login_required
def delete_actor(lab_id, actor_id):
    """Ask, then delete an actor and its ties."""
    lab, membership, people = load_map(lab_id, edit=True)
    actor = load_actor(lab, actor_id, include_people=people)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = actor.name
        service.delete_actor(actor)
        db.session.commit()
        flash(_("%(name)s is off the map.", name=name), "success")
        return redirect(url_for("systemmap.actors", lab_id=lab.id))
    tie_count, part_count = service.delete_counts(actor)
    return render_template("systemmap/actor_delete.html", lab=lab, membership=membership, actor=actor, form=form,
                           tie_count=tie_count, part_count=part_count)


def _tie_form(lab, actor, people: bool) -> TieForm:
    form = TieForm()
    others = service.actor_choices(lab, include_people=people, exclude_id=actor.id)
    form.other.choices = [SelectChoice(NOT_GIVEN, _("Choose an actor")),
                          *(SelectChoice(str(i), name) for i, name in others)]
    form.direction.choices = [SelectChoice("out", _("From %(name)s to the other actor", name=actor.name)),
                              SelectChoice("in", _("From the other actor to %(name)s", name=actor.name))]
    return form


@bp.route("/map/actors/<int:actor_id>", methods=["GET", "POST"])
@login_required
def actor(lab_id, actor_id):
    """Show an actor with its ties in both directions; the design team can add a tie here."""
    lab, membership, people = load_map(lab_id)
    actor = load_actor(lab, actor_id, include_people=people)
    form = _tie_form(lab, actor, people) if people else None
    if request.method == "POST":
        if not people:
            abort(403)
        if form.validate_on_submit():
            other = load_actor(lab, form.other.data, include_people=people)
            source, target = (actor, other) if form.direction.data == "out" else (other, actor)
            try:
                service.add_tie(lab, source=source, target=target, kind=form.kind.data,
                                strength=form.strength.data, note=form.note.data)
            except service.SelfTieError:
                form.other.errors.append(_("An actor cannot have a tie to itself."))
            except service.DuplicateTieError:
                form.kind.errors.append(_("%(source)s already has a tie of this kind to %(target)s.",
                                          source=source.name, target=target.name))
            else:
                db.session.commit()
                flash(_("Tie added between %(source)s and %(target)s.", source=source.name, target=target.name),
                      "success")
                return redirect(url_for("systemmap.actor", lab_id=lab.id, actor_id=actor.id) + "#ties")
    outgoing, incoming = service.ties_of(actor, include_people=people)
    parent = actor.parent if actor.parent and (people or actor.parent.kind != PERSON) else None
    return render_template("systemmap/actor.html", lab=lab, membership=membership, actor=actor, form=form,
                           outgoing=outgoing, incoming=incoming, parent=parent,
                           parts=service.parts_of(actor, include_people=people), sectors=lab.sectors,
                           levels=LEVELS, kinds=ACTOR_KINDS, tie_kinds=TIE_KINDS, strengths=TIE_STRENGTHS,
                           can_edit=people)


def _back_to(tie, lab):
    """Return the actor page to go back to: the end named in ?from=, else the tie's source."""
    end = request.args.get("from", type=int)
    actor_id = end if end in (tie.source_id, tie.target_id) else tie.source_id
    return url_for("systemmap.actor", lab_id=lab.id, actor_id=actor_id) + "#ties"


@bp.route("/map/ties/<int:tie_id>/edit", methods=["GET", "POST"])
@login_required
def edit_tie(lab_id, tie_id):
    """Change a tie's kind, strength or note."""
    lab, membership, people = load_map(lab_id, edit=True)
    tie = load_tie(lab, tie_id, include_people=people)
    form = TieEditForm(obj=tie)
    if form.validate_on_submit():
        try:
            service.update_tie(tie, kind=form.kind.data, strength=form.strength.data, note=form.note.data)
        except service.DuplicateTieError:
            form.kind.errors.append(_("%(source)s already has a tie of this kind to %(target)s.",
                                      source=tie.source.name, target=tie.target.name))
        else:
            db.session.commit()
            flash(_("Changes saved."), "success")
            return redirect(_back_to(tie, lab))
    return render_template("systemmap/tie_form.html", lab=lab, membership=membership, tie=tie, form=form,
                           back=_back_to(tie, lab), tie_kinds=TIE_KINDS)


@bp.route("/map/ties/<int:tie_id>/delete", methods=["GET", "POST"])
@login_required
def delete_tie(lab_id, tie_id):
    """Ask, then remove a tie."""
    lab, membership, people = load_map(lab_id, edit=True)
    tie = load_tie(lab, tie_id, include_people=people)
    form = ConfirmForm()
    back = _back_to(tie, lab)
    if form.validate_on_submit():
        service.delete_tie(tie)
        db.session.commit()
        flash(_("Tie removed."), "success")
        return redirect(back)
    return render_template("systemmap/tie_delete.html", lab=lab, membership=membership, tie=tie, form=form,
                           back=back, tie_kinds=TIE_KINDS)
