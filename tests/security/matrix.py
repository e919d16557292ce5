"""The expected authorisation matrix: for each lab route, which roles of the lab may use it.

Read from each view's load_* call and role checks, and from the product's rules: facilitators see and run
everything; the design team maps the system, reaches out, makes decks and organises visits, workshops and
reviews; every member reads the lab's learning, joins, signs up, picks cards, writes debriefs and lessons;
a prototype's team (lead, members, coach, sponsor) changes that prototype and its proposal; panel members
score for their panel. A member of the lab whose role is not allowed gets 403 (another lab's people get 404,
checked in test_outsiders.py).

Keys are "endpoint" (both methods) or "METHOD endpoint"; a blueprint's default covers the rest. Every rule
must be listed here or covered by its blueprint's default, so a new blueprint fails until it is written down.
"""
from labapp.labs.constants import COACH, DESIGN_TEAM, FACILITATOR, PANEL_MEMBER, PARTICIPANT, PROTOTYPE_TEAM, \
    SPONSOR

EVERYONE = frozenset({FACILITATOR, DESIGN_TEAM, PARTICIPANT, PROTOTYPE_TEAM, COACH, SPONSOR, PANEL_MEMBER})
FACILITATORS = frozenset({FACILITATOR})
ORGANISERS = frozenset({FACILITATOR, DESIGN_TEAM})
# The prototype in the world is led by the prototype team member, with the coach and the sponsor on its team.
ITS_TEAM = frozenset({FACILITATOR, PROTOTYPE_TEAM, COACH, SPONSOR})

DEFAULTS = {
    "labs": FACILITATORS,
    "outreach": ORGANISERS,
    "systemmap": ORGANISERS,
    "datacards": ORGANISERS,
    "workshops": ORGANISERS,
    "journeys": ORGANISERS,
    "prototypes": ITS_TEAM,
    "challenge": FACILITATORS,
    "practice": ORGANISERS,
    "reports": EVERYONE,  # aggregated learning, never names: any member may read and ask for it
    "programmes": FACILITATORS,
}

