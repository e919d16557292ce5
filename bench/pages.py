"""Find every main page of a lab from the app's URL map, fill its ids from a lab's real objects, count its SQL.

Shared by bench/bench_pages.py and tests/test_bench_pages.py. A "main page" is a GET route with lab_id that
renders HTML, JSON, CSV or SVG; PDFs (they have their own benchmarks) and background-job files are left out.
"""
from datetime import date

import sqlalchemy as sa
from sqlalchemy import select

from labapp.challenge.models import PanelProposal, Proposal
from labapp.datacards.models import Card, Deck, PickSession
from labapp.extensions import db
from labapp.accounts.models import User
from labapp.journeys.models import Host, PreferenceRound, Visit
from labapp.labs.constants import FACILITATOR, PARTICIPANT
from labapp.labs.models import Membership, MembershipRole
from labapp.outreach.models import Outreach
from labapp.practice.models import Lesson, ReviewSession
from labapp.programmes.models import ProgrammeLab
from labapp.prototypes.models import Cycle, Measure, Post, Prototype
from labapp.systemmap.models import Actor, Tie
from labapp.workshops.models import Workshop

SKIPPED_ENDPOINTS = {"reports.job_file": "a PDF"}


def _first(query):
    return db.session.scalar(query.limit(1))


def _by_lab(model):
    return lambda lab_id, ids: _first(select(model.id).where(model.lab_id == lab_id).order_by(model.id))


def _panel_pair(lab_id):
    return db.session.execute(select(PanelProposal.panel_id, PanelProposal.proposal_id).join(Proposal)
                              .where(Proposal.lab_id == lab_id).order_by(PanelProposal.id).limit(1)).first()


def _membership(lab_id, role):
    return _first(select(Membership.id).join(MembershipRole).where(Membership.lab_id == lab_id,
                                                                   MembershipRole.role == role)
                  .order_by(Membership.id))


# Converter name -> how to find the lab's first such object; (blueprint, name) where a name means two things.
RESOLVERS = {
    "deck_id": _by_lab(Deck),
    "card_id": lambda lab_id, ids: _first(select(Card.id).where(Card.deck_id == ids["deck_id"]).order_by(Card.id)),
    "visit_id": _by_lab(Visit),
    "host_id": _by_lab(Host),
    "round_id": _by_lab(PreferenceRound),
    "actor_id": _by_lab(Actor),
    "tie_id": _by_lab(Tie),
    "outreach_id": _by_lab(Outreach),
    "workshop_id": _by_lab(Workshop),
    "post_id": _by_lab(Post),
    "prototype_id": _by_lab(Prototype),
    "cycle_id": lambda lab_id, ids: _first(select(Cycle.id).where(Cycle.prototype_id == ids["prototype_id"])
                                           .order_by(Cycle.number)),
    "measure_id": lambda lab_id, ids: _first(select(Measure.id).where(Measure.prototype_id == ids["prototype_id"])
                                             .order_by(Measure.id)),
    "panel_id": lambda lab_id, ids: (_panel_pair(lab_id) or (None, None))[0],
    "proposal_id": lambda lab_id, ids: (_panel_pair(lab_id) or (None, None))[1] or _by_lab(Proposal)(lab_id, ids),
    "membership_id": lambda lab_id, ids: _membership(lab_id, PARTICIPANT),
    "programme_id": lambda lab_id, ids: _first(select(ProgrammeLab.programme_id).where(ProgrammeLab.lab_id == lab_id)),
    ("datacards", "session_id"): lambda lab_id, ids: _first(
        select(PickSession.id).where(PickSession.lab_id == lab_id).order_by(PickSession.id)),
    ("practice", "session_id"): _by_lab(ReviewSession),
    "lesson_id": lambda lab_id, ids: _first(select(Lesson.id).where(Lesson.session_id == ids["session_id"])
                                            .order_by(Lesson.id)),
    "lang": lambda lab_id, ids: "ur",
    "year": lambda lab_id, ids: date.today().isocalendar()[0],
    "week": lambda lab_id, ids: date.today().isocalendar()[1],
}
# Fill parents before children.
ORDER = ["lab_id", "deck_id", "prototype_id", "session_id", "panel_id"]


