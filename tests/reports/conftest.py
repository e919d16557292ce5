"""Fixtures for report tests: a lab with a little of everything, built through the areas' services."""
from datetime import date, time, timedelta
from types import SimpleNamespace

import pytest

from labapp.challenge import panels
from labapp.challenge import service as challenge_service
from labapp.challenge.constants import SUBMITTED
from labapp.datacards import picks
from labapp.datacards import service as cards_service
from labapp.extensions import db
from labapp.journeys import service as journeys_service
from labapp.journeys import signups
from labapp.journeys.models import Host
from labapp.labs.models import Invitation, Lab, Membership
from labapp.outreach.models import Outreach
from labapp.prototypes import measures
from labapp.prototypes import service as prototypes_service
from labapp.workshops import checkin
from labapp.workshops import service as workshop_service

PAST = date.today() - timedelta(days=30)


def build_report_lab(app, make_user, make_lab, add_member):
    """Lab A: Fran facilitates; residents Rae, Ria, Ros; NHS Nia, Ned (prototype lead); VCSE Val (panel).

    One Observe workshop (Rae, Ria, Nia and a walk-in), a deck with A1, A2 and B1 picked in one session, a
    theme, a full visit in the past with a shared and a private debrief, a cancelled visit, the prototype
    "Warm homes" with 12 weekly values and two cycles, a proposal on a revealed panel, and another proposal
    on a panel still blind. Lab B exists apart.
    """
    fran = make_user(name="Fran Facilitator")
    lab = make_lab(creator=fran, name="Lab A", place="Riverside")
    other = make_lab(name="Lab B", place="Hillside")
    people = {"fran": fran}
    ids = {}
    for key, name, role, sector in [("rae", "Rae Resident", "participant", "community"),
                                    ("ria", "Ria Resident", "participant", "community"),
                                    ("ros", "Ros Resident", "participant", "community"),
                                    ("nia", "Nia Nurse", "participant", "nhs"),
                                    ("ned", "Ned Lead", "prototype_team", "nhs"),
                                    ("val", "Val Panel", "panel_member", "vcse")]:
        people[key] = make_user(name=name)
        ids[key] = add_member(lab, people[key], role, sector=sector)
    with app.test_request_context():
        row = db.session.get(Lab, lab.id)
        m = {key: db.session.get(Membership, ids[key]) for key in ids}
        ids["fran"] = next(x.id for x in row.memberships if x.user_id == fran.id)
        for n, accepted in enumerate((True, False, False)):
            db.session.add(Invitation(lab_id=row.id, email=f"guest{n}@example.org", role="participant",
                                      token_hash=f"{lab.id}-{n}".ljust(64, "x"),
                                      accepted_at=PAST if accepted else None))
        db.session.add_all([Outreach(lab_id=row.id, person_name="Someone", status="invited", sector="nhs"),
                            Outreach(lab_id=row.id, person_name="Someone else", status="accepted",
                                     sector="community")])
        starts_at, ends_at = workshop_service.combine(PAST, time(10, 0), time(13, 0))
        workshop = workshop_service.create_workshop(row, kind="observe", title="Observe at the Mill",
                                                    starts_at=starts_at, ends_at=ends_at)
        for key in ("rae", "ria", "nia"):
            checkin.check_in_member(workshop, m[key], by=None)
        checkin.add_walk_in(workshop, name="Walk In", sector=None, level=None, by=None)

        deck = cards_service.create_deck(row, title="Riverside deck")
        cat_a = cards_service.save_category(deck, letter="A", title="Unequal care", question="")
        cat_b = cards_service.save_category(deck, letter="B", title="Primary care", question="")
        made = {code: cards_service.create_card(deck, cat, code=code, headline=headline)
                for code, cat, headline in [("A1", cat_a, "Fewer appointments in poorer streets"),
                                            ("A2", cat_a, "Interpreters are hard to book"),
                                            ("B1", cat_b, "Phones ring at 8am")]}
        db.session.flush()
        cards_service.save_translation(made["A1"], "ur", headline="غریب گلیوں میں کم ملاقاتیں", body="",
                                       source_note="")
        session = picks.open_session(row, deck, workshop, pick_limit=3, title="Observe picks")
        for key, codes in [("rae", ["A1", "A2"]), ("ria", ["A1"]), ("nia", ["A1", "B1"])]:
            for code in codes:
                picks.pick(session, m[key], made[code])
        picks.add_theme(session, "Getting in the door", [made["A1"].id, made["A2"].id])

        host = journeys_service.save_host(Host(lab_id=row.id), actor=None, organisation="Moor Lane Surgery",
                                          contact_name="Dr Host", contact_email="host@example.org",
                                          contact_phone="01274 000000")
        visit = journeys_service.create_visit(host, title="A morning at Moor Lane", day=PAST - timedelta(days=2),
                                              starts=time(10, 0), ends=time(12, 0), capacity=2, status="open")
        journeys_service.set_translation(visit, "ur", title="مور لین میں ایک صبح", host_does="", will_see="")
        for key in ("rae", "nia"):
            signups.sign_up(visit, ids[key], check_status=False)
        journeys_service.save_debrief(visit, ids["rae"], saw="A queue out of the door", felt="Sad for the people",
                                      thought="Open the phones earlier", shared=True)
        journeys_service.save_debrief(visit, ids["nia"], saw="SECRET PRIVATE SAW", felt="SECRET PRIVATE FELT",
                                      thought="SECRET PRIVATE THOUGHT", shared=False)
        journeys_service.save_reflection(visit, "Visitors asked good questions about the rota.")
        journeys_service.create_visit(host, title="An afternoon that did not happen", day=PAST,
                                      starts=time(14, 0), ends=time(16, 0), capacity=6, status="cancelled")

        prototype = prototypes_service.create_prototype(
            row, lead=m["ned"], name="Warm homes", propositions=[1], aim="Refer 20 people a week",
            starts_on=PAST - timedelta(weeks=10), status="testing")
        measure = measures.create_measure(prototype, name="Referrals a week", kind="count", direction="up")
        for week, value in enumerate([3, 4, 3, 5, 4, 3, 8, 9, 10, 9, 11, 12]):
            measures.set_value(measure, PAST - timedelta(weeks=12 - week), value=value)
        first = prototypes_service.start_cycle(prototype, None)
        prototypes_service.save_cycle(first, first.version, {"study_learned": "Letters work better than calls",
                                                             "act_decision": "adapt"}, None)
        prototypes_service.start_cycle(prototype, None)
        proposal = challenge_service.start_proposal(prototype)
        proposal.status = SUBMITTED  # signing is the challenge area's to test
        challenge_service.decide(proposal, "embed", "Report back in six months", PAST)
        challenge_service.add_action(proposal, what="Agree the budget", owner="The ICS")
        panel = panels.create_panel(row, title="June panel", held_on=PAST)
        panels.set_members(panel, [m["val"], m["rae"]])
        panels.set_proposals(panel, [proposal])
        for key, rating in (("val", 1), ("rae", 2)):
            panels.save_scores(panel, proposal, m[key], {f: (rating if f == 6 else 4, "") for f in range(1, 13)},
                               submit=True)
        panels.reveal(panel)

        blind_prototype = prototypes_service.create_prototype(row, name="Quiet prototype", status="testing")
        blind_proposal = challenge_service.start_proposal(blind_prototype)
        blind_proposal.status = SUBMITTED
        blind = panels.create_panel(row, title="Blind panel", held_on=None)
        panels.set_members(blind, [m["val"]])
        panels.set_proposals(blind, [blind_proposal])
        panels.save_scores(blind, blind_proposal, m["val"], {f: (1, "") for f in range(1, 13)}, submit=True)
        db.session.commit()
        ids.update(workshop=workshop.id, session=session.id, visit=visit.id, measure=measure.id,
                   prototype=prototype.id, cards={code: card.id for code, card in made.items()})
    return SimpleNamespace(lab=lab, other=other, people=people, ids=ids)


@pytest.fixture
def report_lab(app, make_user, make_lab, add_member):
    """The lab built by build_report_lab."""
    return build_report_lab(app, make_user, make_lab, add_member)
