"""The lab home as a dashboard: figures per stage against data built here, next steps per role, queries."""
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import event

from labapp.accounts.models import User
from labapp.challenge.models import (
    PanelMember,
    PanelProposal,
    PanelSession,
    Proposal,
    Submission,
)
from labapp.datacards.models import Card, CardComment, Deck, DeckCategory, PickSession
from labapp.extensions import db
from labapp.journeys.models import Debrief, Host, SignUp, Visit
from labapp.labs import service as labs_service
from labapp.labs.dashboard import DONE, NOT_STARTED, UNDER_WAY, stage_figures
from labapp.labs.models import Lab, Membership
from labapp.labs.next_steps import next_steps
from labapp.outreach.models import Outreach
from labapp.prototypes.models import Cycle, Prototype, PrototypeMember
from labapp.workshops.models import Attendance, Workshop
from tests.helpers import html_text

TODAY = date.today()


class QueryCounter:
    """Count the SQL statements the app's engine runs inside the with block."""

    def __init__(self, app):
        self.app, self.count = app, 0

    def _count(self, *args):
        self.count += 1

    def __enter__(self):
        with self.app.app_context():
            self.engine = db.engine
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._count)


@pytest.fixture
def lab_with(app, make_user, make_lab, add_member):
    """A lab, its facilitator (logged in), and helpers to add members."""
    facilitator = make_user(name="Fran Facilitator")
    lab = make_lab(creator=facilitator)
    client = app.test_client()
    client.login_as(facilitator)
    return lab, facilitator, client


def _figures(app, lab, today=TODAY):
    with app.test_request_context():
        cards = stage_figures(db.session.get(Lab, lab.id), today)
        return {card.code: (card.status, [figure.text for figure in card.figures]) for card in cards}


def _steps(app, lab, user, today=TODAY):
    with app.test_request_context():
        lab_row = db.session.get(Lab, lab.id)
        membership = labs_service.membership_for(lab_row, db.session.get(User, user.id))
        return [step.text for step in next_steps(lab_row, membership, today)]


def _member(lab_id, user_id) -> Membership:
    return db.session.query(Membership).filter_by(lab_id=lab_id, user_id=user_id).one()


def _visit(lab_id, host, *, title="Visit", day=None, capacity=6, confirmed=0, status="open"):
    visit = Visit(lab_id=lab_id, host=host, title=title, day=day or TODAY + timedelta(days=7), starts=time(10),
                  ends=time(12), capacity=capacity, confirmed_count=confirmed, status=status)
    db.session.add(visit)
    return visit


def _prototype(lab_id, name, *, weeks_ago=3, done_weeks=3, late_weeks=0):
    """A testing prototype started `weeks_ago` weeks ago with `done_weeks` decided cycles and `late_weeks` more
    cycles without a decision."""
    prototype = Prototype(lab_id=lab_id, name=name, status="testing", starts_on=TODAY - timedelta(weeks=weeks_ago))
    for number in range(1, done_weeks + late_weeks + 1):
        prototype.cycles.append(Cycle(number=number, act_decision="adopt" if number <= done_weeks else ""))
    db.session.add(prototype)
    return prototype


# Figures ----------------------------------------------------------------------------------------------

def test_design_team_figures_count_invitations_and_the_resident_share(app, lab_with):
    lab, _user, _client = lab_with
    with app.app_context():
        rows = ([("accepted", "community")] * 12 + [("attended", "community")] * 3 + [("accepted", "nhs")] * 17
                + [("invited", "nhs")] * 10 + [("declined", "vcse")] * 8 + [("to_invite", "community")] * 5)
        db.session.add_all(Outreach(lab_id=lab.id, person_name=f"P{i}", status=status, sector=sector)
                           for i, (status, sector) in enumerate(rows))
        db.session.commit()
    status, figures = _figures(app, lab)["design_team"]
    assert "64% of invitations accepted (32 of 50)" in figures
    assert "Residents are 47% of the people coming (15 of 32); the aim is 50%." in figures
    assert status == UNDER_WAY


