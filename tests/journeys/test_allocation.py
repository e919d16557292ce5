"""The allocation keeps its promises on generated inputs (see labapp/journeys/allocation.py)."""
import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from labapp.journeys.allocation import RESIDENT, Person, Place, _single_sector, allocate

SECTORS = ["community", "nhs", "vcse", "local_authority", None]


@st.composite
def inputs(draw):
    n_visits = draw(st.integers(1, 6))
    places = [Place(10 + i, draw(st.integers(1, 6))) for i in range(n_visits)]
    visit_ids = [p.id for p in places]
    n_people = draw(st.integers(0, 30))
    people = []
    for i in range(n_people):
        choices = draw(st.lists(st.sampled_from(visit_ids), min_size=1, max_size=3, unique=True))
        people.append(Person(100 + i * 7, draw(st.sampled_from(SECTORS)), tuple(choices)))
    return people, places


def _members(result, people):
    by_id = {p.id: p for p in people}
    return {v: [by_id[i] for i in ids] for v, ids in result.groups.items()}


@settings(max_examples=200, deadline=None)
@given(inputs(), st.randoms(use_true_random=False))
def test_same_input_in_any_order_gives_the_same_result(data, rnd: random.Random):
    people, places = data
    first = allocate(people, places)
    shuffled_people, shuffled_places = list(people), list(places)
    rnd.shuffle(shuffled_people)
    rnd.shuffle(shuffled_places)
    again = allocate(shuffled_people, shuffled_places)
    assert again.assignment == first.assignment and again.swaps == first.swaps


@settings(max_examples=200, deadline=None)
@given(inputs())
def test_capacity_and_ranked_choices_are_respected_and_nobody_waits_beside_a_free_place(data):
    people, places = data
    result = allocate(people, places)
    capacity = {p.id: p.capacity for p in places}
    for visit_id, ids in result.groups.items():
        assert len(ids) <= capacity[visit_id]
    assert sum(len(ids) for ids in result.groups.values()) == sum(v is not None for v in result.assignment.values())
    for person in people:
        visit_id = result.assignment[person.id]
        if visit_id is not None:
            assert visit_id in person.choices and person.id in result.groups[visit_id]
            assert result.ranks[person.id] == person.choices.index(visit_id) + 1
        else:
            assert all(len(result.groups[c]) == capacity[c] for c in person.choices)


@settings(max_examples=200, deadline=None)
@given(inputs())
def test_first_choices_are_as_many_as_possible_less_two_per_mixing_swap(data):
    people, places = data
    result = allocate(people, places)
    bound = sum(min(p.capacity, sum(1 for x in people if x.choices[0] == p.id)) for p in places)
    firsts = result.count_by_rank()[1]
    assert result.first_choice_bound == bound
    assert firsts <= bound
    assert firsts >= bound - 2 * result.swaps
    if result.swaps == 0:
        assert firsts == bound


def _swapped(group, out, into):
    return [into if m.id == out.id else m for m in group]


@settings(max_examples=200, deadline=None)
@given(inputs())
def test_no_single_sector_group_is_left_when_a_swap_could_mix_it(data):
    people, places = data
    result = allocate(people, places)
    groups = _members(result, people)
    for g, group in groups.items():
        if not _single_sector(group):
            continue
        for a in group:
            for h, other in groups.items():
                if h == g or h not in a.choices:
                    continue
                for b in other:
                    if b.sector != a.sector and g in b.choices:
                        assert _single_sector(_swapped(other, b, a)), (g, a, h, b)


@settings(max_examples=200, deadline=None)
@given(inputs())
def test_residents_are_spread_when_a_swap_could_spread_them(data):
    people, places = data
    result = allocate(people, places)
    groups = _members(result, people)
    for g, group in groups.items():
        if len(group) < 2 or any(m.sector == RESIDENT for m in group):
            continue
        for a in group:
            for h, other in groups.items():
                if h == g or h not in a.choices or sum(m.sector == RESIDENT for m in other) < 2:
                    continue
                for r in other:
                    if r.sector == RESIDENT and g in r.choices:
                        assert _single_sector(_swapped(group, a, r)) or _single_sector(_swapped(other, r, a))


def test_a_worked_example_mixes_two_single_sector_groups():
    people = [Person(1, "nhs", (1, 2)), Person(2, "nhs", (1, 2)), Person(3, "community", (2, 1)),
              Person(4, "community", (2, 1))]
    result = allocate(people, [Place(1, 2), Place(2, 2)])
    assert result.swaps >= 1
    for ids in result.groups.values():
        sectors = {p.sector for p in people if p.id in ids}
        assert sectors == {"nhs", "community"}
    assert result.count_by_rank() == {1: 2, 2: 2, 3: 0, None: 0}


def test_a_full_visit_sends_people_to_their_next_choice():
    people = [Person(i, "nhs", (1, 2)) for i in range(1, 5)]
    result = allocate(people, [Place(1, 2), Place(2, 1)])
    assert sorted(len(ids) for ids in result.groups.values()) == [1, 2]
    assert result.count_by_rank() == {1: 2, 2: 1, 3: 0, None: 1}


@st.composite
def small_inputs(draw):
    places = [Place(1 + i, draw(st.integers(1, 2))) for i in range(draw(st.integers(1, 3)))]
    visit_ids = [p.id for p in places]
    people = [Person(10 + i, draw(st.sampled_from(SECTORS)),
                     tuple(draw(st.lists(st.sampled_from(visit_ids), min_size=1, max_size=3, unique=True))))
              for i in range(draw(st.integers(0, 6)))]
    return people, places


@settings(max_examples=300, deadline=None)
@given(small_inputs())
def test_as_many_people_as_possible_are_placed_among_allocations_with_the_most_first_choices(data):
    """Checked against every possible allocation of up to six people to up to three small visits."""
    people, places = data
    result = allocate(people, places)
    placed = sum(v is not None for v in result.assignment.values())
    capacity = {p.id: p.capacity for p in places}
    best = 0
    for combo in itertools.product(*[[None, *p.choices] for p in people]):
        loads = {}
        for visit_id in combo:
            if visit_id is not None:
                loads[visit_id] = loads.get(visit_id, 0) + 1
        firsts = sum(1 for p, v in zip(people, combo) if v is not None and v == p.choices[0])
        if firsts == result.first_choice_bound and all(n <= capacity[v] for v, n in loads.items()):
            best = max(best, sum(v is not None for v in combo))
    assert placed == best
