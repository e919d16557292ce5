"""CSV export and import: every row checked first, then all rows imported or none, with each problem listed."""
import csv
import io
import time

import pytest

from labapp.extensions import db
from labapp.systemmap.models import Actor, Tie
from tests.helpers import html_text
from tests.systemmap.conftest import QueryCounter, signed_in

HEADER = "name,kind,sector,level,services,tags,notes,parent\r\n"


def _upload(client, lab, what, content: bytes | str):
    data = content.encode() if isinstance(content, str) else content
    return client.post(f"/labs/{lab.id}/map/import?what={what}", content_type="multipart/form-data", data={
        f"{what}-csrf_token": client.csrf_token(), f"{what}-file": (io.BytesIO(data), f"{what}.csv")})


def _multipart(fields: dict, filename: str, file_field: str, content: bytes) -> tuple[bytes, str]:
    """Encode a form with one file by hand (the test client's own encoder leaves a temp file open for big files)."""
    boundary = "labapp-test-boundary"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
             for name, value in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{filename}"\r\n'
                 f"Content-Type: text/csv\r\n\r\n".encode() + content + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def _actors(app):
    with app.app_context():
        return {a.name: (a.kind, a.sector, a.level, a.tags, a.services, a.notes,
                         a.parent.name if a.parent else None)
                for a in db.session.scalars(db.select(Actor))}


@pytest.fixture
def designer(app, map_lab):
    return signed_in(app, map_lab.designer)


def test_actors_import_with_parents_labels_and_a_bom(app, map_lab, designer, make_actor):
    make_actor(map_lab.lab, "Riverside PCN")
    content = "\ufeff" + HEADER + (
        "Riverside Surgery,organisation,nhs,frontline,GP appointments,\"GP practice, primary care\",,Riverside PCN\n"
        "Practice team,TEAM,NHS,Manager,,,Weekly huddle,riverside surgery\n"
        "\n"
        "Mosque welfare group,group,Voluntary and community sector,,Food parcels,faith group,,\n")
    response = _upload(designer, map_lab.lab, "actors", content)
    assert response.status_code == 302, html_text(response)
    actors = _actors(app)
    assert actors["Riverside Surgery"] == ("organisation", "nhs", "frontline", ["GP practice", "primary care"],
                                           "GP appointments", "", "Riverside PCN")
    assert actors["Practice team"] == ("team", "nhs", "manager", [], "", "Weekly huddle", "Riverside Surgery")
    assert actors["Mosque welfare group"][:3] == ("group", "vcse", None)
    assert "3 actors imported." in html_text(designer.get(response.headers["Location"]))


def test_one_bad_row_means_nothing_is_imported_and_every_problem_is_listed(app, map_lab, designer, make_actor):
    make_actor(map_lab.lab, "Already here")
    content = HEADER + "\n".join([
        "Good one,organisation,nhs,manager,,,,",                   # line 2
        "Bad sector,organisation,martians,manager,,,,",            # line 3
        "Bad level,organisation,nhs,emperor,,,,",                  # line 4
        "Bad kind,spaceship,nhs,manager,,,,",                      # line 5
        ",organisation,nhs,manager,,,,",                           # line 6
        "good one,group,,,,,,",                                    # line 7: repeats line 2
        "Already here,group,,,,,,",                                # line 8
        "Orphan,group,,,,,,Nobody",                                # line 9
        "Loop A,group,,,,,,Loop B",                                # line 10
        "Loop B,group,,,,,,Loop A",                                # line 11
    ]) + "\n"
    response = _upload(designer, map_lab.lab, "actors", content)
    assert response.status_code == 200
    page = html_text(response)
    assert "Nothing was imported" in page
    for line, words in [(3, "Unknown sector “martians”"), (4, "Unknown level “emperor”"),
                        (5, "Unknown kind “spaceship”"), (6, "The name is missing."),
                        (7, "“good one” is already on line 2 of this file."),
                        (8, "An actor called “Already here” is already on the map."),
                        (9, "Unknown parent “Nobody”"), (10, "The parents in this file go round in a circle.")]:
        assert f"Line {line}: {words}" in page, (line, words)
    assert "Line 2:" not in page
    assert set(_actors(app)) == {"Already here"}


@pytest.mark.parametrize("content,message", [
    ("name,kind\n".encode("utf-16"), "The file is not UTF-8 text."),
    ("name,kind,sector,level,services,tags,notes,parent\nCaf\xe9,group,,,,,,\n".encode("latin-1"),
     "The file is not UTF-8 text."),
    (b"", "The file is empty."),
    (b"name,kind,sector\nA,group,nhs\n", "Missing columns: level, services, tags, notes, parent."),
    ((HEADER.strip() + ",colour\nA,group,,,,,,,red\n").encode(), "Unknown columns: colour."),
    (HEADER.encode(), "The file has a header but no rows."),
    ((HEADER + "A,group,,,,,,,extra\n").encode(), "Line 2: This row has more cells than there are columns."),
])
def test_unreadable_files_are_refused_with_a_clear_message(app, map_lab, designer, content, message):
    response = _upload(designer, map_lab.lab, "actors", content)
    assert response.status_code == 200
    assert message in html_text(response)
    assert _actors(app) == {}


def test_no_file_is_a_form_error(app, map_lab, designer):
    response = designer.post(f"/labs/{map_lab.lab.id}/map/import?what=actors", content_type="multipart/form-data",
                             data={"actors-csrf_token": designer.csrf_token()})
    assert "Choose a CSV file to upload." in html_text(response)


