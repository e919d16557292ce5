"""Who sees a programme, who changes it, and who adds or takes out which lab."""
from labapp.extensions import db
from labapp.labs.models import Lab
from labapp.programmes.models import Programme, ProgrammeLab
from tests.helpers import html_text


def _lab_ids(app, programme_id):
    with app.app_context():
        return [row.lab_id for row in db.session.get(Programme, programme_id).lab_rows]


def test_members_of_any_lab_see_the_programme_and_others_get_404(world, client):
    url = f"/programmes/{world.programme_id}/"
    client.login_as(world.rae)  # a participant of lab A only
    assert client.get(url).status_code == 200
    client.get("/logout")
    client.login_as(world.outsider)
    assert client.get(url).status_code == 404
    assert client.get(f"/programmes/{world.programme_id}/labs").status_code == 404
    assert client.get(f"/programmes/{world.programme_id}/edit").status_code == 404
    assert client.get("/programmes/99999/").status_code == 404
    assert "Two towns" not in html_text(client.get("/programmes/"))


def test_anonymous_people_are_sent_to_sign_in(world, client):
    response = client.get(f"/programmes/{world.programme_id}/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_lab_links_home_only_for_viewers_in_it(world, client):
    client.login_as(world.rae)
    page = client.get(f"/programmes/{world.programme_id}/").get_data(as_text=True)
    assert f'href="/labs/{world.lab_a.id}/"' in page
    assert f'href="/labs/{world.lab_b.id}/"' not in page and "Hillside Lab" in page and "Hillside" in page


def test_a_facilitator_cannot_add_a_lab_they_do_not_facilitate(world, client, make_lab, add_member):
    lab_c = world.lab_c  # Fran is not in it
    client.login_as(world.fran)
    start = client.post_form("/programmes/new", {"name": "Mine", "lab_id": lab_c.id})
    assert start.status_code == 200 and "Choose one of your labs from the list." in html_text(start)
    with world.app.app_context():
        assert db.session.query(Programme).count() == 1
    # Fran facilitates A, already in the programme: nothing of hers to add, and B is Bea's.
    refused = client.post_form(f"/programmes/{world.programme_id}/labs", {"lab_id": lab_c.id})
    assert refused.status_code == 403
    lab_d = make_lab(creator=world.fran, name="Fran's second lab", place="Dale")
    refused = client.post_form(f"/programmes/{world.programme_id}/labs", {"lab_id": lab_c.id})
    assert refused.status_code == 200 and "Choose one of your labs from the list." in html_text(refused)
    assert lab_c.id not in _lab_ids(world.app, world.programme_id)
    added = client.post_form(f"/programmes/{world.programme_id}/labs", {"lab_id": lab_d.id})
    assert added.status_code == 302
    assert _lab_ids(world.app, world.programme_id) == [world.lab_a.id, world.lab_b.id, lab_d.id]
    add_member(lab_c, world.fran, "facilitator")
    assert client.post_form(f"/programmes/{world.programme_id}/labs", {"lab_id": lab_c.id}).status_code == 302
    assert lab_c.id in _lab_ids(world.app, world.programme_id)


def test_the_add_form_offers_only_my_labs_not_yet_in(world, client, make_lab):
    make_lab(creator=world.bea, name="Bea's other lab", place="Moor")
    client.login_as(world.bea)
    page = html_text(client.get(f"/programmes/{world.programme_id}/labs"))
    assert "Bea's other lab" in page
    assert f'<option value="{world.lab_b.id}"' not in page and f'<option value="{world.lab_a.id}"' not in page


def test_only_a_facilitator_of_that_lab_takes_it_out(world, client, add_member):
    url_a = f"/programmes/{world.programme_id}/labs/{world.lab_a.id}/remove"
    url_b = f"/programmes/{world.programme_id}/labs/{world.lab_b.id}/remove"
    client.login_as(world.rae)
    assert client.get(url_a).status_code == 403
    assert client.post_form(url_a).status_code == 403
    client.get("/logout")
    client.login_as(world.fran)
    assert client.post_form(url_b).status_code == 403  # Bea's lab: Bea decides
    confirm = client.get(url_a)
    assert confirm.status_code == 200 and "Yes, take the lab out" in html_text(confirm)
    assert _lab_ids(world.app, world.programme_id) == [world.lab_a.id, world.lab_b.id]  # asking changes nothing
    assert client.post_form(url_a).status_code == 302
    assert _lab_ids(world.app, world.programme_id) == [world.lab_b.id]
    with world.app.app_context():
        assert db.session.get(Lab, world.lab_a.id) is not None
    # Fran no longer belongs to any lab in it: she no longer sees it.
    assert client.get(f"/programmes/{world.programme_id}/").status_code == 404


def test_the_last_lab_cannot_leave_delete_instead(world, client):
    client.login_as(world.bea)
    assert client.post_form(f"/programmes/{world.programme_id}/labs/{world.lab_b.id}/remove").status_code == 302
    client.get("/logout")
    client.login_as(world.fran)
    client.post_form(f"/programmes/{world.programme_id}/labs/{world.lab_a.id}/remove")
    assert _lab_ids(world.app, world.programme_id) == [world.lab_a.id]
    assert client.get(f"/programmes/{world.programme_id}/labs/{world.lab_a.id}/remove").status_code == 302
    assert client.get(f"/programmes/{world.programme_id}/labs/{world.lab_b.id}/remove").status_code == 404


def test_facilitators_of_any_lab_edit_the_name_participants_cannot(world, client):
    url = f"/programmes/{world.programme_id}/edit"
    client.login_as(world.rae)
    assert client.get(url).status_code == 403
    assert client.post_form(url, {"name": "Hijacked"}).status_code == 403
    client.get("/logout")
    client.login_as(world.bea)
    empty = client.post_form(url, {"name": "", "description": "Kept as typed"})
    assert empty.status_code == 200 and "Give the programme a name." in html_text(empty)
    assert "Kept as typed" in html_text(empty)
    assert client.post_form(url, {"name": "Two towns, one ICS", "description": ""}).status_code == 302
    with world.app.app_context():
        assert db.session.get(Programme, world.programme_id).name == "Two towns, one ICS"


def test_delete_needs_a_facilitator_of_every_lab_and_keeps_the_labs(world, client, add_member):
    url = f"/programmes/{world.programme_id}/delete"
    client.login_as(world.fran)
    assert client.get(url).status_code == 403  # lab B is Bea's
    add_member(world.lab_b, world.fran, "facilitator")
    page = client.get(url)
    assert page.status_code == 200 and "Yes, delete the programme" in html_text(page)
    assert client.post_form(url).status_code == 302
    with world.app.app_context():
        assert db.session.get(Programme, world.programme_id) is None
        assert db.session.query(ProgrammeLab).count() == 0
        assert db.session.get(Lab, world.lab_a.id) and db.session.get(Lab, world.lab_b.id)


def test_starting_a_programme_needs_a_lab_i_facilitate(world, client):
    client.login_as(world.rae)
    assert client.get("/programmes/new").status_code == 403
    assert "Start a programme" not in html_text(client.get("/programmes/"))
    client.get("/logout")
    client.login_as(world.bea)
    response = client.post_form("/programmes/new", {"name": "Hill and coast", "lab_id": world.lab_b.id})
    assert response.status_code == 302
    with world.app.app_context():
        made = db.session.query(Programme).filter_by(name="Hill and coast").one()
        assert [row.lab_id for row in made.lab_rows] == [world.lab_b.id] and made.created_by_id == world.bea.id


def test_the_list_explains_programmes_when_there_are_none(app, client, make_user, make_lab):
    fran = make_user(name="Fran")
    lab = make_lab(creator=fran)
    client.login_as(fran)
    page = html_text(client.get("/programmes/"))
    assert "None of your labs is in a programme yet." in page and "To start one" in page
    page = html_text(client.get(f"/programmes/?lab={lab.id}"))
    assert "This lab is not in any programme yet." in page


def test_the_lab_home_links_to_its_programmes(world, client):
    client.login_as(world.rae)
    home = client.get(f"/labs/{world.lab_a.id}/").get_data(as_text=True)
    assert f"/programmes/?lab={world.lab_a.id}" in home
    listed = html_text(client.get(f"/programmes/?lab={world.lab_a.id}"))
    assert "Two towns" in listed
    assert client.get(f"/programmes/?lab={world.lab_b.id}").status_code == 404  # not her lab


def test_the_demo_groups_its_labs_once(app, make_user, make_lab):
    from labapp.demo_programmes import add_programmes_demo

    fran = make_user(name="Fran")
    first, second = make_lab(creator=fran, name="City"), make_lab(creator=fran, name="Coast", place="Coast")
    with app.app_context():
        labs = [db.session.get(Lab, first.id), db.session.get(Lab, second.id)]
        add_programmes_demo(labs, fran)
        add_programmes_demo(labs, fran)
        db.session.commit()
        [programme] = db.session.query(Programme).all()
        assert [row.lab_id for row in programme.lab_rows] == [first.id, second.id]
