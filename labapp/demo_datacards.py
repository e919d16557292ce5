"""Give the first demo lab a Bradford deck of data cards, a little review, and a closed pick session with themes.

The words are labapp's own. Figures marked "illustrative" are made up for the demo; the others follow facts
reported by the Universal Healthcare inquiry (a fifth of GP appointments used by about 4% of patients, an
eight-month wait for a first young people's mental health appointment, 4,500 young people waiting for an autism
or ADHD assessment, referrals up about 70% in two years).
"""
from sqlalchemy import select

from labapp.accounts import service as accounts_service
from labapp.datacards import picks, service
from labapp.datacards.models import Deck
from labapp.extensions import db
from labapp.labs import service as labs_service
from labapp.workshops.models import Workshop

ILLUSTRATIVE = "Illustrative figures for the demo"
INQUIRY = "Universal Healthcare inquiry, Bradford and Hastings data pack"

CATEGORIES = [
    ("A", "Unequal care", "Is care different for people with less money?"),
    ("B", "Primary care today", "Are we treating poverty as if it were an illness?"),
    ("C", "Rationing", "Who is left waiting, and do we say so openly?"),
    ("D", "Questions to answer", "What would we need to find out together?"),
]

# code, letter, headline, body, chart kind, unit, rows, source, year
CARDS = [
    ("A1", "A", "Fewer GP appointments per person in the poorest areas",
     "Where life is hardest, the surgery is *harder to get into*.\n\n- fewer appointments per person\n- less planned care",
     "bar", "appointments per person a year",
     [["Poorest fifth", 4.1], ["Second", 4.5], ["Middle", 4.8], ["Fourth", 5.0], ["Richest fifth", 5.3]],
     ILLUSTRATIVE, "2024"),
    ("A2", "A", "Screening is lower where money is tight",
     "Fewer people are checked early in the poorest areas, so illness is found later.",
     "bar", "% screened", [["Poorest fifth", 58], ["Middle", 68], ["Richest fifth", 76]], ILLUSTRATIVE, "2024"),
    ("A3", "A", "Young people use their GP less",
     "Teenagers and young adults see a GP far less often than older people. Is that because they are well, "
     "or because it is *hard to ask*?", "bar", "visits per person a year",
     [["16–24", 2.1], ["25–44", 3.0], ["45–64", 4.2], ["65+", 6.5]], ILLUSTRATIVE, "2024"),
    ("B1", "B", "A fifth of next year's GP appointments are already spoken for",
     "About **4 in every 100 patients** see their GP again and again, every year. Together they will use around "
     "a fifth of next year's appointments.", "number", "% of appointments", [["used by 4% of patients", 20]],
     INQUIRY, "2022"),
    ("B2", "B", "Fewer GPs where need is greatest",
     "Practices in poorer areas look after more patients for each GP.", "bar", "patients per GP",
     [["Poorest fifth", 2300], ["Middle", 2000], ["Richest fifth", 1800]], ILLUSTRATIVE, "2024"),
    ("B3", "B", "Most calls come at eight in the morning",
     "Many people phone the moment the lines open, and most slots are gone within the hour.", "line",
     "calls in the hour", [["8:00", 420], ["9:00", 180], ["10:00", 90], ["11:00", 60], ["12:00", 40]],
     ILLUSTRATIVE, "2024"),
    ("C1", "C", "Eight months to a first mental health appointment for a young person",
     "In one area a young person referred for mental health help waits about *eight months* to be seen for "
     "the first time.", "number", "months", [["to a first appointment", 8]], INQUIRY, "2022"),
    ("C2", "C", "More than 4,500 young people waiting for an autism or ADHD assessment",
     "For a child, a wait of nearly two years is not a wait: it is life on pause.", "number", "young people",
     [["waiting for an assessment", 4500]], INQUIRY, "2022"),
    ("C3", "C", "Referrals have risen by about 70% in two years",
     "Demand from children and young people has grown much faster than the services that answer it.", "line",
     "referrals (2020 = 100)", [["2020", 100], ["2021", 135], ["2022", 170]], INQUIRY, "2022"),
    ("D1", "D", "What is a GP appointment really for?", "What would *you* want from ten minutes with a GP?",
     "", "", [], "", ""),
    ("D2", "D", "How would we plan for the next generation?",
     "- What would help young people ask for help early?\n- Who should they be able to talk to?", "", "", [], "", ""),
    ("D3", "D", "What could we stop doing, to make room for what matters?", "", "", "", [], "", ""),
]

