"""Store prototypes, their teams, weekly PDSA cycles, measures with values, and the community's posts."""
from datetime import date, datetime, timedelta

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from labapp.accounts.models import utcnow
from labapp.extensions import db
from labapp.labs.models import Membership

from .constants import DEFAULT_CYCLE_WEEKS

CYCLE_TEXT_FIELDS = ("plan_objective", "plan_predictions", "plan_who_where_when", "plan_data",
                     "do_what_happened", "do_unexpected", "study_against_predictions", "study_learned",
                     "act_next")


class Prototype(db.Model):
    __tablename__ = "prototypes"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    propositions: Mapped[list] = mapped_column(JSON, default=list)  # numbers 1-3 of the lab's propositions
    aim: Mapped[str] = mapped_column(Text, default="")
    hypothesis: Mapped[str] = mapped_column(Text, default="")
    who_for: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[date | None]
    cycle_weeks: Mapped[int] = mapped_column(default=DEFAULT_CYCLE_WEEKS)
    status: Mapped[str] = mapped_column(String(20), default="forming")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    team: Mapped[list["PrototypeMember"]] = relationship(
        back_populates="prototype", cascade="all, delete-orphan", order_by="PrototypeMember.id")
    cycles: Mapped[list["Cycle"]] = relationship(
        back_populates="prototype", cascade="all, delete-orphan", order_by="Cycle.number")
    measures: Mapped[list["Measure"]] = relationship(
        back_populates="prototype", cascade="all, delete-orphan", order_by="Measure.id")

    def week_starts(self, number: int) -> date | None:
        """Return the first day of week `number` (1 is the start date's week)."""
        return self.starts_on + timedelta(weeks=number - 1) if self.starts_on else None


class PrototypeMember(db.Model):
    """One lab member in a prototype's team, with one role: lead, member, coach or sponsor."""

    __tablename__ = "prototype_members"
    __table_args__ = (UniqueConstraint("prototype_id", "membership_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    prototype_id: Mapped[int] = mapped_column(ForeignKey("prototypes.id", ondelete="CASCADE"), index=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))

    prototype: Mapped[Prototype] = relationship(back_populates="team")
    membership: Mapped[Membership] = relationship(lazy="joined")


class Cycle(db.Model):
    """One weekly plan-do-study-act loop; `version` goes up with every save so a stale save is refused."""

    __tablename__ = "pdsa_cycles"
    __table_args__ = (UniqueConstraint("prototype_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    prototype_id: Mapped[int] = mapped_column(ForeignKey("prototypes.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("pdsa_cycles.id", ondelete="SET NULL"))
    plan_objective: Mapped[str] = mapped_column(Text, default="")
    plan_predictions: Mapped[str] = mapped_column(Text, default="")
    plan_who_where_when: Mapped[str] = mapped_column(Text, default="")
    plan_data: Mapped[str] = mapped_column(Text, default="")
    do_what_happened: Mapped[str] = mapped_column(Text, default="")
    do_unexpected: Mapped[str] = mapped_column(Text, default="")
    study_against_predictions: Mapped[str] = mapped_column(Text, default="")
    study_learned: Mapped[str] = mapped_column(Text, default="")
    act_decision: Mapped[str] = mapped_column(String(20), default="")
    act_next: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    prototype: Mapped[Prototype] = relationship(back_populates="cycles")
    previous: Mapped["Cycle | None"] = relationship(remote_side=[id])

    @property
    def state(self) -> str:
        """Return planned, doing, studied or done, from what has been written."""
        if self.act_decision:
            return "done"
        if self.study_against_predictions.strip() or self.study_learned.strip():
            return "studied"
        if self.do_what_happened.strip() or self.do_unexpected.strip():
            return "doing"
        return "planned"

    @property
    def week_starts(self) -> date | None:
        """Return the first day of the week this cycle belongs to."""
        return self.prototype.week_starts(self.number)

    def is_overdue(self, today: date) -> bool:
        """Tell whether the cycle's week is over (today is on or after the next week's first day) and it has
        no Act decision yet."""
        starts = self.week_starts
        return starts is not None and today >= starts + timedelta(weeks=1) and self.state != "done"


class Measure(db.Model):
    __tablename__ = "prototype_measures"

    id: Mapped[int] = mapped_column(primary_key=True)
    prototype_id: Mapped[int] = mapped_column(ForeignKey("prototypes.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    definition: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20), default="count")
    unit: Mapped[str] = mapped_column(String(40), default="")
    direction: Mapped[str] = mapped_column(String(4), default="up")
    goal: Mapped[float | None]
    baseline_points: Mapped[int | None]  # the first N points make the median (qicharts2's freeze)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    prototype: Mapped[Prototype] = relationship(back_populates="measures")
    values: Mapped[list["MeasureValue"]] = relationship(
        back_populates="measure", cascade="all, delete-orphan", order_by="MeasureValue.period")


class MeasureValue(db.Model):
    """One week's (or one session's) value; a proportion keeps its numerator and denominator."""

    __tablename__ = "prototype_measure_values"
    __table_args__ = (UniqueConstraint("measure_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("prototype_measures.id", ondelete="CASCADE"), index=True)
    period: Mapped[date]
    value: Mapped[float | None]
    numerator: Mapped[float | None]
    denominator: Mapped[float | None]
    excluded: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(Text, default="")

    measure: Mapped[Measure] = relationship(back_populates="values")

    @property
    def plotted(self) -> float | None:
        """Return the value the chart plots: a proportion as a percentage; None when it cannot be worked out."""
        return self.plotted_as(self.measure.kind)

    def plotted_as(self, kind: str) -> float | None:
        """Return the plotted value for a measure of this kind (callers with the measure at hand skip looking it up)."""
        return plotted_value(kind, self.value, self.numerator, self.denominator)


def plotted_value(kind: str, value: float | None, numerator: float | None, denominator: float | None) -> float | None:
    """Return what a run chart plots for one week: a proportion as a percentage, None when it cannot be worked out."""
    if kind == "proportion":
        if numerator is None or not denominator:
            return None
        return 100.0 * numerator / denominator
    return value


class Post(db.Model):
    """A post in the lab's community of practice, maybe about one prototype's cycle."""

    __tablename__ = "prototype_posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    prototype_id: Mapped[int | None] = mapped_column(ForeignKey("prototypes.id", ondelete="SET NULL"), index=True)
    cycle_id: Mapped[int | None] = mapped_column(ForeignKey("pdsa_cycles.id", ondelete="SET NULL"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("memberships.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    prototype: Mapped[Prototype | None] = relationship()
    cycle: Mapped[Cycle | None] = relationship()
    author: Mapped[Membership | None] = relationship()
    replies: Mapped[list["Reply"]] = relationship(
        back_populates="post", cascade="all, delete-orphan", order_by="Reply.created_at")


class Reply(db.Model):
    __tablename__ = "prototype_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("prototype_posts.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("memberships.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    post: Mapped[Post] = relationship(back_populates="replies")
    author: Mapped[Membership | None] = relationship()
