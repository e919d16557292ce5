"""Inviting people by email with a role, and accepting the invitation."""
import logging
import re

import pytest

from labapp.accounts.models import User
from labapp.extensions import db
from labapp.labs.models import Invitation, Lab
from tests.conftest import PASSWORD
from tests.helpers import find, html_text


@pytest.fixture
def facilitator_client(app, make_user, make_lab):
    facilitator = make_user(name="Fran")
    lab = make_lab(creator=facilitator)
    client = app.test_client()
    client.login_as(facilitator)
    return client, lab


def _invite(client, lab, email="new.person@example.org", role="sponsor"):
    client.post_form(f"/labs/{lab.id}/invitations", {"email": email, "role": role})
    page = client.get(f"/labs/{lab.id}/invitations")
    return find(r'id="invite-link" readonly value="([^"]+)"', page)


def test_invitation_link_is_shown_once_and_never_logged_without_smtp(facilitator_client, caplog):
    client, lab = facilitator_client
    with caplog.at_level(logging.INFO, logger="labapp"):
        link = _invite(client, lab)
    assert "/invitations/" in link
    token = link.rsplit("/", 1)[1]
    assert "not emailed" in caplog.text and token not in caplog.text  # a secret link is a key: not for the logs
    page = html_text(client.get(f"/labs/{lab.id}/invitations"))
    assert "new.person@example.org" in page and "Waiting" in page
    assert 'id="invite-link"' not in page, "the link is shown once"


def test_new_person_accepts_with_the_invited_role_and_can_sign_in(app, facilitator_client):
    client, lab = facilitator_client
    link = _invite(client, lab, role="sponsor")
    guest = app.test_client()
    path = link.split("localhost", 1)[1]
    assert "Sponsor" in html_text(guest.get(path))
    response = guest.post_form(path, {"name": "Helen", "locale": "en", "sector": "nhs", "password": PASSWORD})
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "new.person@example.org"))
        membership = next(m for m in db.session.get(Lab, lab.id).memberships if m.user_id == user.id)
        assert membership.roles == {"sponsor"}
    assert app.test_client().post_form("/login", {"email": "new.person@example.org", "password": PASSWORD}).status_code == 302
    assert guest.get(path).status_code == 404, "an invitation works once"


def test_withdrawn_invitation_no_longer_opens(app, facilitator_client):
    client, lab = facilitator_client
    link = _invite(client, lab)
    with app.app_context():
        invitation_id = db.session.scalar(db.select(Invitation.id).where(Invitation.lab_id == lab.id))
    client.post_form(f"/labs/{lab.id}/invitations/{invitation_id}/revoke")
    response = app.test_client().get(link.split("localhost", 1)[1])
    assert response.status_code == 404
    assert "no longer works" in html_text(response)


def test_existing_account_is_asked_to_sign_in_then_gets_the_role(app, facilitator_client, make_user):
    client, lab = facilitator_client
    person = make_user(email="coach@example.org")
    path = _invite(client, lab, email="coach@example.org", role="coach").split("localhost", 1)[1]
    guest = app.test_client()
    response = guest.get(path)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    guest.login_as(person)
    guest.post_form(path, {"name": person.name, "locale": "en"})
    with app.app_context():
        membership = next(m for m in db.session.get(Lab, lab.id).memberships if m.user_id == person.id)
        assert membership.roles == {"coach"}


def test_invitation_is_emailed_when_smtp_is_configured(make_app, make_user, make_lab, monkeypatch):
    sent = []

    class RecordingSMTP:
        def __init__(self, host, port, timeout):
            self.host = host

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            pass

        def login(self, user, password):
            pass

        def send_message(self, message):
            sent.append(message)

    monkeypatch.setattr("labapp.mailer.smtplib.SMTP", RecordingSMTP)
    app = make_app(MAIL_SERVER="smtp.example.org", MAIL_PORT=587, MAIL_USE_TLS=True, MAIL_FROM="lab@example.org")
    facilitator = make_user()
    lab = make_lab(creator=facilitator)
    client = app.test_client()
    client.login_as(facilitator)
    client.post_form(f"/labs/{lab.id}/invitations", {"email": "x@example.org", "role": "design_team"})
    assert len(sent) == 1
    assert sent[0]["To"] == "x@example.org"
    assert re.search(r"/invitations/[\w-]+", sent[0].get_content())
    assert "Invitation sent to x@example.org." in html_text(client.get(f"/labs/{lab.id}/invitations"))


def test_only_facilitators_can_invite(app, make_user, make_lab, add_member):
    lab = make_lab()
    participant = make_user()
    add_member(lab, participant, "participant")
    client = app.test_client()
    client.login_as(participant)
    assert client.post_form(f"/labs/{lab.id}/invitations", {"email": "a@example.org", "role": "facilitator"}).status_code == 403
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Invitation.id))) == 0


def test_invalid_email_is_explained_and_kept(facilitator_client):
    client, lab = facilitator_client
    page = html_text(client.post_form(f"/labs/{lab.id}/invitations", {"email": "not-an-address", "role": "coach"}))
    assert "Enter an email address like name@example.org." in page
    assert 'value="not-an-address"' in page


def test_a_long_list_of_invitations_comes_a_page_at_a_time_newest_first(app, facilitator_client):
    client, lab = facilitator_client
    from labapp.labs import service

    with app.app_context():
        for n in range(55):
            service.invite(db.session.get(Lab, lab.id), email=f"person{n:02d}@example.org", role="participant",
                           invited_by=db.session.scalars(db.select(User)).first())
        db.session.commit()
    first = html_text(client.get(f"/labs/{lab.id}/invitations"))
    assert "person54@example.org" in first and "person05@example.org" in first
    assert "person04@example.org" not in first and "Next page" in first
    second = html_text(client.get(f"/labs/{lab.id}/invitations?page=2"))
    assert "person04@example.org" in second and "person00@example.org" in second
    assert "person54@example.org" not in second and "Previous page" in second
