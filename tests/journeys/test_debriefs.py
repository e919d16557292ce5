"""Debriefs: confirmed visitors write saw/felt/thought; shared ones reach the group and the Retreat room."""
from datetime import datetime

from labapp.extensions import db
from labapp.journeys.models import Debrief
from labapp.labs.models import Lab
from labapp.workshops import service as workshop_service
from tests.helpers import html_text

from .helpers import sign_up


def test_a_visitor_writes_a_shared_debrief_that_the_group_and_the_room_read_without_names(
        app, client, make_lab, make_visit, participant):
    lab = make_lab()
    visit_id = make_visit(lab, title="Mosque health circle")
    user, member_id = participant(lab, name="Nasreen Author")
    reader, reader_id = participant(lab, name="Group Reader")
    sign_up(app, visit_id, member_id)
    sign_up(app, visit_id, reader_id)
    client.login_as(user)
    response = client.post_form(f"/labs/{lab.id}/journeys/{visit_id}/debrief", {
        "saw": "Women asking the nurse frank questions.", "felt": "", "thought": "Bring the surgery here.",
        "shared": "shared"})
    assert response.status_code == 302
    with app.app_context():
        debrief = db.session.scalar(db.select(Debrief))
        assert (debrief.saw, debrief.felt, debrief.shared) == ("Women asking the nurse frank questions.", "", True)
    group = app.test_client()
    group.login_as(reader)
    page = html_text(group.get(f"/labs/{lab.id}/journeys/{visit_id}/"))
    assert "Women asking the nurse frank questions." in page and "Nasreen Author" not in page
    room = html_text(group.get(f"/labs/{lab.id}/journeys/debriefs"))
    assert "Mosque health circle" in room and "Bring the surgery here." in room and "Nasreen Author" not in room


def test_a_private_debrief_is_seen_only_by_its_author(app, client, make_lab, make_visit, participant,
                                                      facilitator_client):
    staff, lab, _ = facilitator_client
    visit_id = make_visit(lab)
    user, member_id = participant(lab)
    reader, reader_id = participant(lab)
    sign_up(app, visit_id, member_id)
    sign_up(app, visit_id, reader_id)
    author = app.test_client()
    author.login_as(user)
    author.post_form(f"/labs/{lab.id}/journeys/{visit_id}/debrief", {"felt": "Quietly moved.", "shared": "private"})
    assert "Quietly moved." in html_text(author.get(f"/labs/{lab.id}/journeys/{visit_id}/debrief"))
    other = app.test_client()
    other.login_as(reader)
    for who in (other, staff):
        for url in (f"/labs/{lab.id}/journeys/{visit_id}/", f"/labs/{lab.id}/journeys/debriefs"):
            assert "Quietly moved." not in html_text(who.get(url))
    # Not even in the facilitators' export: the author was promised "only me".
    export = staff.get(f"/labs/{lab.id}/export.json")
    assert export.status_code == 200 and "Quietly moved." not in export.get_data(as_text=True)


def test_only_confirmed_visitors_debrief_and_an_empty_debrief_is_refused(app, client, make_lab, make_visit,
                                                                          participant):
    lab = make_lab()
    visit_id = make_visit(lab, capacity=1)
    (first, first_id), (waiting, waiting_id) = participant(lab), participant(lab)
    sign_up(app, visit_id, first_id)
    sign_up(app, visit_id, waiting_id)
    client.login_as(waiting)
    assert client.get(f"/labs/{lab.id}/journeys/{visit_id}/debrief").status_code == 403
    writer = app.test_client()
    writer.login_as(first)
    page = html_text(writer.post_form(f"/labs/{lab.id}/journeys/{visit_id}/debrief",
                                      {"saw": "", "felt": "", "thought": "", "shared": "shared"}))
    assert "Write something in at least one of the three boxes." in page


def test_the_retreat_workshop_links_to_the_shared_debriefs(app, facilitator_client):
    client, lab, _ = facilitator_client
    with app.app_context():
        workshop = workshop_service.create_workshop(db.session.get(Lab, lab.id), kind="retreat", title="Retreat",
                                                    starts_at=datetime(2027, 3, 3, 9, 30), ends_at=None)
        db.session.commit()
        workshop_id = workshop.id
    page = client.get(f"/labs/{lab.id}/workshops/{workshop_id}/").get_data(as_text=True)
    assert f'href="/labs/{lab.id}/journeys/debriefs"' in page


def test_visit_text_is_read_in_the_readers_language_with_a_note_when_missing(app, facilitator_client, make_visit,
                                                                              make_user, add_member):
    client, lab, _ = facilitator_client
    visit_id = make_visit(lab, title="Women's health circle", host_does="A women's group")
    response = client.post_form(f"/labs/{lab.id}/journeys/{visit_id}/translations", {
        "locale": "pa", "title": "ਔਰਤਾਂ ਦਾ ਸਿਹਤ ਘੇਰਾ", "host_does": "", "will_see": ""})
    assert response.status_code == 302
    punjabi = make_user(name="Rupinder", email="rupinder@example.org", locale="pa")
    add_member(lab, punjabi, "participant")
    polish = make_user(name="Kasia", email="kasia@example.org", locale="pl")
    add_member(lab, polish, "participant")
    reader = app.test_client()
    reader.login_as(punjabi)
    page = html_text(reader.get(f"/labs/{lab.id}/journeys/{visit_id}/"))
    assert "ਔਰਤਾਂ ਦਾ ਸਿਹਤ ਘੇਰਾ" in page and 'lang="pa"' in page
    assert "A women's group" in page  # untranslated parts fall back to the original
    other = app.test_client()
    other.login_as(polish)
    page = html_text(other.get(f"/labs/{lab.id}/journeys/{visit_id}/"))
    assert "Women's health circle" in page and 'class="notice-fallback"' in page
