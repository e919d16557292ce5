"""Generate a lab's people with roles and sectors, invitations, the system map, workshops and outreach."""
from datetime import datetime, time, timedelta

from labapp.accounts.models import User, utcnow
from labapp.labs.constants import (COACH, DESIGN_TEAM, FACILITATOR, PANEL_MEMBER, PARTICIPANT, PROTOTYPE_TEAM,
                                   SPONSOR)
from labapp.labs.models import Invitation, Membership, MembershipRole
from labapp.labs.service import unused_code
from labapp.outreach.models import Outreach
from labapp.systemmap.models import Actor, Tie
from labapp.workshops.models import AgendaItem, Attendance, Workshop

from .genlib import (AREAS, LOCALES, PROFESSIONAL_LEVELS, PROFESSIONAL_SECTORS, Gen, insert_rows, person_name,
                     token_hash)

# The share of each role's people who are residents (the community sector).
RESIDENT_SHARE = {DESIGN_TEAM: 0.25, COACH: 0.0, SPONSOR: 0.0, PANEL_MEMBER: 0.34, PROTOTYPE_TEAM: 0.5,
                  PARTICIPANT: 0.55, FACILITATOR: 0.0}
SUPPORT = ["interpreter", "creche", "step_free", "large_print"]


def role_plan(g: Gen) -> list[tuple[str, ...]]:
    """Return each new person's roles, in order: the lab's creator (already a facilitator) is not in it."""
    prototypes = g.n(2)
    plan = [(FACILITATOR,)] * 2 + [(DESIGN_TEAM,)] * 8 + [(COACH,)] * g.n(1) + [(SPONSOR,)] * g.n(1)
    plan += [(PANEL_MEMBER,)] * 12 + [(PROTOTYPE_TEAM, PARTICIPANT)] * (4 * prototypes)
    total = g.n(100)
    plan += [(PARTICIPANT,)] * max(0, total - 1 - len(plan))
    return plan


def add_people(g: Gen, creator_membership) -> None:
    """Add about 100 people per scale unit, with roles, sectors and, for most organisers, a login."""
    rng, lab = g.rng, g.lab
    plan = role_plan(g)
    users, specs = [], []
    for index, roles in enumerate(plan):
        main = roles[0]
        resident = rng.random() < RESIDENT_SHARE[main]
        sector = "community" if resident else rng.choice(PROFESSIONAL_SECTORS)
        level = "resident" if resident else rng.choice(PROFESSIONAL_LEVELS)
        has_login = main != PARTICIPANT or rng.random() < 0.4
        name = person_name(rng)
        users.append({"name": name, "email": f"p{index + 1}.lab{lab.id}@bench.example.org" if has_login else None,
                      "password_hash": g.password_hash if has_login else None,
                      "locale": rng.choice(LOCALES), "session_token": token_hash()[:32], "created_at": utcnow()})
        needs = [rng.choice(SUPPORT)] if rng.random() < 0.12 else []
        specs.append((roles, name, sector, level, needs))
    user_ids = insert_rows(User, users, ids=True)
    joined = datetime.combine(g.today - timedelta(weeks=40), time(10))
    membership_ids = insert_rows(Membership, [
        {"lab_id": lab.id, "user_id": uid, "sector": sector, "support_needs": needs,
         "joined_at": joined + timedelta(minutes=i)}
        for i, (uid, (_roles, _name, sector, _level, needs)) in enumerate(zip(user_ids, specs))], ids=True)
    insert_rows(MembershipRole, [{"membership_id": mid, "role": role}
                                 for mid, (roles, *_rest) in zip(membership_ids, specs) for role in roles])
    creator = creator_membership
    creator.sector = "vcse"
    g.members = [{"id": creator.id, "user_id": creator.user_id, "name": creator.user.name, "sector": "vcse",
                  "level": "manager", "roles": (FACILITATOR,), "email": creator.user.email}]
    for mid, uid, user, (roles, name, sector, level, _needs) in zip(membership_ids, user_ids, users, specs):
        g.members.append({"id": mid, "user_id": uid, "name": name, "sector": sector, "level": level,
                          "roles": roles, "email": user["email"]})
    for member in g.members:
        for role in member["roles"]:
            g.by_role.setdefault(role, []).append(member)
    g.counts["people"] = len(g.members)