def test_data_and_workshop_figures(app, lab_with):
    lab, _user, _client = lab_with
    with app.app_context():
        deck = Deck(lab_id=lab.id, title="Riverside in numbers")
        category = DeckCategory(letter="A", title="Money")
        deck.categories.append(category)
        for i in range(8):
            deck.cards.append(Card(code=f"A{i}", headline=f"Card {i}", category=category,
                                   status="reviewed" if i < 5 else "draft"))
        db.session.add(deck)
        db.session.flush()
        db.session.add_all([CardComment(card_id=deck.cards[0].id, author_name="R", text="Which year?"),
                            CardComment(card_id=deck.cards[1].id, author_name="R", text="Source?",
                                        resolved_at=datetime.now())])
        observe = Workshop(lab_id=lab.id, kind="observe", title="Observe", checkin_code="OBS1",
                           starts_at=datetime.combine(TODAY - timedelta(days=3), time(10)))
        retreat = Workshop(lab_id=lab.id, kind="retreat", title="Retreat", checkin_code="RET1",
                           starts_at=datetime.combine(TODAY + timedelta(days=30), time(10)))
        db.session.add_all([observe, retreat])
        db.session.flush()
        sectors = ["community"] * 4 + ["nhs"] * 5 + ["vcse"]
        db.session.add_all(Attendance(workshop_id=observe.id, name=f"A{i}", sector=s) for i, s in enumerate(sectors))
        db.session.commit()
    figures = _figures(app, lab)
    assert figures["data"][1] == ["1 deck of data cards", "5 of 8 cards reviewed", "1 review comment still open"]
    workshop_text = figures["workshops"][1]
    assert workshop_text[0] == "1 held, 1 coming up"
    assert workshop_text[1].startswith("10 people came to “Observe”; residents were 40%.")
    assert "NHS 5" in workshop_text[1]


def test_journey_figures_say_how_many_visits_are_full(app, lab_with, make_lab):
    lab, _user, _client = lab_with
    other = make_lab(name="Elsewhere")
    with app.app_context():
        host = Host(lab_id=lab.id, organisation="Riverside surgery")
        for i in range(12):
            _visit(lab.id, host, title=f"V{i}", capacity=6, confirmed=6 if i < 11 else 2,
                   status="full" if i < 11 else "open")
        _visit(lab.id, host, title="Not ready", status="draft")
        _visit(other.id, Host(lab_id=other.id, organisation="Far away"), title="Theirs", capacity=6, confirmed=0)
        db.session.commit()
    _status, figures = _figures(app, lab)["learning_journeys"]
    assert "11 of 12 visits full" in figures
    assert "1 visit open for sign-up" in figures


def test_prototype_figures_split_on_track_from_overdue(app, lab_with):
    lab, _user, _client = lab_with
    with app.app_context():
        for i in range(5):
            _prototype(lab.id, f"On track {i}")
        _prototype(lab.id, "Late A", done_weeks=2, late_weeks=1)
        _prototype(lab.id, "Late B", done_weeks=1)  # week 2 and 3 never logged
        db.session.commit()
    _status, figures = _figures(app, lab)["prototypes"]
    assert figures[:2] == ["7 prototypes", "5 on track, 2 with overdue weeks"]


def test_check_and_challenge_counts_proposals_awaiting_a_panel(app, lab_with):
    lab, _user, _client = lab_with
    with app.app_context():
        proposals = []
        for i, (status, decision) in enumerate([("submitted", "")] * 4 + [("draft", ""), ("submitted", "adopt")]):
            prototype = _prototype(lab.id, f"P{i}")
            proposals.append(Proposal(lab_id=lab.id, prototype=prototype, status=status, decision=decision))
        panel = PanelSession(lab_id=lab.id, title="March panel", held_on=TODAY + timedelta(days=10))
        panel.items = [PanelProposal(proposal=p) for p in proposals[:3]]
        closed = PanelSession(lab_id=lab.id, title="Old panel", held_on=TODAY - timedelta(days=60), closed=True)
        closed.items = [PanelProposal(proposal=proposals[3])]
        db.session.add_all(proposals + [panel, closed])
        db.session.commit()
    _status, figures = _figures(app, lab)["check_and_challenge"]
    assert ("Proposals: 1 being written, 1 submitted, 3 awaiting a panel, 1 decided") in figures
    assert "1 panel coming up" in figures


