"""Allocate people to visits from their ranked choices: a pure, deterministic function.

What it guarantees (tests/journeys/test_allocation.py checks each with generated inputs):

1. Deterministic: the same people and visits, in any order, give the same result. There is no randomness;
   the order in which people are served comes from a hash of their id and of the whole input.
2. Capacity: no visit gets more people than its places; each person gets at most one visit, and only a
   visit they ranked.
3. Nobody is left without a visit while one of their choices still has a free place; more than that,
   before mixing, as many people get one of their choices as any allocation with the most first choices
   could place (mixing swaps never change how many are placed).
4. First choices first: before any mixing swap, the number of people on their first choice is the largest
   possible (for every visit, its places or the people who ranked it first, whichever is smaller). Each
   mixing swap can cost at most two first choices.
5. Mixed groups: no group of two or more people is all of one sector when a swap could fix it — that is,
   when someone in it and someone of another sector in another group each ranked the other's visit, and
   swapping them does not leave that other group all of one sector.
6. Residents spread: no group of two or more people has no resident (sector "community") while another
   group has two or more and one of them could swap with someone in the first group, both to visits they
   ranked, without leaving either group all of one sector.
"""
import hashlib
from collections import deque
from dataclasses import dataclass, field

MAX_CHOICES = 3
RESIDENT = "community"


@dataclass(frozen=True)
class Person:
    id: int
    sector: str | None
    choices: tuple[int, ...]


@dataclass(frozen=True)
class Place:
    id: int
    capacity: int


@dataclass
class Allocation:
    assignment: dict[int, int | None]                 # person id -> visit id, or None
    ranks: dict[int, int | None]                      # person id -> 1, 2, 3, or None
    swaps: int = 0
    first_choice_bound: int = 0
    groups: dict[int, list[int]] = field(default_factory=dict)   # visit id -> person ids

    def count_by_rank(self) -> dict:
        """Count people on their 1st, 2nd, 3rd choice, and with none (key None)."""
        counts = {1: 0, 2: 0, 3: 0, None: 0}
        for rank in self.ranks.values():
            counts[rank] += 1
        return counts


def _clean(people, places) -> tuple[list[Person], dict[int, int]]:
    capacity = {p.id: max(int(p.capacity), 0) for p in sorted(places, key=lambda p: p.id)}
    cleaned = []
    for person in sorted(people, key=lambda p: p.id):
        seen = []
        for choice in person.choices:
            if choice in capacity and choice not in seen:
                seen.append(choice)
        cleaned.append(Person(person.id, person.sector, tuple(seen[:MAX_CHOICES])))
    return cleaned, capacity


def _service_order(people: list[Person], capacity: dict[int, int]) -> list[Person]:
    """Order people by a hash of their id and of the whole input: fair to late joiners, and repeatable."""
    fingerprint = hashlib.sha256(repr((sorted(capacity.items()),
                                       [(p.id, p.sector, p.choices) for p in people])).encode()).hexdigest()
    return sorted(people, key=lambda p: (hashlib.sha256(f"{fingerprint}:{p.id}".encode()).hexdigest(), p.id))


def _single_sector(members: list[Person]) -> bool:
    """Tell whether a group of two or more is all of one known sector."""
    sectors = {m.sector for m in members}
    return len(members) >= 2 and len(sectors) == 1 and None not in sectors


def _residents(members: list[Person]) -> int:
    return sum(1 for m in members if m.sector == RESIDENT)


