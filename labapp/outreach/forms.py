"""Forms for the invitation pipeline."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, FileField, SelectField, StringField, TextAreaField
from wtforms.validators import Email, Length, Optional, ValidationError

from labapp.forms import MultiCheckboxField, choices_from, strip_text
from labapp.labs.constants import LEVELS, SUPPORT_NEEDS


class OutreachForm(FlaskForm):
    actor_id = SelectField(_l("From the system map"), coerce=str, validators=[Optional()])
    person_name = StringField(_l("Person's name"), filters=[strip_text],
                              description=_l("Leave empty to invite the organisation or group as a whole."),
                              validators=[Length(max=120, message=_l("Use 120 characters or fewer."))])
    email = EmailField(_l("Email address (optional)"), filters=[strip_text], validators=[
        Optional(), Email(message=_l("Enter an email address like name@example.org."))])
    sector = SelectField(_l("Sector"), validators=[Optional()])
    level = SelectField(_l("Level"), validators=[Optional()])
    workshop_id = SelectField(_l("Invited to"), coerce=str, validators=[Optional()])
    inviter_id = SelectField(_l("Who will invite them"), coerce=str, validators=[Optional()])
    support_needs = MultiCheckboxField(_l("Support they need (if known)"), choices=choices_from(SUPPORT_NEEDS))
    interpreter_language = SelectField(_l("Interpreter language"), validators=[Optional()])
    notes = TextAreaField(_l("Notes"))

    def set_choices(self, *, actors, workshops, inviters, sectors, languages):
        """Fill the drop-downs from the lab's actors, workshops, design team and sectors."""
        empty = _l("Not chosen")
        self.actor_id.choices = choices_from({"": empty, **{str(a.id): a.name for a in actors}})
        self.workshop_id.choices = choices_from({"": _l("The lab as a whole"), **{str(w.id): w.title for w in workshops}})
        self.inviter_id.choices = choices_from({"": empty, **{str(m.id): m.user.name for m in inviters}})
        self.sector.choices = choices_from({"": empty, **sectors})
        self.level.choices = choices_from({"": empty, **LEVELS})
        self.interpreter_language.choices = choices_from({"": _l("None needed"), **languages})

    def validate_person_name(self, field):
        if not field.data and not self.actor_id.data:
            raise ValidationError(_l("Give a person's name or choose someone from the system map."))


class ImportForm(FlaskForm):
    file = FileField(_l("CSV file"))
