"""Forms for a workshop, its agenda, checking people in and the check-in code."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, Form, RadioField, SelectField, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from labapp.forms import MultiCheckboxField, choices_from, strip_text
from labapp.i18n import LANGUAGES
from labapp.labs.constants import LEVELS

from .constants import SUPPORT_OFFERED, WORKSHOP_KINDS

DATE_MESSAGE = _l("Enter a date, for example 2027-03-14.")
TIME_MESSAGE = _l("Enter a time on the 24-hour clock, for example 09:30 or 14:00.")
TIME_FORMATS = ["%H:%M", "%H:%M:%S"]


def interpreter_language_choices():
    """Offer every language labapp speaks except English, by its own name."""
    return choices_from({code: lang.native_name for code, lang in LANGUAGES.items() if code != "en"})


def _ends_after_start(form, field):
    if form.starts.data and field.data and field.data <= form.starts.data:
        raise ValidationError(_l("The end time must be after the start time."))


class WorkshopForm(FlaskForm):
    kind = SelectField(_l("Kind of workshop"), choices=choices_from(WORKSHOP_KINDS), default="observe")
    title = StringField(_l("Title"), filters=[strip_text], validators=[
        DataRequired(message=_l("Enter a title for the workshop.")),
        Length(max=200, message=_l("Use 200 characters or fewer."))])
    day = DateField(_l("Date"), validators=[InputRequired(message=_l("Enter the date of the workshop."))],
                    invalid_value_message=DATE_MESSAGE)
    starts = TimeField(_l("Starts at"), format=TIME_FORMATS, invalid_value_message=TIME_MESSAGE,
                       validators=[InputRequired(message=_l("Enter the time the workshop starts."))])
    ends = TimeField(_l("Ends at (optional)"), format=TIME_FORMATS, invalid_value_message=TIME_MESSAGE,
                     validators=[Optional(), _ends_after_start])
    venue = TextAreaField(_l("Venue (optional)"), filters=[strip_text],
                          description=_l("The name of the place and its address."))
    access_notes = TextAreaField(_l("Getting there and access (optional)"), filters=[strip_text],
                                 description=_l("For example the nearest bus stop, parking, the step-free entrance."))
    support_offered = MultiCheckboxField(_l("Support offered"), choices=choices_from(SUPPORT_OFFERED))
    interpreter_languages = MultiCheckboxField(
        _l("Interpreters offered for"), choices=interpreter_language_choices(),
        description=_l("Tick the languages you have booked an interpreter for."))


class AgendaItemForm(FlaskForm):
    starts = TimeField(_l("Time (optional)"), format=TIME_FORMATS, invalid_value_message=TIME_MESSAGE,
                       validators=[Optional()])
    title = StringField(_l("What happens"), filters=[strip_text], validators=[
        DataRequired(message=_l("Enter what happens at this point.")),
        Length(max=200, message=_l("Use 200 characters or fewer."))])


class WalkInForm(FlaskForm):
    """The facilitator's quick form: two drop-downs, so it fits on a phone screen."""

    name = StringField(_l("Name"), filters=[strip_text], validators=[
        DataRequired(message=_l("Enter a name.")), Length(max=120, message=_l("Use 120 characters or fewer."))])
    sector = SelectField(_l("Sector (optional)"), validators=[Optional()])
    level = SelectField(_l("Level (optional)"), validators=[Optional()])


class SelfWalkInForm(WalkInForm):
    """The form a visitor fills in on their own phone: radio buttons, easy to tap."""

    name = StringField(_l("Your name"), filters=[strip_text], validators=[
        DataRequired(message=_l("Enter your name.")), Length(max=120, message=_l("Use 120 characters or fewer."))])
    sector = RadioField(_l("Where you are coming from (optional)"), validators=[Optional()])
    level = RadioField(_l("Your level (optional)"), validators=[Optional()])


def set_walk_in_choices(form, sectors: dict, *, blank: str | None = None) -> None:
    """Offer the lab's sectors and the levels; drop-downs get a blank first choice."""
    sector_choices, level_choices = choices_from(sectors), choices_from(LEVELS)
    if blank is not None:
        sector_choices, level_choices = [("", blank)] + sector_choices, [("", blank)] + level_choices
    form.sector.choices, form.level.choices = sector_choices, level_choices


class CheckinCodeForm(Form):
    """Ask for a workshop's check-in code (sent with GET: it only opens a page)."""

    code = StringField(_l("Check-in code"), filters=[strip_text],
                       validators=[DataRequired(message=_l("Enter the code you can see on the screen."))])
