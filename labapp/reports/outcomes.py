"""Gather what the prototypes found and what the panels decided, as plain, JSON-able data in one language.

A fixed number of queries, however many prototypes, cycles, measures or ratings. Panel scores appear only for
panels that are revealed or closed, as challenge/panels.py allows everyone then; never per person. Never commits.
"""
from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from labapp.challenge.aggregate import most_at_risk, results
from labapp.challenge.constants import DECISIONS as PANEL_DECISIONS
from labapp.challenge.constants import FACTORS, PROPOSAL_STATUSES
from labapp.challenge.models import PanelMember, PanelProposal, PanelSession, Proposal, Score
from labapp.extensions import db
from labapp.prototypes.chart import verdict
from labapp.prototypes.constants import DECISIONS as ACT_DECISIONS
from labapp.prototypes.constants import MEASURE_KINDS, STATUSES
from labapp.prototypes.measures import analyse_points, series_of_lab
from labapp.prototypes.models import Measure, Prototype
from labapp.prototypes.service import timeline


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _measure(measure: Measure, points: list) -> dict:
    values = [value for _period, value, _excluded in points]
    result = analyse_points(points, measure.baseline_points)
    text, judged = verdict(result, measure.direction, sum(v is not None for v in values))
    return {
        "name": measure.name, "definition": measure.definition, "kind": measure.kind,
        "kind_label": str(MEASURE_KINDS.get(measure.kind, measure.kind)), "unit": measure.unit,
        "direction": measure.direction, "goal": measure.goal, "baseline_points": measure.baseline_points,
        "values": [{"period": _iso(period), "value": value, "excluded": excluded}
                   for period, value, excluded in points],
        "centre": result.centre, "signal": bool(judged and result.signal), "judged": judged, "verdict": text,
        "signal_positions": sorted(result.signal_positions) if judged else [],
    }


def prototypes(lab, today: date | None = None) -> list[dict]:
    """Return each prototype with its team size, cycles, overdue weeks, last Act decision and measures."""
    today = today or date.today()
    rows = db.session.scalars(
        select(Prototype).where(Prototype.lab_id == lab.id)
        .options(selectinload(Prototype.team), selectinload(Prototype.cycles),
                 selectinload(Prototype.measures))
        .order_by(Prototype.id)).all()
    points = series_of_lab(lab.id)
    propositions = lab.propositions
    result = []
    for prototype in rows:
        decided = [c for c in prototype.cycles if c.act_decision]
        last = decided[-1] if decided else None
        weeks = timeline(prototype, today)
        result.append({
            "title": prototype.name,
            "propositions": [{"number": n, "text": propositions[n - 1]} for n in prototype.propositions or []
                             if isinstance(n, int) and 1 <= n <= 3],
            "aim": prototype.aim, "status": prototype.status,
            "status_label": str(STATUSES.get(prototype.status, prototype.status)),
            "starts_on": _iso(prototype.starts_on), "team": len(prototype.team), "weeks": prototype.cycle_weeks,
            "cycles": len(prototype.cycles), "cycles_done": len(decided),
            "overdue_weeks": sum(week.overdue for week in weeks),
            "cycle_starts": [{"number": c.number, "starts": _iso(c.week_starts)} for c in prototype.cycles],
            "last_decision": last.act_decision if last else "",
            "last_decision_label": str(ACT_DECISIONS.get(last.act_decision, last.act_decision)) if last else "",
            "last_learned": last.study_learned.strip() if last else "",
            "measures": [_measure(measure, points.get(measure.id, [])) for measure in prototype.measures],
        })
    return result


def _factor_rows(factor_results) -> list[dict]:
    return [{"factor": r.factor, "label": str(FACTORS[r.factor][0]), "median": r.median, "rated": r.rated,
             "counts": {str(level): n for level, n in r.counts.items()}, "disagreement": r.disagreement}
            for r in factor_results]


def panel_outcomes(lab) -> list[dict]:
    """Return each proposal's status, decision and conditions, and its panels; factor results only for panels
    that are revealed or closed."""
    proposals = db.session.scalars(
        select(Proposal).where(Proposal.lab_id == lab.id)
        .options(selectinload(Proposal.prototype), selectinload(Proposal.actions))
        .order_by(Proposal.id)).all()
    links = db.session.execute(
        select(PanelProposal.proposal_id, PanelSession).join(PanelSession, PanelSession.id == PanelProposal.panel_id)
        .where(PanelSession.lab_id == lab.id).order_by(PanelSession.held_on, PanelSession.id)).all()
    open_panels = {panel.id for _p, panel in links if panel.open_results}
    ratings = defaultdict(lambda: {factor: [] for factor in FACTORS})
    if open_panels:
        seated = select(PanelMember.id).where(PanelMember.panel_id == Score.panel_id,
                                              PanelMember.membership_id == Score.membership_id).exists()
        for panel_id, proposal_id, factor, rating in db.session.execute(
                select(Score.panel_id, Score.proposal_id, Score.factor, Score.rating)
                .where(Score.panel_id.in_(open_panels), Score.rating.is_not(None), seated)):
            if factor in FACTORS:
                ratings[(panel_id, proposal_id)][factor].append(rating)
    panels_of = defaultdict(list)
    for proposal_id, panel in links:
        entry = {"title": panel.title, "held_on": _iso(panel.held_on), "open": panel.open_results}
        if panel.open_results:
            factor_results = results(ratings[(panel.id, proposal_id)])
            entry["factors"] = _factor_rows(factor_results)
            entry["at_risk"] = [{"factor": r.factor, "label": str(FACTORS[r.factor][0]), "median": r.median}
                                for r in most_at_risk(factor_results)]
            entry["disagreements"] = [r.factor for r in factor_results if r.disagreement]
        panels_of[proposal_id].append(entry)
    return [{
        "title": proposal.prototype.name, "status": proposal.status,
        "status_label": str(PROPOSAL_STATUSES.get(proposal.status, proposal.status)),
        "decision": proposal.decision,
        "decision_label": str(PANEL_DECISIONS.get(proposal.decision, proposal.decision)) if proposal.decision else "",
        "conditions": proposal.conditions, "decided_on": _iso(proposal.decided_on),
        "panels": panels_of.get(proposal.id, []),
        "actions": [{"what": a.what, "owner": a.owner, "due_on": _iso(a.due_on)} for a in proposal.actions],
    } for proposal in proposals]
