"""Generate prototypes with teams, twelve weekly PDSA cycles, three measures of thirty weeks, and posts."""
from datetime import datetime, time, timedelta

from labapp.labs.constants import COACH, PROTOTYPE_TEAM, SPONSOR
from labapp.prototypes.models import Cycle, Measure, MeasureValue, Post, Prototype, PrototypeMember, Reply

from .genlib import AREAS, Gen, insert_rows

CHANGES = [
    ("Warm Homes referrals from the GP desk", "Ask patients with breathing problems whether they can keep warm."),
    ("Reminders in the patient's own language", "Send appointment reminders in Urdu, Bengali, Polish and Punjabi."),
    ("Pharmacy first for minor illness", "Point people to the pharmacy before the GP for coughs and rashes."),
    ("Benefits advice in the waiting room", "A welfare adviser sits in the surgery one morning a week."),
    ("Walk and talk groups", "Weekly walks led by local people for those who feel alone."),
    ("Interpreters booked at the first call", "Book an interpreter when the appointment is made, not on the day."),
    ("Food bank to health check", "Offer a health check to people using the food bank."),
    ("School gate health drop-ins", "A nurse at the school gate once a fortnight."),
]
CYCLE_TEXT = {
    "plan_objective": "Try the change with one more group of people this week.",
    "plan_predictions": "We think about one in five people we ask will say yes.",
    "plan_who_where_when": "Two members of the team, Monday to Friday mornings.",
    "plan_data": "A tally sheet: asked, said yes, referred.",
    "do_what_happened": "We asked 40 people; 9 said yes and 7 were referred.",
    "do_unexpected": "Several people asked whether it would affect their benefits.",
    "study_against_predictions": "More said yes than we predicted.",
    "study_learned": "The wording matters: saying it is not a benefits check helps.",
}
ACT = ["adapt", "adapt", "adapt", "adopt", "adopt", "abandon"]
# (name, kind, unit, direction, baseline level, noise, shift when the change works)
MEASURES = [
    ("People referred each week", "count", "people", "up", 12.0, 3.0, 7.0),
    ("People asked who were referred", "proportion", "", "up", 0.2, 0.05, 0.12),
    ("Days from asking to the first call", "time", "days", "down", 14.0, 2.5, -5.0),
]
WEEKS = 30


def add_prototypes(g: Gen) -> None:
    """Add two prototypes per scale unit, each with a lead, three members, a coach and a sponsor."""
    rng, lab = g.rng, g.lab
    team_pool, coaches, sponsors = g.role(PROTOTYPE_TEAM), g.role(COACH), g.role(SPONSOR)
    count = g.n(2)
    rows = []
    for index in range(count):
        name, aim = CHANGES[index % len(CHANGES)]
        area = AREAS[index % len(AREAS)]
        rows.append({"lab_id": lab.id, "name": f"{name}, {area}"[:200],
                     "propositions": sorted(rng.sample([1, 2, 3], rng.randint(1, 2))), "aim": aim,
                     "hypothesis": "If we ask one plain question at the right moment, more people will get help "
                                   "before a small problem becomes a crisis.",
                     "who_for": f"Adults registered at practices in {area}.",
                     "starts_on": g.prototypes_start, "cycle_weeks": 12, "status": "proposal"})
    ids = insert_rows(Prototype, rows, ids=True)
    team_rows = []
    for index, prototype_id in enumerate(ids):
        members = team_pool[4 * index:4 * index + 4]
        team = [(members[0], "lead")] + [(m, "member") for m in members[1:]]
        team += [(coaches[index % len(coaches)], "coach"), (sponsors[index % len(sponsors)], "sponsor")]
        team_rows += [{"prototype_id": prototype_id, "membership_id": m["id"], "role": role} for m, role in team]
        g.prototypes.append({"id": prototype_id, "name": rows[index]["name"], "team": team, "lead": members[0],
                             "sponsor": sponsors[index % len(sponsors)], "propositions": rows[index]["propositions"],
                             "works": rng.random() < 0.6})
    insert_rows(PrototypeMember, team_rows)
    g.counts["prototypes"] = len(ids)
    _add_cycles(g)
    _add_measures(g)
    _add_posts(g)


