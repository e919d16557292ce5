"""The support summary: what the people invited to a workshop need, against what it offers."""
import re

from labapp.extensions import db
from labapp.outreach.models import Outreach
from labapp.workshops import service
from labapp.workshops.models import Workshop
from tests.helpers import html_text


def _invite(app, lab, workshop, *, membership_id=None, status="invited", needs=(), language=None, name="Someone"):
    with app.app_context():
        db.session.add(Outreach(lab_id=lab.id, workshop_id=workshop.id if workshop else None, person_name=name,
                                status=status, support_needs=list(needs), interpreter_language=language,
                                membership_id=membership_id))
        db.session.commit()


def _member(make_user, add_member, lab, locale, needs=()):
    return add_member(lab, make_user(locale=locale, password=None), "participant", support_needs=list(needs))


def _room(app, lab, make_user, add_member, make_workshop):
    """Invite seven people (and some who do not count) to a workshop offering Urdu interpreters and step-free access."""
    workshop = make_workshop(lab, support_offered=["interpreter", "step_free"], interpreter_languages=["ur"])
    other = make_workshop(lab, title="Another workshop")
    m1 = _member(make_user, add_member, lab, "ur", ["interpreter", "creche"])   # Urdu from their language
    m2 = _member(make_user, add_member, lab, "bn", ["interpreter"])             # Bengali: not offered
    m3 = _member(make_user, add_member, lab, "ur")                              # Urdu, asked on the list
    m4 = _member(make_user, add_member, lab, "pl", ["interpreter"])             # the list says Arabic
    m5 = _member(make_user, add_member, lab, "en", ["interpreter"])             # language not known
    _invite(app, lab, workshop, membership_id=m1)
    _invite(app, lab, workshop, membership_id=m1, status="accepted")            # the same person twice
    _invite(app, lab, workshop, membership_id=m2, status="accepted")
    _invite(app, lab, workshop, membership_id=m3, language="ur")
    _invite(app, lab, workshop, membership_id=m4, language="ar")
    _invite(app, lab, workshop, membership_id=m5, status="to_invite")
    _invite(app, lab, workshop, needs=["creche", "step_free"], language="ur")   # not a member yet
    _invite(app, lab, workshop, needs=["interpreter"])                          # no language given
    _invite(app, lab, workshop, status="declined", needs=["creche"])            # declined: not counted
    _invite(app, lab, other, needs=["creche"])                                  # another workshop
    _invite(app, lab, None, needs=["large_print"])                              # the lab as a whole
    return workshop


def test_needs_and_interpreters_are_counted_per_kind_and_language(app, make_lab, make_user, add_member,
                                                                   make_workshop):
    lab = make_lab()
    workshop = _room(app, lab, make_user, add_member, make_workshop)
    with app.app_context():
        summary = service.support_summary(db.session.get(Workshop, workshop.id))
    assert summary.invited == 7
    assert summary.needs == {"interpreter": 7, "creche": 2, "step_free": 1}
    assert summary.interpreters == {"ur": 3, "ar": 1, "bn": 1}
    assert summary.interpreter_language_unknown == 2
    assert summary.unmet_needs == {"creche": 2}
    assert summary.unmet_languages == {"ar": 1, "bn": 1}


def test_interpreter_need_without_a_language_is_unmet_when_no_interpreter_is_offered(app, make_lab, make_user,
                                                                                      make_workshop):
    lab = make_lab()
    workshop = make_workshop(lab, support_offered=["creche"])
    _invite(app, lab, workshop, needs=["interpreter", "creche"])
    with app.app_context():
        summary = service.support_summary(db.session.get(Workshop, workshop.id))
    assert summary.unmet_needs == {"interpreter": 1}
    assert summary.unmet_languages == {}


def test_organisers_see_the_summary_with_what_is_not_offered_yet(app, client, make_user, make_lab, add_member,
                                                                  make_workshop):
    facilitator = make_user()
    lab = make_lab(creator=facilitator)
    workshop = _room(app, lab, make_user, add_member, make_workshop)
    client.login_as(facilitator)
    page = html_text(client.get(f"/labs/{lab.id}/workshops/{workshop.id}/"))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "7 people are invited" in text
    assert "3 needs are not offered yet" in text
    assert "3 people need an interpreter in Urdu. Offered" in text
    assert "1 person needs an interpreter in Bangla. Not offered yet" in text
    assert "1 person needs an interpreter in Arabic. Not offered yet" in text
    assert "2 people need an interpreter and have not said for which language." in text
    assert "A crèche for children: 2 people Not offered yet" in text
    assert "Step-free access: 1 person Offered" in text


def test_participants_do_not_see_the_summary(app, make_user, make_lab, add_member, make_workshop):
    lab = make_lab()
    workshop = _room(app, lab, make_user, add_member, make_workshop)
    participant = make_user()
    add_member(lab, participant, "participant")
    client = app.test_client()
    client.login_as(participant)
    page = html_text(client.get(f"/labs/{lab.id}/workshops/{workshop.id}/"))
    assert "Observe workshop" in page
    assert "Support the invited people need" not in page and "interpreter in" not in page


def test_summary_has_an_empty_state(app, client, make_user, make_lab, make_workshop):
    facilitator = make_user()
    lab = make_lab(creator=facilitator)
    workshop = make_workshop(lab)
    client.login_as(facilitator)
    assert "Nobody is on the invitation list for this workshop yet." in html_text(
        client.get(f"/labs/{lab.id}/workshops/{workshop.id}/"))
