"""Run panel sessions: members, proposals, blind scoring, reveal and close, and what each person may see.

Blindness lives here, in one place: `visible_scores` (one proposal) and `overview` (every proposal of a panel at
once) are the only ways views, exports and PDFs read scores, and both follow `sees_all`.
A person sees every member's scores for a proposal only when the panel is revealed or closed, or when they
are a member of the panel and have submitted their own scores for that proposal; otherwise only their own.
"""
from sqlalchemy import delete, select, update
from sqlalchemy.orm import joinedload, selectinload

from labapp.accounts.models import utcnow
from labapp.extensions import db

from .aggregate import most_at_risk, results
from .constants import FACTORS, SUBMITTED
from .models import PanelMember, PanelProposal, PanelSession, Proposal, Score, Submission


class PanelClosed(ValueError):
    """Raised when scores change after the facilitator closed the panel."""


def panels_of(lab) -> list[PanelSession]:
    """Return the lab's panels, latest first, with their proposals and members."""
    return list(db.session.scalars(select(PanelSession).where(PanelSession.lab_id == lab.id)
                                   .options(selectinload(PanelSession.items), selectinload(PanelSession.members))
                                   .order_by(PanelSession.held_on.desc(), PanelSession.id.desc())))


def create_panel(lab, *, title: str, held_on) -> PanelSession:
    """Set up a panel session."""
    panel = PanelSession(lab_id=lab.id, title=title, held_on=held_on)
    db.session.add(panel)
    db.session.flush()
    return panel


def is_member(panel: PanelSession, membership) -> bool:
    """Tell whether the person sits on the panel."""
    return any(m.membership_id == membership.id for m in panel.members)


def set_members(panel: PanelSession, memberships) -> None:
    """Make these lab members the panel (their scores stay if they were on it already)."""
    wanted = {m.id: m for m in memberships}
    for row in list(panel.members):
        if row.membership_id not in wanted:
            panel.members.remove(row)
            db.session.delete(row)
    have = {row.membership_id for row in panel.members}
    for membership_id, membership in wanted.items():
        if membership_id not in have:
            panel.members.append(PanelMember(membership=membership))


def set_proposals(panel: PanelSession, proposals) -> None:
    """Make these submitted proposals the ones the panel reviews."""
    wanted = {p.id: p for p in proposals if p.status == SUBMITTED or p.id in {i.proposal_id for i in panel.items}}
    for row in list(panel.items):
        if row.proposal_id not in wanted:
            panel.items.remove(row)
            db.session.delete(row)
    have = {row.proposal_id for row in panel.items}
    for proposal_id, proposal in wanted.items():
        if proposal_id not in have:
            panel.items.append(PanelProposal(proposal=proposal))


def reviews(panel: PanelSession, proposal: Proposal) -> bool:
    """Tell whether the panel reviews this proposal."""
    return any(item.proposal_id == proposal.id for item in panel.items)


def own_scores(panel, proposal, membership) -> dict[int, Score]:
    """Return the person's own scores for a proposal, by factor."""
    rows = db.session.scalars(select(Score).where(Score.panel_id == panel.id, Score.proposal_id == proposal.id,
                                                  Score.membership_id == membership.id))
    return {row.factor: row for row in rows}


def has_submitted(panel, proposal, membership) -> bool:
    """Tell whether the person has submitted their scores for the proposal."""
    return db.session.scalar(select(Submission.id).where(
        Submission.panel_id == panel.id, Submission.proposal_id == proposal.id,
        Submission.membership_id == membership.id)) is not None


def save_scores(panel, proposal, membership, values: dict, *, submit: bool) -> None:
    """Save the member's {factor: (rating or None, comment)}; `submit` also marks their scores as submitted."""
    # Take the member's seat row lock (PostgreSQL; the write lock on SQLite), so a double tap cannot insert the
    # same scores twice; then read the panel's state afresh, as the facilitator may have just closed it.
    db.session.execute(update(PanelMember).where(PanelMember.panel_id == panel.id,
                                                 PanelMember.membership_id == membership.id)
                       .values(membership_id=PanelMember.membership_id).execution_options(synchronize_session=False))
    db.session.refresh(panel)
    if panel.closed:
        raise PanelClosed()
    rows = own_scores(panel, proposal, membership)
    for factor, (rating, comment) in values.items():
        row = rows.get(factor)
        if row is None:
            row = Score(panel_id=panel.id, proposal_id=proposal.id, membership_id=membership.id, factor=factor)
            db.session.add(row)
        row.rating, row.comment, row.updated_at = rating, comment or "", utcnow()
    if submit and not has_submitted(panel, proposal, membership):
        db.session.add(Submission(panel_id=panel.id, proposal_id=proposal.id, membership_id=membership.id))
    db.session.flush()


def submissions_of(panel) -> dict[int, set[int]]:
    """Return {proposal id: ids of the members who submitted their scores} for the whole panel, in one query."""
    done = {}
    for proposal_id, membership_id in db.session.execute(
            select(Submission.proposal_id, Submission.membership_id).where(Submission.panel_id == panel.id)):
        done.setdefault(proposal_id, set()).add(membership_id)
    return done


def sees_all(panel, proposal, membership, submitted: dict | None = None) -> bool:
    """Tell whether the person may see every member's scores for the proposal (see the module docstring).

    `submitted` is the panel's `submissions_of`, when it was read already (no query per proposal then).
    """
    if panel.open_results:
        return True
    if not is_member(panel, membership):
        return False
    if submitted is None:
        return has_submitted(panel, proposal, membership)
    return membership.id in submitted.get(proposal.id, ())


