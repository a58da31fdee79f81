"""Categories (分类实施, 一（三）1), the rubric and the one stated aggregation rule (四（二）): the CAT and RUBR
rules on the shipped example trees (each with the case that fires and the near miss that does not), the
per-category ranking, how a total is formed, and the committee-only sensitivity view."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from generator.categories import positions, quota_sums
from generator.checker import CheckResult
from generator.model import Aggregation
from generator.repository import read_folder
from generator.scoring import Counted, aggregate_stated, rank_cycle
from generator.sensitivity import sensitivity
from tests.helpers import REPO, by_rule, edit, run

EXAMPLE = REPO / "examples" / "committee"
CALL26 = "submissions/2026/call.yaml"
DEC26 = "submissions/2026/decisions.yaml"
OPTICS = "submissions/societies/wuhan-optics.yaml"
REVIEW = "2026/reviews/expert-qian.yaml"
NOW = "2026-11-26"


def shared() -> dict[str, bytes]:
    return {s.path: s.raw or b"" for s in read_folder(REPO) if s.path.startswith("submissions/")}


def committee() -> dict[str, bytes]:
    return {
        p.relative_to(EXAMPLE).as_posix(): p.read_bytes() for p in sorted(EXAMPLE.rglob("*")) if p.is_file()
    }


def check(tree: dict[str, bytes], comm: dict[str, bytes] | None = None) -> CheckResult:
    return run(tree, now=NOW, committee=comm)


def test_the_shipped_trees_have_no_category_or_rubric_finding() -> None:
    result = check(shared(), committee())
    found = [f for f in result.findings if f.rule.startswith(("CAT-", "RUBR-"))]
    assert found == []


# ------------------------------------------------------------------------------------------------ CAT
def test_a_profile_without_a_category_fails() -> None:
    tree = shared()
    edit(tree, "submissions/societies/wuhan-automation.yaml", "category: engineering", "")
    hits = by_rule(check(tree), "CAT-001")
    assert [h.file for h in hits] == ["submissions/societies/wuhan-automation.yaml"]
    assert "没有写申报类别" in hits[0].message_zh


def test_a_profile_naming_an_unknown_category_fails_at_its_line() -> None:
    tree = shared()
    edit(tree, OPTICS, "category: engineering", "category: physics")
    hits = by_rule(check(tree), "CAT-001")
    assert len(hits) == 1 and hits[0].file == OPTICS and hits[0].line is not None
    assert "physics" in hits[0].message_zh


def test_a_society_that_does_not_apply_needs_no_category() -> None:
    tree = shared()
    edit(tree, "submissions/societies/wuhan-chemical.yaml", "category: engineering", "")
    assert by_rule(check(tree), "CAT-001") == []


def test_quotas_must_add_up_to_the_awards() -> None:
    tree = shared()
    edit(tree, CALL26, "{tier: 二等, count: 3}", "{tier: 二等, count: 2}")
    hits = by_rule(check(tree), "CAT-002")
    assert len(hits) == 1 and "二等" in hits[0].message_zh and "6" in hits[0].message_zh


def test_a_quota_tier_not_in_the_awards_fails() -> None:
    tree = shared()
    edit(tree, CALL26, "{tier: 二等, count: 3}", "{tier: 三等, count: 3}")
    messages = [h.message_zh for h in by_rule(check(tree), "CAT-002")]
    assert any("三等" in m for m in messages)


def test_proposing_beyond_a_category_quota_fails_and_unfilled_places_pass() -> None:
    tree = shared()
    assert by_rule(check(tree), "CAT-003") == []  # one 二等 place unfilled in each category: allowed
    edit(
        tree,
        DEC26,
        "  - {society: wuhan-agriculture, tier: 二等}\n",
        "  - {society: wuhan-agriculture, tier: 二等}\n  - {society: wuhan-environmental-science, tier: 二等}\n"
        "  - {society: wuhan-materials, tier: 二等}\n  - {society: wuhan-optics, tier: 二等}\n",
    )
    hits = by_rule(check(tree), "CAT-003")
    assert len(hits) == 1 and "engineering" in hits[0].message_zh and "5" in hits[0].message_zh


def test_results_recorded_in_another_category_fail() -> None:
    tree = shared()
    edit(tree, OPTICS, "category: engineering", "category: life-earth")
    hits = by_rule(check(tree), "CAT-004")
    assert [h.message_zh.split("”")[0] for h in hits] == ["汇总结果把学会“wuhan-optics"]


# ------------------------------------------------------------------------------------------------ RUBR
def test_rubric_sub_items_must_sum_to_the_area_maximum() -> None:
    tree = shared()
    edit(tree, CALL26, "        max: 12\n", "        max: 11\n")
    hits = by_rule(check(tree), "RUBR-001")
    assert len(hits) == 1 and "innovation" in hits[0].message_zh


def test_a_flat_area_score_under_a_rubric_fails() -> None:
    comm = committee()
    edit(
        comm,
        REVIEW,
        "      innovation: {academic: 9, transfer: 7.5, standards: 5.5}",
        "      innovation: 22",
    )
    hits = by_rule(check(shared(), comm), "RUBR-002")
    assert len(hits) == 1 and hits[0].file.endswith(REVIEW) and "只写了一个总数" in hits[0].message_zh


def test_sub_item_over_its_maximum_unknown_or_missing_fails() -> None:
    comm = committee()
    edit(
        comm,
        REVIEW,
        "{academic: 9, transfer: 7.5, standards: 5.5}",
        "{academic: 13, transfer: 7.5, typo: 5.5}",
    )
    messages = sorted(h.message_zh for h in by_rule(check(shared(), comm), "RUBR-002"))
    assert len(messages) == 3
    assert any("超出范围" in m for m in messages) and any("没有子项" in m for m in messages)
    assert any("缺少子项" in m for m in messages)


def test_the_old_trim_fields_are_read_and_flagged_only_when_they_treat_applications_differently() -> None:
    tree = shared()
    edit(tree, CALL26, "  aggregation: {method: trimmed_mean, trim: 1}", "  trim: 1\n  trim_min_reviewers: 5")
    assert by_rule(check(tree), "RUBR-003") == []  # without the committee's scores nothing differs yet
    hits = by_rule(check(tree, committee()), "RUBR-003")
    assert len(hits) == 1 and hits[0].severity.value == "warning"
    assert "wuhan-civil-engineering" in hits[0].message_zh  # 4 scorers (a conflict): not trimmed
    tree = shared()
    edit(
        tree,
        CALL26,
        "  aggregation: {method: trimmed_mean, trim: 1}",
        "  aggregation: {method: mean}\n  trim: 1",
    )
    hits = by_rule(check(tree), "RUBR-003")
    assert len(hits) == 1 and hits[0].severity.value == "error"


def test_too_few_eligible_scorers_for_the_rule_fails() -> None:
    tree = shared()
    comm = committee()
    assert by_rule(check(tree, comm), "RUBR-004") == []
    edit(tree, CALL26, "{method: trimmed_mean, trim: 1}", "{method: trimmed_mean, trim: 2}")
    hits = by_rule(check(tree, comm), "RUBR-004")
    # 5 members; expert-li is in conflict with civil engineering, expert-sun with mechanical engineering
    assert sorted(h.message_zh.split("”")[0] for h in hits) == [
        "学会“wuhan-civil-engineering",
        "学会“wuhan-mechanical-engineering",
    ]
    assert {h.file for h in hits} == {"2026/committee.yaml"}


# ------------------------------------------------------------------------------------------------ arithmetic
def pts(total: int) -> dict[str, Decimal]:
    return {
        "innovation": Decimal(total - 60),
        "society_government": Decimal(30),
        "scientists": Decimal(20),
        "self_development": Decimal(10),
    }


def test_the_stated_rule_trims_whatever_the_number_of_scorers_and_reconciles() -> None:
    agg = Aggregation("trimmed_mean", 1)
    four = [Counted("a", pts(80)), Counted("b", pts(90)), Counted("c", pts(84)), Counted("d", pts(86))]
    total, means, formation = aggregate_stated(four, agg)
    assert total == Fraction(85) and sum(means.values()) == total
    assert [t for _, t in formation.dropped] == [Fraction(80), Fraction(90)]
    total2, _, formation2 = aggregate_stated(four[:2], agg)
    assert total2 is None and formation2.needed == 3


def test_the_2025_ranking_is_per_category_and_the_trim_decides_a_place() -> None:
    from generator.checker import build_dataset, parse_all
    from generator.committee import merge, parse_committee, read_committee_folder

    data, _ = build_dataset(parse_all(read_folder(REPO)))
    merge(data, parse_committee(read_committee_folder(EXAMPLE)))
    cycle = data.cycles[2025]
    assert cycle.call is not None
    assert quota_sums(cycle.call) == {"一等": 2, "二等": 4}
    assert positions(cycle.call, "life-earth") == ["一等", "二等"]
    standings = rank_cycle(data, cycle)
    tiers = {s.society: (s.category, s.rank, s.tier) for s in standings}
    assert tiers["wuhan-optics"] == ("engineering", 4, "二等")
    assert tiers["wuhan-electronics"] == ("engineering", 5, None)
    assert tiers["wuhan-geology"] == ("life-earth", 2, "二等")
    for s in standings:
        if s.total is not None:
            assert sum(s.area_means.values()) == s.total  # area means reconcile with the total
    flagged = {r.society for r in sensitivity(data, cycle) if r.decided_by_method}
    assert flagged == {"wuhan-optics", "wuhan-electronics"}


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_rank_groups_by_category_and_sensitivity_is_committee_only(fmt: str, tmp_path: Path) -> None:
    import subprocess
    import sys

    def xuehui(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "generator", *args], cwd=REPO, capture_output=True, text=True, check=False
        )

    done = xuehui("rank", "--cycle", "2026", "--format", fmt)
    assert done.returncode == 0, done.stderr
    assert "engineering" in done.stdout and "敏感性" not in done.stdout
    refused = xuehui("rank", "--cycle", "2026", "--sensitivity")
    assert refused.returncode == 2 and "--committee" in refused.stderr
    committee_run = xuehui(
        "rank", "--cycle", "2025", "--committee", "examples/committee", "--sensitivity", "--format", fmt
    )
    assert committee_run.returncode == 0, committee_run.stderr
    assert ("decided_by_method" if fmt == "json" else "※") in committee_run.stdout


def test_the_public_call_carries_categories_rubric_and_rule_but_never_how_totals_formed() -> None:
    import json

    from generator.checker import build_dataset, parse_all
    from generator.clock import parse_now
    from generator.public import project

    data, _ = build_dataset(parse_all(read_folder(REPO)))
    site = project(data, parse_now(NOW))
    call = next(c.call for c in site.cycles if c.year == 2026)
    assert call is not None
    assert [(c.name, c.quotas) for c in call.categories] == [
        ("工程技术类", (("一等", 2), ("二等", 4))),
        ("生命、农业与地球环境类", (("一等", 1), ("二等", 3))),
    ]
    assert [len(a.items) for a in call.rubric] == [3, 3, 3, 3]
    assert "去掉 1 个最高和 1 个最低" in call.aggregation
    assert call.category_name("life-earth") == "生命、农业与地球环境类"
    text = json.dumps(repr(site), ensure_ascii=False)
    assert "formation" not in text and "Formation" not in text and "sensitivity" not in text
