"""Forms for actors, ties and CSV uploads on the system map."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from labapp.forms import choices_from, strip_text

from .constants import ACTOR_KINDS, TIE_KINDS, TIE_STRENGTHS

NOT_GIVEN = ""


CHOICE_MESSAGE = _l("Choose from the list.")


def _optional_id(value):
    """Turn a submitted id into an int, and '' into None."""
    if value in (None, NOT_GIVEN):
        return None
    return int(value)


def ChoiceField(label, **kwargs):  # noqa: N802 - reads like the field class it returns
    """Return a drop-down list whose messages are translated (WTForms' own are English)."""
    return SelectField(label, invalid_choice_message=CHOICE_MESSAGE, invalid_value_message=CHOICE_MESSAGE, **kwargs)


def RadioChoiceField(label, **kwargs):  # noqa: N802
    """Return radio buttons whose messages are translated."""
    return RadioField(label, invalid_choice_message=CHOICE_MESSAGE, invalid_value_message=CHOICE_MESSAGE, **kwargs)


STRENGTH_CHOICES = choices_from(TIE_STRENGTHS)


class ActorForm(FlaskForm):
    kind = ChoiceField(_l("Kind"), choices=choices_from(ACTOR_KINDS), default="organisation",
                       description=_l("Named people are seen only by the design team and facilitators."))
    name = StringField(_l("Name"), filters=[strip_text], validators=[
        DataRequired(message=_l("Enter the actor's name.")), Length(max=200, message=_l("Use 200 characters or fewer."))])
    sector = ChoiceField(_l("Sector"), choices=[])
    level = ChoiceField(_l("Level"), choices=[])
    services = TextAreaField(_l("Services or interests it brings"), filters=[strip_text])
    tags = StringField(_l("Partner types"), filters=[strip_text],
                       description=_l("Separate them with commas, for example: GP practice, faith group."))
    notes = TextAreaField(_l("Notes"), filters=[strip_text])
    parent = ChoiceField(_l("Part of"), coerce=_optional_id, choices=[],
                         description=_l("For example, a practice inside a primary care network."))


class TieForm(FlaskForm):
    other = ChoiceField(_l("The other actor"), coerce=_optional_id, choices=[], validators=[])
    direction = RadioChoiceField(_l("Direction"), choices=[], default="out")
    kind = ChoiceField(_l("Kind of tie"), choices=choices_from(TIE_KINDS), default="works_with")
    strength = RadioChoiceField(_l("Strength"), coerce=int, default=2,
                                choices=STRENGTH_CHOICES)
    note = TextAreaField(_l("Note"), filters=[strip_text])

    def validate_other(self, field):
        if field.data is None:
            raise ValidationError(_l("Choose the other actor."))


class TieEditForm(FlaskForm):
    kind = ChoiceField(_l("Kind of tie"), choices=choices_from(TIE_KINDS))
    strength = RadioChoiceField(_l("Strength"), coerce=int,
                                choices=STRENGTH_CHOICES)
    note = TextAreaField(_l("Note"), filters=[strip_text])


class UploadForm(FlaskForm):
    file = FileField(_l("CSV file"), validators=[FileRequired(message=_l("Choose a CSV file to upload."))])