def add_invitations(g: Gen) -> None:
    """Add an accepted invitation for each person with a login, and some still pending or revoked."""
    rng, lab = g.rng, g.lab
    inviters = [m["user_id"] for m in g.role(FACILITATOR) + g.role(DESIGN_TEAM)]
    sent = datetime.combine(g.today - timedelta(weeks=42), time(9))
    rows = []
    for member in g.members[1:]:
        if member["email"]:
            rows.append({"lab_id": lab.id, "email": member["email"], "role": member["roles"][0],
                         "token_hash": token_hash(), "invited_by_id": rng.choice(inviters), "created_at": sent,
                         "accepted_at": sent + timedelta(days=rng.randint(1, 20)), "accepted_by_id": member["user_id"],
                         "revoked_at": None, "emailed": True})
    for index in range(g.n(12)):
        revoked = index % 6 == 0
        rows.append({"lab_id": lab.id, "email": f"invitee{index}.lab{lab.id}@bench.example.org",
                     "role": PARTICIPANT, "token_hash": token_hash(), "invited_by_id": rng.choice(inviters),
                     "created_at": sent + timedelta(days=index % 30), "accepted_at": None, "accepted_by_id": None,
                     "revoked_at": sent + timedelta(days=40) if revoked else None, "emailed": index % 2 == 0})
    insert_rows(Invitation, rows)
    g.counts["invitations"] = len(rows)


ORG_KINDS = ["GP practice", "Primary Care Network", "Community Hub", "Food Bank", "Mosque", "Housing Office",
             "Children's Centre", "Pharmacy", "Job Centre", "Carers' Group", "Library", "Women's Group"]
TEAM_NAMES = ["Community nursing team", "Social prescribing team", "Reception team", "Welfare rights team",
              "Mental health team", "Health visiting team"]
ROLE_NAMES = ["Care navigator", "Practice manager", "Community connector", "Ward councillor", "Imam",
              "Link worker"]
GROUP_NAMES = ["Parents' group", "Over-60s lunch club", "Youth forum", "Patient participation group",
               "Allotment society", "Refugee support group"]
TIE_KINDS = ["commissions", "funds", "refers_to", "works_with", "works_with", "trusts", "could_connect"]


def add_system_map(g: Gen) -> None:
    """Add about ten actors per scale unit (some parts of another) and two to three ties per actor."""
    rng, lab = g.rng, g.lab
    organisations, others = [], []
    for index in range(g.n(10)):
        roll = rng.random()
        area = AREAS[index % len(AREAS)]
        if roll < 0.4:
            kind, name = "organisation", f"{area} {rng.choice(ORG_KINDS)}"
        elif roll < 0.6:
            kind, name = "group", f"{area} {rng.choice(GROUP_NAMES)}"
        elif roll < 0.8:
            kind, name = "team", f"{rng.choice(TEAM_NAMES)}, {area}"
        elif roll < 0.9:
            kind, name = "role", f"{rng.choice(ROLE_NAMES)}, {area}"
        else:
            kind, name = "person", person_name(rng)
        resident = kind in ("group", "person") and rng.random() < 0.5
        row = {"lab_id": lab.id, "kind": kind, "name": f"{name} {index + 1}", "parent_id": None,
               "sector": "community" if resident else rng.choice(PROFESSIONAL_SECTORS),
               "level": "resident" if resident else rng.choice(PROFESSIONAL_LEVELS),
               "services": "Advice, support and referrals for local families." if kind == "organisation" else "",
               "tags": rng.sample(["housing", "money", "language", "children", "older people", "mental health"], 2),
               "notes": ""}
        (organisations if kind == "organisation" else others).append(row)
    org_ids = insert_rows(Actor, organisations, ids=True)
    for row in others:
        if org_ids and row["kind"] in ("team", "role") and rng.random() < 0.5:
            row["parent_id"] = rng.choice(org_ids)
    other_ids = insert_rows(Actor, others, ids=True)
    g.organisation_actors = [(aid, row["name"]) for aid, row in zip(org_ids, organisations)]
    g.actor_ids = org_ids + other_ids
    ties, seen = [], set()
    wanted = int(len(g.actor_ids) * 2.5)
    while len(ties) < wanted and len(g.actor_ids) > 1:
        source, target = rng.sample(g.actor_ids, 2)
        kind = rng.choice(TIE_KINDS)
        if (source, target, kind) in seen:
            continue
        seen.add((source, target, kind))
        ties.append({"lab_id": lab.id, "source_id": source, "target_id": target, "kind": kind,
                     "strength": rng.randint(1, 3), "note": ""})
    insert_rows(Tie, ties)
    g.counts["actors"], g.counts["ties"] = len(g.actor_ids), len(ties)


WORKSHOPS = [("observe", "Observe: what the data tells us", 9), ("retreat", "Retreat: stepping back", 5),
             ("act", "Act: forming prototype teams", 2)]
