"""Who may do what: the team, its coach and sponsor, and facilitators edit; other members read; other labs 404."""
import pytest

from labapp.extensions import db
from labapp.prototypes.models import Cycle, Measure, MeasureValue, Post, Prototype

READ_ROUTES = ["/", "/team", "/log.pdf", "/cycles/{cycle}/", "/measures/{measure}/", "/measures/{measure}/values.csv",
               "/measures/template.csv"]
EDIT_GET_ROUTES = ["/edit", "/cycles/{cycle}/edit", "/cycles/{cycle}/delete", "/measures/new",
                   "/measures/{measure}/edit", "/measures/{measure}/delete", "/measures/{measure}/import"]
EDIT_POST_ROUTES = ["/edit", "/team", "/cycles/new", "/cycles/{cycle}/edit", "/cycles/{cycle}/autosave",
                    "/cycles/{cycle}/delete", "/measures/new", "/measures/{measure}/edit",
                    "/measures/{measure}/delete", "/measures/{measure}/values",
                    "/measures/{measure}/values/{value}/delete", "/measures/{measure}/import", "/delete"]


@pytest.fixture
def objects(app, team_lab, make_cycle, make_measure):
    """A cycle, a measure and a value in lab A's prototype and in lab B's."""
    ids = team_lab["ids"]
    result = {}
    for key, pid in (("a", ids["prototype"]), ("b", ids["other_prototype"])):
        cycle = make_cycle(pid, plan_objective=f"objective {key}")
        measure = make_measure(pid, [5])
        with app.app_context():
            value = db.session.scalar(db.select(MeasureValue.id).where(MeasureValue.measure_id == measure))
        result[key] = {"prototype": pid, "cycle": cycle, "measure": measure, "value": value}
    return result


def _url(lab_id, ids, route):
    return f"/labs/{lab_id}/prototypes/{ids['prototype']}" + route.format(**ids)


@pytest.mark.parametrize("who", ["lee", "mo", "cat", "sam", "fran"])
def test_the_team_coach_sponsor_and_facilitators_may_edit(app, team_lab, objects, who):
    client = app.test_client()
    client.login_as(team_lab["people"][who])
    lab_id = team_lab["lab"].id
    for route in READ_ROUTES + EDIT_GET_ROUTES:
        assert client.get(_url(lab_id, objects["a"], route)).status_code == 200, route
    response = client.post_form(_url(lab_id, objects["a"], "/cycles/{cycle}/edit"),
                                {"version": "2", "plan_objective": f"changed by {who}"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Cycle, objects["a"]["cycle"]).plan_objective == f"changed by {who}"


def test_other_lab_members_read_but_cannot_edit(app, team_lab, objects):
    client = app.test_client()
    client.login_as(team_lab["people"]["rita"])
    lab_id = team_lab["lab"].id
    for route in READ_ROUTES:
        assert client.get(_url(lab_id, objects["a"], route)).status_code == 200, route
    page = client.get(_url(lab_id, objects["a"], "/")).get_data(as_text=True)
    assert "Edit the prototype" not in page and "Start cycle" not in page and "Add a measure" not in page
    for route in EDIT_GET_ROUTES:
        assert client.get(_url(lab_id, objects["a"], route)).status_code == 403, route
    for route in EDIT_POST_ROUTES:
        data = {"version": "2", "plan_objective": "sneaky", "name": "sneaky", "period": "2027-04-05", "value": "1",
                "membership_id": "1", "role": "lead"}
        assert client.post_form(_url(lab_id, objects["a"], route), data).status_code == 403, route
    assert client.get(f"/labs/{lab_id}/prototypes/new").status_code == 403
    with app.app_context():
        assert db.session.get(Cycle, objects["a"]["cycle"]).plan_objective == "objective a"
        assert db.session.get(Prototype, objects["a"]["prototype"]).name == "Warm homes"


def test_another_labs_prototype_is_a_404_on_every_route(app, team_lab, objects):
    client = app.test_client()
    client.login_as(team_lab["people"]["fran"])
    for lab in (team_lab["lab"], team_lab["other_lab"]):  # through her lab's address, and through the other's
        for route in READ_ROUTES + EDIT_GET_ROUTES:
            assert client.get(_url(lab.id, objects["b"], route)).status_code == 404, route
        for route in EDIT_POST_ROUTES + ["/team/1/remove"]:
            data = {"version": "2", "plan_objective": "x", "name": "x", "period": "2027-04-05", "value": "1"}
            assert client.post_form(_url(lab.id, objects["b"], route), data).status_code == 404, route
    # Lab A's prototype, with lab B's cycle or measure in the address.
    mixed = dict(objects["a"], cycle=objects["b"]["cycle"], measure=objects["b"]["measure"],
                 value=objects["b"]["value"])
    for route in ["/cycles/{cycle}/", "/cycles/{cycle}/edit", "/measures/{measure}/", "/measures/{measure}/values.csv"]:
        assert client.get(_url(team_lab["lab"].id, mixed, route)).status_code == 404, route
    for lab_route in ["/labs/{}/prototypes/", "/labs/{}/prototypes/mine", "/labs/{}/community/",
                      "/labs/{}/community/digest/"]:
        assert client.get(lab_route.format(team_lab["other_lab"].id)).status_code == 404, lab_route
    with app.app_context():
        assert db.session.get(Cycle, objects["b"]["cycle"]).plan_objective == "objective b"
        assert db.session.get(Measure, objects["b"]["measure"]) is not None


def test_signed_out_people_are_sent_to_sign_in(client, team_lab):
    response = client.get(f"/labs/{team_lab['lab'].id}/prototypes/{team_lab['ids']['prototype']}/")
    assert response.status_code in (302, 401, 404)


def test_only_the_lead_or_a_facilitator_deletes_a_prototype(app, team_lab):
    lab_id, pid = team_lab["lab"].id, team_lab["ids"]["prototype"]
    client = app.test_client()
    client.login_as(team_lab["people"]["mo"])
    assert client.post_form(f"/labs/{lab_id}/prototypes/{pid}/delete").status_code == 403
    other = app.test_client()
    other.login_as(team_lab["people"]["lee"])
    assert "Yes, delete the prototype" in other.get(f"/labs/{lab_id}/prototypes/{pid}/delete").get_data(as_text=True)
    assert other.post_form(f"/labs/{lab_id}/prototypes/{pid}/delete").status_code == 302
    with app.app_context():
        assert db.session.get(Prototype, pid) is None


def test_posts_are_deleted_only_by_their_author_or_a_facilitator(app, team_lab):
    lab_id = team_lab["lab"].id
    mo = app.test_client()
    mo.login_as(team_lab["people"]["mo"])
    mo.post_form(f"/labs/{lab_id}/community/", {"body": "We learned to ask twice."})
    with app.app_context():
        post_id = db.session.scalar(db.select(Post.id))
    rita = app.test_client()
    rita.login_as(team_lab["people"]["rita"])
    assert rita.post_form(f"/labs/{lab_id}/community/{post_id}/delete").status_code == 403
    assert mo.post_form(f"/labs/{lab_id}/community/{post_id}/delete").status_code == 302
    with app.app_context():
        assert db.session.get(Post, post_id) is None
