"""Read where a lab stands in each stage: a status word and a few figures, in a fixed number of queries.

Every figure is a plain sentence with its numbers in it (formatted for the reader's language), so a screen
reader and a projector say the same thing; `value` and `total` let the page draw a bar as well.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask import url_for
from flask_babel import format_number, format_percent, ngettext
from flask_babel import gettext as _
from sqlalchemy import and_, case, exists, func, select
from sqlalchemy.orm import selectinload

from labapp.challenge.constants import SUBMITTED
from labapp.challenge.models import PanelProposal, PanelSession, Proposal
from labapp.datacards.constants import OPEN as PICKING
from labapp.datacards.constants import REVIEWED
from labapp.datacards.models import Card, CardComment, Deck, PickSession
from labapp.extensions import db
from labapp.journeys.constants import CANCELLED, CONFIRMED
from labapp.journeys.constants import DRAFT as VISIT_DRAFT
from labapp.journeys.constants import OPEN as VISIT_OPEN
from labapp.journeys.models import Debrief, SignUp, Visit
from labapp.outreach.constants import COMING
from labapp.outreach.models import Outreach
from labapp.practice.models import Lesson, ReviewSession
from labapp.prototypes.constants import MIN_POINTS_TO_JUDGE
from labapp.prototypes.measures import analyse_points, series_of_lab
from labapp.prototypes.models import Post, Prototype
from labapp.prototypes.runchart import RunChartAnalysis
from labapp.prototypes.service import overdue_weeks
from labapp.systemmap.models import Actor
from labapp.workshops.models import Attendance, Workshop

from .constants import DESIGN_TEAM, FACILITATOR, RESIDENT_SECTOR
from .models import Lab

NOT_STARTED, UNDER_WAY, DONE = "not_started", "under_way", "done"
TEAM = (FACILITATOR, DESIGN_TEAM)
# Prototypes that have finished testing: their old weeks are no longer anyone's to-do.
FINISHED_PROTOTYPES = ("adopted", "stopped")


def status_label(code: str) -> str:
    """Return a stage status in words."""
    return {NOT_STARTED: _("Not started"), UNDER_WAY: _("Under way"), DONE: _("Done")}[code]


@dataclass
class Figure:
    """One figure of a stage: a sentence, maybe a bar (value of total), and a link for those who may follow it."""

    text: str
    link: str | None = None
    value: float | None = None
    total: float | None = None
    roles: tuple = ()  # who may follow the link; empty: every member
    warning: bool = False

    def may_follow(self, membership) -> bool:
        """Tell whether this person may open the link."""
        return bool(self.link) and (not self.roles or membership.has_role(*self.roles))


@dataclass
class StageCard:
    """A stage of the lab as the dashboard shows it."""

    stage: object
    status: str
    figures: list[Figure] = field(default_factory=list)
    active: bool = False

    @property
    def code(self) -> str:
        return self.stage.code

    @property
    def status_text(self) -> str:
        return status_label(self.status)


def share(num: int, total: int) -> str:
    """Return num/total as a whole percentage in the reader's language (0% when total is 0)."""
    return format_percent(round(num / total, 2) if total else 0)


def stage_status(stage, today: date, active: bool) -> str:
    """Read a stage's status from its dates; a stage whose work has begun (`active`) is under way even before
    its start date or without dates."""
    if stage.ends_on and today > stage.ends_on:
        return DONE
    if stage.starts_on:
        return UNDER_WAY if today >= stage.starts_on or active else NOT_STARTED
    return UNDER_WAY if active else NOT_STARTED


# Stage by stage ---------------------------------------------------------------------------------------

