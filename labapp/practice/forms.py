"""Forms for review sessions, lessons learnt and the lessons filter."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, Form, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, Length, Optional

from labapp.forms import choices_from, strip_text
from labapp.labs.constants import STAGES
from labapp.prototypes.forms import (
    AUTO_DIR,
    DATE_MESSAGE,
    LONG_TEXT,
    Choice,
    RadioChoice,
)

from .constants import KINDS

TIME_MESSAGE = _l("Enter a time on the 24-hour clock, for example 09:30 or 14:00.")
SHORT_TEXT = Length(max=200, message=_l("Use 200 characters or fewer."))


class SessionForm(FlaskForm):
    title = StringField(_l("Name of the session"), validators=[DataRequired(_l("Give the session a name.")),
                                                               SHORT_TEXT], filters=[strip_text], render_kw=AUTO_DIR)
    held_on = DateField(_l("Date"), validators=[DataRequired(DATE_MESSAGE)], invalid_value_message=DATE_MESSAGE,
                        render_kw={"placeholder": "2027-09-14"})
    starts = TimeField(_l("Starts at (optional)"), validators=[Optional()], format=["%H:%M", "%H:%M:%S"],
                       invalid_value_message=TIME_MESSAGE, render_kw={"placeholder": "14:00"})
    place = StringField(_l("Where (optional)"), validators=[Optional(), SHORT_TEXT], filters=[strip_text],
                        render_kw=AUTO_DIR)
    purpose = TextAreaField(_l("What the room will look at (optional)"),
                            description=_l("For example: the three prototypes that were adopted, and what they need "
                                           "from the wider system."),
                            validators=[Optional(), LONG_TEXT], filters=[strip_text], render_kw=AUTO_DIR)


class LessonForm(FlaskForm):
    kind = RadioChoice(_l("What kind of lesson is it?"), validators=[DataRequired(_l("Choose what kind of lesson it is."))])
    text = TextAreaField(_l("The lesson"), description=_l("One lesson, in a sentence or two."), render_kw=AUTO_DIR,
                         filters=[strip_text], validators=[DataRequired(_l("Write the lesson.")),
                                                           Length(max=2000, message=_l("Use 2,000 characters or fewer."))])
    stage = Choice(_l("Which stage of the lab it is about (optional)"), validators=[Optional()])
    prototype_id = Choice(_l("Which prototype it is about (optional)"), validators=[Optional()])

    def set_choices(self, prototypes) -> None:
        """Fill the lists: the kinds, the lab's stages and its prototypes."""
        self.kind.choices = choices_from(KINDS)
        self.stage.choices = choices_from({"": _l("Not about one stage"), **STAGES})
        self.prototype_id.choices = choices_from({"": _l("Not about one prototype"),
                                                  **{str(p.id): p.name for p in prototypes}})


class LessonFilterForm(Form):
    """Filter the lab's lessons by kind and stage (a GET form)."""

    kind = Choice(_l("Kind"), validators=[Optional()])
    stage = Choice(_l("Stage"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = choices_from({"": _l("All kinds"), **KINDS})
        self.stage.choices = choices_from({"": _l("All stages"), **STAGES})
