"""Proposals: prefill from the prototype, edits, the equality check, sign-offs, decisions and access."""
from labapp.challenge.models import Proposal
from labapp.extensions import db
from labapp.prototypes import measures
from labapp.prototypes.models import Prototype

from .conftest import submit_proposal


def _proposal(app, proposal_id):
    with app.app_context():
        proposal = db.session.get(Proposal, proposal_id)
        db.session.expunge(proposal)
        return proposal


def _url(lab, ids, route=""):
    return f"/labs/{lab.id}/proposals/{ids['proposal']}/{route}"


FORM = {"hypothesis": "Cold homes make chests worse", "change": "Ask at reception", "impact_measures": "Referrals",
        **{f"effect_{g}": "neutral" for g in ("age", "disability", "gender_reassignment", "marriage", "pregnancy",
                                               "race", "religion", "sex", "sexual_orientation", "inclusion_health",
                                               "language", "low_income")}}


def test_start_prefills_from_the_prototype_with_measure_verdicts(app, challenge_lab, make_user):
    lab, ids = challenge_lab["lab"], challenge_lab["ids"]
    with app.app_context():
        prototype = db.session.get(Prototype, ids["prototype"])
        from datetime import date, timedelta
        measure = measures.create_measure(prototype, name="Referrals a week", kind="count")
        for week, value in enumerate([3, 4, 5]):
            measures.set_value(measure, date(2027, 4, 5) + timedelta(weeks=week), value=value)
        db.session.delete(db.session.get(Proposal, ids["proposal"]))
        db.session.commit()
    client = app.test_client()
    client.login_as(challenge_lab["people"]["lee"])
    response = client.post_form(f"/labs/{lab.id}/proposals/start/{ids['prototype']}")
    assert response.status_code == 302
    with app.app_context():
        proposal = db.session.scalar(db.select(Proposal).where(Proposal.prototype_id == ids["prototype"]))
        assert proposal.hypothesis == "People do not know the advice service exists"
        assert proposal.change == "Refer 20 people a week"
        assert proposal.propositions == [1]
        assert "Referrals a week: Too few points to judge yet" in proposal.impact_measures
        assert len(proposal.equality) == 12
        assert proposal.prototype.status == "proposal"
    # Starting again gives the same proposal, never a second one.
    client.post_form(f"/labs/{lab.id}/proposals/start/{ids['prototype']}")
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Proposal.id)).where(
            Proposal.prototype_id == ids["prototype"])) == 1


