"""Checking people in on the day: search, one tap, undo, walk-ins, and never twice."""
import re

from labapp.extensions import db
from labapp.labs.models import Membership
from labapp.outreach.models import Outreach
from labapp.workshops import checkin
from labapp.workshops.models import Attendance, Workshop
from tests.helpers import html_text


def _attendances(app, workshop):
    with app.app_context():
        return db.session.scalars(db.select(Attendance).where(Attendance.workshop_id == workshop.id)
                                  .order_by(Attendance.id)).all()


def _setup(app, facilitator_client, make_user, add_member, make_workshop):
    client, lab, facilitator = facilitator_client
    amina = add_member(lab, make_user(name="Amina Khan", password=None), "participant", sector="community")
    add_member(lab, make_user(name="Tom Brown", password=None), "participant", sector="nhs")
    return client, lab, facilitator, make_workshop(lab), amina


def _url(lab, workshop, tail=""):
    return f"/labs/{lab.id}/workshops/{workshop.id}/checkin{tail}"


def test_search_is_case_insensitive_and_offers_a_check_in_button(app, facilitator_client, make_user, add_member,
                                                                  make_workshop):
    client, lab, _, workshop, amina = _setup(app, facilitator_client, make_user, add_member, make_workshop)
    page = html_text(client.get(_url(lab, workshop), query_string={"q": "aMiNa"}))
    assert "0 checked in" in page
    assert "Amina Khan" in page and "Tom Brown" not in page
    assert f'action="{_url(lab, workshop, f"/members/{amina}")}"' in page
    assert "Check in" in page
    page = html_text(client.get(_url(lab, workshop), query_string={"q": "%"}))
    assert "Amina Khan" not in page and "Nobody in this lab has that name." in page


def test_search_ignores_case_and_accents_in_every_script(app, facilitator_client, make_user, add_member,
                                                        make_workshop):
    client, lab, _, workshop, _ = _setup(app, facilitator_client, make_user, add_member, make_workshop)
    add_member(lab, make_user(name="Żaneta Łukasiewicz", password=None), "participant")
    add_member(lab, make_user(name="محمد علی", password=None), "participant")
    for query in ("zaneta", "ŻANETA", "łukasie", "LUKASIEWICZ"):
        assert "Żaneta Łukasiewicz" in html_text(client.get(_url(lab, workshop), query_string={"q": query})), query
    page = html_text(client.get(_url(lab, workshop), query_string={"q": "علی"}))
    assert "محمد علی" in page and "Żaneta" not in page


def test_a_name_nobody_has_opens_the_walk_in_form_with_the_name_typed(app, facilitator_client, make_user,
                                                                      add_member, make_workshop):
    client, lab, _, workshop, _ = _setup(app, facilitator_client, make_user, add_member, make_workshop)
    page = html_text(client.get(_url(lab, workshop), query_string={"q": "Jo Visitor"}))
    assert re.search(r'<details class="panel walk-in" id="walk-in" open>', page)
    assert re.search(r'name="name"[^>]*value="Jo Visitor"', page)
    page = html_text(client.get(_url(lab, workshop), query_string={"q": "amina"}))
    assert not re.search(r'id="walk-in" open', page), "the walk-in form stays folded when the name is found"


def test_check_in_copies_name_and_sector_and_shows_the_count_and_an_undo(app, facilitator_client, make_user,
                                                                         add_member, make_workshop):
    client, lab, facilitator, workshop, amina = _setup(app, facilitator_client, make_user, add_member, make_workshop)
    response = client.post_form(_url(lab, workshop, f"/members/{amina}"))
    assert response.status_code == 302
    [attendance] = _attendances(app, workshop)
    assert (attendance.membership_id, attendance.name, attendance.sector, attendance.level, attendance.walk_in,
            attendance.checked_in_by_id) == (amina, "Amina Khan", "community", None, False, facilitator.id)
    page = html_text(client.get(_url(lab, workshop), query_string={"q": "amina"}))
    assert "1 checked in" in page
    assert re.search(r"tag-done[^>]*>Checked in<", page)
    assert f'action="{_url(lab, workshop, f"/attendances/{attendance.id}/undo")}"' in page
    assert f'action="{_url(lab, workshop, f"/members/{amina}")}"' not in page, "no second check-in button"
    with app.app_context():
        db.session.get(Membership, amina).sector = "nhs"
        db.session.commit()
    assert _attendances(app, workshop)[0].sector == "community", "the record keeps the sector of the day"