def page_rules(app):
    """Return the GET rules with lab_id that make a page (not a PDF), sorted by path."""
    rules = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or "lab_id" not in rule.arguments:
            continue
        if rule.rule.endswith(".pdf") or rule.endpoint in SKIPPED_ENDPOINTS:
            continue
        rules.append(rule)
    return sorted(rules, key=lambda r: r.rule)


def fill(rule, lab_id):
    """Return (url, None) for the rule with ids from the lab, or (None, why) when one cannot be filled."""
    from flask import url_for

    blueprint = rule.endpoint.split(".")[0]
    ids = {"lab_id": lab_id}
    names = sorted(rule.arguments, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))
    for name in names:
        if name in ids:
            continue
        resolver = RESOLVERS.get((blueprint, name)) or RESOLVERS.get(name)
        if resolver is None:
            return None, f"no lookup for <{name}>"
        value = resolver(lab_id, ids)
        if value is None:
            return None, f"the lab has no object for <{name}>"
        ids[name] = value
    return url_for(rule.endpoint, **ids), None


def main_pages(app, lab_id):
    """Return ([(endpoint, url)], [(rule, why)]) for the lab (inside an app context)."""
    pages, unfilled = [], []
    with app.test_request_context():
        for rule in page_rules(app):
            url, why = fill(rule, lab_id)
            if url is None:
                unfilled.append((rule.rule, why))
            else:
                pages.append((rule.endpoint, url))
    return pages, unfilled


def sign_in_emails(lab_id):
    """Return {"facilitator": email, "participant": email}: the first of each who can sign in (None if none)."""
    emails = {}
    for role in (FACILITATOR, PARTICIPANT):
        other_roles = select(MembershipRole.membership_id).where(MembershipRole.role != role)
        emails[role] = db.session.scalar(
            select(User.email).join(Membership, Membership.user_id == User.id).join(MembershipRole)
            .where(Membership.lab_id == lab_id, MembershipRole.role == role, User.email.is_not(None),
                   User.password_hash.is_not(None), Membership.id.not_in(other_roles))
            .order_by(Membership.id).limit(1))
    return emails


class QueryCounter:
    """Count the SQL statements sent on an engine while the block runs."""

    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def __enter__(self):
        sa.event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        sa.event.remove(self.engine, "before_cursor_execute", self._count)

    def _count(self, *args):
        self.count += 1


def count_queries(app, client, url):
    """GET the url with the client; return (status, queries)."""
    with app.app_context():
        engine = db.engine
    with QueryCounter(engine) as counter:
        response = client.get(url)
    return response.status_code, counter.count


def signed_in_client(app, email, password):
    """Return a test client signed in as the person with the email."""
    import re

    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/login", data={"email": email, "password": password, "csrf_token": token})
    if response.status_code != 302:
        raise RuntimeError(f"could not sign in as {email}")
    return client


def compare_counts(app, lab_ids, password):
    """Count the queries of every main page for each lab (smallest first), as a facilitator and as a participant.

    Return (rows, unfilled): rows are dicts {"who", "endpoint", "counts": [per lab], "statuses": [per lab]};
    a participant's row is kept only where they see the page (status 200 in the first lab).
    """
    with app.app_context():
        found = [main_pages(app, lab_id) for lab_id in lab_ids]
        people = [sign_in_emails(lab_id) for lab_id in lab_ids]
    unfilled = found[0][1]
    rows = []
    for who in (FACILITATOR, PARTICIPANT):
        if not all(p[who] for p in people):
            continue
        clients = [signed_in_client(app, p[who], password) for p in people]
        per_lab = [dict(pages) for pages, _ in found]
        for endpoint, _url in found[0][0]:
            if not all(endpoint in pages for pages in per_lab):
                continue
            results = [count_queries(app, client, pages[endpoint]) for client, pages in zip(clients, per_lab)]
            statuses = [status for status, _ in results]
            if who == PARTICIPANT and statuses[0] != 200:
                continue
            rows.append({"who": who, "endpoint": endpoint, "url": per_lab[-1][endpoint],
                         "statuses": statuses, "counts": [count for _, count in results]})
    return rows, unfilled
