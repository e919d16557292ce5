"""Keep drawn charts drawn once: in this process's memory first, then in the database for every process.

Drawing a chart with Matplotlib takes about a tenth of a second, so pages with several charts spent most of
their time drawing the same charts again. A page now looks up all its charts in one query and draws only those
never drawn before. Each chart is keyed by a hash of everything its drawing depends on (its data, annotations,
titles and labels, the language and the drawing code's version): a changed value asks for a new key, so a stale
chart is never shown. Stored rows are a cache: never exported, safe to delete (`flask charts prune`).
Never commits: views that show charts commit, so the charts they drew are kept.

Card charts keep their own table (CardChart, deleted with their card); every other chart is a DrawnChart.
"""
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from markupsafe import Markup
from sqlalchemy import String, Text, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from labapp.accounts.models import utcnow
from labapp.extensions import db

MEMORY_SIZE = 1024   # charts kept in each process (about 10-20 KB each)
LOOKUP = 900         # keys per look-up (one query for a page of up to 900 charts), under SQLite's oldest 999
CHUNK = 200          # rows (four values each) per insert, or keys per delete

_memory: "OrderedDict[str, Markup]" = OrderedDict()
_lock = threading.Lock()


class DrawnChart(db.Model):
    """A chart drawn once as SVG (a run chart, the panel's factor chart), shared by every process.

    The key is a hash of everything the drawing depends on, so changed data asks for a new key and a stale
    chart is never shown. A cache: never exported, safe to delete.
    """

    __tablename__ = "drawn_charts"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    svg: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


@dataclass(frozen=True)
class Wanted:
    """A chart a page shows: its key, how to draw it, and the other columns of its stored row.

    `columns` of None: draw and show the chart, but do not store it (it belongs to nothing saved yet).
    """

    key: str
    draw: Callable[[], Markup]
    columns: dict | None


def chart_key(*parts) -> str:
    """Return the sha256 of everything a chart's drawing depends on (plain JSON-able values; dates as text)."""
    payload = json.dumps(parts, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def charts(model, wanted: list[Wanted]) -> dict[str, Markup]:
    """Return every wanted chart by key: from this process's memory, then `model`'s table, else drawn and stored.

    One query per 900 charts looks them up; only charts found in neither place are drawn.
    """
    keys = {entry.key for entry in wanted}
    found = _remembered(keys)
    found.update(_stored(model, keys - found.keys()))
    drawn = {}
    for entry in wanted:
        if entry.key not in found and entry.key not in drawn:
            drawn[entry.key] = (entry.columns, entry.draw())
    _store(model, {key: value for key, value in drawn.items() if value[0] is not None})
    found.update({key: svg for key, (_columns, svg) in drawn.items()})
    _remember(found)
    return found


def forget_process_charts() -> None:
    """Empty this process's memory of charts (the database keeps them)."""
    with _lock:
        _memory.clear()


def delete_keys(model, keys: list[str]) -> None:
    """Delete these stored charts of `model`'s table."""
    keys = sorted(keys)
    for start in range(0, len(keys), CHUNK):
        db.session.execute(delete(model).where(model.key.in_(keys[start:start + CHUNK])),
                           execution_options={"synchronize_session": False})


def prune_older_than(days: int) -> int:
    """Delete drawn charts stored more than `days` days ago; return how many (pages draw them again if needed)."""
    cutoff = utcnow() - timedelta(days=days)
    return db.session.execute(delete(DrawnChart).where(DrawnChart.created_at < cutoff),
                              execution_options={"synchronize_session": False}).rowcount


def _remembered(keys: set[str]) -> dict[str, Markup]:
    with _lock:
        found = {key: _memory[key] for key in keys if key in _memory}
        for key in found:
            _memory.move_to_end(key)
    return found


def _remember(found: dict[str, Markup]) -> None:
    with _lock:
        for key, svg in found.items():
            _memory[key] = svg
            _memory.move_to_end(key)
        while len(_memory) > MEMORY_SIZE:
            _memory.popitem(last=False)


def _stored(model, keys: set[str]) -> dict[str, Markup]:
    ordered = sorted(keys)
    found = {}
    for start in range(0, len(ordered), LOOKUP):
        rows = db.session.execute(select(model.key, model.svg).where(model.key.in_(ordered[start:start + LOOKUP])))
        # The app drew every stored chart itself (to_svg escapes all text), so it is markup, not user text.
        found.update({key: Markup(svg) for key, svg in rows})  # noqa: S704
    return found


def _store(model, drawn: dict[str, tuple[dict, Markup]]) -> None:
    """Insert the drawn charts; a chart another request stored meanwhile is left as it is, without an error.

    Rows go in key order, so two requests storing overlapping charts take their locks in the same order
    and cannot deadlock on PostgreSQL.
    """
    if not drawn:
        return
    insert = postgresql.insert if db.engine.dialect.name == "postgresql" else sqlite.insert
    now = utcnow()
    rows = [{"key": key, **columns, "svg": str(svg), "created_at": now}
            for key, (columns, svg) in sorted(drawn.items())]
    for start in range(0, len(rows), CHUNK):
        statement = insert(model).values(rows[start:start + CHUNK])
        db.session.execute(statement.on_conflict_do_nothing(index_elements=["key"]))
