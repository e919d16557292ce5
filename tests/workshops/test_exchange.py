"""Workshops travel with a lab's export: agenda and attendance come back, members remapped, codes new."""
import json
from datetime import date

from labapp.extensions import db
from labapp.labs import exchange
from labapp.labs.models import Lab, Membership
from labapp.workshops.models import AgendaItem, Attendance, Workshop


def _without_ids(value):
    """Drop every id and reference to one, so two exports of the same content compare equal."""
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id" and not k.endswith("_id")}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def test_round_trip_keeps_workshops_agenda_and_attendance(app, make_lab, make_user, add_member, make_workshop):
    lab = make_lab()
    sam = add_member(lab, make_user(name="Sam", password=None), "participant", sector="community")
    first_ws = make_workshop(lab, title="Observe", day=date(2027, 3, 14), venue="Hall", access_notes="Lift",
                             support_offered=["creche"], interpreter_languages=["ur", "bn"])
    make_workshop(lab, title="Retreat", day=date(2027, 4, 20), end=None)
    with app.app_context():
        db.session.add_all([AgendaItem(workshop_id=first_ws.id, position=0, starts="10:00", title="Welcome"),
                            AgendaItem(workshop_id=first_ws.id, position=1, starts="", title="Lunch"),
                            Attendance(workshop_id=first_ws.id, membership_id=sam, name="Sam", sector="community"),
                            Attendance(workshop_id=first_ws.id, name="Walk In", sector="vcse", level="manager",
                                       walk_in=True)])
        db.session.commit()
        first = exchange.export_lab(db.session.get(Lab, lab.id))
        text = json.dumps(first)
        copy = exchange.import_lab(json.loads(text))
        db.session.commit()
        second = exchange.export_lab(db.session.get(Lab, copy.id))

        assert first_ws.checkin_code not in text, "check-in codes are not exported"
        assert [w["title"] for w in first["workshops"]] == ["Observe", "Retreat"]
        assert first["workshops"][0]["agenda"] == [{"starts": "10:00", "title": "Welcome"},
                                                   {"starts": "", "title": "Lunch"}]
        assert _without_ids(first) == _without_ids(second)

        new_workshops = db.session.scalars(db.select(Workshop).where(Workshop.lab_id == copy.id)
                                           .order_by(Workshop.id)).all()
        assert len(new_workshops) == 2
        assert {w.checkin_code for w in new_workshops}.isdisjoint({first_ws.checkin_code})
        assert all(len(w.checkin_code) == 6 for w in new_workshops)
        attendances = db.session.scalars(db.select(Attendance).where(Attendance.workshop_id == new_workshops[0].id)
                                         .order_by(Attendance.id)).all()
        new_sam = db.session.get(Membership, attendances[0].membership_id)
        assert new_sam.lab_id == copy.id and new_sam.user.name == "Sam" and new_sam.id != sam
        assert attendances[1].membership_id is None and attendances[1].walk_in


def test_import_gives_later_sections_the_new_workshops(app, make_lab, make_workshop):
    from labapp.workshops import exchange as workshops_exchange

    lab = make_lab()
    target = make_lab(name="Target lab")
    workshop = make_workshop(lab, title="Observe")
    with app.app_context():
        data = workshops_exchange.export_section(db.session.get(Lab, lab.id))
        ids = {"members": {}}
        workshops_exchange.import_section(db.session.get(Lab, target.id), data, ids)
        assert set(ids["workshops"]) == {workshop.id}
        assert ids["workshops"][workshop.id].title == "Observe"
        assert ids["workshops"][workshop.id].id != workshop.id
