"""Carry a lab's learning journeys in its JSON export and import.

Hosts point at system-map actors through ids["actors"], people through ids["members"]. Secret links (the
hosts' and the calendar addresses) stay behind: new ones are made after an import. Private debriefs stay
behind too: their authors were told only they would read them.
"""
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from labapp.extensions import db

from .constants import CONFIRMED, SIGNUP_STATUSES
from .models import Debrief, Host, Preference, PreferenceRound, SignUp, Visit, VisitTranslation

SECTION_KEY = "journeys"
VISIT_TEXT = ("title", "host_does", "will_see", "address", "area", "access_notes", "other_language", "status",
              "host_reflection")


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def export_section(lab) -> dict:
    """Return hosts, visits (with translations, sign-ups in order and debriefs) and preference rounds."""
    hosts = db.session.scalars(select(Host).where(Host.lab_id == lab.id).order_by(Host.id)
                               .options(selectinload(Host.actor))).all()
    visits = db.session.scalars(select(Visit).where(Visit.lab_id == lab.id).order_by(Visit.id)
                                .options(selectinload(Visit.translations))).all()
    visit_ids = [v.id for v in visits]
    signups, debriefs = {}, {}
    if visit_ids:
        for row in db.session.scalars(select(SignUp).where(SignUp.visit_id.in_(visit_ids))
                                      .order_by(SignUp.queued_at, SignUp.id)):
            signups.setdefault(row.visit_id, []).append(row)
        for row in db.session.scalars(select(Debrief).where(Debrief.visit_id.in_(visit_ids),
                                                            Debrief.shared.is_(True)).order_by(Debrief.id)):
            debriefs.setdefault(row.visit_id, []).append(row)
    rounds = db.session.scalars(select(PreferenceRound).where(PreferenceRound.lab_id == lab.id)
                                .order_by(PreferenceRound.id)).all()
    preferences = {}
    if rounds:
        for row in db.session.scalars(select(Preference).where(Preference.round_id.in_([r.id for r in rounds]))
                                      .order_by(Preference.membership_id, Preference.rank)):
            preferences.setdefault(row.round_id, []).append(row)
    return {
        "hosts": [{"id": h.id, "actor_id": h.actor_id, "name": h.name, "organisation": h.organisation,
                   "contact_name": h.contact_name, "contact_email": h.contact_email,
                   "contact_phone": h.contact_phone} for h in hosts],
        "visits": [{
            "id": v.id, "host_id": v.host_id, **{name: getattr(v, name) for name in VISIT_TEXT},
            "day": v.day.isoformat(), "starts": v.starts.strftime("%H:%M"), "ends": v.ends.strftime("%H:%M"),
            "capacity": v.capacity, "languages": list(v.languages or []),
            "translations": [{"locale": t.locale, "title": t.title, "host_does": t.host_does, "will_see": t.will_see}
                             for t in v.translations],
            # In waiting-list order: confirmed and waiting people keep their turn.
            "signups": [{"membership_id": s.membership_id, "status": s.status, "queued_at": _iso(s.queued_at)}
                        for s in signups.get(v.id, [])],
            "debriefs": [{"membership_id": d.membership_id, "saw": d.saw, "felt": d.felt, "thought": d.thought,
                          "shared": d.shared, "updated_at": _iso(d.updated_at)} for d in debriefs.get(v.id, [])],
        } for v in visits],
        "rounds": [{"id": r.id, "title": r.title, "status": r.status, "visit_ids": list(r.visit_ids or []),
                    "allocation": r.allocation, "published_at": _iso(r.published_at),
                    "preferences": [{"membership_id": p.membership_id, "visit_id": p.visit_id, "rank": p.rank}
                                    for p in preferences.get(r.id, [])]} for r in rounds],
    }


