"""绩效考核与动态管理: the arithmetic (completion, weighted completion, execution, exact Decimal), every PERF,
INSP, CONT and SHOW rule positive and negative, the lifecycle's failed-midterm wording, status, the 示范学会,
and the showcase pages of the site."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import msgspec
import pytest

from generator.checker import build_dataset, parse_all
from generator.clock import parse_now
from generator.lifecycle import STAGES, cycle_status
from generator.model import Dataset
from generator.performance import (
    after_finals,
    assess,
    completion,
    consequence,
    demonstration,
    due_dates,
    execution_rate,
    inspections_due,
    percent,
    support_schedule,
    weighted_completion,
)
from generator.report.status import render
from generator.repository import Source, read_folder
from generator.site.build import NAV
from tests.golden import compare
from tests.helpers import APP, DECISIONS, MIDTERM, PLAN, PROGRAMME, REPO, by_rule, edit, mini_tree, run
from tests.test_site import mini_pages, site_of

FINAL = "submissions/2026/reports/wuhan-mechanical-engineering.final.yaml"
SHIPPED_DECISIONS = "submissions/2025/decisions.yaml"
D = Decimal


def shipped() -> dict[str, bytes]:
    return {s.path: s.raw or b"" for s in read_folder(REPO)}


def dataset(tree: dict[str, bytes]) -> Dataset:
    data, _ = build_dataset(parse_all([Source(p, r) for p, r in sorted(tree.items())]))
    return data


SETTINGS = """
indicators:
  conference_attendance: {name: 学术会议参会人数, unit: 人, area: innovation, direction: higher, weight: 3}
  group_standards:       {name: 发布团体标准, unit: 项, area: society_government, direction: higher, weight: 2}
  member_training:       {name: 培训会员, unit: 人次, area: scientists, direction: higher, weight: 2}
assessment: {pass_completion_percent: 80, experience_max_chars: 600}
final_consequences:
  合格: {continued_support_cycles: 2}
  不合格: {ineligible_cycles: 1}
