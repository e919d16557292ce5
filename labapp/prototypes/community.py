"""The community of practice: a lab-wide feed of posts and replies, the weekly digest, and the coach's view."""
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, selectinload

from labapp.extensions import db

from .chart import verdict
from .constants import COACH
from .measures import analysis, series
from .models import Cycle, Measure, Post, Prototype, PrototypeMember, Reply
from .service import overdue_weeks

PER_PAGE = 20


def feed_query(lab):
    """Return the query for the lab's posts, newest first."""
    return (select(Post).where(Post.lab_id == lab.id)
            .options(selectinload(Post.replies).selectinload(Reply.author), selectinload(Post.author),
                     selectinload(Post.prototype), selectinload(Post.cycle))
            .order_by(Post.created_at.desc(), Post.id.desc()))


def add_post(lab, author, body: str, *, prototype=None, cycle=None) -> Post:
    """Post to the lab's feed, about a prototype's cycle when given."""
    if cycle is not None:
        prototype = cycle.prototype
    post = Post(lab_id=lab.id, author_id=author.id if author else None, body=body,
                prototype_id=prototype.id if prototype else None, cycle_id=cycle.id if cycle else None)
    db.session.add(post)
    db.session.flush()
    return post


def add_reply(post: Post, author, body: str) -> Reply:
    """Reply to a post."""
    reply = Reply(post_id=post.id, author_id=author.id if author else None, body=body)
    post.replies.append(reply)
    db.session.flush()
    return reply


def delete_post(post: Post) -> None:
    """Delete a post with its replies."""
    db.session.delete(post)


def iso_week_bounds(year: int, week: int) -> tuple[date, date]:
    """Return the Monday and the next Monday of an ISO week."""
    monday = date.fromisocalendar(year, week, 1)
    return monday, monday + timedelta(weeks=1)


@dataclass
class Digest:
    """What the lab's prototypes learned in one ISO week."""

    monday: date
    posts: list
    cycles: list
    previous: tuple
    next: tuple


def digest(lab, year: int, week: int) -> Digest:
    """Gather the week's posts and the cycles whose Study or Act was saved that week."""
    monday, next_monday = iso_week_bounds(year, week)
    start, end = datetime.combine(monday, time.min), datetime.combine(next_monday, time.min)
    # The posts with who wrote them and what about, as the feed loads them (no query per post or author).
    posts = list(db.session.scalars(feed_query(lab).where(Post.created_at >= start, Post.created_at < end)
                                    .order_by(None).order_by(Post.created_at)))
    cycles = [cycle for cycle in db.session.scalars(
        select(Cycle).join(Prototype).where(Prototype.lab_id == lab.id, Cycle.updated_at >= start,
                                            Cycle.updated_at < end)
        .options(contains_eager(Cycle.prototype)).order_by(Prototype.name, Cycle.number))
        if cycle.study_learned.strip() or cycle.act_next.strip() or cycle.act_decision]
    previous = (monday - timedelta(weeks=1)).isocalendar()
    following = next_monday.isocalendar()
    return Digest(monday=monday, posts=posts, cycles=cycles, previous=(previous[0], previous[1]),
                  next=(following[0], following[1]))


@dataclass
class TeamGlance:
    """One team as its coach sees it."""

    prototype: Prototype
    last_cycle: Cycle | None
    overdue: list
    signals: list = field(default_factory=list)  # (measure, verdict)


def glance(prototype: Prototype, today: date) -> TeamGlance:
    """Return the team's last cycle, overdue weeks and the measures whose run chart signals."""
    signals = []
    for measure in prototype.measures:
        result = analysis(measure)
        text, judged = verdict(result, measure.direction, sum(v is not None for v in series(measure)[1]))
        if judged and result.signal:
            signals.append((measure, text))
    return TeamGlance(prototype=prototype, last_cycle=prototype.cycles[-1] if prototype.cycles else None,
                      overdue=overdue_weeks(prototype, today), signals=signals)


def coached(lab, membership) -> list[Prototype]:
    """Return the prototypes the person coaches in this lab."""
    return list(db.session.scalars(
        select(Prototype).join(PrototypeMember)
        .where(Prototype.lab_id == lab.id, PrototypeMember.membership_id == membership.id,
               PrototypeMember.role == COACH)
        .options(selectinload(Prototype.cycles), selectinload(Prototype.measures).selectinload(Measure.values))
        .order_by(Prototype.name, Prototype.id)))
