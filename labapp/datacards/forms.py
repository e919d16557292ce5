"""Forms for decks, categories, cards, translations, comments, pick sessions and themes."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from labapp.forms import MultiCheckboxField, choices_from, strip_text
from labapp.i18n import LANGUAGES

from .cardtext import parse_rows
from .constants import CHART_KINDS, DEFAULT_PICK_LIMIT, MAX_CHART_ROWS, MAX_PICK_LIMIT


def _max(length: int):
    return Length(max=length, message=_l("Use %(max)d characters or fewer.", max=length))


def language_choices(codes=None):
    """Offer the given (or all) languages by their own names."""
    return choices_from({code: LANGUAGES[code].native_name for code in (codes or LANGUAGES) if code in LANGUAGES})


class DeckForm(FlaskForm):
    title = StringField(_l("Title of the deck"), filters=[strip_text], validators=[
        DataRequired(message=_l("Enter a title for the deck.")), _max(200)])
    description = TextAreaField(_l("What the deck is for (optional)"), filters=[strip_text])
    language = SelectField(_l("Language the cards are written in"), default="en")


class CategoryForm(FlaskForm):
    letter = StringField(_l("Letter"), filters=[strip_text], validators=[
        DataRequired(message=_l("Enter a letter, for example A.")),
        Regexp(r"^[A-Za-z]{1,2}$", message=_l("Use one or two letters, for example A."))])
    title = StringField(_l("Title"), filters=[strip_text], validators=[
        DataRequired(message=_l("Enter a title, for example “Unequal care”.")), _max(120)])
    question = StringField(_l("Short question (optional)"), filters=[strip_text], validators=[_max(300)])


class CardForm(FlaskForm):
    code = StringField(_l("Code"), filters=[strip_text], description=_l("Unique in the deck, for example A1 or B1a."),
                       validators=[DataRequired(message=_l("Enter a code, for example A1.")),
                                   Regexp(r"^[A-Za-z0-9][A-Za-z0-9.\-]{0,11}$",
                                          message=_l("Use letters and numbers only, up to 12, for example B1a."))])
    category = SelectField(_l("Category"), validators=[InputRequired(message=_l("Choose a category."))])
    headline = StringField(_l("Headline"), filters=[strip_text], validators=[
        DataRequired(message=_l("Enter a headline: the one thing the card says.")), _max(240)])
    body = TextAreaField(_l("Text (optional)"), filters=[strip_text], description=_l(
        "A few short lines. You can use *emphasis*, **strong**, lists starting with “- ” and links like "
        "[name](https://example.org)."))
    chart_kind = SelectField(_l("Chart"), choices=choices_from(CHART_KINDS), default="")
    chart_unit = StringField(_l("Unit (optional)"), filters=[strip_text], validators=[_max(40)],
                             description=_l("For example “appointments per 1,000 people” or “%”."))
    chart_data = TextAreaField(_l("Figures for the chart (optional)"), filters=[strip_text], description=_l(
        "One per line: a label, a comma, a number. For example “Keighley, 4.2”. A big number uses the first line."))
    source = TextAreaField(_l("Source (optional)"), filters=[strip_text])
    year = StringField(_l("Year (optional)"), filters=[strip_text], validators=[_max(20)])
    geography = StringField(_l("Place the figures cover (optional)"), filters=[strip_text], validators=[_max(120)])

    def validate_chart_data(self, field):
        rows, problems = parse_rows(field.data or "")
        if problems:
            raise ValidationError(" ".join(problems))
        if len(rows) > MAX_CHART_ROWS:
            raise ValidationError(_l("Use %(max)d lines or fewer.", max=MAX_CHART_ROWS))
        if self.chart_kind.data and not rows:
            raise ValidationError(_l("Add the figures for the chart, or choose “No chart”."))
        self.chart_rows = rows


class TranslationForm(FlaskForm):
    headline = StringField(_l("Headline"), filters=[strip_text], validators=[
        DataRequired(message=_l("Enter the headline in this language.")), _max(240)])
    body = TextAreaField(_l("Text (optional)"), filters=[strip_text])
    source_note = TextAreaField(_l("Source note (optional)"), filters=[strip_text])


class CommentForm(FlaskForm):
    text = TextAreaField(_l("Your comment"), filters=[strip_text], description=_l(
        "Is it right? Is it clear? Does it make people think?"), validators=[
        DataRequired(message=_l("Write your comment.")), _max(2000)])


class ImportForm(FlaskForm):
    file = FileField(_l("CSV file"), validators=[FileRequired(message=_l("Choose a CSV file to upload."))])


class CopyForm(FlaskForm):
    lab = SelectField(_l("Copy into"), validators=[InputRequired(message=_l("Choose a lab."))])
    title = StringField(_l("Title of the copy"), filters=[strip_text], validators=[
        DataRequired(message=_l("Enter a title for the copy.")), _max(200)])


class SessionForm(FlaskForm):
    deck = SelectField(_l("Deck"), validators=[InputRequired(message=_l("Choose a deck."))])
    workshop = SelectField(_l("Workshop"), validators=[InputRequired(message=_l("Choose a workshop."))])
    title = StringField(_l("Name (optional)"), filters=[strip_text], validators=[_max(200)])
    pick_limit = IntegerField(_l("Cards each person can pick"), default=DEFAULT_PICK_LIMIT, validators=[
        InputRequired(message=_l("Enter how many cards each person can pick.")),
        NumberRange(min=1, max=MAX_PICK_LIMIT, message=_l("Enter a number from 1 to %(max)d.", max=MAX_PICK_LIMIT))])


class ThemeForm(FlaskForm):
    name = StringField(_l("Name of the theme"), filters=[strip_text], validators=[
        DataRequired(message=_l("Enter a name for the theme.")), _max(160)])
    cards = MultiCheckboxField(_l("Cards in this theme"), coerce=int, validators=[Optional()])


class CompareForm(FlaskForm):
    class Meta:
        csrf = False

    first = SelectField(_l("First session"), validators=[Optional()])
    second = SelectField(_l("Second session"), validators=[Optional()])
