"""The balance of the room: counts and shares by sector and level against the residents target."""
from collections import Counter

import pytest

from labapp.extensions import db
from labapp.labs.models import Lab
from labapp.outreach import service
from labapp.outreach.models import Outreach
from labapp.outreach.service import Balance
from labapp.workshops.models import Workshop
from tests.helpers import html_text


def _add(lab_id, status, sector, level=None, workshop_id=None, name="P"):
    db.session.add(Outreach(lab_id=lab_id, person_name=name, status=status, sector=sector, level=level,
                            workshop_id=workshop_id))


def test_only_accepted_and_attended_count_as_coming(app, make_lab):
    lab = make_lab()
    with app.app_context():
        for status, sector in [("accepted", "community"), ("attended", "community"), ("accepted", "nhs"),
                               ("invited", "community"), ("to_invite", "vcse"), ("declined", "nhs")]:
            _add(lab.id, status, sector, "resident" if sector == "community" else "manager")
        db.session.commit()
        b = service.balance(db.session.get(Lab, lab.id))
    assert b.coming == 3
    assert b.coming_by_sector == Counter({"community": 2, "nhs": 1})
    assert b.open_by_sector == Counter({"community": 1, "vcse": 1})
    assert b.resident_share == 67
    assert b.coming_by_level["resident"] == 2 and b.coming_by_level["manager"] == 1


@pytest.mark.parametrize("residents,others,target,needed", [
    (0, 0, 50, 0), (2, 4, 50, 2), (3, 3, 50, 0), (1, 9, 50, 8), (5, 10, 40, 2), (0, 5, 0, 0), (4, 1, 50, 0),
])
def test_residents_needed_to_meet_the_target(residents, others, target, needed):
    b = Balance(coming_by_sector=Counter({"community": residents, "nhs": others}), target=target)
    assert b.residents_needed == needed
    if needed:
        after = Balance(coming_by_sector=Counter({"community": residents + needed, "nhs": others}), target=target)
        assert after.resident_share >= target and after.residents_needed == 0


def test_workshop_balance_counts_only_that_workshop(app, make_lab):
    lab = make_lab()
    with app.app_context():
        workshop = Workshop(lab_id=lab.id, kind="observe", title="Observe", checkin_code="OBS111")
        db.session.add(workshop)
        db.session.flush()
        _add(lab.id, "accepted", "community", workshop_id=workshop.id)
        _add(lab.id, "accepted", "nhs")
        db.session.commit()
        the_lab = db.session.get(Lab, lab.id)
        assert service.balance(the_lab, workshop.id).coming == 1
        assert service.balance(the_lab).coming == 2
        assert service.balance(the_lab, whole_lab=False).coming == 1


def test_balance_page_shows_shares_the_target_and_who_is_missing(app, make_user, make_lab):
    facilitator = make_user()
    lab = make_lab(creator=facilitator)
    with app.app_context():
        _add(lab.id, "accepted", "community", "resident", name="Rez")
        _add(lab.id, "accepted", "nhs", "frontline")
        _add(lab.id, "accepted", "nhs", "manager")
        _add(lab.id, "invited", "local_authority", name="Councillor Kay")
        db.session.commit()
    client = app.test_client()
    client.login_as(facilitator)
    page = html_text(client.get(f"/labs/{lab.id}/balance"))
    assert "Residents: 33% (the target is 50%)." in page
    assert "One more resident would meet the target." in page
    assert "Councillor Kay" in page, "people from a missing sector who are still to answer"
    assert '<meter min="0" max="100"' in page


def test_balance_arithmetic_with_nobody_coming(app, make_lab):
    lab = make_lab()
    with app.app_context():
        b = service.balance(db.session.get(Lab, lab.id))
    assert (b.coming, b.resident_share, b.residents_needed, b.share(0)) == (0, 0, 0, 0)


def test_system_map_pdf_carries_the_balance_for_the_design_team_only(app, make_user, make_lab, add_member, tmp_path):
    import subprocess

    facilitator = make_user()
    lab = make_lab(creator=facilitator)
    participant = make_user()
    add_member(lab, participant, "participant")
    with app.app_context():
        _add(lab.id, "accepted", "community", "resident")
        _add(lab.id, "accepted", "nhs", "manager")
        db.session.commit()

    def pdf_text(user):
        client = app.test_client()
        client.login_as(user)
        path = tmp_path / f"map-{user.id}.pdf"
        path.write_bytes(client.get(f"/labs/{lab.id}/system-map.pdf?lang=en").data)
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout

    team_text = pdf_text(facilitator)
    assert "Balance of the room" in team_text and "Residents: 50% (the target is 50%)." in team_text
    assert "Balance of the room" not in pdf_text(participant)
