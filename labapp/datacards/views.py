"""Serve a lab's decks: list, build, review and translate cards.

Printing, CSV and copying are in deck_io_views.py; pick sessions in pick_views.py; all share this blueprint.
"""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import login_required

from labapp.extensions import db
from labapp.forms import ConfirmForm, choices_from
from labapp.i18n import LANGUAGES, enabled_languages, is_enabled
from labapp.labs.access import load_lab

from . import picks, service
from .access import EDITORS, load_card, load_comment, load_deck
from .cardtext import rows_as_text
from .constants import CARD_STATUSES, CHART_KINDS, OPEN, REVIEWED, SESSION_STATES
from .forms import CardForm, CategoryForm, CommentForm, DeckForm, TranslationForm, language_choices

bp = Blueprint("datacards", __name__)


def reader_language() -> str:
    """Return the reader's language code."""
    return get_locale().language


@bp.context_processor
def _helpers():
    return {"CARD_STATUSES": CARD_STATUSES, "CHART_KINDS": CHART_KINDS, "SESSION_STATES": SESSION_STATES,
            "EDITORS": EDITORS, "LANGUAGES": LANGUAGES, "REVIEWED": REVIEWED, "OPEN": OPEN,
            "reader_lang": reader_language()}


@bp.route("/labs/<int:lab_id>/decks/")
@login_required
def index(lab_id):
    """List the lab's decks and pick sessions; participants see the sessions open for picking."""
    lab, membership = load_lab(lab_id)
    editor = membership.has_role(*EDITORS)
    sessions = picks.sessions_of(lab)
    return render_template("datacards/index.html", lab=lab, membership=membership, editor=editor,
                           decks=service.decks_of(lab), counts=service.card_counts(lab),
                           sessions=sessions if editor else [s for s in sessions if s.state == OPEN])


def _deck_form(form: DeckForm) -> DeckForm:
    form.language.choices = language_choices([lang.code for lang in enabled_languages()])
    return form


@bp.route("/labs/<int:lab_id>/decks/new", methods=["GET", "POST"])
@login_required
def create(lab_id):
    """Start a new deck."""
    lab, membership = load_lab(lab_id, *EDITORS)
    form = _deck_form(DeckForm())
    if not form.is_submitted():
        form.language.data = reader_language()
    if form.validate_on_submit():
        deck = service.create_deck(lab, title=form.title.data, description=form.description.data or "",
                                   language=form.language.data)
        db.session.commit()
        flash(_("Deck started. Next, add its categories."), "success")
        return redirect(url_for("datacards.show", lab_id=lab.id, deck_id=deck.id) + "#categories")
    return render_template("datacards/deck_form.html", lab=lab, membership=membership, form=form, deck=None)


@bp.route("/labs/<int:lab_id>/decks/<int:deck_id>/")
@login_required
def show(lab_id, deck_id):
    """Show a deck: its categories and cards, in the reader's language where translated."""
    lab, membership, deck = load_deck(lab_id, deck_id)
    editor = membership.has_role(*EDITORS)
    language = reader_language()
    views = {card.id: service.card_view(card, language, with_chart=False) for card in deck.cards}
    return render_template("datacards/deck.html", lab=lab, membership=membership, deck=deck, editor=editor,
                           views=views, comments=service.open_comment_counts(deck),
                           category_form=CategoryForm(formdata=None), confirm_form=ConfirmForm(),
                           languages=enabled_languages())


@bp.route("/labs/<int:lab_id>/decks/<int:deck_id>/edit", methods=["GET", "POST"])
@login_required
def edit(lab_id, deck_id):
    """Change a deck's title, description and language."""
    lab, membership, deck = load_deck(lab_id, deck_id, *EDITORS)
    form = _deck_form(DeckForm(obj=deck) if request.method == "GET" else DeckForm())
    if form.validate_on_submit():
        service.update_deck(deck, title=form.title.data, description=form.description.data or "",
                            language=form.language.data)
        db.session.commit()
        flash(_("Changes saved."), "success")
        return redirect(url_for("datacards.show", lab_id=lab.id, deck_id=deck.id))
    return render_template("datacards/deck_form.html", lab=lab, membership=membership, form=form, deck=deck)


