"""Gather a lab's learning as plain, JSON-able data in one language: who took part, what the cards showed,
what the journeys saw. Prototypes and panels are in outcomes.py; `snapshot` puts it all together.

Every function runs a fixed number of grouped queries, however many people, cards or visits the lab has.
Nothing here names a person: the report holds aggregated learning only. Never commits.
"""
import hashlib
import json
from collections import Counter, defaultdict
from datetime import date

from flask_babel import force_locale, get_locale
from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload, selectinload

from labapp.datacards.models import Card, CardTranslation, Pick, PickSession
from labapp.extensions import db
from labapp.i18n import babel_locale
from labapp.journeys.constants import CANCELLED, CONFIRMED, DRAFT, FULL
from labapp.journeys.models import Debrief, SignUp, Visit, VisitTranslation
from labapp.labs.constants import RESIDENT_SECTOR, ROLES, STAGES
from labapp.labs.models import Invitation, Membership, MembershipRole
from labapp.outreach.constants import STATUS_LABELS
from labapp.outreach.models import Outreach
from labapp.practice.constants import KINDS as LESSON_KINDS
from labapp.practice.service import lessons_query
from labapp.workshops.constants import WORKSHOP_KINDS
from labapp.workshops.models import Attendance, Workshop

from .outcomes import panel_outcomes, prototypes

UNKNOWN_SECTOR = "unknown"