URDU = {
    "A1": ("سب سے غریب علاقوں میں فی شخص کم جی پی ملاقاتیں", "جہاں زندگی سب سے مشکل ہے، وہاں سرجری تک پہنچنا *زیادہ مشکل* ہے۔"),
    "B1": ("اگلے سال کی جی پی ملاقاتوں کا پانچواں حصہ پہلے ہی طے ہے", "تقریباً **ہر 100 میں سے 4 مریض** بار بار آتے ہیں۔"),
    "C1": ("ایک نوجوان کے لیے ذہنی صحت کی پہلی ملاقات تک آٹھ مہینے", ""),
}
BENGALI = {
    "A1": ("সবচেয়ে দরিদ্র এলাকায় মাথাপিছু কম জিপি অ্যাপয়েন্টমেন্ট", ""),
    "B1": ("আগামী বছরের জিপি অ্যাপয়েন্টমেন্টের এক-পঞ্চমাংশ আগেই নেওয়া", ""),
}

# Made-up people who joined at the Observe workshop: name, sector, the three cards they picked.
PICKERS = [
    ("Nasreen Akhtar", "community", ["A1", "C1", "B2"]),
    ("Yusuf Patel", "community", ["A1", "A3", "C2"]),
    ("Gemma Shaw", "community", ["C1", "C2", "D2"]),
    ("Bilal Hussain", "community", ["A1", "B2", "C1"]),
    ("Ola Nowicka", "community", ["C2", "A3", "D1"]),
    ("Dr Priya Shah", "nhs", ["B1", "B2", "A1"]),
    ("Mark Holt", "nhs", ["B1", "B3", "D1"]),
    ("Jas Kaur", "vcse", ["A1", "C1", "D2"]),
    ("Lena Fischer", "local_authority", ["C3", "C1", "A2"]),
    ("Sam Okafor", "vcse", ["A2", "A1", "D3"]),
]

THEMES = [
    ("Poorer areas get less care", ["A1", "B2", "A2"]),
    ("Young people are left waiting", ["C1", "C2", "A3"]),
]


def add_datacards_demo(lab, members: dict) -> None:
    """Build the deck, two review comments and a closed pick session with two themes, once."""
    if db.session.scalar(select(Deck.id).where(Deck.lab_id == lab.id).limit(1)) is not None:
        return
    deck = service.create_deck(lab, title="Bradford data cards: what is really happening?", language="en",
                               description="Twelve cards from local figures, for the Observe workshop.")
    categories = {letter: service.save_category(deck, letter=letter, title=title, question=question)
                  for letter, title, question in CATEGORIES}
    cards = {}
    for code, letter, headline, body, kind, unit, rows, source, year in CARDS:
        cards[code] = service.create_card(deck, categories[letter], code=code, headline=headline, body=body,
                                          chart_kind=kind, chart_unit=unit, chart_rows=rows, source=source,
                                          year=year, geography="Bradford district" if rows else "")
        cards[code].status = "reviewed"
    for translations, language in ((URDU, "ur"), (BENGALI, "bn")):
        for code, (headline, body) in translations.items():
            service.save_translation(cards[code], language, headline=headline, body=body, source_note="")
    reviewer, designer = members["participant"], members["design_team"]
    resolved = service.add_comment(cards["B1"], reviewer, "Does this mean people who are unwell, or people who "
                                                          "just like to see their doctor?")
    service.resolve_comment(resolved, designer)
    service.add_comment(cards["A2"], members["panel_member"], "Which screening is this? Breast, bowel or cervical?")
    cards["A2"].status = "draft"

    observe = db.session.scalar(select(Workshop).where(Workshop.lab_id == lab.id, Workshop.kind == "observe")
                                .order_by(Workshop.starts_at).limit(1))
    if observe is None:
        db.session.flush()
        return
    session = picks.open_session(lab, deck, observe, pick_limit=3, title="Which cards speak to you?")
    for name, sector, codes in PICKERS:
        user = accounts_service.create_user(name=name, locale=None)
        membership = labs_service.add_member(lab, user, "participant", sector=sector)
        db.session.flush()
        for code in codes:
            picks.pick(session, membership, cards[code])
    picks.close_session(session)
    for name, codes in THEMES:
        picks.add_theme(session, name, [cards[code].id for code in codes])
    db.session.flush()
