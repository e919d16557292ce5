"""Place the map's actors on a grid: one column per sector, one row per level, the same way every time.

A force layout (networkx's spring_layout) took about 12 s for 2,000 actors on this machine, so the map
uses this grid instead: it is instant, stable between renders, and an empty column or row shows a gap.
"""
import math
from dataclasses import dataclass

NODE_DX = 150   # room for a label under each node
NODE_DY = 56
HEADER = 70     # space for sector names above the grid
GUTTER = 170    # space for level names beside the grid
CELL_PAD = 30

# Colours for sectors, in the lab's order (distinguishable for most colour-vision types), then grey.
SECTOR_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#8C6D1F", "#7A5195",
                  "#2F4B7C", "#A0522D"]
NO_SECTOR_COLOUR = "#8A9399"


def sector_colours(sector_codes) -> dict:
    """Return {sector code: colour}, with None (no sector) in grey."""
    colours = {code: SECTOR_COLOURS[index % len(SECTOR_COLOURS)] for index, code in enumerate(sector_codes)}
    colours[None] = NO_SECTOR_COLOUR
    return colours


@dataclass
class Band:
    """A column (sector) or a row (level) of the grid: its code and where it starts and ends."""

    code: str | None
    start: float
    end: float

    @property
    def middle(self) -> float:
        return (self.start + self.end) / 2


@dataclass
class Layout:
    positions: dict
    columns: list
    rows: list
    width: float
    height: float


def grid_layout(actors, sector_codes, level_codes) -> Layout:
    """Return positions for actors (rows with id, name, sector, level) in sector columns and level rows.

    Actors whose sector or level is not in the lists go to a last column or row (code None). Levels run
    from the last code at the top to the first at the bottom, so the most senior sit highest.
    """
    sector_codes, level_codes = list(sector_codes), list(reversed(list(level_codes)))
    cells: dict[tuple, list] = {}
    for actor in actors:
        sector = actor.sector if actor.sector in sector_codes else None
        level = actor.level if actor.level in level_codes else None
        cells.setdefault((sector, level), []).append(actor)
    columns_codes = sector_codes + ([None] if any(s is None for s, _ in cells) else [])
    rows_codes = level_codes + ([None] if any(lv is None for _, lv in cells) else [])
    # Each sector column is as wide as its fullest cell needs to stay roughly square.
    across = {}
    for sector in columns_codes:
        fullest = max((len(cells.get((sector, level), [])) for level in rows_codes), default=0)
        across[sector] = max(1, math.ceil(math.sqrt(fullest * NODE_DY / NODE_DX))) if fullest else 1
    down = {level: max([1, *(math.ceil(len(cells.get((sector, level), [])) / across[sector]) for sector in columns_codes)])
            for level in rows_codes}
    columns, x = [], GUTTER
    for sector in columns_codes:
        width = across[sector] * NODE_DX + CELL_PAD
        columns.append(Band(sector, x, x + width))
        x += width
    rows, y = [], HEADER
    for level in rows_codes:
        height = down[level] * NODE_DY + CELL_PAD
        rows.append(Band(level, y, y + height))
        y += height
    column_at = {band.code: band for band in columns}
    row_at = {band.code: band for band in rows}
    positions = {}
    for (sector, level), members in cells.items():
        members.sort(key=lambda a: (a.name.casefold(), a.id))
        column, row = column_at[sector], row_at[level]
        for index, actor in enumerate(members):
            i, j = index % across[sector], index // across[sector]
            positions[actor.id] = (round(column.start + CELL_PAD / 2 + (i + 0.5) * NODE_DX, 1),
                                   round(row.start + CELL_PAD / 2 + (j + 0.5) * NODE_DY - 8, 1))
    return Layout(positions=positions, columns=columns, rows=rows, width=x + CELL_PAD, height=y + CELL_PAD)
