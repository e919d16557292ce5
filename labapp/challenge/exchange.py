"""Export a lab's proposals, lists, panels, scores and decisions, and import them into a new lab.

Blindness holds in the export too: a panel's scores and submissions are exported only once the facilitator
has revealed them or closed the panel. Reveal or close a panel before exporting to carry its scores over.
"""
from datetime import date, datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import selectinload

from labapp.extensions import db
from labapp.labs.models import Membership

from .models import (Action, ChallengeOption, EqualityEffect, PanelMember, PanelProposal, PanelSession, Proposal,
                     Resource, Risk, Score, Submission)

SECTION_KEY = "challenge"


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _members_by_user(lab) -> dict[int, int]:
    """Return {user id: membership id} for the lab's members, in one query."""
    return dict(db.session.execute(select(Membership.user_id, Membership.id).where(Membership.lab_id == lab.id)).all())


def export_section(lab) -> dict:
    """Return the lab's lists, proposals and panels as plain data; people appear as membership ids."""
    options = db.session.scalars(select(ChallengeOption).where(ChallengeOption.lab_id == lab.id)
                                 .order_by(ChallengeOption.kind, ChallengeOption.position, ChallengeOption.id)).all()
    proposals = db.session.scalars(select(Proposal).where(Proposal.lab_id == lab.id).order_by(Proposal.id).options(
        selectinload(Proposal.resources), selectinload(Proposal.risks), selectinload(Proposal.equality),
        selectinload(Proposal.actions))).all()
    panels = db.session.scalars(select(PanelSession).where(PanelSession.lab_id == lab.id).order_by(PanelSession.id)
                                .options(selectinload(PanelSession.members), selectinload(PanelSession.items))).all()
    member_of = _members_by_user(lab)
    scores, submissions = _open_results(panels)
    return {
        "options": [{"id": o.id, "kind": o.kind, "code": o.code, "label": o.label, "position": o.position}
                    for o in options],
        "proposals": [
            {"id": p.id, "prototype_id": p.prototype_id, "propositions": list(p.propositions or []),
             "hypothesis": p.hypothesis, "change": p.change, "scale_id": p.scale_id,
             "priority_ids": list(p.priority_ids or []), "impact_measures": p.impact_measures,
             "process_measures": p.process_measures, "governance": p.governance,
             "sponsor_comments": p.sponsor_comments, "status": p.status,
             "lead_signer_id": member_of.get(p.lead_signed_by_id), "lead_signed_on": _iso(p.lead_signed_on),
             "sponsor_signer_id": member_of.get(p.sponsor_signed_by_id),
             "sponsor_signed_on": _iso(p.sponsor_signed_on),
             "decision": p.decision, "conditions": p.conditions, "decided_on": _iso(p.decided_on),
             "resources": [{"kind": r.kind, "state": r.state, "needed": r.needed, "why": r.why} for r in p.resources],
             "risks": [{"description": r.description, "likelihood": r.likelihood, "consequence": r.consequence,
                        "mitigation": r.mitigation} for r in p.risks],
             "equality": [{"group": e.group, "effect": e.effect, "mitigation": e.mitigation} for e in p.equality],
             "actions": [{"what": a.what, "owner": a.owner, "due_on": _iso(a.due_on)} for a in p.actions]}
            for p in proposals
        ],
        "panels": [_export_panel(panel, scores.get(panel.id, []), submissions.get(panel.id, []))
                   for panel in panels],
    }


def _open_results(panels) -> tuple[dict, dict]:
    """Return ({panel id: scores}, {panel id: submissions}) of the panels whose results are open (revealed or
    closed), in two queries however many panels; the others' stay out of the export."""
    open_ids = [panel.id for panel in panels if panel.open_results]
    scores, submissions = {}, {}
    for row in db.session.scalars(select(Score).where(Score.panel_id.in_(open_ids)).order_by(Score.id)):
        scores.setdefault(row.panel_id, []).append(row)
    for row in db.session.scalars(select(Submission).where(Submission.panel_id.in_(open_ids)).order_by(Submission.id)):
        submissions.setdefault(row.panel_id, []).append(row)
    return scores, submissions


def _export_panel(panel: PanelSession, scores: list, submissions: list) -> dict:
    entry = {"title": panel.title, "held_on": _iso(panel.held_on), "revealed": panel.revealed,
             "closed": panel.closed, "members": [m.membership_id for m in panel.members],
             "proposals": [i.proposal_id for i in panel.items], "scores": [], "submissions": []}
    if panel.open_results:
        entry["scores"] = [{"proposal_id": s.proposal_id, "membership_id": s.membership_id, "factor": s.factor,
                            "rating": s.rating, "comment": s.comment} for s in scores]
        entry["submissions"] = [{"proposal_id": s.proposal_id, "membership_id": s.membership_id,
                                 "submitted_at": _iso(s.submitted_at)} for s in submissions]
    return entry


