"""Keep card charts drawn once: in this process's memory first, then in the database for every process.

Drawing a chart with Matplotlib takes about a tenth of a second, so a 300-card pick page took most of a minute
in each new worker. A page now looks up all its charts in one query and draws only those never drawn before.
Each stored chart is keyed by a hash of everything its drawing depends on: editing a card's figures or headline
asks for a new key, so a stale chart is never shown. Stored rows are a cache: never exported, safe to delete.
Never commits: views that show charts commit, so the charts they drew are kept.
"""
import hashlib
import json
import threading
from collections import OrderedDict

from flask_babel import get_locale
from markupsafe import Markup
from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

from labapp.accounts.models import utcnow
from labapp.extensions import db

from . import cardtext
from .models import Card, CardChart

MEMORY_SIZE = 1024   # charts kept in each process (about 10-20 KB each)
LOOKUP = 900         # keys per look-up (one query for a page of up to 900 charts), under SQLite's oldest 999
CHUNK = 200          # rows (four values each) per insert, or ids per delete

_memory: "OrderedDict[str, Markup]" = OrderedDict()
_lock = threading.Lock()


def chart_key(kind: str, rows: tuple, unit: str, title: str, locale: str) -> str:
    """Return the sha256 of everything a chart's drawing depends on, with the drawing code's version."""
    payload = json.dumps([cardtext.CHART_VERSION, kind, [list(row) for row in rows], unit, title, locale],
                         ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


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
        wanted.append((key, card, rows, title))
    keys = {entry[0] for entry in wanted if entry}
    found = _remembered(keys)
    found.update(_stored(keys - found.keys()))
    drawn = {}
    for entry in wanted:
        if entry and entry[0] not in found and entry[0] not in drawn:
            key, card, rows, title = entry
            drawn[key] = (card.id, cardtext.draw_chart(card.chart_kind, rows, card.chart_unit or "", title))
    _store({key: value for key, value in drawn.items() if value[0] is not None})
    found.update({key: svg for key, (_card_id, svg) in drawn.items()})
    _remember(found)
    return [found[entry[0]] if entry else None for entry in wanted]


def forget_process_charts() -> None:
    """Empty this process's memory of charts (the database keeps them)."""
    with _lock:
        _memory.clear()


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
    unused = sorted(key for key, _card_id in stored if key not in in_use)
    for start in range(0, len(unused), CHUNK):
        db.session.execute(delete(CardChart).where(CardChart.key.in_(unused[start:start + CHUNK])),
                           execution_options={"synchronize_session": False})
    return len(unused)


def _remembered(keys: set[str]) -> dict[str, Markup]:
    with _lock:
        found = {key: _memory[key] for key in keys if key in _memory}
        for key in found:
            _memory.move_to_end(key)
    return found


def _remember(charts: dict[str, Markup]) -> None:
    with _lock:
        for key, svg in charts.items():
            _memory[key] = svg
            _memory.move_to_end(key)
        while len(_memory) > MEMORY_SIZE:
            _memory.popitem(last=False)


def _stored(keys: set[str]) -> dict[str, Markup]:
    ordered = sorted(keys)
    found = {}
    for start in range(0, len(ordered), LOOKUP):
        rows = db.session.execute(select(CardChart.key, CardChart.svg)
                                  .where(CardChart.key.in_(ordered[start:start + LOOKUP])))
        # The app drew every stored chart itself (to_svg escapes all text), so it is markup, not user text.
        found.update({key: Markup(svg) for key, svg in rows})  # noqa: S704
    return found


def _store(drawn: dict[str, tuple[int, Markup]]) -> None:
    """Insert the drawn charts; a chart another request stored meanwhile is left as it is, without an error.

    Rows go in key order, so two requests storing overlapping charts take their locks in the same order
    and cannot deadlock on PostgreSQL.
    """
    if not drawn:
        return
    dialect = db.engine.dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    now = utcnow()
    rows = [{"key": key, "card_id": card_id, "svg": str(svg), "created_at": now}
            for key, (card_id, svg) in sorted(drawn.items())]
    for start in range(0, len(rows), CHUNK):
        statement = insert(CardChart).values(rows[start:start + CHUNK])
        db.session.execute(statement.on_conflict_do_nothing(index_elements=["key"]))
