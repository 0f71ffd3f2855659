"""Pure survey arithmetic: NPS, CSAT, who is a detractor, a fallback sentiment rule, the
routing pick, and spreadsheet-safe cells. No Django imports."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

NPS_DETRACTOR_MAX = 6
NPS_PROMOTER_MIN = 9
CSAT_DETRACTOR_MAX = 2
CSAT_SATISFIED_MIN = 4


@dataclass(frozen=True)
class NpsSummary:
    count: int
    promoters: int
    passives: int
    detractors: int
    score: int | None  # -100 … 100
    distribution: list[int]  # counts for 0 … 10


def nps(values: Iterable[int]) -> NpsSummary:
    distribution = [0] * 11
    for v in values:
        if 0 <= v <= 10:
            distribution[v] += 1
    count = sum(distribution)
    promoters = sum(distribution[NPS_PROMOTER_MIN:])
    detractors = sum(distribution[: NPS_DETRACTOR_MAX + 1])
    score = round(100 * (promoters - detractors) / count) if count else None
    return NpsSummary(
        count, promoters, count - promoters - detractors, detractors, score, distribution
    )


@dataclass(frozen=True)
class CsatSummary:
    count: int
    satisfied: int
    score: int | None  # percent answering 4 or 5
    average: float | None
    distribution: list[int]  # counts for 1 … 5


def csat(values: Iterable[int]) -> CsatSummary:
    distribution = [0] * 5
    for v in values:
        if 1 <= v <= 5:
            distribution[v - 1] += 1
    count = sum(distribution)
    satisfied = distribution[3] + distribution[4]
    total = sum((i + 1) * n for i, n in enumerate(distribution))
    return CsatSummary(
        count,
        satisfied,
        round(100 * satisfied / count) if count else None,
        round(total / count, 2) if count else None,
        distribution,
    )


def detractor_reason(*, nps: int | None, csat: int | None, negative_text: bool) -> str:
    """Why an answer counts as a detractor's, or "" when it does not."""
    if nps is not None and nps <= NPS_DETRACTOR_MAX:
        return f"NPS {nps}"
    if csat is not None and csat <= CSAT_DETRACTOR_MAX:
        return f"CSAT {csat}"
    if negative_text:
        return "Negative open answer"
    return ""


def pick_assignee(
    candidates: Sequence[int], *, load: dict[int, int], weekly_max: int, after: int | None
) -> int | None:
    """The next candidate (in order, after `after` for a rotation) below the weekly maximum."""
    if not candidates:
        return None
    start = candidates.index(after) + 1 if after in candidates else 0
    ordered = list(candidates[start:]) + list(candidates[:start])
    for person_id in ordered:
        if load.get(person_id, 0) < weekly_max:
            return person_id
    return None


FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")


def safe_cell(value: object) -> object:
    """A spreadsheet cannot run a cell that starts with a quote: neutralise formula-like text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
