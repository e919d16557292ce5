"""Give the first demo lab two prototypes with weekly cycles, measures and a few community posts.

Dates are counted back from the day the demo is loaded, so the timeline, the coach's view and the weekly
digest always have something current to show. The words are labapp's own; the people are made up.
"""
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from labapp.extensions import db
from labapp.prototypes import community, measures, service
from labapp.prototypes.models import Cycle, Prototype

WARM_HOMES = {
    "name": "Warm Homes referrals from GP practices",
    "propositions": [1, 2],
    "aim": "Every week, reception and care-navigation staff at two GP practices ask patients with breathing "
           "problems whether they can keep their home warm, and refer those who cannot to the energy advice "
           "service. We want 15 referrals a week by the end of the six weeks.",
    "hypothesis": "People with a cold, damp home come back again and again with chest infections, and we give "
                  "them another inhaler. Nobody asks about the heating, and the advice service never hears of "
                  "them. If the person at the front desk asks one simple question and books the advice call there "
                  "and then, more people will get help with bills and grants before next winter.",
    "who_for": "Adults and children with asthma or COPD registered at Moor Lane Surgery and Canal Street Medical "
               "Centre, especially households on prepayment meters.",
    "status": "testing",
}

REMINDERS = {
    "name": "Appointment reminders in the patient's own language",
    "propositions": [2],
    "aim": "Fewer missed appointments at Canal Street Medical Centre by sending text reminders in Urdu, Bengali, "
           "Polish and Punjabi to patients who asked for them.",
    "hypothesis": "Many missed appointments are not people who do not care: the reminder arrived in English, was "
                  "read as a marketing message, or did not say how to cancel. A short reminder in the language "
                  "the patient reads, with the surgery's name first, will be read and acted on.",
    "who_for": "Patients whose preferred language on the practice record is not English.",
    "status": "testing",
}

# (plan objective, predictions, who/where/when, data, what happened, unexpected, study, learned, decision, next)
WARM_CYCLES = [
    ("Try the heating question at one reception desk for a week.",
     "Do receptionists have time to ask? We think 1 in 5 patients with a breathing problem will say yes.",
     "Two receptionists at Moor Lane, Monday to Friday mornings.",
     "A tally sheet: asked, said yes, referred.",
     "41 people asked, 9 said their home was too cold, 6 agreed to a referral.",
     "Several people asked if it would affect their benefits.",
     "More said yes than we predicted (22%). Fewer agreed to a referral than said yes.",
     "People worry the referral is a means test. We need one sentence that says it is not.",
     "adapt", "Add a one-line reassurance and a leaflet in Urdu and Polish."),
    ("Ask with the reassurance sentence and the leaflet.",
     "More of those who say yes will agree to be referred: we predict 8 in 10.",
     "Same desk, plus the care navigator on Tuesdays.",
     "Tally sheet and the advice service's list of calls booked.",
     "38 asked, 8 said yes, 7 referred.",
     "The leaflet in Urdu was taken by people who did not need it, to give to relatives.",
     "7 of 8 referred: better than predicted.",
     "The reassurance works. The leaflet travels further than the patient.",
     "adopt", "Start at the second practice, Canal Street."),
    ("Spread to Canal Street Medical Centre.",
     "Canal Street is busier; we expect fewer people asked per receptionist.",
     "Three receptionists at Canal Street, all week.",
     "Tally sheets from both practices.",
     "Referrals went up at both practices.",
     "Canal Street's phone line staff wanted to ask too.",
     "The weekly count is above the old median for the third week running.",
     "Phone staff reach people who never come to the desk.",
     "adapt", "Let phone staff ask, with a short script."),
    ("Phone staff ask the heating question with a script.",
     "Phone calls are shorter: we predict fewer yeses but more referrals overall.",
     "Phone team at Canal Street, mornings.",
     "Tally sheets, and the time each call took.",
     "Calls were about 40 seconds longer when the question was asked; 11 referrals came by phone.",
     "Some people rang back the next day to be referred after talking it over at home.",
     "More referrals overall, as predicted; the extra 40 seconds worried the phone team at first.",
     "A script keeps the question short. People need time to decide, so a call-back is fine.",
     "adopt", "Check whether referred people actually get help: ask the advice service."),
    ("Follow up: do referred people get help?",
     "We predict at least half of those referred speak to an adviser within two weeks.",
     "The advice service checks its records for our referrals.",
     "Referrals, calls completed, grants or tariff changes agreed.",
     "Of 52 referrals, 31 spoke to an adviser; 12 got a grant or a better tariff.",
     "Nine people could not be reached because the number on the practice record was out of date.",
     "60% reached an adviser, above our prediction.",
     "Checking the phone number at the desk would save wasted calls.",
     "", ""),
]

REMINDER_CYCLES = [
    ("Send reminders in Urdu to 30 patients who asked for it.",
     "We think at most 3 will not turn up, against about 6 normally.",
     "The practice manager sends the texts on Monday for the week.",
     "Missed appointments, from the appointment book.",
     "30 reminders sent; 2 missed appointments.",
     "Two patients replied in Urdu asking to change the time; nobody could read the replies.",
     "Fewer missed than usual, but one week is too short to tell.",
     "If we send in Urdu, someone must be able to read the answers.",
     "adapt", "Ask the Urdu-speaking receptionist to check replies daily; add Bengali."),
    ("Add Bengali reminders, with replies read every morning.",
     "Replies are answered the same day; missed appointments keep falling.",
     "Practice manager and two bilingual receptionists.",
     "Missed appointments; replies answered within a day.",
     "Sending took the practice manager almost an hour and a half.",
     "The text system cuts messages in Bengali script after 70 characters.",
     "Missed appointments about the same as before. Sending is slow.",
     "Keep the message under 70 characters, and make sending quicker.",
     "adapt", "Use saved templates for each language."),
    ("Use saved templates and add Polish.", "", "", "", "", "", "", "", "", ""),
]

