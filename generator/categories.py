"""Categories (分类实施, 一（三）1) and the rubric: the arithmetic the ranking, the rules and the site share.

A call may define categories, each with its own quota per tier and its own panel; a society's profile names
its category. Without categories the call is one pool (the call's ``awards`` are the only quota). Pure
functions over the dataset; nothing here reads files or makes text.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from generator.model import AREAS, Call, Dataset

UNCATEGORISED = ""  # the group of applicants whose profile names no category the call defines


def category_of(data: Dataset, call: Call | None, society: str) -> str:
    """The category a society is ranked in: its profile's ``category`` when the call defines it, else
    ``UNCATEGORISED`` (and one pool when the call defines no categories)."""
    if call is None or not call.categories:
        return UNCATEGORISED
    profile = data.societies.get(society)
    named = profile.category if profile is not None else None
    return named if named is not None and call.category(named) is not None else UNCATEGORISED


def positions(call: Call | None, category: str) -> list[str]:
    """Tier names by position 1, 2, … within a category: the call's tier order, each tier its category
    quota times; the call's ``awards`` when it has no categories; nothing for an unknown category."""
    if call is None:
        return []
    if not call.categories:
        return [tier.tier for tier in call.awards for _ in range(tier.count)]
    found = call.category(category)
    if found is None:
        return []
    quota = dict(found.quotas)
    return [tier.tier for tier in call.awards for _ in range(quota.get(tier.tier, 0))]


def quota_sums(call: Call) -> dict[str, int]:
    """Per tier, the sum of the categories' quotas (to compare with the call's ``awards``)."""
    sums: Counter[str] = Counter()
    for cat in call.categories:
        for tier, count in cat.quotas:
            sums[tier] += count
    return dict(sums)


def category_order(call: Call | None) -> list[str]:
    """Category ids in the call's order, the uncategorised group last."""
    return [c.id for c in call.categories] + [UNCATEGORISED] if call is not None else [UNCATEGORISED]


def rubric_sums(call: Call) -> dict[str, Decimal]:
    """Per area with a rubric, the sum of its sub-items' maxima (to compare with ``max_points``)."""
    return {
        area: sum((i.max for i in call.rubric[area]), Decimal(0)) for area in AREAS if area in call.rubric
    }


def min_scorers_needed(call: Call) -> int:
    """The fewest counted scores the stated aggregation can use: 2·trim + 1 (1 for a plain mean)."""
    agg = call.aggregation
    return 1 if agg is None else 2 * agg.trim + 1
