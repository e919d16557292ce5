"""Hosts: from the system map or new, a private contact, visits entered for them or through their own link."""
import re
from datetime import date, time

from labapp.extensions import db
from labapp.journeys.models import Host, Visit
from labapp.journeys.service import hash_token
from labapp.labs.models import Lab
from labapp.systemmap import service as map_service
from tests.helpers import html_text

from .helpers import sign_up

VISIT_FORM = {"title": "Evening at the youth club", "host_does": "A youth club", "will_see": "The music room",
              "day": "2027-02-10", "starts": "18:00", "ends": "20:00", "address": "40 Mill Road", "area": "Eastfield",
              "capacity": "6", "languages": ["en", "ur", "other"], "other_language": "Somali"}


def _actor(app, lab, name="Westgate Food Network"):
    with app.app_context():
        actor = map_service.create_actor(db.session.get(Lab, lab.id), kind="organisation", name=name,
                                         sector="vcse", level="manager", services="", tags=[], parent=None)
        db.session.commit()
        return actor.id


def test_a_host_comes_from_the_system_map_and_a_visit_is_entered_for_them(app, facilitator_client):
    client, lab, _ = facilitator_client
    actor_id = _actor(app, lab)
    response = client.post_form(f"/labs/{lab.id}/journeys/hosts/new", {
        "actor": str(actor_id), "organisation": "", "contact_name": "Imran Ali", "contact_email": "IMRAN@example.org",
        "contact_phone": "07700 900123"})
    assert response.status_code == 302
    with app.app_context():
        host = db.session.scalar(db.select(Host))
        assert (host.actor_id, host.name, host.contact_email) == (actor_id, "Westgate Food Network", "imran@example.org")
        host_id = host.id
    response = client.post_form(f"/labs/{lab.id}/journeys/hosts/{host_id}/visits/new", VISIT_FORM)
    assert response.status_code == 302
    with app.app_context():
        visit = db.session.scalar(db.select(Visit))
        assert visit.status == "draft" and visit.capacity == 6 and visit.starts == time(18) and \
            visit.day == date(2027, 2, 10)
        assert visit.languages == ["en", "ur", "other"] and visit.other_language == "Somali"
    page = html_text(client.get(f"/labs/{lab.id}/journeys/{visit.id}/"))
    assert "Westgate Food Network" in page and "Somali" in page


def test_a_host_needs_an_actor_or_a_name_and_another_labs_actor_is_refused(app, facilitator_client, make_lab):
    client, lab, _ = facilitator_client
    page = html_text(client.post_form(f"/labs/{lab.id}/journeys/hosts/new", {"actor": "", "organisation": ""}))
    assert "Choose an organisation from the system map or type its name." in page
    other_actor = _actor(app, make_lab(name="Elsewhere"))
    response = client.post_form(f"/labs/{lab.id}/journeys/hosts/new", {"actor": str(other_actor)})
    assert response.status_code == 200 and "There is a problem" in html_text(response)
    with app.app_context():
        assert db.session.scalar(db.select(Host)) is None


def test_visit_form_explains_mistakes_and_keeps_what_was_typed(app, facilitator_client, make_visit):
    client, lab, _ = facilitator_client
    make_visit(lab)
    with app.app_context():
        host_id = db.session.scalar(db.select(Host.id))
    page = html_text(client.post_form(f"/labs/{lab.id}/journeys/hosts/{host_id}/visits/new",
                                      {**VISIT_FORM, "ends": "17:00", "capacity": "0"}))
    assert "The end time must be after the start time." in page and "Enter a number from 1 to 200." in page
    assert 'value="Evening at the youth club"' in page and 'value="Somali"' in page


def test_the_host_link_lets_the_host_offer_and_edit_visits_and_reflect_without_an_account(
        app, facilitator_client, make_visit, participant):
    client, lab, _ = facilitator_client
    own_visit = make_visit(lab, title="Their visit", organisation="Recovery Steps")
    other_visit = make_visit(lab, title="Someone else's", organisation="Other host")
    with app.app_context():
        host_id = db.session.get(Visit, own_visit).host_id
    page = client.post_form(f"/labs/{lab.id}/journeys/hosts/{host_id}/link").get_data(as_text=True)
    link = re.search(r"<code>(http://[^<]+/journeys/host/([^/<]+)/)</code>", page)
    token = link.group(2)
    with app.app_context():
        assert db.session.get(Host, host_id).link_token_hash == hash_token(token)
    _, visitor = participant(lab, name="Nasreen Akhtar", support_needs=["interpreter"])
    sign_up(app, own_visit, visitor)

    host = app.test_client()  # not signed in
    home = html_text(host.get(f"/journeys/host/{token}/"))
    assert "Their visit" in home and "Someone else" not in home
    assert host.post_form(f"/journeys/host/{token}/visits/new", VISIT_FORM).status_code == 302
    with app.app_context():
        added = db.session.scalar(db.select(Visit).where(Visit.title == "Evening at the youth club"))
        assert added.host_id == host_id and added.status == "draft"
    assert host.get(f"/journeys/host/{token}/visits/{other_visit}/edit").status_code == 404
    assert host.post_form(f"/journeys/host/{token}/visits/{own_visit}/reflection",
                          {"host_reflection": "They listened well."}).status_code == 302
    with app.app_context():
        assert db.session.get(Visit, own_visit).host_reflection == "They listened well."
    brief = host.get(f"/journeys/host/{token}/visits/{own_visit}/brief.pdf?lang=en")
    assert brief.content_type == "application/pdf"
    import subprocess
    text = subprocess.run(["pdftotext", "-", "-"], input=brief.data, capture_output=True, check=True).stdout.decode()
    assert "Nasreen Akhtar" in text and "An interpreter" in text

    client.post_form(f"/labs/{lab.id}/journeys/hosts/{host_id}/link", {"revoke": "1"})
    assert host.get(f"/journeys/host/{token}/").status_code == 404
    assert app.test_client().get("/journeys/host/not-a-token/").status_code == 404


def test_the_host_link_is_rate_limited(app, facilitator_client):
    client, _lab, _ = facilitator_client
    anonymous = app.test_client()
    codes = [anonymous.get("/journeys/host/guess-number-%d/" % n).status_code for n in range(121)]
    assert codes[:120] == [404] * 120 and codes[120] == 429
