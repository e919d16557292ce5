"""Fixtures for programmes: lab A (the report tests' lab) and a smaller lab B, grouped in one programme."""
import shutil
import subprocess
from datetime import date, time, timedelta
from types import SimpleNamespace

import pytest

from labapp.accounts.models import User
from labapp.extensions import db
from labapp.journeys import service as journeys_service
from labapp.journeys import signups
from labapp.journeys.models import Host
from labapp.labs.models import Lab, Membership
from labapp.programmes import service
from labapp.prototypes import measures
from labapp.prototypes import service as prototypes_service
from labapp.workshops import checkin
from labapp.workshops import service as workshop_service
from tests.reports.conftest import build_report_lab

PAST = date.today() - timedelta(days=30)


def pdf_text(data: bytes) -> str:
    """Return the text of a PDF, as pdftotext reads it."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed")
    return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


def fill_lab_b(app, lab, ids, *, visits=1, prototypes=1, later=0):
    """Give lab B an Observe and an Act workshop, `visits` future visits with one sign-up, and prototypes."""
    with app.test_request_context():
        row = db.session.get(Lab, lab.id)
        m = {key: db.session.get(Membership, ids[key]) for key in ids}
        starts_at, ends_at = workshop_service.combine(PAST, time(10, 0), time(13, 0))
        observe = workshop_service.create_workshop(row, kind="observe", title="Observe at the Hall",
                                                   starts_at=starts_at, ends_at=ends_at)
        for key in ("bob", "bev"):
            checkin.check_in_member(observe, m[key], by=None)
        starts_at, ends_at = workshop_service.combine(PAST + timedelta(days=7), time(10, 0), time(13, 0))
        act = workshop_service.create_workshop(row, kind="act", title="Act at the Hall", starts_at=starts_at,
                                               ends_at=ends_at)
        for key in ("bob", "vic"):
            checkin.check_in_member(act, m[key], by=None)
        host = journeys_service.save_host(Host(lab_id=row.id), actor=None, organisation="Hill Food Bank",
                                          contact_name="Host", contact_email="food@example.org", contact_phone="")
        for n in range(visits):
            visit = journeys_service.create_visit(host, title=f"Food bank morning {n}",
                                                  day=date.today() + timedelta(days=10 + later + n), starts=time(9, 0),
                                                  ends=time(11, 0), capacity=6, status="open")
            signups.sign_up(visit, ids["bob"], check_status=False)
        for n in range(prototypes):
            prototype = prototypes_service.create_prototype(row, name=f"Lunch club {n}", status="forming",
                                                            starts_on=PAST)
            measure = measures.create_measure(prototype, name="People at lunch", kind="count", direction="up")
            for week, value in enumerate([5, 6, 7]):
                measures.set_value(measure, PAST + timedelta(weeks=week), value=value)
            prototypes_service.start_cycle(prototype, None)
        db.session.commit()


@pytest.fixture
def world(app, make_user, make_lab, add_member, client):
    """Lab A (Fran facilitates; Rae takes part), lab B (Bea facilitates; Bob, Bev, Vic), an outsider, and the
    programme "Two towns" holding A then B."""
    a = build_report_lab(app, make_user, make_lab, add_member)
    bea = make_user(name="Bea Facilitator")
    lab_b = make_lab(creator=bea, name="Hillside Lab", place="Hillside", question="Who gets left out?")
    ids = {}
    for key, name, role, sector in [("bob", "Bob Resident", "participant", "community"),
                                    ("bev", "Bev Resident", "participant", "community"),
                                    ("vic", "Vic Volunteer", "participant", "vcse")]:
        ids[key] = add_member(lab_b, make_user(name=name), role, sector=sector)
    fill_lab_b(app, lab_b, ids)
    outsider = make_user(name="Olly Outsider")
    with app.test_request_context():
        programme = service.create_programme(name="Two towns", description="One ICS, two places",
                                             creator=db.session.get(User, a.people["fran"].id),
                                             lab=db.session.get(Lab, a.lab.id))
        service.add_lab(programme, db.session.get(Lab, lab_b.id))
        db.session.commit()
        programme_id = programme.id
    return SimpleNamespace(app=app, lab_a=a.lab, lab_b=lab_b, lab_c=a.other, fran=a.people["fran"],
                           rae=a.people["rae"], bea=bea, outsider=outsider, programme_id=programme_id,
                           ids_b=ids, ids_a=a.ids)
