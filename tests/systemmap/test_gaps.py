"""Gaps: sectors, levels and partner types with no actors, and actors with no ties."""
from labapp.extensions import db
from labapp.labs.models import Lab
from labapp.systemmap import service
from tests.helpers import html_text
from tests.systemmap.conftest import signed_in


def _gaps(app, lab, **kwargs):
    with app.app_context():
        return service.gaps(db.session.get(Lab, lab.id), **kwargs)


def test_gaps_count_sectors_levels_tags_and_untied_actors(app, map_lab, make_actor, make_tie):
    lab = map_lab.lab
    nhs = make_actor(lab, "Trust", sector="nhs", level="executive", tags=["Hospital"])
    vcse = make_actor(lab, "Food bank", sector="vcse", level="frontline", tags=["food"])
    lonely = make_actor(lab, "Lonely group", sector="vcse", level="frontline", kind="group")
    person = make_actor(lab, "Named resident", kind="person", sector="community", level="resident", tags=["carer"])
    make_actor(lab, "No sector at all", sector=None, level=None)
    make_tie(lab, nhs, vcse)
    make_tie(lab, vcse, person)

    team = _gaps(app, lab, include_people=True, known_tags=["housing", "FOOD"])
    assert team.sectors == ["local_authority", "private_other"]
    assert team.levels == ["manager", "senior_leader"]
    assert team.tags == ["housing"], "FOOD is carried (ignoring case); housing is not"
    assert team.untied_count == 2 and [name for _id, name in team.untied] == ["Lonely group", "No sector at all"]
    assert team.actor_count == 5 and team.any

    others = _gaps(app, lab, include_people=False)
    assert others.sectors == ["community", "local_authority", "private_other"]
    assert others.levels == ["resident", "manager", "senior_leader"]
    assert others.tags == [], "a named person's tags are not shown to those who may not see them"
    assert others.untied_count == 2 and others.actor_count == 4
    assert lonely in [actor_id for actor_id, _name in others.untied]


def test_an_actor_tied_only_to_a_named_person_counts_as_untied_for_participants(app, map_lab, make_actor, make_tie):
    lab = map_lab.lab
    org = make_actor(lab, "Org")
    make_tie(lab, make_actor(lab, "Person", kind="person"), org)
    assert _gaps(app, lab, include_people=True).untied_count == 0
    assert [name for _id, name in _gaps(app, lab, include_people=False).untied] == ["Org"]


def test_an_empty_map_has_every_sector_and_level_as_a_gap(app, map_lab):
    gaps = _gaps(app, map_lab.lab, include_people=True)
    assert len(gaps.sectors) == 5 and len(gaps.levels) == 5 and gaps.untied_count == 0 and gaps.actor_count == 0


def test_the_map_page_shows_the_gaps_and_links_the_untied(app, map_lab, make_actor):
    lab = map_lab.lab
    for n in range(53):
        make_actor(lab, f"Group {n:02d}", sector="vcse", level="frontline")
    page = html_text(signed_in(app, map_lab.participant).get(f"/labs/{lab.id}/map"))
    assert "Sectors with no actors" in page and "Local council" in page
    assert "53 actors have no ties" in page and "and 3 more" in page and "untied=1" in page
