"""Read a run chart with the Anhøj rules (as the R package qicharts2 does) and the IHI shift and trend rules.

Pure Python, no Flask: `analyse(values, freeze=, exclude=, centre=)` takes a series in time order.

- Missing values (None) are never useful: they are left out of the centre and of every rule.
- The centre is the median of the baseline (the first `freeze` positions when given, else the whole series),
  leaving out missing and excluded points, unless `centre` is given.
- Runs analysis (Anhøj): points exactly on the centre and excluded points are dropped; the rest are useful.
  A run is a sequence of useful points on the same side of the centre. longest_run_limit is
  round(log2(n_useful)) + 3 and crossings_limit is qbinom(0.05, n_useful - 1, 0.5), the smallest k with
  P(X <= k) >= 0.05 for X ~ Binomial(n_useful - 1, 1/2), worked out with exact integer sums.
  There is a signal when longest_run > longest_run_limit or crossings < crossings_limit.
- IHI shift: 6 or more useful points in a row on the same side of the centre (the same runs as above).
- IHI trend: 5 or more points in a row each higher than the one before (or each lower). Missing and excluded
  points are skipped; the centre plays no part. A point equal to the one before neither adds to a trend nor
  breaks it (the IHI guidance: "ignore like points"), so 1, 2, 2, 3, 4, 5 is a trend of five rising points.
"""
from dataclasses import dataclass, field
from functools import lru_cache
from math import comb, log2
from statistics import median

SHIFT_LENGTH = 6
TREND_LENGTH = 5


@dataclass(frozen=True)
class RunChartAnalysis:
    """What a run chart shows; the counts are None when there are no useful points."""

    centre: float | None
    n_useful: int
    longest_run: int | None
    longest_run_limit: int | None
    crossings: int | None
    crossings_limit: int | None
    signal: bool
    shift: bool
    trend: bool
    # Positions (in the input series) of points that take part in a signal, for highlighting.
    run_positions: tuple = field(default=())       # in a run longer than longest_run_limit
    shift_positions: tuple = field(default=())     # in a shift
    trend_positions: tuple = field(default=())     # in a trend
    longest_run_side: int = 0                      # +1 above the centre, -1 below, 0 when none

    @property
    def long_run(self) -> bool:
        """Tell whether the longest run is longer than its limit."""
        return self.longest_run is not None and self.longest_run > self.longest_run_limit

    @property
    def few_crossings(self) -> bool:
        """Tell whether the line crosses the centre fewer times than chance allows."""
        return self.crossings is not None and self.crossings < self.crossings_limit

    @property
    def signal_positions(self) -> frozenset:
        """Return every position that takes part in a signal of any kind."""
        return frozenset(self.run_positions) | frozenset(self.shift_positions) | frozenset(self.trend_positions)


@lru_cache(maxsize=1024)
def longest_run_limit(n_useful: int) -> int:
    """Return the longest run chance allows among n useful points: round(log2(n)) + 3."""
    return round(log2(n_useful)) + 3


@lru_cache(maxsize=1024)
def crossings_limit(n_useful: int) -> int:
    """Return qbinom(0.05, n - 1, 0.5): the smallest k with P(X <= k) >= 0.05, X ~ Binomial(n - 1, 1/2)."""
    trials = max(n_useful - 1, 0)
    total, cumulative = 2 ** trials, 0
    for k in range(trials + 1):
        cumulative += comb(trials, k)
        if cumulative * 20 >= total:  # cumulative / 2**trials >= 1/20, exactly
            return k
    return trials


def analyse(values, *, freeze: int | None = None, exclude=(), centre: float | None = None) -> RunChartAnalysis:
    """Analyse a series in time order; see the module docstring for the rules."""
    values = list(values)
    excluded = {int(position) for position in exclude}
    present = [(i, float(v)) for i, v in enumerate(values) if v is not None and i not in excluded]
    if centre is None:
        limit = len(values) if freeze is None else max(int(freeze), 0)
        baseline = [v for i, v in present if i < limit]
        centre = median(baseline) if baseline else None
    else:
        centre = float(centre)
    trend_positions = _trend_positions(present)
    if centre is None:
        return RunChartAnalysis(None, 0, None, None, None, None, False, False, bool(trend_positions),
                                trend_positions=trend_positions)

    useful = [(i, 1 if v > centre else -1) for i, v in present if v != centre]
    if not useful:
        return RunChartAnalysis(centre, 0, None, None, None, None, False, False, bool(trend_positions),
                                trend_positions=trend_positions)
    runs = []  # (side, [positions])
    for position, side in useful:
        if runs and runs[-1][0] == side:
            runs[-1][1].append(position)
        else:
            runs.append((side, [position]))
    n_useful = len(useful)
    longest_side, longest = max(runs, key=lambda run: len(run[1]))
    run_limit = longest_run_limit(n_useful)
    crossings = len(runs) - 1
    cross_limit = crossings_limit(n_useful)
    run_positions = tuple(p for _side, positions in runs if len(positions) > run_limit for p in positions)
    shift_positions = tuple(p for _side, positions in runs if len(positions) >= SHIFT_LENGTH for p in positions)
    return RunChartAnalysis(
        centre=centre, n_useful=n_useful, longest_run=len(longest), longest_run_limit=run_limit,
        crossings=crossings, crossings_limit=cross_limit,
        signal=len(longest) > run_limit or crossings < cross_limit,
        shift=bool(shift_positions), trend=bool(trend_positions),
        run_positions=run_positions, shift_positions=shift_positions, trend_positions=trend_positions,
        longest_run_side=longest_side)


def _trend_positions(present: list[tuple[int, float]]) -> tuple:
    """Return the positions in any trend of TREND_LENGTH or more distinct, steadily rising or falling points."""
    # Collapse equal neighbours: each group of like points counts as one point of the trend.
    groups = []  # (value, [positions])
    for position, value in present:
        if groups and groups[-1][0] == value:
            groups[-1][1].append(position)
        else:
            groups.append((value, [position]))
    marked = set()
    start = 0
    while start < len(groups) - 1:
        direction = 1 if groups[start + 1][0] > groups[start][0] else -1
        end = start + 1
        while end + 1 < len(groups) and (groups[end + 1][0] - groups[end][0]) * direction > 0:
            end += 1
        if end - start + 1 >= TREND_LENGTH:
            for _value, positions in groups[start:end + 1]:
                marked.update(positions)
        start = end
    return tuple(sorted(marked))