def visible_scores(panel, proposal, membership) -> list[Score]:
    """Return the scores for the proposal this person may see: all when `sees_all`, else only their own."""
    seats = select(PanelMember.membership_id).where(PanelMember.panel_id == panel.id)
    query = select(Score).where(Score.panel_id == panel.id, Score.proposal_id == proposal.id,
                                Score.membership_id.in_(seats))  # a member taken off the panel no longer counts
    if not sees_all(panel, proposal, membership):
        query = query.where(Score.membership_id == membership.id)
    return list(db.session.scalars(query.order_by(Score.membership_id, Score.factor)))


def revealed_scores(panel) -> dict[int, list[Score]]:
    """Return {proposal id: scores} of every seated member for all the panel's proposals, with who gave them, in
    a fixed number of queries; only for when the results are open to everyone."""
    seats = select(PanelMember.membership_id).where(PanelMember.panel_id == panel.id)
    reviewed = select(PanelProposal.proposal_id).where(PanelProposal.panel_id == panel.id)
    grouped = {}
    for score in db.session.scalars(
            select(Score).where(Score.panel_id == panel.id, Score.membership_id.in_(seats),
                                Score.proposal_id.in_(reviewed))
            .options(selectinload(Score.membership)).order_by(Score.membership_id, Score.factor)):
        grouped.setdefault(score.proposal_id, []).append(score)
    return grouped


def progress(panel, proposal) -> tuple[int, int]:
    """Return (members who submitted, members on the panel) for a proposal; counts only, never scores."""
    members = {m.membership_id for m in panel.members}
    done = db.session.scalars(select(Submission.membership_id).where(
        Submission.panel_id == panel.id, Submission.proposal_id == proposal.id)).all()
    return len(members & set(done)), len(members)


def proposal_results(scores) -> dict:
    """Sum up scores (as given by `visible_scores`): per factor results, factors at risk, and comments."""
    ratings = {factor: [] for factor in FACTORS}
    comments = {factor: [] for factor in FACTORS}
    for score in scores:
        if score.rating is not None:
            ratings[score.factor].append(score.rating)
        if score.comment.strip():
            comments[score.factor].append(score.comment)
    factor_results = results(ratings, comments)
    return {"factors": factor_results, "at_risk": most_at_risk(factor_results)}


def overview(panel, membership) -> list[dict]:
    """Return one row per proposal of the panel, in a fixed number of queries however many proposals it reviews:
    {"proposal", "progress": as `progress`, "submitted": whether the person submitted theirs, "summary": the
    proposal's results, or None where the person may not see the others' scores yet (as `sees_all`)}."""
    proposals = db.session.scalars(
        select(Proposal).join(PanelProposal, PanelProposal.proposal_id == Proposal.id)
        .where(PanelProposal.panel_id == panel.id).options(joinedload(Proposal.prototype))
        .order_by(PanelProposal.id)).all()
    seated = {m.membership_id for m in panel.members}
    submitted = submissions_of(panel)
    shown = [p for p in proposals if sees_all(panel, p, membership, submitted)]
    scores = {}
    # Every seated member's scores, only for the proposals the person may see in full (the query runs even for
    # none, so that the page sends as many queries whoever looks).
    for score in db.session.scalars(
            select(Score).where(Score.panel_id == panel.id, Score.proposal_id.in_([p.id for p in shown]),
                                Score.membership_id.in_(seated))
            .order_by(Score.proposal_id, Score.membership_id, Score.factor)):
        scores.setdefault(score.proposal_id, []).append(score)
    shown_ids = {p.id for p in shown}
    return [{"proposal": proposal,
             "progress": (len(seated & submitted.get(proposal.id, set())), len(seated)),
             "submitted": membership.id in submitted.get(proposal.id, ()),
             "summary": proposal_results(scores.get(proposal.id, [])) if proposal.id in shown_ids else None}
            for proposal in proposals]


def reveal(panel) -> None:
    """Show every member's scores to the panel."""
    panel.revealed = True


def close(panel) -> None:
    """Close the panel: scores can no longer change, and everyone sees the results."""
    panel.closed = True


def reopen(panel) -> None:
    """Let members change their scores again."""
    panel.closed = False


def release_member(membership) -> None:
    """Before a person leaves the lab: drop their panel seats, scores and submissions (SQLite does not cascade)."""
    for model in (Score, Submission, PanelMember):
        db.session.execute(delete(model).where(model.membership_id == membership.id))




def reviews_of(proposal, membership, *, chart_size=(6.4, 4.2), open_only: bool = False) -> list[dict]:
    """Return the proposal's panel results the person may see in full: one entry per panel that is revealed
    or closed, or (unless `open_only`) where the person sat and submitted; each with results and the chart."""
    from .chart import factor_chart

    panels = db.session.scalars(select(PanelSession).join(PanelProposal)
                                .where(PanelProposal.proposal_id == proposal.id).order_by(PanelSession.id))
    entries = []
    for panel in panels:
        if not (panel.open_results if open_only else sees_all(panel, proposal, membership)):
            continue
        summary = proposal_results(visible_scores(panel, proposal, membership))
        entries.append({"panel": panel, **summary,
                        "chart": factor_chart(summary["factors"], width=chart_size[0], height=chart_size[1])})
    return entries