@bp.route("/labs/<int:lab_id>/decks/<int:deck_id>/delete", methods=["GET", "POST"])
@login_required
def delete(lab_id, deck_id):
    """Ask, then delete a deck with its cards, sessions and picks."""
    lab, membership, deck = load_deck(lab_id, deck_id, *EDITORS)
    form = ConfirmForm()
    if form.validate_on_submit():
        title = deck.title
        service.delete_deck(deck)
        db.session.commit()
        flash(_("The deck %(title)s is deleted.", title=title), "success")
        return redirect(url_for("datacards.index", lab_id=lab.id))
    return render_template("datacards/deck_delete.html", lab=lab, membership=membership, deck=deck, form=form)


# Categories ---------------------------------------------------------------------------------------

@bp.route("/labs/<int:lab_id>/decks/<int:deck_id>/categories", methods=["POST"])
@login_required
def save_category(lab_id, deck_id):
    """Add a category, or change the one with the same letter."""
    lab, membership, deck = load_deck(lab_id, deck_id, *EDITORS)
    form = CategoryForm()
    if form.validate_on_submit():
        service.save_category(deck, letter=form.letter.data, title=form.title.data, question=form.question.data or "")
        db.session.commit()
        flash(_("Category %(letter)s saved.", letter=form.letter.data.upper()), "success")
        return redirect(url_for("datacards.show", lab_id=lab.id, deck_id=deck.id) + "#categories")
    language = reader_language()
    return render_template("datacards/deck.html", lab=lab, membership=membership, deck=deck, editor=True,
                           views={c.id: service.card_view(c, language, with_chart=False) for c in deck.cards},
                           comments=service.open_comment_counts(deck), category_form=form,
                           confirm_form=ConfirmForm(), languages=enabled_languages())


@bp.route("/labs/<int:lab_id>/decks/<int:deck_id>/categories/<int:category_id>/remove", methods=["POST"])
@login_required
def remove_category(lab_id, deck_id, category_id):
    """Remove a category no card uses."""
    lab, _membership, deck = load_deck(lab_id, deck_id, *EDITORS)
    category = next((c for c in deck.categories if c.id == category_id), None)
    if category is None:
        abort(404)
    if ConfirmForm().validate_on_submit():
        if service.category_in_use(category):
            flash(_("Category %(letter)s still has cards. Move them to another category first.",
                    letter=category.letter), "error")
        else:
            service.remove_category(deck, category)
            db.session.commit()
            flash(_("Category %(letter)s removed.", letter=category.letter), "success")
    return redirect(url_for("datacards.show", lab_id=lab.id, deck_id=deck.id) + "#categories")


# Cards --------------------------------------------------------------------------------------------

def _card_form(deck, form: CardForm) -> CardForm:
    form.category.choices = choices_from({str(c.id): f"{c.letter}: {c.title}" for c in deck.categories})
    return form


def _card_values(form: CardForm) -> dict:
    return {"code": form.code.data, "headline": form.headline.data, "body": form.body.data or "",
            "source": form.source.data or "", "year": form.year.data or "", "geography": form.geography.data or "",
            "chart_kind": form.chart_kind.data or "", "chart_unit": form.chart_unit.data or "",
            "chart_rows": getattr(form, "chart_rows", [])}


def _category(deck, form: CardForm):
    return next((c for c in deck.categories if str(c.id) == form.category.data), None)


@bp.route("/labs/<int:lab_id>/decks/<int:deck_id>/cards/new", methods=["GET", "POST"])
@login_required
def card_create(lab_id, deck_id):
    """Add a card to the deck."""
    lab, membership, deck = load_deck(lab_id, deck_id, *EDITORS)
    if not deck.categories:
        flash(_("Add a category first: every card belongs to one."), "error")
        return redirect(url_for("datacards.show", lab_id=lab.id, deck_id=deck.id) + "#categories")
    form = _card_form(deck, CardForm())
    if not form.is_submitted() and request.args.get("category"):
        form.category.data = request.args["category"]
    if form.validate_on_submit():
        if service.code_taken(deck, form.code.data):
            form.code.errors.append(_("Another card in this deck has the code %(code)s. Choose another.",
                                      code=form.code.data))
        else:
            card = service.create_card(deck, _category(deck, form), **_card_values(form))
            db.session.commit()
            flash(_("Card %(code)s added.", code=card.code), "success")
            return redirect(url_for("datacards.card", lab_id=lab.id, deck_id=deck.id, card_id=card.id))
    return render_template("datacards/card_form.html", lab=lab, membership=membership, deck=deck, form=form,
                           card=None)


