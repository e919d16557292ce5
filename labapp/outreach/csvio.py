"""Read and write the invitation list as CSV; an import takes every row or none."""
import csv
import io

from flask_babel import gettext as _
from sqlalchemy import select

from labapp.accounts.service import normalise_email
from labapp.extensions import db
from labapp.labs.constants import LEVELS, SUPPORT_NEEDS
from labapp.labs.models import Membership

from .models import STATUSES, Outreach

COLUMNS = ["name", "email", "actor", "sector", "level", "workshop", "inviter_email", "status",
           "support_needs", "interpreter_language", "notes"]
MAX_BYTES = 5 * 1024 * 1024


class CsvProblem(ValueError):
    """Raised for a file that cannot be read at all (encoding, header)."""


def export_rows(rows: list[Outreach]) -> str:
    """Return the invitations as CSV text with the import's columns."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for o in rows:
        writer.writerow([o.person_name, o.email or "", o.actor.name if o.actor else "", o.sector or "",
                         o.level or "", o.workshop.title if o.workshop else "",
                         o.inviter.user.email if o.inviter and o.inviter.user.email else "", o.status,
                         ";".join(o.support_needs or []), o.interpreter_language or "", o.notes])
    return out.getvalue()


def template() -> str:
    """Return a CSV with the header and one example row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerow(["Sam Example", "sam@example.org", "", "community", "resident", "", "", "to_invite",
                     "interpreter;creche", "ur", ""])
    return out.getvalue()


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise CsvProblem(_("The file is larger than 5 MB. Split it into smaller files."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CsvProblem(_("The file is not in UTF-8. Save it again as \"CSV UTF-8\" and try again.")) from error


def parse(lab, data: bytes, *, actors: dict, workshops: dict, languages) -> tuple[list[dict], list[tuple[int, str]]]:
    """Check every row; return the rows ready to import and the problems as (line number, reason)."""
    reader = csv.DictReader(io.StringIO(_decode(data), newline=""))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in ("name", "actor", "sector") if name not in header]
    unknown = [name for name in header if name not in COLUMNS]
    if missing or unknown or not header:
        raise CsvProblem(_("The first line must name the columns: %(columns)s.", columns=", ".join(COLUMNS)))
    reader.fieldnames = header
    inviters = {m.user.email.lower(): m for m in db.session.scalars(
        select(Membership).where(Membership.lab_id == lab.id)) if m.user.email}
    sectors = lab.sectors
    rows, problems, seen = [], [], set()
    for line, raw in enumerate(reader, start=2):
        row = {key: (value or "").strip() for key, value in raw.items() if key}
        if None in raw:
            problems.append((line, _("This row has more values than there are columns.")))
            continue
        if not any(row.values()):
            continue
        reasons = []
        actor = actors.get(row.get("actor", "").lower()) if row.get("actor") else None
        if row.get("actor") and actor is None:
            reasons.append(_("No actor on the system map is called \"%(name)s\".", name=row["actor"]))
        if not row.get("name") and not row.get("actor"):
            reasons.append(_("Give a name or an actor."))
        if row.get("sector") and row["sector"] not in sectors:
            reasons.append(_("Unknown sector \"%(value)s\".", value=row["sector"]))
        if row.get("level") and row["level"] not in LEVELS:
            reasons.append(_("Unknown level \"%(value)s\".", value=row["level"]))
        status = row.get("status") or "to_invite"
        if status not in STATUSES:
            reasons.append(_("Unknown status \"%(value)s\".", value=status))
        workshop = workshops.get(row.get("workshop", "").lower()) if row.get("workshop") else None
        if row.get("workshop") and workshop is None:
            reasons.append(_("No workshop is called \"%(name)s\".", name=row["workshop"]))
        inviter = inviters.get(row.get("inviter_email", "").lower()) if row.get("inviter_email") else None
        if row.get("inviter_email") and inviter is None:
            reasons.append(_("Nobody in the lab has the email address %(email)s.", email=row["inviter_email"]))
        needs = [need.strip() for need in row.get("support_needs", "").split(";") if need.strip()]
        if any(need not in SUPPORT_NEEDS for need in needs):
            reasons.append(_("Unknown support need in \"%(value)s\".", value=row.get("support_needs", "")))
        language = row.get("interpreter_language") or None
        if language and language not in languages:
            reasons.append(_("Unknown interpreter language \"%(value)s\".", value=language))
        email = normalise_email(row.get("email"))
        if email and ("@" not in email or " " in email):
            reasons.append(_("\"%(value)s\" is not an email address.", value=row["email"]))
        key = (row.get("name", "").lower(), email, row.get("actor", "").lower(), row.get("workshop", "").lower())
        if key in seen:
            reasons.append(_("This row repeats an earlier row."))
        seen.add(key)
        if reasons:
            problems.append((line, " ".join(str(reason) for reason in reasons)))
            continue
        rows.append({"person_name": row.get("name", ""), "email": email, "actor_id": actor.id if actor else None,
                     "sector": row.get("sector") or (actor.sector if actor else None),
                     "level": row.get("level") or (actor.level if actor else None),
                     "workshop_id": workshop.id if workshop else None, "inviter_id": inviter.id if inviter else None,
                     "status": status, "support_needs": needs, "interpreter_language": language,
                     "notes": row.get("notes", "")})
    return rows, problems


def import_rows(lab, rows: list[dict]) -> int:
    """Insert checked rows in one go; return how many."""
    if rows:
        db.session.execute(Outreach.__table__.insert(), [{"lab_id": lab.id, **row} for row in rows])
    return len(rows)