def test_stage_status_follows_dates_then_data(app, lab_with):
    lab, _user, _client = lab_with
    with app.app_context():
        stages = {stage.code: stage for stage in db.session.get(Lab, lab.id).stages}
        stages["design_team"].starts_on, stages["design_team"].ends_on = TODAY - timedelta(60), TODAY - timedelta(1)
        stages["data"].starts_on = TODAY - timedelta(1)
        stages["workshops"].starts_on = TODAY + timedelta(30)
        db.session.add(Workshop(lab_id=lab.id, kind="observe", title="Observe", checkin_code="OBS1",
                                starts_at=datetime.combine(TODAY + timedelta(days=31), time(10))))
        stages["prototypes"].starts_on = TODAY + timedelta(60)
        db.session.commit()
    figures = _figures(app, lab)
    assert figures["design_team"][0] == DONE
    assert figures["data"][0] == UNDER_WAY
    assert figures["workshops"][0] == NOT_STARTED  # a workshop planned is not one held
    assert figures["prototypes"][0] == NOT_STARTED
    assert figures["check_and_challenge"][0] == NOT_STARTED  # no dates, no data
    with app.app_context():
        _prototype(lab.id, "Early start", weeks_ago=1, done_weeks=1)
        db.session.commit()
    assert _figures(app, lab)["prototypes"][0] == UNDER_WAY  # a cycle logged: the work has begun


# Next steps -------------------------------------------------------------------------------------------

@pytest.fixture
def team(app, lab_with, make_user, add_member):
    """A prototype with a lead, a sponsor and a participant, and a proposal the lead has signed."""
    lab, _facilitator, _client = lab_with
    people = {name: make_user(name=name) for name in ("Lee Lead", "Sam Sponsor", "Pat Participant", "Nia Panel")}
    add_member(lab, people["Lee Lead"], "prototype_team")
    add_member(lab, people["Sam Sponsor"], "sponsor")
    add_member(lab, people["Pat Participant"], "participant")
    add_member(lab, people["Nia Panel"], "panel_member")
    with app.app_context():
        prototype = _prototype(lab.id, "Warm welcome", done_weeks=2)
        prototype.team = [PrototypeMember(membership_id=_member(lab.id, people["Lee Lead"].id).id, role="lead"),
                          PrototypeMember(membership_id=_member(lab.id, people["Sam Sponsor"].id).id, role="sponsor")]
        db.session.add(Proposal(lab_id=lab.id, prototype=prototype, lead_signed_by_id=people["Lee Lead"].id,
                                lead_signed_on=TODAY))
        db.session.commit()
    return lab, people


def test_a_sponsor_sees_the_signature_request_and_a_participant_does_not(app, team):
    lab, people = team
    request = "The proposal for “Warm welcome” is waiting for your signature as its sponsor."
    assert request in _steps(app, lab, people["Sam Sponsor"])
    assert request not in _steps(app, lab, people["Pat Participant"])
    assert not any("Warm welcome" in text for text in _steps(app, lab, people["Pat Participant"]))


def test_the_team_sees_its_overdue_week(app, team):
    lab, people = team
    assert "“Warm welcome” has 1 week without an Act decision: write what you learned and decide." \
        in _steps(app, lab, people["Lee Lead"])


def test_a_panel_member_sees_proposals_to_score_until_submitted(app, team):
    lab, people = team
    with app.app_context():
        proposal = db.session.query(Proposal).filter_by(lab_id=lab.id).one()
        panel = PanelSession(lab_id=lab.id, title="Spring panel", held_on=TODAY)
        panel.items = [PanelProposal(proposal=proposal)]
        panel.members = [PanelMember(membership=_member(lab.id, people["Nia Panel"].id))]
        db.session.add(panel)
        db.session.commit()
        panel_id, proposal_id = panel.id, proposal.id
    assert "Score 1 proposal for the panel “Spring panel”." in _steps(app, lab, people["Nia Panel"])
    with app.app_context():
        db.session.add(Submission(panel_id=panel_id, proposal_id=proposal_id,
                                  membership_id=_member(lab.id, people["Nia Panel"].id).id))
        db.session.commit()
    assert not any("Spring panel" in text for text in _steps(app, lab, people["Nia Panel"]))
    assert "Everyone on the panel “Spring panel” has scored: reveal the scores." in _steps(app, lab, lab_facilitator(app, lab))


