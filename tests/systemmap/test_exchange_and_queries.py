"""The map travels in a lab export with new ids; pages run the same number of queries whatever the map's size."""
import json

import pytest

from labapp.extensions import db
from labapp.labs import exchange
from labapp.labs.models import Lab
from labapp.systemmap.models import Actor, Tie
from tests.systemmap.conftest import QueryCounter, signed_in


def _content(lab_id):
    actors = db.session.scalars(db.select(Actor).where(Actor.lab_id == lab_id)).all()
    ties = db.session.scalars(db.select(Tie).where(Tie.lab_id == lab_id)).all()
    return ({(a.name, a.kind, a.sector, a.level, a.services, tuple(a.tags), a.notes, a.parent.name if a.parent else None,
              a.created_at) for a in actors},
            {(t.source.name, t.target.name, t.kind, t.strength, t.note) for t in ties})


def test_round_trip_remaps_parents_and_tie_ends(app, map_lab, make_actor, make_tie):
    lab = map_lab.lab
    pcn = make_actor(lab, "PCN", tags=["primary care"], services="GPs", notes="n")
    surgery = make_actor(lab, "Surgery", parent=pcn, level=None)
    person = make_actor(lab, "Dr Named", kind="person", parent=surgery)
    make_tie(lab, pcn, surgery, kind="funds", strength=3, note="money")
    make_tie(lab, person, pcn, kind="trusts", strength=1)
    with app.app_context():
        data = json.loads(json.dumps(exchange.export_lab(db.session.get(Lab, lab.id))))
        section = data["system_map"]
        assert {a["id"] for a in section["actors"]} == {pcn, surgery, person}
        assert {t["source_id"] for t in section["ties"]} == {pcn, person}
        copy = exchange.import_lab(data)
        db.session.commit()
        assert copy.id != lab.id
        assert _content(copy.id) == _content(lab.id)
        new_ids = {a.id for a in db.session.scalars(db.select(Actor).where(Actor.lab_id == copy.id))}
        assert not new_ids & {pcn, surgery, person}
        again = exchange.export_lab(db.session.get(Lab, copy.id))["system_map"]
    assert len(again["actors"]) == 3 and len(again["ties"]) == 2


def test_import_section_gives_later_sections_the_new_actors(app, map_lab, make_actor):
    from labapp.systemmap import exchange as map_exchange

    old = make_actor(map_lab.lab, "PCN")
    with app.app_context():
        lab = db.session.get(Lab, map_lab.lab.id)
        section = map_exchange.export_section(lab)
        ids = {}
        map_exchange.import_section(lab, section, ids)
        assert ids["actors"][old].name == "PCN" and ids["actors"][old].id != old
        db.session.rollback()


def test_a_tie_to_an_unknown_actor_makes_the_import_fail_cleanly(app, map_lab, make_actor):
    make_actor(map_lab.lab, "PCN")
    with app.app_context():
        data = json.loads(json.dumps(exchange.export_lab(db.session.get(Lab, map_lab.lab.id))))
        data["system_map"]["ties"] = [{"id": 1, "source_id": 999, "target_id": 998, "kind": "funds", "strength": 2}]
        with pytest.raises(exchange.ImportProblem):
            exchange.import_lab(data)
        db.session.rollback()


def _fill(lab, n, make_actor, make_tie, prefix):
    """Make n actors (every fifth a named person, every third part of the one before) tied in a chain."""
    ids = []
    for i in range(n):
        ids.append(make_actor(lab, f"{prefix} {i}", sector=["nhs", "vcse"][i % 2], tags=["x"],
                              kind="person" if i % 5 == 0 else "organisation",
                              parent=ids[-1] if ids and i % 3 == 0 else None))
    for a, b in zip(ids, ids[1:]):
        make_tie(lab, a, b)
    return ids


@pytest.mark.parametrize("who", ["designer", "participant"])
def test_query_counts_do_not_grow_with_the_map(app, map_lab, make_lab, make_actor, make_tie, add_member, who):
    small = map_lab.lab
    big = make_lab(creator=map_lab.facilitator, name="Big")
    add_member(big, map_lab.designer, "design_team")
    add_member(big, map_lab.participant, "participant")
    small_ids = _fill(small, 5, make_actor, make_tie, "Small")
    big_ids = _fill(big, 50, make_actor, make_tie, "Big")
    client = signed_in(app, getattr(map_lab, who))
    paths = ["map/actors", "map/actors?tag=x&untied=1", "map/actors/{a}", "map.json", "map.svg", "map",
             "map/actors.csv", "map/ties.csv"]
    if who == "designer":
        paths += ["map/actors/{a}/edit", "map/actors/{a}/delete"]
    for path in paths:
        counts = []
        for lab, ids in ((small, small_ids), (big, big_ids)):
            url = f"/labs/{lab.id}/" + path.format(a=ids[1])
            client.get(url)  # warm up
            with QueryCounter(app) as queries:
                assert client.get(url).status_code == 200, url
            counts.append(queries.count)
        assert counts[0] == counts[1], (path, counts)
