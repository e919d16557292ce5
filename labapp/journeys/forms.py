"""Forms for hosts, visits and their translations, sign-ups, preferences and debriefs."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (DateField, EmailField, Form, IntegerField, RadioField, SelectField, StringField,
                     TextAreaField, TimeField)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, ValidationError

from labapp.forms import MultiCheckboxField, choices_from, strip_text
from labapp.i18n import LANGUAGES

from .constants import DEFAULT_CAPACITY, MAX_CAPACITY, OTHER_LANGUAGE, VISIT_STATUSES

DATE_MESSAGE = _l("Enter a date, for example 2027-03-14.")
TIME_MESSAGE = _l("Enter a time on the 24-hour clock, for example 09:30 or 14:00.")
TIME_FORMATS = ["%H:%M", "%H:%M:%S"]
LONG = _l("Use 200 characters or fewer.")


def language_choices():
    """Offer labapp's languages by their own names, and 'another language'."""
    choices = {code: lang.native_name for code, lang in LANGUAGES.items()}
    choices[OTHER_LANGUAGE] = _l("Another language")
    return choices_from(choices)


def _ends_after_start(form, field):
    if form.starts.data and field.data and field.data <= form.starts.data:
        raise ValidationError(_l("The end time must be after the start time."))


class HostForm(FlaskForm):
    actor = SelectField(_l("From the system map"), validators=[Optional()],
                        description=_l("Choose the organisation if it is on the lab's system map."))
    organisation = StringField(_l("Or the name of the organisation"), filters=[strip_text],
                               validators=[Length(max=200, message=LONG)])
    contact_name = StringField(_l("Contact person (optional)"), filters=[strip_text],
                               validators=[Length(max=120, message=_l("Use 120 characters or fewer."))])
    contact_email = EmailField(_l("Contact email (optional)"), filters=[strip_text], validators=[
        Optional(), Email(message=_l("Enter an email address like name@example.org.")), Length(max=254)])
    contact_phone = StringField(_l("Contact phone (optional)"), filters=[strip_text],
                                validators=[Length(max=40, message=_l("Use 40 characters or fewer."))])

    def validate_organisation(self, field):
        if not self.actor.data and not field.data:
            raise ValidationError(_l("Choose an organisation from the system map or type its name."))


class VisitForm(FlaskForm):
    title = StringField(_l("Title of the visit"), filters=[strip_text], validators=[
        DataRequired(message=_l("Enter a title for the visit.")), Length(max=200, message=LONG)])
    host_does = TextAreaField(_l("What the host does"), filters=[strip_text],
                              description=_l("A few sentences about the place and the people it serves."))
    will_see = TextAreaField(_l("What visitors will see and do"), filters=[strip_text])
    day = DateField(_l("Date"), validators=[InputRequired(message=_l("Enter the date of the visit."))],
                    invalid_value_message=DATE_MESSAGE)
    starts = TimeField(_l("Starts at"), format=TIME_FORMATS, invalid_value_message=TIME_MESSAGE,
                       validators=[InputRequired(message=_l("Enter the time the visit starts."))])
    ends = TimeField(_l("Ends at"), format=TIME_FORMATS, invalid_value_message=TIME_MESSAGE,
                     validators=[InputRequired(message=_l("Enter the time the visit ends.")), _ends_after_start])
    address = TextAreaField(_l("Address or meeting point"), filters=[strip_text])
    area = StringField(_l("Area of the city (optional)"), filters=[strip_text],
                       validators=[Length(max=120, message=_l("Use 120 characters or fewer."))],
                       description=_l("For example Manningham or the city centre: people can pick visits near them."))
    access_notes = TextAreaField(_l("Getting there and access (optional)"), filters=[strip_text],
                                 description=_l("For example the nearest bus stop, parking, the step-free entrance."))
    capacity = IntegerField(_l("Places"), default=DEFAULT_CAPACITY, validators=[
        InputRequired(message=_l("Enter how many visitors the host can welcome.")),
        NumberRange(min=1, max=MAX_CAPACITY, message=_l("Enter a number from 1 to 200."))])
    languages = MultiCheckboxField(_l("Languages spoken there"), choices=language_choices())
    other_language = StringField(_l("Other language (optional)"), filters=[strip_text],
                                 validators=[Length(max=80, message=_l("Use 80 characters or fewer."))])


class VisitStatusForm(FlaskForm):
    status = SelectField(_l("Status"), choices=choices_from(VISIT_STATUSES))


class TranslationForm(FlaskForm):
    locale = SelectField(_l("Language"))
    title = StringField(_l("Title"), filters=[strip_text], validators=[Length(max=200, message=LONG)])
    host_does = TextAreaField(_l("What the host does"), filters=[strip_text])
    will_see = TextAreaField(_l("What visitors will see and do"), filters=[strip_text])


class FilterForm(Form):
    """Filter the list of visits (sent with GET)."""

    day = DateField(_l("Day"), validators=[Optional()], invalid_value_message=DATE_MESSAGE)
    language = SelectField(_l("Language"), validators=[Optional()])
    area = SelectField(_l("Area"), validators=[Optional()])


class DebriefForm(FlaskForm):
    saw = TextAreaField(_l("What did you see?"), filters=[strip_text],
                        validators=[Length(max=5000, message=_l("Use 5,000 characters or fewer."))])
    felt = TextAreaField(_l("What did you feel?"), filters=[strip_text],
                         validators=[Length(max=5000, message=_l("Use 5,000 characters or fewer."))])
    thought = TextAreaField(_l("What did it make you think?"), filters=[strip_text],
                            validators=[Length(max=5000, message=_l("Use 5,000 characters or fewer."))])
    shared = RadioField(_l("Who can read it?"), default="shared", choices=choices_from({
        "shared": _l("My group and the room at the Retreat workshop"), "private": _l("Only me")}))

    def validate_thought(self, field):
        if not (self.saw.data or self.felt.data or field.data):
            raise ValidationError(_l("Write something in at least one of the three boxes."))


class ReflectionForm(FlaskForm):
    host_reflection = TextAreaField(_l("Your reflection as the host"), filters=[strip_text],
                                    validators=[Length(max=5000, message=_l("Use 5,000 characters or fewer."))])


class RoundForm(FlaskForm):
    title = StringField(_l("Name of the round"), filters=[strip_text], validators=[
        DataRequired(message=_l("Enter a name for the round.")), Length(max=200, message=LONG)])
    visits = MultiCheckboxField(_l("Visits people can choose from"), coerce=int)

    def validate_visits(self, field):
        if not field.data:
            raise ValidationError(_l("Choose at least one visit."))


class PreferenceForm(FlaskForm):
    first = SelectField(_l("First choice"), coerce=int, validators=[Optional()])
    second = SelectField(_l("Second choice (optional)"), coerce=int, validators=[Optional()])
    third = SelectField(_l("Third choice (optional)"), coerce=int, validators=[Optional()])

    def validate_first(self, field):
        if not field.data:
            raise ValidationError(_l("Choose your first choice."))
        picked = [value for value in (self.first.data, self.second.data, self.third.data) if value]
        if len(picked) != len(set(picked)):
            raise ValidationError(_l("Choose a different visit for each choice."))
