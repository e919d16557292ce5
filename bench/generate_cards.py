"""Generate the data-card deck with translations, pick sessions at Observe with picks and themes, and journeys."""
from collections import Counter
from datetime import datetime, time, timedelta

from labapp.datacards.models import (Card, CardComment, CardTranslation, Deck, DeckCategory, Pick, PickCount,
                                     PickSession, Theme)
from labapp.journeys.models import Debrief, Host, SignUp, Visit, VisitTranslation
from labapp.labs.constants import DESIGN_TEAM, FACILITATOR, PARTICIPANT, PROTOTYPE_TEAM
from labapp.labs.service import unused_code

from .genlib import AREAS, Gen, insert_rows, person_name, weighted_sample

CATEGORIES = [
    ("A", "Who lives here", "Who are the people in our place, and how is that changing?"),
    ("B", "Health and illness", "Who gets ill, and how early?"),
    ("C", "Getting care", "Who reaches care, and who does not?"),
    ("D", "Money, work and homes", "How do money, work and housing shape health here?"),
    ("E", "Community strengths", "What do people and groups already do for each other?"),
]
HEADLINES = [
    "Children in {area} are twice as likely to live in a cold home",
    "One in three adults in {area} has a long-term condition before 50",
    "Missed GP appointments are highest among people who do not read English",
    "Waits for a first mental health appointment in {area} are over 14 weeks",
    "Most food bank users in {area} are in work",
    "Volunteers give over 2,000 hours a month in {area}",
    "Life expectancy differs by nine years between {area} and the next ward",
    "Few people in {area} know the pharmacy can treat minor illness",
]
CHARTS = ["bar", "bar", "line", "line", "number", ""]


def _chart(rng, kind: str):
    if kind == "bar":
        return "per cent", [[area, round(rng.uniform(5, 60), 1)] for area in rng.sample(AREAS, rng.randint(3, 5))]
    if kind == "line":
        return "people", [[str(year), rng.randint(200, 900)] for year in range(2018, 2025)]
    if kind == "number":
        return "weeks", [["average wait", rng.randint(4, 20)]]
    return "", []


