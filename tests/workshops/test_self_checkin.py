"""Self check-in with the code on the screen: members with one button, visitors as walk-ins, guessing limited."""
import re
from datetime import date, timedelta

from labapp.accounts.models import User
from labapp.extensions import db
from labapp.outreach.models import Outreach
from labapp.workshops.models import Attendance
from tests.helpers import html_text


def _attendances(app, workshop):
    with app.app_context():
        return db.session.scalars(db.select(Attendance).where(Attendance.workshop_id == workshop.id)).all()


def _user_count(app):
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(User.id)))


def test_typed_code_opens_the_workshop_whatever_the_case_and_spacing(client, make_lab, make_workshop):
    workshop = make_workshop(make_lab())
    assert client.get("/checkin").status_code == 200
    code = workshop.checkin_code
    response = client.get("/checkin", query_string={"code": f" {code[:3].lower()} {code[3:].lower()} "})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/checkin/{code}")
    assert client.get(f"/checkin/{code.lower()}").headers["Location"].endswith(f"/checkin/{code}")


def test_wrong_code_is_explained_and_kept(client, make_lab, make_workshop):
    make_workshop(make_lab())
    response = client.get("/checkin", query_string={"code": "ZZZ999"})
    page = html_text(response)
    assert response.status_code == 404
    assert "We could not find a workshop with that code." in page and 'value="ZZZ999"' in page
    assert client.get("/checkin/ZZZ999").status_code == 404


def test_guessing_codes_is_rate_limited_but_finding_one_is_not(app, make_lab, make_workshop):
    workshop = make_workshop(make_lab())
    client = app.test_client()
    for _ in range(25):
        assert client.get("/checkin", query_string={"code": workshop.checkin_code}).status_code == 302
    for _ in range(20):
        assert client.get("/checkin", query_string={"code": "ZZZ999"}).status_code == 404
    assert client.get("/checkin", query_string={"code": "ZZZ999"}).status_code == 429
    other = app.test_client()
    for _ in range(20):
        assert other.get("/checkin/ZZZ999").status_code == 404
    assert other.get("/checkin/ZZZ999").status_code == 429


def test_a_signed_in_member_checks_in_with_one_button(app, client, make_user, make_lab, add_member, make_workshop):
    lab = make_lab()
    person = make_user(name="Amina Khan")
    membership_id = add_member(lab, person, "participant", sector="community")
    workshop = make_workshop(lab)
    with app.app_context():
        db.session.add(Outreach(lab_id=lab.id, workshop_id=workshop.id, membership_id=membership_id, status="invited"))
        db.session.commit()
    client.login_as(person)
    page = html_text(client.get(f"/checkin/{workshop.checkin_code}"))
    assert "You are signed in as Amina Khan." in page and "Check me in" in page
    assert 'name="name"' not in page
    assert client.post_form(f"/checkin/{workshop.checkin_code}").status_code == 302
    client.post_form(f"/checkin/{workshop.checkin_code}")
    [attendance] = _attendances(app, workshop)
    assert (attendance.membership_id, attendance.name, attendance.sector, attendance.walk_in,
            attendance.checked_in_by_id) == (membership_id, "Amina Khan", "community", False, person.id)
    assert "You are checked in. Welcome!" in html_text(client.get(f"/checkin/{workshop.checkin_code}"))
    with app.app_context():
        assert db.session.scalar(db.select(Outreach.status)) == "attended"


def test_a_visitor_checks_in_as_a_walk_in_without_an_account(app, client, make_lab, make_workshop):
    lab = make_lab()
    workshop = make_workshop(lab)
    users = _user_count(app)
    page = html_text(client.get(f"/checkin/{workshop.checkin_code}"))
    assert "You do not need an account." in page
    assert 'value="community"' in page and 'value="senior_leader"' in page
    response = client.post_form(f"/checkin/{workshop.checkin_code}",
                                {"name": "Jo Visitor", "sector": "vcse", "level": "manager"})
    assert response.status_code == 302
    [attendance] = _attendances(app, workshop)
    assert (attendance.name, attendance.sector, attendance.level, attendance.walk_in, attendance.membership_id,
            attendance.checked_in_by_id) == ("Jo Visitor", "vcse", "manager", True, None, None)
    assert _user_count(app) == users, "no account is created"
    assert "You are checked in. Welcome!" in html_text(client.get(f"/checkin/{workshop.checkin_code}"))
    client.post_form(f"/checkin/{workshop.checkin_code}", {"name": "Jo Visitor"})
    assert len(_attendances(app, workshop)) == 1, "pressing again on the same phone does not count twice"


def test_visitor_form_keeps_what_was_typed(app, client, make_lab, make_workshop):
    workshop = make_workshop(make_lab())
    response = client.post_form(f"/checkin/{workshop.checkin_code}", {"name": "", "sector": "nhs",
                                                                       "level": "frontline"})
    page = html_text(response)
    assert response.status_code == 200 and "Enter your name." in page
    assert re.search(r'<input checked[^>]*name="sector"[^>]*value="nhs"', page)
    assert re.search(r'<input checked[^>]*name="level"[^>]*value="frontline"', page)
    assert _attendances(app, workshop) == []


def test_someone_signed_in_from_another_lab_is_a_walk_in(app, client, make_user, make_lab, make_workshop):
    lab = make_lab()
    workshop = make_workshop(lab)
    outsider = make_user(name="Olu Outsider")
    make_lab(creator=outsider, name="Their own lab")
    client.login_as(outsider)
    page = html_text(client.get(f"/checkin/{workshop.checkin_code}"))
    assert 'value="Olu Outsider"' in page
    client.post_form(f"/checkin/{workshop.checkin_code}", {"name": "Olu Outsider"})
    [attendance] = _attendances(app, workshop)
    assert attendance.walk_in and attendance.membership_id is None and attendance.checked_in_by_id == outsider.id


def test_self_check_in_is_open_only_on_the_day(app, client, make_lab, make_workshop):
    lab = make_lab()
    before = make_workshop(lab, title="Next week", day=date.today() + timedelta(days=7))
    after = make_workshop(lab, title="Last week", day=date.today() - timedelta(days=7))
    assert "Check-in opens on the day of the workshop." in html_text(client.get(f"/checkin/{before.checkin_code}"))
    assert "Check-in for this workshop has closed." in html_text(client.get(f"/checkin/{after.checkin_code}"))
    for workshop in (before, after):
        client.post_form(f"/checkin/{workshop.checkin_code}", {"name": "Early Bird"})
        assert _attendances(app, workshop) == []


def test_one_workshop_takes_at_most_a_hundred_self_check_ins_an_hour(app, make_lab, make_workshop):
    """Clearing cookies must not let one person fill the attendance tables with made-up walk-ins."""
    workshop = make_workshop(make_lab())
    other = make_workshop(make_lab(name="Other Lab"))
    url = f"/checkin/{workshop.checkin_code}"
    for n in range(100):
        response = app.test_client().post_form(url, {"name": f"Visitor {n}", "sector": "community"})
        assert response.status_code == 302, n
    assert app.test_client().post_form(url, {"name": "One too many"}).status_code == 429
    assert len(_attendances(app, workshop)) == 100
    assert app.test_client().post_form(f"/checkin/{other.checkin_code}", {"name": "Elsewhere"}).status_code == 302
