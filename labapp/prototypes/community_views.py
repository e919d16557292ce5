"""Serve the community of practice: the lab's feed of posts and replies, and the weekly digest."""
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy.orm import selectinload

from labapp.extensions import db
from labapp.forms import ConfirmForm
from labapp.labs.access import load_lab
from labapp.labs.constants import FACILITATOR

from . import community
from .access import can_edit, load_post
from .forms import PostForm, ReplyForm
from .models import Cycle, Prototype
from .views import bp


def _cycle_choices(lab, membership) -> list[tuple[str, str]]:
    """Offer the cycles of the prototypes the person may write for."""
    choices = [("", _("Not about one cycle"))]
    prototypes = db.session.scalars(db.select(Prototype).where(Prototype.lab_id == lab.id).order_by(Prototype.name)
                                    .options(selectinload(Prototype.cycles), selectinload(Prototype.team)))
    for prototype in prototypes:
        if can_edit(prototype, membership):
            choices += [(str(c.id), _("%(prototype)s – cycle %(number)s", prototype=prototype.name, number=c.number))
                        for c in prototype.cycles]
    return choices


def _feed_page(lab, membership, form, status=200):
    page = db.paginate(community.feed_query(lab), per_page=community.PER_PAGE, error_out=False)
    week = date.today().isocalendar()
    return render_template("prototypes/feed.html", lab=lab, membership=membership, form=form, page=page,
                           reply_form=ReplyForm(formdata=None), confirm_form=ConfirmForm(),
                           this_week=(week[0], week[1])), status


@bp.route("/labs/<int:lab_id>/community/", methods=["GET", "POST"])
@login_required
def feed(lab_id):
    """Show the lab's posts, newest first, with a form to post what a team learned."""
    lab, membership = load_lab(lab_id)
    form = PostForm() if request.method == "POST" else PostForm(formdata=None, cycle_id=request.args.get("cycle", ""))
    form.cycle_id.choices = _cycle_choices(lab, membership)
    if request.method == "POST":
        if form.validate_on_submit():
            cycle = db.session.get(Cycle, int(form.cycle_id.data)) if form.cycle_id.data else None
            community.add_post(lab, membership, form.body.data, cycle=cycle)
            db.session.commit()
            flash(_("Posted. Thank you for sharing."), "success")
            return redirect(url_for("prototypes.feed", lab_id=lab.id))
        return _feed_page(lab, membership, form, status=400)
    return _feed_page(lab, membership, form)


@bp.route("/labs/<int:lab_id>/community/<int:post_id>/replies", methods=["POST"])
@login_required
def reply(lab_id, post_id):
    """Reply to a post."""
    lab, membership = load_lab(lab_id)
    post = load_post(lab, post_id)
    form = ReplyForm()
    if form.validate_on_submit():
        community.add_reply(post, membership, form.body.data)
        db.session.commit()
        flash(_("Reply posted."), "success")
    else:
        flash(_("Write a reply before you send it."), "error")
    return redirect(url_for("prototypes.feed", lab_id=lab.id, page=request.args.get("page", type=int))
                    + f"#post-{post.id}")


@bp.route("/labs/<int:lab_id>/community/<int:post_id>/delete", methods=["GET", "POST"])
@login_required
def post_delete(lab_id, post_id):
    """Ask, then delete a post with its replies (its author or a facilitator)."""
    lab, membership = load_lab(lab_id)
    post = load_post(lab, post_id)
    if post.author_id != membership.id and not membership.has_role(FACILITATOR):
        abort(403)
    form = ConfirmForm()
    if form.validate_on_submit():
        community.delete_post(post)
        db.session.commit()
        flash(_("The post is deleted."), "success")
        return redirect(url_for("prototypes.feed", lab_id=lab.id))
    return render_template("prototypes/post_delete.html", lab=lab, membership=membership, post=post, form=form)


@bp.route("/labs/<int:lab_id>/community/digest/")
@bp.route("/labs/<int:lab_id>/community/digest/<int:year>/<int:week>")
@login_required
def digest(lab_id, year=None, week=None):
    """Show what the prototypes learned in one ISO week: posts, and cycles' Study and Act."""
    lab, membership = load_lab(lab_id)
    if year is None:
        year, week = date.today().isocalendar()[:2]
    try:
        result = community.digest(lab, year, week)
    except ValueError:
        abort(404)
    return render_template("prototypes/digest.html", lab=lab, membership=membership, digest=result, year=year,
                           week=week)
