"""The run chart rules, with cases worked out by hand."""
import pytest

from labapp.prototypes.runchart import analyse, crossings_limit, longest_run_limit


@pytest.mark.parametrize("n,run_limit,cross_limit", [
    # Anhøj and Olesen's table of limits (the values qicharts2 uses): n, longest run, fewest crossings.
    (10, 6, 2), (11, 6, 2), (12, 7, 3), (14, 7, 4), (15, 7, 4), (19, 7, 6), (20, 7, 6), (23, 8, 7), (25, 8, 8), (30, 8, 10),
    (2, 4, 0), (1, 3, 0),
])
def test_limits_follow_the_published_table(n, run_limit, cross_limit):
    assert longest_run_limit(n) == run_limit
    assert crossings_limit(n) == cross_limit


def test_crossings_limit_is_the_5th_percentile_of_the_binomial():
    # n = 14: 13 trials. P(X <= 3) = (1 + 13 + 78 + 286) / 8192 = 0.046 < 0.05; P(X <= 4) = 1093 / 8192 = 0.133.
    assert crossings_limit(14) == 4
    # n = 11: 10 trials. P(X <= 1) = 11/1024 = 0.011; P(X <= 2) = 56/1024 = 0.055.
    assert crossings_limit(11) == 2


def test_no_values_means_no_counts_and_no_signal():
    result = analyse([])
    assert result.centre is None and result.n_useful == 0
    assert result.longest_run is None and result.longest_run_limit is None
    assert result.crossings is None and result.crossings_limit is None
    assert not result.signal and not result.shift and not result.trend


def test_one_value_sits_on_its_own_median_so_nothing_is_useful():
    result = analyse([5])
    assert result.centre == 5 and result.n_useful == 0 and result.longest_run is None and not result.signal


def test_one_value_against_a_given_centre():
    result = analyse([5], centre=3)
    assert (result.n_useful, result.longest_run, result.longest_run_limit, result.crossings,
            result.crossings_limit, result.signal) == (1, 1, 3, 0, 0, False)


def test_only_missing_values_give_no_centre():
    result = analyse([None, None])
    assert result.centre is None and result.n_useful == 0 and not result.signal


def test_points_on_the_centre_are_dropped():
    result = analyse([1, 2, 3])
    assert result.centre == 2 and result.n_useful == 2
    assert (result.longest_run, result.crossings, result.longest_run_limit, result.crossings_limit) == (1, 1, 4, 0)


def test_a_zigzag_is_random_variation():
    result = analyse([1, 3] * 5)
    assert result.centre == 2 and result.n_useful == 10
    assert (result.longest_run, result.crossings) == (1, 9)
    assert not result.signal and not result.shift and not result.trend


def test_a_steady_rise_crosses_too_seldom_and_is_a_trend():
    result = analyse(range(1, 11))
    assert result.centre == 5.5 and result.n_useful == 10
    assert (result.longest_run, result.longest_run_limit, result.crossings, result.crossings_limit) == (5, 6, 1, 2)
    assert result.signal and result.few_crossings and not result.long_run
    assert not result.shift  # runs of 5 are not shifts
    assert result.trend and result.trend_positions == tuple(range(10))


def test_a_run_of_nine_above_a_given_centre():
    values = [8, 12, 8, 12, 8] + [12] * 9
    result = analyse(values, centre=10)
    assert result.n_useful == 14 and result.longest_run == 9 and result.longest_run_limit == 7
    assert result.crossings == 5 and result.crossings_limit == 4
    assert result.signal and result.long_run and not result.few_crossings
    assert result.longest_run_side == 1
    assert result.run_positions == tuple(range(5, 14)) and result.shift_positions == tuple(range(5, 14))
    assert result.shift and not result.trend


def test_freeze_takes_the_median_of_the_baseline_only():
    values = [1, 2, 3, 4] + [10] * 7
    frozen = analyse(values, freeze=4)
    assert frozen.centre == 2.5 and frozen.n_useful == 11
    assert (frozen.longest_run, frozen.longest_run_limit, frozen.crossings, frozen.crossings_limit) == (9, 6, 1, 2)
    assert frozen.signal and frozen.shift
    # Without a baseline the median is 10: seven points sit on it and are dropped.
    whole = analyse(values)
    assert whole.centre == 10 and whole.n_useful == 4
    assert (whole.longest_run, whole.longest_run_limit, whole.crossings, whole.crossings_limit) == (4, 5, 0, 0)
    assert not whole.signal


def test_a_given_centre_beats_freeze():
    assert analyse([1, 2, 3, 4, 5], freeze=2, centre=4).centre == 4


def test_excluded_points_leave_the_median_and_the_runs():
    result = analyse([1, 100, 3, 5], exclude=(1,))
    assert result.centre == 3 and result.n_useful == 2
    assert (result.longest_run, result.crossings) == (1, 1)
    assert 1 not in result.signal_positions


def test_excluded_points_in_the_baseline_are_not_replaced():
    # freeze counts positions, so the baseline is positions 0-2 without the excluded one: median of 1 and 3.
    assert analyse([1, 50, 3, 9, 9], freeze=3, exclude=[1]).centre == 2


def test_missing_values_are_skipped_not_zero():
    result = analyse([None, 4, 6, None, 4, 6])
    assert result.centre == 5 and result.n_useful == 4 and result.crossings == 3


@pytest.mark.parametrize("values,exclude,trend", [
    ([1, 2, 3, 4], (), False),            # four rising points are not enough
    ([1, 2, 3, 4, 5], (), True),
    ([1, 2, 2, 3, 4, 5], (), True),       # a repeated value neither counts nor breaks the trend
    ([1, 2, 2, 3, 4], (), False),         # ...so this is only four distinct rising points
    ([5, 4, 3, 3, 2, 1], (), True),       # falling
    ([1, 2, 3, None, 4, 5], (), True),    # a missing week is skipped
    ([1, 2, 3, 9, 4, 5], (3,), True),     # so is an excluded point
    ([1, 2, 3, 9, 4, 5], (), False),
    ([1, 2, 3, 2, 3, 4], (), False),
])
def test_trend(values, exclude, trend):
    assert analyse(values, exclude=exclude).trend is trend


def test_trend_ignores_the_centre_and_marks_tied_points():
    result = analyse([1, 2, 2, 3, 4, 5, 1])
    assert result.trend_positions == (0, 1, 2, 3, 4, 5)


def test_shift_needs_six_on_one_side():
    five = analyse([1, 1, 1, 1, 1, 9, 1, 9], centre=5)
    six = analyse([1, 1, 1, 1, 1, 1, 9, 1, 9], centre=5)
    assert not five.shift and six.shift
    assert six.shift_positions == (0, 1, 2, 3, 4, 5)
