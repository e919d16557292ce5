"""Attendance tables by sector and by level, with totals, on the page and as CSV; names only for facilitators."""
import csv
import io
import re
from datetime import date, timedelta

from sqlalchemy import event

from labapp.extensions import db
from labapp.labs.models import Lab
from labapp.workshops import tables
from labapp.workshops.models import Attendance
from tests.helpers import html_text


def _add(app, workshop, *rows):
    with app.app_context():
        for name, sector, level in rows:
            db.session.add(Attendance(workshop_id=workshop.id, name=name, sector=sector, level=level,
                                      walk_in=True))
        db.session.commit()


def _lab_with_attendance(app, make_lab, make_workshop, facilitator=None):
    lab = make_lab(creator=facilitator) if facilitator else make_lab()
    today = date.today()
    # Created out of date order: the table sorts its columns by date.
    w2 = make_workshop(lab, title="Retreat", day=today - timedelta(days=7))
    w1 = make_workshop(lab, title="Observe", day=today - timedelta(days=14))
    w3 = make_workshop(lab, title="Act", day=today)
    _add(app, w1, ("Ann", "community", None), ("Bea", "community", None), ("Cal", "nhs", None),
         ("Dev", None, "resident"))
    _add(app, w2, ("Eve", "community", None), ("Fay", "vcse", "manager"), ("Gus", "retired_sector", None))
    other = make_workshop(make_lab(name="Other lab"), title="Elsewhere")
    _add(app, other, ("Hal", "community", "manager"))
    return lab, (w1, w2, w3)


def _grid(table):
    return {code: [table.cell(code, w) for w in table.workshops] + [table.row_total(code)] for code, _ in table.rows}


def test_table_by_sector_counts_each_cell_with_row_and_column_totals(app, make_lab, make_workshop):
    lab, (w1, w2, w3) = _lab_with_attendance(app, make_lab, make_workshop)
    with app.app_context():
        table = tables.attendance_table(db.session.get(Lab, lab.id), "sector")
        assert [w.title for w in table.workshops] == ["Observe", "Retreat", "Act"]
        assert _grid(table) == {
            "community": [2, 1, 0, 3], "nhs": [1, 0, 0, 1], "local_authority": [0, 0, 0, 0], "vcse": [0, 1, 0, 1],
            "private_other": [0, 0, 0, 0], "retired_sector": [0, 1, 0, 1], None: [1, 0, 0, 1]}
        assert [table.column_total(w) for w in table.workshops] == [4, 3, 0]
        assert table.total == 7


def test_table_by_level_counts_not_given_for_members(app, make_lab, make_workshop):
    lab, _ = _lab_with_attendance(app, make_lab, make_workshop)
    with app.app_context():
        table = tables.attendance_table(db.session.get(Lab, lab.id), "level")
        assert _grid(table) == {"resident": [1, 0, 0, 1], "frontline": [0, 0, 0, 0], "manager": [0, 1, 0, 1],
                                "senior_leader": [0, 0, 0, 0], "executive": [0, 0, 0, 0], None: [3, 2, 0, 5]}
        assert table.total == 7


def test_each_table_takes_the_same_few_queries_however_many_workshops(app, make_lab, make_workshop):
    lab, _ = _lab_with_attendance(app, make_lab, make_workshop)

    def queries():
        with app.app_context():
            statements = []
            listener = lambda *args: statements.append(args[2])  # noqa: E731
            event.listen(db.engine, "before_cursor_execute", listener)
            try:
                tables.attendance_table(db.session.get(Lab, lab.id), "sector")
            finally:
                event.remove(db.engine, "before_cursor_execute", listener)
            return [s for s in statements if "attendances" in s]

    before = queries()
    for n in range(4):
        _add(app, make_workshop(lab, title=f"Extra {n}"), ("X", "nhs", None), ("Y", None, None))
    after = queries()
    assert len(before) == len(after) == 1
    assert "GROUP BY" in after[0]


