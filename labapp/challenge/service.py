"""Keep proposals: prefill from the prototype, the lab's lists, edits that clear sign-offs, sign-offs, decisions."""
from datetime import date

from flask_babel import force_locale
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from labapp.accounts.models import utcnow
from labapp.extensions import db
from labapp.prototypes.constants import LEAD, SPONSOR
from labapp.prototypes.measures import analysis, series

from .constants import DECISION_STATUS, DRAFT, EQUALITY_GROUPS, NEGATIVE, OPTION_KINDS, SUBMITTED
from .models import Action, ChallengeOption, EqualityEffect, Proposal, Resource, Risk


class SignOffError(ValueError):
    """Raised when a person may not sign a proposal in the way asked."""


# The lab's lists --------------------------------------------------------------------------------------

def options(lab, kind: str) -> list[ChallengeOption]:
    """Return the lab's scale or priority list, creating the preset entries the first time."""
    rows = db.session.scalars(select(ChallengeOption).where(ChallengeOption.lab_id == lab.id,
                                                            ChallengeOption.kind == kind)
                              .order_by(ChallengeOption.position, ChallengeOption.id)).all()
    if rows:
        return list(rows)
    with force_locale("en"):  # the stored label is only a fallback: preset rows show in the reader's language
        rows = [ChallengeOption(lab_id=lab.id, kind=kind, code=code, label=str(label), position=i)
                for i, (code, label) in enumerate(OPTION_KINDS[kind].items())]
    db.session.add_all(rows)
    db.session.flush()
    return rows


def set_options(lab, kind: str, lines: list[str]) -> None:
    """Make the list the given lines, in order: a line equal to an entry's shown label keeps that entry."""
    existing = options(lab, kind)
    by_text = {row.display.strip().casefold(): row for row in existing}
    kept = set()
    for position, line in enumerate(text for text in (line.strip() for line in lines) if text):
        row = by_text.get(line.casefold())
        if row is None or row.id in kept:
            row = ChallengeOption(lab_id=lab.id, kind=kind, code=None, label=line[:200])
            db.session.add(row)
        row.position = position
        kept.add(row.id)
    for row in existing:
        if row.id not in kept:
            db.session.delete(row)
    db.session.flush()


# Proposals --------------------------------------------------------------------------------------------

def proposals_of(lab) -> list[Proposal]:
    """Return the lab's proposals, newest first, with their prototypes."""
    return list(db.session.scalars(select(Proposal).where(Proposal.lab_id == lab.id)
                                   .options(selectinload(Proposal.prototype))
                                   .order_by(Proposal.created_at.desc(), Proposal.id.desc())))


def proposal_for(prototype) -> Proposal | None:
    """Return the prototype's proposal, if it has one."""
    return db.session.scalar(select(Proposal).where(Proposal.prototype_id == prototype.id))


def measure_summary(prototype) -> str:
    """Return the prototype's measures, one a line, each with its latest run-chart reading."""
    from labapp.prototypes.chart import verdict

    lines = []
    for measure in prototype.measures:
        _rows, values, _excluded = series(measure)
        text, _judged = verdict(analysis(measure), measure.direction, sum(v is not None for v in values))
        lines.append(f"{measure.name}: {text}")
    return "\n".join(lines)


def start_proposal(prototype) -> Proposal:
    """Create the prototype's proposal, filled in from the prototype (which moves on to "writing the proposal");
    return the existing one if there is one."""
    proposal = proposal_for(prototype)
    if proposal is not None:
        return proposal
    proposal = Proposal(lab_id=prototype.lab_id, prototype=prototype, propositions=list(prototype.propositions or []),
                        hypothesis=prototype.hypothesis or "", change=prototype.aim or "",
                        impact_measures=measure_summary(prototype), priority_ids=[])
    proposal.equality = [EqualityEffect(group=code, effect="unknown") for code in EQUALITY_GROUPS]
    if prototype.status in ("forming", "testing"):
        prototype.status = "proposal"
    db.session.add(proposal)
    db.session.flush()
    return proposal


