"""Sum up a panel's ratings per factor: pure functions, no Flask, no database.

Ratings are the ordinal levels 1 (not met), 2 (partly met), 3 (mostly met) and 4 (fully met); 0 is
"can't judge" and None is "not rated yet". Both are left out of the median and of the disagreement check,
and counted apart.

- The median of an odd count is the middle level. Of an even count it is the half level between the two
  middle ones (2 and 3 give 2.5, "between partly and mostly met"): it never rounds a split towards either
  side, so a panel split down the middle shows as split.
- Disagreement: two members' ratings of a factor are two or more levels apart (max - min >= 2).
- Factors most at risk: those with the lowest median, then the most "not met" ratings; only factors with at
  least one rating take part, and only a median below 3 (not yet "mostly met") counts as a risk.
"""
from dataclasses import dataclass, field
from statistics import median

LEVELS = (1, 2, 3, 4)
CANT_JUDGE = 0
DISAGREEMENT_GAP = 2
RISK_BELOW = 3


@dataclass(frozen=True)
class FactorResult:
    """What the panel said about one factor."""

    factor: int
    counts: dict                # {1: n, 2: n, 3: n, 4: n, 0: n} - 0 is "can't judge"
    median: float | None        # None when nobody gave a level
    spread: int | None          # highest minus lowest level
    comments: tuple = field(default=())

    @property
    def rated(self) -> int:
        """Return how many members gave a level (not "can't judge")."""
        return sum(self.counts[level] for level in LEVELS)

    @property
    def disagreement(self) -> bool:
        """Tell whether two members are two or more levels apart."""
        return self.spread is not None and self.spread >= DISAGREEMENT_GAP

    @property
    def band(self) -> int | None:
        """Return the level the median falls in, rounding a half level down (for colouring a heat map cell)."""
        return None if self.median is None else int(self.median)


def median_level(ratings) -> float | None:
    """Return the median of the levels 1-4 in `ratings`, leaving out "can't judge" (0) and None.

    An even count gives the half level between the two middle ratings (2 and 3 give 2.5)."""
    levels = sorted(r for r in ratings if r in LEVELS)
    if not levels:
        return None
    return float(median(levels))


def factor_result(factor: int, ratings, comments=()) -> FactorResult:
    """Sum up one factor's ratings (a list of 0-4 or None) and its comments."""
    counts = {level: 0 for level in (*LEVELS, CANT_JUDGE)}
    for rating in ratings:
        if rating in counts:
            counts[rating] += 1
    levels = [r for r in ratings if r in LEVELS]
    spread = max(levels) - min(levels) if levels else None
    return FactorResult(factor=factor, counts=counts, median=median_level(ratings), spread=spread,
                        comments=tuple(c for c in comments if c and c.strip()))


def results(ratings_by_factor: dict, comments_by_factor: dict | None = None) -> list[FactorResult]:
    """Return one FactorResult per factor, in factor order; {factor: [ratings]} and {factor: [comments]}."""
    comments_by_factor = comments_by_factor or {}
    return [factor_result(f, ratings_by_factor.get(f, []), comments_by_factor.get(f, ()))
            for f in sorted(set(ratings_by_factor) | set(comments_by_factor))]


def most_at_risk(factor_results, limit: int = 3) -> list[FactorResult]:
    """Return up to `limit` factors with a median below "mostly met": lowest median first, then most "not met"."""
    risky = [r for r in factor_results if r.median is not None and r.median < RISK_BELOW]
    return sorted(risky, key=lambda r: (r.median, -r.counts[1], r.factor))[:limit]
