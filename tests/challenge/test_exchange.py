"""Proposals, panels, scores and decisions travel with a lab's export; unrevealed scores stay out of it."""
import json
from datetime import date

from labapp.challenge import panels, service
from labapp.challenge.models import PanelSession, Proposal, Score
from labapp.extensions import db
from labapp.labs import exchange
from labapp.labs.models import Lab

from .conftest import score_as

SECRET = "only after the reveal"


def _export(app, lab_id):
    with app.app_context():
        return json.loads(json.dumps(exchange.export_lab(db.session.get(Lab, lab_id))))


def test_unrevealed_scores_stay_out_of_the_export(app, challenge_lab, panel_ids):
    ids = challenge_lab["ids"]
    score_as(app, panel_ids, ids["proposal"], ids["pat"], {1: 1}, comment=SECRET)
    data = _export(app, challenge_lab["lab"].id)
    assert data["challenge"]["panels"][0]["scores"] == [] and SECRET not in json.dumps(data)
    with app.app_context():
        panels.reveal(db.session.get(PanelSession, panel_ids))
        db.session.commit()
    data = _export(app, challenge_lab["lab"].id)
    assert SECRET in json.dumps(data) and len(data["challenge"]["panels"][0]["scores"]) == 12


def test_round_trip_keeps_proposals_panels_scores_and_decisions(app, challenge_lab, panel_ids):
    ids = challenge_lab["ids"]
    score_as(app, panel_ids, ids["proposal"], ids["pat"], {1: 1, 2: 4}, comment="Who pays?")
    score_as(app, panel_ids, ids["proposal"], ids["cara"], {1: 3})
    with app.test_request_context(), app.app_context():
        proposal = db.session.get(Proposal, ids["proposal"])
        service.add_risk(proposal, description="Advice line full", likelihood=4, consequence=5)
        service.add_resource(proposal, kind="money", state="new", needed="Leaflets", why="Translation")
        lab = db.session.get(Lab, challenge_lab["lab"].id)
        proposal.priority_ids = [service.options(lab, "priority")[-1].id]
        service.decide(proposal, "test", "Report back in June", date(2027, 6, 20))
        service.add_action(proposal, what="Write to the ICB", owner="Sam", due_on=date(2027, 7, 1))
        panels.close(db.session.get(PanelSession, panel_ids))
        db.session.commit()
        first = exchange.export_lab(lab)
        copy = exchange.import_lab(json.loads(json.dumps(first)))
        db.session.commit()
        new = db.session.scalar(db.select(Proposal).where(Proposal.lab_id == copy.id))
        assert new.prototype.lab_id == copy.id and new.prototype.name == "Warm homes"
        assert [r.description for r in new.risks] == ["Advice line full"]
        assert [r.needed for r in new.resources] == ["Leaflets"]
        assert len(new.equality) == 12
        assert new.decision == "test" and [a.what for a in new.actions] == ["Write to the ICB"]
        assert [o.display for o in service.options(copy, "priority") if o.id in new.priority_ids] == ["Health inequalities"]
        # The proposal was changed after signing, so it came over as a draft with no signatures.
        assert new.status == "draft"
        panel = db.session.scalar(db.select(PanelSession).where(PanelSession.lab_id == copy.id))
        assert panel.closed and {m.membership.user.name for m in panel.members} == {"Pat Panel", "Cara Community", "Sam Sponsor"}
        scores = db.session.scalars(db.select(Score).where(Score.panel_id == panel.id)).all()
        assert len(scores) == 24 and all(s.membership.lab_id == copy.id for s in scores)
        assert {s.comment for s in scores} == {"Who pays?", ""}
        second = exchange.export_lab(db.session.get(Lab, copy.id))
        assert len(second["challenge"]["panels"][0]["scores"]) == 24
        assert second["challenge"]["proposals"][0]["decision"] == "test"


def test_the_demo_has_a_submitted_proposal_and_a_panel_part_way_through(app):
    runner = app.test_cli_runner()
    for _ in range(2):
        result = runner.invoke(args=["demo", "--password", "a demo password"])
        assert result.exit_code == 0, result.output
    with app.app_context():
        proposals = db.session.scalars(db.select(Proposal)).all()
        assert len(proposals) == 1 and proposals[0].status == "submitted"
        panel = db.session.scalar(db.select(PanelSession))
        assert len(panel.members) == 4 and not panel.revealed
        assert db.session.scalar(db.select(db.func.count(Score.id))) == 24
