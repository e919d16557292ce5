"""Create two demo labs with a person for each role; running it again changes nothing."""
from datetime import date

from sqlalchemy import select

from labapp.accounts import service as accounts_service
from labapp.demo_design import add_design_team_demo
from labapp.extensions import db
from labapp.labs import service as labs_service
from labapp.labs.constants import ROLES
from labapp.labs.models import Lab

DEFAULT_PASSWORD = "demo-lab-2026"  # noqa: S105 - the demo labs' shared password, printed by `flask demo`

# Demo content written for labapp; the places are real, the people and words are made up.
DEMO_LABS = [
    {
        "name": "Bradford Health Equity Lab",
        "place": "Bradford",
        "question": "What would it take for every family in our city to get the care they need, "
                    "whatever language they speak and whatever they earn?",
        "starts_on": date(2026, 9, 1),
        "ends_on": date(2027, 8, 31),
        "stages": {
            "design_team": (date(2026, 9, 1), date(2026, 12, 18)),
            "data": (date(2026, 11, 2), date(2027, 1, 15)),
            "workshops": (date(2027, 1, 20), date(2027, 3, 31)),
            "learning_journeys": (date(2027, 2, 1), date(2027, 2, 28)),
            "prototypes": (date(2027, 4, 1), date(2027, 6, 30)),
            "check_and_challenge": (date(2027, 7, 1), date(2027, 7, 31)),
            "community_of_practice": (date(2027, 8, 1), date(2027, 8, 31)),
        },
    },
    {
        "name": "Hastings Fair Care Lab",
        "place": "Hastings",
        "question": "How can people on low incomes by the coast find help early, before a small "
                    "problem becomes a crisis?",
        "starts_on": date(2027, 1, 11),
        "ends_on": date(2027, 12, 17),
        "stages": {},
    },
]

DEMO_PEOPLE = [
    ("facilitator", "Amina Rahman", "facilitator@demo.example.org", "en", "vcse"),
    ("design_team", "Tom Walsh", "design@demo.example.org", "en", "nhs"),
    ("participant", "Shazia Begum", "participant@demo.example.org", "ur", "community"),
    ("prototype_team", "Kasia Nowak", "prototype@demo.example.org", "pl", "local_authority"),
    ("coach", "Rupinder Gill", "coach@demo.example.org", "pa", "nhs"),
    ("sponsor", "Helen Carter", "sponsor@demo.example.org", "en", "nhs"),
    ("panel_member", "Farid Haddad", "panel@demo.example.org", "ar", "community"),
]


def _person(name, email, locale, password):
    user = accounts_service.user_by_email(email)
    if user is None:
        user = accounts_service.create_user(name=name, email=email, locale=locale, password=password)
    return user


def create_demo(password: str = DEFAULT_PASSWORD) -> list[tuple[Lab, list[tuple[str, str]]]]:
    """Create the demo labs and people if missing; return each lab with its logins (role, email)."""
    results = []
    facilitator = _person(*DEMO_PEOPLE[0][1:4], password)
    for index, spec in enumerate(DEMO_LABS):
        lab = db.session.scalar(select(Lab).where(Lab.name == spec["name"], Lab.place == spec["place"]))
        if lab is None:
            lab = labs_service.create_lab(
                creator=facilitator, name=spec["name"], place=spec["place"], question=spec["question"],
                propositions=_propositions(), starts_on=spec["starts_on"], ends_on=spec["ends_on"])
            for stage in lab.stages:
                stage.starts_on, stage.ends_on = spec["stages"].get(stage.code, (None, None))
        logins = [("facilitator", facilitator.email)]
        if index == 0:
            members = {"facilitator": labs_service.membership_for(lab, facilitator)}
            for role, name, email, locale, sector in DEMO_PEOPLE[1:]:
                user = _person(name, email, locale, password)
                members[role] = labs_service.add_member(lab, user, role, sector=sector)
                logins.append((role, email))
            db.session.flush()
            add_design_team_demo(lab, members["design_team"].id)
            for add_area_demo in _area_demos():
                add_area_demo(lab, members)
        results.append((lab, logins))
    db.session.flush()
    from labapp.demo_programmes import add_programmes_demo

    add_programmes_demo([lab for lab, _logins in results], facilitator)  # the two places side by side
    db.session.flush()
    return results


def _area_demos() -> list:
    """Return each later stage's demo builder: a function (lab, {role: membership}) -> None."""
    from labapp.demo_challenge import add_challenge_demo
    from labapp.demo_datacards import add_datacards_demo
    from labapp.demo_journeys import add_journeys_demo
    from labapp.demo_practice import add_practice_demo
    from labapp.demo_prototypes import add_prototypes_demo

    return [add_datacards_demo, add_journeys_demo, add_prototypes_demo, add_challenge_demo, add_practice_demo]


def has_other_labs() -> bool:
    """Tell whether the database holds any lab that is not one of the demo's."""
    demo_names = [spec["name"] for spec in DEMO_LABS]
    return db.session.scalar(select(Lab.id).where(Lab.name.not_in(demo_names)).limit(1)) is not None


def _propositions() -> list[str]:
    return [
        "We treat the effects of poverty as medical problems, with quick fixes that do not last.",
        "Our services are not easy for everyone to reach and use.",
        "We are not open about how care is rationed.",
    ]


if {role for role, *_ in DEMO_PEOPLE} != set(ROLES):
    raise RuntimeError("the demo needs one person per role")