@bp.route("/labs/<int:lab_id>/decks/<int:deck_id>/cards/<int:card_id>")
@login_required
def card(lab_id, deck_id, card_id):
    """Show a card in the reader's language (or ?lang=), with its review comments."""
    lab, membership, deck = load_deck(lab_id, deck_id)
    card = load_card(deck, card_id)
    lang = request.args.get("lang")
    language = lang if is_enabled(lang) else reader_language()
    page = render_template("datacards/card.html", lab=lab, membership=membership, deck=deck, card=card,
                           view=service.card_view(card, language), editor=membership.has_role(*EDITORS),
                           comment_form=CommentForm(formdata=None), confirm_form=ConfirmForm(),
                           open_comments=service.open_comments(card), languages=enabled_languages())
    db.session.commit()  # keep the chart drawn for this page for every worker
    return page


@bp.route("/labs/<int:lab_id>/decks/<int:deck_id>/cards/<int:card_id>/edit", methods=["GET", "POST"])
@login_required
def card_edit(lab_id, deck_id, card_id):
    """Change a card; a reviewed card whose words or figures change goes back to draft."""
    lab, membership, deck = load_deck(lab_id, deck_id, *EDITORS)
    card = load_card(deck, card_id)
    if request.method == "GET":
        form = _card_form(deck, CardForm(formdata=None, obj=card, category=str(card.category_id),
                                         chart_data=rows_as_text(card.chart_rows)))
    else:
        form = _card_form(deck, CardForm())
    if form.validate_on_submit():
        if service.code_taken(deck, form.code.data, except_card=card):
            form.code.errors.append(_("Another card in this deck has the code %(code)s. Choose another.",
                                      code=form.code.data))
        else:
            was_reviewed = card.status == REVIEWED
            service.update_card(card, _category(deck, form), **_card_values(form))
            db.session.commit()
            if was_reviewed and card.status != REVIEWED:
                flash(_("Changes saved. The card changed, so it is a draft again until it is reviewed."), "success")
            else:
                flash(_("Changes saved."), "success")
            return redirect(url_for("datacards.card", lab_id=lab.id, deck_id=deck.id, card_id=card.id))
    return render_template("datacards/card_form.html", lab=lab, membership=membership, deck=deck, form=form,
                           card=card)


