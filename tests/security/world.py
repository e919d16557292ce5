"""Build the lab the authorisation matrix asks about: one person per role and a real object of every kind.

The demo lab gives most of it (decks, visits, prototypes, a proposal and its panel, a review…); the few kinds
the demo leaves out are added here, and the demo's overlaps are undone so each role means one thing: the
participant is not on the prototype's team and the panel holds only the panel member.
"""
from datetime import date

from flask_babel import force_locale
from sqlalchemy import select

from labapp.accounts import service as accounts_service
from labapp.challenge import panels
from labapp.challenge import service as challenge_service
from labapp.challenge.models import Action, PanelSession, Proposal, Resource, Risk
from labapp.datacards import picks
from labapp.datacards import service as datacards_service
from labapp.datacards.models import (
    Card,
    CardComment,
    Deck,
    DeckCategory,
    PickSession,
    Theme,
)
from labapp.demo import create_demo
from labapp.extensions import db
from labapp.jobs import service as jobs
from labapp.jobs.models import Job
from labapp.journeys import rounds
from labapp.journeys.constants import CONFIRMED
from labapp.journeys.models import Host, SignUp, Visit
from labapp.labs import service as labs_service
from labapp.labs.constants import PANEL_MEMBER, PARTICIPANT, ROLES
from labapp.labs.models import Invitation, Lab, Membership
from labapp.outreach.models import Outreach
from labapp.practice import service as practice_service
from labapp.practice.models import Lesson, ReviewSession
from labapp.programmes.models import Programme
from labapp.programmes.report_views import KIND as PROGRAMME_REPORT
from labapp.prototypes import service as prototypes_service
from labapp.prototypes.models import (
    Cycle,
    Measure,
    MeasureValue,
    Post,
    Prototype,
    PrototypeMember,
    Reply,
)
from labapp.reports.document import KIND as LAB_REPORT
from labapp.systemmap.constants import PERSON
from labapp.systemmap.models import Actor, Tie
from labapp.workshops import service as workshops_service
from labapp.workshops.models import AgendaItem, Attendance, Workshop


def _first(model, *where):
    return db.session.scalar(select(model).where(*where).order_by(model.id).limit(1))


def build(password: str) -> dict:
    """Create the demo labs, fill the gaps and return {"lab": id, "emails": {role: email}, "ids": {...}}.

    The ids are keyed by the route's argument name, or "blueprint.name" where two areas use the same name.
    """
    results = create_demo(password=password)
    lab, logins = results[0]
    emails = dict(logins)
    members = {role: labs_service.membership_for(lab, accounts_service.user_by_email(email))
               for role, email in emails.items()}
    assert set(members) == set(ROLES)

    prototype = _lead_prototype(lab, members["prototype_team"])
    participant_row = _first(PrototypeMember, PrototypeMember.prototype_id == prototype.id,
                             PrototypeMember.membership_id == members[PARTICIPANT].id)
    if participant_row is not None:
        prototypes_service.remove_from_team(prototype, participant_row)
    panel = _first(PanelSession, PanelSession.lab_id == lab.id)
    panels.set_members(panel, [members[PANEL_MEMBER]])
    panels.reveal(panel)  # the scores' download opens to facilitators once they are revealed
    sector = labs_service.add_sector(lab, "Faith groups")
    facilitator = members["facilitator"].user
    labs_service.create_lab(creator=facilitator, name="Spare Lab", place="Leeds", question="Why?",
                            propositions=["One"], starts_on=None, ends_on=None)  # one to add to the programme

    proposal = _first(Proposal, Proposal.prototype_id == prototype.id)
    challenge_service.add_action(proposal, what="Write to the council", owner="Kasia", due_on=date(2027, 9, 1))
    workshop = _first(Workshop, Workshop.lab_id == lab.id)
    item = workshops_service.add_agenda_item(workshop, "10:00", "Welcome")
    db.session.add(Attendance(workshop_id=workshop.id, membership_id=members[PARTICIPANT].id, name="Shazia"))
    invitation, _token = labs_service.invite(lab, email="guest@example.org", role=PARTICIPANT,
                                             invited_by=facilitator)
    visits = db.session.scalars(select(Visit.id).where(Visit.lab_id == lab.id).order_by(Visit.id)).all()
    round_ = rounds.create_round(lab, "Which visits would you like?", visits[:3])
    spare_user = accounts_service.create_user(name="Sam Spare", email="spare@example.org", password=None, locale=None)
    spare = labs_service.add_member(lab, spare_user, PARTICIPANT)
    db.session.flush()
    report = jobs.request_job(LAB_REPORT, f"lab:{lab.id}", "en", "matrix", {}, None)
    programme = _first(Programme)
    programme_job = jobs.request_job(PROGRAMME_REPORT, f"programme:{programme.id}", "en", "matrix", {}, None)
    db.session.flush()
    jobs.fail(report.id, "stopped")
    jobs.fail(programme_job.id, "stopped")

    person = Actor(lab_id=lab.id, kind=PERSON, name="Dr Aisha Khan", sector="nhs", level="senior_leader")
    db.session.add(person)
    db.session.flush()
    deck = _first(Deck, Deck.lab_id == lab.id)
    comment = _first(CardComment, CardComment.card_id.in_(select(Card.id).where(Card.deck_id == deck.id)))
    session = _first(PickSession, PickSession.lab_id == lab.id)
    visit = _first(Visit, Visit.lab_id == lab.id, Visit.id.in_(select(SignUp.visit_id).where(
        SignUp.membership_id == members[PARTICIPANT].id, SignUp.status == CONFIRMED)))
    measure = _first(Measure, Measure.prototype_id == prototype.id, Measure.id.in_(select(MeasureValue.measure_id)))
    post = _first(Post, Post.lab_id == lab.id, Post.id.in_(select(Reply.post_id)))
    review = _first(ReviewSession, ReviewSession.lab_id == lab.id)
    ids = {
        "deck_id": deck.id, "card_id": comment.card_id, "comment_id": comment.id,
        "category_id": _first(DeckCategory, DeckCategory.deck_id == deck.id).id,
        "datacards.session_id": session.id, "theme_id": _first(Theme, Theme.session_id == session.id).id,
        "workshop_id": workshop.id, "item_id": item.id,
        "attendance_id": _first(Attendance, Attendance.workshop_id == workshop.id).id,
        "workshops.membership_id": members[PARTICIPANT].id, "labs.membership_id": spare.id,
        "actor_id": _first(Actor, Actor.lab_id == lab.id, Actor.kind != PERSON).id, "person_actor_id": person.id,
        "tie_id": _first(Tie, Tie.lab_id == lab.id).id,
        "outreach_id": _first(Outreach, Outreach.lab_id == lab.id).id, "invitation_id": invitation.id,
        "host_id": visit.host_id, "visit_id": visit.id, "round_id": round_.id,
        "prototype_id": prototype.id, "cycle_id": _first(Cycle, Cycle.prototype_id == prototype.id).id,
        "member_id": _first(PrototypeMember, PrototypeMember.prototype_id == prototype.id,
                            PrototypeMember.membership_id == members["coach"].id).id,
        "measure_id": measure.id, "value_id": _first(MeasureValue, MeasureValue.measure_id == measure.id).id,
        "post_id": post.id, "proposal_id": proposal.id, "panel_id": panel.id,
        "row_id": _first(Resource, Resource.proposal_id == proposal.id).id,
        "action_id": _first(Action, Action.proposal_id == proposal.id).id,
        "practice.session_id": review.id, "lesson_id": _first(Lesson, Lesson.session_id == review.id).id,
        "programme_id": programme.id, "reports.job_id": report.id, "programmes.job_id": programme_job.id,
        "programmes.lab_id": results[1][0].id,
        "code": sector.code, "lang": "ur",
        "year": date.today().isocalendar()[0], "week": date.today().isocalendar()[1],
    }
    ids["elsewhere"] = _elsewhere(lab, members, ids, prototype)
    assert _first(Risk, Risk.proposal_id == proposal.id) is not None
    assert _first(Host, Host.id == visit.host_id) is not None
    assert db.session.get(Job, report.id) is not None and db.session.get(Invitation, invitation.id) is not None
    assert db.session.get(AgendaItem, item.id) is not None and db.session.get(Membership, spare.id) is not None
    db.session.commit()
    return {"lab": lab.id, "emails": emails, "ids": ids}


