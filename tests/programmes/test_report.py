"""The programme report PDF: every section, each lab's figures, its own page per lab, and Urdu."""
from datetime import date

from labapp.extensions import db
from labapp.programmes import service
from labapp.programmes.models import Programme
from labapp.programmes.report import render_programme_report

from .conftest import pdf_text


def _render(app, programme_id, locale):
    with app.test_request_context():
        programme = db.session.get(Programme, programme_id)
        return render_programme_report(programme, service.snapshots(programme, locale), locale,
                                       today=date(2027, 3, 4))


def test_the_report_has_every_section_and_each_labs_figures(world):
    pdf = _render(world.app, world.programme_id, "en")
    assert pdf.startswith(b"%PDF")
    text = " ".join(pdf_text(pdf).split())
    assert "Two towns" in text and "Riverside" in text and "Hillside" in text and "4 March 2027" in text
    assert "Contents" in text
    for title in ("Who took part", "Attendance by sector at each workshop",
                  "The most picked cards and themes", "Learning journeys and debriefs",
                  "Prototypes and what they found", "Panel decisions"):
        assert text.count(title) >= 2, title  # in the contents and as the section's heading
    assert "Members 7 4" in text
    assert "43% (target 50%) 50% (target 50%)" in text
    assert "A1 · Fewer appointments in poorer streets (3)" in text
    assert "Getting in the door" in text and "Moor Lane Surgery" in text and "Hill Food Bank" in text
    assert "Warm homes · Referrals a week" in text and "Embed in an existing programme" in text
    # one page per lab: its question and headline figures
    assert "How do we make care fair?" in text and "Who gets left out?" in text
    assert "Proposals decided" in text
    assert "Rae Resident" not in text and "SECRET PRIVATE" not in text


def test_the_contents_give_page_numbers_and_each_lab_has_its_own_page(world):
    pages = pdf_text(_render(world.app, world.programme_id, "en")).split("\f")
    contents = next(page for page in pages if "Contents" in page)
    assert any(line.rstrip().endswith(("3", "4", "5")) for line in contents.splitlines() if "Who took part" in line)
    lab_pages = [page for page in pages if "In figures" in page]
    assert len(lab_pages) == 2
    assert "Riverside" in lab_pages[0] and "How do we make care fair?" in lab_pages[0]
    assert "Hillside" in lab_pages[1] and "Who gets left out?" in lab_pages[1]


def test_the_urdu_report_is_right_to_left_with_urdu_content(world):
    from flask import render_template

    with world.app.test_request_context():
        from flask_babel import force_locale

        from labapp.i18n import babel_locale
        from labapp.programmes import compare

        programme = db.session.get(Programme, world.programme_id)
        snapshots = service.snapshots(programme, "ur")
        with force_locale(babel_locale("ur")):
            html = render_template("programmes/pdf/report.html", pdf_locale="ur", pdf_dir="rtl", programme=programme,
                                   snapshots=snapshots, sections=compare.comparison(snapshots), labs=[],
                                   printed_on=date(2027, 3, 4))
    assert '<html lang="ur" dir="rtl">' in html
    text = pdf_text(_render(world.app, world.programme_id, "ur"))
    assert "غریب گلیوں میں کم ملاقاتیں" in " ".join(text.split()) or "ملاقاتیں" in text
