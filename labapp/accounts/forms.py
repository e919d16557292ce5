"""Forms for signing in, joining a lab and a person's own settings."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, RadioField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from labapp.forms import MultiCheckboxField, choices_from, strip_text
from labapp.labs.constants import SUPPORT_NEEDS

MIN_PASSWORD = 10


class LoginForm(FlaskForm):
    email = EmailField(_l("Email address"), filters=[strip_text], validators=[
        DataRequired(message=_l("Enter your email address.")),
        Email(message=_l("Enter an email address like name@example.org."))])
    password = PasswordField(_l("Password"), validators=[DataRequired(message=_l("Enter your password."))])
    next = HiddenField()


class JoinCodeForm(FlaskForm):
    code = StringField(_l("Join code"), filters=[strip_text], validators=[DataRequired(message=_l("Enter the code you were given."))])


class JoinForm(FlaskForm):
    name = StringField(_l("Your name"), description=_l("The name other people in the lab will see."),
                       validators=[DataRequired(message=_l("Enter your name.")),
                                   Length(max=120, message=_l("Use 120 characters or fewer."))])
    locale = RadioField(_l("Language"), validators=[DataRequired(message=_l("Choose a language."))])
    sector = RadioField(_l("Where you are coming from (optional)"), validators=[Optional()])
    support_needs = MultiCheckboxField(_l("Support you would like at events (optional)"),
                                       choices=choices_from(SUPPORT_NEEDS))
    code = HiddenField()


class InviteAcceptForm(JoinForm):
    password = PasswordField(_l("Choose a password (optional)"),
                             description=_l("With a password you can sign in from any device. At least 10 characters."),
                             validators=[Optional(), Length(min=MIN_PASSWORD, message=_l("Use at least 10 characters."))])


class AccountForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[
        DataRequired(message=_l("Enter your name.")), Length(max=120, message=_l("Use 120 characters or fewer."))])
    email = EmailField(_l("Email address"), filters=[strip_text], validators=[
        DataRequired(message=_l("Enter your email address.")),
        Email(message=_l("Enter an email address like name@example.org."))])
    current_password = PasswordField(_l("Current password"))
    password = PasswordField(_l("New password"), description=_l("At least 10 characters."), validators=[
        DataRequired(message=_l("Enter a password.")),
        Length(min=MIN_PASSWORD, message=_l("Use at least 10 characters."))])
    confirm = PasswordField(_l("New password again"), validators=[
        EqualTo("password", message=_l("The two passwords are not the same."))])


class LanguageForm(FlaskForm):
    locale = HiddenField()
    next = HiddenField()
