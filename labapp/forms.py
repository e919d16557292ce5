"""Share form pieces used by several areas: multi-checkbox fields and the confirm form."""
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes that submits several values."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        """Refuse values that are not among the choices, without WTForms' English message."""
        from flask_babel import gettext as _
        from wtforms.validators import ValidationError

        values = {str(choice.value) for choice in self.choices}
        if any(str(item) not in values for item in self.data or []):
            raise ValidationError(_("Choose from the list."))


class ConfirmForm(FlaskForm):
    """A form with only its CSRF token, for buttons that change or delete something."""


def strip_text(value):
    """Trim spaces people type or paste around a value."""
    return value.strip() if isinstance(value, str) else value


def choices_from(mapping) -> list[SelectChoice]:
    """Turn a {value: label} mapping into WTForms choices, in order."""
    return [SelectChoice(value, label) for value, label in mapping.items()]