demonstration: {min_cycles: 2}
"""


def awarded() -> dict[str, bytes]:
    """The mini awarded tree with the programme's performance settings and the plan's standard indicators
    (the normative examples themselves stay as the shared specification has them)."""
    tree = mini_tree(awarded=True)
    tree[PROGRAMME] += SETTINGS.encode()
    for name, key in (
        ("学术年会参会人数", "conference_attendance"),
        ("发布团体标准", "group_standards"),
        ("培训会员", "member_training"),
    ):
        edit(tree, PLAN, "{name: " + name + ",", "{id: " + key + ", name: " + name + ",")
    return tree


def with_final(tree: dict[str, bytes], result: str = "合格", extra: str = "") -> None:
    """The mini awarded tree with a final report (the midterm's figures) and a final result."""
    tree[FINAL] = tree[MIDTERM].replace(b"stage: midterm", b"stage: final")
    edit(
        tree,
        DECISIONS,
        "  final: {}",
        f'  final: {{date: "2028-01-20", doc_number: 武科协〔2028〕3号, results: '
        f"{{wuhan-mechanical-engineering: {{result: {result}{extra}}}}}}}",
    )


# ------------------------------------------------------------------------------------------- arithmetic
def test_completion_by_direction() -> None:
    assert completion(D(400), D(300)) == D("0.75")
    assert completion(D(400), D(500)) == D("1.25")
    assert completion(D(10), D(5), "lower") == D(2)  # fewer complaints than the target: over-complete
    assert completion(D(10), D(20), "lower") == D("0.5")
    assert completion(D(0), D(0)) == D(1) and completion(D(5), D(0), "lower") == D(1)


def test_weighted_completion_caps_each_indicator_and_is_exact() -> None:
    # 120/300 × 3, 0 × 2, 0 × 2, 62/150 × 2 → the shipped optics final: 22.5 %
    items = [(D(120) / D(300), D(3)), (D(0), D(2)), (D(0), D(2)), (D(62) / D(150), D(2))]
    assert percent(weighted_completion(items) or D(0)) == D("22.5")
    # over-completion of one does not hide another
    assert weighted_completion([(D(2), D(1)), (D(0), D(1))]) == D("0.5")
    assert weighted_completion([]) is None
    assert isinstance(weighted_completion([(D(1), D(1))]), Decimal)


def test_execution_rate_and_rounding() -> None:
    assert execution_rate(D("195000.00"), D("193100.00")) == D("193100.00") / D("195000.00")
    assert percent(execution_rate(D("195000.00"), D("193100.00")) or D(0)) == D("99.0")
    assert execution_rate(D(0), D(10)) is None
    assert percent(D("0.96555")) == D("96.6")  # half up, never binary floating point


def test_assessment_of_the_shipped_optics_final() -> None:
    data = dataset(shipped())
    cycle = data.cycles[2025]
    assert data.programme is not None
    a = assess(
        data.programme.performance, cycle.plans["wuhan-optics"], cycle.reports[("wuhan-optics", "final")]
    )
    assert a.weighted == D("22.5") and not a.all_met
    # the midterm failed and funding stopped (payments.yaml): the conference ran on the society's own funds
    assert a.execution_total == D("14.6") and a.spent == D("14600.00")
    by_category = {e.category: e for e in a.execution}
    assert by_category["academic_exchange"].rate == D("0.0") and by_category["standards"].rate == D("30.0")
    assert ("2026-06-30", "dropped") in {(d.isoformat(), s) for d, _, s in a.milestones}
    medical = assess(
        data.programme.performance, cycle.plans["wuhan-medical"], cycle.reports[("wuhan-medical", "final")]
    )
    assert medical.all_met and medical.weighted == D("100.0")


# ------------------------------------------------------------------------------------------- PERF
def test_perf_001_unknown_standard_indicator() -> None:
    tree = awarded()
    assert not by_rule(run(tree, "2027-01-20"), "PERF-001")
    edit(tree, PLAN, "{id: member_training,", "{id: member_courses,")
    found = by_rule(run(tree, "2027-01-20"), "PERF-001")
    assert len(found) == 1 and "member_courses" in found[0].message_zh and found[0].line > 0


def test_perf_002_milestones_named_and_all_reported_in_the_final() -> None:
    tree = awarded()
    tree[MIDTERM] += "milestones:\n  - {task: 举办学术年会, status: done}\n".encode()
    found = by_rule(run(tree, "2027-08-01"), "PERF-002")
    assert len(found) == 1 and "举办学术年会" in found[0].message_zh
    tree = awarded()
    with_final(tree, extra=", reason: 顺延")
    tree[FINAL] += "milestones:\n  - {task: 完成团体标准征求意见稿, status: done}\n".encode()
    found = by_rule(run(tree, "2028-02-10"), "PERF-002")
    assert [f.message_zh for f in found] == [
        "总结报告没有说明里程碑“举办第十三届华中机械工程学术年会”（计划 2027-10-31 完成）的进展。"
    ]


@pytest.mark.parametrize(
    ("result", "extra", "fires"),
    [
        ("合格", "", True),  # 17.1 % weighted, below 80 %, no reason
        ("合格", ", reason: 年会顺延至次年一月", False),
        ("不合格", "", False),  # consistent with the figures
    ],
)
def test_perf_003_verdict_against_figures(result: str, extra: str, fires: bool) -> None:
    tree = awarded()
    with_final(tree, result, extra)
    found = by_rule(run(tree, "2028-02-10"), "PERF-003")
    assert bool(found) == fires
    if fires:
        assert "17.1%" in found[0].message_zh and "80%" in found[0].message_zh


def test_perf_003_a_fail_with_every_indicator_met_needs_a_reason() -> None:
    tree = awarded()
    with_final(tree, "不合格")
    tree[FINAL] = (
        tree[FINAL]
        .replace(b"actual: 0}", b"actual: 500}")
        .replace(
            b"{name: \xe5\x9f\xb9\xe8\xae\xad\xe4\xbc\x9a\xe5\x91\x98, actual: 120}",
            "{name: 培训会员, actual: 200}".encode(),
        )
    )
    found = by_rule(run(tree, "2028-02-10"), "PERF-003")
    assert len(found) == 1 and "全部完成" in found[0].message_zh


def test_perf_004_inspection_doc_number() -> None:
    tree = awarded()
    line = "  midterm: {}"
    recorded = '  midterm: {date: "2027-07-20", results: {wuhan-mechanical-engineering: {result: 合格}}}'
    edit(tree, DECISIONS, line, recorded)
    assert len(by_rule(run(tree, "2027-08-01"), "PERF-004")) == 1
    edit(tree, DECISIONS, 'date: "2027-07-20",', 'date: "2027-07-20", doc_number: 武科协〔2027〕20号,')
    assert not by_rule(run(tree, "2027-08-01"), "PERF-004")


def test_shipped_data_has_no_performance_error() -> None:
    for now in ("2026-11-26", "2027-01-15", "2027-06-01"):
        result = run(shipped(), now)
        ids = {f.rule for f in result.findings if f.severity == "error"}
        assert not {i for i in ids if i.split("-")[0] in ("PERF", "INSP", "CONT", "SHOW")}, now


# ------------------------------------------------------------------------------------------- INSP
def without_civil_engineering() -> dict[str, bytes]:
    """Issue 23: civil engineering removed from the 2025 midterm and final."""
    tree = shipped()
    text = tree[SHIPPED_DECISIONS].decode("utf-8")
    lines = [x for x in text.splitlines(keepends=True) if not x.startswith("      wuhan-civil-engineering:")]
    tree[SHIPPED_DECISIONS] = "".join(lines).encode("utf-8")
    return tree


def test_insp_001_an_awardee_never_inspected_is_found_a_year_later() -> None:
    tree = without_civil_engineering()
    found = by_rule(run(tree, "2027-01-15"), "INSP-001")
    assert {(f.severity, "中期检查" in f.message_zh) for f in found} == {
        ("warning", True),
        ("warning", False),
    }
    assert all("wuhan-civil-engineering" in f.message_zh for f in found)
    assert not by_rule(run(shipped(), "2027-01-15"), "INSP-001")
    status = cycle_status(dataset(tree), 2025, parse_now("2027-01-15"))
    assert [(d.society, d.stage, d.overdue) for d in status.inspections_due] == [
        ("wuhan-civil-engineering", "midterm", True),
        ("wuhan-civil-engineering", "final", True),
    ]
    text = render(status, "text", {})
    assert "待检查：wuhan-civil-engineering 中期检查应在 2026-07-31 前完成（已逾期）" in text


def test_insp_001_reminds_before_the_due_date() -> None:
    data = dataset(shipped())
    assert data.programme is not None
    assert due_dates(data.cycles[2025], data.programme.performance) == (date(2026, 7, 31), date(2026, 11, 30))
    found = by_rule(run(shipped(), "2026-07-10"), "INSP-001")  # the midterm (07-20) is not recorded yet
    assert found and {f.severity for f in found} == {"notice"}
    assert {f.message_zh.split("”")[0].lstrip("“") for f in found} == {
        "wuhan-medical",
        "wuhan-mechanical-engineering",
        "wuhan-computer",
        "wuhan-civil-engineering",
        "wuhan-optics",
    }  # geology's award was revoked: nothing to inspect
    assert not list(inspections_due(data, date(2026, 6, 1)))


# ------------------------------------------------------------------------------------------- CONT
def optics_applies_in_2026() -> dict[str, bytes]:
    tree = shipped()
    raw = tree["submissions/2026/applications/wuhan-computer.yaml"].decode("utf-8")
    tree["submissions/2026/applications/wuhan-optics.yaml"] = raw.replace(
        "society: wuhan-computer", "society: wuhan-optics"
    ).encode("utf-8")
    return tree


def test_cont_001_a_failed_final_bars_the_next_cycle() -> None:
    tree = optics_applies_in_2026()
    found = by_rule(run(tree, "2026-11-26"), "CONT-001")
    assert len(found) == 1 and found[0].file.endswith("wuhan-optics.yaml") and found[0].severity == "error"
    assert "武科协〔2026〕24号" in found[0].message_zh and "一（三）3" in found[0].message_zh
    assert found[0].clause == "一（三）"
    assert not by_rule(run(tree, "2026-11-10"), "CONT-001")  # the final is not recorded yet
    assert not by_rule(run(shipped(), "2026-11-26"), "CONT-001")  # optics does not apply in 2026


def test_cont_002_continued_support_and_its_window() -> None:
    found = by_rule(run(shipped(), "2026-11-26"), "CONT-002")
    assert {f.file.split("/")[-1] for f in found} >= {
        "wuhan-medical.yaml",
        "wuhan-mechanical-engineering.yaml",
    }
    data = dataset(shipped())
    today = date(2026, 11, 26)
    assert consequence(data, "wuhan-medical", 2027, today) is not None
    assert consequence(data, "wuhan-medical", 2028, today) is None  # two cycles only
    kinds = {(c.society, c.kind, c.cycle, c.until) for c in after_finals(data, today)}
    assert ("wuhan-optics", "ineligible", 2026, 2026) in kinds and (
        "wuhan-medical",
        "continued",
        2026,
        2027,
    ) in kinds


# ------------------------------------------------------------------------------------------- SHOW
def test_show_001_experience_size_and_place() -> None:
    tree = awarded()
    tree[MIDTERM] += "experience: 以标准研制带动会员培训。\n".encode()
    assert len(by_rule(run(tree, "2027-08-01"), "SHOW-001")) == 1
    tree = awarded()
    with_final(tree, extra=", reason: 顺延")
    tree[FINAL] += ("experience: " + "经" * 601 + "\n").encode()
    found = by_rule(run(tree, "2028-02-10"), "SHOW-001")
    assert len(found) == 1 and "601" in found[0].message_zh
    tree[FINAL] = tree[FINAL].replace(("经" * 601).encode(), ("经" * 600).encode())
    assert not by_rule(run(tree, "2028-02-10"), "SHOW-001")


def test_show_002_final_report_without_experience() -> None:
    tree = awarded()
    with_final(tree, extra=", reason: 顺延")
    assert len(by_rule(run(tree, "2028-02-10"), "SHOW-002")) == 1
    tree[FINAL] += "experience: 以标准研制带动会员培训。\n".encode()
    assert not by_rule(run(tree, "2028-02-10"), "SHOW-002")
    # the shipped optics final (不合格) is not asked for an experience
    assert not by_rule(run(shipped(), "2027-01-15"), "SHOW-002")


def test_experience_is_privacy_scanned() -> None:
    tree = awarded()
    tree[MIDTERM] += "experience: 联系人手机13912345678。\n".encode()
    assert any(f.rule.startswith("PRIV") for f in run(tree, "2027-08-01").findings)


# ------------------------------------------------------------------------------------------- lifecycle, status
def test_a_passed_final_after_a_failed_midterm_says_so() -> None:
    tree = awarded()
    edit(
        tree,
        DECISIONS,
        "  midterm: {}",
        '  midterm: {date: "2027-07-20", results: {wuhan-mechanical-engineering: {result: 不合格}}}',
    )
    with_final(tree, extra=", reason: 整改后完成")
    status = cycle_status(dataset(tree), 2026, parse_now("2028-02-10"))
    stage = dict(status.applications)["wuhan-mechanical-engineering"]
    assert stage == "final_passed_midterm_failed" and "中期检查曾不合格" in STAGES[stage]


def test_multi_year_support_released_year_by_year() -> None:
    data = dataset(shipped())
    cycle = data.cycles[2025]
    assert cycle.decisions is not None
    award = next(a for a in cycle.decisions.awards if a.society == "wuhan-mechanical-engineering")
    assert award.support_years == 2
    states = lambda day: [y.state for y in support_schedule(data, cycle, award, day)]  # noqa: E731
    assert states(date(2026, 11, 1)) == ["released", "committed"]
    assert states(date(2026, 11, 16)) == ["released", "released"]
    failed = msgspec.structs.replace(
        cycle.decisions,
        final=msgspec.structs.replace(
            cycle.decisions.final, results={"wuhan-mechanical-engineering": ("不合格", "")}
        ),
    )
    cycle.decisions = failed
    assert states(date(2026, 11, 16)) == ["released", "lapsed"]
    status = json.loads(render(cycle_status(data, 2025, parse_now("2026-11-20")), "json", {}))
    assert {
        "society": "wuhan-mechanical-engineering",
        "year": 2,
        "amount": "200000.00",
        "state": "lapsed",
    } in status["support"]


def test_demonstration_needs_the_programme_number_of_passed_cycles() -> None:
    data = dataset(shipped())
    today = date(2028, 1, 1)
    assert demonstration(data, today) == ()  # one passed cycle each so far
    dec = data.cycles[2026].decisions
    assert dec is not None
    medical = msgspec.structs.replace(data.cycles[2025].decisions.awards[0], index=0)  # type: ignore[union-attr]
    data.cycles[2026].decisions = msgspec.structs.replace(
        dec,
        commendation_date=date(2026, 12, 10),
        awards=(medical,),
        final=msgspec.structs.replace(
            dec.final, date=date(2027, 11, 20), results={"wuhan-medical": ("合格", "")}
        ),
    )
    assert demonstration(data, today) == (("wuhan-medical", (2025, 2026)),)


# ------------------------------------------------------------------------------------------- site
def test_showcase_pages_of_the_shipped_data(update_golden: bool) -> None:
    site = site_of(shipped(), "2027-01-15")
    from generator.site import pages as site_pages

    pages = site_pages.build_pages(site, commit="0123456789ab", histories={}, schema_files={})
    assert {"典型经验": "showcase/index.md"} in NAV
    assert "[2025 年度典型经验](../cycles/2025/showcase.md)" in pages["showcase/index.md"]
    cycle = pages["cycles/2025/showcase.md"]
    assert (
        "| [武汉市光学学会](showcase/wuhan-optics.md) | 二等 | 不合格（中期检查不合格） | 48 | 22.5% | 14.6% |"
        in cycle
    )
    medical = pages["cycles/2025/showcase/wuhan-medical.md"]
    assert (
        "武科协〔2026〕24号" in medical
        and "以品牌学术大会带动期刊和基层培训" in medical
        and "<svg" in medical
    )
    assert "2026—2027 年度列为持续支持" in pages["societies/wuhan-medical.md"]
    assert "2026—2026 年度不得申报" in pages["societies/wuhan-optics.md"]
    assert "[2025 年度典型经验](showcase.md)" in pages["cycles/2025/index.md"]
    assert "武科协〔2026〕24号" in pages["notices/2025-final.md"]
    compare(
        "site/showcase__2025__wuhan-optics.md", pages["cycles/2025/showcase/wuhan-optics.md"], update_golden
    )


def test_showcase_index_without_completed_awards() -> None:
    pages = mini_pages()
    assert "还没有完成总结验收的年度" in pages["showcase/index.md"]
    assert "cycles/2026/showcase.md" not in pages


def test_records_after_now_are_not_in_the_showcase() -> None:
    pages = mini_pages(shipped(), now="2026-11-10")  # before the final inspection
    assert "cycles/2025/showcase.md" not in pages
    assert "武科协〔2026〕24号" not in "".join(pages.values())
    assert APP  # the mini application stays untouched by these tests