def test_a_negative_effect_needs_a_mitigation_and_keeps_what_was_typed(app, challenge_lab):
    lab, ids = challenge_lab["lab"], challenge_lab["ids"]
    client = app.test_client()
    client.login_as(challenge_lab["people"]["mo"])
    response = client.post_form(_url(lab, ids, "edit"), {**FORM, "effect_language": "negative"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "needs a mitigation" in page and "Cold homes make chests worse" in page
    response = client.post_form(_url(lab, ids, "edit"), {**FORM, "effect_language": "negative",
                                                         "mitigation_language": "Leaflets in Urdu and Polish"})
    assert response.status_code == 302
    with app.app_context():
        row = next(r for r in db.session.get(Proposal, ids["proposal"]).equality if r.group == "language")
        assert (row.effect, row.mitigation) == ("negative", "Leaflets in Urdu and Polish")


def test_lead_and_sponsor_each_sign_from_their_own_account(app, challenge_lab):
    lab, ids, people = challenge_lab["lab"], challenge_lab["ids"], challenge_lab["people"]
    client = app.test_client()
    client.login_as(people["mo"])  # a team member, neither lead nor sponsor
    assert client.post_form(_url(lab, ids, "sign/lead")).status_code == 403
    client.login_as(people["lee"])
    assert client.post_form(_url(lab, ids, "sign/sponsor")).status_code == 403
    assert client.post_form(_url(lab, ids, "sign/lead")).status_code == 302
    proposal = _proposal(app, ids["proposal"])
    assert proposal.lead_signed_on is not None and proposal.status == "draft"
    client.login_as(people["fran"])  # facilitators cannot sign for the sponsor
    assert client.post_form(_url(lab, ids, "sign/sponsor")).status_code == 403
    client.login_as(people["sam"])
    assert client.post_form(_url(lab, ids, "sign/sponsor")).status_code == 302
    proposal = _proposal(app, ids["proposal"])
    assert proposal.status == "submitted" and proposal.sponsor_signed_on is not None
    page = client.get(_url(lab, ids)).get_data(as_text=True)
    assert "signed by Lee Lead" in page and "signed by Sam Sponsor" in page


def test_editing_after_a_sign_off_clears_the_sign_offs(app, challenge_lab):
    lab, ids = challenge_lab["lab"], challenge_lab["ids"]
    submit_proposal(app, ids)
    client = app.test_client()
    client.login_as(challenge_lab["people"]["mo"])
    assert client.post_form(_url(lab, ids, "risks"), {"description": "Staff too busy", "likelihood": "4",
                                                       "consequence": "3"}).status_code == 302
    proposal = _proposal(app, ids["proposal"])
    assert proposal.status == "draft" and proposal.lead_signed_by_id is None and proposal.sponsor_signed_by_id is None
    submit_proposal(app, ids)
    assert client.post_form(_url(lab, ids, "edit"), FORM).status_code == 302
    proposal = _proposal(app, ids["proposal"])
    assert proposal.status == "draft" and proposal.lead_signed_on is None


def test_risks_show_on_the_grid_and_resources_in_the_table(app, challenge_lab):
    lab, ids = challenge_lab["lab"], challenge_lab["ids"]
    client = app.test_client()
    client.login_as(challenge_lab["people"]["lee"])
    client.post_form(_url(lab, ids, "risks"), {"description": "Advice line full", "likelihood": "5", "consequence": "5"})
    client.post_form(_url(lab, ids, "resources"), {"kind": "money", "state": "new", "needed": "£2,000 for leaflets",
                                                   "why": "Translation"})
    page = client.get(_url(lab, ids)).get_data(as_text=True)
    assert "Advice line full" in page and "£2,000 for leaflets" in page
    assert 'class="risk-cell risk-high"><strong>1</strong>' in page
    response = client.post_form(_url(lab, ids, "risks"), {"description": "", "likelihood": "9", "consequence": "1"})
    assert response.status_code == 200 and "Describe the risk." in response.get_data(as_text=True)


def test_decision_sets_the_prototype_status_and_only_facilitators_decide(app, challenge_lab):
    lab, ids, people = challenge_lab["lab"], challenge_lab["ids"], challenge_lab["people"]
    client = app.test_client()
    client.login_as(people["lee"])
    assert client.post_form(_url(lab, ids, "decision"), {"decision": "adopt"}).status_code == 403
    client.login_as(people["fran"])
    for decision, status in (("stop", "stopped"), ("test", "testing"), ("embed", "adopted"), ("adopt", "adopted")):
        assert client.post_form(_url(lab, ids, "decision"), {"decision": decision, "conditions": "Report in June"}
                                ).status_code == 302
        with app.app_context():
            assert db.session.get(Prototype, ids["prototype"]).status == status
    assert client.post_form(_url(lab, ids, "actions"), {"what": "Write to the ICB", "owner": "Sam",
                                                        "due_on": "2027-07-01"}).status_code == 302
    response = client.post_form(_url(lab, ids, "actions"), {"what": "x", "due_on": "soon"})
    assert "Enter a date" in response.get_data(as_text=True)


def test_readers_cannot_edit_and_other_labs_get_404(app, challenge_lab):
    lab, other_lab, ids = challenge_lab["lab"], challenge_lab["other_lab"], challenge_lab["ids"]
    client = app.test_client()
    client.login_as(challenge_lab["people"]["rita"])
    assert client.get(_url(lab, ids)).status_code == 200
    assert client.get(_url(lab, ids, "edit")).status_code == 403
    assert client.post_form(_url(lab, ids, "risks"), {"description": "x", "likelihood": "1",
                                                       "consequence": "1"}).status_code == 403
    other = {"proposal": ids["other_proposal"]}
    for route in ("", "edit", ".pdf"):
        url = _url(lab, other, route) if route != ".pdf" else f"/labs/{lab.id}/proposals/{ids['other_proposal']}.pdf"
        assert client.get(url).status_code == 404, route
    assert client.get(f"/labs/{other_lab.id}/proposals/").status_code == 404
    assert client.get(f"/labs/{lab.id}/proposals/{ids['proposal']}.pdf").status_code == 200


def test_facilitators_edit_the_lab_lists(app, challenge_lab):
    lab = challenge_lab["lab"]
    client = app.test_client()
    client.login_as(challenge_lab["people"]["rita"])
    assert client.get(f"/labs/{lab.id}/proposals/lists").status_code == 403
    client.login_as(challenge_lab["people"]["fran"])
    page = client.get(f"/labs/{lab.id}/proposals/lists").get_data(as_text=True)
    assert "Health inequalities" in page and "Joined-up communities" in page and "The whole place" in page
    response = client.post_form(f"/labs/{lab.id}/proposals/lists", {"scales": "A ward\nThe whole place",
                                                                     "priorities": "Health inequalities\nHousing"})
    assert response.status_code == 302
    page = client.get(f"/labs/{lab.id}/proposals/{challenge_lab['ids']['proposal']}/edit").get_data(as_text=True)
    assert "A ward" in page and "Housing" in page and "Planned care" not in page