def test_checking_in_twice_keeps_one_record(app, facilitator_client, make_user, add_member, make_workshop):
    client, lab, _, workshop, amina = _setup(app, facilitator_client, make_user, add_member, make_workshop)
    client.post_form(_url(lab, workshop, f"/members/{amina}"))
    response = client.post_form(_url(lab, workshop, f"/members/{amina}"), follow_redirects=True)
    assert "Amina Khan was already checked in." in html_text(response)
    assert len(_attendances(app, workshop)) == 1


def test_a_race_between_two_phones_counts_as_already_checked_in(app, make_lab, make_user, add_member,
                                                                 make_workshop, monkeypatch):
    lab = make_lab()
    amina = add_member(lab, make_user(name="Amina Khan"), "participant")
    workshop = make_workshop(lab)
    with app.app_context():
        db.session.add(Attendance(workshop_id=workshop.id, membership_id=amina, name="Amina Khan"))
        db.session.commit()
    real_lookup = checkin.attendance_of
    calls = []

    def lookup_that_misses_the_first_time(w, membership_id):
        calls.append(membership_id)
        return None if len(calls) == 1 else real_lookup(w, membership_id)

    monkeypatch.setattr(checkin, "attendance_of", lookup_that_misses_the_first_time)
    with app.app_context():
        w = db.session.get(Workshop, workshop.id)
        attendance, new = checkin.check_in_member(w, db.session.get(Membership, amina), by=None)
        db.session.commit()
        assert new is False and attendance is not None and attendance.membership_id == amina
    assert len(calls) == 2, "the insert was tried and refused by the database"
    assert len(_attendances(app, workshop)) == 1


def test_check_in_marks_the_members_invitation_attended(app, facilitator_client, make_user, add_member,
                                                        make_workshop):
    client, lab, _, workshop, amina = _setup(app, facilitator_client, make_user, add_member, make_workshop)
    other = make_workshop(lab, title="Retreat")
    with app.app_context():
        rows = [Outreach(lab_id=lab.id, workshop_id=workshop.id, membership_id=amina, status="accepted"),
                Outreach(lab_id=lab.id, workshop_id=other.id, membership_id=amina, status="accepted")]
        db.session.add_all(rows)
        db.session.commit()
        this_id, other_id = rows[0].id, rows[1].id
    client.post_form(_url(lab, workshop, f"/members/{amina}"))
    with app.app_context():
        assert db.session.get(Outreach, this_id).status == "attended"
        assert db.session.get(Outreach, other_id).status == "accepted"


