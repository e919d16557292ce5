"""Forms for a programme's name and description and for the labs it groups."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from labapp.forms import strip_text

AUTO_DIR = {"dir": "auto"}  # people write in their own language and script


class LabChoice(SelectField):
    """A drop-down of labs that refuses any lab not offered, in the reader's language."""

    def pre_validate(self, form):
        if self.data not in {choice[0] for choice in self.choices}:
            raise ValidationError(_l("Choose one of your labs from the list."))


def _lab_id(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class ProgrammeForm(FlaskForm):
    name = StringField(_l("Name of the programme"), filters=[strip_text], render_kw=AUTO_DIR,
                       description=_l("For example: Two places in one ICS."), validators=[
                           DataRequired(message=_l("Give the programme a name.")),
                           Length(max=160, message=_l("Use 160 characters or fewer."))])
    description = TextAreaField(_l("What the labs have in common (optional)"), filters=[strip_text],
                                render_kw=AUTO_DIR, validators=[
                                    Length(max=2_000, message=_l("Use 2,000 characters or fewer."))])


class NewProgrammeForm(ProgrammeForm):
    lab_id = LabChoice(_l("Your lab to start with"), coerce=_lab_id,
                       description=_l("You can add the other labs later: each lab's facilitators add their own."))

    def set_labs(self, labs) -> None:
        """Offer these labs."""
        self.lab_id.choices = [(lab.id, f"{lab.name} · {lab.place}") for lab in labs]


class AddLabForm(FlaskForm):
    lab_id = LabChoice(_l("One of your labs"), coerce=_lab_id)

    def set_labs(self, labs) -> None:
        """Offer these labs."""
        self.lab_id.choices = [(lab.id, f"{lab.name} · {lab.place}") for lab in labs]
