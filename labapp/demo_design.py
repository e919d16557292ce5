"""Give the first demo lab a small system map, three workshops and an invitation list."""
from datetime import datetime

from sqlalchemy import select

from labapp.extensions import db
from labapp.outreach.models import Outreach
from labapp.systemmap import service as map_service
from labapp.systemmap.models import Actor
from labapp.workshops import service as workshop_service

# Made-up organisations of a northern English city, in labapp's own words.
ACTORS = [
    ("organisation", "City Hospitals Trust", "nhs", "executive", "Acute care, outpatients", ["trust"], None),
    ("organisation", "Northside Primary Care Network", "nhs", "senior_leader", "GP practices working together", ["pcn"], None),
    ("organisation", "Moor Lane Surgery", "nhs", "frontline", "General practice, 9,000 patients", ["gp practice"], "Northside Primary Care Network"),
    ("organisation", "Canal Street Medical Centre", "nhs", "frontline", "General practice, 12,000 patients", ["gp practice"], "Northside Primary Care Network"),
    ("organisation", "City Council Public Health", "local_authority", "senior_leader", "Public health, social prescribing funds", ["council"], None),
    ("team", "Adult Social Care East", "local_authority", "manager", "Care assessments, reablement", ["council"], None),
    ("organisation", "Westgate Food Network", "vcse", "manager", "Food parcels, community cafe", ["food", "charity"], None),
    ("group", "Sisters Together", "vcse", "frontline", "Women's group, Urdu and Punjabi speakers", ["faith group", "women"], None),
    ("organisation", "Recovery Steps", "vcse", "frontline", "Addiction recovery peer support", ["charity"], None),
    ("group", "Parents of Eastfield", "community", "resident", "Parents at the primary school gate", ["residents"], None),
    ("role", "Pharmacists on the high street", "private_other", "frontline", "Community pharmacy", ["pharmacy"], None),
    ("group", "Polish Saturday School families", "community", "resident", "Polish-speaking families", ["residents", "school"], None),
]

TIES = [
    ("City Council Public Health", "Westgate Food Network", "funds", 2),
    ("City Council Public Health", "Recovery Steps", "commissions", 3),
    ("Moor Lane Surgery", "Westgate Food Network", "refers_to", 2),
    ("Canal Street Medical Centre", "Recovery Steps", "refers_to", 1),
    ("Northside Primary Care Network", "City Hospitals Trust", "works_with", 2),
    ("Sisters Together", "Moor Lane Surgery", "could_connect", 1),
    ("Parents of Eastfield", "Westgate Food Network", "trusts", 3),
    ("Adult Social Care East", "City Hospitals Trust", "works_with", 2),
    ("Pharmacists on the high street", "Canal Street Medical Centre", "works_with", 2),
]

WORKSHOPS = [
    ("observe", "Observe: what is really happening?", datetime(2027, 1, 20, 9, 30), datetime(2027, 1, 20, 15, 30)),
    ("retreat", "Retreat: stepping back together", datetime(2027, 3, 3, 9, 30), datetime(2027, 3, 3, 16, 0)),
    ("act", "Act: choosing what to try", datetime(2027, 3, 24, 9, 30), datetime(2027, 3, 24, 15, 30)),
]

OUTREACH = [
    ("Zainab Hussain", "community", "resident", "accepted", ["interpreter"], "ur"),
    ("Marek Kowalski", "community", "resident", "invited", [], "pl"),
    ("Joy Adeyemi", "community", "resident", "to_invite", ["creche"], None),
    ("Dr Sarah Lowe", "nhs", "frontline", "accepted", [], None),
    ("Imran Ali", "vcse", "manager", "accepted", [], None),
    ("Cllr Pat Green", "local_authority", "executive", "invited", [], None),
    ("Helen Carter", "nhs", "senior_leader", "declined", [], None),
]


def add_design_team_demo(lab, design_team_membership_id: int) -> None:
    """Fill the lab's map, workshops and invitation list, once."""
    if db.session.scalar(select(Actor.id).where(Actor.lab_id == lab.id).limit(1)) is not None:
        return
    by_name = {}
    for kind, name, sector, level, services, tags, parent in ACTORS:
        by_name[name] = map_service.create_actor(lab, kind=kind, name=name, sector=sector, level=level,
                                                 services=services, tags=tags, parent=by_name.get(parent))
    for source, target, kind, strength in TIES:
        map_service.add_tie(lab, source=by_name[source], target=by_name[target], kind=kind, strength=strength)
    workshops = [workshop_service.create_workshop(lab, kind=kind, title=title, starts_at=start, ends_at=end,
                                                  venue="Eastfield Community Centre, 12 Mill Road",
                                                  access_notes="Step-free entrance at the side; lift to the hall.",
                                                  support_offered=["interpreter", "step_free", "lunch"],
                                                  interpreter_languages=["ur", "pa"])
                 for kind, title, start, end in WORKSHOPS]
    for name, sector, level, status, needs, language in OUTREACH:
        db.session.add(Outreach(lab_id=lab.id, person_name=name, sector=sector, level=level, status=status,
                                workshop_id=workshops[0].id, inviter_id=design_team_membership_id,
                                support_needs=needs, interpreter_language=language))
    db.session.flush()