def _share(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _locale() -> str:
    return get_locale().language if get_locale() else "en"


# Who took part -------------------------------------------------------------------------------------

def participation(lab) -> dict:
    """Return members by sector against the resident target, roles, invitations and attendance per workshop."""
    sectors = lab.sectors
    by_sector = dict(db.session.execute(
        select(Membership.sector, func.count()).where(Membership.lab_id == lab.id).group_by(Membership.sector)).all())
    members = sum(by_sector.values())
    sector_rows = [{"code": code, "label": str(label), "count": by_sector.get(code, 0),
                    "share": _share(by_sector.get(code, 0), members)} for code, label in sectors.items()]
    unknown = sum(count for code, count in by_sector.items() if code not in sectors)
    if unknown:
        sector_rows.append({"code": UNKNOWN_SECTOR, "label": _not_said(), "count": unknown,
                            "share": _share(unknown, members)})
    roles = dict(db.session.execute(
        select(MembershipRole.role, func.count()).join(Membership, Membership.id == MembershipRole.membership_id)
        .where(Membership.lab_id == lab.id).group_by(MembershipRole.role)).all())
    invitations = db.session.execute(
        select(func.count(), func.count(Invitation.accepted_at), func.count(Invitation.revoked_at))
        .where(Invitation.lab_id == lab.id)).one()
    outreach = dict(db.session.execute(
        select(Outreach.status, func.count()).where(Outreach.lab_id == lab.id).group_by(Outreach.status)).all())
    residents = by_sector.get(RESIDENT_SECTOR, 0)
    return {
        "members": members,
        "sectors": sector_rows,
        "residents": residents,
        "resident_share": _share(residents, members),
        "resident_target": lab.resident_target,
        "roles": [{"code": code, "label": str(label), "count": roles.get(code, 0)} for code, label in ROLES.items()],
        "invitations": {"sent": int(invitations[0]), "accepted": int(invitations[1]),
                        "withdrawn": int(invitations[2]),
                        "accepted_share": _share(int(invitations[1]), int(invitations[0]) - int(invitations[2]))},
        "outreach": [{"code": code, "label": str(label), "count": outreach.get(code, 0)}
                     for code, label in STATUS_LABELS.items()],
        "outreach_total": sum(outreach.values()),
        "workshops": _attendance(lab, sectors),
    }


def _not_said() -> str:
    from flask_babel import gettext as _

    return _("Not given")


def _attendance(lab, sectors: dict) -> list[dict]:
    workshops = db.session.scalars(select(Workshop).where(Workshop.lab_id == lab.id)
                                   .order_by(Workshop.starts_at.is_(None), Workshop.starts_at, Workshop.id)).all()
    counts = defaultdict(Counter)
    for workshop_id, sector, count in db.session.execute(
            select(Attendance.workshop_id, Attendance.sector, func.count())
            .join(Workshop, Workshop.id == Attendance.workshop_id).where(Workshop.lab_id == lab.id)
            .group_by(Attendance.workshop_id, Attendance.sector)):
        counts[workshop_id][sector if sector in sectors else UNKNOWN_SECTOR] += count
    rows = []
    for workshop in workshops:
        row = counts[workshop.id]
        rows.append({"kind": workshop.kind, "kind_label": str(WORKSHOP_KINDS.get(workshop.kind, workshop.kind)),
                     "title": workshop.title, "date": _iso(workshop.starts_at.date() if workshop.starts_at else None),
                     "by_sector": {code: row.get(code, 0) for code in [*sectors, UNKNOWN_SECTOR]},
                     "total": sum(row.values())})
    return rows


# What the data showed ------------------------------------------------------------------------------

def cards(lab, top: int = 10) -> dict:
    """Return each pick session's most picked cards and themes, and the most picked cards across the lab."""
    locale = _locale()
    sessions = db.session.scalars(
        select(PickSession).where(PickSession.lab_id == lab.id)
        .options(joinedload(PickSession.workshop), selectinload(PickSession.themes))
        .order_by(PickSession.id)).all()
    if not sessions:
        return {"sessions": [], "top": [], "picks": 0}
    resident = case((Membership.sector == RESIDENT_SECTOR, 1), else_=0)
    tallies = defaultdict(dict)
    for session_id, card_id, residents, total in db.session.execute(
            select(Pick.session_id, Pick.card_id, func.sum(resident), func.count())
            .join(Membership, Membership.id == Pick.membership_id)
            .join(PickSession, PickSession.id == Pick.session_id).where(PickSession.lab_id == lab.id)
            .group_by(Pick.session_id, Pick.card_id)):
        tallies[session_id][card_id] = (int(residents or 0), int(total))
    pickers = dict(db.session.execute(
        select(Pick.session_id, func.count(func.distinct(Pick.membership_id)))
        .join(PickSession, PickSession.id == Pick.session_id).where(PickSession.lab_id == lab.id)
        .group_by(Pick.session_id)).all())
    deck_ids = {s.deck_id for s in sessions}
    card_rows = {row.id: row for row in db.session.execute(
        select(Card.id, Card.code, Card.headline).where(Card.deck_id.in_(deck_ids)))}
    translated = dict(db.session.execute(
        select(CardTranslation.card_id, CardTranslation.headline).join(Card, Card.id == CardTranslation.card_id)
        .where(Card.deck_id.in_(deck_ids), CardTranslation.language == locale)).all())

    def card(card_id, residents=0, total=0):
        row = card_rows[card_id]
        return {"code": row.code, "headline": translated.get(card_id) or row.headline, "count": total,
                "residents": residents, "professionals": total - residents}

    def ranked(counts: dict) -> list[dict]:
        rows = [card(card_id, *counts[card_id]) for card_id in counts if card_id in card_rows]
        return sorted(rows, key=lambda r: (-r["count"], r["code"]))[:top]

    result, across = [], defaultdict(lambda: [0, 0])
    for session in sessions:
        counts = tallies.get(session.id, {})
        for card_id, (residents, total) in counts.items():
            across[card_id][0] += residents
            across[card_id][1] += total
        themes = [{"name": theme.name,
                   "cards": [card(i, *counts.get(i, (0, 0))) for i in theme.card_ids if i in card_rows]}
                  for theme in session.themes]
        result.append({"title": session.title or session.workshop.title, "workshop": session.workshop.title,
                       "date": _iso(session.workshop.starts_at.date() if session.workshop.starts_at else None),
                       "pickers": pickers.get(session.id, 0), "picks": sum(t for _r, t in counts.values()),
                       "top": ranked(counts), "themes": themes})
    return {"sessions": result, "top": ranked({k: tuple(v) for k, v in across.items()}),
            "picks": sum(v[1] for v in across.values())}


# Learning journeys ---------------------------------------------------------------------------------

def journeys(lab, today: date | None = None) -> dict:
    """Return the visits offered and held, their places and sign-ups, and the shared debriefs, without names.

    Draft visits are left out (only organisers see them); private debriefs are never read.
    """
    today = today or date.today()
    locale = _locale()
    visits = db.session.scalars(
        select(Visit).where(Visit.lab_id == lab.id, Visit.status != DRAFT)
        .options(joinedload(Visit.host)).order_by(Visit.day, Visit.starts, Visit.id)).all()
    titles = dict(db.session.execute(
        select(VisitTranslation.visit_id, VisitTranslation.title).join(Visit, Visit.id == VisitTranslation.visit_id)
        .where(Visit.lab_id == lab.id, VisitTranslation.locale == locale, VisitTranslation.title != "")).all())
    confirmed = dict(db.session.execute(
        select(SignUp.visit_id, func.count()).join(Visit, Visit.id == SignUp.visit_id)
        .where(Visit.lab_id == lab.id, SignUp.status == CONFIRMED).group_by(SignUp.visit_id)).all())
    debriefs = defaultdict(list)
    for visit_id, saw, felt, thought in db.session.execute(
            select(Debrief.visit_id, Debrief.saw, Debrief.felt, Debrief.thought)
            .join(Visit, Visit.id == Debrief.visit_id)
            .where(Visit.lab_id == lab.id, Debrief.shared.is_(True)).order_by(Debrief.id)):
        if saw or felt or thought:
            debriefs[visit_id].append({"saw": saw, "felt": felt, "thought": thought})
    rows = []
    live = [v for v in visits if v.status != CANCELLED]
    for visit in visits:
        visitors = confirmed.get(visit.id, 0)
        rows.append({
            "title": titles.get(visit.id) or visit.title,
            "host": visit.host.organisation, "date": _iso(visit.day), "area": visit.area,
            "capacity": visit.capacity, "visitors": visitors, "cancelled": visit.status == CANCELLED,
            "held": visit.status != CANCELLED and visit.day < today,
            "full": visit.status != CANCELLED and (visit.status == FULL or visitors >= visit.capacity),
            "debriefs": debriefs.get(visit.id, []), "host_reflection": visit.host_reflection.strip(),
        })
    return {
        "offered": len(live),
        "held": sum(r["held"] for r in rows),
        "cancelled": len(visits) - len(live),
        "places": sum(v.capacity for v in live),
        "confirmed": sum(r["visitors"] for r in rows if not r["cancelled"]),
        "full": sum(r["full"] for r in rows),
        "debriefs_shared": sum(len(r["debriefs"]) for r in rows),
        "visits": rows,
    }


def lessons(lab) -> list[dict]:
    """Return the lessons learnt in the lab's review sessions, grouped by kind, without their authors' names."""
    grouped = {kind: [] for kind in LESSON_KINDS}
    for lesson in db.session.scalars(lessons_query(lab)):
        grouped.setdefault(lesson.kind, []).append({
            "text": lesson.text,
            "stage": str(STAGES[lesson.stage]) if lesson.stage in STAGES else None,
            "prototype": lesson.prototype.name if lesson.prototype else None,
            "session": lesson.session.title,
            "held_on": _iso(lesson.session.held_on),
        })
    return [{"kind": kind, "label": str(LESSON_KINDS.get(kind, kind)), "lessons": rows}
            for kind, rows in grouped.items() if rows]


# The whole snapshot --------------------------------------------------------------------------------

def snapshot(lab, locale: str, today: date | None = None) -> dict:
    """Return everything the report shows, in one language, as one JSON-able dict."""
    today = today or date.today()
    with force_locale(babel_locale(locale)):
        return {
            "locale": locale,
            "lab": {"id": lab.id, "name": lab.name, "place": lab.place, "question": lab.question,
                    "starts_on": _iso(lab.starts_on), "ends_on": _iso(lab.ends_on),
                    "propositions": lab.propositions,
                    "sectors": [{"code": code, "label": str(label)} for code, label in lab.sectors.items()]},
            "participation": participation(lab),
            "cards": cards(lab),
            "journeys": journeys(lab, today),
            "prototypes": prototypes(lab, today),
            "panels": panel_outcomes(lab),
            "lessons": lessons(lab),
        }


def canonical_json(data: dict) -> str:
    """Return the snapshot as JSON with sorted keys and no spaces, the same text for the same data."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def fingerprint(data: dict) -> str:
    """Return the sha256 of the snapshot's canonical JSON."""
    return hashlib.sha256(canonical_json(data).encode()).hexdigest()
