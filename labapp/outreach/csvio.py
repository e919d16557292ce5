"""Read and write the invitation list as CSV; an import takes every row or none."""
from flask_babel import gettext as _
from sqlalchemy import select

from labapp.accounts.service import normalise_email
from labapp.csvfiles import CsvProblems, read_csv, write_csv
from labapp.extensions import db
from labapp.labs.constants import DESIGN_TEAM, FACILITATOR, LEVELS, SUPPORT_NEEDS
from labapp.labs.models import Membership, MembershipRole

from .models import STATUSES, Outreach

COLUMNS = ["name", "email", "actor", "sector", "level", "workshop", "inviter_email", "status",
           "support_needs", "interpreter_language", "notes"]
MAX_BYTES = 5 * 1024 * 1024


def export_rows(rows: list[Outreach]) -> str:
    """Return the invitations as CSV text with the import's columns."""
    return write_csv(COLUMNS, [
        [o.person_name, o.email or "", o.actor.name if o.actor else "", o.sector or "", o.level or "",
         o.workshop.title if o.workshop else "", o.inviter.user.email if o.inviter and o.inviter.user.email else "",
         o.status, ";".join(o.support_needs or []), o.interpreter_language or "", o.notes]
        for o in rows])


def template() -> str:
    """Return a CSV with the header and one example row."""
    return write_csv(COLUMNS, [["Sam Example", "sam@example.org", "", "community", "resident", "", "", "to_invite",
                                "interpreter;creche", "ur", ""]])


def parse(lab, data: bytes, *, actors: dict, workshops: dict, languages) -> tuple[list[dict], list[tuple[int, str]]]:
    """Check every row; return the rows ready to import and the problems as (line number, reason).

    Raises CsvProblems when the file itself cannot be read (encoding, header, size).
    """
    if len(data) > MAX_BYTES:
        raise CsvProblems([(0, _("The file is larger than 5 MB. Split it into smaller files."))])
    parsed = read_csv(data, COLUMNS, required=("name", "actor", "sector"))
    inviters = {m.user.email.lower(): m for m in db.session.scalars(
        select(Membership).where(Membership.lab_id == lab.id,
                                 Membership.role_rows.any(MembershipRole.role.in_((FACILITATOR, DESIGN_TEAM)))))
        if m.user.email}
    sectors = lab.sectors
    rows, problems, seen = [], [], set()
    for line, row in parsed:
        reasons = []
        actor = actors.get(row.get("actor", "").lower()) if row.get("actor") else None
        if row.get("actor") and actor is None:
            reasons.append(_("No actor on the system map is called \"%(name)s\".", name=row["actor"]))
        if not row.get("name") and not row.get("actor"):
            reasons.append(_("Give a name or an actor."))
        if len(row.get("name", "")) > 120:
            reasons.append(_("Use 120 characters or fewer."))
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
            reasons.append(_("Nobody in the lab's design team has the email address %(email)s.", email=row["inviter_email"]))
        needs = [need.strip() for need in row.get("support_needs", "").split(";") if need.strip()]
        if any(need not in SUPPORT_NEEDS for need in needs):
            reasons.append(_("Unknown support need in \"%(value)s\".", value=row.get("support_needs", "")))
        language = row.get("interpreter_language") or None
        if language and language not in languages:
            reasons.append(_("Unknown interpreter language \"%(value)s\".", value=language))
        email = normalise_email(row.get("email"))
        if email and ("@" not in email or " " in email or len(email) > 254):
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
