"""Signing and scoring at the same moment: the lead and the sponsor signing together still submit the proposal,
and a double tap on "submit my scores" never stores a member's scores twice."""
import threading

from labapp.challenge import panels, service
from labapp.challenge.models import PanelSession, Proposal, Score, Submission
from labapp.extensions import db
from labapp.labs.models import Membership


def _all_at_once(app, jobs):
    """Run each job in its own thread, app context and connection, released together; return the errors."""
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        with app.app_context():
            try:
                barrier.wait(timeout=60)
                job()
                db.session.commit()
            except Exception as error:  # noqa: BLE001 - any error fails the test
                db.session.rollback()
                errors.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def test_lead_and_sponsor_signing_at_once_always_submit(app, challenge_lab):
    from datetime import date

    ids = challenge_lab["ids"]

    def signer(key, role):
        def job():
            proposal = db.session.get(Proposal, ids["proposal"])
            service.sign(proposal, db.session.get(Membership, ids[key]), role, date(2027, 6, 1))
        return job

    for _round in range(8):
        with app.app_context():
            proposal = db.session.get(Proposal, ids["proposal"])
            proposal.hypothesis += "."
            service.update_proposal(proposal)  # clears both sign-offs
            db.session.commit()
        assert _all_at_once(app, [signer("lee", "lead"), signer("sam", "sponsor")]) == []
        with app.app_context():
            proposal = db.session.get(Proposal, ids["proposal"])
            assert proposal.lead_signed_by_id and proposal.sponsor_signed_by_id
            assert proposal.status == "submitted"


def test_a_double_tap_stores_each_score_once(app, challenge_lab, panel_ids):
    ids = challenge_lab["ids"]

    def tap():
        panel = db.session.get(PanelSession, panel_ids)
        proposal = db.session.get(Proposal, ids["proposal"])
        panels.save_scores(panel, proposal, db.session.get(Membership, ids["cara"]),
                           {f: (3, "") for f in range(1, 13)}, submit=True)

    assert _all_at_once(app, [tap, tap, tap]) == []
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Score.id))) == 12
        assert db.session.scalar(db.select(db.func.count(Submission.id))) == 1