def design_team_figures(lab: Lab) -> tuple[list[Figure], bool]:
    """Invitations accepted of sent, the share of residents coming against the target, the system map."""
    rows = db.session.execute(select(Outreach.status, Outreach.sector, func.count())
                              .where(Outreach.lab_id == lab.id).group_by(Outreach.status, Outreach.sector)).all()
    sent = sum(count for status, _sector, count in rows if status != "to_invite")
    coming = sum(count for status, _sector, count in rows if status in COMING)
    residents = sum(count for status, sector, count in rows if status in COMING and sector == RESIDENT_SECTOR)
    actors = db.session.scalar(select(func.count(Actor.id)).where(Actor.lab_id == lab.id))
    figures = []
    if sent:
        figures.append(Figure(
            _("%(percent)s of invitations accepted (%(count)s of %(total)s)", percent=share(coming, sent),
              count=format_number(coming), total=format_number(sent)),
            url_for("outreach.index", lab_id=lab.id), coming, sent, TEAM))
    else:
        figures.append(Figure(_("No invitations sent yet."), url_for("outreach.index", lab_id=lab.id), roles=TEAM))
    if coming:
        figures.append(Figure(
            _("Residents are %(percent)s of the people coming (%(count)s of %(total)s); the aim is %(target)s.",
              percent=share(residents, coming), count=format_number(residents), total=format_number(coming),
              target=format_percent(lab.resident_target / 100)),
            url_for("outreach.balance", lab_id=lab.id), residents, coming, TEAM,
            warning=100 * residents < lab.resident_target * coming))
    figures.append(Figure(ngettext("%(count)s person or organisation on the system map",
                                   "%(count)s people and organisations on the system map", actors,
                                   count=format_number(actors)),
                          url_for("systemmap.map_page", lab_id=lab.id)))
    return figures, bool(sent or actors)


def data_figures(lab: Lab) -> tuple[list[Figure], bool]:
    """Decks, cards reviewed of all cards, open review comments."""
    lab_cards = select(Card.id).join(Deck).where(Deck.lab_id == lab.id)
    decks, cards, reviewed, comments = db.session.execute(select(
        select(func.count(Deck.id)).where(Deck.lab_id == lab.id).scalar_subquery(),
        select(func.count(Card.id)).join(Deck).where(Deck.lab_id == lab.id).scalar_subquery(),
        select(func.count(Card.id)).join(Deck).where(Deck.lab_id == lab.id, Card.status == REVIEWED)
        .scalar_subquery(),
        select(func.count(CardComment.id)).where(CardComment.card_id.in_(lab_cards),
                                                 CardComment.resolved_at.is_(None)).scalar_subquery(),
    )).one()
    link = url_for("datacards.index", lab_id=lab.id)
    figures = [Figure(ngettext("%(count)s deck of data cards", "%(count)s decks of data cards", decks,
                               count=format_number(decks)), link)]
    if cards:
        figures.append(Figure(_("%(count)s of %(total)s cards reviewed", count=format_number(reviewed),
                                total=format_number(cards)), link, reviewed, cards))
    if comments:
        figures.append(Figure(ngettext("%(count)s review comment still open", "%(count)s review comments still open",
                                       comments, count=format_number(comments)), link, roles=TEAM, warning=True))
    return figures, bool(decks)


def workshop_figures(lab: Lab, today: date) -> tuple[list[Figure], bool]:
    """Workshops held and coming up, who came to the last one by sector, open pick sessions."""
    tomorrow = datetime.combine(today + timedelta(days=1), datetime.min.time())
    held, upcoming, picking = db.session.execute(select(
        select(func.count(Workshop.id)).where(Workshop.lab_id == lab.id, Workshop.starts_at < tomorrow)
        .scalar_subquery(),
        select(func.count(Workshop.id)).where(Workshop.lab_id == lab.id, Workshop.starts_at >= tomorrow)
        .scalar_subquery(),
        select(func.count(PickSession.id)).where(PickSession.lab_id == lab.id, PickSession.state == PICKING)
        .scalar_subquery(),
    )).one()
    link = url_for("workshops.index", lab_id=lab.id)
    figures = [Figure(_("%(held)s held, %(upcoming)s coming up", held=format_number(held),
                        upcoming=format_number(upcoming)), link)]
    last = db.session.execute(select(Workshop.id, Workshop.title).where(
        Workshop.lab_id == lab.id, Workshop.starts_at < tomorrow)
        .order_by(Workshop.starts_at.desc(), Workshop.id.desc()).limit(1)).first()
    if last is not None:
        by_sector = dict(db.session.execute(select(Attendance.sector, func.count()).where(
            Attendance.workshop_id == last.id).group_by(Attendance.sector)).all())
        came = sum(by_sector.values())
        residents = by_sector.get(RESIDENT_SECTOR, 0)
        sectors = lab.sectors
        parts = ", ".join(f"{sectors.get(code, code)} {format_number(count)}"
                          for code, count in sorted(by_sector.items(), key=lambda item: -item[1]) if code)
        text = ngettext("%(count)s person came to “%(title)s”; residents were %(percent)s.",
                        "%(count)s people came to “%(title)s”; residents were %(percent)s.", came,
                        count=format_number(came), title=last.title, percent=share(residents, came))
        if parts:
            text = f"{text} {parts}"
        figures.append(Figure(text, url_for("workshops.attendance", lab_id=lab.id), residents, came,
                              warning=100 * residents < lab.resident_target * came))
    if picking:
        figures.append(Figure(ngettext("%(count)s card-picking session open", "%(count)s card-picking sessions open",
                                       picking, count=format_number(picking)), link))
    return figures, bool(held)


