"""After the award: stages of dynamic management, the fund-use disclosure model (exact, order-free), the
shipped 2025 story, and the edges of a ban."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.checker import build_dataset, parse_all
from generator.clock import parse_now
from generator.disclosure import disclose
from generator.lifecycle import STAGES, cycle_status
from generator.repository import Source, read_folder
from tests.helpers import MIDTERM, REPO, by_rule, mini_tree, run
from tests.test_rules import inspection, revocation, sanction


def dataset(tree: dict[str, bytes]):  # type: ignore[no-untyped-def]
    data, _ = build_dataset(parse_all([Source(p, r) for p, r in sorted(tree.items())]))
    return data


def stage(tree: dict[str, bytes], now: str) -> str:
    status = cycle_status(dataset(tree), 2026, parse_now(now))
    return dict(status.applications)["wuhan-mechanical-engineering"]


@pytest.mark.parametrize(
    ("name", "steps", "now", "expected"),
    [
        ("commended, plan not yet filed", [], "2027-01-05", "commended"),
        ("plan filed", [], "2027-01-10", "plan_filed"),
        ("midterm passed", [inspection("midterm", "2027-07-20")], "2027-07-20", "midterm_passed"),
        ("midterm failed", [inspection("midterm", "2027-07-20", "不合格")], "2027-08-01", "midterm_failed"),
        (
            "final passed",
            [inspection("midterm", "2027-07-20"), inspection("final", "2027-11-20")],
            "2027-11-21",
            "final_passed",
        ),
        (
            "final failed: support ends",
            [inspection("final", "2027-11-20", "不合格")],
            "2027-11-21",
            "final_failed",
        ),
        (
            "revoked for fraud",
            [inspection("midterm", "2027-07-20"), revocation(2026, "2027-09-01")],
            "2027-09-01",
            "revoked",
        ),
        ("revocation not yet decided", [revocation(2026, "2027-09-01")], "2027-08-31", "plan_filed"),
    ],
)
def test_post_award_stages(name: str, steps: list, now: str, expected: str) -> None:  # type: ignore[type-arg]
    tree = mini_tree(awarded=True)
    for step in steps:
        step(tree)
    assert stage(tree, now) == expected
    assert expected in STAGES


def test_shipped_2025_story() -> None:
    data, _ = build_dataset(parse_all(read_folder(REPO)))
    stages = dict(cycle_status(data, 2025, parse_now("2026-11-26")).applications)
    assert stages["wuhan-geology"] == "revoked"
    assert stages["wuhan-optics"] == "final_failed"
    assert sorted(s for s in stages.values() if s == "final_passed") == ["final_passed"] * 3
    assert stages["wuhan-computer"] == "final_passed_midterm_failed"  # held, re-inspected, released
    report = disclose(data, 2025, date(2026, 11, 26))
    assert len(report.awards) == 6
    assert report.awarded == Decimal("800000.00")
    geology = next(a for a in report.awards if a.society == "wuhan-geology")
    assert geology.revoked and geology.reclaimed == Decimal("60000.00") and geology.report_stage == "midterm"
    for award in report.awards:
        assert award.planned <= award.amount and award.spent <= award.amount
        assert sum((u.planned for u in award.by_category), Decimal(0)) == award.planned
        assert sum((u.spent for u in award.by_area), Decimal(0)) == award.spent
        assert award.variance == award.planned - award.spent
    assert report.spent == sum((a.spent for a in report.awards), Decimal(0))


def test_disclosure_follows_the_date() -> None:
    data, _ = build_dataset(parse_all(read_folder(REPO)))
    assert disclose(data, 2025, date(2025, 12, 9)).awards == ()
    early = disclose(data, 2025, date(2026, 1, 1))
    assert all(a.spent == 0 for a in early.awards)
    mid = {a.society: a for a in disclose(data, 2025, date(2026, 8, 1)).awards}
    assert mid["wuhan-medical"].report_stage == "midterm" and mid["wuhan-medical"].spent > 0


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(min_value=1, max_value=500_000), min_size=1, max_size=300),
    st.randoms(use_true_random=False),
)
def test_the_order_of_spending_lines_never_changes_a_total(cents: list[int], rnd: random.Random) -> None:
    """Many lines of exact cents: the report total and the disclosure are the same in any order."""
    budget_cents = sum(cents)
    tree = mini_tree(awarded=True)
    lines = [
        f'  - {{date: "2027-05-20", category: training, item: 培训{i}, amount: {c // 100}.{c % 100:02d}}}\n'
        for i, c in enumerate(cents)
    ]

    def with_lines(order: list[str]) -> dict[str, bytes]:
        t = dict(tree)
        text = t[MIDTERM].decode()
        head, _, tail = text.partition("spending:")
        rest = tail.split("summary:", 1)[1]
        t[MIDTERM] = (head + "spending:\n" + "".join(order) + "summary:" + rest).encode()
        return t

    first = disclose(dataset(with_lines(lines)), 2026, date(2027, 8, 1))
    shuffled = lines[:]
    rnd.shuffle(shuffled)
    second = disclose(dataset(with_lines(shuffled)), 2026, date(2027, 8, 1))
    assert first == second
    (award,) = first.awards
    assert award.spent == Decimal(budget_cents) / 100
    over = by_rule(run(with_lines(shuffled), now="2027-08-01"), "RPT-004")
    assert bool(over) == (budget_cents > 20_000_000)


def test_ban_edges_last_barred_and_first_allowed_call() -> None:
    # The 2026 call is published on 2026-09-01; a ban lasts three years from the decision.
    barred = mini_tree()
    sanction("fraud", "2023-09-02", bans=True)(barred)
    assert by_rule(run(barred), "BAN-001")  # decided 2023-09-02: barred until 2026-09-02
    allowed = mini_tree()
    sanction("fraud", "2023-09-01", bans=True)(allowed)
    assert by_rule(run(allowed), "BAN-001") == []  # until 2026-09-01: the call of that day is allowed
    same_day = mini_tree()
    sanction("fraud", "2026-09-01", bans=True)(same_day)
    assert by_rule(run(same_day), "BAN-001")  # a ban decided on the publication day applies


def test_time_never_turns_the_shipped_data_red() -> None:
    tree = {s.path: s.raw or b"" for s in read_folder(REPO)}
    for now in ("2026-11-26", "2026-12-05", "2027-06-01", "2029-01-01"):
        result = run(tree, now=now)
        assert result.errors == 0, (
            now,
            [(f.file, f.rule) for f in result.findings if f.severity.value == "error"],
        )