def import_section(lab, data: dict, ids: dict) -> None:
    """Create the lists, proposals and panels in the new lab; prototypes and people follow through ids."""
    members = ids.get("members", {})
    prototypes = ids.get("prototypes", {})
    options = {}
    for row in data.get("options", []):
        option = ChallengeOption(lab_id=lab.id, kind=row["kind"], code=row.get("code"), label=row.get("label") or "",
                                 position=int(row.get("position") or 0))
        db.session.add(option)
        options[row.get("id")] = option
    db.session.flush()  # one flush for all the options: proposals point at them by id
    proposals = {}
    for row in data.get("proposals", []):
        prototype = prototypes.get(row.get("prototype_id"))
        if prototype is None:
            continue
        lead = members.get(row.get("lead_signer_id"))
        sponsor = members.get(row.get("sponsor_signer_id"))
        scale = options.get(row.get("scale_id"))
        proposal = Proposal(
            lab_id=lab.id, prototype_id=prototype.id, propositions=list(row.get("propositions") or []),
            hypothesis=row.get("hypothesis") or "", change=row.get("change") or "",
            scale_id=scale.id if scale else None,
            priority_ids=[options[i].id for i in row.get("priority_ids") or [] if i in options],
            impact_measures=row.get("impact_measures") or "", process_measures=row.get("process_measures") or "",
            governance=row.get("governance") or "", sponsor_comments=row.get("sponsor_comments") or "",
            status=row.get("status") or "draft",
            lead_signed_by_id=lead.user_id if lead else None,
            lead_signed_on=_date(row.get("lead_signed_on")) if lead else None,
            sponsor_signed_by_id=sponsor.user_id if sponsor else None,
            sponsor_signed_on=_date(row.get("sponsor_signed_on")) if sponsor else None,
            decision=row.get("decision") or "", conditions=row.get("conditions") or "",
            decided_on=_date(row.get("decided_on")))
        if proposal.status == "submitted" and not (lead and sponsor):
            proposal.status = "draft"  # a sign-off whose signer did not come over no longer holds
        proposal.resources = [Resource(kind=r["kind"], state=r["state"], needed=r.get("needed") or "",
                                       why=r.get("why") or "") for r in row.get("resources", [])]
        proposal.risks = [Risk(description=r["description"], likelihood=int(r["likelihood"]),
                               consequence=int(r["consequence"]), mitigation=r.get("mitigation") or "")
                          for r in row.get("risks", [])]
        proposal.equality = [EqualityEffect(group=e["group"], effect=e.get("effect") or "unknown",
                                            mitigation=e.get("mitigation") or "") for e in row.get("equality", [])]
        proposal.actions = [Action(what=a["what"], owner=a.get("owner") or "", due_on=_date(a.get("due_on")))
                            for a in row.get("actions", [])]
        db.session.add(proposal)
        proposals[row.get("id")] = proposal
    db.session.flush()  # one flush for all the proposals: panels point at them by id
    scores, submissions = [], []
    for row in data.get("panels", []):
        panel = PanelSession(lab_id=lab.id, title=row["title"], held_on=_date(row.get("held_on")),
                             revealed=bool(row.get("revealed")), closed=bool(row.get("closed")))
        seats = {members[m].id for m in row.get("members", []) if m in members}
        panel.members = [PanelMember(membership_id=m) for m in sorted(seats)]
        reviewed = {proposals[p].id for p in row.get("proposals", []) if p in proposals}
        panel.items = [PanelProposal(proposal_id=p) for p in sorted(reviewed)]
        db.session.add(panel)
        db.session.flush()
        for s in row.get("scores", []):
            member, proposal = members.get(s.get("membership_id")), proposals.get(s.get("proposal_id"))
            if member is not None and proposal is not None and member.id in seats:
                scores.append({"panel_id": panel.id, "proposal_id": proposal.id, "membership_id": member.id,
                               "factor": int(s["factor"]), "rating": s.get("rating"),
                               "comment": s.get("comment") or ""})
        for s in row.get("submissions", []):
            member, proposal = members.get(s.get("membership_id")), proposals.get(s.get("proposal_id"))
            if member is not None and proposal is not None and member.id in seats:
                submission = {"panel_id": panel.id, "proposal_id": proposal.id, "membership_id": member.id}
                if s.get("submitted_at"):  # keep when each panel member handed in, not the day of the import
                    submission["submitted_at"] = datetime.fromisoformat(s["submitted_at"])
                submissions.append(submission)
    for model, rows in ((Score, scores), (Submission, submissions)):
        if rows:  # nothing points at a score or a submission: a few statements for them all
            db.session.execute(insert(model), rows)
    ids[SECTION_KEY] = proposals
    db.session.flush()