def import_section(lab, data: dict, ids: dict) -> None:
    """Create the hosts, visits, sign-ups, debriefs and rounds in the new lab."""
    actors, members = ids.get("actors", {}), ids.get("members", {})
    hosts, visits = {}, {}
    ids[SECTION_KEY] = visits

    def member_id(old):
        member = members.get(old)
        return member.id if member is not None else None

    for entry in data.get("hosts", []):
        actor = actors.get(entry.get("actor_id")) if entry.get("actor_id") is not None else None
        host = Host(lab_id=lab.id, actor_id=actor.id if actor is not None else None,
                    organisation="" if actor else (entry.get("organisation") or entry.get("name") or "?"),
                    contact_name=entry.get("contact_name") or "", contact_email=entry.get("contact_email") or "",
                    contact_phone=entry.get("contact_phone") or "")
        db.session.add(host)
        db.session.flush()
        hosts[entry["id"]] = host
    for entry in data.get("visits", []):
        visit = Visit(lab_id=lab.id, host_id=hosts[entry["host_id"]].id,
                      **{name: entry.get(name) or "" for name in VISIT_TEXT},
                      day=date.fromisoformat(entry["day"]), starts=time.fromisoformat(entry["starts"]),
                      ends=time.fromisoformat(entry["ends"]), capacity=int(entry.get("capacity") or 6),
                      languages=list(entry.get("languages") or []))
        visit.status = entry.get("status") or "draft"
        visit.translations = [VisitTranslation(locale=t["locale"], title=t.get("title") or "",
                                               host_does=t.get("host_does") or "", will_see=t.get("will_see") or "")
                              for t in entry.get("translations", [])]
        rows = [s for s in entry.get("signups", []) if member_id(s.get("membership_id")) is not None
                and s.get("status") in SIGNUP_STATUSES]
        visit.confirmed_count = sum(1 for s in rows if s["status"] == CONFIRMED)
        if visit.confirmed_count > visit.capacity:
            raise ValueError(f"visit {entry['id']} has more confirmed sign-ups than places")
        db.session.add(visit)
        db.session.flush()
        for s in rows:
            queued = datetime.fromisoformat(s["queued_at"]) if s.get("queued_at") else datetime.now()
            db.session.add(SignUp(visit_id=visit.id, membership_id=member_id(s["membership_id"]), status=s["status"],
                                  queued_at=queued, updated_at=queued))
            db.session.flush()  # one at a time: ids keep the exported order for equal times
        for d in entry.get("debriefs", []):
            if member_id(d.get("membership_id")) is None:
                continue
            debrief = Debrief(visit_id=visit.id, membership_id=member_id(d["membership_id"]), saw=d.get("saw") or "",
                              felt=d.get("felt") or "", thought=d.get("thought") or "", shared=bool(d.get("shared")))
            if d.get("updated_at"):
                debrief.updated_at = datetime.fromisoformat(d["updated_at"])
            db.session.add(debrief)
        visits[entry["id"]] = visit
    db.session.flush()
    for entry in data.get("rounds", []):
        allocation = None
        if entry.get("allocation") is not None:
            allocation = {}
            for old_member, old_visit in entry["allocation"].items():
                new_member = member_id(int(old_member))
                if new_member is not None:
                    allocation[str(new_member)] = visits[old_visit].id if old_visit in visits else None
        round_ = PreferenceRound(lab_id=lab.id, title=entry["title"], status=entry.get("status") or "open",
                                 visit_ids=[visits[v].id for v in entry.get("visit_ids", []) if v in visits],
                                 allocation=allocation,
                                 published_at=datetime.fromisoformat(entry["published_at"])
                                 if entry.get("published_at") else None)
        db.session.add(round_)
        db.session.flush()
        for p in entry.get("preferences", []):
            if member_id(p.get("membership_id")) is not None and p.get("visit_id") in visits:
                db.session.add(Preference(round_id=round_.id, membership_id=member_id(p["membership_id"]),
                                          visit_id=visits[p["visit_id"]].id, rank=int(p["rank"])))
    db.session.flush()
