"""Forms for proposals (with the equality check), resources, risks, the lab's lists, panels, scores and decisions."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from labapp.forms import MultiCheckboxField, choices_from, strip_text
from labapp.prototypes.forms import AUTO_DIR, DATE_MESSAGE, LONG_TEXT, Choice, RadioChoice

from .constants import (DECISIONS, EFFECTS, EQUALITY_GROUPS, FACTORS, NEGATIVE, RATINGS, RESOURCE_KINDS,
                        RESOURCE_STATES, RISK_LEVELS)

SHORT_TEXT = Length(max=200, message=_l("Use 200 characters or fewer."))


def _text(label, description=None):
    return TextAreaField(label, description=description, validators=[Optional(), LONG_TEXT], filters=[strip_text],
                         render_kw=AUTO_DIR)


class ProposalForm(FlaskForm):
    propositions = MultiCheckboxField(_l("Which propositions it addresses"), coerce=int)
    hypothesis = _text(_l("Why this change: the hypothesis"))
    change = _text(_l("The proposed change"), _l("What would happen, where, and who would do it."))
    scale_id = Choice(_l("At what scale"), validate_choice=False)
    priority_ids = MultiCheckboxField(_l("Which strategic priorities it serves"), coerce=int)
    impact_measures = _text(_l("Impact measures"), _l("What shows it makes a difference to people. Filled in from "
                                                      "the prototype's measures and their latest run-chart reading."))
    process_measures = _text(_l("Process measures"), _l("What shows the new way of working is happening."))
    governance = _text(_l("Governance"), _l("Who oversees it, and where it reports."))
    sponsor_comments = _text(_l("The sponsor's comments"))

    def set_choices(self, propositions, scales, priorities):
        """Fill the lists: the lab's propositions, scales and priorities."""
        self.propositions.choices = choices_from({i: f"{i}. {text}" for i, text in enumerate(propositions, start=1)})
        self.scale_id.choices = choices_from({"": _l("Not chosen yet"), **{str(o.id): o.display for o in scales}})
        self.priority_ids.choices = choices_from({o.id: o.display for o in priorities})

    def equality_fields(self):
        """Yield (group code, label, effect field, mitigation field)."""
        for code, label in EQUALITY_GROUPS.items():
            yield code, label, self[f"effect_{code}"], self[f"mitigation_{code}"]

    def equality_values(self) -> dict:
        """Return {group: (effect, mitigation)}."""
        return {code: (effect.data, mitigation.data or "") for code, _label, effect, mitigation in self.equality_fields()}

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        for _code, _label, effect, mitigation in self.equality_fields():
            if effect.data == NEGATIVE and not (mitigation.data or "").strip():
                mitigation.errors = list(mitigation.errors) + [
                    _l("Say how you will reduce the harm: a likely negative effect needs a mitigation.")]
                ok = False
        return ok


for _code, _label in EQUALITY_GROUPS.items():
    setattr(ProposalForm, f"effect_{_code}", RadioChoice(_label, choices=choices_from(EFFECTS), default="unknown"))
    setattr(ProposalForm, f"mitigation_{_code}", TextAreaField(
        _l("What you will do to reduce a negative effect"), validators=[Optional(), LONG_TEXT], filters=[strip_text],
        render_kw=AUTO_DIR))


class ResourceForm(FlaskForm):
    kind = Choice(_l("Kind of resource"), choices=choices_from(RESOURCE_KINDS))
    state = RadioChoice(_l("Already in place or new?"), choices=choices_from(RESOURCE_STATES), default="new")
    needed = TextAreaField(_l("What is needed"), validators=[DataRequired(_l("Say what is needed.")), LONG_TEXT],
                           filters=[strip_text], render_kw=AUTO_DIR)
    why = _text(_l("Why it is needed"))


