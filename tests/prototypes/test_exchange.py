"""Prototypes travel with a lab's export: team, cycles, measures, values, posts and replies, members remapped."""
import json

from labapp.extensions import db
from labapp.labs import exchange
from labapp.labs.models import Lab, Membership
from labapp.prototypes import community
from labapp.prototypes.models import Cycle, Post, Prototype


def _without_ids(value):
    """Drop every id and reference to one, so two exports of the same content compare equal."""
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id" and not k.endswith("_id")}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def test_round_trip_keeps_prototypes_cycles_measures_and_posts(app, team_lab, make_cycle, make_measure):
    pid = team_lab["ids"]["prototype"]
    first_cycle = make_cycle(pid, plan_objective="Ask at reception", act_decision="adapt")
    make_cycle(pid, plan_objective="Ask in Urdu too")
    make_measure(pid, [3, None, 5], goal=10, baseline_points=2, name="Referrals")
    make_measure(pid, [(2, 8), (0, 0)], kind="proportion", name="Share referred")
    with app.app_context():
        lab = db.session.get(Lab, team_lab["lab"].id)
        mo = db.session.get(Membership, team_lab["ids"]["mo"])
        post = community.add_post(lab, mo, "We learned a lot", cycle=db.session.get(Cycle, first_cycle))
        community.add_reply(post, db.session.get(Membership, team_lab["ids"]["rita"]), "Tell us more")
        db.session.commit()
        first = exchange.export_lab(lab)
        copy = exchange.import_lab(json.loads(json.dumps(first)))
        db.session.commit()
        second = exchange.export_lab(db.session.get(Lab, copy.id))

        section = first["prototypes"]
        assert [p["name"] for p in section["prototypes"]] == ["Warm homes"]
        assert [c["plan_objective"] for c in section["prototypes"][0]["cycles"]] == ["Ask at reception",
                                                                                    "Ask in Urdu too"]
        assert section["prototypes"][0]["measures"][1]["values"][1] == {
            "period": "2027-04-12", "value": None, "numerator": 0, "denominator": 0, "excluded": False, "note": ""}
        assert _without_ids(first["prototypes"]) == _without_ids(second["prototypes"])

        new = db.session.scalar(db.select(Prototype).where(Prototype.lab_id == copy.id))
        roles = {m.membership.user.name: m.role for m in new.team}
        assert roles == {"Lee Lead": "lead", "Mo Member": "member", "Cat Coach": "coach", "Sam Sponsor": "sponsor"}
        assert all(m.membership.lab_id == copy.id for m in new.team)
        assert [c.previous_id for c in new.cycles] == [None, new.cycles[0].id]
        new_post = db.session.scalar(db.select(Post).where(Post.lab_id == copy.id))
        assert new_post.cycle_id == new.cycles[0].id and new_post.prototype_id == new.id
        assert new_post.author.user.name == "Mo Member" and new_post.author.lab_id == copy.id
        assert [r.body for r in new_post.replies] == ["Tell us more"]
