"""Expert review arithmetic: which scores count, per-area means, the trimmed-mean total, the ranking with
ties shown (never silently broken), and the tiers the quota would give.

The scores, the expert pool and the committee live in the committee repository (``generator.committee``
merges them into the dataset); the shared tree holds only the recorded results, read back here as
``Standing`` values by ``recorded_standings``.

Exact throughout: totals are ``Fraction``s (a mean of three scores is not a terminating decimal), compared
exactly; ``Decimal`` values rounded half-up to 0.01 are only for display. Nothing depends on the order of
the files or of the scores inside them.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

from msgspec import Struct

from generator.categories import category_of, category_order, positions
from generator.model import AREAS, Aggregation, Call, Cycle, Dataset, Results

CENT = Decimal("0.01")


def to_decimal(value: Fraction) -> Decimal:
    """A fraction rounded half-up to 0.01 (for display only)."""
    with localcontext() as ctx:
        ctx.prec = 50
        return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(CENT, rounding=ROUND_HALF_UP)


class Counted(Struct, frozen=True):
    """One expert's score that counts for the ranking."""

    expert: str
    points: dict[str, Decimal]

    @property
    def total(self) -> Decimal:
        return sum(self.points.values(), Decimal(0))


class Standing(Struct, frozen=True):
    society: str
    count: int
    area_means: dict[str, Fraction]
    total: Fraction | None  # None: nobody scored it yet
    trimmed: bool
    rank: int | None
    tied: bool
    tier: str | None
    tier_note: str  # "" | why the tier is not settled (a tie across the quota line)
    category: str | None = None  # 分类实施: rank and tier are within this category (None: one pool)
    formation: Formation | None = None  # how the total was formed (committee only; None when recorded)

    @property
    def total_display(self) -> Decimal | None:
        return None if self.total is None else to_decimal(self.total)


def conflicted(data: Dataset, expert: str, conflicts: Iterable[str]) -> set[str]:
    """Societies an expert may not score: declared in the review file or recorded in the expert pool."""
    found = set(conflicts)
    pool = data.office.experts
    if pool is not None and expert in pool:
        found.update(pool[expert].affiliations)
    return found


def ranked_societies(cycle: Cycle) -> list[str]:
    """Applications that take part in the ranking: those that passed formal review once it is recorded."""
    societies = sorted(app.society for app in cycle.applications.values())
    decisions = cycle.decisions
    if decisions is None or not decisions.formal_results:
        return societies
    return [
        s
        for s in societies
        if decisions.formal_results.get(s) is not None and decisions.formal_results[s].passed
    ]


def counted_scores(data: Dataset, cycle: Cycle) -> dict[str, list[Counted]]:
    """The scores that count: by committee members (when the committee is recorded), for ranked applications,
    not in conflict, the first score an expert gave a society (a second one is an error, never counted)."""
    ranked = set(ranked_societies(cycle))
    committee = set(cycle.committee) if cycle.committee else None
    out: dict[str, list[Counted]] = {s: [] for s in ranked}
    for expert in sorted(cycle.reviews):
        review = cycle.reviews[expert]
        if committee is not None and review.expert not in committee:
            continue
        blocked = conflicted(data, review.expert, review.conflicts)
        seen: set[str] = set()
        for score in review.scores:
            if score.society not in ranked or score.society in blocked or score.society in seen:
                continue
            seen.add(score.society)
            out[score.society].append(Counted(review.expert, dict(score.points)))
    return out


def aggregate(
    scores: list[Counted], trim: int, trim_min: int
) -> tuple[Fraction | None, dict[str, Fraction], bool]:
    """(total, per-area means, trimmed?). The total is the mean of the experts' totals after dropping the
    ``trim`` highest and lowest when at least ``trim_min`` experts scored (and some remain)."""
    if not scores:
        return None, {}, False
    n = len(scores)
    means = {
        area: Fraction(sum((s.points.get(area, Decimal(0)) for s in scores), Decimal(0))) / n
        for area in AREAS
    }
    totals = sorted(Fraction(s.total) for s in scores)
    trimmed = trim > 0 and n >= trim_min and n - 2 * trim >= 1
    kept = totals[trim : n - trim] if trimmed else totals
    return sum(kept, Fraction(0)) / len(kept), means, trimmed


class Formation(Struct, frozen=True):
    """How one application's total was formed under the call's stated aggregation: every expert's total
    (identities are kept for the committee's eyes only), which were dropped, and the mean of the rest.
    The area means are taken over the kept experts, so they add up to the total exactly."""

    method: str
    kept: tuple[tuple[str, Fraction], ...]  # (expert, total), lowest first
    dropped: tuple[tuple[str, Fraction], ...]
    needed: int  # the fewest scores the rule can use (2·trim + 1)


