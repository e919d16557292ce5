"""Write the map's actors and ties as CSV, and import them: every row is checked first, then all or none."""
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import func, insert, select, update

from labapp.csvfiles import MAX_ROWS, CsvProblems, read_csv, safe_cell, write_csv  # noqa: F401 - MAX_ROWS for the import page
from labapp.extensions import db
from labapp.labs.constants import LEVELS
from labapp.labs.models import Lab

from . import service
from .constants import ACTOR_KINDS, PERSON, TIE_KINDS, TIE_STRENGTHS
from .models import Actor, Tie

ACTOR_COLUMNS = ["name", "kind", "sector", "level", "services", "tags", "notes", "parent"]
TIE_COLUMNS = ["source", "target", "kind", "strength", "note"]
DEFAULT_KIND = "organisation"
DEFAULT_TIE_KIND = "works_with"
NAME_MAX = 200


@dataclass
class ImportResult:
    """How many rows were imported, or, when any row is wrong, every problem with its line number."""

    count: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def actors_csv(lab: Lab, *, include_people: bool) -> str:
    """Return the lab's (visible) actors as CSV, in the columns the import reads."""
    query = select(Actor.id, Actor.name, Actor.kind, Actor.sector, Actor.level, Actor.services, Actor.tags,
                   Actor.notes, Actor.parent_id).where(Actor.lab_id == lab.id)
    if not include_people:
        query = query.where(Actor.kind != PERSON)
    actors = db.session.execute(query.order_by(func.lower(Actor.name), Actor.id)).all()
    names = {a.id: a.name for a in actors}
    rows = [[safe_cell(a.name), a.kind, a.sector or "", a.level or "", safe_cell(a.services), safe_cell(", ".join(a.tags or [])),
             safe_cell(a.notes), safe_cell(names.get(a.parent_id, ""))] for a in actors]
    return write_csv(ACTOR_COLUMNS, rows)


def ties_csv(lab: Lab, *, include_people: bool) -> str:
    """Return the lab's (visible) ties as CSV, naming the actors at each end."""
    actors, ties = service.map_rows(lab, include_people=include_people)
    names = {a.id: a.name for a in actors}
    notes = dict(db.session.execute(select(Tie.id, Tie.note).where(Tie.lab_id == lab.id)).all())
    rows = sorted(([safe_cell(names[t.source_id]), safe_cell(names[t.target_id]), t.kind, t.strength, safe_cell(notes[t.id])]
                   for t in ties), key=lambda row: (row[0].casefold(), row[1].casefold(), row[2]))
    return write_csv(TIE_COLUMNS, rows)


def actors_template(lab: Lab) -> str:
    """Return an actors CSV with its header and two example rows."""
    sectors, levels = list(lab.sectors), list(LEVELS)
    return write_csv(ACTOR_COLUMNS, [
        [_("Riverside Primary Care Network"), "organisation", sectors[1 % len(sectors)] if sectors else "",
         levels[3], _("GP practices, social prescribing"), _("primary care, NHS"), "", ""],
        [_("Riverside Surgery"), "organisation", sectors[1 % len(sectors)] if sectors else "", levels[1],
         _("GP appointments"), _("GP practice"), "", _("Riverside Primary Care Network")],
    ])


def ties_template() -> str:
    """Return a ties CSV with its header and an example row."""
    return write_csv(TIE_COLUMNS, [[_("Riverside Surgery"), _("Riverside Primary Care Network"), "works_with", 3, ""]])


def _lookup(mapping) -> dict:
    """Map each code and each label (ignoring case) to its code."""
    found = {}
    for code, label in mapping.items():
        found[str(label).casefold()] = code
        found[str(code).casefold()] = code
    return found