class RiskForm(FlaskForm):
    description = TextAreaField(_l("The risk"), validators=[DataRequired(_l("Describe the risk.")), LONG_TEXT],
                                filters=[strip_text], render_kw=AUTO_DIR)
    likelihood = Choice(_l("How likely is it?"), coerce=int, choices=choices_from(RISK_LEVELS), default=3)
    consequence = Choice(_l("How bad would it be?"), coerce=int, choices=choices_from(RISK_LEVELS), default=3)
    mitigation = _text(_l("What you will do about it"))


class OptionsForm(FlaskForm):
    scales = TextAreaField(_l("Scales"), description=_l("One a line."), validators=[LONG_TEXT], render_kw=AUTO_DIR)
    priorities = TextAreaField(_l("Strategic priorities"), description=_l("One a line."), validators=[LONG_TEXT],
                               render_kw=AUTO_DIR)


class PanelForm(FlaskForm):
    title = StringField(_l("Name of the panel session"), validators=[DataRequired(_l("Give the session a name.")),
                                                                     SHORT_TEXT], filters=[strip_text],
                        render_kw=AUTO_DIR)
    held_on = DateField(_l("Date"), validators=[Optional()], format="%Y-%m-%d",
                        render_kw={"placeholder": "2027-04-05"})
    members = MultiCheckboxField(_l("Panel members"), coerce=int,
                                 description=_l("The people already chosen come first, then sponsors and panel members. Search by name to add anyone in the lab."))
    proposals = MultiCheckboxField(_l("Proposals it reviews"), coerce=int,
                                   description=_l("Only proposals signed by their lead and sponsor can be chosen."))

    def validate_held_on(self, field):
        if field.errors:
            field.errors[:] = [DATE_MESSAGE]


class ScoreForm(FlaskForm):
    """One rating and an optional comment per factor; built with a field pair per factor below."""

    def factor_fields(self):
        """Yield (factor number, name, help, rating field, comment field)."""
        for number, (name, help_text) in FACTORS.items():
            yield number, name, help_text, self[f"rating_{number}"], self[f"comment_{number}"]

    def values(self) -> dict:
        """Return {factor: (rating or None, comment)}."""
        return {number: (int(rating.data) if rating.data not in (None, "") else None, comment.data or "")
                for number, _name, _help, rating, comment in self.factor_fields()}

    def check_complete(self) -> bool:
        """Ask for a rating of every factor before submitting; return whether all are there."""
        ok = True
        for _number, _name, _help, rating, _comment in self.factor_fields():
            if rating.data in (None, ""):
                rating.errors = [_l("Choose a rating, or \u201ccan't judge\u201d.")]
                ok = False
        return ok


_RATING_CHOICES = choices_from({str(level): label for level, label in RATINGS.items()})
for _number, (_name, _help) in FACTORS.items():
    setattr(ScoreForm, f"rating_{_number}", RadioChoice(_name, description=_help, choices=_RATING_CHOICES,
                                                        validators=[Optional()]))
    setattr(ScoreForm, f"comment_{_number}", TextAreaField(_l("Comment (optional)"), validators=[Optional(), LONG_TEXT],
                                                           filters=[strip_text], render_kw=AUTO_DIR))


class DecisionForm(FlaskForm):
    decision = RadioChoice(_l("The panel's decision"), choices=choices_from(DECISIONS),
                           validators=[DataRequired(_l("Choose a decision."))])
    conditions = _text(_l("Conditions"), _l("What must be true for the decision to stand."))


class ActionForm(FlaskForm):
    what = TextAreaField(_l("Action"), validators=[DataRequired(_l("Say what needs doing.")), LONG_TEXT],
                         filters=[strip_text], render_kw=AUTO_DIR)
    owner = StringField(_l("Who owns it"), validators=[Optional(), SHORT_TEXT], filters=[strip_text],
                        render_kw=AUTO_DIR)
    due_on = DateField(_l("Due by"), validators=[Optional()], format="%Y-%m-%d",
                       render_kw={"placeholder": "2027-04-05"})

    def validate_due_on(self, field):
        if field.errors:
            field.errors[:] = [DATE_MESSAGE]
