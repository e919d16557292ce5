"""Access and privacy: other labs see nothing; participants never see other visitors, needs or host contacts."""
import subprocess

from labapp.extensions import db
from labapp.journeys.models import Host
from tests.helpers import html_text

from .helpers import sign_up


def _pdf_text(response) -> str:
    assert response.content_type == "application/pdf"
    return subprocess.run(["pdftotext", "-", "-"], input=response.data, capture_output=True, check=True).stdout.decode()


def test_another_labs_visit_and_host_are_not_found(app, client, make_lab, make_user, make_visit, participant):
    lab, other_lab = make_lab(), make_lab(name="Other Lab")
    visit_id = make_visit(other_lab)
    with app.app_context():
        host_id = db.session.scalar(db.select(Host.id))
    user, _ = participant(lab)
    client.login_as(user)
    for url in (f"/labs/{lab.id}/journeys/{visit_id}/", f"/labs/{lab.id}/journeys/{visit_id}.ics",
                f"/labs/{lab.id}/journeys/{visit_id}/brief.pdf", f"/labs/{other_lab.id}/journeys/",
                f"/labs/{other_lab.id}/journeys/{visit_id}/"):
        assert client.get(url).status_code == 404, url
    assert client.post_form(f"/labs/{lab.id}/journeys/{visit_id}/sign-up").status_code == 404
    facilitator = make_user(name="Other facilitator")
    own_lab = make_lab(creator=facilitator, name="Own lab")
    staff = app.test_client()
    staff.login_as(facilitator)
    assert staff.get(f"/labs/{own_lab.id}/journeys/hosts/{host_id}/").status_code == 404
    assert staff.get(f"/labs/{own_lab.id}/journeys/{visit_id}/signups").status_code == 404


def test_participants_cannot_open_organiser_pages(app, client, make_lab, make_visit, participant):
    lab = make_lab()
    visit_id = make_visit(lab)
    with app.app_context():
        host_id = db.session.scalar(db.select(Host.id))
    user, _ = participant(lab)
    client.login_as(user)
    for url in (f"/labs/{lab.id}/journeys/hosts/", f"/labs/{lab.id}/journeys/hosts/{host_id}/",
                f"/labs/{lab.id}/journeys/{visit_id}/signups", f"/labs/{lab.id}/journeys/{visit_id}/signups.csv",
                f"/labs/{lab.id}/journeys/{visit_id}/edit", f"/labs/{lab.id}/journeys/{visit_id}/translations"):
        assert client.get(url).status_code == 403, url


def test_participants_never_see_other_visitors_their_needs_or_the_host_contact(app, client, make_lab, make_visit,
                                                                               participant):
    lab = make_lab()
    visit_id = make_visit(lab)
    _, other_id = participant(lab, name="Zainab Visible", support_needs=["step_free"])
    sign_up(app, visit_id, other_id)
    user, member_id = participant(lab, name="Marek Reader")
    sign_up(app, visit_id, member_id)
    client.login_as(user)
    for url in (f"/labs/{lab.id}/journeys/", f"/labs/{lab.id}/journeys/{visit_id}/", f"/labs/{lab.id}/journeys/mine"):
        page = html_text(client.get(url))
        assert "Zainab Visible" not in page and "Step-free access" not in page
        assert "Dr Patel" not in page and "practice@example.org" not in page and "01274" not in page
    text = _pdf_text(client.get(f"/labs/{lab.id}/journeys/{visit_id}/brief.pdf?lang=en"))
    assert "How to be a good visitor" in text
    assert "Zainab Visible" not in text and "Step-free access" not in text


def test_organisers_see_the_visitor_list_with_needs_on_the_page_in_the_brief_and_in_csv(app, facilitator_client,
                                                                                       make_visit, participant):
    client, lab, _ = facilitator_client
    visit_id = make_visit(lab, capacity=1)
    _, first = participant(lab, name="Zainab Visible", support_needs=["step_free"])
    _, second = participant(lab, name="Marek Waiting", sector="nhs")
    sign_up(app, visit_id, first)
    sign_up(app, visit_id, second)
    page = html_text(client.get(f"/labs/{lab.id}/journeys/{visit_id}/signups"))
    assert "Zainab Visible" in page and "Step-free access" in page and "Marek Waiting" in page
    text = _pdf_text(client.get(f"/labs/{lab.id}/journeys/{visit_id}/brief.pdf?lang=en"))
    assert "Zainab Visible" in text and "Step-free access" in text
    assert "Marek Waiting" not in text  # the brief lists the confirmed visitors only
    csv = client.get(f"/labs/{lab.id}/journeys/{visit_id}/signups.csv")
    assert csv.content_type.startswith("text/csv")
    lines = csv.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Name,Email,Sector,Status,Place on the waiting list")
    assert lines[1].startswith("Zainab Visible,") and ",Confirmed,," in lines[1]
    assert lines[2].startswith("Marek Waiting,") and ",On the waiting list,1," in lines[2]


def test_the_brief_prints_in_urdu_right_to_left(app, facilitator_client, make_visit):
    client, lab, _ = facilitator_client
    visit_id = make_visit(lab)
    response = client.get(f"/labs/{lab.id}/journeys/{visit_id}/brief.pdf?lang=ur")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert 'filename="visit-' in response.headers["Content-Disposition"] and "-ur.pdf" in \
        response.headers["Content-Disposition"]
