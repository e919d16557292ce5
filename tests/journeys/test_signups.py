"""Sign-ups: places and a fair waiting list, promotion when someone cancels, no overlapping visits."""
from datetime import date, time

from labapp.extensions import db
from labapp.journeys.models import Visit
from tests.helpers import html_text

from .helpers import notices_for, sign_up, signup_row, visit_state


def test_a_participant_signs_up_and_sees_the_places_left(app, client, make_lab, make_visit, participant):
    lab = make_lab()
    visit_id = make_visit(lab, capacity=6)
    user, member_id = participant(lab)
    client.login_as(user)
    page = html_text(client.get(f"/labs/{lab.id}/journeys/"))
    assert "6 places left" in page
    response = client.post_form(f"/labs/{lab.id}/journeys/{visit_id}/sign-up")
    assert response.status_code == 302
    page = html_text(client.get(f"/labs/{lab.id}/journeys/{visit_id}/"))
    assert "You have a place on this visit" in page and "You are going" in page and "5 places left" in page
    assert visit_state(app, visit_id) == ("open", 1, [member_id], [])
    # Pressing the button again changes nothing.
    client.post_form(f"/labs/{lab.id}/journeys/{visit_id}/sign-up")
    assert visit_state(app, visit_id) == ("open", 1, [member_id], [])


def test_beyond_capacity_people_wait_in_order_and_see_their_position(app, client, make_lab, make_visit,
                                                                        participant):
    lab = make_lab()
    visit_id = make_visit(lab, capacity=2)
    people = [participant(lab) for _ in range(4)]
    for _user, member_id in people[:3]:
        sign_up(app, visit_id, member_id)
    client.login_as(people[3][0])
    response = client.post_form(f"/labs/{lab.id}/journeys/{visit_id}/sign-up", follow_redirects=True)
    page = html_text(response)
    assert "You are number 2 on the waiting list" in page
    status, count, confirmed, waiting = visit_state(app, visit_id)
    assert (status, count) == ("full", 2)
    assert confirmed == [people[0][1], people[1][1]] and waiting == [people[2][1], people[3][1]]
    assert "Full: join the waiting list" in html_text(client.get(f"/labs/{lab.id}/journeys/"))



def test_someone_waiting_for_several_visits_sees_their_place_on_each_list(app, client, make_lab, make_visit,
                                                                            participant):
    lab = make_lab()
    first = make_visit(lab, capacity=1, title="Pharmacy counter", day=date(2027, 2, 10))
    second = make_visit(lab, capacity=1, title="Food bank", day=date(2027, 2, 11))
    third = make_visit(lab, capacity=2, title="Youth club", day=date(2027, 2, 12))
    people = [participant(lab) for _ in range(3)]
    user, member_id = participant(lab)
    for _user, other_id in people:
        sign_up(app, first, other_id)
    sign_up(app, second, people[0][1])
    for visit_id in (first, second, third):
        sign_up(app, visit_id, member_id)
    client.login_as(user)
    mine = html_text(client.get(f"/labs/{lab.id}/journeys/mine"))
    index = html_text(client.get(f"/labs/{lab.id}/journeys/"))
    for page in (mine, index):
        assert page.index("Pharmacy counter") < page.index("You are number 3 on the waiting list") \
            < page.index("Food bank") < page.index("You are number 1 on the waiting list") < page.index("Youth club")
        assert page.count("You are number ") == 2


def test_cancelling_promotes_the_first_waiting_person_who_is_told_once(app, client, make_lab, make_visit,
                                                                       participant):
    lab = make_lab()
    visit_id = make_visit(lab, capacity=1, title="Pharmacy counter")
    (first, first_id), (second, second_id), (third, third_id) = [participant(lab) for _ in range(3)]
    for member_id in (first_id, second_id, third_id):
        sign_up(app, visit_id, member_id)
    client.login_as(first)
    client.post_form(f"/labs/{lab.id}/journeys/{visit_id}/cancel")
    assert visit_state(app, visit_id) == ("full", 1, [second_id], [third_id])
    assert signup_row(app, visit_id, first_id).status == "cancelled"
    assert notices_for(app, second_id) == [("promoted", visit_id, False)]
    assert notices_for(app, third_id) == []
    other = app.test_client()
    other.login_as(second)
    page = html_text(other.get(f"/labs/{lab.id}/journeys/"))
    assert "A place came free on Pharmacy counter: it is yours now." in page
    assert "A place came free" not in html_text(other.get(f"/labs/{lab.id}/journeys/"))
    third_client = app.test_client()
    third_client.login_as(third)
    assert "You are number 1 on the waiting list" in html_text(third_client.get(f"/labs/{lab.id}/journeys/{visit_id}/"))