AGENDA = [("09:30", "Arrive, tea and coffee"), ("10:00", "Welcome and the lab's question"),
          ("10:30", "Working in mixed tables"), ("12:30", "Lunch"), ("13:15", "Sharing back"),
          ("14:30", "What happens next")]
# The share of members who come to each workshop.
TURNOUT = {"observe": 0.72, "retreat": 0.55, "act": 0.45}


def add_workshops(g: Gen) -> None:
    """Add the Observe, Retreat and Act workshops with an agenda, check-ins and a few walk-ins."""
    rng, lab = g.rng, g.lab
    facilitator_users = [m["user_id"] for m in g.role(FACILITATOR)]
    for kind, title, weeks_before in WORKSHOPS:
        day = g.prototypes_start - timedelta(weeks=weeks_before) + timedelta(days=2)
        starts = datetime.combine(day, time(9, 30))
        workshop_id = insert_rows(Workshop, [{
            "lab_id": lab.id, "kind": kind, "title": title, "starts_at": starts,
            "ends_at": datetime.combine(day, time(15, 30)), "venue": "Carlisle Business Centre, Manningham",
            "access_notes": "Step-free entrance from the car park; lift to the first floor.",
            "support_offered": ["interpreter", "creche", "step_free", "lunch"],
            "interpreter_languages": ["ur", "bn", "pl"], "checkin_code": unused_code(Workshop.checkin_code)}],
            ids=True)[0]
        insert_rows(AgendaItem, [{"workshop_id": workshop_id, "position": i, "starts": at, "title": what}
                                 for i, (at, what) in enumerate(AGENDA)])
        came = [m for m in g.members if FACILITATOR in m["roles"] or rng.random() < TURNOUT[kind]]
        rows = [{"workshop_id": workshop_id, "membership_id": m["id"], "name": m["name"], "sector": m["sector"],
                 "level": m["level"], "walk_in": False, "checked_in_at": starts + timedelta(seconds=7 * i),
                 "checked_in_by_id": rng.choice(facilitator_users)} for i, m in enumerate(came)]
        for i in range(g.n(3)):
            resident = i % 2 == 0
            rows.append({"workshop_id": workshop_id, "membership_id": None, "name": person_name(rng),
                         "sector": "community" if resident else rng.choice(PROFESSIONAL_SECTORS),
                         "level": "resident" if resident else "frontline", "walk_in": True,
                         "checked_in_at": starts + timedelta(minutes=30 + i), "checked_in_by_id": facilitator_users[0]})
        insert_rows(Attendance, rows)
        g.workshops[kind] = (workshop_id, starts)
        g.attendees[kind] = came
        g.counts[f"attendance_{kind}"] = len(rows)


def add_outreach(g: Gen) -> None:
    """Add the design team's outreach list: every member reached, and more people still to reach."""
    rng, lab = g.rng, g.lab
    inviters = [m["id"] for m in g.role(DESIGN_TEAM)]
    observe_id = g.workshops["observe"][0]
    observed = {m["id"] for m in g.attendees["observe"]}
    people_actors = g.actor_ids
    rows = []

    def row(**values):
        base = {"lab_id": lab.id, "actor_id": None, "person_name": "", "email": None, "sector": None, "level": None,
                "workshop_id": None, "inviter_id": rng.choice(inviters), "status": "to_invite", "support_needs": [],
                "interpreter_language": None, "notes": "", "invitation_id": None, "membership_id": None}
        base.update(values)
        rows.append(base)

    for member in g.members[1:]:
        status = "attended" if member["id"] in observed else "accepted"
        row(person_name=member["name"], email=member["email"], sector=member["sector"], level=member["level"],
            workshop_id=observe_id if status == "attended" else None, status=status, membership_id=member["id"],
            actor_id=rng.choice(people_actors) if rng.random() < 0.1 else None)
    for index in range(g.n(25)):
        status = rng.choice(["to_invite", "to_invite", "invited", "invited", "declined"])
        resident = rng.random() < 0.5
        needs = ["interpreter"] if rng.random() < 0.15 else []
        row(person_name=person_name(rng), sector="community" if resident else rng.choice(PROFESSIONAL_SECTORS),
            level="resident" if resident else rng.choice(PROFESSIONAL_LEVELS), status=status, support_needs=needs,
            interpreter_language="ur" if needs else None,
            actor_id=rng.choice(people_actors) if rng.random() < 0.3 else None,
            notes="Met at the community hub; prefers a phone call." if index % 7 == 0 else "")
    insert_rows(Outreach, rows)
    g.counts["outreach"] = len(rows)