@bp.route("/labs/<int:lab_id>/decks/<int:deck_id>/cards/<int:card_id>/delete", methods=["GET", "POST"])
@login_required
def card_delete(lab_id, deck_id, card_id):
    """Ask, then delete a card with its translations, comments and picks."""
    lab, membership, deck = load_deck(lab_id, deck_id, *EDITORS)
    card = load_card(deck, card_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        code = card.code
        service.delete_card(card)
        db.session.commit()
        flash(_("Card %(code)s is deleted.", code=code), "success")
        return redirect(url_for("datacards.show", lab_id=lab.id, deck_id=deck.id))
    return render_template("datacards/card_delete.html", lab=lab, membership=membership, deck=deck, card=card,
                           form=form, picks=service.pick_count_for_card(card))


# Review -------------------------------------------------------------------------------------------

@bp.route("/labs/<int:lab_id>/decks/<int:deck_id>/cards/<int:card_id>/comments", methods=["POST"])
@login_required
def comment(lab_id, deck_id, card_id):
    """Add a review comment; any member of the lab may comment."""
    lab, membership, deck = load_deck(lab_id, deck_id)
    card = load_card(deck, card_id)
    form = CommentForm()
    if form.validate_on_submit():
        service.add_comment(card, membership, form.text.data)
        db.session.commit()
        flash(_("Thank you: your comment is saved."), "success")
        return redirect(url_for("datacards.card", lab_id=lab.id, deck_id=deck.id, card_id=card.id) + "#comments")
    return render_template("datacards/card.html", lab=lab, membership=membership, deck=deck, card=card,
                           view=service.card_view(card, reader_language()), editor=membership.has_role(*EDITORS),
                           comment_form=form, confirm_form=ConfirmForm(), open_comments=service.open_comments(card),
                           languages=enabled_languages())


@bp.route("/labs/<int:lab_id>/decks/<int:deck_id>/cards/<int:card_id>/comments/<int:comment_id>/resolve",
          methods=["POST"])
@login_required
def resolve_comment(lab_id, deck_id, card_id, comment_id):
    """Mark a comment resolved."""
    lab, membership, deck = load_deck(lab_id, deck_id, *EDITORS)
    card = load_card(deck, card_id)
    comment = load_comment(card, comment_id)
    if ConfirmForm().validate_on_submit():
        service.resolve_comment(comment, membership)
        db.session.commit()
        flash(_("Comment resolved."), "success")
    return redirect(url_for("datacards.card", lab_id=lab.id, deck_id=deck.id, card_id=card.id) + "#comments")


@bp.route("/labs/<int:lab_id>/decks/<int:deck_id>/cards/<int:card_id>/status", methods=["POST"])
@login_required
def card_status(lab_id, deck_id, card_id):
    """Mark a card reviewed (once its comments are resolved), or send it back to draft."""
    lab, _membership, deck = load_deck(lab_id, deck_id, *EDITORS)
    card = load_card(deck, card_id)
    if ConfirmForm().validate_on_submit():
        if request.form.get("status") == REVIEWED:
            if service.mark_reviewed(card):
                flash(_("Card %(code)s is reviewed.", code=card.code), "success")
            else:
                flash(_("Resolve the open comments before you mark the card reviewed."), "error")
        else:
            service.mark_draft(card)
            flash(_("Card %(code)s is a draft again.", code=card.code), "success")
        db.session.commit()
    return redirect(url_for("datacards.card", lab_id=lab.id, deck_id=deck.id, card_id=card.id))


# Translations -------------------------------------------------------------------------------------

@bp.route("/labs/<int:lab_id>/decks/<int:deck_id>/translations")
@login_required
def translations(lab_id, deck_id):
    """List, per language, the cards that still need translating."""
    lab, membership, deck = load_deck(lab_id, deck_id, *EDITORS)
    codes = [lang.code for lang in enabled_languages()]
    missing = service.missing_translations(deck, codes)
    chosen = request.args.get("lang")
    if chosen not in missing:
        chosen = next((code for code in missing if missing[code]), next(iter(missing), None))
    return render_template("datacards/translations.html", lab=lab, membership=membership, deck=deck,
                           missing=missing, chosen=chosen)


@bp.route("/labs/<int:lab_id>/decks/<int:deck_id>/cards/<int:card_id>/translations/<lang>",
          methods=["GET", "POST"])
@login_required
def translate(lab_id, deck_id, card_id, lang):
    """Write or change a card's text in one language, next to the source text."""
    lab, membership, deck = load_deck(lab_id, deck_id, *EDITORS)
    card = load_card(deck, card_id)
    if not is_enabled(lang) or lang == deck.language:
        abort(404)
    existing = service.translation_for(card, lang)
    form = TranslationForm(obj=existing) if request.method == "GET" else TranslationForm()
    if form.validate_on_submit():
        service.save_translation(card, lang, headline=form.headline.data, body=form.body.data or "",
                                 source_note=form.source_note.data or "")
        db.session.commit()
        flash(_("Translation of %(code)s saved.", code=card.code), "success")
        return redirect(url_for("datacards.translations", lab_id=lab.id, deck_id=deck.id, lang=lang))
    return render_template("datacards/translate.html", lab=lab, membership=membership, deck=deck, card=card,
                           form=form, lang=lang, source=service.card_view(card, deck.language),
                           lang_dir="rtl" if LANGUAGES[lang].rtl else "ltr")
