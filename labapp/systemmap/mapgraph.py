"""Build the map as a graph with positions and colours, shared by map.json, map.svg and the PDF."""
import textwrap
from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _

from labapp.labs.constants import LEVELS
from labapp.labs.models import Lab

from . import service
from .constants import ACTOR_KINDS, TIE_KINDS, TIE_STRENGTHS
from .layout import Layout, grid_layout, sector_colours

LABEL_CHARS = 24


@dataclass
class Graph:
    actors: list
    ties: list
    layout: Layout
    colours: dict
    sectors: dict

    def band_label(self, code, levels=False) -> str:
        """Return a column's sector name or a row's level name (or 'not given')."""
        names = LEVELS if levels else self.sectors
        return str(names[code]) if code in names else _("Not given")


def _matches(actor, sector, level, kind, tag, text) -> bool:
    return ((not sector or actor.sector == sector) and (not level or actor.level == level)
            and (not kind or actor.kind == kind)
            and (not tag or tag.casefold() in {t.casefold() for t in actor.tags or []})
            and (not text or text.casefold() in actor.name.casefold()))


def build_graph(lab: Lab, *, include_people: bool, sector=None, level=None, kind=None, tag=None, text=None,
                **_ignored) -> Graph:
    """Return the (filtered) actors and the ties between them, placed on the sector × level grid."""
    actors, ties = service.map_rows(lab, include_people=include_people)
    if any((sector, level, kind, tag, text)):
        actors = [a for a in actors if _matches(a, sector, level, kind, tag, text)]
        shown = {a.id for a in actors}
        ties = [t for t in ties if t.source_id in shown and t.target_id in shown]
    sectors = lab.sectors
    layout = grid_layout(actors, sectors.keys(), LEVELS.keys())
    return Graph(actors=actors, ties=ties, layout=layout, colours=sector_colours(sectors), sectors=sectors)


def short(name: str) -> str:
    """Shorten a long name for a label on the map (the full name is in its title)."""
    return name if len(name) <= LABEL_CHARS else name[:LABEL_CHARS - 1].rstrip() + "…"


def wrap(text: str, width: int = 20) -> list[str]:
    """Split a heading into short lines for the map."""
    return textwrap.wrap(str(text), width) or [""]


def graph_json(lab: Lab, graph: Graph) -> dict:
    """Return the graph as JSON-ready data for the interactive map."""
    url = url_for("systemmap.actor", lab_id=lab.id, actor_id=0)
    base = url[: url.rindex("/0")] + "/"
    positions, colours = graph.layout.positions, graph.colours
    shown = {a.id for a in graph.actors}
    return {
        "lab": {"id": lab.id, "name": lab.name},
        "actor_url": base,
        "sectors": [{"code": code, "label": str(label), "colour": colours[code]} for code, label in graph.sectors.items()]
        + [{"code": None, "label": _("Not given"), "colour": colours[None]}],
        "levels": [{"code": code, "label": str(label)} for code, label in LEVELS.items()],
        "kinds": {code: str(label) for code, label in ACTOR_KINDS.items()},
        "tie_kinds": {code: str(label) for code, label in TIE_KINDS.items()},
        "strengths": {str(code): str(label) for code, label in TIE_STRENGTHS.items()},
        "nodes": [
            {"id": a.id, "name": a.name, "kind": a.kind,
             "sector": a.sector if a.sector in graph.sectors else None,
             "level": a.level if a.level in LEVELS else None, "tags": list(a.tags or []),
             "parent": a.parent_id if a.parent_id in shown else None,
             "x": positions[a.id][0], "y": positions[a.id][1],
             "colour": colours.get(a.sector if a.sector in graph.sectors else None)}
            for a in graph.actors
        ],
        "edges": [{"id": t.id, "source": t.source_id, "target": t.target_id, "kind": t.kind, "strength": t.strength}
                  for t in graph.ties],
    }
