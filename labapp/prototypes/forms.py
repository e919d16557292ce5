"""Forms for prototypes, their team, PDSA cycles, measures and values, and community posts."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, DecimalField, FileField, HiddenField, IntegerField, RadioField,
                     SelectField, StringField, TextAreaField)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from labapp.forms import MultiCheckboxField, choices_from, strip_text

from .constants import DECISIONS, DIRECTIONS, MEASURE_KINDS, STATUSES, TEAM_ROLES

DATE_MESSAGE = _l("Enter a date, for example 2027-04-05.")
NUMBER_MESSAGE = _l("Enter a number, for example 12 or 3.5.")


class NumberField(DecimalField):
    """A decimal number that says in the reader's language when it cannot be read; gives a float."""

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            number = float(valuelist[0].strip().replace(",", ""))
        except ValueError:
            self.data = None
            raise ValueError(NUMBER_MESSAGE) from None
        if number != number or number in (float("inf"), float("-inf")):
            self.data = None
            raise ValueError(NUMBER_MESSAGE)
        self.data = number

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        return str(int(self.data)) if float(self.data).is_integer() else str(self.data)


class Choice(SelectField):
    """A drop-down that refuses unknown values in the reader's language."""

    def pre_validate(self, form):
        if self.data not in {self.coerce(choice.value) for choice in self.iter_choices()} and self.data not in (None, ""):
            raise ValidationError(_l("Choose from the list."))


class RadioChoice(RadioField):
    """Radio buttons that refuse unknown values in the reader's language."""

    def pre_validate(self, form):
        if self.data not in {self.coerce(choice.value) for choice in self.iter_choices()} and self.data not in (None, ""):
            raise ValidationError(_l("Choose from the list."))


AUTO_DIR = {"dir": "auto"}  # people write in their own language and script
LONG_TEXT = Length(max=10_000, message=_l("Use 10,000 characters or fewer."))


class PrototypeForm(FlaskForm):
    name = StringField(_l("Name of the prototype"), filters=[strip_text], render_kw=AUTO_DIR, validators=[
        DataRequired(message=_l("Give the prototype a name.")),
        Length(max=200, message=_l("Use 200 characters or fewer."))])
    propositions = MultiCheckboxField(_l("Which of the lab's propositions it addresses"), coerce=int)
    aim = TextAreaField(_l("Aim"), render_kw=AUTO_DIR, filters=[strip_text], validators=[LONG_TEXT],
                        description=_l("What you want to achieve, for whom, by how much and by when."))
    hypothesis = TextAreaField(_l("Hypothesis"), render_kw=AUTO_DIR, filters=[strip_text], validators=[LONG_TEXT],
                               description=_l("What you think is going on, and why this change will help."))
    who_for = TextAreaField(_l("Who it is for"), render_kw=AUTO_DIR, filters=[strip_text], validators=[LONG_TEXT])
    starts_on = DateField(_l("Start date (optional)"), validators=[Optional()], invalid_value_message=DATE_MESSAGE,
                          description=_l("Week 1 of the cycles starts on this day."))
    cycle_weeks = IntegerField(_l("Number of weekly cycles"), default=6, validators=[
        InputRequired(message=_l("Enter the number of weeks, for example 6.")),
        NumberRange(min=1, max=52, message=_l("Choose between 1 and 52 weeks."))])
    status = Choice(_l("Status"), choices=choices_from(STATUSES), default="forming")
    lead_id = Choice(_l("Lead"), coerce=str, validators=[Optional()])

    def set_choices(self, propositions: list[str], members: dict, *, with_lead: bool) -> None:
        """Offer the lab's propositions and, on a new prototype, its members as lead."""
        self.propositions.choices = choices_from({i: f"{i}. {text}" for i, text in enumerate(propositions, start=1)
                                                  if text})
        if with_lead:
            self.lead_id.choices = choices_from({"": _l("Nobody yet"), **members})
        else:
            del self.lead_id


class TeamMemberForm(FlaskForm):
    membership_id = Choice(_l("Lab member"), coerce=str, validators=[
        DataRequired(message=_l("Choose a lab member."))])
    role = RadioChoice(_l("Role in the team"), choices=choices_from(TEAM_ROLES), default="member",
                      validators=[DataRequired(message=_l("Choose a role."))])


