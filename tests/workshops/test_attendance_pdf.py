"""The attendance tables as a PDF, in the reader's language."""
import subprocess
import unicodedata

import pytest

from labapp.extensions import db
from labapp.workshops.models import Attendance, Workshop
from tests.helpers import translated


def _letters(text):
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isalpha())


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_attendance_pdf_has_both_tables_and_their_counts(app, make_user, make_lab, lang, tmp_path):
    facilitator = make_user()
    lab = make_lab(creator=facilitator)
    with app.app_context():
        workshop = Workshop(lab_id=lab.id, kind="observe", title="Observe Day", checkin_code="PDF234")
        db.session.add(workshop)
        db.session.flush()
        db.session.add_all([Attendance(workshop_id=workshop.id, name=f"P{n}", sector="community", level="resident")
                            for n in range(7)] + [Attendance(workshop_id=workshop.id, name="Doc", sector="nhs")])
        db.session.commit()
    client = app.test_client()
    client.login_as(facilitator)
    response = client.get(f"/labs/{lab.id}/workshops/attendance.pdf?lang={lang}")
    assert response.mimetype == "application/pdf"
    path = tmp_path / "attendance.pdf"
    path.write_bytes(response.data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Observe Day" in text
    assert "7" in text and "8" in text, "resident count and the grand total"
    heading = "By sector" if lang == "en" else translated("By sector", lang)
    assert _letters(heading) in _letters(text)
