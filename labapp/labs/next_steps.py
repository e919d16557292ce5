"""Work out what one person should do next in a lab, by their roles, most urgent first, in a fixed number of
queries."""
from dataclasses import dataclass
from datetime import date, timedelta

from flask import url_for
from flask_babel import format_number, format_percent, ngettext
from flask_babel import gettext as _
from sqlalchemy import exists, func, select
from sqlalchemy.orm import selectinload

from labapp.challenge.constants import SUBMITTED
from labapp.challenge.models import (
    PanelMember,
    PanelProposal,
    PanelSession,
    Proposal,
    Submission,
)
from labapp.datacards.constants import OPEN as PICKING
from labapp.datacards.models import Card, CardComment, Deck, PickCount, PickSession
from labapp.extensions import db
from labapp.journeys.constants import CONFIRMED, WITHDRAWN
from labapp.journeys.constants import DRAFT as VISIT_DRAFT
from labapp.journeys.constants import OPEN as VISIT_OPEN
from labapp.journeys.models import Debrief, SignUp, Visit
from labapp.outreach.constants import COMING
from labapp.outreach.models import Outreach
from labapp.practice.constants import OPEN as SESSION_OPEN
from labapp.practice.models import ReviewSession
from labapp.prototypes.constants import COACH, LEAD, MEMBER, SPONSOR
from labapp.prototypes.models import Measure, Prototype, PrototypeMember
from labapp.prototypes.service import timeline

from .constants import DESIGN_TEAM, FACILITATOR, PARTICIPANT, RESIDENT_SECTOR
from .dashboard import FINISHED_PROTOTYPES

# Lower comes first: what is late or blocks others, then what has a date, then what can wait.
LATE, BLOCKING, SOON, WHENEVER = 1, 2, 3, 4


@dataclass
class Step:
    """One thing to do: a sentence with its count, and where to do it."""

    urgency: int
    text: str
    link: str


def _num(count: int) -> str:
    return format_number(count)


# Participants -----------------------------------------------------------------------------------------

def participant_steps(lab, membership, today: date) -> list[Step]:
    """Debriefs to write, visits with places, open card-picking sessions to join."""
    steps = []
    mine = select(SignUp.visit_id).where(SignUp.membership_id == membership.id, SignUp.status != WITHDRAWN)
    to_debrief = db.session.execute(
        select(Visit.id, Visit.title).join(SignUp, SignUp.visit_id == Visit.id)
        .where(Visit.lab_id == lab.id, Visit.day < today, SignUp.membership_id == membership.id,
               SignUp.status == CONFIRMED,
               ~exists().where(Debrief.visit_id == Visit.id, Debrief.membership_id == membership.id))
        .order_by(Visit.day.desc(), Visit.id)).all()
    if len(to_debrief) == 1:
        steps.append(Step(SOON, _("Write your debrief for the visit “%(title)s”: what you saw, felt and thought.",
                                  title=to_debrief[0].title),
                          url_for("journeys.debrief", lab_id=lab.id, visit_id=to_debrief[0].id)))
    elif to_debrief:
        steps.append(Step(SOON, ngettext("Write your debrief for %(count)s visit you went on.",
                                         "Write your debriefs for %(count)s visits you went on.", len(to_debrief),
                                         count=_num(len(to_debrief))), url_for("journeys.mine", lab_id=lab.id)))
    with_places = db.session.scalar(select(func.count(Visit.id)).where(
        Visit.lab_id == lab.id, Visit.status == VISIT_OPEN, Visit.confirmed_count < Visit.capacity,
        Visit.day >= today, Visit.id.not_in(mine)))
    if with_places:
        steps.append(Step(WHENEVER, ngettext("%(count)s learning-journey visit has places: sign up for one.",
                                             "%(count)s learning-journey visits have places: sign up for one.",
                                             with_places, count=_num(with_places)),
                          url_for("journeys.index", lab_id=lab.id)))
    sessions = db.session.execute(
        select(PickSession.id, PickSession.title).where(
            PickSession.lab_id == lab.id, PickSession.state == PICKING,
            ~exists().where(PickCount.session_id == PickSession.id, PickCount.membership_id == membership.id,
                            PickCount.picked > 0))
        .order_by(PickSession.created_at.desc(), PickSession.id.desc())).all()
    if sessions:
        steps.append(Step(BLOCKING, ngettext("%(count)s card-picking session is open: pick the cards that speak "
                                             "to you.", "%(count)s card-picking sessions are open: pick the cards "
                                             "that speak to you.", len(sessions), count=_num(len(sessions))),
                          url_for("datacards.pick_page", lab_id=lab.id, session_id=sessions[0].id)))
    return steps


