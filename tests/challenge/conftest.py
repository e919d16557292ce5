"""Fixtures for check-and-challenge tests: a lab with a prototype team, a sponsor, panel members and another lab."""
from datetime import date

import pytest

from labapp.challenge import panels, service
from labapp.challenge.models import PanelSession, Proposal
from labapp.extensions import db
from labapp.labs.models import Lab, Membership
from labapp.prototypes import service as prototypes_service


@pytest.fixture
def challenge_lab(app, make_user, make_lab, add_member):
    """Lab A: facilitator Fran; prototype "Warm homes" led by Lee, with Mo, sponsor Sam; panel members Pat
    and Cara (community), Rita a participant. Lab B: its own prototype with a proposal."""
    fran = make_user(name="Fran Facilitator")
    lab = make_lab(creator=fran, name="Lab A")
    people = {"fran": fran}
    ids = {}
    for key, name, role in [("lee", "Lee Lead", "prototype_team"), ("mo", "Mo Member", "prototype_team"),
                            ("sam", "Sam Sponsor", "sponsor"), ("pat", "Pat Panel", "panel_member"),
                            ("cara", "Cara Community", "participant"), ("rita", "Rita Reader", "participant")]:
        people[key] = make_user(name=name)
        ids[key] = add_member(lab, people[key], role)
    other_lab = make_lab(name="Lab B")
    with app.app_context():
        lab_row = db.session.get(Lab, lab.id)
        ids["fran"] = next(m.id for m in lab_row.memberships if m.user_id == fran.id)
        prototype = prototypes_service.create_prototype(
            lab_row, lead=db.session.get(Membership, ids["lee"]), name="Warm homes", propositions=[1],
            aim="Refer 20 people a week", hypothesis="People do not know the advice service exists",
            status="testing")
        prototypes_service.set_team_role(prototype, db.session.get(Membership, ids["mo"]), "member")
        prototypes_service.set_team_role(prototype, db.session.get(Membership, ids["sam"]), "sponsor")
        other = prototypes_service.create_prototype(db.session.get(Lab, other_lab.id), name="Other lab's prototype")
        db.session.flush()
        proposal = service.start_proposal(prototype)
        other_proposal = service.start_proposal(other)
        db.session.commit()
        ids.update(prototype=prototype.id, other_prototype=other.id, proposal=proposal.id,
                   other_proposal=other_proposal.id)
    return {"lab": lab, "other_lab": other_lab, "people": people, "ids": ids}


def submit_proposal(app, ids):
    """Have the lead and the sponsor sign the proposal, so it is submitted."""
    with app.app_context():
        proposal = db.session.get(Proposal, ids["proposal"])
        service.sign(proposal, db.session.get(Membership, ids["lee"]), "lead", date(2027, 6, 1))
        service.sign(proposal, db.session.get(Membership, ids["sam"]), "sponsor", date(2027, 6, 2))
        db.session.commit()


@pytest.fixture
def panel_ids(app, challenge_lab):
    """A panel reviewing the submitted proposal, with Pat, Cara and Sam on it; return its id."""
    ids = challenge_lab["ids"]
    submit_proposal(app, ids)
    with app.app_context():
        lab = db.session.get(Lab, challenge_lab["lab"].id)
        panel = panels.create_panel(lab, title="June panel", held_on=date(2027, 6, 10))
        panels.set_members(panel, [db.session.get(Membership, ids[k]) for k in ("pat", "cara", "sam")])
        panels.set_proposals(panel, [db.session.get(Proposal, ids["proposal"])])
        db.session.commit()
        return panel.id


def score_as(app, panel_id, proposal_id, membership_id, ratings, *, submit=True, comment=""):
    """Save a member's ratings {factor: rating} (the rest "can't judge" when submitting)."""
    with app.app_context():
        panel = db.session.get(PanelSession, panel_id)
        proposal = db.session.get(Proposal, proposal_id)
        membership = db.session.get(Membership, membership_id)
        values = {f: (ratings.get(f, 0 if submit else None), comment) for f in range(1, 13)}
        panels.save_scores(panel, proposal, membership, values, submit=submit)
        db.session.commit()


def pdf_text(data: bytes) -> str:
    """Return the text of a PDF, as pdftotext reads it."""
    import subprocess

    assert data.startswith(b"%PDF")
    return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
