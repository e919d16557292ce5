"""Read and write CSV files the way people's spreadsheets expect, and safely.

Writing adds a byte-order mark (so every script opens correctly) and keeps cells from being read as formulas.
Reading takes UTF-8 with or without a byte-order mark, checks the header, and returns every problem with its
line number, so that an import can take all rows or none.
"""
import csv
import io

from flask import Response
from flask_babel import gettext as _

MAX_ROWS = 20_000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_csv(columns, rows) -> str:
    """Return CSV text with a header, a byte-order mark, and formula-safe text cells."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if columns:
        writer.writerow(columns)
    writer.writerows([[value if isinstance(value, (int, float)) else safe_cell(value) for value in row] for row in rows])
    return "\ufeff" + out.getvalue()


def safe_cell(value) -> str:
    """Keep a cell from being read as a formula by a spreadsheet program."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def unsafe_cell(value: str) -> str:
    """Undo safe_cell: drop the apostrophe this app puts before a leading formula character."""
    return value[1:] if value[:1] == "'" and value[1:2] in FORMULA_STARTS else value


class CsvProblems(Exception):
    """The file cannot be imported; errors is a list of (line number, reason)."""

    def __init__(self, errors):
        super().__init__("invalid file")
        self.errors = errors


def read_csv(data: bytes, columns: list[str], *, required=None, max_rows: int = MAX_ROWS) -> list[tuple[int, dict]]:
    """Decode and parse the file; return (line number, {column: value}) for each non-empty row.

    Every column in `required` (all columns by default) must be in the header; other known columns may be
    left out and read as empty.
    """
    required = columns if required is None else required
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvProblems([(0, _("The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again."))])
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            raise CsvProblems([(1, _("The file is empty. The first line must name the columns."))])
        names = [cell.strip().casefold() for cell in header]
        errors = []
        missing = [c for c in required if c not in names]
        unknown = [cell.strip() for cell, name in zip(header, names) if name not in columns]
        repeated = sorted({n for n in names if names.count(n) > 1 and n in columns})
        if missing:
            errors.append((1, _("Missing columns: %(columns)s.", columns=", ".join(missing))))
        if unknown:
            errors.append((1, _("Unknown columns: %(columns)s. The columns are: %(expected)s.",
                                columns=", ".join(unknown), expected=", ".join(columns))))
        if repeated:
            errors.append((1, _("Columns named twice: %(columns)s.", columns=", ".join(repeated))))
        if errors:
            raise CsvProblems(errors)
        rows = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= max_rows:
                raise CsvProblems([(reader.line_num, _("The file has more than %(max)s rows. Split it into smaller files.",
                                                       max=max_rows))])
            if len(cells) > len(names):
                errors.append((reader.line_num, _("This row has more cells than there are columns.")))
                continue
            cells = cells + [""] * (len(names) - len(cells))
            row = dict.fromkeys(columns, "")
            row.update({name: unsafe_cell(cell.strip()) for name, cell in zip(names, cells)})
            rows.append((reader.line_num, row))
    except csv.Error as error:
        raise CsvProblems([(reader.line_num, _("This line could not be read as CSV (%(reason)s).", reason=str(error)))])
    if errors:
        raise CsvProblems(errors)
    if not rows:
        raise CsvProblems([(2, _("The file has a header but no rows."))])
    return rows


def csv_response(text: str, filename: str) -> Response:
    """Answer with a CSV download that no shared cache keeps."""
    response = Response(text, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
