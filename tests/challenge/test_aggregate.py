"""The panel's sums: median of levels 1-4 without "can't judge", half levels for even counts, disagreement."""
from hypothesis import given
from hypothesis import strategies as st

from labapp.challenge.aggregate import factor_result, median_level, most_at_risk, results


def test_median_leaves_out_cant_judge_and_unrated():
    assert median_level([1, 0, 0, 0, 4, None, 4]) == 4.0
    assert median_level([0, 0, None]) is None
    assert median_level([]) is None


def test_median_of_an_even_count_is_the_half_level_between_the_middle_two():
    assert median_level([2, 3]) == 2.5
    assert median_level([1, 1, 4, 4]) == 2.5
    assert median_level([2, 2, 3, 4]) == 2.5
    assert median_level([3, 3, 3, 4]) == 3.0


def test_distribution_counts_every_rating_including_cant_judge():
    result = factor_result(5, [1, 2, 2, 4, 0, None])
    assert result.counts == {1: 1, 2: 2, 3: 0, 4: 1, 0: 1}
    assert result.rated == 4


def test_disagreement_when_two_members_are_two_or_more_levels_apart():
    assert factor_result(1, [2, 4]).disagreement
    assert factor_result(1, [1, 3, 3]).disagreement
    assert not factor_result(1, [2, 3, 3, 2]).disagreement
    # "can't judge" (0) is not a level: 0 and 3 are not three levels apart.
    assert not factor_result(1, [0, 3]).disagreement
    assert not factor_result(1, []).disagreement


def test_factors_most_at_risk_lowest_median_first_then_most_not_met():
    rows = results({1: [4, 4], 2: [2, 2], 3: [1, 3], 4: [1, 1, 4], 5: [2, 3], 6: [0, 0]})
    at_risk = most_at_risk(rows, limit=10)
    # 4: median 1; 2: median 2 (no "not met"); 3: median 2 with one "not met" comes first; 5: median 2.5.
    assert [r.factor for r in at_risk] == [4, 3, 2, 5]
    assert 1 not in [r.factor for r in at_risk] and 6 not in [r.factor for r in at_risk]


def test_comments_are_kept_per_factor_without_blanks():
    rows = results({1: [3]}, {1: ["Needs money", "  ", ""]})
    assert rows[0].comments == ("Needs money",)


@given(st.lists(st.sampled_from([None, 0, 1, 2, 3, 4]), max_size=20))
def test_median_always_lies_between_the_lowest_and_highest_level(ratings):
    levels = [r for r in ratings if r in (1, 2, 3, 4)]
    value = median_level(ratings)
    if not levels:
        assert value is None
    else:
        assert min(levels) <= value <= max(levels)
        assert value * 2 == int(value * 2)  # a level or a half level