def import_actors(lab: Lab, data: bytes) -> ImportResult:
    """Check every row of an actors CSV; add them all in bulk only when every row is right."""
    try:
        rows = read_csv(data, ACTOR_COLUMNS)
    except CsvProblems as problems:
        return ImportResult(errors=problems.errors)
    kinds, sectors, levels = _lookup(ACTOR_KINDS), _lookup(lab.sectors), _lookup(LEVELS)
    existing: dict[str, list[int]] = {}
    for actor_id, name in db.session.execute(select(Actor.id, Actor.name).where(Actor.lab_id == lab.id)):
        existing.setdefault(name.casefold(), []).append(actor_id)
    errors, seen, parsed = [], {}, []
    for line, row in rows:
        name, problems = row["name"], []
        if not name:
            problems.append(_("The name is missing."))
        elif len(name) > NAME_MAX:
            problems.append(_("The name is longer than %(max)s characters.", max=NAME_MAX))
        elif name.casefold() in seen:
            problems.append(_("“%(name)s” is already on line %(line)s of this file.", name=name, line=seen[name.casefold()]))
        elif name.casefold() in existing:
            problems.append(_("An actor called “%(name)s” is already on the map.", name=name))
        kind = kinds.get((row["kind"] or DEFAULT_KIND).casefold())
        if kind is None:
            problems.append(_("Unknown kind “%(value)s”. Use one of: %(choices)s.", value=row["kind"],
                              choices=", ".join(ACTOR_KINDS)))
        sector = sectors.get(row["sector"].casefold()) if row["sector"] else None
        if row["sector"] and sector is None:
            problems.append(_("Unknown sector “%(value)s”. Use one of: %(choices)s.", value=row["sector"],
                              choices=", ".join(lab.sectors)))
        level = levels.get(row["level"].casefold()) if row["level"] else None
        if row["level"] and level is None:
            problems.append(_("Unknown level “%(value)s”. Use one of: %(choices)s.", value=row["level"],
                              choices=", ".join(LEVELS)))
        if name and name.casefold() not in seen:
            seen[name.casefold()] = line
        errors.extend((line, p) for p in problems)
        parsed.append((line, {"lab_id": lab.id, "kind": kind, "name": name, "sector": sector, "level": level,
                              "services": row["services"], "tags": service.parse_tags(row["tags"]),
                              "notes": row["notes"]}, row["parent"]))
    parents = {}
    for line, values, parent in parsed:
        if not parent:
            continue
        key = parent.casefold()
        if key == values["name"].casefold():
            errors.append((line, _("An actor cannot be part of itself.")))
        elif key in seen:
            parents[values["name"].casefold()] = ("new", key)
        elif len(existing.get(key, [])) == 1:
            parents[values["name"].casefold()] = ("old", existing[key][0])
        elif key in existing:
            errors.append((line, _("More than one actor is called “%(name)s”; rename one first.", name=parent)))
        else:
            errors.append((line, _("Unknown parent “%(name)s”: it is neither on the map nor in this file.", name=parent)))
    errors.extend(_parent_cycles(parents, seen))
    if errors:
        return ImportResult(errors=sorted(errors, key=lambda e: e[0]))
    values = [v for _line, v, _parent in parsed]
    db.session.execute(insert(Actor), values)
    # Names in the file are new to the lab (ignoring case), so one query finds every new id.
    new_ids = {name.casefold(): actor_id for actor_id, name in
               db.session.execute(select(Actor.id, Actor.name).where(Actor.lab_id == lab.id))
               if name.casefold() in seen}
    links = [{"id": new_ids[child], "parent_id": new_ids[ref] if where == "new" else ref}
             for child, (where, ref) in parents.items()]
    if links:
        db.session.execute(update(Actor), links)
    return ImportResult(count=len(values))


def _parent_cycles(parents: dict, lines: dict) -> list[tuple[int, str]]:
    """Report rows of the file whose parents lead back to themselves."""
    errors = []
    for start in parents:
        node, steps = start, 0
        while node in parents and parents[node][0] == "new" and steps <= len(parents):
            node, steps = parents[node][1], steps + 1
            if node == start:
                errors.append((lines[start], _("The parents in this file go round in a circle.")))
                break
    return errors


def import_ties(lab: Lab, data: bytes) -> ImportResult:
    """Check every row of a ties CSV (actors named as on the map); add them all only when every row is right."""
    try:
        rows = read_csv(data, TIE_COLUMNS)
    except CsvProblems as problems:
        return ImportResult(errors=problems.errors)
    kinds, strengths = _lookup(TIE_KINDS), _lookup(TIE_STRENGTHS)
    names: dict[str, list[int]] = {}
    for actor_id, name in db.session.execute(select(Actor.id, Actor.name).where(Actor.lab_id == lab.id)):
        names.setdefault(name.casefold(), []).append(actor_id)
    existing = set(db.session.execute(select(Tie.source_id, Tie.target_id, Tie.kind).where(Tie.lab_id == lab.id)).all())
    errors, seen, values = [], {}, []
    for line, row in rows:
        problems, ends = [], []
        for column in ("source", "target"):
            name = row[column]
            ids = names.get(name.casefold(), []) if name else []
            if not name:
                problems.append(_("The %(column)s actor is missing.", column=column))
            elif not ids:
                problems.append(_("Unknown actor “%(name)s”: add it to the map first.", name=name))
            elif len(ids) > 1:
                problems.append(_("More than one actor is called “%(name)s”; rename one first.", name=name))
            ends.append(ids[0] if len(ids) == 1 else None)
        kind = kinds.get((row["kind"] or DEFAULT_TIE_KIND).casefold())
        if kind is None:
            problems.append(_("Unknown kind of tie “%(value)s”. Use one of: %(choices)s.", value=row["kind"],
                              choices=", ".join(TIE_KINDS)))
        strength = strengths.get((row["strength"] or "2").casefold())
        if strength is None:
            problems.append(_("The strength must be 1, 2 or 3."))
        source, target = ends
        if source is not None and source == target:
            problems.append(_("An actor cannot have a tie to itself."))
        key = (source, target, kind)
        if not problems:
            if key in seen:
                problems.append(_("The same tie is already on line %(line)s of this file.", line=seen[key]))
            elif key in existing:
                problems.append(_("This tie is already on the map."))
            seen.setdefault(key, line)
        errors.extend((line, p) for p in problems)
        values.append({"lab_id": lab.id, "source_id": source, "target_id": target, "kind": kind,
                       "strength": int(strength or 2), "note": row["note"]})
    if errors:
        return ImportResult(errors=errors)
    db.session.execute(insert(Tie), values)
    return ImportResult(count=len(values))
