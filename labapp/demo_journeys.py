"""Give the first demo lab a dozen learning-journey visits in Bradford, with sign-ups, a waiting list and debriefs."""
from datetime import date, time

from sqlalchemy import select

from labapp.accounts import service as accounts_service
from labapp.extensions import db
from labapp.journeys import service, signups
from labapp.journeys.models import Host
from labapp.labs import service as labs_service
from labapp.systemmap.models import Actor

# (host: an actor's name on the demo map, or a new organisation), title, what the host does, what you will see,
# address, area, day, start, end, places, languages. Written for labapp; the organisations are made up.
VISITS = [
    ("Moor Lane Surgery", "A Monday morning at a busy GP practice",
     "A practice of nine thousand patients where more than half speak a language other than English at home.",
     "The reception desk when the phones open at eight, the care navigators' huddle, and how the practice books "
     "interpreters.", "Moor Lane Surgery, 14 Moor Lane", "Manningham", date(2027, 2, 8), time(8, 0), time(10, 0), 6,
     ["en", "ur", "pa"]),
    ("Westgate Food Network", "Behind the counter at the food network",
     "Volunteers hand out food parcels three days a week and run a pay-what-you-can café.",
     "How people are referred, what they are asked, and the café at lunchtime. You may be asked to help pack.",
     "Westgate Community Hall, 3 Chapel Street", "City centre", date(2027, 2, 9), time(11, 0), time(13, 0), 4,
     ["en", "pl"]),
    ("Recovery Steps", "Recovery in the words of people living it",
     "A peer-led charity supporting people in recovery from drink and drugs.",
     "A peer support circle (with members' agreement) and a conversation with two recovery coaches.",
     "Recovery Steps, Unit 2, Canal Road", "Shipley Road", date(2027, 2, 10), time(13, 30), time(15, 30), 6, ["en"]),
    (None, "An evening at the youth club",
     "A youth club open four evenings a week for young people aged 11 to 19.",
     "Young people running the tuck shop, the music room, and a youth worker's view of mental health waiting lists.",
     "Eastfield Youth Club, 40 Mill Road", "Eastfield", date(2027, 2, 10), time(18, 0), time(20, 0), 6,
     ["en", "ur", "bn"]),
    ("Sisters Together", "Women's health circle at the mosque",
     "A women's group meeting at a local mosque, talking about health in Urdu, Punjabi and English.",
     "A health talk by a community nurse, and tea afterwards. Open to women visitors only.",
     "Community room, Jamia Masjid, 7 Victor Street", "Manningham", date(2027, 2, 11), time(10, 30), time(12, 30), 5,
     ["ur", "pa", "en"]),
    ("Pharmacists on the high street", "The pharmacy counter on a Saturday",
     "An independent pharmacy open late and on Saturdays, when the surgeries are closed.",
     "What people ask for when they cannot get a GP appointment, and how the pharmacist decides what to do.",
     "High Street Pharmacy, 88 Leeds Road", "Leeds Road", date(2027, 2, 13), time(10, 0), time(12, 0), 4,
     ["en", "ur", "pa"]),
    ("Canal Street Medical Centre", "How a medical centre plans its day",
     "A twelve-thousand-patient practice that tries a same-day hub for urgent appointments.",
     "The morning triage list and the team meeting where they decide who needs to be seen today.",
     "Canal Street Medical Centre, 2 Canal Street", "City centre", date(2027, 2, 15), time(8, 30), time(10, 30), 6,
     ["en", "pl"]),
    ("Adult Social Care East", "A day with the reablement team",
     "Council carers who help people regain their independence after a spell in hospital.",
     "A team briefing and, with consent, a short home visit with a reablement worker.",
     "Eastbrook Hall, Little Germany", "City centre", date(2027, 2, 16), time(9, 0), time(11, 0), 3, ["en"]),
    ("Parents of Eastfield", "At the school gate with Eastfield parents",
     "A parents' group that started at the school gate and now runs a coffee morning.",
     "The coffee morning, and what parents say about getting their children seen by a doctor or a dentist.",
     "Eastfield Primary School, family room", "Eastfield", date(2027, 2, 17), time(9, 0), time(10, 30), 6,
     ["en", "ur", "bn", "pl"]),
    ("Polish Saturday School families", "Polish Saturday school",
     "Families who meet every Saturday so their children keep their Polish.",
     "Parents' conversations about registering with a GP and using NHS 111.",
     "St Joseph's Hall, Pakington Street", "Little Horton", date(2027, 2, 20), time(10, 0), time(12, 0), 6,
     ["pl", "en"]),
    (None, "Growing together at the allotment",
     "A community allotment where people referred by their GP grow food together.",
     "Planting, a shared lunch, and how social prescribing looks from the soil.",
     "Horton Park Allotments, gate B", "Little Horton", date(2027, 2, 22), time(11, 0), time(13, 0), 8, ["en", "ur"]),
    ("City Hospitals Trust", "Discharge lounge: leaving hospital",
     "The lounge where patients wait to go home, and the team who arrange their care.",
     "What delays a discharge, told by the nurses, the porters and patients' families.",
     "City Hospital, main entrance, level 1", "Duckworth Lane", date(2027, 2, 24), time(14, 0), time(16, 0), 5,
     ["en"]),
]
NEW_HOSTS = {"An evening at the youth club": "Eastfield Youth Club",
             "Growing together at the allotment": "Horton Park Allotment Project"}