def _add_cycles(g: Gen) -> None:
    """Add twelve cycles per prototype, each linked to the one before; the past ones have an Act decision."""
    rng = g.rng
    previous = {p["id"]: None for p in g.prototypes}
    # A few prototypes are a week behind: last week's cycle has no decision yet, so it shows as overdue.
    behind = {p["id"] for p in g.prototypes if rng.random() < 0.2}
    g.cycles = {p["id"]: [] for p in g.prototypes}
    total = 0
    for number in range(1, 13):
        rows = []
        for prototype in g.prototypes:
            week_end = g.prototypes_start + timedelta(weeks=number - 1, days=4)
            done = number <= 10 or (number == 11 and prototype["id"] not in behind)
            row = {"prototype_id": prototype["id"], "number": number, "previous_id": previous[prototype["id"]],
                   **CYCLE_TEXT, "act_decision": rng.choice(ACT) if done else "",
                   "act_next": "Carry on, with the changes we agreed." if done else "", "version": 3,
                   "created_at": datetime.combine(week_end - timedelta(days=4), time(9)),
                   "updated_at": datetime.combine(min(week_end, g.today), time(16)),
                   "updated_by_id": prototype["lead"]["user_id"]}
            if number == 12:
                row.update(study_against_predictions="", study_learned="")
            rows.append(row)
        cycle_ids = insert_rows(Cycle, rows, ids=True)
        for prototype, cycle_id in zip(g.prototypes, cycle_ids):
            previous[prototype["id"]] = cycle_id
            g.cycles[prototype["id"]].append(cycle_id)
        total += len(cycle_ids)
    g.counts["cycles"] = total


def _add_measures(g: Gen) -> None:
    """Add three measures of thirty weekly values per prototype; where the change works, the values shift."""
    rng = g.rng
    measure_rows, plans = [], []
    for prototype in g.prototypes:
        for name, kind, unit, direction, level, noise, shift in MEASURES:
            measure_rows.append({"prototype_id": prototype["id"], "name": name, "kind": kind, "unit": unit,
                                 "direction": direction, "definition": f"{name}, Monday to Sunday.",
                                 "goal": None if kind == "proportion" else level + shift,
                                 "baseline_points": 12 if kind == "count" else None})
            plans.append((kind, level, noise, shift if prototype["works"] else 0.0))
    measure_ids = insert_rows(Measure, measure_rows, ids=True)
    first = g.this_monday - timedelta(weeks=WEEKS - 1)
    started = WEEKS - 12  # the weeks before the prototypes started make the baseline
    values = []
    for measure_id, (kind, level, noise, shift) in zip(measure_ids, plans):
        for week in range(WEEKS):
            mean = level + (shift if week >= started else 0.0)
            row = {"measure_id": measure_id, "period": first + timedelta(weeks=week), "value": None,
                   "numerator": None, "denominator": None, "excluded": False, "note": ""}
            if kind == "proportion":
                asked = rng.randint(30, 50)
                row.update(numerator=float(max(0, min(asked, round(asked * rng.gauss(mean, noise))))),
                           denominator=float(asked))
            else:
                row["value"] = float(max(0, round(rng.gauss(mean, noise), 1)))
            if week == started:
                row["note"] = "The first week of the test"
            values.append(row)
    insert_rows(MeasureValue, values)
    g.counts.update(measures=len(measure_ids), measure_values=len(values))


def _add_posts(g: Gen) -> None:
    """Add three community posts per prototype, one general post per scale unit, and replies."""
    rng = g.rng
    posts = []
    for prototype in g.prototypes:
        for k in range(3):
            author = rng.choice(prototype["team"])[0]
            cycle_id = g.cycles[prototype["id"]][3 * k + 2]
            posts.append({"lab_id": g.lab.id, "prototype_id": prototype["id"], "cycle_id": cycle_id,
                          "author_id": author["id"], "body": "This week's surprise: people passed our leaflet on "
                                                             "to relatives who needed it more.",
                          "created_at": datetime.combine(g.prototypes_start + timedelta(weeks=3 * k + 2, days=4),
                                                         time(17))})
    coaches = g.role(COACH)
    for k in range(g.n(1)):
        posts.append({"lab_id": g.lab.id, "prototype_id": None, "cycle_id": None,
                      "author_id": coaches[k % len(coaches)]["id"],
                      "body": "Reminder for every team: put this week's value in before Friday.",
                      "created_at": datetime.combine(g.this_monday - timedelta(weeks=k % 10), time(9))})
    post_ids = insert_rows(Post, posts, ids=True)
    replies = []
    repliers = g.members
    for post_id, post in zip(post_ids, posts):
        for r in range(rng.randint(0, 2)):
            replies.append({"post_id": post_id, "author_id": rng.choice(repliers)["id"],
                            "body": "Could our team try the same wording?",
                            "created_at": post["created_at"] + timedelta(hours=3 * (r + 1))})
    insert_rows(Reply, replies)
    g.counts.update(posts=len(post_ids), replies=len(replies))