def lab_facilitator(app, lab):
    with app.app_context():
        membership = next(m for m in db.session.get(Lab, lab.id).memberships if m.has_role("facilitator"))
        return db.session.get(User, membership.user_id)


def test_a_participant_is_asked_to_sign_up_and_to_debrief(app, team):
    lab, people = team
    with app.app_context():
        host = Host(lab_id=lab.id, organisation="Community kitchen")
        _visit(lab.id, host, title="Open kitchen", capacity=6, confirmed=2)
        _visit(lab.id, host, title="Full kitchen", capacity=2, confirmed=2, status="full")
        went = _visit(lab.id, host, title="Food bank morning", day=TODAY - timedelta(days=2), confirmed=1)
        db.session.flush()
        db.session.add(SignUp(visit_id=went.id, membership_id=_member(lab.id, people["Pat Participant"].id).id))
        db.session.commit()
        went_id = went.id
    steps = _steps(app, lab, people["Pat Participant"])
    assert steps == ["Write your debrief for the visit “Food bank morning”: what you saw, felt and thought.",
                     "1 learning-journey visit has places: sign up for one."]
    with app.app_context():
        db.session.add(Debrief(visit_id=went_id, membership_id=_member(lab.id, people["Pat Participant"].id).id,
                               saw="A queue", shared=True))
        db.session.commit()
    assert _steps(app, lab, people["Pat Participant"]) == ["1 learning-journey visit has places: sign up for one."]


def test_another_labs_items_never_appear(app, team, make_lab, add_member):
    lab, people = team
    other = make_lab(name="Elsewhere")
    add_member(other, people["Sam Sponsor"], "sponsor")
    add_member(other, people["Pat Participant"], "participant")
    with app.app_context():
        prototype = _prototype(other.id, "Far away change")
        prototype.team = [PrototypeMember(membership_id=_member(other.id, people["Sam Sponsor"].id).id,
                                          role="sponsor")]
        db.session.add(Proposal(lab_id=other.id, prototype=prototype, lead_signed_by_id=people["Lee Lead"].id))
        _visit(other.id, Host(lab_id=other.id, organisation="Elsewhere hall"), title="Their visit")
        db.session.commit()
    assert not any("Far away" in text for text in _steps(app, lab, people["Sam Sponsor"]))
    assert _steps(app, lab, people["Pat Participant"]) == []
    assert any("Far away" in text for text in _steps(app, other, people["Sam Sponsor"]))


def test_the_facilitator_is_told_about_drafts_and_the_resident_share(app, lab_with):
    lab, facilitator, _client = lab_with
    with app.app_context():
        db.session.add_all(Outreach(lab_id=lab.id, person_name=f"P{i}", status="accepted",
                                    sector="community" if i < 3 else "nhs") for i in range(10))
        _visit(lab.id, Host(lab_id=lab.id, organisation="Library"), status="draft")
        db.session.commit()
    steps = _steps(app, lab, facilitator)
    assert "Residents are 30% of the 10 people coming; the aim is 50%: invite more residents." in steps
    assert "1 visit is still a draft: open it for sign-up when it is ready." in steps
    assert ("Nobody from 3 sectors is coming yet (Local council, Voluntary and community sector, Private or "
            "other): invite someone from each.") in steps


# The page -----------------------------------------------------------------------------------------------

def test_an_empty_list_says_nothing_is_waiting_and_what_comes_next(app, lab_with, make_user, add_member):
    lab, _facilitator, _client = lab_with
    person = make_user(name="Quiet Person")
    add_member(lab, person, "participant")
    with app.app_context():
        stage = next(s for s in db.session.get(Lab, lab.id).stages if s.code == "workshops")
        stage.starts_on = TODAY + timedelta(days=14)
        db.session.commit()
    client = app.test_client()
    client.login_as(person)
    page = html_text(client.get(f"/labs/{lab.id}/"))
    assert "Nothing is waiting for you." in page
    assert "Next: Workshops, from" in page