def test_a_freed_place_with_nobody_waiting_reopens_the_visit(app, make_lab, make_visit, participant):
    lab = make_lab()
    visit_id = make_visit(lab, capacity=1)
    user, member_id = participant(lab)
    sign_up(app, visit_id, member_id)
    assert visit_state(app, visit_id)[:2] == ("full", 1)
    client = app.test_client()
    client.login_as(user)
    client.post_form(f"/labs/{lab.id}/journeys/{visit_id}/cancel")
    assert visit_state(app, visit_id) == ("open", 0, [], [])


def test_leaving_the_waiting_list_moves_the_others_up(app, make_lab, make_visit, participant):
    lab = make_lab()
    visit_id = make_visit(lab, capacity=1)
    people = [participant(lab) for _ in range(4)]
    for _user, member_id in people:
        sign_up(app, visit_id, member_id)
    client = app.test_client()
    client.login_as(people[1][0])
    client.post_form(f"/labs/{lab.id}/journeys/{visit_id}/cancel")
    assert visit_state(app, visit_id) == ("full", 1, [people[0][1]], [people[2][1], people[3][1]])
    # Signing up again puts you at the back of the queue.
    assert sign_up(app, visit_id, people[1][1]) == ("waitlisted", 3)


def test_overlapping_visits_are_refused_with_a_clear_message(app, client, make_lab, make_visit, participant):
    lab = make_lab()
    morning = make_visit(lab, title="GP practice", day=date(2027, 2, 8), starts=time(9), ends=time(11))
    overlapping = make_visit(lab, title="Food network", day=date(2027, 2, 8), starts=time(10, 30), ends=time(12))
    touching = make_visit(lab, title="Youth club", day=date(2027, 2, 8), starts=time(11), ends=time(13))
    user, member_id = participant(lab)
    client.login_as(user)
    client.post_form(f"/labs/{lab.id}/journeys/{morning}/sign-up")
    page = html_text(client.post_form(f"/labs/{lab.id}/journeys/{overlapping}/sign-up", follow_redirects=True))
    assert "this visit overlaps with GP practice" in page
    assert visit_state(app, overlapping)[2:] == ([], [])
    client.post_form(f"/labs/{lab.id}/journeys/{touching}/sign-up")
    assert visit_state(app, touching)[2] == [member_id]


def test_a_waiting_place_counts_as_holding_the_time(app, make_lab, make_visit, participant):
    lab = make_lab()
    full = make_visit(lab, capacity=1, starts=time(10), ends=time(12))
    other = make_visit(lab, starts=time(11), ends=time(13))
    (_, a), (user, b) = participant(lab), participant(lab)
    sign_up(app, full, a)
    assert sign_up(app, full, b) == ("waitlisted", 1)
    client = app.test_client()
    client.login_as(user)
    page = html_text(client.post_form(f"/labs/{lab.id}/journeys/{other}/sign-up", follow_redirects=True))
    assert "overlaps" in page


def test_closed_and_draft_visits_take_no_sign_ups(app, client, make_lab, make_visit, participant):
    lab = make_lab()
    closed = make_visit(lab, status="closed")
    draft = make_visit(lab, status="draft", title="Secret draft")
    user, _member = participant(lab)
    client.login_as(user)
    page = html_text(client.post_form(f"/labs/{lab.id}/journeys/{closed}/sign-up", follow_redirects=True))
    assert "This visit is not taking sign-ups." in page
    assert client.get(f"/labs/{lab.id}/journeys/{draft}/").status_code == 404
    assert client.post_form(f"/labs/{lab.id}/journeys/{draft}/sign-up").status_code == 404
    assert "Secret draft" not in html_text(client.get(f"/labs/{lab.id}/journeys/"))


