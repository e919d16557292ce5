"""Count who came to a lab's workshops, by sector or by level, and write the tables as CSV. Never commits."""
from dataclasses import dataclass

from sqlalchemy import func, select

from labapp.csvfiles import write_csv
from labapp.extensions import db
from labapp.labs.constants import LEVELS
from labapp.labs.models import Lab

from .models import Attendance, Workshop
from .service import workshops_of

BY = ("sector", "level")


@dataclass
class AttendanceTable:
    """Attendance counts: a row per sector or level (None: not given), a column per workshop."""

    by: str
    workshops: list
    rows: list          # [(code or None, label or None)] in order; None's label is the reader's "Not given"
    cells: dict         # {(code, workshop id): count}

    def cell(self, code, workshop) -> int:
        return self.cells.get((code, workshop.id), 0)

    def row_total(self, code) -> int:
        return sum(count for (row, _), count in self.cells.items() if row == code)

    def column_total(self, workshop) -> int:
        return sum(count for (_, column), count in self.cells.items() if column == workshop.id)

    @property
    def total(self) -> int:
        return sum(self.cells.values())


def attendance_table(lab: Lab, by: str) -> AttendanceTable:
    """Count the lab's attendances per workshop and sector (or level), in one grouped query."""
    if by not in BY:
        raise ValueError(f"unknown grouping {by!r}")
    column = Attendance.sector if by == "sector" else Attendance.level
    counts = db.session.execute(
        select(Attendance.workshop_id, column, func.count(Attendance.id))
        .join(Workshop, Workshop.id == Attendance.workshop_id)
        .where(Workshop.lab_id == lab.id)
        .group_by(Attendance.workshop_id, column)
    ).all()
    labels = lab.sectors if by == "sector" else LEVELS
    cells: dict = {}
    for workshop_id, code, count in counts:
        key = (code or None, workshop_id)
        cells[key] = cells.get(key, 0) + count
    extra = sorted({code for code, _ in cells if code is not None and code not in labels})
    rows = [(code, label) for code, label in labels.items()] + [(code, code) for code in extra] + [(None, None)]
    return AttendanceTable(by=by, workshops=workshops_of(lab), rows=rows, cells=cells)


def to_csv(rows: list[list]) -> str:
    """Write rows as CSV text that spreadsheets open correctly in every script."""
    return write_csv(None, rows)


def table_rows(table: AttendanceTable, *, heading: str, workshop_label, not_given: str, total: str) -> list[list]:
    """Lay out a table as rows for CSV: a header, a row per sector or level, and a total row."""
    rows = [[heading] + [workshop_label(w) for w in table.workshops] + [total]]
    for code, label in table.rows:
        rows.append([label if code is not None else not_given]
                    + [table.cell(code, w) for w in table.workshops] + [table.row_total(code)])
    rows.append([total] + [table.column_total(w) for w in table.workshops] + [table.total])
    return rows