def test_the_page_shows_figures_and_hides_links_a_role_may_not_follow(app, lab_with, make_user, add_member):
    lab, _facilitator, client = lab_with
    person = make_user(name="Pat Participant")
    add_member(lab, person, "participant")
    with app.app_context():
        db.session.add_all(Outreach(lab_id=lab.id, person_name=f"P{i}", status="accepted" if i < 2 else "invited")
                           for i in range(4))
        db.session.commit()
    page = html_text(client.get(f"/labs/{lab.id}/"))
    assert f'<a href="/labs/{lab.id}/outreach/">50% of invitations accepted (2 of 4)</a>' in page
    assert '<meter min="0" max="4" value="2"' in page
    participant = app.test_client()
    participant.login_as(person)
    page = html_text(participant.get(f"/labs/{lab.id}/"))
    assert "50% of invitations accepted (2 of 4)" in page
    assert f'href="/labs/{lab.id}/outreach/"' not in page


def test_another_labs_home_is_not_found(app, lab_with, make_lab):
    _lab, _facilitator, client = lab_with
    other = make_lab(name="Elsewhere")
    assert client.get(f"/labs/{other.id}/").status_code == 404


def test_the_page_renders_in_urdu_right_to_left(app, lab_with, make_user, add_member):
    lab, _facilitator, _client = lab_with
    person = make_user(name="Urdu Reader", locale="ur")
    add_member(lab, person, "participant")
    client = app.test_client()
    client.login_as(person)
    response = client.get(f"/labs/{lab.id}/")
    assert response.status_code == 200
    page = html_text(response)
    assert 'lang="ur"' in page and 'dir="rtl"' in page
    assert 'class="dashboard"' in page


def _fill(app, lab, size):
    """Give the lab `size` prototypes with cycles, measures and proposals, and `size` visits with sign-ups."""
    from labapp.prototypes.models import Measure, MeasureValue

    with app.app_context():
        members = [m for m in db.session.get(Lab, lab.id).memberships]
        host = Host(lab_id=lab.id, organisation="Hall")
        for i in range(size):
            prototype = _prototype(lab.id, f"P{i}", done_weeks=i % 3)
            prototype.team = [PrototypeMember(membership_id=m.id, role=role)
                              for m, role in zip(members, ("lead", "sponsor", "coach"))]
            measure = Measure(name=f"M{i}")
            measure.values = [MeasureValue(period=TODAY - timedelta(weeks=w), value=float(w % 4)) for w in range(12)]
            prototype.measures.append(measure)
            db.session.add(Proposal(lab_id=lab.id, prototype=prototype, status="submitted" if i % 2 else "draft",
                                    lead_signed_by_id=members[0].user_id))
            visit = _visit(lab.id, host, title=f"V{i}", day=TODAY + timedelta(days=i - 5), confirmed=1)
            db.session.flush()
            db.session.add(SignUp(visit_id=visit.id, membership_id=members[i % len(members)].id))
        panel = PanelSession(lab_id=lab.id, title="Panel", held_on=TODAY)
        panel.members = [PanelMember(membership=m) for m in members]
        db.session.add(panel)
        db.session.commit()


def test_queries_do_not_grow_with_the_data(app, make_user, make_lab, add_member):
    counts = []
    for size in (2, 20):
        facilitator = make_user()
        lab = make_lab(creator=facilitator, name=f"Lab {size}")
        for role in ("participant", "sponsor", "panel_member", "design_team", "prototype_team"):
            add_member(lab, facilitator, role)
        for _ in range(2):
            add_member(lab, make_user(), "participant")
        _fill(app, lab, size)
        client = app.test_client()
        client.login_as(facilitator)
        with QueryCounter(app) as counter:
            response = client.get(f"/labs/{lab.id}/")
        assert response.status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1], counts