class CycleForm(FlaskForm):
    """A PDSA cycle; `version` is the saved version the text was based on, so a stale save is refused."""

    version = HiddenField()
    plan_objective = TextAreaField(_l("Objective of this cycle"), render_kw=AUTO_DIR, filters=[strip_text], validators=[LONG_TEXT])
    plan_predictions = TextAreaField(_l("Our questions, and what we predict will happen"), render_kw=AUTO_DIR, filters=[strip_text],
                                     validators=[LONG_TEXT])
    plan_who_where_when = TextAreaField(_l("Who does what, where and when"), render_kw=AUTO_DIR, filters=[strip_text],
                                        validators=[LONG_TEXT])
    plan_data = TextAreaField(_l("What data we will collect"), render_kw=AUTO_DIR, filters=[strip_text], validators=[LONG_TEXT])
    do_what_happened = TextAreaField(_l("What happened"), render_kw=AUTO_DIR, filters=[strip_text], validators=[LONG_TEXT])
    do_unexpected = TextAreaField(_l("What we did not expect"), render_kw=AUTO_DIR, filters=[strip_text], validators=[LONG_TEXT])
    study_against_predictions = TextAreaField(_l("The data against our predictions"), render_kw=AUTO_DIR, filters=[strip_text],
                                              validators=[LONG_TEXT])
    study_learned = TextAreaField(_l("What we learned"), render_kw=AUTO_DIR, filters=[strip_text], validators=[LONG_TEXT])
    act_decision = RadioChoice(_l("What we decide"), choices=choices_from(DECISIONS), validators=[Optional()])
    act_next = TextAreaField(_l("What the next cycle will try"), render_kw=AUTO_DIR, filters=[strip_text], validators=[LONG_TEXT])

    def validate_version(self, field):
        if not (field.data or "").isdigit():
            raise ValidationError(_l("The form had expired. Please send it again."))


class MeasureForm(FlaskForm):
    name = StringField(_l("Name of the measure"), filters=[strip_text], render_kw=AUTO_DIR, validators=[
        DataRequired(message=_l("Give the measure a name.")),
        Length(max=200, message=_l("Use 200 characters or fewer."))])
    definition = TextAreaField(_l("Definition"), render_kw=AUTO_DIR, filters=[strip_text], validators=[LONG_TEXT],
                               description=_l("Exactly what is counted, and where the numbers come from."))
    kind = RadioChoice(_l("Kind of measure"), choices=choices_from(MEASURE_KINDS), default="count")
    unit = StringField(_l("Unit (optional)"), filters=[strip_text],
                       validators=[Length(max=40, message=_l("Use 40 characters or fewer."))],
                       description=_l("For example people, days or minutes. A proportion is shown in per cent."))
    direction = RadioChoice(_l("Which way is better"), choices=choices_from(DIRECTIONS), default="up")
    goal = NumberField(_l("Goal (optional)"), validators=[Optional()],
                        description=_l("For a proportion, give the goal in per cent."))
    baseline_points = IntegerField(_l("Baseline points (optional)"), validators=[
        Optional(), NumberRange(min=1, max=1000, message=_l("Enter a number from 1 upwards."))],
        description=_l("If set, the median is worked out from the first points only, so later changes stand "
                       "out against the baseline."))


class ValueForm(FlaskForm):
    period = DateField(_l("Week starting (or date of the session)"), invalid_value_message=DATE_MESSAGE,
                       validators=[InputRequired(message=_l("Enter the date of the week or session."))])
    value = NumberField(_l("Value"), validators=[Optional()])
    numerator = NumberField(_l("Number who…"), validators=[Optional()],
                             description=_l("For example the number of people referred."))
    denominator = NumberField(_l("…out of"), validators=[Optional()],
                               description=_l("For example the number of people asked. If it is 0, the week is "
                                              "shown as missing."))
    note = StringField(_l("Note (optional)"), filters=[strip_text], render_kw=AUTO_DIR,
                       validators=[Length(max=2000, message=_l("Use 2,000 characters or fewer."))])
    excluded = BooleanField(_l("Leave this point out of the analysis"),
                            description=_l("For example a week when the clinic was closed."))

    def check_for(self, kind: str) -> bool:
        """Check that the fields the measure's kind needs are filled; add errors and return False if not."""
        ok = True
        if kind == "proportion":
            if self.numerator.data is None:
                self.numerator.errors = [*self.numerator.errors, _l("Enter the number who did it.")]
                ok = False
            if self.denominator.data is None:
                self.denominator.errors = [*self.denominator.errors, _l("Enter the total.")]
                ok = False
            if ok and (self.numerator.data < 0 or self.denominator.data < 0
                       or self.numerator.data > self.denominator.data):
                self.numerator.errors = [*self.numerator.errors,
                                         _l("The number must be between 0 and the total.")]
                ok = False
        elif self.value.data is None:
            self.value.errors = [*self.value.errors, _l("Enter the value.")]
            ok = False
        return ok


class ImportForm(FlaskForm):
    file = FileField(_l("CSV file"))


class PostForm(FlaskForm):
    body = TextAreaField(_l("What did you learn?"), render_kw=AUTO_DIR, filters=[strip_text], validators=[
        DataRequired(message=_l("Write something to post.")),
        Length(max=5000, message=_l("Use 5,000 characters or fewer."))])
    cycle_id = Choice(_l("About a cycle (optional)"), coerce=str, validators=[Optional()])


class ReplyForm(FlaskForm):
    body = TextAreaField(_l("Your reply"), render_kw=AUTO_DIR, filters=[strip_text], validators=[
        DataRequired(message=_l("Write a reply.")),
        Length(max=5000, message=_l("Use 5,000 characters or fewer."))])
