"""Aggregation and ranking: exact, order-independent, ties shown, trimmed mean as configured."""

from __future__ import annotations

import random
from datetime import UTC
from decimal import Decimal
from fractions import Fraction
from types import SimpleNamespace
from typing import cast

from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from generator.model import AREAS, AwardTier, Call, Cycle, Dataset, Review, Score
from generator.scoring import Counted, aggregate, rank_cycle, tiers_for_positions, to_decimal


def call(
    trim: int = 1, trim_min: int = 5, tiers: tuple[tuple[str, int], ...] = (("一等", 1), ("二等", 2))
) -> Call:
    from datetime import date, datetime

    return Call(
        file="submissions/2026/call.yaml",
        cycle=2026,
        title="t",
        doc_number="d",
        published=date(2026, 9, 1),
        deadline=datetime(2026, 10, 31, 9, tzinfo=UTC),
        awards=tuple(AwardTier(name, count, Decimal(100000)) for name, count in tiers),
        max_points={"innovation": 30, "society_government": 30, "scientists": 20, "self_development": 20},
        trim=trim,
        trim_min_reviewers=trim_min,
        publicity_days=10,
        publicity_day_kind="calendar",
        plan_due_days=30,
        body="",
        issuer=None,
        period_start=None,
        period_end=None,
    )


def pts(total: int) -> dict[str, Decimal]:
    """Points adding up to ``total`` (spread over the four areas)."""
    a = min(total, 30)
    b = min(total - a, 30)
    c = min(total - a - b, 20)
    return dict(zip(AREAS, (Decimal(a), Decimal(b), Decimal(c), Decimal(total - a - b - c)), strict=True))


def cycle_with(scores: dict[str, dict[str, int]], the_call: Call | None = None) -> tuple[Dataset, Cycle]:
    """scores: expert -> society -> total."""
    data = Dataset()
    cycle = data.cycle(2026)
    cycle.call = the_call or call()
    from generator.model import Application

    societies = sorted({s for by in scores.values() for s in by})
    for slug in societies:  # a stand-in holding only what ranking reads
        cycle.applications[slug] = cast(Application, SimpleNamespace(society=slug))
    for expert, by in scores.items():
        cycle.reviews[expert] = Review(
            f"r/{expert}.yaml",
            2026,
            expert,
            (),
            tuple(Score(i, s, pts(t), "") for i, (s, t) in enumerate(sorted(by.items()))),
        )
    return data, cycle


def test_trimmed_mean_drops_highest_and_lowest_with_enough_experts() -> None:
    scores = [Counted(f"e{i}", pts(t)) for i, t in enumerate([60, 70, 80, 90, 100])]
    total, _, trimmed = aggregate(scores, trim=1, trim_min=5)
    assert trimmed and total == Fraction(80)
    total4, _, trimmed4 = aggregate(scores[:4], trim=1, trim_min=5)
    assert not trimmed4 and total4 == Fraction(75)


def test_exact_thirds() -> None:
    total, means, _ = aggregate([Counted("a", pts(80)), Counted("b", pts(80)), Counted("c", pts(81))], 1, 5)
    assert total == Fraction(241, 3)
    assert to_decimal(total) == Decimal("80.33")
    assert sum(means.values()) == Fraction(241, 3)


def test_ties_are_shown_not_broken() -> None:
    data, cycle = cycle_with({"e1": {"a": 80, "b": 80, "c": 70}, "e2": {"a": 70, "b": 70, "c": 90}})
    standings = {s.society: s for s in rank_cycle(data, cycle)}
    assert standings["c"].rank == 1 and standings["c"].total == 80 and standings["c"].tied is False
    assert standings["a"].rank == standings["b"].rank == 2 and standings["a"].tied and standings["b"].tied
    assert standings["a"].tier == standings["b"].tier == "二等" and standings["a"].tier_note == ""


def test_a_tie_across_the_quota_line_is_flagged() -> None:
    data, cycle = cycle_with(
        {"e1": {"a": 90, "b": 80, "c": 80, "d": 60}}, call(tiers=(("一等", 2), ("二等", 1)))
    )
    standings = {s.society: s for s in rank_cycle(data, cycle)}
    assert standings["a"].tier == "一等" and standings["a"].tier_note == ""
    assert standings["b"].tier == "一等" and "并列" in standings["b"].tier_note
    assert standings["d"].tier is None
    assert tiers_for_positions(call(tiers=(("一等", 2), ("二等", 1)))) == ["一等", "一等", "二等"]


totals = st.integers(min_value=0, max_value=100)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([f"expert-{i}" for i in range(7)]),
        st.dictionaries(st.sampled_from(["s-a", "s-b", "s-c", "s-d", "s-e"]), totals, min_size=1),
        min_size=1,
    ),
    st.randoms(use_true_random=False),
)
def test_ranking_never_depends_on_order(scores: dict[str, dict[str, int]], rnd: random.Random) -> None:
    data, cycle = cycle_with(scores)
    expected = rank_cycle(data, cycle)
    shuffled = {
        e: dict(rnd.sample(sorted(by.items()), len(by)))
        for e, by in rnd.sample(sorted(scores.items()), len(scores))
    }
    data2, cycle2 = cycle_with(shuffled)
    for expert, review in cycle2.reviews.items():
        cycle2.reviews[expert] = replace(review, scores=tuple(rnd.sample(review.scores, len(review.scores))))
    assert rank_cycle(data2, cycle2) == expected
    ranks = [s.rank for s in expected if s.rank is not None]
    assert ranks == sorted(ranks) and (not ranks or ranks[0] == 1)
    for s in expected:
        if s.total is not None:
            assert s.rank == 1 + sum(1 for o in expected if o.total is not None and o.total > s.total)
