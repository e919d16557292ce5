"""Give a demo lab one past review session, closed, with eight lessons learnt in plain words.

The words are labapp's own; the people are made up.
"""
from datetime import date, time, timedelta

from sqlalchemy import select

from labapp.extensions import db
from labapp.practice import service
from labapp.practice.models import ReviewSession
from labapp.prototypes.models import Prototype

# (kind, stage or None, links to the lab's first prototype, who wrote it (a role), the lesson)
LESSONS = [
    ("worked", "learning_journeys", False, "participant",
     "Going on a visit with people I had never met made me see my own surgery the way a patient does."),
    ("worked", "prototypes", True, "prototype_team",
     "Asking one plain question at the front desk was enough. People answered it honestly."),
    ("worked", "workshops", False, "facilitator",
     "Having residents as half of the room changed what the managers talked about."),
    ("change", "data", False, "design_team",
     "The data cards had too many numbers. Next time, fewer cards and one picture on each."),
    ("change", "prototypes", True, "coach",
     "We waited too long to start measuring. Start counting in week one, even by hand."),
    ("change", "design_team", False, "participant",
     "Invitations in English only kept some people away. Send them in the languages people read."),
    ("spread", "check_and_challenge", True, "sponsor",
     "Every practice in the area could ask about cold homes if the advice service is funded for it."),
    ("spread", None, False, "panel_member",
     "Pay residents for their time in every future project, the same way staff are paid."),
]


def add_practice_demo(lab, members: dict) -> None:
    """Add the past review session and its lessons to the lab, once."""
    if db.session.scalar(select(ReviewSession.id).where(ReviewSession.lab_id == lab.id).limit(1)) is not None:
        return
    prototype = db.session.scalar(select(Prototype).where(Prototype.lab_id == lab.id).order_by(Prototype.id))
    session = service.create_session(
        lab, title="What did the lab teach us?", held_on=date.today() - timedelta(weeks=3), starts=time(14, 0),
        place="Community centre, main hall",
        purpose="Look back at the journeys, the prototypes and the panel's decisions, and agree what the wider "
                "system should keep, change and take up.")
    for kind, stage, about_prototype, role, text in LESSONS:
        service.add_lesson(session, members.get(role), text=text, kind=kind, stage=stage,
                           prototype=prototype if about_prototype else None)
    service.set_status(session, "closed")
    db.session.flush()
