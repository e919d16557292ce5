"""The map's JSON, SVG and PDF: the same actors and ties, user text escaped, six languages in the PDF."""
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

from tests.helpers import html_text, translated
from tests.systemmap.conftest import signed_in
from tests.test_pdf import FONTS, _letters, _pdf_fonts, _pdf_text

NASTY = '<script>alert("x")</script> & Co'
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def small_map(map_lab, make_actor, make_tie):
    lab = map_lab.lab
    pcn = make_actor(lab, "Riverside PCN", sector="nhs", level="manager", tags=["primary care"])
    nasty = make_actor(lab, NASTY, sector="vcse", level="frontline", parent=pcn)
    urdu = make_actor(lab, "بزم خواتین", kind="group", sector="community", level="resident")
    make_tie(lab, pcn, nasty, kind="funds", strength=3)
    make_tie(lab, urdu, pcn)
    return {"lab": lab, "pcn": pcn, "nasty": nasty, "urdu": urdu}


def test_map_json_has_nodes_with_positions_edges_and_labels(app, map_lab, small_map):
    data = signed_in(app, map_lab.participant).get(f"/labs/{small_map['lab'].id}/map.json").get_json()
    nodes = {n["name"]: n for n in data["nodes"]}
    assert set(nodes) == {"Riverside PCN", NASTY, "بزم خواتین"}
    assert nodes[NASTY]["parent"] == small_map["pcn"] and nodes["Riverside PCN"]["tags"] == ["primary care"]
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes.values())
    assert len({(n["x"], n["y"]) for n in nodes.values()}) == 3, "no two actors on the same spot"
    assert {(e["source"], e["target"], e["kind"], e["strength"]) for e in data["edges"]} == {
        (small_map["pcn"], small_map["nasty"], "funds", 3), (small_map["urdu"], small_map["pcn"], "works_with", 2)}
    assert [s["code"] for s in data["sectors"]][:2] == ["community", "nhs"]
    assert data["actor_url"] == f"/labs/{small_map['lab'].id}/map/actors/"


def test_the_same_map_gives_the_same_svg(app, map_lab, small_map):
    client = signed_in(app, map_lab.designer)
    url = f"/labs/{small_map['lab'].id}/map.svg"
    assert client.get(url).data == client.get(url).data


def test_svg_escapes_user_text_and_has_a_title_and_labels(app, map_lab, small_map):
    response = signed_in(app, map_lab.designer).get(f"/labs/{small_map['lab'].id}/map.svg")
    assert response.mimetype == "image/svg+xml"
    text = response.get_data(as_text=True)
    assert "<script" not in text
    root = ET.fromstring(text)
    assert root.find(f"{SVG}title").text == "System map: Riverside Lab"
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert NASTY in titles and "بزم خواتین" in titles
    labels = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert "Riverside PCN" in labels and "NHS" in labels and "Frontline" in labels
    assert any(label.startswith('<script>alert("x")') for label in labels), "the label is text, not markup"


def test_svg_follows_the_filters(app, map_lab, small_map):
    client = signed_in(app, map_lab.designer)
    root = ET.fromstring(client.get(f"/labs/{small_map['lab'].id}/map.svg?sector=nhs").data)
    assert [t.text for t in root.iter(f"{SVG}title")][1:] == ["Riverside PCN"]


def test_map_page_embeds_the_svg_for_no_javascript_and_loads_the_vendored_script(app, map_lab, small_map):
    page = html_text(signed_in(app, map_lab.participant).get(f"/labs/{small_map['lab'].id}/map?sector=nhs"))
    assert 'id="map-view"' in page and f'/labs/{small_map["lab"].id}/map.svg?sector=nhs"' in page
    assert "/static/vendor/cytoscape/cytoscape.min.js" in page and "/static/js/systemmap.js" in page
    assert "Go to the list of actors" in page
    assert re.search(r'<option value="nhs" selected>', page)


def test_vendored_cytoscape_ships_with_its_licence(app):
    from labapp import ROOT

    assert "Permission is hereby granted" in (ROOT / "static/vendor/cytoscape/LICENSE").read_text()
    assert (ROOT / "static/vendor/cytoscape/cytoscape.min.js").stat().st_size > 100_000


@pytest.mark.parametrize("lang", list(FONTS))
def test_map_pdf_in_each_language_has_its_text_and_fonts(app, map_lab, small_map, lang, tmp_path):
    response = signed_in(app, map_lab.designer).get(f"/labs/{small_map['lab'].id}/system-map.pdf?lang={lang}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    path = tmp_path / f"map-{lang}.pdf"
    path.write_bytes(response.data)
    text = _pdf_text(path)
    assert "Riverside PCN" in text and "Riverside Lab" in text
    for label in ("Local council", "Sector"):
        assert _letters(label if lang == "en" else translated(label, lang)) in _letters(text), label
    fonts = _pdf_fonts(path)
    assert FONTS[lang] in fonts, fonts
    assert "no" not in [line.split()[-5] for line in fonts.splitlines()[2:] if line.strip()], "every font is embedded"


def test_map_pdf_escapes_user_text(app, map_lab, small_map, tmp_path):
    path = tmp_path / "map.pdf"
    path.write_bytes(signed_in(app, map_lab.designer).get(f"/labs/{small_map['lab'].id}/system-map.pdf?lang=en").data)
    text = _pdf_text(path)
    assert '<script>alert("x")</script> & Co' in text
    assert "Actors by sector and level" in text and "Gaps" in text
    sizes = subprocess.run(["pdfinfo", "-f", "1", "-l", "2", str(path)], capture_output=True, text=True,
                           check=True).stdout
    assert re.search(r"Page\s+1 size:\s+841\.\d+ x 595", sizes), "the map is on a landscape page"