# Prototype teams, coaches, leads and sponsors ---------------------------------------------------------

def team_steps(lab, membership, today: date) -> list[Step]:
    """For the person's prototypes: weeks without an Act decision, and this week's measure values."""
    steps = []
    prototypes = db.session.scalars(
        select(Prototype).join(PrototypeMember)
        .where(Prototype.lab_id == lab.id, PrototypeMember.membership_id == membership.id,
               PrototypeMember.role.in_((LEAD, MEMBER, COACH)), Prototype.status.not_in(FINISHED_PROTOTYPES))
        .order_by(Prototype.name, Prototype.id)
        .options(selectinload(Prototype.cycles), selectinload(Prototype.measures).selectinload(Measure.values))
    ).unique().all()
    for prototype in prototypes:
        weeks = timeline(prototype, today)
        late = [week for week in weeks if week.overdue]
        link = url_for("prototypes.show", lab_id=lab.id, prototype_id=prototype.id)
        if late:
            steps.append(Step(LATE, ngettext("“%(name)s” has %(count)s week without an Act decision: write what "
                                             "you learned and decide.", "“%(name)s” has %(count)s weeks without "
                                             "an Act decision: write what you learned and decide.", len(late),
                                             name=prototype.name, count=_num(len(late))), link))
        current = next((week for week in weeks if week.current), None)
        if current is not None and current.starts is not None:
            week_end = current.starts + timedelta(weeks=1)
            missing = [m for m in prototype.measures
                       if not any(current.starts <= value.period < week_end for value in m.values)]
            if missing:
                steps.append(Step(SOON, ngettext("Add this week's value for %(count)s measure of “%(name)s”.",
                                                 "Add this week's values for %(count)s measures of “%(name)s”.",
                                                 len(missing), name=prototype.name, count=_num(len(missing))), link))
    return steps


def signature_steps(lab, membership) -> list[Step]:
    """Proposals the person should sign: as the team's lead, or as its sponsor once the lead has signed."""
    rows = db.session.execute(
        select(Proposal.id, Prototype.name, PrototypeMember.role, Proposal.lead_signed_by_id,
               Proposal.sponsor_signed_by_id)
        .join(Prototype, Prototype.id == Proposal.prototype_id)
        .join(PrototypeMember, PrototypeMember.prototype_id == Prototype.id)
        .where(Proposal.lab_id == lab.id, Proposal.decision == "", PrototypeMember.membership_id == membership.id,
               PrototypeMember.role.in_((LEAD, SPONSOR)))
        .order_by(Prototype.name, Proposal.id)).all()
    steps = []
    for proposal_id, name, role, lead_signed, sponsor_signed in rows:
        link = url_for("challenge.show", lab_id=lab.id, proposal_id=proposal_id)
        if role == SPONSOR and lead_signed and not sponsor_signed:
            steps.append(Step(BLOCKING, _("The proposal for “%(name)s” is waiting for your signature as its "
                                          "sponsor.", name=name), link))
        elif role == LEAD and not lead_signed:
            steps.append(Step(SOON, _("Finish and sign the proposal for “%(name)s” as its lead.", name=name), link))
    return steps


