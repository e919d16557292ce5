"""Finding a lab's members by name: part of a name in any case or accent, never another lab's, a few at a time."""
import re

import pytest

from labapp.extensions import db
from labapp.labs import search
from labapp.labs.models import Lab
from tests.helpers import html_text


@pytest.fixture
def two_labs(app, make_user, make_lab, add_member):
    """Lab A with Żaneta Kowalska (sponsor), Zane Grey and 25 residents; Lab B with its own Zaneta."""
    fran = make_user(name="Fran Facilitator")
    lab = make_lab(creator=fran, name="Lab A")
    add_member(lab, make_user(name="Żaneta Kowalska", email="zk@example.org"), "sponsor")
    add_member(lab, make_user(name="Zane Grey", email="grey@health.example"), "participant")
    for n in range(25):
        add_member(lab, make_user(name=f"Resident {n:02d}", password=None), "participant")
    other = make_lab(name="Lab B")
    add_member(other, make_user(name="Zaneta Elsewhere", password=None), "participant")
    client = app.test_client()
    client.login_as(fran)
    return {"lab": lab, "other": other, "client": client}


def _names(app, lab, text, **kwargs):
    with app.app_context():
        return [m.user.name for m in search.search_members(db.session.get(Lab, lab.id), text, **kwargs)]


def test_search_finds_part_of_a_name_in_any_case_and_accent_and_only_in_the_lab(app, two_labs):
    lab = two_labs["lab"]
    assert _names(app, lab, "ZANE") == ["Zane Grey", "Żaneta Kowalska"]
    assert _names(app, lab, "kowal") == ["Żaneta Kowalska"]
    assert _names(app, lab, "elsewhere") == [], "another lab's member is never found"
    assert _names(app, lab, "   ") == []
    assert _names(app, lab, "zane", roles=["sponsor"]) == ["Żaneta Kowalska"]
    assert _names(app, lab, "health.example") == [], "emails are searched only when asked"
    assert _names(app, lab, "health.example", with_email=True) == ["Zane Grey"]


def test_search_returns_one_more_than_the_limit_so_the_page_can_say_there_are_more(app, two_labs):
    names = _names(app, two_labs["lab"], "resident", limit=5)
    assert names == [f"Resident {n:02d}" for n in range(6)]


def test_the_members_page_searches_by_name_or_email_with_the_role_filter_and_pages(app, two_labs, monkeypatch):
    monkeypatch.setattr("labapp.labs.views.MEMBERS_PER_PAGE", 10)
    lab, client = two_labs["lab"], two_labs["client"]
    page = html_text(client.get(f"/labs/{lab.id}/members?q=zane"))
    assert "Zane Grey" in page and "Żaneta Kowalska" in page and "Resident 01" not in page
    assert 'value="zane"' in page
    page = html_text(client.get(f"/labs/{lab.id}/members?q=zane&role=sponsor"))
    assert "Żaneta Kowalska" in page and "Zane Grey" not in page
    assert re.search(r'<input type="hidden" name="role" value="sponsor">', page), "a new search keeps the role"
    assert f"/labs/{lab.id}/members?role=sponsor&amp;q=zane" in client.get(
        f"/labs/{lab.id}/members?q=zane").get_data(as_text=True), "the role links keep the search"
    assert "Zane Grey" in html_text(client.get(f"/labs/{lab.id}/members?q=HEALTH.example"))
    page = html_text(client.get(f"/labs/{lab.id}/members?q=elsewhere"))
    assert "Nobody in the lab matches “elsewhere”." in page and "Zaneta Elsewhere" not in page
    page = html_text(client.get(f"/labs/{lab.id}/members?q=resident"))
    assert "Page 1 of 3" in page and "Zane Grey" not in page
    assert f"/labs/{lab.id}/members?page=2&q=resident" in page, "the next page keeps the search"
    assert "Resident 24" in html_text(client.get(f"/labs/{lab.id}/members?q=resident&page=3"))
    raw = client.get(f"/labs/{lab.id}/members?q=<b>x</b>").get_data(as_text=True)
    assert "<b>x</b>" not in raw and "&lt;b&gt;x&lt;/b&gt;" in raw, "what was typed is escaped"


def _lab_with_residents(app, make_lab, make_user, residents):
    """Make a lab with a facilitator (returned), a prototype, a panel of three and `residents` members."""
    from labapp.accounts import service as accounts_service
    from labapp.challenge import panels
    from labapp.labs import service as labs_service
    from labapp.prototypes import service as prototypes_service

    fran = make_user(name="Fran Facilitator")
    lab = make_lab(creator=fran, name=f"Lab of {residents}")
    with app.app_context():
        row = db.session.get(Lab, lab.id)
        people = [labs_service.add_member(row, accounts_service.create_user(name=f"Resident {n:04d}"), role)
                  for n, role in enumerate(["sponsor", "panel_member"] + ["participant"] * residents)]
        prototype = prototypes_service.create_prototype(row, lead=people[2], name="Warm homes")
        panel = panels.create_panel(row, title="June panel", held_on=None)
        panels.set_members(panel, people[:3])
        db.session.commit()
        return fran, f"/labs/{lab.id}", prototype.id, panel.id


def test_the_pickers_send_as_many_queries_for_600_members_as_for_5(app, make_lab, make_user):
    from bench.pages import count_queries

    counts = []
    for residents in (5, 600):  # past 500, where loading every member's roles would take another query
        fran, base, prototype_id, panel_id = _lab_with_residents(app, make_lab, make_user, residents)
        client = app.test_client()
        client.login_as(fran)
        pages = [f"{base}/prototypes/{prototype_id}/team?q=resident", f"{base}/prototypes/new?q=resident",
                 f"{base}/panels/new?q=resident", f"{base}/panels/{panel_id}/edit?q=resident",
                 f"{base}/members?q=resident", f"{base}/members"]
        for page in pages:
            client.get(page)  # the first view of a page may load what later ones find cached
        counts.append([count_queries(app, client, page) for page in pages])
        client.post_form("/logout")
    assert all(status == 200 for status, _count in counts[0] + counts[1])
    assert counts[0] == counts[1], f"5 residents: {counts[0]}; 600 residents: {counts[1]}"