VISITORS = [
    ("Nasreen Akhtar", "community", "ur"), ("Bartek Zielinski", "community", "pl"), ("Dr James Okafor", "nhs", "en"),
    ("Lisa Moran", "local_authority", "en"), ("Tahmina Chowdhury", "community", "bn"), ("Gurpreet Sandhu", "vcse", "pa"),
    ("Ruth Ellis", "nhs", "en"), ("Yusuf Mahmood", "community", "ur"),
]

TRANSLATIONS = {
    "Women's health circle at the mosque": {
        "ur": ("مسجد میں خواتین کا صحت حلقہ", "ایک مقامی مسجد میں ملنے والا خواتین کا گروپ، جو صحت کے بارے میں بات کرتا ہے۔",
               "کمیونٹی نرس کی صحت سے متعلق گفتگو، اور اس کے بعد چائے۔"),
        "pa": ("ਮਸਜਿਦ ਵਿੱਚ ਔਰਤਾਂ ਦਾ ਸਿਹਤ ਘੇਰਾ", "ਇੱਕ ਸਥਾਨਕ ਮਸਜਿਦ ਵਿੱਚ ਮਿਲਣ ਵਾਲਾ ਔਰਤਾਂ ਦਾ ਸਮੂਹ।",
               "ਕਮਿਊਨਿਟੀ ਨਰਸ ਦੀ ਸਿਹਤ ਬਾਰੇ ਗੱਲਬਾਤ, ਅਤੇ ਬਾਅਦ ਵਿੱਚ ਚਾਹ।"),
    },
    "Behind the counter at the food network": {
        "pl": ("Za ladą w banku żywności", "Wolontariusze rozdają paczki żywnościowe trzy dni w tygodniu.",
               "Jak ludzie są kierowani do pomocy i kawiarnia w porze lunchu."),
    },
}


def add_journeys_demo(lab, members: dict) -> None:
    """Fill the lab's learning journeys once: hosts, visits, sign-ups, a waiting list and debriefs."""
    if db.session.scalar(select(Host.id).where(Host.lab_id == lab.id).limit(1)) is not None:
        return
    actors = {a.name: a for a in db.session.scalars(select(Actor).where(Actor.lab_id == lab.id))}
    visits = {}
    for actor_name, title, does, see, address, area, day, starts, ends, places, languages in VISITS:
        actor = actors.get(actor_name) if actor_name else None
        host = service.save_host(Host(lab_id=lab.id), actor=actor,
                                 organisation="" if actor else (NEW_HOSTS.get(title) or actor_name or title),
                                 contact_name="Visit coordinator", contact_email="", contact_phone="")
        visits[title] = service.create_visit(host, title=title, host_does=does, will_see=see, address=address,
                                             area=area, day=day, starts=starts, ends=ends, capacity=places,
                                             languages=languages, status="open",
                                             access_notes="Ask at reception for the lab's visit.")
    for title, by_locale in TRANSLATIONS.items():
        for locale, (t, does, see) in by_locale.items():
            service.set_translation(visits[title], locale, title=t, host_does=does, will_see=see)
    people = []
    for name, sector, locale in VISITORS:
        email = name.lower().replace("dr ", "").replace(" ", ".") + "@demo.example.org"
        user = accounts_service.user_by_email(email) or accounts_service.create_user(name=name, email=email,
                                                                                     locale=locale)
        people.append(labs_service.add_member(lab, user, "participant", sector=sector,
                                              support_needs=["interpreter"] if locale in ("ur", "bn") else []))
    db.session.flush()
    participant = members["participant"]
    signups.sign_up(visits["Women's health circle at the mosque"], participant.id)
    signups.sign_up(visits["Behind the counter at the food network"], members["coach"].id)
    # The pharmacy visit fills up: four places, then two people wait.
    pharmacy = visits["The pharmacy counter on a Saturday"]
    for membership in [participant, *people[:5]]:
        signups.sign_up(pharmacy, membership.id)
    for membership in people[5:]:
        signups.sign_up(visits["A Monday morning at a busy GP practice"], membership.id)
    mosque = visits["Women's health circle at the mosque"]
    for membership in (people[0], people[4]):
        signups.sign_up(mosque, membership.id)
    service.save_debrief(mosque, people[0].id, saw="Women who would never sit in a GP waiting room asking the "
                         "nurse frank questions about diabetes.", felt="Welcome, and a bit humbled.",
                         thought="The surgery could come here once a month instead of waiting for people to come "
                         "to it.", shared=True)
    service.save_debrief(mosque, people[4].id, saw="", felt="Nervous at first, then at home.",
                         thought="I want to bring my mother next time.", shared=False)
    mosque.host_reflection = ("It was good to have visitors who listened. Next time we would like someone from the "
                              "council to come too.")
    db.session.flush()