def panel_steps(lab, membership) -> list[Step]:
    """Proposals the person has still to score in the open panels they sit on."""
    rows = db.session.execute(
        select(PanelSession.id, PanelSession.title, func.count(PanelProposal.id))
        .join(PanelMember, PanelMember.panel_id == PanelSession.id)
        .join(PanelProposal, PanelProposal.panel_id == PanelSession.id)
        .where(PanelSession.lab_id == lab.id, PanelSession.closed.is_(False),
               PanelMember.membership_id == membership.id,
               ~exists().where(Submission.panel_id == PanelSession.id,
                               Submission.proposal_id == PanelProposal.proposal_id,
                               Submission.membership_id == membership.id))
        .group_by(PanelSession.id, PanelSession.title).order_by(PanelSession.id)).all()
    return [Step(BLOCKING, ngettext("Score %(count)s proposal for the panel “%(title)s”.",
                                    "Score %(count)s proposals for the panel “%(title)s”.", count,
                                    count=_num(count), title=title),
                 url_for("challenge.panel", lab_id=lab.id, panel_id=panel_id))
            for panel_id, title, count in rows]


# Design team and facilitators -------------------------------------------------------------------------

def design_team_steps(lab, membership) -> list[Step]:
    """The person's invitations still unanswered, and cards with open review comments."""
    steps = []
    waiting = dict(db.session.execute(
        select(Outreach.status, func.count()).where(Outreach.lab_id == lab.id,
                                                    Outreach.inviter_id == membership.id,
                                                    Outreach.status.in_(("to_invite", "invited")))
        .group_by(Outreach.status)).all())
    if waiting.get("invited"):
        count = waiting["invited"]
        steps.append(Step(SOON, ngettext("%(count)s person you invited has not answered yet: ask again.",
                                         "%(count)s people you invited have not answered yet: ask again.", count,
                                         count=_num(count)), url_for("outreach.mine", lab_id=lab.id)))
    if waiting.get("to_invite"):
        count = waiting["to_invite"]
        steps.append(Step(WHENEVER, ngettext("%(count)s person on your list is still to be invited.",
                                             "%(count)s people on your list are still to be invited.", count,
                                             count=_num(count)), url_for("outreach.mine", lab_id=lab.id)))
    cards = db.session.scalar(
        select(func.count(func.distinct(CardComment.card_id))).join(Card, Card.id == CardComment.card_id)
        .join(Deck, Deck.id == Card.deck_id).where(Deck.lab_id == lab.id, CardComment.resolved_at.is_(None)))
    if cards:
        steps.append(Step(SOON, ngettext("%(count)s data card has review comments to answer.",
                                         "%(count)s data cards have review comments to answer.", cards,
                                         count=_num(cards)), url_for("datacards.index", lab_id=lab.id)))
    return steps


