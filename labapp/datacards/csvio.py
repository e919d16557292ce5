"""Write a deck's cards as CSV and read them back: every row is checked first, then all go in or none."""
import re

from flask_babel import gettext as _

from labapp.csvfiles import CsvProblems, read_csv, write_csv

from . import service
from .cardtext import parse_rows
from .constants import CHART_KINDS, MAX_CHART_ROWS

COLUMNS = ["code", "category", "category_title", "headline", "body", "chart", "unit", "figures", "source", "year",
           "geography"]
REQUIRED = ["code", "category", "headline"]
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-]{0,11}$")


def _figures(rows) -> str:
    return " | ".join(f"{label}, {value:g}" for label, value in rows or [])


def export_cards(deck) -> str:
    """Return the deck's cards as CSV text, one card a row; figures as "label, value | label, value"."""
    return write_csv(COLUMNS, [
        [card.code, card.category.letter, card.category.title, card.headline, card.body, card.chart_kind,
         card.chart_unit, _figures(card.chart_rows), card.source, card.year, card.geography]
        for card in deck.cards])


def _check(deck, line, row, seen, problems) -> dict | None:
    errors = []
    code = row["code"]
    if not CODE.match(code):
        errors.append(_("the code must be letters and numbers, up to 12, for example B1a"))
    elif code.upper() in seen:
        errors.append(_("the code %(code)s is used on line %(other)s too", code=code, other=seen[code.upper()]))
    letter = row["category"].upper()
    if not re.match(r"^[A-Z]{1,2}$", letter):
        errors.append(_("the category must be one or two letters, for example A"))
    elif service.category_by_letter(deck, letter) is None and not row["category_title"]:
        errors.append(_("category %(letter)s is new: give it a title in category_title", letter=letter))
    if not row["headline"]:
        errors.append(_("the headline is empty"))
    elif len(row["headline"]) > 240:
        errors.append(_("the headline is longer than 240 characters"))
    if row["chart"] not in CHART_KINDS:
        errors.append(_("the chart must be one of: %(kinds)s", kinds=", ".join(k for k in CHART_KINDS if k)))
    figures, figure_problems = parse_rows("\n".join(part for part in row["figures"].split("|")))
    if figure_problems:
        errors.append(_("the figures must look like “Keighley, 4.2 | Manningham, 3.1”"))
    elif len(figures) > MAX_CHART_ROWS:
        errors.append(_("use %(max)s figures or fewer", max=MAX_CHART_ROWS))
    elif row["chart"] and not figures:
        errors.append(_("a chart needs figures"))
    if len(row["unit"]) > 40 or len(row["year"]) > 20 or len(row["geography"]) > 120:
        errors.append(_("the unit, year or place is too long"))
    for error in errors:
        problems.append((line, error))
    if errors:
        return None
    seen[code.upper()] = line
    return {"code": code, "letter": letter, "category_title": row["category_title"], "headline": row["headline"],
            "body": row["body"], "chart_kind": row["chart"], "chart_unit": row["unit"], "chart_rows": figures,
            "source": row["source"], "year": row["year"], "geography": row["geography"]}


def import_cards(deck, data: bytes) -> int:
    """Add or update cards by code; raise CsvProblems listing every bad row, changing nothing."""
    rows = read_csv(data, COLUMNS, required=REQUIRED)
    problems, seen, checked = [], {}, []
    for line, row in rows:
        values = _check(deck, line, row, seen, problems)
        if values:
            checked.append(values)
    if problems:
        raise CsvProblems(problems)
    existing = {card.code.upper(): card for card in deck.cards}
    for values in checked:
        letter, title = values.pop("letter"), values.pop("category_title")
        category = service.category_by_letter(deck, letter)
        if category is None or (title and title != category.title):
            category = service.save_category(deck, letter=letter, title=title or category.title,
                                             question=category.question if category else "")
        card = existing.get(values["code"].upper())
        if card is None:
            service.create_card(deck, category, **values)
        else:
            service.update_card(card, category, **values)
    return len(checked)
