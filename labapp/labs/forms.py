"""Forms for creating a lab, its stage dates, invitations and members' roles."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, EmailField, FieldList, Form, FormField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError

from labapp.forms import MultiCheckboxField, choices_from, strip_text

from .constants import ROLES

DATE_MESSAGE = _l("Enter a date, for example 2027-03-14.")


def _not_before(start_field: str):
    """Check that an end date does not fall before its start date."""
    def check(form, field):
        start = form[start_field].data
        if start and field.data and field.data < start:
            raise ValidationError(_l("The end date cannot be before the start date."))
    return check


class StageDatesForm(Form):
    starts_on = DateField(_l("Starts"), validators=[Optional()], invalid_value_message=DATE_MESSAGE)
    ends_on = DateField(_l("Ends"), validators=[Optional(), _not_before("starts_on")],
                        invalid_value_message=DATE_MESSAGE)


class LabForm(FlaskForm):
    name = StringField(_l("Lab name"), validators=[
        DataRequired(message=_l("Enter a name for the lab.")), Length(max=160, message=_l("Use 160 characters or fewer."))])
    place = StringField(_l("Place"), description=_l("The town, city or area the lab is for."), validators=[
        DataRequired(message=_l("Enter the place.")), Length(max=160, message=_l("Use 160 characters or fewer."))])
    question = TextAreaField(_l("The lab's invitation question"),
                             description=_l("The question that brings people into the room."),
                             validators=[DataRequired(message=_l("Enter the lab's question."))])
    proposition_1 = TextAreaField(_l("Proposition 1"), validators=[DataRequired(message=_l("Enter this proposition."))])
    proposition_2 = TextAreaField(_l("Proposition 2"), validators=[DataRequired(message=_l("Enter this proposition."))])
    proposition_3 = TextAreaField(_l("Proposition 3"), validators=[DataRequired(message=_l("Enter this proposition."))])
    starts_on = DateField(_l("Start date"), validators=[Optional()], invalid_value_message=DATE_MESSAGE)
    ends_on = DateField(_l("End date"), validators=[Optional(), _not_before("starts_on")],
                        invalid_value_message=DATE_MESSAGE)
    stages = FieldList(FormField(StageDatesForm), min_entries=7, max_entries=7)


class InviteForm(FlaskForm):
    email = EmailField(_l("Email address"), filters=[strip_text], validators=[
        DataRequired(message=_l("Enter the person's email address.")),
        Email(message=_l("Enter an email address like name@example.org."))])
    role = SelectField(_l("Role"), choices=choices_from(ROLES), default="participant")


class RolesForm(FlaskForm):
    roles = MultiCheckboxField(_l("Roles"), choices=choices_from(ROLES),
                               validators=[DataRequired(message=_l("Choose at least one role."))])


class SectorForm(FlaskForm):
    label = StringField(_l("New sector"), validators=[
        DataRequired(message=_l("Enter the sector's name.")), Length(max=80, message=_l("Use 80 characters or fewer."))])


class TargetForm(FlaskForm):
    resident_target = IntegerField(_l("Residents target (per cent of the room)"), validators=[
        DataRequired(message=_l("Enter a number from 1 to 90.")),
        NumberRange(min=1, max=90, message=_l("Enter a number from 1 to 90."))])