def test_ties_import_checks_every_row(app, map_lab, designer, make_actor, make_tie):
    lab = map_lab.lab
    a, b = make_actor(lab, "Alpha"), make_actor(lab, "Beta")
    make_actor(lab, "Twin"), make_actor(lab, "twin")
    make_tie(lab, a, b, kind="trusts")
    bad = "source,target,kind,strength,note\n" + "\n".join([
        "Alpha,Beta,funds,3,ok",           # 2 fine
        "Alpha,Nobody,funds,2,",          # 3
        "Alpha,Alpha,funds,2,",           # 4
        "alpha,BETA,funds,1,",            # 5 repeats line 2
        "Alpha,Beta,trusts,2,",           # 6 already on the map
        "Beta,Alpha,hugs,2,",             # 7
        "Beta,Alpha,funds,9,",            # 8
        "Twin,Alpha,funds,2,",            # 9 ambiguous
    ]) + "\n"
    page = html_text(_upload(designer, lab, "ties", bad))
    for line, words in [(3, "Unknown actor “Nobody”"), (4, "An actor cannot have a tie to itself."),
                        (5, "The same tie is already on line 2 of this file."), (6, "This tie is already on the map."),
                        (7, "Unknown kind of tie “hugs”"), (8, "The strength must be 1, 2 or 3."),
                        (9, "More than one actor is called “Twin”")]:
        assert f"Line {line}: {words}" in page, (line, words)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Tie.id))) == 1
    good = "note,strength,kind,target,source\nok,3,funds,Beta,Alpha\n,,,Alpha,Beta\n"
    response = _upload(designer, lab, "ties", good)
    assert response.status_code == 302
    with app.app_context():
        ties = {(t.source.name, t.target.name, t.kind, t.strength, t.note) for t in db.session.scalars(db.select(Tie))}
    assert ties == {("Alpha", "Beta", "trusts", 2, ""), ("Alpha", "Beta", "funds", 3, "ok"),
                    ("Beta", "Alpha", "works_with", 2, "")}


def test_export_then_import_into_another_lab_gives_the_same_map(app, map_lab, make_actor, make_tie, make_lab,
                                                                  add_member):
    lab = map_lab.lab
    pcn = make_actor(lab, "=HYPERLINK(\"x\")", tags=["a b", "c"], services="Line one\nline two")
    surgery = make_actor(lab, "Surgery, \"the\" one", parent=pcn, sector=None, level=None, notes="-note")
    make_tie(lab, pcn, surgery, kind="funds", strength=1, note="+ money")
    client = signed_in(app, map_lab.facilitator)
    actors_csv = client.get(f"/labs/{lab.id}/map/actors.csv")
    ties_csv = client.get(f"/labs/{lab.id}/map/ties.csv")
    assert actors_csv.mimetype == "text/csv" and "attachment" in actors_csv.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(actors_csv.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["name", "kind", "sector", "level", "services", "tags", "notes", "parent"]
    assert rows[1][0] == "'=HYPERLINK(\"x\")", "a formula is kept from running in a spreadsheet"
    copy = make_lab(creator=map_lab.facilitator, name="Copy")
    assert _upload(client, copy, "actors", actors_csv.data).status_code == 302
    assert _upload(client, copy, "ties", ties_csv.data).status_code == 302
    with app.app_context():
        by_lab = {}
        for actor in db.session.scalars(db.select(Actor)):
            by_lab.setdefault(actor.lab_id, set()).add(
                (actor.name, actor.kind, actor.sector, actor.level, actor.services, tuple(actor.tags), actor.notes,
                 actor.parent.name if actor.parent else None))
        ties = {}
        for tie in db.session.scalars(db.select(Tie)):
            ties.setdefault(tie.lab_id, set()).add((tie.source.name, tie.target.name, tie.kind, tie.strength, tie.note))
    assert by_lab[lab.id] == by_lab[copy.id]
    assert ties[lab.id] == ties[copy.id]


def test_ten_thousand_actors_import_in_bulk(app, map_lab, designer, capsys):
    lines = [HEADER]
    for n in range(10_000):
        parent = f"Actor {n - 1:05d}" if n % 10 else ""
        lines.append(f"Actor {n:05d},organisation,{['nhs', 'vcse', 'community'][n % 3]},frontline,"
                     f"Service {n},\"tag {n % 7}, shared\",,{parent}\n")
    content = "".join(lines)
    body, content_type = _multipart({"actors-csrf_token": designer.csrf_token()}, "a.csv", "actors-file",
                                    content.encode())
    with QueryCounter(app) as queries:
        start = time.perf_counter()
        response = designer.post(f"/labs/{map_lab.lab.id}/map/import?what=actors", content_type=content_type,
                                 data=body)
        elapsed = time.perf_counter() - start
    assert response.status_code == 302, html_text(response)[:2000]
    with capsys.disabled():
        print(f"\n10,000-row actor import: {elapsed:.2f} s, {queries.count} SQL statements")
    assert queries.count < 60, "bulk insert, not one query per row"
    assert elapsed < 30
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Actor.id))) == 10_000
        child = db.session.scalar(db.select(Actor).where(Actor.name == "Actor 09999"))
        assert child.parent.name == "Actor 09998" and child.tags == ["tag 3", "shared"]
