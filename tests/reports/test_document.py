"""The report PDF: every section with the data it claims, empty states, right-to-left Urdu."""
import subprocess
import unicodedata
from datetime import date, timedelta

from labapp.extensions import db
from labapp.labs.models import Lab
from labapp.reports import document, facts

PAST_DAY = date.today() - timedelta(days=20)


def pdf_text(data: bytes) -> str:
    """Return the PDF's text as pdftotext reads it."""
    assert data.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode()
    return unicodedata.normalize("NFKC", text)


def _render(app, lab, locale="en"):
    with app.test_request_context("/"):
        data = facts.snapshot(db.session.get(Lab, lab.id), locale)
        steps = []
        pdf = document.make_report(data, locale, lambda percent, step: steps.append((percent, step)))
    return pdf, steps


def test_report_holds_every_section_with_its_data(app, report_lab):
    pdf, steps = _render(app, report_lab.lab)
    text = pdf_text(pdf)
    flat = " ".join(text.split())
    for heading in ("Lab report", "Contents", "1. Who took part", "2. What the data showed", "3. Learning journeys",
                    "4. Prototypes", "5. Check and challenge", "Appendix: how the lab works"):
        assert heading in flat
    assert "Lab A" in flat and "Riverside" in flat and "How do we make care fair?" in flat
    # 1: sectors against the target, roles, invitations, attendance
    assert "Residents made up 43% of the members, short of the lab's target of 50%." in flat
    assert "Observe at the Mill" in flat
    # 2: the most picked card with its counts, and the theme
    assert "Fewer appointments in poorer streets" in flat and "Getting in the door" in flat
    # 3: the shared debrief and the host's reflection, never the private one or a name
    assert "A queue out of the door" in flat and "Visitors asked good questions about the rota." in flat
    assert "SECRET PRIVATE" not in flat and "Rae Resident" not in flat
    # 4: the prototype, its decision and its chart's verdict
    assert "Warm homes" in flat and "Adapt: change it and test again" in flat and "median" in flat
    # 5: the decision, conditions, the revealed factor at risk; the blind panel's scores stay hidden
    assert "Embed in an existing programme" in flat and "Report back in six months" in flat
    assert "Resources in place (Between Not met and Partly met)" in flat
    assert "The panel's scores are not shown yet" in flat
    # the appendix names the 12 factors
    assert "Alignment with the external political and financial environment" in flat
    assert [step for _percent, step in steps] == ["gathering", "charts", "charts", "layout"]


def test_report_of_an_empty_lab_says_what_comes_next(app, make_lab):
    lab = make_lab(name="New lab")
    flat = " ".join(pdf_text(_render(app, lab)[0]).split())
    assert "No cards have been picked yet." in flat
    assert "No visits have been offered yet." in flat
    assert "No prototypes yet." in flat and "No proposals yet." in flat


def _letters(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isalpha())


def test_urdu_report_carries_the_urdu_text_in_naskh(app, report_lab):
    pdf, _steps = _render(app, report_lab.lab, "ur")
    text = pdf_text(pdf)
    assert _letters("مور لین میں ایک صبح") in _letters(text)  # the visit's Urdu title
    assert _letters("غریب گلیوں میں کم ملاقاتیں") in _letters(text)  # the card's Urdu headline
    fonts = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True).stdout.decode()
    assert "Noto-Naskh-Arabic" in fonts or "NotoNaskhArabic" in fonts


def test_the_report_carries_the_lessons_learnt_without_names_and_a_new_lesson_changes_the_fingerprint(
        app, report_lab):
    from labapp.labs.models import Membership
    from labapp.practice import service as practice

    with app.test_request_context("/"):
        lab = db.session.get(Lab, report_lab.lab.id)
        before = facts.fingerprint(facts.snapshot(lab, "en"))
        session = practice.create_session(lab, title="Looking back in June", held_on=PAST_DAY)
        author = db.session.scalar(db.select(Membership).where(Membership.lab_id == lab.id))
        practice.add_lesson(session, author, text="Meeting in the library brought people who never came before.",
                            kind="worked", stage="workshops")
        from labapp.prototypes.models import Prototype

        warm_homes = db.session.scalar(db.select(Prototype).where(Prototype.lab_id == lab.id))
        practice.add_lesson(session, author, text="Start the invitations a month earlier.", kind="change",
                            prototype=warm_homes)
        prototype_name = warm_homes.name
        db.session.commit()
        assert facts.fingerprint(facts.snapshot(lab, "en")) != before
        author_name = author.user.name
    pdf, _steps = _render(app, report_lab.lab)
    flat = " ".join(pdf_text(pdf).split())
    assert "6. Lessons learnt" in flat
    assert "Meeting in the library brought people who never came before." in flat
    assert "Start the invitations a month earlier." in flat
    assert "What worked and should stay" in flat and "What we would do differently" in flat
    assert "Looking back in June" in flat and f"· {prototype_name}" in flat
    assert author_name not in flat
