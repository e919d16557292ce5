"""Who may do what: participants see workshops but not check-in or names; another lab's workshop is a 404."""
import io

import pytest
import segno

from labapp.extensions import db
from labapp.workshops.models import AgendaItem, Attendance

GET_ROUTES = ["/", "/edit", "/delete", "/agenda", "/checkin", "/checkin-code", "/checkin-code.svg", "/attendance.csv"]
POST_ROUTES = ["/edit", "/delete", "/agenda/add", "/agenda/{item}", "/agenda/{item}/move", "/agenda/{item}/remove",
               "/checkin/members/{member}", "/checkin/attendances/{attendance}/undo", "/checkin/walk-in"]
ORGANISER_ONLY = [r for r in GET_ROUTES if r not in ("/",)]


@pytest.fixture
def two_labs(app, make_user, make_lab, add_member, make_workshop):
    """Lab A with a facilitator, a participant and a workshop; lab B with its own workshop, item and check-in."""
    fran = make_user(name="Fran")
    lab_a = make_lab(creator=fran, name="Lab A")
    pat = make_user(name="Pat")
    pat_membership = add_member(lab_a, pat, "participant")
    workshop_a = make_workshop(lab_a, title="A's workshop")
    lab_b = make_lab(name="Lab B")
    member_b = add_member(lab_b, make_user(name="Bo"), "participant")
    workshop_b = make_workshop(lab_b, title="B's workshop")
    with app.app_context():
        item = AgendaItem(workshop_id=workshop_b.id, title="B item", starts="10:00")
        attendance = Attendance(workshop_id=workshop_b.id, membership_id=member_b, name="Bo")
        item_a = AgendaItem(workshop_id=workshop_a.id, title="A item", starts="10:00")
        attendance_a = Attendance(workshop_id=workshop_a.id, name="Walk In", walk_in=True)
        db.session.add_all([item, attendance, item_a, attendance_a])
        db.session.commit()
        ids = {"item_b": item.id, "attendance_b": attendance.id, "item_a": item_a.id,
               "attendance_a": attendance_a.id}
    return {"fran": fran, "pat": pat, "pat_membership": pat_membership, "lab_a": lab_a, "lab_b": lab_b,
            "workshop_a": workshop_a, "workshop_b": workshop_b, "member_b": member_b, **ids}


def _fill(route, item, member, attendance):
    return route.format(item=item, member=member, attendance=attendance)


def test_another_labs_workshop_is_a_404_on_every_route(app, two_labs):
    client = app.test_client()
    client.login_as(two_labs["fran"])
    lab_a, lab_b, workshop_b = two_labs["lab_a"], two_labs["lab_b"], two_labs["workshop_b"]
    for lab in (lab_a, lab_b):  # through her own lab's address, and through the other lab's
        base = f"/labs/{lab.id}/workshops/{workshop_b.id}"
        for route in GET_ROUTES:
            assert client.get(base + route).status_code == 404, route
        for route in POST_ROUTES:
            url = base + _fill(route, two_labs["item_b"], two_labs["member_b"], two_labs["attendance_b"])
            assert client.post_form(url, {"step": "up"}).status_code == 404, route
    for route in ("/labs/{}/workshops/", "/labs/{}/workshops/new", "/labs/{}/workshops/attendance",
                  "/labs/{}/workshops/attendance.csv"):
        assert client.get(route.format(lab_b.id)).status_code == 404, route
    with app.app_context():
        assert db.session.get(Attendance, two_labs["attendance_b"]) is not None
        assert db.session.get(AgendaItem, two_labs["item_b"]).title == "B item"


def test_items_and_check_ins_of_another_workshop_are_a_404(app, two_labs, make_workshop):
    client = app.test_client()
    client.login_as(two_labs["fran"])
    lab_a = two_labs["lab_a"]
    other_a = make_workshop(lab_a, title="Second workshop")
    base = f"/labs/{lab_a.id}/workshops/{other_a.id}"
    for route in ("/agenda/{item}", "/agenda/{item}/move", "/agenda/{item}/remove",
                  "/checkin/attendances/{attendance}/undo"):
        url = base + _fill(route, two_labs["item_a"], 0, two_labs["attendance_a"])
        assert client.post_form(url, {"step": "up"}).status_code == 404, route


def test_a_participant_sees_the_workshop_but_cannot_organise_or_check_people_in(app, two_labs):
    client = app.test_client()
    client.login_as(two_labs["pat"])
    lab, workshop = two_labs["lab_a"], two_labs["workshop_a"]
    base = f"/labs/{lab.id}/workshops/{workshop.id}"
    page = client.get(base + "/").get_data(as_text=True)
    assert "A&#39;s workshop" in page and "A item" in page
    assert "Check people in" not in page and workshop.checkin_code not in page
    assert client.get(f"/labs/{lab.id}/workshops/").status_code == 200
    assert client.get(f"/labs/{lab.id}/workshops/attendance").status_code == 200
    for route in ORGANISER_ONLY:
        assert client.get(base + route).status_code == 403, route
    for route in POST_ROUTES:
        url = base + _fill(route, two_labs["item_a"], two_labs["pat_membership"], two_labs["attendance_a"])
        assert client.post_form(url, {"step": "up", "name": "Sneaky"}).status_code == 403, route
    assert client.get(f"/labs/{lab.id}/workshops/new").status_code == 403
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Attendance.id)).where(
            Attendance.workshop_id == workshop.id)) == 1


def test_signed_out_visitors_are_sent_to_sign_in(app, two_labs):
    client = app.test_client()
    lab, workshop = two_labs["lab_a"], two_labs["workshop_a"]
    for url in (f"/labs/{lab.id}/workshops/", f"/labs/{lab.id}/workshops/{workshop.id}/",
                f"/labs/{lab.id}/workshops/{workshop.id}/checkin"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_projection_page_shows_the_code_and_a_qr_of_the_self_check_in_link(app, two_labs):
    client = app.test_client()
    client.login_as(two_labs["fran"])
    lab, workshop = two_labs["lab_a"], two_labs["workshop_a"]
    code = workshop.checkin_code
    page = client.get(f"/labs/{lab.id}/workshops/{workshop.id}/checkin-code").get_data(as_text=True)
    assert f"{code[:3]} {code[3:]}" in page and "/checkin</p>" in page
    svg = client.get(f"/labs/{lab.id}/workshops/{workshop.id}/checkin-code.svg")
    assert svg.mimetype == "image/svg+xml"
    expected = io.BytesIO()
    segno.make(f"http://localhost/checkin/{code}", error="m").save(expected, kind="svg", scale=10, border=2,
                                                                   xmldecl=False, svgns=True, title="QR")
    assert svg.data == expected.getvalue(), "the QR code opens this workshop's self check-in page"
