"""Print a deck, move its cards in and out as CSV, and copy it into another lab."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import format_number, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required

from labapp.csvfiles import CsvProblems, csv_response
from labapp.extensions import db
from labapp.forms import choices_from
from labapp.labs.access import load_lab
from labapp.labs.models import Lab
from labapp.pdf import pdf_response, render_pdf, requested_locale

from . import csvio, service
from .access import EDITORS, load_deck
from .constants import LAYOUTS
from .forms import CopyForm, ImportForm
from .views import bp


def deck_pdf_bytes(deck, *, locale: str, layout: str) -> bytes:
    """Render a deck as a PDF in one language and layout."""
    views = service.card_views(deck.cards, locale)
    return render_pdf("datacards/pdf/deck.html", locale=locale, deck=deck, lab=deck_lab(deck), views=views,
                      layout=layout, pages=[views[i:i + 4] for i in range(0, len(views), 4)])


def deck_lab(deck) -> Lab:
    """Return the lab a deck belongs to."""
    return db.session.get(Lab, deck.lab_id)


@bp.route("/labs/<int:lab_id>/decks/<int:deck_id>.pdf")
@login_required
def deck_pdf(lab_id, deck_id):
    """Print the deck: one card per A6 page, or four per A4 sheet with cut marks (?layout=a4)."""
    _lab, _membership, deck = load_deck(lab_id, deck_id)
    locale = requested_locale(request.args.get("lang"))
    layout = request.args.get("layout") if request.args.get("layout") in LAYOUTS else "a6"
    pdf = deck_pdf_bytes(deck, locale=locale, layout=layout)
    db.session.commit()  # keep the charts drawn for this PDF for every worker
    return pdf_response(pdf, f"deck-{deck.id}-{locale}-{layout}.pdf")


@bp.route("/labs/<int:lab_id>/decks/<int:deck_id>/cards.csv")
@login_required
def export_csv(lab_id, deck_id):
    """Download the deck's cards as CSV."""
    _lab, _membership, deck = load_deck(lab_id, deck_id, *EDITORS)
    return csv_response(csvio.export_cards(deck), f"deck-{deck.id}-cards.csv")


@bp.route("/labs/<int:lab_id>/decks/<int:deck_id>/import", methods=["GET", "POST"])
@login_required
def import_csv(lab_id, deck_id):
    """Import cards from CSV: every row is checked first; all rows go in, or none."""
    lab, membership, deck = load_deck(lab_id, deck_id, *EDITORS)
    form = ImportForm()
    problems = []
    if form.validate_on_submit():
        try:
            count = csvio.import_cards(deck, form.file.data.read())
        except CsvProblems as error:
            db.session.rollback()
            problems = error.errors
        else:
            db.session.commit()
            flash(ngettext("%(num)s card imported.", "%(num)s cards imported.", count), "success")
            return redirect(url_for("datacards.show", lab_id=lab.id, deck_id=deck.id))
    return render_template("datacards/import.html", lab=lab, membership=membership, deck=deck, form=form,
                           problems=problems, columns=csvio.COLUMNS)


@bp.route("/labs/<int:lab_id>/decks/<int:deck_id>/copy", methods=["GET", "POST"])
@login_required
def copy(lab_id, deck_id):
    """Copy the deck (cards, categories, translations) into another lab the person helps run."""
    lab, membership, deck = load_deck(lab_id, deck_id, *EDITORS)
    targets = service.labs_to_copy_into(current_user, EDITORS, except_lab=lab)
    form = CopyForm(title=deck.title) if request.method == "GET" else CopyForm()
    form.lab.choices = choices_from({str(t.id): f"{t.name} ({t.place})" for t in targets})
    if targets and form.validate_on_submit():
        target, _target_membership = load_lab(int(form.lab.data), *EDITORS)
        copied = service.copy_deck(deck, target, title=form.title.data)
        db.session.commit()
        flash(_("Deck copied into %(lab)s with %(num)s cards.", lab=target.name, num=format_number(len(deck.cards))),
              "success")
        return redirect(url_for("datacards.show", lab_id=target.id, deck_id=copied.id))
    return render_template("datacards/copy.html", lab=lab, membership=membership, deck=deck, form=form,
                           targets=targets)
