"""The benchmark generator builds a whole lab that obeys the app's rules and that the main pages can show."""
from collections import Counter

from sqlalchemy import func, select

from bench.generate import build_lab
from labapp.challenge.models import PanelMember, PanelProposal, Proposal, Score, Submission
from labapp.datacards.models import Card, CardTranslation, Pick, PickCount, PickSession, Theme
from labapp.extensions import db
from labapp.journeys.models import Debrief, SignUp, Visit
from labapp.labs.models import Membership, MembershipRole
from labapp.prototypes import measures as measure_service
from labapp.prototypes.models import Cycle, Measure, MeasureValue, Prototype, PrototypeMember
from labapp.workshops.models import Attendance, Workshop
from tests.conftest import PASSWORD


def _build(app):
    with app.app_context():
        lab = build_lab(1, password=PASSWORD)
        db.session.commit()
        return lab.id


def _count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_scale_one_has_the_sizes_the_benchmarks_expect(app):
    lab_id = _build(app)
    with app.app_context():
        assert _count(Membership, Membership.lab_id == lab_id) == 100
        roles = Counter(db.session.scalars(select(MembershipRole.role).join(Membership)
                                           .where(Membership.lab_id == lab_id)))
        assert (roles["facilitator"], roles["design_team"], roles["panel_member"]) == (3, 8, 12)
        assert roles["coach"] >= 1 and roles["sponsor"] >= 1 and roles["prototype_team"] == 8
        residents = _count(Membership, Membership.lab_id == lab_id, Membership.sector == "community")
        assert 35 <= residents <= 65
        kinds = sorted(db.session.scalars(select(Workshop.kind).where(Workshop.lab_id == lab_id)))
        assert kinds == ["act", "observe", "retreat"]
        assert _count(Attendance, Attendance.workshop_id.in_(select(Workshop.id).where(Workshop.lab_id == lab_id))) > 100
        assert _count(Card) == 15 and _count(CardTranslation) > 0
        assert _count(Visit, Visit.lab_id == lab_id) == 4 and _count(Debrief) > 0
        assert {True, False} <= set(db.session.scalars(select(Debrief.shared)))
        assert _count(Prototype, Prototype.lab_id == lab_id) == 2
        for prototype in db.session.scalars(select(Prototype).where(Prototype.lab_id == lab_id)):
            team_roles = {m.role for m in prototype.team}
            assert team_roles == {"lead", "member", "coach", "sponsor"}
            assert [c.number for c in prototype.cycles] == list(range(1, 13))
            assert all(c.previous_id == p.id for p, c in zip(prototype.cycles, prototype.cycles[1:]))
            assert sum(1 for c in prototype.cycles if c.act_decision) >= 10
            assert len(prototype.measures) == 3
            assert all(len(m.values) == 30 for m in prototype.measures)
        assert _count(Proposal, Proposal.status == "submitted", Proposal.lead_signed_by_id.is_not(None),
                      Proposal.sponsor_signed_by_id.is_not(None)) == 2
        assert _count(PanelMember) == 12 and _count(PanelProposal) == 2
        assert _count(Score) == 2 * 12 * 12 and _count(Submission) == 2 * 12
        assert _count(Proposal, Proposal.decision != "") >= 1


def test_counters_match_the_rows_they_count(app):
    lab_id = _build(app)
    with app.app_context():
        for visit in db.session.scalars(select(Visit).where(Visit.lab_id == lab_id)):
            statuses = Counter(db.session.scalars(select(SignUp.status).where(SignUp.visit_id == visit.id)))
            assert visit.confirmed_count == statuses["confirmed"] <= visit.capacity
            if statuses["waitlisted"]:
                assert visit.confirmed_count == visit.capacity
        assert _count(SignUp, SignUp.status == "waitlisted") > 0
        picks = Counter(db.session.execute(select(Pick.session_id, Pick.membership_id)).all())
        counts = {(r.session_id, r.membership_id): r.picked for r in db.session.scalars(select(PickCount))}
        assert picks and dict(picks) == counts
        limits = dict(db.session.execute(select(PickSession.id, PickSession.pick_limit)).all())
        assert all(n <= limits[session_id] for (session_id, _m), n in counts.items())
        assert _count(Theme) > 0


def test_some_measures_show_a_run_chart_signal(app):
    lab_id = _build(app)
    with app.app_context():
        found = [measure_service.analysis(m).signal for m in db.session.scalars(
            select(Measure).join(Prototype).where(Prototype.lab_id == lab_id))]
        assert any(found)
        assert _count(MeasureValue) == 6 * 30


def test_main_pages_answer_for_a_facilitator(app, client):
    lab_id = _build(app)
    with app.app_context():
        email = db.session.scalar(select(Membership).join(MembershipRole)
                                  .where(Membership.lab_id == lab_id, MembershipRole.role == "facilitator")
                                  .order_by(Membership.id)).user.email
        prototype_id = db.session.scalar(select(Prototype.id).where(Prototype.lab_id == lab_id))
        panel_id, proposal_id = db.session.execute(select(PanelProposal.panel_id, PanelProposal.proposal_id)).first()
        session_id = db.session.scalar(select(PickSession.id).where(PickSession.lab_id == lab_id))
        assert _count(PrototypeMember) > 0
    client.login_as(type("Login", (), {"email": email}))
    for url in (f"/labs/{lab_id}/", f"/labs/{lab_id}/prototypes/", f"/labs/{lab_id}/prototypes/{prototype_id}/",
                f"/labs/{lab_id}/panels/{panel_id}/proposals/{proposal_id}/results",
                f"/labs/{lab_id}/pick-sessions/{session_id}/tally"):
        assert client.get(url).status_code == 200, url


def test_two_labs_fit_in_one_database(app):
    first, second = _build(app), _build(app)
    with app.app_context():
        assert first != second
        assert _count(Membership, Membership.lab_id == second) == 100
        assert _count(Cycle) == 2 * 24