def journey_figures(lab: Lab) -> tuple[list[Figure], bool]:
    """Visits open, visits full of those offered, sign-ups, shared debriefs."""
    lab_visits = select(Visit.id).where(Visit.lab_id == lab.id)
    offered = Visit.status.not_in((VISIT_DRAFT, CANCELLED))
    open_visits, offered_count, full, signups, shared = db.session.execute(select(
        select(func.count(Visit.id)).where(Visit.lab_id == lab.id, Visit.status == VISIT_OPEN,
                                           Visit.confirmed_count < Visit.capacity).scalar_subquery(),
        select(func.count(Visit.id)).where(Visit.lab_id == lab.id, offered).scalar_subquery(),
        select(func.count(Visit.id)).where(Visit.lab_id == lab.id, offered,
                                           Visit.confirmed_count >= Visit.capacity).scalar_subquery(),
        select(func.count(SignUp.id)).where(SignUp.visit_id.in_(lab_visits), SignUp.status == CONFIRMED)
        .scalar_subquery(),
        select(func.count(Debrief.id)).where(Debrief.visit_id.in_(lab_visits), Debrief.shared.is_(True))
        .scalar_subquery(),
    )).one()
    link = url_for("journeys.index", lab_id=lab.id)
    figures = [Figure(ngettext("%(count)s visit open for sign-up", "%(count)s visits open for sign-up", open_visits,
                               count=format_number(open_visits)), link)]
    if offered_count:
        figures.append(Figure(ngettext("%(count)s of %(total)s visit full", "%(count)s of %(total)s visits full",
                                       offered_count, count=format_number(full), total=format_number(offered_count)),
                              link, full, offered_count))
    figures.append(Figure(ngettext("%(count)s place taken", "%(count)s places taken", signups,
                                   count=format_number(signups)), url_for("journeys.mine", lab_id=lab.id)))
    figures.append(Figure(ngettext("%(count)s debrief shared", "%(count)s debriefs shared", shared,
                                   count=format_number(shared)), url_for("journeys.room", lab_id=lab.id)))
    return figures, bool(signups or shared)


def prototype_rows(lab: Lab) -> list[Prototype]:
    """Load the lab's prototypes with cycles and measures in three queries."""
    return list(db.session.scalars(
        select(Prototype).where(Prototype.lab_id == lab.id).order_by(Prototype.name, Prototype.id)
        .options(selectinload(Prototype.cycles), selectinload(Prototype.measures))))


def signals(result: RunChartAnalysis) -> bool:
    """Tell whether a measure's run chart has enough points to judge and shows a signal."""
    return result.n_useful >= MIN_POINTS_TO_JUDGE and result.signal


def prototype_figures(lab: Lab, today: date) -> tuple[list[Figure], bool]:
    """Prototypes, how many are on track and how many have overdue weeks, measures showing a signal."""
    prototypes = prototype_rows(lab)
    testing = [p for p in prototypes if p.status not in FINISHED_PROTOTYPES]
    late = sum(1 for p in testing if overdue_weeks(p, today))
    measures = [m for p in prototypes for m in p.measures]
    points = series_of_lab(lab.id)
    signalling = sum(1 for m in measures if signals(analyse_points(points[m.id], m.baseline_points)))
    link = url_for("prototypes.index", lab_id=lab.id)
    figures = [Figure(ngettext("%(count)s prototype", "%(count)s prototypes", len(prototypes),
                               count=format_number(len(prototypes))), link)]
    if testing:
        figures.append(Figure(_("%(on_track)s on track, %(late)s with overdue weeks",
                                on_track=format_number(len(testing) - late), late=format_number(late)),
                              link, len(testing) - late, len(testing), warning=bool(late)))
    if measures:
        figures.append(Figure(ngettext("%(count)s of %(total)s measure shows a signal",
                                       "%(count)s of %(total)s measures show a signal", len(measures),
                                       count=format_number(signalling), total=format_number(len(measures))), link))
    return figures, any(p.cycles for p in prototypes)


