"""Calendar files: one visit, and a personal feed by secret address, in Europe/London time with stable UIDs."""
import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from icalendar import Calendar

from .helpers import sign_up


def _events(response):
    assert response.status_code == 200 and response.content_type.startswith("text/calendar")
    calendar = Calendar.from_ical(response.data)
    return calendar, [c for c in calendar.walk("VEVENT")]


def test_a_visit_downloads_as_an_ics_file_in_london_time(app, client, make_lab, make_visit, participant):
    lab = make_lab()
    summer = make_visit(lab, title="Summer visit", day=date(2027, 7, 1))
    user, member_id = participant(lab)
    client.login_as(user)
    calendar, [event] = _events(client.get(f"/labs/{lab.id}/journeys/{summer}.ics"))
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/London"
    start = event.decoded("DTSTART")
    assert start == datetime(2027, 7, 1, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    assert start.utcoffset().total_seconds() == 3600  # British Summer Time
    assert "TZID=Europe/London:20270701T100000" in client.get(f"/labs/{lab.id}/journeys/{summer}.ics").get_data(
        as_text=True)
    assert str(event["SUMMARY"]) == "Learning journey: Summer visit"
    assert str(event["STATUS"]) == "CONFIRMED"
    uid = str(event["UID"])
    _, [again] = _events(client.get(f"/labs/{lab.id}/journeys/{summer}.ics"))
    assert str(again["UID"]) == uid == f"labapp-lab{lab.id}-visit{summer}@localhost"


def test_the_personal_feed_lists_confirmed_visits_by_secret_address_and_marks_cancelled_ones(
        app, client, make_lab, make_visit, participant, add_member, make_user):
    lab = make_lab()
    going = make_visit(lab, title="Going", capacity=2)
    waiting = make_visit(lab, title="Waiting", capacity=1, starts=time(14),
                         ends=time(15))
    user, member_id = participant(lab)
    _, other = participant(lab)
    sign_up(app, waiting, other)
    sign_up(app, going, member_id)
    sign_up(app, waiting, member_id)
    client.login_as(user)
    page = client.post_form(f"/labs/{lab.id}/journeys/calendar").get_data(as_text=True)
    address = re.search(r"<code>http://localhost(/journeys/calendar/[^<]+\.ics)</code>", page).group(1)
    anonymous = app.test_client()
    _, events = _events(anonymous.get(address))
    assert [str(e["SUMMARY"]) for e in events] == ["Learning journey: Going"]
    # A cancelled visit stays in the feed, marked cancelled, with the same UID.
    facilitator_user = make_user(name="Second facilitator")
    add_member(lab, facilitator_user, "facilitator")
    staff = app.test_client()
    staff.login_as(facilitator_user)
    staff.post_form(f"/labs/{lab.id}/journeys/{going}/status", {"status": "cancelled"})
    _, [event] = _events(anonymous.get(address))
    assert str(event["STATUS"]) == "CANCELLED" and str(event["UID"]) == f"labapp-lab{lab.id}-visit{going}@localhost"
    # A new address replaces the old one.
    client.post_form(f"/labs/{lab.id}/journeys/calendar")
    assert anonymous.get(address).status_code == 404
    assert anonymous.get("/journeys/calendar/nonsense.ics").status_code == 404