def facilitator_steps(lab) -> list[Step]:
    """The room below its resident target or missing a sector, visits still in draft, proposals without a panel, panels ready to
    reveal."""
    steps = []
    coming = dict(db.session.execute(
        select(Outreach.sector, func.count()).where(Outreach.lab_id == lab.id, Outreach.status.in_(COMING))
        .group_by(Outreach.sector)).all())
    total = sum(coming.values())
    residents = coming.get(RESIDENT_SECTOR, 0)
    if total and 100 * residents < lab.resident_target * total:
        steps.append(Step(SOON, ngettext(
            "Residents are %(percent)s of the %(count)s person coming; the aim is %(target)s: invite more residents.",
            "Residents are %(percent)s of the %(count)s people coming; the aim is %(target)s: invite more residents.",
            total, percent=format_percent(round(residents / total, 2)), count=_num(total),
            target=format_percent(lab.resident_target / 100)), url_for("outreach.balance", lab_id=lab.id)))
    missing = [label for code, label in lab.sectors.items() if total and not coming.get(code)]
    if missing:
        steps.append(Step(SOON, ngettext("Nobody from %(count)s sector is coming yet (%(sectors)s): invite someone.",
                                         "Nobody from %(count)s sectors is coming yet (%(sectors)s): invite someone "
                                         "from each.", len(missing), count=_num(len(missing)),
                                         sectors=", ".join(str(label) for label in missing)),
                          url_for("outreach.balance", lab_id=lab.id)))
    drafts, unpanelled = db.session.execute(select(
        select(func.count(Visit.id)).where(Visit.lab_id == lab.id, Visit.status == VISIT_DRAFT).scalar_subquery(),
        select(func.count(Proposal.id)).where(
            Proposal.lab_id == lab.id, Proposal.status == SUBMITTED, Proposal.decision == "",
            ~exists().where(PanelProposal.proposal_id == Proposal.id)).scalar_subquery(),
    )).one()
    if drafts:
        steps.append(Step(WHENEVER, ngettext("%(count)s visit is still a draft: open it for sign-up when it is ready.",
                                             "%(count)s visits are still drafts: open them for sign-up when they "
                                             "are ready.", drafts, count=_num(drafts)),
                          url_for("journeys.index", lab_id=lab.id)))
    if unpanelled:
        steps.append(Step(BLOCKING, ngettext("%(count)s submitted proposal has no panel yet: add it to one.",
                                             "%(count)s submitted proposals have no panel yet: add them to one.",
                                             unpanelled, count=_num(unpanelled)),
                          url_for("challenge.panels_index", lab_id=lab.id)))
    seats = select(func.count(PanelMember.id)).where(PanelMember.panel_id == PanelSession.id).scalar_subquery()
    items = select(func.count(PanelProposal.id)).where(PanelProposal.panel_id == PanelSession.id).scalar_subquery()
    done = (select(func.count(Submission.id)).where(
        Submission.panel_id == PanelSession.id,
        Submission.membership_id.in_(select(PanelMember.membership_id).where(PanelMember.panel_id == PanelSession.id)),
        Submission.proposal_id.in_(select(PanelProposal.proposal_id).where(PanelProposal.panel_id == PanelSession.id)))
        .scalar_subquery())
    ready = db.session.execute(
        select(PanelSession.id, PanelSession.title).where(
            PanelSession.lab_id == lab.id, PanelSession.closed.is_(False), PanelSession.revealed.is_(False),
            seats > 0, items > 0, done >= seats * items).order_by(PanelSession.id)).all()
    for panel_id, title in ready:
        steps.append(Step(BLOCKING, _("Everyone on the panel “%(title)s” has scored: reveal the scores.",
                                      title=title), url_for("challenge.panel", lab_id=lab.id,
                                                                   panel_id=panel_id)))
    return steps


def review_steps(lab, today: date) -> list[Step]:
    """Ask everyone to add their lessons to a review session that is open today or was held and is still open."""
    session = db.session.scalar(
        select(ReviewSession).where(ReviewSession.lab_id == lab.id, ReviewSession.status == SESSION_OPEN,
                                    ReviewSession.held_on <= today)
        .order_by(ReviewSession.held_on.desc(), ReviewSession.id.desc()).limit(1))
    if session is None:
        return []
    return [Step(SOON, _("The review session “%(title)s” is open: add what you learned.", title=session.title),
                 url_for("practice.show", lab_id=lab.id, session_id=session.id))]


def next_steps(lab, membership, today: date) -> list[Step]:
    """Return the person's to-do list in this lab, by their roles, most urgent first."""
    steps = []
    if membership.has_role(PARTICIPANT):
        steps += participant_steps(lab, membership, today)
    steps += team_steps(lab, membership, today)  # anyone on a prototype's team, whatever their lab role
    steps += signature_steps(lab, membership)
    steps += panel_steps(lab, membership)
    steps += review_steps(lab, today)
    if membership.has_role(FACILITATOR, DESIGN_TEAM):
        steps += design_team_steps(lab, membership)
    if membership.has_role(FACILITATOR):
        steps += facilitator_steps(lab)
    return sorted(steps, key=lambda step: step.urgency)