def add_deck(g: Gen) -> tuple[int, list[int]]:
    """Add one deck of 15 cards per scale unit in five categories, some translated and some commented."""
    rng, lab = g.rng, g.lab
    deck_id = insert_rows(Deck, [{"lab_id": lab.id, "title": "What the data shows", "language": "en",
                                  "description": "Local figures chosen by the data leads, checked at the "
                                                 "data-mining workshop."}], ids=True)[0]
    category_ids = insert_rows(DeckCategory, [{"deck_id": deck_id, "letter": letter, "title": title,
                                               "question": question} for letter, title, question in CATEGORIES],
                               ids=True)
    cards = []
    for index in range(g.n(15)):
        slot = index % len(CATEGORIES)
        kind = rng.choice(CHARTS)
        unit, rows = _chart(rng, kind)
        area = rng.choice(AREAS)
        cards.append({"deck_id": deck_id, "category_id": category_ids[slot],
                      "code": f"{CATEGORIES[slot][0]}{index // len(CATEGORIES) + 1}",
                      "headline": rng.choice(HEADLINES).format(area=area),
                      "body": f"From the local figures for *{area}*. Ask who is missing from them.",
                      "source": "Office for Health Improvement and Disparities, local profiles",
                      "year": str(rng.randint(2021, 2024)), "geography": area,
                      "status": "reviewed" if rng.random() < 0.9 else "draft",
                      "chart_kind": kind, "chart_unit": unit, "chart_rows": rows})
    card_ids = insert_rows(Card, cards, ids=True)
    translations = []
    for card_id, card in zip(card_ids, cards):
        for language, share in (("ur", 0.25), ("bn", 0.12), ("pl", 0.08)):
            if rng.random() < share:
                translations.append({"card_id": card_id, "language": language,
                                     "headline": f"[{language}] {card['headline']}", "body": card["body"],
                                     "source_note": ""})
    insert_rows(CardTranslation, translations)
    reviewers = g.role(DESIGN_TEAM)
    comments = []
    for card_id in rng.sample(card_ids, max(1, len(card_ids) // 20)):
        author = rng.choice(reviewers)
        resolved = rng.random() < 0.5
        comments.append({"card_id": card_id, "membership_id": author["id"], "author_name": author["name"],
                         "text": "Is this the latest year we have?",
                         "resolved_at": datetime.combine(g.today - timedelta(weeks=20), time(12)) if resolved else None,
                         "resolved_by_id": reviewers[0]["id"] if resolved else None})
    insert_rows(CardComment, comments)
    g.counts.update(cards=len(card_ids), card_translations=len(translations))
    return deck_id, card_ids


THEMES = ["Cold homes and chests", "Language keeps people out", "Money worries come first", "Help is there, "
          "but hidden"]


def add_pick_sessions(g: Gen, deck_id: int, card_ids: list[int]) -> None:
    """Add two rounds of picking at Observe: a closed one with themes, and one still open."""
    rng, lab = g.rng, g.lab
    workshop_id, starts = g.workshops["observe"]
    weights = [1.0 / (rank + 3) for rank in range(len(card_ids))]
    order = rng.sample(card_ids, len(card_ids))
    pickers = [m for m in g.attendees["observe"] if FACILITATOR not in m["roles"]]
    total_picks = 0
    for number, (title, limit, share, state) in enumerate(
            [("Morning round", 3, 0.9, "closed"), ("Afternoon round", 5, 0.65, "open")]):
        session_id = insert_rows(PickSession, [{
            "lab_id": lab.id, "deck_id": deck_id, "workshop_id": workshop_id, "title": title,
            "code": unused_code(PickSession.code), "pick_limit": limit, "state": state,
            "created_at": starts + timedelta(hours=1 + 3 * number),
            "closed_at": starts + timedelta(hours=2 + 3 * number) if state == "closed" else None}], ids=True)[0]
        picks, counts, tally = [], [], Counter()
        for i, member in enumerate(m for m in pickers if rng.random() < share):
            k = limit if rng.random() < 0.8 else rng.randint(1, limit)
            chosen = weighted_sample(rng, order, weights, k)
            for card_id in chosen:
                picks.append({"session_id": session_id, "membership_id": member["id"], "card_id": card_id,
                              "created_at": starts + timedelta(hours=1 + 3 * number, seconds=2 * i)})
                tally[card_id] += 1
            counts.append({"session_id": session_id, "membership_id": member["id"], "picked": len(chosen)})
        insert_rows(PickCount, counts)
        insert_rows(Pick, picks)
        total_picks += len(picks)
        if state == "closed":
            top = [card_id for card_id, _n in tally.most_common(12)]
            insert_rows(Theme, [{"session_id": session_id, "name": name, "position": i, "card_ids": top[3 * i:3 * i + 3]}
                                for i, name in enumerate(THEMES) if top[3 * i:3 * i + 3]])
    g.counts["picks"] = total_picks


VISIT_TITLES = ["A morning at the {org}", "How the {org} welcomes new families", "Behind the desk at the {org}",
                "Lunch and a chat at the {org}"]


def add_journeys(g: Gen) -> None:
    """Add four visits per scale unit between Observe and Retreat, with hosts, sign-ups up to capacity, waiting
    lists, translations and debriefs (shared and private)."""
    rng, lab = g.rng, g.lab
    visits_wanted = g.n(4)
    organisations = g.organisation_actors or [(None, "Community Hub")]
    hosts = []
    for index in range((visits_wanted + 1) // 2):
        actor_id, name = organisations[index % len(organisations)]
        hosts.append({"lab_id": lab.id, "actor_id": actor_id, "organisation": "" if actor_id else name,
                      "contact_name": person_name(rng), "contact_email": f"host{index}.lab{lab.id}@bench.example.org",
                      "contact_phone": "01274 000000", "link_token_hash": None, "link_created_at": None})
    host_ids = insert_rows(Host, hosts, ids=True)
    host_names = [organisations[i % len(organisations)][1] for i in range(len(host_ids))]
    first_day = g.workshops["observe"][1].date() + timedelta(days=3)
    visitors = [m for m in g.members if PARTICIPANT in m["roles"] or PROTOTYPE_TEAM in m["roles"]]
    plans, visits = [], []
    for index in range(visits_wanted):
        capacity = rng.randint(4, 8)
        roll = rng.random()
        if index == 0 or roll < 0.65:
            status, confirmed, waiting = "full", capacity, rng.choice([0, 0, 1, 2, 3])
        elif roll < 0.9:
            status, confirmed, waiting = "open", capacity - rng.randint(1, 3), 0
        elif roll < 0.95:
            status, confirmed, waiting = "closed", capacity - 1, 0
        else:
            status, confirmed, waiting = "draft", 0, 0
        cancelled = 1 if status in ("open", "full") and rng.random() < 0.15 else 0
        day = first_day + timedelta(days=index % 20)
        org = host_names[index // 2]
        visits.append({"lab_id": lab.id, "host_id": host_ids[index // 2],
                       "title": rng.choice(VISIT_TITLES).format(org=org)[:200],
                       "host_does": "Helps local families with advice, food and a warm place to meet.",
                       "will_see": "How people are welcomed, and what happens when someone needs more help.",
                       "address": f"{index + 1} High Street, {rng.choice(AREAS)}", "area": rng.choice(AREAS),
                       "access_notes": "Ground floor; ring the bell.", "day": day, "starts": time(10),
                       "ends": time(12), "capacity": capacity, "languages": ["en", rng.choice(["ur", "bn", "pl"])],
                       "other_language": "", "status": status, "confirmed_count": confirmed,
                       "lock_version": confirmed + waiting + 2 * cancelled, "host_reflection": "",
                       "created_at": datetime.combine(first_day - timedelta(weeks=3), time(9))})
        plans.append((confirmed, waiting, cancelled, day))
    visit_ids = insert_rows(Visit, visits, ids=True)
    signups, debriefs, translations = [], [], []
    for visit_id, visit, (confirmed, waiting, cancelled, day) in zip(visit_ids, visits, plans):
        people = rng.sample(visitors, min(len(visitors), confirmed + waiting + cancelled))
        queued = datetime.combine(day - timedelta(days=14), time(9))
        for i, member in enumerate(people):
            status = "confirmed" if i < confirmed else ("waitlisted" if i < confirmed + waiting else "cancelled")
            at = queued + timedelta(minutes=5 * i)
            signups.append({"visit_id": visit_id, "membership_id": member["id"], "status": status,
                            "queued_at": at, "updated_at": at})
            if status == "confirmed" and rng.random() < 0.6:
                written = datetime.combine(day + timedelta(days=1), time(18))
                debriefs.append({"visit_id": visit_id, "membership_id": member["id"],
                                 "saw": "People queued before the doors opened; staff knew them by name.",
                                 "felt": "Welcome, and a bit ashamed I had not known it was here.",
                                 "thought": "The surgery should send people here before they reach a crisis.",
                                 "shared": rng.random() < 0.5, "created_at": written, "updated_at": written})
        if rng.random() < 0.3:
            translations.append({"visit_id": visit_id, "locale": "ur", "title": f"[ur] {visit['title']}"[:200],
                                 "host_does": visit["host_does"], "will_see": visit["will_see"]})
    insert_rows(SignUp, signups)
    insert_rows(Debrief, debriefs)
    insert_rows(VisitTranslation, translations)
    g.counts.update(visits=len(visit_ids), signups=len(signups), debriefs=len(debriefs))