def proposal_counts(lab: Lab) -> dict[str, int]:
    """Count the lab's proposals as draft, submitted, awaiting a panel, decided (one query)."""
    in_open_panel = exists().where(PanelProposal.proposal_id == Proposal.id,
                                   PanelProposal.panel_id == PanelSession.id, PanelSession.closed.is_(False))
    state = case((Proposal.decision != "", "decided"),
                 (and_(Proposal.status == SUBMITTED, in_open_panel), "awaiting"),
                 (Proposal.status == SUBMITTED, "submitted"), else_="draft")
    rows = db.session.execute(select(state, func.count()).where(Proposal.lab_id == lab.id).group_by(state)).all()
    counts = {"draft": 0, "submitted": 0, "awaiting": 0, "decided": 0}
    counts.update(dict(rows))
    return counts


def challenge_figures(lab: Lab, today: date) -> tuple[list[Figure], bool]:
    """Proposals by status and panels coming up."""
    counts = proposal_counts(lab)
    panels = db.session.scalar(select(func.count(PanelSession.id)).where(
        PanelSession.lab_id == lab.id, PanelSession.closed.is_(False),
        (PanelSession.held_on >= today) | PanelSession.held_on.is_(None)))
    link = url_for("challenge.index", lab_id=lab.id)
    total = sum(counts.values())
    figures = [Figure(_("Proposals: %(draft)s being written, %(submitted)s submitted, %(awaiting)s awaiting a "
                        "panel, %(decided)s decided", **{k: format_number(v) for k, v in counts.items()}),
                      link)]
    figures.append(Figure(ngettext("%(count)s panel coming up", "%(count)s panels coming up", panels,
                                   count=format_number(panels)), url_for("challenge.panels_index", lab_id=lab.id)))
    return figures, bool(total - counts["draft"])


def community_figures(lab: Lab, today: date) -> tuple[list[Figure], bool]:
    """Review sessions held and coming, the lessons recorded, and posts shared in the community of practice."""
    held, coming = db.session.execute(
        select(func.count(case((ReviewSession.held_on <= today, 1))), func.count(case((ReviewSession.held_on > today, 1))))
        .where(ReviewSession.lab_id == lab.id)).one()
    lessons = db.session.scalar(select(func.count(Lesson.id)).where(Lesson.lab_id == lab.id))
    posts = db.session.scalar(select(func.count(Post.id)).where(Post.lab_id == lab.id))
    sessions_link = url_for("practice.index", lab_id=lab.id)
    figures = [
        Figure(_("Review sessions: %(held)s held, %(coming)s coming up", held=format_number(held),
                 coming=format_number(coming)), sessions_link),
        Figure(ngettext("%(count)s lesson learnt recorded", "%(count)s lessons learnt recorded", lessons,
                        count=format_number(lessons)), url_for("practice.lessons", lab_id=lab.id)),
        Figure(ngettext("%(count)s post shared with the community", "%(count)s posts shared with the community",
                        posts, count=format_number(posts)), url_for("prototypes.feed", lab_id=lab.id)),
    ]
    return figures, held > 0


def stage_figures(lab: Lab, today: date) -> list[StageCard]:
    """Return one card per stage, in the lab's order, with its status and figures."""
    readers = {
        "design_team": lambda: design_team_figures(lab),
        "data": lambda: data_figures(lab),
        "workshops": lambda: workshop_figures(lab, today),
        "learning_journeys": lambda: journey_figures(lab),
        "prototypes": lambda: prototype_figures(lab, today),
        "check_and_challenge": lambda: challenge_figures(lab, today),
        "community_of_practice": lambda: community_figures(lab, today),
    }
    cards = []
    for stage in lab.stages:
        figures, active = readers[stage.code]() if stage.code in readers else ([], False)
        cards.append(StageCard(stage=stage, status=stage_status(stage, today, active), figures=figures,
                               active=active))
    return cards
