"""PDFs made from a lab full of XSS payloads show them as plain text and hold nothing a reader could run."""
import re
import subprocess
import zlib
from datetime import date

from labapp.extensions import db
from labapp.labs.models import Lab
from labapp.programmes import service as programmes_service
from labapp.programmes.models import Programme
from labapp.programmes.report import render_programme_report
from labapp.reports import document, facts
from tests.security.xss import PAYLOADS, build_xss_lab

ACTIVE = re.compile(rb"/(JavaScript|JS|OpenAction|Launch|AA|SubmitForm|ImportData)\b")
URI = re.compile(rb"/URI\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)")
STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


CORES = [_squash(p) for p in PAYLOADS if len(p) < 200]


def _text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()


def _inflated(pdf: bytes) -> bytes:
    """Return the file with every Flate stream inflated, so object streams can be searched too."""
    parts = [pdf]
    for match in STREAM.finditer(pdf):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            pass
    return b"\n".join(parts)


def _uri_text(raw: bytes) -> str:
    if raw.startswith(b"<"):
        return bytes.fromhex(re.sub(rb"\s", b"", raw[1:-1]).decode()).decode("latin-1")
    return raw[1:-1].decode("latin-1")


def assert_inert(pdf: bytes, name: str) -> None:
    """Fail if the PDF holds an action, script or javascript: link, or shows no payload as text."""
    assert pdf.startswith(b"%PDF"), name
    body = _inflated(pdf)
    assert ACTIVE.findall(body) == [], name
    uris = [_uri_text(raw) for raw in URI.findall(body)]
    assert [u for u in uris if re.sub(r"[\s\x00-\x1f]", "", u).lower().startswith(("javascript:", "data:",
                                                                                    "vbscript:"))] == [], name
    shown = _squash(_text(pdf))
    assert any(core in shown for core in CORES), f"{name}: no payload shown as text"


def test_every_pdf_shows_payloads_as_text_and_holds_no_script(app, client, make_user, make_lab, add_member):
    built = build_xss_lab(app, make_user, make_lab, add_member)
    ids, lab_id = built.ids, built.lab.id
    client.login_as(built.people["fran"])
    urls = {"lab summary": f"/labs/{lab_id}/summary.pdf",
            "deck": f"/labs/{lab_id}/decks/{ids['deck']}.pdf",
            "pick results": f"/labs/{lab_id}/pick-sessions/{ids['session']}/results.pdf",
            "visit brief": f"/labs/{lab_id}/journeys/{ids['visit']}/brief.pdf",
            "PDSA log": f"/labs/{lab_id}/prototypes/{ids['prototype']}/log.pdf",
            "proposal pack": f"/labs/{lab_id}/proposals/{ids['proposal']}.pdf",
            "system map": f"/labs/{lab_id}/system-map.pdf",
            "attendance": f"/labs/{lab_id}/workshops/attendance.pdf"}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert_inert(response.data, name)
    with app.test_request_context("/"):
        lab = db.session.get(Lab, lab_id)
        assert_inert(document.make_report(facts.snapshot(lab, "en"), "en"), "lab report")
        assert_inert(document.make_report(facts.snapshot(lab, "ur"), "ur"), "lab report in Urdu")
        programme = db.session.get(Programme, ids["programme"])
        assert_inert(render_programme_report(programme, programmes_service.snapshots(programme, "en"), "en",
                                             today=date.today()), "programme report")


def test_the_checker_catches_a_javascript_link_and_an_open_action():
    bad = b"%PDF-1.7\n1 0 obj << /Type /Annot /A << /S /URI /URI (JavaScript:alert\\(1\\)) >> >> endobj\n"
    assert [u for u in map(_uri_text, URI.findall(bad))] == ["JavaScript:alert\\(1\\)"]
    assert ACTIVE.findall(b"<< /OpenAction 3 0 R >>") == [b"OpenAction"]
    packed = b"stream\n" + zlib.compress(b"<< /S /JavaScript /JS (app.alert(1)) >>") + b"\nendstream"
    assert ACTIVE.findall(_inflated(packed)) == [b"JavaScript", b"JS"]