POSTS = [
    ("prototype_team", 0, 1, "The heating question takes less than a minute, and one person in five says yes. "
                             "The words matter: \"This is not a benefits check\" made the difference.",
     [("coach", "Could the reminder team use the same kind of sentence in their texts?"),
      ("participant", "My mother never opens letters about bills. Asking her face to face is the only way.")]),
    ("participant", 1, 1, "Texts in Urdu get read. But people answer them, and we had nobody to read the "
                          "answers. Plan for replies before you send!",
     [("prototype_team", "Same for us with the leaflets: they were passed on to relatives.")]),
    ("coach", None, None, "Reminder for every team: put this week's value in before Friday, so the charts are "
                          "up to date for Monday's huddle.", []),
]


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def add_prototypes_demo(lab, members: dict) -> None:
    """Add the two demo prototypes to the lab, once."""
    if db.session.scalar(select(Prototype.id).where(Prototype.lab_id == lab.id).limit(1)) is not None:
        return
    this_monday = _monday(date.today())
    warm = service.create_prototype(lab, lead=members["prototype_team"], starts_on=this_monday - timedelta(weeks=7),
                                    cycle_weeks=6, **WARM_HOMES)
    for role, team_role in (("participant", "member"), ("coach", "coach"), ("sponsor", "sponsor")):
        service.set_team_role(warm, members[role], team_role)
    reminders = service.create_prototype(lab, lead=members["participant"],
                                         starts_on=this_monday - timedelta(weeks=3), cycle_weeks=6, **REMINDERS)
    for role, team_role in (("prototype_team", "member"), ("panel_member", "member"), ("coach", "coach"),
                            ("sponsor", "sponsor")):
        service.set_team_role(reminders, members[role], team_role)

    cycles = [_cycles(warm, WARM_CYCLES, members["prototype_team"]),
              _cycles(reminders, REMINDER_CYCLES, members["participant"])]

    # Referrals: seven weeks of records before the test (the baseline), then a clear rise.
    referrals = measures.create_measure(
        warm, name="Referrals to the energy advice service", kind="count", unit="referrals", direction="up",
        goal=15, baseline_points=7,
        definition="Referrals from both practices booked with the advice service, Monday to Sunday, from the "
                   "service's own list.")
    _weekly(referrals, this_monday, [3, 5, 2, 4, 5, 3, 4, 8, 9, 10, 9, 11, 12, 10, 13],
            notes={7: "Week 1 of the test", 12: "Bank holiday Monday"})
    share = measures.create_measure(
        warm, name="Patients asked who were referred", kind="proportion", direction="up", goal=25,
        definition="Of the patients asked the heating question, the share referred to the advice service.")
    _weekly(share, this_monday, [(4, 20), (6, 22), (5, 18), (3, 19), (7, 21), (5, 20), (6, 23), (4, 17), (6, 20),
                                 (5, 22), (7, 24)], proportion=True)

    missed = measures.create_measure(
        reminders, name="Missed appointments at the pilot practice", kind="count", unit="appointments",
        direction="down", goal=10,
        definition="Appointments not attended and not cancelled, all clinicians, Monday to Friday.")
    _weekly(missed, this_monday, [18, 15, 19, 13, 14, 17, 15, 18, 16, 14, 17, 19])
    minutes = measures.create_measure(
        reminders, name="Time to send the week's reminders", kind="time", unit="minutes", direction="down",
        definition="Minutes the practice manager spends sending the week's reminders.")
    _weekly(minutes, this_monday, [95, 80, 70, 72, 60, 65, 58, 62, 55, 60, 57])

    prototypes = [warm, reminders]
    for author_role, prototype_index, cycle_number, body, replies in POSTS:
        cycle = cycles[prototype_index][cycle_number - 1] if prototype_index is not None else None
        post = community.add_post(lab, members[author_role], body, cycle=cycle,
                                  prototype=prototypes[prototype_index] if prototype_index is not None else None)
        post.created_at = datetime.combine(this_monday, time(9, 30)) - timedelta(days=len(replies))
        for offset, (role, text) in enumerate(replies, start=1):
            reply = community.add_reply(post, members[role], text)
            reply.created_at = post.created_at + timedelta(hours=3 * offset)
    db.session.flush()


def _cycles(prototype, rows, author) -> list[Cycle]:
    made = []
    for number, row in enumerate(rows, start=1):
        cycle = service.start_cycle(prototype, author.user)
        keys = ("plan_objective", "plan_predictions", "plan_who_where_when", "plan_data", "do_what_happened",
                "do_unexpected", "study_against_predictions", "study_learned", "act_decision", "act_next")
        service.save_cycle(cycle, cycle.version, dict(zip(keys, row)), author.user)
        week_end = prototype.week_starts(number) + timedelta(days=4)
        cycle.updated_at = datetime.combine(min(week_end, date.today()), time(16, 0))
        made.append(cycle)
    db.session.flush()
    return made


def _weekly(measure, this_monday: date, values: list, *, proportion=False, notes=None) -> None:
    first = this_monday - timedelta(weeks=len(values) - 1)
    for week, value in enumerate(values):
        note = (notes or {}).get(week, "")
        period = first + timedelta(weeks=week)
        if proportion:
            measures.set_value(measure, period, numerator=value[0], denominator=value[1], note=note)
        else:
            measures.set_value(measure, period, value=value, note=note)
