"""Learning journeys travel with a lab's export: hosts, visits, translations, sign-ups in order, rounds, debriefs."""
import json

from labapp.demo import create_demo
from labapp.extensions import db
from labapp.journeys import rounds, signups
from labapp.journeys.models import Host, PreferenceRound, Visit
from labapp.labs import exchange
from labapp.labs.models import Lab, Membership


def _without_ids(value):
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items()
                if k not in ("id", "allocation") and not k.endswith("_id") and not k.endswith("_ids")}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def test_the_demo_lab_round_trips_with_its_waiting_list_order_and_actor_links(app):
    with app.app_context():
        [(lab, _), _] = create_demo(password="a demo password")
        db.session.commit()
        visits = db.session.scalars(db.select(Visit).where(Visit.lab_id == lab.id).order_by(Visit.id)).all()
        round_ = rounds.create_round(lab, "February", [v.id for v in visits[:3]])
        member = db.session.scalars(db.select(Membership).where(Membership.lab_id == lab.id)).first()
        rounds.set_choices(round_, member.id, [visits[2].id, visits[0].id])
        rounds.run_allocation(round_)
        db.session.commit()
        first = exchange.export_lab(db.session.get(Lab, lab.id))
        section = first["journeys"]
        assert len(section["visits"]) == 12 and len(section["hosts"]) == 12
        pharmacy = next(v for v in section["visits"] if v["title"] == "The pharmacy counter on a Saturday")
        assert [s["status"] for s in pharmacy["signups"]] == ["confirmed"] * 4 + ["waitlisted"] * 2
        debriefs = [d for v in section["visits"] for d in v["debriefs"]]
        assert len(debriefs) == 1 and debriefs[0]["shared"]  # the demo's private debrief stays behind
        assert "token" not in json.dumps(section)

        copy = exchange.import_lab(json.loads(json.dumps(first)))
        db.session.commit()
        second = exchange.export_lab(db.session.get(Lab, copy.id))
        assert _without_ids(first["journeys"]) == _without_ids(second["journeys"])

        old_pharmacy = next(v for v in visits if v.title == pharmacy["title"])
        new_pharmacy = db.session.scalar(db.select(Visit).where(Visit.lab_id == copy.id, Visit.title == pharmacy["title"]))
        old_order = [s.membership.user.email for s in signups.waitlist(old_pharmacy)]
        assert [s.membership.user.email for s in signups.waitlist(new_pharmacy)] == old_order
        assert new_pharmacy.confirmed_count == 4 and new_pharmacy.status == "full"
        linked = db.session.scalars(db.select(Host).where(Host.lab_id == copy.id, Host.actor_id.is_not(None))).all()
        assert linked and all(h.actor.lab_id == copy.id for h in linked)
        assert {h.name for h in linked} >= {"Moor Lane Surgery", "Westgate Food Network", "Recovery Steps"}
        new_round = db.session.scalar(db.select(PreferenceRound).where(PreferenceRound.lab_id == copy.id))
        new_member = db.session.scalar(db.select(Membership).where(Membership.lab_id == copy.id,
                                                                   Membership.user_id == member.user_id))
        assert rounds.choices_of(new_round, new_member.id) == [
            db.session.scalar(db.select(Visit.id).where(Visit.lab_id == copy.id, Visit.title == visits[i].title))
            for i in (2, 0)]
        assert set(new_round.allocation) == {str(new_member.id)}


def test_running_the_demo_twice_adds_no_second_set_of_visits(app):
    with app.app_context():
        create_demo(password="pw one two three")
        db.session.commit()
        create_demo(password="pw one two three")
        db.session.commit()
        assert db.session.scalar(db.select(db.func.count(Visit.id))) == 12
