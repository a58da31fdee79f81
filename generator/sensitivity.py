"""The sensitivity view (committee only, never published): would the proposed places change under another
aggregation? Per category, each application's standing under the raw mean of the experts' totals, the call's
stated rule, and per-expert normalised scores (each expert's totals turned into z-scores over the
applications that expert scored, then averaged). A place whose tier differs between the methods is flagged:
the choice of method, not the scores alone, decides it.

Exact where it can be (means are ``Fraction``s); the z-scores need a square root and are floats, used only to
order applications within the view, never recorded.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from generator.categories import category_of, category_order, positions
from generator.model import Aggregation, Cycle, Dataset
from generator.scoring import Counted, aggregate_stated, counted_scores

METHODS = ("raw_mean", "stated", "z_score")
METHOD_ZH = {"raw_mean": "算术平均", "stated": "申报通知的汇总规则", "z_score": "按专家标准化（z 分数）"}


@dataclass(frozen=True, slots=True)
class Place:
    value: float | None
    rank: int | None
    tier: str | None


@dataclass(frozen=True, slots=True)
class SensitivityRow:
    society: str
    category: str
    places: dict[str, Place]  # method -> place

    @property
    def decided_by_method(self) -> bool:
        """The tier (or being inside the quota at all) differs between the methods."""
        return len({p.tier for p in self.places.values()}) > 1


def _z_scores(scores: dict[str, list[Counted]]) -> dict[str, float | None]:
    """Each expert's totals as z-scores over the applications that expert scored (an expert who gave
    everyone the same total contributes 0), averaged per application."""
    by_expert: dict[str, list[float]] = {}
    for items in scores.values():
        for c in items:
            by_expert.setdefault(c.expert, []).append(float(c.total))
    stats: dict[str, tuple[float, float]] = {}
    for expert, values in by_expert.items():
        mean = sum(values) / len(values)
        sd = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
        stats[expert] = (mean, sd)
    out: dict[str, float | None] = {}
    for society, items in scores.items():
        zs = [
            0.0 if stats[c.expert][1] == 0 else (float(c.total) - stats[c.expert][0]) / stats[c.expert][1]
            for c in items
        ]
        out[society] = sum(zs) / len(zs) if zs else None
    return out


def _places(values: dict[str, float | None], slots: list[str]) -> dict[str, Place]:
    scored = [v for v in values.values() if v is not None]
    out: dict[str, Place] = {}
    for society, value in values.items():
        if value is None:
            out[society] = Place(None, None, None)
            continue
        better = sum(1 for v in scored if v > value)
        out[society] = Place(value, better + 1, slots[better] if better < len(slots) else None)
    return out


def sensitivity(data: Dataset, cycle: Cycle) -> list[SensitivityRow]:
    """The view for one cycle, category by category, in the stated rule's order."""
    call = cycle.call
    scores = counted_scores(data, cycle)
    agg = call.aggregation if call is not None and call.aggregation is not None else Aggregation("mean", 0)
    methods: dict[str, Callable[[list[Counted]], Fraction | None]] = {
        "raw_mean": lambda items: aggregate_stated(items, Aggregation("mean", 0))[0],
        "stated": lambda items: aggregate_stated(items, agg)[0],
    }
    z = _z_scores(scores)
    rows: list[SensitivityRow] = []
    for cat in category_order(call):
        members = sorted(s for s in scores if category_of(data, call, s) == cat)
        if not members:
            continue
        slots = positions(call, cat)
        per_method: dict[str, dict[str, Place]] = {}
        for name, fn in methods.items():
            values: dict[str, float | None] = {}
            for s in members:
                total = fn(scores[s])
                values[s] = None if total is None else float(total)
            per_method[name] = _places(values, slots)
        per_method["z_score"] = _places({s: z[s] for s in members}, slots)
        order = sorted(members, key=lambda s: (per_method["stated"][s].rank or 10**6, s))
        rows += [SensitivityRow(s, cat, {m: per_method[m][s] for m in METHODS}) for s in order]
    return rows