def test_undo_removes_the_check_in(app, facilitator_client, make_user, add_member, make_workshop):
    client, lab, _, workshop, amina = _setup(app, facilitator_client, make_user, add_member, make_workshop)
    client.post_form(_url(lab, workshop, f"/members/{amina}"))
    [attendance] = _attendances(app, workshop)
    undo = _url(lab, workshop, f"/attendances/{attendance.id}/undo")
    assert client.get(undo).status_code == 405
    response = client.post_form(undo, {"q": "amina"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/checkin?q=amina")
    assert _attendances(app, workshop) == []
    page = html_text(client.get(_url(lab, workshop), query_string={"q": "amina"}))
    assert "0 checked in" in page and f'action="{_url(lab, workshop, f"/members/{amina}")}"' in page


def test_walk_in_is_added_in_one_short_form(app, facilitator_client, make_user, add_member, make_workshop):
    client, lab, facilitator, workshop, _ = _setup(app, facilitator_client, make_user, add_member, make_workshop)
    response = client.post_form(_url(lab, workshop, "/walk-in"), {"name": "Jo Visitor", "sector": "vcse",
                                                                   "level": "frontline"})
    assert response.status_code == 302
    [attendance] = _attendances(app, workshop)
    assert (attendance.name, attendance.sector, attendance.level, attendance.walk_in, attendance.membership_id,
            attendance.checked_in_by_id) == ("Jo Visitor", "vcse", "frontline", True, None, facilitator.id)
    client.post_form(_url(lab, workshop, "/walk-in"), {"name": "Sam", "sector": "", "level": ""})
    assert [(a.name, a.sector, a.level) for a in _attendances(app, workshop)][1] == ("Sam", None, None)
    page = html_text(client.get(_url(lab, workshop), query_string={"q": "jo vis"}))
    assert "2 checked in" in page and "Jo Visitor" in page and "Walk-in" in page


def test_walk_in_without_a_name_is_refused_and_keeps_the_choices(app, facilitator_client, make_user, add_member,
                                                                 make_workshop):
    client, lab, _, workshop, _ = _setup(app, facilitator_client, make_user, add_member, make_workshop)
    response = client.post_form(_url(lab, workshop, "/walk-in"), {"name": " ", "sector": "vcse", "level": "manager"})
    page = html_text(response)
    assert response.status_code == 200 and "Enter a name." in page
    assert re.search(r'<option selected value="vcse">', page) and re.search(r'<option selected value="manager">', page)
    assert _attendances(app, workshop) == []


def test_a_member_of_another_lab_cannot_be_checked_in(app, facilitator_client, make_user, make_lab, add_member,
                                                      make_workshop):
    client, lab, _, workshop, _ = _setup(app, facilitator_client, make_user, add_member, make_workshop)
    other_lab = make_lab(name="Other Lab")
    stranger = add_member(other_lab, make_user(name="Amina Other"), "participant")
    assert "Amina Other" not in html_text(client.get(_url(lab, workshop), query_string={"q": "amina"}))
    assert client.post_form(_url(lab, workshop, f"/members/{stranger}")).status_code == 404
    assert _attendances(app, workshop) == []


def test_undo_puts_the_invitation_back_to_accepted(app, facilitator_client, make_user, add_member, make_workshop):
    client, lab, _, workshop, amina = _setup(app, facilitator_client, make_user, add_member, make_workshop)
    with app.app_context():
        outreach = Outreach(lab_id=lab.id, person_name="Amina", workshop_id=workshop.id, membership_id=amina,
                            status="accepted")
        db.session.add(outreach)
        db.session.commit()
        outreach_id = outreach.id
    client.post_form(_url(lab, workshop, f"/members/{amina}"))
    with app.app_context():
        assert db.session.get(Outreach, outreach_id).status == "attended"
    [attendance] = _attendances(app, workshop)
    client.post_form(_url(lab, workshop, f"/attendances/{attendance.id}/undo"))
    with app.app_context():
        assert db.session.get(Outreach, outreach_id).status == "accepted"


def test_undo_puts_the_lab_wide_invitation_back_unless_they_came_to_another_workshop(
        app, facilitator_client, make_user, add_member, make_workshop):
    client, lab, _, workshop, amina = _setup(app, facilitator_client, make_user, add_member, make_workshop)
    other = make_workshop(lab, title="Retreat")
    with app.app_context():
        lab_wide = Outreach(lab_id=lab.id, person_name="Amina", workshop_id=None, membership_id=amina, status="accepted")
        db.session.add(lab_wide)
        db.session.commit()
        lab_wide_id = lab_wide.id

    def status():
        with app.app_context():
            return db.session.get(Outreach, lab_wide_id).status

    client.post_form(_url(lab, workshop, f"/members/{amina}"))
    assert status() == "attended"
    [attendance] = _attendances(app, workshop)
    client.post_form(_url(lab, workshop, f"/attendances/{attendance.id}/undo"))
    assert status() == "accepted"

    client.post_form(_url(lab, other, f"/members/{amina}"))
    client.post_form(_url(lab, workshop, f"/members/{amina}"))
    [attendance] = _attendances(app, workshop)
    client.post_form(_url(lab, workshop, f"/attendances/{attendance.id}/undo"))
    assert status() == "attended", "still came to the Retreat"
