"""Keep card charts drawn once: in this process's memory first, then in the database for every process.

Drawing a chart with Matplotlib takes about a tenth of a second, so a 300-card pick page took most of a minute
in each new worker. A page now looks up all its charts in one query and draws only those never drawn before.
Each stored chart is keyed by a hash of everything its drawing depends on: editing a card's figures or headline
asks for a new key, so a stale chart is never shown. Stored rows are a cache: never exported, safe to delete.
Never commits: views that show charts commit, so the charts they drew are kept.
The memory and the look-up are labapp.chartstore's, shared with every other drawn chart; card charts keep their
own table so that a card's charts go with it.
"""
from flask_babel import get_locale
from markupsafe import Markup
from sqlalchemy import delete, select

from labapp import chartstore as store
from labapp.extensions import db

from . import cardtext
from .models import Card, CardChart

CHUNK = store.CHUNK  # ids per delete


def chart_key(kind: str, rows: tuple, unit: str, title: str, locale: str) -> str:
    """Return the sha256 of everything a chart's drawing depends on, with the drawing code's version."""
    return store.chart_key(cardtext.CHART_VERSION, kind, [list(row) for row in rows], unit, title, locale)


def charts_for(items: list[tuple[Card, str]]) -> list[Markup | None]:
    """Return the chart of each (card, title) in the current language, or None for a card without data.

    Looks in this process's memory, then in the database (one query per 900 charts), and draws and stores
    only the charts found in neither.
    """
    locale = str(get_locale())
    wanted = []
    for card, title in items:
        if not card.chart_kind or not card.chart_rows:
            wanted.append(None)
            continue
        rows = cardtext.frozen_rows(card.chart_rows)
        key = chart_key(card.chart_kind, rows, card.chart_unit or "", title, locale)
        wanted.append(store.Wanted(key, _drawing(card.chart_kind, rows, card.chart_unit or "", title),
                                   None if card.id is None else {"card_id": card.id}))
    found = store.charts(CardChart, [entry for entry in wanted if entry])
    return [found[entry.key] if entry else None for entry in wanted]


def _drawing(kind: str, rows: tuple, unit: str, title: str):
    return lambda: cardtext.draw_chart(kind, rows, unit, title)


def forget_process_charts() -> None:
    """Empty this process's memory of charts (the database keeps them)."""
    store.forget_process_charts()


def forget_charts_of(card_ids: list[int]) -> None:
    """Delete the stored charts of these cards, after their figures or headlines changed or they were deleted."""
    card_ids = [card_id for card_id in card_ids if card_id is not None]
    for start in range(0, len(card_ids), CHUNK):
        db.session.execute(delete(CardChart).where(CardChart.card_id.in_(card_ids[start:start + CHUNK])),
                           execution_options={"synchronize_session": False})


def prune(locales: list[str]) -> int:
    """Delete stored charts no card shows any more (old figures, headlines or drawing code); return how many.

    A card can show its chart under its own headline or a translation's, in any of the app's languages:
    `locales` are their Babel locales (labapp.i18n.babel_locale), as get_locale() gives them.
    """
    stored = db.session.execute(select(CardChart.key, CardChart.card_id)).all()
    card_ids = sorted({card_id for _key, card_id in stored})
    in_use = set()
    for start in range(0, len(card_ids), CHUNK):
        for card in db.session.scalars(select(Card).where(Card.id.in_(card_ids[start:start + CHUNK]))):
            if not card.chart_kind or not card.chart_rows:
                continue
            rows = cardtext.frozen_rows(card.chart_rows)
            titles = {card.headline} | {translation.headline for translation in card.translations}
            in_use.update(chart_key(card.chart_kind, rows, card.chart_unit or "", title, locale)
                          for title in titles for locale in locales)
    unused = [key for key, _card_id in stored if key not in in_use]
    store.delete_keys(CardChart, unused)
    return len(unused)