def _lead_prototype(lab: Lab, lead: Membership) -> Prototype:
    rows = db.session.scalars(select(Prototype).where(Prototype.lab_id == lab.id).order_by(Prototype.id)).all()
    for prototype in rows:
        if any(m.membership_id == lead.id and m.role == "lead" for m in prototype.team):
            return prototype
    raise AssertionError("the demo has no prototype led by the prototype team member")


def _elsewhere(lab: Lab, members: dict, ids: dict, prototype: Prototype) -> dict:
    """Return ids of the same kinds, in the same lab, whose parent is another one (another deck's card,
    another prototype's cycle…): an address naming a parent with someone else's child must be a 404."""
    deck = datacards_service.create_deck(lab, title="Second deck")
    category = datacards_service.save_category(deck, letter="A", title="Health", question="What do we see?")
    card = datacards_service.create_card(deck, category, headline="Waiting times")
    comment = datacards_service.add_comment(card, members[PARTICIPANT], "Which surgery?")
    workshop = _first(Workshop, Workshop.lab_id == lab.id, Workshop.id != ids["workshop_id"])
    session = picks.open_session(lab, deck, workshop, pick_limit=3)
    theme = picks.add_theme(session, "Access", [card.id])
    item = workshops_service.add_agenda_item(workshop, "11:00", "Tea")
    attendance = Attendance(workshop_id=workshop.id, membership_id=members["coach"].id, name="Rupinder")
    db.session.add(attendance)
    review = practice_service.create_session(lab, title="Second review", held_on=date(2027, 8, 20))
    lesson = practice_service.add_lesson(review, members[PARTICIPANT], text="Ask residents first", kind="worked")
    other = _first(Prototype, Prototype.lab_id == lab.id, Prototype.id != prototype.id)
    measure = _first(Measure, Measure.prototype_id == other.id, Measure.id.in_(select(MeasureValue.measure_id)))
    own_measure = db.session.get(Measure, ids["measure_id"])
    second_measure = _first(Measure, Measure.prototype_id == prototype.id, Measure.id != own_measure.id,
                            Measure.id.in_(select(MeasureValue.measure_id)))
    with force_locale("en"):  # the proposal is prefilled with words, as in the demo
        not_on_panel = challenge_service.start_proposal(other)
    db.session.flush()
    return {
        "card_id": card.id, "comment_id": comment.id, "category_id": category.id, "theme_id": theme.id,
        "item_id": item.id, "attendance_id": attendance.id, "lesson_id": lesson.id,
        "cycle_id": _first(Cycle, Cycle.prototype_id == other.id).id, "measure_id": measure.id,
        "member_id": _first(PrototypeMember, PrototypeMember.prototype_id == other.id).id,
        "value_id": _first(MeasureValue, MeasureValue.measure_id == second_measure.id).id,
        "proposal_id": not_on_panel.id,
    }
