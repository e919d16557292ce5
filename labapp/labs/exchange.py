"""Export a lab as JSON and create a new lab from such a file."""
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from labapp.accounts import service as accounts_service
from labapp.extensions import db

from .constants import DEFAULT_RESIDENT_TARGET, ROLES, SECTORS, STAGES
from .models import Lab, LabSector, LabStage, Membership
from .service import new_join_code, set_propositions

FORMAT = "labapp-export"
VERSION = 1


class ImportProblem(ValueError):
    """Raised when a file is not a labapp export this version can read."""


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def sections() -> list:
    """Return the areas that add their part to an export, in import order.

    Each is a module with SECTION_KEY, export_section(lab) -> JSON data, and
    import_section(lab, data, ids): ids maps a section key to {old id: new object}
    so that later sections can point at what earlier ones created.
    """
    from labapp.challenge import exchange as challenge_exchange
    from labapp.datacards import exchange as datacards_exchange
    from labapp.journeys import exchange as journeys_exchange
    from labapp.outreach import exchange as outreach_exchange
    from labapp.practice import exchange as practice_exchange
    from labapp.prototypes import exchange as prototypes_exchange
    from labapp.systemmap import exchange as systemmap_exchange
    from labapp.workshops import exchange as workshops_exchange

    return [systemmap_exchange, workshops_exchange, outreach_exchange, datacards_exchange, journeys_exchange,
            prototypes_exchange, challenge_exchange, practice_exchange]


def export_lab(lab: Lab) -> dict:
    """Return the lab, its stages and its members as plain data (never a password hash)."""
    # With their roles in the same query: selectin loading would send one query per 500 members.
    members = db.session.scalars(select(Membership).where(Membership.lab_id == lab.id)
                                 .options(joinedload(Membership.role_rows)).order_by(Membership.id)).unique().all()
    return {
        "format": FORMAT,
        "version": VERSION,
        "lab": {
            "id": lab.id,
            "name": lab.name,
            "place": lab.place,
            "question": lab.question,
            "propositions": lab.propositions,
            "starts_on": _iso(lab.starts_on),
            "ends_on": _iso(lab.ends_on),
            "resident_target": lab.resident_target,
            "sectors": [{"id": row.id, "code": row.code, "label": row.label} for row in lab.sector_rows],
            "stages": [
                {"id": s.id, "code": s.code, "position": s.position,
                 "starts_on": _iso(s.starts_on), "ends_on": _iso(s.ends_on)}
                for s in lab.stages
            ],
        },
        "members": [
            {
                "id": m.id,
                "user": {"id": m.user.id, "name": m.user.name, "email": m.user.email, "locale": m.user.locale},
                "sector": m.sector,
                "support_needs": sorted(m.support_needs or []),
                "roles": sorted(m.roles),
                "joined_at": _iso(m.joined_at),
            }
            for m in members
        ],
        **{section.SECTION_KEY: section.export_section(lab) for section in sections()},
    }


def _member_emails(entries) -> list[str]:
    """Return the addresses of the people the import will look up; entries it will reject are skipped here."""
    emails = []
    for entry in entries:
        try:
            if any(role in ROLES for role in entry.get("roles", [])) and isinstance(entry["user"].get("email"), str):
                emails.append(entry["user"]["email"])
        except (AttributeError, KeyError, TypeError):
            continue
    return emails


def import_lab(data: dict) -> Lab:
    """Create a new lab from exported data; people are matched by email or created without a password."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportProblem("not a labapp export file")
    if data.get("version") != VERSION:
        raise ImportProblem(f"unsupported export version {data.get('version')!r}; this labapp reads version {VERSION}")
    try:
        source = data["lab"]
        lab = Lab(name=source["name"], place=source["place"], question=source.get("question", ""),
                  starts_on=_date(source.get("starts_on")), ends_on=_date(source.get("ends_on")),
                  join_code=new_join_code())
        set_propositions(lab, source.get("propositions", []))
        lab.resident_target = int(source.get("resident_target", DEFAULT_RESIDENT_TARGET))
        sector_rows = source.get("sectors") or [{"code": code, "label": None} for code in SECTORS]
        lab.sector_rows = [LabSector(code=row["code"], label=row.get("label"), position=index)
                           for index, row in enumerate(sector_rows)]
        stages = {s["code"]: s for s in source.get("stages", [])}
        lab.stages = [
            LabStage(code=code, position=stages.get(code, {}).get("position", index),
                     starts_on=_date(stages.get(code, {}).get("starts_on")),
                     ends_on=_date(stages.get(code, {}).get("ends_on")))
            for index, code in enumerate(STAGES)
        ]
        db.session.add(lab)
        ids = {"members": {}}
        people = accounts_service.users_by_email(_member_emails(data.get("members", [])))
        for entry in data.get("members", []):
            roles = [role for role in entry.get("roles", []) if role in ROLES]
            if not roles:
                continue
            person = entry["user"]
            email = accounts_service.normalise_email(person.get("email"))
            user = people[email] if email in people else accounts_service.user_by_email(email)
            if user is None:
                user = accounts_service.new_user(name=person["name"], locale=person.get("locale"), email=email)
                if email:
                    people[email] = user  # the same address further down is the same person
            membership = Membership(lab=lab, user=user, sector=entry.get("sector"),
                                    support_needs=list(entry.get("support_needs", [])))
            if entry.get("joined_at"):
                membership.joined_at = datetime.fromisoformat(entry["joined_at"])
            for role in roles:
                membership.add_role(role)
            db.session.add(membership)
            ids["members"][entry.get("id")] = membership
        db.session.flush()
        for section in sections():
            if section.SECTION_KEY in data:
                section.import_section(lab, data[section.SECTION_KEY], ids)
    except (KeyError, TypeError, ValueError) as error:
        raise ImportProblem(f"the file is incomplete or malformed: {error}") from error
    db.session.flush()
    return lab
