"""Share the generator's state and its one way of writing rows: bulk INSERTs, with ids back when asked."""
import hashlib
import random
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import insert

from labapp.extensions import db

FIRST_NAMES = [
    "Amina", "Tom", "Shazia", "Kasia", "Rupinder", "Helen", "Farid", "Aisha", "Imran", "Sarah", "Bilal", "Joanne",
    "Nasreen", "Gary", "Fatima", "Piotr", "Harpreet", "Mary", "Tariq", "Rachel", "Yusuf", "Debbie", "Sadia", "Mark",
    "Ruksana", "Paul", "Zainab", "Agnieszka", "Gurpreet", "Karen", "Hamza", "Lisa", "Mehreen", "Dave", "Rabia",
    "Tomasz", "Jaspal", "Claire", "Abdul", "Nadia", "Susan", "Kamran", "Ewa", "Simran", "Michelle", "Omar",
]
LAST_NAMES = [
    "Rahman", "Walsh", "Begum", "Nowak", "Gill", "Carter", "Haddad", "Khan", "Hussain", "Ali", "Smith", "Ahmed",
    "Kowalski", "Sandhu", "Jones", "Iqbal", "Mahmood", "Brown", "Akhtar", "Wisniewska", "Kaur", "Taylor", "Shah",
    "Bibi", "Wilson", "Chaudhry", "Malik", "Dhillon", "Wright", "Rashid", "Mirza", "Lewandowski", "Singh", "Green",
    "Patel", "Uddin", "Miah", "Robinson", "Islam", "Bashir", "Thompson", "Zielinska",
]
AREAS = ["Manningham", "Girlington", "Bowling", "Holme Wood", "Keighley", "Little Horton", "Thornbury", "Canal Road",
         "Moor Lane", "Eccleshill", "Tong", "Allerton", "Heaton", "Frizinghall", "Laisterdyke", "Wibsey"]
LOCALES = ["en"] * 6 + ["ur"] * 3 + ["bn", "pa", "ar", "pl", "pl"]
PROFESSIONAL_SECTORS = ["nhs", "nhs", "nhs", "local_authority", "local_authority", "vcse", "vcse", "private_other"]
PROFESSIONAL_LEVELS = ["frontline", "frontline", "manager", "manager", "senior_leader", "executive"]


@dataclass
class Gen:
    """What one build knows: the lab, the scale, the random source, the dates, and the ids made so far."""

    lab: object
    scale: int
    rng: random.Random
    today: date
    password_hash: str
    counts: dict = field(default_factory=dict)
    # Members: dicts with id, user_id, name, sector, level, roles.
    members: list = field(default_factory=list)
    by_role: dict = field(default_factory=dict)
    actor_ids: list = field(default_factory=list)
    organisation_actors: list = field(default_factory=list)  # (id, name)
    workshops: dict = field(default_factory=dict)  # kind -> (id, starts_at)
    attendees: dict = field(default_factory=dict)  # kind -> [membership dict]
    prototypes: list = field(default_factory=list)  # dicts: id, name, team, lead, sponsor, propositions, works
    cycles: dict = field(default_factory=dict)  # prototype id -> [cycle id by number]

    @property
    def this_monday(self) -> date:
        """Return the Monday of the current week."""
        return self.today - timedelta(days=self.today.weekday())

    @property
    def prototypes_start(self) -> date:
        """Return the Monday the prototypes' first cycle began: cycle 12 is this week."""
        return self.this_monday - timedelta(weeks=11)

    def n(self, per_scale: int, minimum: int = 1) -> int:
        """Return a count that grows linearly with the scale."""
        return max(minimum, per_scale * self.scale)

    def role(self, role: str) -> list:
        """Return the members who hold a role."""
        return self.by_role.get(role, [])


def insert_rows(model, rows: list[dict], *, ids: bool = False) -> list[int]:
    """Insert the rows in one executemany; return their new ids, in order, when asked."""
    if not rows:
        return []
    if ids:
        result = db.session.execute(insert(model).returning(model.id, sort_by_parameter_order=True), rows)
        return list(result.scalars())
    db.session.execute(insert(model), rows)
    return []


def token_hash() -> str:
    """Return the hash of a fresh random token, as the app keeps links."""
    return hashlib.sha256(secrets.token_bytes(24)).hexdigest()


def person_name(rng: random.Random) -> str:
    """Return a made-up full name."""
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def weighted_sample(rng: random.Random, items: list, weights: list, k: int) -> list:
    """Pick k different (hashable) items, more likely the heavier ones."""
    k = min(k, len(items))
    chosen: dict = {}
    while len(chosen) < k:
        chosen.setdefault(rng.choices(items, weights)[0], None)
    return list(chosen)