def test_more_places_promote_waiting_people_and_fewer_than_confirmed_are_refused(app, facilitator_client,
                                                                                  make_visit, participant):
    client, lab, _ = facilitator_client
    visit_id = make_visit(lab, capacity=1)
    people = [participant(lab)[1] for _ in range(3)]
    for member_id in people:
        sign_up(app, visit_id, member_id)
    form = {"title": "A morning at Moor Lane Surgery", "day": "2027-02-10", "starts": "10:00", "ends": "12:00",
            "capacity": "2"}
    assert client.post_form(f"/labs/{lab.id}/journeys/{visit_id}/edit", form).status_code == 302
    assert visit_state(app, visit_id) == ("full", 2, people[:2], people[2:])
    assert notices_for(app, people[1]) == [("promoted", visit_id, False)]
    page = html_text(client.post_form(f"/labs/{lab.id}/journeys/{visit_id}/edit", {**form, "capacity": "1"}))
    assert "2 people are confirmed already" in page
    with app.app_context():
        assert db.session.get(Visit, visit_id).capacity == 2


def test_cancelling_a_visit_tells_everyone_signed_up(app, facilitator_client, make_visit, participant):
    client, lab, _ = facilitator_client
    visit_id = make_visit(lab, capacity=1, title="Allotment")
    (_, a), (_, b) = participant(lab), participant(lab)
    sign_up(app, visit_id, a)
    sign_up(app, visit_id, b)
    client.post_form(f"/labs/{lab.id}/journeys/{visit_id}/status", {"status": "cancelled"})
    assert visit_state(app, visit_id)[0] == "cancelled"
    assert notices_for(app, a) == [("visit_cancelled", visit_id, False)]
    assert notices_for(app, b) == [("visit_cancelled", visit_id, False)]


def test_promotion_is_emailed_when_smtp_is_configured(make_app, make_lab, make_visit, participant, monkeypatch):
    app = make_app(MAIL_SERVER="smtp.example.org")
    sent = []
    monkeypatch.setattr("labapp.journeys.signup_views.send_mail", lambda **mail: sent.append(mail) or True)
    lab = make_lab()
    visit_id = make_visit(lab, capacity=1, title="Youth club")
    (first, a), (_second, b) = participant(lab), participant(lab)
    sign_up(app, visit_id, a)
    sign_up(app, visit_id, b)
    client = app.test_client()
    client.login_as(first)
    client.post_form(f"/labs/{lab.id}/journeys/{visit_id}/cancel")
    assert len(sent) == 1
    assert sent[0]["subject"] == "You have a place on Youth club"
    assert f"/labs/{lab.id}/journeys/{visit_id}/" in sent[0]["body"]


def test_visits_can_be_filtered_by_day_language_and_area(app, client, make_lab, make_visit, participant):
    lab = make_lab()
    make_visit(lab, title="Urdu morning", day=date(2027, 2, 8), languages=["ur", "en"], area="Manningham")
    make_visit(lab, title="Polish Saturday", day=date(2027, 2, 13), languages=["pl"], area="Little Horton")
    user, _ = participant(lab)
    client.login_as(user)
    base = f"/labs/{lab.id}/journeys/"
    page = html_text(client.get(base))
    assert "Urdu morning" in page and "Polish Saturday" in page
    page = html_text(client.get(base + "?language=pl"))
    assert "Polish Saturday" in page and "Urdu morning" not in page
    page = html_text(client.get(base + "?day=2027-02-08"))
    assert "Urdu morning" in page and "Polish Saturday" not in page
    page = html_text(client.get(base + "?area=Little+Horton"))
    assert "Polish Saturday" in page and "Urdu morning" not in page
    page = html_text(client.get(base + "?language=ur&day=2027-02-13"))
    assert "No visits match" in page


def test_removing_a_member_frees_their_place_for_the_first_on_the_waiting_list(app, facilitator_client, make_visit,
                                                                                 participant):
    client, lab, _ = facilitator_client
    visit_id = make_visit(lab, capacity=2)
    people = [participant(lab) for _ in range(3)]
    for _user, member_id in people:
        sign_up(app, visit_id, member_id)
    assert visit_state(app, visit_id) == ("full", 2, [people[0][1], people[1][1]], [people[2][1]])
    response = client.post_form(f"/labs/{lab.id}/members/{people[0][1]}/remove")
    assert response.status_code == 302
    assert visit_state(app, visit_id) == ("full", 2, [people[1][1], people[2][1]], [])
    assert notices_for(app, people[2][1]), "the person who got the place is told on their next visit"
