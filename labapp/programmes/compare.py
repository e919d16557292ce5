"""Lay several labs' report facts side by side: one row per figure, one cell per lab, in the labs' order.

Works only on snapshots from labapp/reports/facts.py (`snapshot`), so it runs no query of its own. A cell is
a number, None (the lab has nothing to show there), a {"count", "share"} or {"share", "target"} dict, or a
list of {"text", "note"} items. Row labels are lazy, so they follow the language the page or PDF is drawn in.
"""
from datetime import date

from flask_babel import lazy_gettext as _l

from labapp.challenge.constants import DECISIONS as PANEL_DECISIONS
from labapp.prototypes.constants import STATUSES
from labapp.workshops.constants import WORKSHOP_KINDS

# The workshops every lab runs, in the lab's order; other kinds follow when a lab has them.
ALIGNED_KINDS = ("observe", "retreat", "act")
TOP_CARDS = 5


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _row(label, cells, *, key: str = "", group: bool = False) -> dict:
    return {"label": label, "cells": list(cells), "key": key, "group": group}


def _sectors(snapshots: list[dict]) -> list[tuple[str, str]]:
    """Return every sector any lab uses, in first-seen order, with the first lab's label."""
    seen = {}
    for snap in snapshots:
        for row in snap["participation"]["sectors"]:
            seen.setdefault(row["code"], row["label"])
    return list(seen.items())


def people(snapshots: list[dict]) -> list[dict]:
    """Return who took part: members, members by sector and the resident share against the target."""
    rows = [_row(_l("Members"), [s["participation"]["members"] for s in snapshots], key="members")]
    by_lab = [{row["code"]: row for row in s["participation"]["sectors"]} for s in snapshots]
    for code, label in _sectors(snapshots):
        rows.append(_row(label, [{"count": lab[code]["count"], "share": lab[code]["share"]} if code in lab else None
                                 for lab in by_lab], key=f"sector-{code}"))
    rows.append(_row(_l("Residents against the target"),
                     [{"share": s["participation"]["resident_share"], "target": s["participation"]["resident_target"]}
                      for s in snapshots], key="residents"))
    rows.append(_row(_l("Invitations accepted"),
                     [{"count": s["participation"]["invitations"]["accepted"],
                       "share": s["participation"]["invitations"]["accepted_share"]} for s in snapshots],
                     key="invitations"))
    return rows


def attendance(snapshots: list[dict]) -> list[dict]:
    """Return attendance by sector for each kind of workshop, Observe, Retreat and Act aligned across labs.

    A lab with two workshops of one kind has them added up; its dates show both.
    """
    kinds = list(ALIGNED_KINDS)
    for snap in snapshots:
        for workshop in snap["participation"]["workshops"]:
            if workshop["kind"] not in kinds:
                kinds.append(workshop["kind"])
    sectors = _sectors(snapshots)
    rows = []
    for kind in kinds:
        per_lab = [[w for w in s["participation"]["workshops"] if w["kind"] == kind] for s in snapshots]
        if kind not in ALIGNED_KINDS and not any(per_lab):
            continue
        rows.append(_row(WORKSHOP_KINDS.get(kind, kind), [None] * len(snapshots), key=f"kind-{kind}", group=True))
        rows.append(_row(_l("When"), [[{"text": w["title"], "note": None, "date": _day(w["date"])} for w in ws] or None
                                     for ws in per_lab], key=f"{kind}-dates"))
        rows.append(_row(_l("People in the room"), [sum(w["total"] for w in ws) if ws else None for ws in per_lab],
                         key=f"{kind}-total"))
        for code, label in sectors:
            cells = []
            for ws in per_lab:
                total = sum(w["total"] for w in ws)
                count = sum(w["by_sector"].get(code, 0) for w in ws)
                cells.append({"count": count, "share": round(100 * count / total) if total else 0} if ws else None)
            if any(cell and cell["count"] for cell in cells):
                rows.append(_row(label, cells, key=f"{kind}-{code}"))
    return rows


def cards(snapshots: list[dict]) -> list[dict]:
    """Return the picks, the most picked cards and the themes each lab named."""
    def top(snap):
        return [{"text": f'{c["code"]} · {c["headline"]}', "note": c["count"]}
                for c in snap["cards"]["top"][:TOP_CARDS]] or None

    def themes(snap):
        names = []
        for session in snap["cards"]["sessions"]:
            for theme in session["themes"]:
                codes = ", ".join(c["code"] for c in theme["cards"])
                item = {"text": theme["name"], "note": codes}
                if item not in names:
                    names.append(item)
        return names or None

    return [
        _row(_l("Pick sessions"), [len(s["cards"]["sessions"]) for s in snapshots], key="sessions"),
        _row(_l("Cards picked"), [s["cards"]["picks"] for s in snapshots], key="picks"),
        _row(_l("The most picked cards"), [top(s) for s in snapshots], key="top"),
        _row(_l("Themes"), [themes(s) for s in snapshots], key="themes"),
    ]