def test_page_shows_both_tables_to_every_member_without_names(app, make_user, make_lab, add_member, make_workshop):
    lab, _ = _lab_with_attendance(app, make_lab, make_workshop)
    participant = make_user()
    add_member(lab, participant, "participant")
    client = app.test_client()
    client.login_as(participant)
    page = html_text(client.get(f"/labs/{lab.id}/workshops/attendance"))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "Community member or resident 2 1 0 3" in text
    assert "Not given 1 0 0 1" in text
    assert "Total 4 3 0 7" in text
    assert "Manager 0 1 0 1" in text
    assert "Not given 3 2 0 5" in text
    assert "Ann" not in text and "Fay" not in text


def _csv(response):
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_csv_of_each_table_has_the_same_numbers(app, make_user, make_lab, make_workshop):
    facilitator = make_user()
    lab, (w1, _, _) = _lab_with_attendance(app, make_lab, make_workshop, facilitator=facilitator)
    client = app.test_client()
    client.login_as(facilitator)
    response = client.get(f"/labs/{lab.id}/workshops/attendance.csv", query_string={"by": "sector"})
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    rows = _csv(response)
    assert rows[0][0] == "Sector" and rows[0][-1] == "Total"
    assert rows[0][1].startswith("Observe (") and rows[0][3].startswith("Act (")
    assert rows[1] == ["Community member or resident", "2", "1", "0", "3"]
    assert ["retired_sector", "0", "1", "0", "1"] in rows
    assert rows[-2] == ["Not given", "1", "0", "0", "1"]
    assert rows[-1] == ["Total", "4", "3", "0", "7"]
    rows = _csv(client.get(f"/labs/{lab.id}/workshops/attendance.csv", query_string={"by": "level"}))
    assert rows[0][0] == "Level"
    assert rows[1] == ["Resident", "1", "0", "0", "1"]
    assert rows[-1] == ["Total", "4", "3", "0", "7"]
    assert client.get(f"/labs/{lab.id}/workshops/attendance.csv", query_string={"by": "shoe"}).status_code == 404


def test_csv_cells_cannot_become_spreadsheet_formulas(app, make_user, make_lab, make_workshop):
    facilitator = make_user()
    lab = make_lab(creator=facilitator)
    workshop = make_workshop(lab, title="=HYPERLINK(\"http://x\")")
    _add(app, workshop, ("@SUM(A1)", None, None))
    client = app.test_client()
    client.login_as(facilitator)
    assert _csv(client.get(f"/labs/{lab.id}/workshops/attendance.csv"))[0][1].startswith("'=HYPERLINK")
    assert _csv(client.get(f"/labs/{lab.id}/workshops/{workshop.id}/attendance.csv"))[1][0] == "'@SUM(A1)"


def test_one_workshops_list_of_names_is_for_facilitators_only(app, make_user, make_lab, add_member, make_workshop):
    facilitator = make_user()
    lab, (w1, _, _) = _lab_with_attendance(app, make_lab, make_workshop, facilitator=facilitator)
    client = app.test_client()
    client.login_as(facilitator)
    rows = _csv(client.get(f"/labs/{lab.id}/workshops/{w1.id}/attendance.csv"))
    assert rows[0] == ["Name", "Sector", "Level", "Walk-in", "Checked in (UTC)"]
    assert [row[:4] for row in rows[1:]] == [["Ann", "Community member or resident", "", "Yes"],
                                             ["Bea", "Community member or resident", "", "Yes"],
                                             ["Cal", "NHS", "", "Yes"], ["Dev", "", "Resident", "Yes"]]
    for role in ("participant", "design_team"):
        person = make_user()
        add_member(lab, person, role)
        other = app.test_client()
        other.login_as(person)
        assert other.get(f"/labs/{lab.id}/workshops/{w1.id}/attendance.csv").status_code == 403


def test_attendance_page_has_an_empty_state(facilitator_client):
    client, lab, _ = facilitator_client
    page = html_text(client.get(f"/labs/{lab.id}/workshops/attendance"))
    assert "No workshops yet." in page and f'href="/labs/{lab.id}/workshops/"' in page