EXCEPTIONS = {
    # labs: the dashboard and its printed summary are for everyone; the rest is running the lab.
    "labs.home": EVERYONE,
    "labs.summary_pdf": EVERYONE,
    # systemmap: everyone reads the map; only organisers change it or fetch import templates.
    "systemmap.map_page": EVERYONE,
    "systemmap.map_json": EVERYONE,
    "systemmap.map_svg": EVERYONE,
    "systemmap.map_pdf": EVERYONE,
    "systemmap.actors": EVERYONE,
    "systemmap.actors_csv": EVERYONE,
    "systemmap.ties_csv": EVERYONE,
    "GET systemmap.actor": EVERYONE,
    # datacards: everyone reads decks, comments on cards and picks in a session and sees the tally.
    "datacards.index": EVERYONE,
    "datacards.show": EVERYONE,
    "datacards.card": EVERYONE,
    "datacards.deck_pdf": EVERYONE,
    "datacards.comment": EVERYONE,
    "datacards.session_show": EVERYONE,
    "datacards.pick_page": EVERYONE,
    "datacards.pick_card": EVERYONE,
    "datacards.tally": EVERYONE,
    "datacards.tally_json": EVERYONE,
    # workshops: everyone sees the workshops and the attendance counts; names only for facilitators, who
    # alone add and delete workshops.
    "workshops.index": EVERYONE,
    "workshops.show": EVERYONE,
    "workshops.attendance": EVERYONE,
    "workshops.attendance_csv": EVERYONE,
    "workshops.attendance_pdf": EVERYONE,
    "workshops.create": FACILITATORS,
    "workshops.delete": FACILITATORS,
    "workshops.workshop_attendance_csv": FACILITATORS,
    # journeys: everyone reads visits, signs up, cancels, chooses in a round and reads shared debriefs;
    # only a confirmed visitor (the participant here) writes a debrief; facilitators delete and download.
    "journeys.index": EVERYONE,
    "journeys.show": EVERYONE,
    "journeys.visit_ics": EVERYONE,
    "journeys.brief_pdf": EVERYONE,
    "journeys.sign_up": EVERYONE,
    "journeys.cancel": EVERYONE,
    "journeys.calendar_link": EVERYONE,
    "journeys.room": EVERYONE,
    "journeys.mine": EVERYONE,
    "journeys.rounds_index": EVERYONE,
    "journeys.round_show": EVERYONE,
    "journeys.round_choose": EVERYONE,
    "journeys.debrief": frozenset({PARTICIPANT}),
    "journeys.delete": FACILITATORS,
    "journeys.signup_csv": FACILITATORS,
    # prototypes: everyone reads prototypes, their cycles, measures and the community feed, and posts there;
    # lead, prototype team and coaches start prototypes; the lead (and facilitators) delete one; a post is
    # deleted by its author (the prototype team member here) or a facilitator.
    "prototypes.index": EVERYONE,
    "prototypes.mine": EVERYONE,
    "prototypes.show": EVERYONE,
    "prototypes.log_pdf": EVERYONE,
    "prototypes.cycle_show": EVERYONE,
    "prototypes.measure_show": EVERYONE,
    "prototypes.values_csv": EVERYONE,
    "prototypes.values_template": EVERYONE,
    "GET prototypes.team": EVERYONE,
    "prototypes.feed": EVERYONE,
    "prototypes.reply": EVERYONE,
    "prototypes.digest": EVERYONE,
    "prototypes.create": frozenset({FACILITATOR, PROTOTYPE_TEAM, COACH}),
    "prototypes.delete": frozenset({FACILITATOR, PROTOTYPE_TEAM}),
    "prototypes.post_delete": frozenset({FACILITATOR, PROTOTYPE_TEAM}),
    # challenge: everyone reads proposals and panels (results stay blind per person); the prototype's team
    # writes its proposal; its lead signs as lead; the panel member scores; facilitators run panels,
    # decisions and lists, and download scores once revealed.
    "challenge.index": EVERYONE,
    "challenge.show": EVERYONE,
    "challenge.proposal_pdf": EVERYONE,
    "challenge.panels_index": EVERYONE,
    "challenge.panel": EVERYONE,
    "challenge.results": EVERYONE,
    "challenge.results_json": EVERYONE,
    "challenge.start": ITS_TEAM,
    "challenge.edit": ITS_TEAM,
    "challenge.add_resource": ITS_TEAM,
    "challenge.add_risk": ITS_TEAM,
    "challenge.remove_row": ITS_TEAM,
    "challenge.sign": frozenset({PROTOTYPE_TEAM}),  # /sign/lead: only the lead signs as lead
    "challenge.score": frozenset({PANEL_MEMBER}),
    # practice: everyone reads reviews and lessons and adds lessons; organisers run reviews.
    "practice.index": EVERYONE,
    "practice.show": EVERYONE,
    "practice.add_lesson": EVERYONE,
    "practice.room": EVERYONE,
    "practice.room_data": EVERYONE,
    "practice.lessons": EVERYONE,
    "practice.lessons_csv": EVERYONE,
    # programmes (a member of one of its labs): everyone reads it and its report; facilitators of its labs
    # change it.
    "programmes.show": EVERYONE,
    "GET programmes.labs": EVERYONE,
    "programmes.report_pdf": EVERYONE,
    "programmes.report_job": EVERYONE,
    "programmes.report_job_json": EVERYONE,
    "programmes.report_file": EVERYONE,
    "programmes.report_retry": EVERYONE,
}

# Cells where what happens is wrong for the product and not fixed here: (method, endpoint, role) -> reason.
KNOWN_WRONG: dict[tuple[str, str, str], str] = {}


def allowed(method: str, endpoint: str) -> frozenset | None:
    """Return the roles allowed on a route, or None when neither an exception nor a default covers it."""
    for key in (f"{method} {endpoint}", endpoint):
        if key in EXCEPTIONS:
            return EXCEPTIONS[key]
    return DEFAULTS.get(endpoint.split(".")[0])


def expected(method: str, endpoint: str, role: str) -> str:
    roles = allowed(method, endpoint)
    return "allowed" if role in roles else "403"


def unused_exceptions(seen: set[str]) -> list[str]:
    """Return exception keys that name no route any more (a renamed endpoint must be renamed here)."""
    return sorted(key for key in EXCEPTIONS if key not in seen)