def allocate(people, places) -> Allocation:
    """Place each person on one of their ranked visits; see the module's guarantees."""
    people, capacity = _clean(people, places)
    order = _service_order(people, capacity)
    by_id = {p.id: p for p in people}
    at: dict[int, int | None] = {p.id: None for p in people}
    groups: dict[int, list[int]] = {visit_id: [] for visit_id in capacity}

    def put(person_id, visit_id):
        old = at[person_id]
        if old is not None:
            groups[old].remove(person_id)
        at[person_id] = visit_id
        if visit_id is not None:
            groups[visit_id].append(person_id)

    # 1. Rounds by rank: everyone's first choice where there is room, then second, then third.
    for rank in range(MAX_CHOICES):
        for person in order:
            if at[person.id] is None and len(person.choices) > rank:
                visit_id = person.choices[rank]
                if len(groups[visit_id]) < capacity[visit_id]:
                    put(person.id, visit_id)
    bound = sum(min(capacity[v], sum(1 for p in people if p.choices[:1] == (v,))) for v in capacity)

    # 2. Place as many of the others as possible along augmenting paths: move people to another of their
    #    choices, step by step, until a free place opens at the end. Someone on their first choice only makes
    #    way for a person who also ranked that visit first, so the count of first choices never drops.
    def augment(person: Person) -> bool:
        # state: (visit, whether the person entering it ranked it first) -> (who enters, visit they leave)
        came_from: dict[tuple[int, bool], tuple[int, tuple | None]] = {}
        queue = deque()

        def reach(visit_id, entering: Person, previous):
            state = (visit_id, entering.choices[0] == visit_id)
            if state in came_from or (visit_id, True) in came_from:
                return
            came_from[state] = (entering.id, previous)
            queue.append(state)

        for visit_id in person.choices:
            reach(visit_id, person, None)
        while queue:
            state = queue.popleft()
            visit_id, entering_first = state
            if len(groups[visit_id]) < capacity[visit_id]:
                while state is not None:
                    mover, previous = came_from[state]
                    put(mover, state[0])
                    state = previous
                return True
            for member_id in sorted(groups[visit_id]):
                member = by_id[member_id]
                if member.choices[0] == visit_id and not entering_first:
                    continue  # a first choice only makes way for another first choice
                if member_id == came_from[state][0]:
                    continue
                for other in member.choices:
                    if other != visit_id:
                        reach(other, member, state)
        return False

    for person in order:
        if at[person.id] is None:
            augment(person)

    # 3. Mix: swap pairs to break up single-sector groups, then to spread residents.
    def members(visit_id, swap=None):
        ids = list(groups[visit_id])
        if swap:
            out, into = swap
            ids = [into if i == out else i for i in ids]
        return [by_id[i] for i in ids]

    def find_swap():
        for visit_id in sorted(groups):
            group = members(visit_id)
            if not _single_sector(group):
                continue
            for a in sorted(group, key=lambda p: p.id):
                for other in a.choices:
                    if other == visit_id:
                        continue
                    for b_id in sorted(groups[other]):
                        b = by_id[b_id]
                        if b.sector != a.sector and visit_id in b.choices \
                                and not _single_sector(members(other, (b.id, a.id))):
                            return a.id, b.id
        return None

    def find_resident_swap():
        for visit_id in sorted(groups):
            group = members(visit_id)
            if len(group) < 2 or _residents(group):
                continue
            for a in sorted(group, key=lambda p: p.id):
                for other in a.choices:
                    if other == visit_id or _residents(members(other)) < 2:
                        continue
                    for r_id in sorted(groups[other]):
                        r = by_id[r_id]
                        if r.sector == RESIDENT and visit_id in r.choices \
                                and not _single_sector(members(visit_id, (a.id, r.id))) \
                                and not _single_sector(members(other, (r.id, a.id))):
                            return a.id, r.id
        return None

    swaps = 0
    limit = 4 * len(people) + 10
    while swaps < limit:
        pair = find_swap() or find_resident_swap()
        if pair is None:
            break
        a_id, b_id = pair
        a_visit, b_visit = at[a_id], at[b_id]
        put(a_id, b_visit)
        put(b_id, a_visit)
        swaps += 1

    ranks = {p.id: (p.choices.index(at[p.id]) + 1 if at[p.id] is not None else None) for p in people}
    return Allocation(assignment=dict(at), ranks=ranks, swaps=swaps, first_choice_bound=bound,
                      groups={v: sorted(ids) for v, ids in groups.items()})
