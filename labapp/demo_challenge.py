"""Give the first demo lab a signed-off proposal for its Warm Homes prototype and a panel part-way through scoring.

Two panel members have submitted their scores and one has not, so the facilitator can show what blind scoring
looks like, then reveal. The words are labapp's own; the people are made up.
"""
from datetime import date, timedelta

from flask_babel import force_locale
from sqlalchemy import select

from labapp.challenge import panels, service
from labapp.challenge.constants import PRIORITY, SCALE
from labapp.extensions import db
from labapp.prototypes.models import Prototype

CHANGE = ("Every GP practice in the two neighbourhoods asks patients with breathing problems one question at the "
          "front desk: \"Can you keep your home warm?\". Those who say no are booked straight onto a call with the "
          "energy advice service, which can help with grants, bills and repairs.")
PROCESS = ("Share of patients with asthma or COPD asked the question at the desk; days from the question to the "
           "advice call; number of practices using the referral template.")
GOVERNANCE = ("Reports every quarter to the neighbourhood partnership board, with the council's energy team and the "
              "primary care network clinical director.")
SPONSOR = ("The first weeks show people will answer a plain question, and the advice service can cope with this "
           "number. Before spreading it we need the advice service's funding beyond March settled.")
RESOURCES = [
    ("people", "existing", "Reception and care-navigation staff at each practice, two minutes per patient.",
     "They already see every patient and are trusted."),
    ("money", "new", "About £18,000 a year for one extra energy adviser for the area.",
     "The service's waiting time will grow once more practices refer."),
    ("materials", "new", "A short card in English, Urdu, Bengali and Polish explaining the advice call.",
     "People were unsure why their surgery was asking about heating."),
]
RISKS = [
    ("The advice service cannot keep up with referrals in winter.", 4, 4,
     "Agree a weekly cap with the service and a waiting list that practices can see."),
    ("Reception staff feel the question is not their job.", 3, 2,
     "Involve them in the wording; share stories of people who were helped."),
    ("People feel judged about money.", 2, 3, "Keep the question about warmth, not income; say it is not a "
                                             "benefits check."),
]
EQUALITY = {
    "age": ("positive", ""),
    "disability": ("positive", ""),
    "language": ("negative", "Cards in four languages; the advice service books an interpreter on request."),
    "low_income": ("positive", ""),
    "inclusion_health": ("unknown", ""),
}
# Factor -> rating for the two members who submitted: they disagree on money and on the outside world.
SCORES = {
    "sponsor": ({1: 4, 2: 3, 3: 3, 4: 4, 5: 3, 6: 2, 7: 3, 8: 3, 9: 2, 10: 4, 11: 3, 12: 3},
                {6: "The adviser post is only funded until March.", 9: "It still depends on two keen receptionists."}),
    "panel_member": ({1: 3, 2: 4, 3: 2, 4: 3, 5: 3, 6: 1, 7: 3, 8: 2, 9: 2, 10: 3, 11: 0, 12: 1},
                     {2: "Residents were part of it from the first week.",
                      12: "Energy prices and grant rules change every year; this is fragile."}),
}


def add_challenge_demo(lab, members: dict) -> None:
    """Add the proposal and the panel to the lab, once (prefilled texts in English: the demo runs outside a
    request)."""
    with force_locale("en"):
        _add(lab, members)


def _add(lab, members: dict) -> None:
    prototype = db.session.scalar(select(Prototype).where(Prototype.lab_id == lab.id).order_by(Prototype.id))
    if prototype is None or service.proposal_for(prototype) is not None:
        return
    proposal = service.start_proposal(prototype)
    scales, priorities = service.options(lab, SCALE), service.options(lab, PRIORITY)
    equality = {row.group: (row.effect, row.mitigation) for row in proposal.equality} | EQUALITY
    service.update_proposal(
        proposal, equality=equality, change=CHANGE, process_measures=PROCESS, governance=GOVERNANCE,
        sponsor_comments=SPONSOR, scale_id=next(o.id for o in scales if o.code == "neighbourhood"),
        priority_ids=[o.id for o in priorities if o.code in ("communities", "primary_care", "inequalities")])
    for kind, state, needed, why in RESOURCES:
        service.add_resource(proposal, kind=kind, state=state, needed=needed, why=why)
    for description, likelihood, consequence, mitigation in RISKS:
        service.add_risk(proposal, description=description, likelihood=likelihood, consequence=consequence,
                         mitigation=mitigation)
    today = date.today()
    service.sign(proposal, members["prototype_team"], "lead", today - timedelta(days=3))
    service.sign(proposal, members["sponsor"], "sponsor", today - timedelta(days=2))
    panel = panels.create_panel(lab, title="Check and challenge panel", held_on=today + timedelta(days=7))
    panels.set_members(panel, [members[role] for role in ("sponsor", "panel_member", "participant", "design_team")])
    panels.set_proposals(panel, [proposal])
    db.session.flush()
    for role, (ratings, comments) in SCORES.items():
        values = {factor: (rating, comments.get(factor, "")) for factor, rating in ratings.items()}
        panels.save_scores(panel, proposal, members[role], values, submit=True)