def journeys(snapshots: list[dict]) -> list[dict]:
    """Return the visits offered and held, their places and sign-ups, the hosts and the shared debriefs."""
    figures = [("offered", _l("Visits offered")), ("held", _l("Visits held")), ("cancelled", _l("Visits cancelled")),
               ("places", _l("Places on visits")), ("confirmed", _l("Sign-ups")), ("full", _l("Visits that were full")),
               ("debriefs_shared", _l("Debriefs shared"))]
    rows = [_row(label, [s["journeys"][key] for s in snapshots], key=key) for key, label in figures]
    hosts = []
    for snap in snapshots:
        names = []
        for visit in snap["journeys"]["visits"]:
            if not visit["cancelled"] and visit["host"] not in names:
                names.append(visit["host"])
        hosts.append([{"text": name, "note": None} for name in names] or None)
    rows.append(_row(_l("Hosts"), hosts, key="hosts"))
    return rows


def prototypes(snapshots: list[dict]) -> list[dict]:
    """Return the prototypes by status, overdue weeks, and each measure's verdict with its signal."""
    rows = [_row(_l("Prototypes"), [len(s["prototypes"]) for s in snapshots], key="prototypes")]
    for code, label in STATUSES.items():
        rows.append(_row(label, [sum(p["status"] == code for p in s["prototypes"]) for s in snapshots],
                         key=f"status-{code}"))
    rows.append(_row(_l("Weeks with a cycle overdue"),
                     [sum(p["overdue_weeks"] for p in s["prototypes"]) for s in snapshots], key="overdue"))
    rows.append(_row(_l("Measures showing a signal"),
                     [sum(m["signal"] for p in s["prototypes"] for m in p["measures"]) for s in snapshots],
                     key="signals"))
    verdicts = []
    for snap in snapshots:
        items = [{"text": f'{p["title"]} · {m["name"]}', "note": m["verdict"], "signal": m["signal"]}
                 for p in snap["prototypes"] for m in p["measures"]]
        verdicts.append(items or None)
    rows.append(_row(_l("What the measures show"), verdicts, key="verdicts"))
    return rows


def panels(snapshots: list[dict]) -> list[dict]:
    """Return the proposals, the panel decisions counted and listed, and those still waiting."""
    rows = [_row(_l("Proposals"), [len(s["panels"]) for s in snapshots], key="proposals")]
    for code, label in PANEL_DECISIONS.items():
        rows.append(_row(label, [sum(p["decision"] == code for p in s["panels"]) for s in snapshots],
                         key=f"decision-{code}"))
    rows.append(_row(_l("Waiting for a decision"), [sum(not p["decision"] for p in s["panels"]) for s in snapshots],
                     key="waiting"))
    decided = [[{"text": p["title"], "note": p["decision_label"]} for p in s["panels"] if p["decision"]] or None
               for s in snapshots]
    rows.append(_row(_l("Decisions"), decided, key="decisions"))
    return rows


SECTIONS = (
    ("people", _l("Who took part"), people),
    ("attendance", _l("Attendance by sector at each workshop"), attendance),
    ("cards", _l("The most picked cards and themes"), cards),
    ("journeys", _l("Learning journeys and debriefs"), journeys),
    ("prototypes", _l("Prototypes and what they found"), prototypes),
    ("panels", _l("Panel decisions"), panels),
)


def comparison(snapshots: list[dict]) -> list[dict]:
    """Return every section of the side-by-side comparison: id, title and rows."""
    return [{"id": key, "title": title, "rows": build(snapshots)} for key, title, build in SECTIONS]


def headline(snapshot: dict) -> list[tuple]:
    """Return one lab's headline figures for its own page of the report, as (label, cell) pairs."""
    part, journeys_, protos, proposals = (snapshot["participation"], snapshot["journeys"], snapshot["prototypes"],
                                          snapshot["panels"])
    return [
        (_l("Members"), part["members"]),
        (_l("Residents against the target"), {"share": part["resident_share"], "target": part["resident_target"]}),
        (_l("Workshops"), len(part["workshops"])),
        (_l("Cards picked"), snapshot["cards"]["picks"]),
        (_l("Visits held"), journeys_["held"]),
        (_l("Debriefs shared"), journeys_["debriefs_shared"]),
        (_l("Prototypes"), len(protos)),
        (_l("Measures showing a signal"), sum(m["signal"] for p in protos for m in p["measures"])),
        (_l("Proposals decided"), sum(bool(p["decision"]) for p in proposals)),
    ]
