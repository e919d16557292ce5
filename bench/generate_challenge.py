"""Generate proposals (resources, risks, equality check, sign-offs) and panels with every rater's scores."""
from datetime import datetime, time, timedelta

from labapp.challenge import service as challenge_service
from labapp.challenge.constants import (CANT_JUDGE, DECISION_STATUS, EQUALITY_GROUPS, FACTORS, PRIORITY, SCALE,
                                        SUBMITTED)
from labapp.challenge.models import (Action, EqualityEffect, PanelMember, PanelProposal, PanelSession, Proposal,
                                     Resource, Risk, Score, Submission)
from labapp.extensions import db
from labapp.labs.constants import PANEL_MEMBER
from labapp.prototypes.models import Prototype

from .genlib import Gen, insert_rows

PROPOSALS_PER_PANEL = 10
RESOURCES = [("people", "existing", "Reception staff at each practice, two minutes per patient.",
              "They already see every patient and are trusted."),
             ("money", "new", "About £18,000 a year for one more adviser.", "Waits will grow as more practices refer."),
             ("materials", "new", "A short card in four languages.", "People were unsure why they were asked.")]
RISKS = [("The service cannot keep up in winter.", "Agree a weekly cap and a waiting list practices can see."),
         ("Staff feel the question is not their job.", "Involve them in the wording; share what changed."),
         ("People feel judged about money.", "Keep the question about warmth, not income.")]
DECISIONS = ["adopt", "adopt", "embed", "embed", "test", "test", "stop"]


def add_proposals_and_panels(g: Gen) -> None:
    """Add a signed, submitted proposal per prototype, then panels of ten proposals scored by twelve raters."""
    rng, lab = g.rng, g.lab
    scales = challenge_service.options(lab, SCALE)
    priorities = challenge_service.options(lab, PRIORITY)
    signed = g.today - timedelta(days=12)
    rows = []
    for prototype in g.prototypes:
        rows.append({"lab_id": lab.id, "prototype_id": prototype["id"], "propositions": prototype["propositions"],
                     "hypothesis": "If we ask one plain question at the right moment, more people get help early.",
                     "change": f"Make '{prototype['name']}' part of everyday work across the place.",
                     "scale_id": rng.choice(scales).id,
                     "priority_ids": sorted(o.id for o in rng.sample(priorities, rng.randint(1, 3))),
                     "impact_measures": "Emergency admissions for breathing problems among people referred.",
                     "process_measures": "Share of patients asked; days from asking to the first call.",
                     "governance": "Reports every quarter to the neighbourhood partnership board.",
                     "sponsor_comments": "The first weeks are promising; funding beyond March is the question.",
                     "status": SUBMITTED, "lead_signed_by_id": prototype["lead"]["user_id"],
                     "lead_signed_on": signed, "sponsor_signed_by_id": prototype["sponsor"]["user_id"],
                     "sponsor_signed_on": signed + timedelta(days=1), "decision": "", "conditions": "",
                     "decided_on": None})
    proposal_ids = insert_rows(Proposal, rows, ids=True)
    resources, risks, equality = [], [], []
    for proposal_id in proposal_ids:
        resources += [{"proposal_id": proposal_id, "kind": k, "state": s, "needed": n, "why": w}
                      for k, s, n, w in RESOURCES]
        risks += [{"proposal_id": proposal_id, "description": d, "likelihood": rng.randint(1, 5),
                   "consequence": rng.randint(1, 5), "mitigation": m} for d, m in RISKS]
        for group in EQUALITY_GROUPS:
            effect = rng.choice(["positive", "positive", "neutral", "unknown", "negative"])
            equality.append({"proposal_id": proposal_id, "group": group, "effect": effect,
                             "mitigation": "Offer the service in other languages and by phone."
                             if effect == "negative" else ""})
    insert_rows(Resource, resources)
    insert_rows(Risk, risks)
    insert_rows(EqualityEffect, equality)
    g.counts["proposals"] = len(proposal_ids)
    _add_panels(g, proposal_ids)


def _add_panels(g: Gen, proposal_ids: list[int]) -> None:
    rng, lab = g.rng, g.lab
    raters = g.role(PANEL_MEMBER)[:12]
    chunks = [proposal_ids[i:i + PROPOSALS_PER_PANEL] for i in range(0, len(proposal_ids), PROPOSALS_PER_PANEL)]
    panel_ids = insert_rows(PanelSession, [
        {"lab_id": lab.id, "title": f"Check and challenge panel {i + 1}",
         "held_on": g.today - timedelta(days=7 * (len(chunks) - i)), "revealed": True,
         "closed": i < len(chunks) - 1} for i in range(len(chunks))], ids=True)
    members, items, scores, submissions = [], [], [], []
    decided = {}
    for panel_id, chunk, index in zip(panel_ids, chunks, range(len(chunks))):
        held = g.today - timedelta(days=7 * (len(chunks) - index))
        members += [{"panel_id": panel_id, "membership_id": m["id"]} for m in raters]
        for proposal_id in chunk:
            items.append({"panel_id": panel_id, "proposal_id": proposal_id})
            quality = rng.uniform(1.6, 3.6)
            scored_at = datetime.combine(held, time(11))
            for rater in raters:
                for factor in FACTORS:
                    rating = CANT_JUDGE if rng.random() < 0.04 else max(1, min(4, round(rng.gauss(quality, 0.8))))
                    scores.append({"panel_id": panel_id, "proposal_id": proposal_id, "membership_id": rater["id"],
                                   "factor": factor, "rating": rating, "updated_at": scored_at,
                                   "comment": "Funding is only agreed until March." if rng.random() < 0.08 else ""})
                submissions.append({"panel_id": panel_id, "proposal_id": proposal_id, "membership_id": rater["id"],
                                    "submitted_at": scored_at})
            if rng.random() < 0.85:
                decided[proposal_id] = (rng.choice(DECISIONS), held)
    insert_rows(PanelMember, members)
    insert_rows(PanelProposal, items)
    insert_rows(Score, scores)
    insert_rows(Submission, submissions)
    _decide(g, decided)
    g.counts.update(panels=len(panel_ids), scores=len(scores), decisions=len(decided))


def _decide(g: Gen, decided: dict) -> None:
    """Record the decisions, with actions, and move each prototype's status as the app's decide() does."""
    actions = []
    proposals = db.session.scalars(db.select(Proposal).where(Proposal.id.in_(list(decided)))).all()
    prototypes = {p.id: p for p in db.session.scalars(
        db.select(Prototype).where(Prototype.id.in_([p.prototype_id for p in proposals])))}
    for proposal in proposals:
        decision, held = decided[proposal.id]
        proposal.decision, proposal.decided_on = decision, held
        proposal.conditions = "Report back in six months with the measures." if decision != "stop" else ""
        prototypes[proposal.prototype_id].status = DECISION_STATUS[decision]
        if decision != "stop":
            actions.append({"proposal_id": proposal.id, "what": "Agree funding for the next year.",
                            "owner": "The sponsor", "due_on": held + timedelta(weeks=8)})
    insert_rows(Action, actions)
    db.session.flush()