def aggregate_stated(
    scores: list[Counted], agg: Aggregation
) -> tuple[Fraction | None, dict[str, Fraction], Formation]:
    """The call's one rule, the same for every application whatever its number of conflicts: drop the
    ``trim`` lowest and ``trim`` highest experts' totals (ties broken by expert id), average the rest; the
    area means are over the same kept experts. Fewer scores than 2·trim+1: no total."""
    ordered = sorted(scores, key=lambda s: (s.total, s.expert))
    needed = 2 * agg.trim + 1
    if len(ordered) < needed:
        formation = Formation(agg.method, tuple((s.expert, Fraction(s.total)) for s in ordered), (), needed)
        return None, {}, formation
    cut = agg.trim
    kept = ordered[cut : len(ordered) - cut]
    dropped = ordered[:cut] + ordered[len(ordered) - cut :]
    means = {
        area: Fraction(sum((s.points.get(area, Decimal(0)) for s in kept), Decimal(0))) / len(kept)
        for area in AREAS
    }
    total = sum((Fraction(s.total) for s in kept), Fraction(0)) / len(kept)
    formation = Formation(
        agg.method,
        tuple((s.expert, Fraction(s.total)) for s in kept),
        tuple((s.expert, Fraction(s.total)) for s in dropped),
        needed,
    )
    return total, means, formation


def tiers_for_positions(call: Call | None) -> list[str]:
    """Tier names by position 1, 2, …: the call's tiers in their listed order, each ``count`` times."""
    if call is None:
        return []
    return [tier.tier for tier in call.awards for _ in range(tier.count)]


Aggregated = tuple[Fraction | None, dict[str, Fraction], bool, "Formation | None"]


def _aggregated(call: Call | None, items: list[Counted]) -> Aggregated:
    """The stated rule when the call has one (``scoring.aggregation``), else the legacy trim fields."""
    if call is not None and call.aggregation is not None:
        total, means, formation = aggregate_stated(items, call.aggregation)
        return total, means, bool(formation.dropped), formation
    trim = call.trim if call else 0
    trim_min = call.trim_min_reviewers if call else 5
    return (*aggregate(items, trim, trim_min), None)


def rank_cycle(data: Dataset, cycle: Cycle) -> list[Standing]:
    """The standings, category by category (分类实施): rank and tier within each category and its quota;
    one pool when the call defines no categories."""
    call = cycle.call
    scores = counted_scores(data, cycle)
    groups: dict[str, dict[str, Aggregated]] = {}
    for society, items in scores.items():
        groups.setdefault(category_of(data, call, society), {})[society] = _aggregated(call, items)
    standings: list[Standing] = []
    for cat in category_order(call):
        if cat in groups:
            label = None if call is None or not call.categories else cat
            standings += _rank_group(groups[cat], scores, positions(call, cat), label)
    return standings


def _rank_group(
    totals: dict[str, Aggregated], scores: dict[str, list[Counted]], places: list[str], label: str | None
) -> list[Standing]:
    scored = [t for t, _, _, _ in totals.values() if t is not None]
    standings: list[Standing] = []
    for society in sorted(totals, key=lambda s: (totals[s][0] is None, -(totals[s][0] or 0), s)):
        total, means, trimmed, formation = totals[society]
        if total is None:
            count = len(scores[society])
            standings.append(
                Standing(society, count, {}, None, False, None, False, None, "", label, formation)
            )
            continue
        better = sum(1 for t in scored if t > total)
        same = sum(1 for t in scored if t == total)
        span = places[better : better + same]
        tier: str | None
        note = ""
        if not span:
            tier = None
        elif len(set(span)) == 1 and len(span) == same:
            tier = span[0]
        else:
            tier = span[0]
            note = "并列且跨越名额界限，须由评审委员会决定" if same > 1 else ""
        standings.append(
            Standing(
                society,
                len(scores[society]),
                means,
                total,
                trimmed,
                better + 1,
                same > 1,
                tier,
                note,
                label,
                formation,
            )
        )
    return standings


def recorded_standings(results: Results) -> list[Standing]:
    """The standings as recorded in a results file (exact totals from ``total_exact``)."""
    return [
        Standing(
            s.society,
            s.count,
            {area: Fraction(mean) for area, mean in s.area_means.items()},
            s.total_exact if s.total_exact is not None else (None if s.total is None else Fraction(s.total)),
            s.trimmed,
            s.rank,
            s.tied,
            s.tier,
            s.tier_note,
            s.category,
        )
        for s in results.standings
    ]
