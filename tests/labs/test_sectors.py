"""A lab's own sectors and its residents target."""
import re

import pytest

from labapp.extensions import db
from labapp.labs.models import Lab
from tests.helpers import html_text


@pytest.fixture
def facilitator(app, make_user, make_lab):
    user = make_user()
    lab = make_lab(creator=user)
    client = app.test_client()
    client.login_as(user)
    return lab, client


def test_a_new_lab_has_the_five_preset_sectors(app, make_lab):
    lab = make_lab()
    with app.app_context():
        assert list(db.session.get(Lab, lab.id).sectors) == ["community", "nhs", "local_authority", "vcse", "private_other"]


def test_facilitator_adds_a_sector_that_people_can_then_choose(app, facilitator):
    lab, client = facilitator
    client.post_form(f"/labs/{lab.id}/sectors", {"sector-label": "Faith groups"})
    with app.app_context():
        the_lab = db.session.get(Lab, lab.id)
        assert the_lab.sectors["custom_6"] == "Faith groups"
        join_code = the_lab.join_code
    page = html_text(app.test_client().get(f"/join/{join_code}"))
    assert re.search(r'value="custom_6"', page) and "Faith groups" in page


def test_a_sector_in_use_cannot_be_removed_but_an_unused_one_can(app, facilitator):
    lab, client = facilitator
    client.post_form(f"/labs/{lab.id}/sectors", {"sector-label": "Faith groups"})
    client.post_form(f"/labs/{lab.id}/sectors", {"sector-label": "Schools"})
    with app.app_context():
        db.session.get(Lab, lab.id).memberships[0].sector = "custom_6"
        db.session.commit()
    client.post_form(f"/labs/{lab.id}/sectors/custom_6/remove")
    client.post_form(f"/labs/{lab.id}/sectors/custom_7/remove")
    assert client.post_form(f"/labs/{lab.id}/sectors/nhs/remove").status_code == 404
    with app.app_context():
        assert list(db.session.get(Lab, lab.id).sectors)[-1] == "custom_6"
        assert "custom_7" not in db.session.get(Lab, lab.id).sectors


def test_residents_target_is_kept_between_1_and_90(app, facilitator):
    lab, client = facilitator
    page = html_text(client.post_form(f"/labs/{lab.id}/sectors", {"target-resident_target": "100"}))
    assert "Enter a number from 1 to 90." in page
    client.post_form(f"/labs/{lab.id}/sectors", {"target-resident_target": "40"})
    with app.app_context():
        assert db.session.get(Lab, lab.id).resident_target == 40