def test_leads_coaches_design_team_and_pickers_each_get_their_own_steps(app, lab_with, make_user, add_member):
    from labapp.prototypes.models import Measure, MeasureValue

    lab, _facilitator, _client = lab_with
    lead, coach, designer, picker = (make_user(name=n) for n in ("Lee", "Cas Coach", "Dee Design", "Pia Picker"))
    add_member(lab, lead, "prototype_team")
    add_member(lab, coach, "coach")
    add_member(lab, designer, "design_team")
    add_member(lab, picker, "participant")
    with app.app_context():
        prototype = _prototype(lab.id, "Warm welcome", done_weeks=3)
        prototype.team = [PrototypeMember(membership_id=_member(lab.id, lead.id).id, role="lead"),
                          PrototypeMember(membership_id=_member(lab.id, coach.id).id, role="coach")]
        logged, unlogged = Measure(name="Calls"), Measure(name="Visits")
        # The current week (week 4) starts today: one measure has its value for it, the other only older ones.
        logged.values = [MeasureValue(period=TODAY, value=3.0)]
        unlogged.values = [MeasureValue(period=TODAY - timedelta(weeks=1), value=2.0)]
        prototype.measures = [logged, unlogged]
        db.session.add(Proposal(lab_id=lab.id, prototype=prototype))
        designer_id = _member(lab.id, designer.id).id
        db.session.add_all([Outreach(lab_id=lab.id, person_name="A", status="invited", inviter_id=designer_id),
                            Outreach(lab_id=lab.id, person_name="B", status="invited", inviter_id=designer_id),
                            Outreach(lab_id=lab.id, person_name="C", status="accepted", inviter_id=designer_id),
                            Outreach(lab_id=lab.id, person_name="D", status="invited")])
        deck = Deck(lab_id=lab.id, title="Numbers")
        category = DeckCategory(letter="A", title="Money")
        deck.categories.append(category)
        card = Card(code="A1", headline="Rent", category=category)
        deck.cards.append(card)
        observe = Workshop(lab_id=lab.id, kind="observe", title="Observe", checkin_code="OBS9",
                           starts_at=datetime.combine(TODAY, time(10)))
        db.session.add_all([deck, observe])
        db.session.flush()
        card.comments = [CardComment(author_name="R", text="Which year?"), CardComment(author_name="S", text="Why?")]
        db.session.add(PickSession(lab_id=lab.id, deck_id=deck.id, workshop_id=observe.id, code="PICK42"))
        db.session.commit()
    assert _steps(app, lab, lead) == ["Add this week's value for 1 measure of “Warm welcome”.",
                                      "Finish and sign the proposal for “Warm welcome” as its lead."]
    assert _steps(app, lab, coach) == ["Add this week's value for 1 measure of “Warm welcome”."]
    assert _steps(app, lab, designer) == ["2 people you invited have not answered yet: ask again.",
                                          "1 data card has review comments to answer."]
    assert _steps(app, lab, picker) == ["1 card-picking session is open: pick the cards that speak to you."]


def test_review_sessions_and_lessons_show_on_the_dashboard_and_an_open_session_asks_for_lessons(
        app, client, make_user, make_lab, add_member):
    from datetime import date, timedelta

    from labapp.extensions import db
    from labapp.practice.models import Lesson, ReviewSession

    fran, pat = make_user(name="Fran"), make_user(name="Pat")
    lab = make_lab(creator=fran)
    add_member(lab, pat, "participant")
    with app.app_context():
        today = date.today()
        held = ReviewSession(lab_id=lab.id, title="Looking back together", held_on=today, status="open")
        later = ReviewSession(lab_id=lab.id, title="Spring review", held_on=today + timedelta(days=30), status="open")
        db.session.add_all([held, later])
        db.session.flush()
        db.session.add_all([Lesson(session_id=held.id, lab_id=lab.id, text=f"Lesson {n}", kind="worked")
                            for n in range(3)])
        db.session.commit()
    client.login_as(pat)
    page = client.get(f"/labs/{lab.id}/").get_data(as_text=True)
    assert "Review sessions: 1 held, 1 coming up" in page
    assert "3 lessons learnt recorded" in page
    assert "The review session “Looking back together” is open: add what you learned." in page
    assert "Spring review" not in page