def _changed(proposal: Proposal) -> None:
    """Note a change: any sign-off no longer holds, and a submitted proposal goes back to draft."""
    proposal.lead_signed_by_id = proposal.lead_signed_on = None
    proposal.sponsor_signed_by_id = proposal.sponsor_signed_on = None
    proposal.status = DRAFT
    proposal.updated_at = utcnow()


def update_proposal(proposal: Proposal, *, equality: dict | None = None, **values) -> None:
    """Change the proposal's fields (and equality rows {group: (effect, mitigation)}); this clears sign-offs."""
    for name, value in values.items():
        setattr(proposal, name, value)
    if equality is not None:
        rows = {row.group: row for row in proposal.equality}
        for group, (effect, mitigation) in equality.items():
            row = rows.get(group)
            if row is None:
                row = EqualityEffect(group=group)
                proposal.equality.append(row)
            row.effect, row.mitigation = effect, mitigation or ""
    _changed(proposal)


def missing_mitigations(proposal: Proposal) -> list[str]:
    """Return the groups with a likely negative effect and no mitigation written."""
    return [row.group for row in proposal.equality if row.effect == NEGATIVE and not row.mitigation.strip()]


def add_resource(proposal: Proposal, **values) -> Resource:
    """Add a resource row; this clears sign-offs."""
    row = Resource(**values)
    proposal.resources.append(row)
    _changed(proposal)
    return row


def add_risk(proposal: Proposal, **values) -> Risk:
    """Add a risk; this clears sign-offs."""
    row = Risk(**values)
    proposal.risks.append(row)
    _changed(proposal)
    return row


def remove_row(proposal: Proposal, row) -> None:
    """Remove a resource or a risk; this clears sign-offs."""
    collection = proposal.resources if isinstance(row, Resource) else proposal.risks
    collection.remove(row)
    db.session.delete(row)
    _changed(proposal)


def risk_grid(proposal: Proposal) -> dict:
    """Return {(likelihood, consequence): [risk numbers]} for the 5 x 5 heat map (numbers count from 1)."""
    grid = {}
    for number, risk in enumerate(proposal.risks, start=1):
        grid.setdefault((risk.likelihood, risk.consequence), []).append(number)
    return grid


def signer_roles(proposal: Proposal, membership) -> list[str]:
    """Return the sign-offs this person may give: "lead" and/or "sponsor" of the prototype's team."""
    return sorted({m.role for m in proposal.prototype.team
                   if m.membership_id == membership.id and m.role in (LEAD, SPONSOR)})


def lock_proposal(proposal: Proposal) -> Proposal:
    """Take the proposal's lock for the rest of the transaction and reload it (a row lock on PostgreSQL, the
    write lock on SQLite), so two people signing at once both see the other's signature."""
    db.session.execute(update(Proposal).where(Proposal.id == proposal.id)
                       .values(updated_at=Proposal.updated_at).execution_options(synchronize_session=False))
    db.session.refresh(proposal)
    return proposal


def sign(proposal: Proposal, membership, role: str, today: date) -> None:
    """Sign the proposal as its lead or sponsor from the person's own account; both signed submits it."""
    lock_proposal(proposal)
    if role not in signer_roles(proposal, membership):
        raise SignOffError(role)
    if missing_mitigations(proposal):
        raise SignOffError("mitigation")
    if role == LEAD:
        proposal.lead_signed_by_id, proposal.lead_signed_on = membership.user_id, today
    else:
        proposal.sponsor_signed_by_id, proposal.sponsor_signed_on = membership.user_id, today
    if proposal.lead_signed_by_id and proposal.sponsor_signed_by_id:
        proposal.status = SUBMITTED


def decide(proposal: Proposal, decision: str, conditions: str, today: date) -> None:
    """Record the panel's decision; the prototype's status follows it."""
    proposal.decision, proposal.conditions, proposal.decided_on = decision, conditions, today
    proposal.prototype.status = DECISION_STATUS[decision]


def add_action(proposal: Proposal, **values) -> Action:
    """Add an action to the decision."""
    row = Action(**values)
    proposal.actions.append(row)
    return row
