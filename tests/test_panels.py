"""Panels, assignments and conflicts of interest (generator/rules/panels.py, generator/conflicts.py, ``xuehui
conflicts``), on real temporary copies of the shipped shared tree and example committee repository: each
rule fires on a broken copy and stays quiet on the shipped one."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from msgspec.structs import replace

from generator.checker import CheckResult
from generator.clock import parse_now
from generator.committee import check_committee, read_committee_folder
from generator.conflicts import barred, summary
from generator.model import CallCategory, Dataset
from generator.repository import read_folder
from generator.rules.base import Context, Rule
from generator.rules.panels import assignment_targets, panel_members
from tests.helpers import REPO

EXAMPLE = REPO / "examples" / "committee"
NOW = parse_now("2026-11-26")
IDS = (
    "PANEL-001",
    "PANEL-002",
    "ASSIGN-001",
    "ASSIGN-002",
    "ASSIGN-003",
    "ASSIGN-004",
    "COI-001",
    "COI-002",
    "COI-003",
    "COI-004",
    "COI-005",
)


@pytest.fixture
def trees(tmp_path: Path) -> tuple[Path, Path]:
    shared = tmp_path / "shared"
    shutil.copytree(REPO / "submissions", shared / "submissions")
    committee = tmp_path / "committee"
    shutil.copytree(EXAMPLE, committee)
    return shared, committee


def run(trees: tuple[Path, Path]) -> CheckResult:
    shared, committee = trees
    return check_committee(read_folder(shared), read_committee_folder(committee), Context(now=NOW))


def fired(result: CheckResult, rule_id: str) -> list[tuple[str, int, str, str]]:
    return [(f.file, f.line, f.severity.value, f.message_zh) for f in result.findings if f.rule == rule_id]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_shipped_example_has_no_panel_assignment_or_conflict_findings(trees: tuple[Path, Path]) -> None:
    result = run(trees)
    assert {rule_id: fired(result, rule_id) for rule_id in IDS} == {rule_id: [] for rule_id in IDS}
    assert result.errors == 0


def test_the_example_shows_each_capability() -> None:
    """An assignment, li's employer declaration, a waiver and a recusal with reasons, an avoid request."""
    declared = (EXAMPLE / "2026/declarations/expert-li.yaml").read_text(encoding="utf-8")
    assert "{society: wuhan-civil-engineering, relationship: employer" in declared
    conflicts_2026 = (EXAMPLE / "2026/conflicts.yaml").read_text(encoding="utf-8")
    assert (
        "waivers:\n  - expert: expert-zhou" in conflicts_2026
        and "avoid_requests:\n  - society:" in conflicts_2026
    )
    assert "recusals:\n  - expert: expert-wu" in (EXAMPLE / "2025/conflicts.yaml").read_text(encoding="utf-8")
    assignments = (EXAMPLE / "2026/assignments.yaml").read_text(encoding="utf-8")
    civil = next(line for line in assignments.splitlines() if "{society: wuhan-civil-engineering" in line)
    assert "expert-li" not in civil


# ------------------------------------------------------------------------------------------ PANEL
def test_panel_member_off_the_committee_or_out_of_the_pool(trees: tuple[Path, Path]) -> None:
    panels = trees[1] / "2026/panels.yaml"
    edit(
        panels,
        "members: [expert-zhao, expert-qian, expert-sun, expert-li, expert-zhou]\n  - id: life",
        "members: [expert-zhao, expert-qian, expert-sun, expert-li, expert-zhou, expert-wu, expert-nobody]\n  - id: life",
    )
    found = fired(run(trees), "PANEL-001")
    assert len(found) == 2
    assert (
        "expert-wu 不在 2026 年度评审委员会名单" in found[0][3]
        or "expert-wu 不在 2026 年度评审委员会名单" in found[1][3]
    )
    assert any("expert-nobody 不在专家库" in f[3] for f in found)
    assert all(f[0] == "2026/panels.yaml" and f[2] == "error" for f in found)


def test_panel_ids_are_unique(trees: tuple[Path, Path]) -> None:
    edit(trees[1] / "2026/panels.yaml", "  - id: life-earth", "  - id: engineering")
    assert any("出现了不止一次" in f[3] for f in fired(run(trees), "PANEL-001"))


def test_a_needed_field_nobody_covers(trees: tuple[Path, Path]) -> None:
    edit(
        trees[1] / "2026/panels.yaml",
        "fields: [农业科学, 环境科学, 地质学]",
        "fields: [农业科学, 环境科学, 地质学, 临床医学]",
    )
    found = fired(run(trees), "PANEL-002")
    assert [(f[0], f[1]) for f in found] == [("2026/panels.yaml", 16)]
    assert "“临床医学”领域" in found[0][3]


def test_other_fields_cover_a_panel(trees: tuple[Path, Path]) -> None:
    """Without zhou's other_fields nobody covers 农业科学."""
    edit(
        trees[1] / "experts.yaml",
        "field: 管理科学, affiliations: [], other_fields: [农业科学]}",
        "field: 管理科学, affiliations: []}",
    )
    assert ["“农业科学”领域" in f[3] for f in fired(run(trees), "PANEL-002")] == [True]


# ------------------------------------------------------------------------------------------ ASSIGN
def test_assignment_to_an_unknown_panel_or_an_outsider(trees: tuple[Path, Path]) -> None:
    assignments = trees[1] / "2026/assignments.yaml"
    edit(
        assignments, "{society: wuhan-medical, panel: life-earth", "{society: wuhan-medical, panel: medicine"
    )
    edit(
        trees[1] / "2026/panels.yaml",
        "members: [expert-zhao, expert-qian, expert-sun, expert-li, expert-zhou]\n",
        "members: [expert-zhao, expert-qian, expert-sun, expert-li]\n",
    )
    messages = [f[3] for f in fired(run(trees), "ASSIGN-001")]
    assert any("评审组“medicine”" in m for m in messages)
    assert sum("expert-zhou 不是评审组“engineering”的成员" in m for m in messages) == 6


def test_assignment_twice_or_for_an_application_not_under_review(trees: tuple[Path, Path]) -> None:
    assignments = trees[1] / "2026/assignments.yaml"
    text = assignments.read_text(encoding="utf-8")
    assignments.write_text(
        text
        + "  - {society: wuhan-geology, panel: life-earth, experts: [expert-zhao]}\n"
        + "  - {society: wuhan-nursing, panel: life-earth, experts: [expert-zhao]}\n",
        encoding="utf-8",
    )
    messages = [f[3] for f in fired(run(trees), "ASSIGN-001")]
    assert any("wuhan-geology”在 2026 年度没有进入专家评审" in m for m in messages)
    assert any("wuhan-nursing”的申报在 2026/assignments.yaml 中分配了不止一次" in m for m in messages)


def test_workload_limit(trees: tuple[Path, Path]) -> None:
    call = trees[0] / "submissions/2026/call.yaml"
    assert fired(run(trees), "ASSIGN-002") == []
    edit(call, "max_assignments_per_expert: 10 ", "max_assignments_per_expert: 9  ")
    found = fired(run(trees), "ASSIGN-002")
    assert sorted(f[3] for f in found) == sorted(
        f"专家 {e} 在 2026 年度被分配了 10 份申报，超过申报通知规定的每人最多 9 份。"
        for e in ("expert-zhao", "expert-qian", "expert-zhou")
    )


def test_too_few_clear_scorers(trees: tuple[Path, Path]) -> None:
    call = trees[0] / "submissions/2026/call.yaml"
    edit(call, "min_scorers: 4 ", "min_scorers: 5 ")
    found = fired(run(trees), "ASSIGN-003")
    assert sorted(m[3].split("”")[0] for m in found) == [
        "学会“wuhan-civil-engineering",
        "学会“wuhan-mechanical-engineering",
    ]


def test_a_conflicted_assignee_does_not_count(trees: tuple[Path, Path]) -> None:
    """li is assigned civil engineering although li's employer is its host: five assigned, four clear."""
    edit(
        trees[1] / "2026/assignments.yaml",
        "{society: wuhan-civil-engineering, panel: engineering, experts: [expert-zhao, expert-qian, expert-sun, expert-zhou]}",
        "{society: wuhan-civil-engineering, panel: engineering, experts: [expert-zhao, expert-qian, expert-sun, expert-li]}",
    )
    result = run(trees)
    assert ["（另有 1 名因利益冲突不计）" in f[3] for f in fired(result, "ASSIGN-003")] == [True]
    assert [f[3] for f in fired(result, "COI-005")] == [
        "学会“wuhan-civil-engineering”的申报分配给了专家 expert-li，但二者有利益冲突（本人声明：同一工作单位）。"
    ]
    assert any(
        "expert-zhou 为学会“wuhan-civil-engineering”评了分" in f[3] for f in fired(result, "ASSIGN-004")
    )


def test_an_application_left_unassigned(trees: tuple[Path, Path]) -> None:
    assignments = trees[1] / "2026/assignments.yaml"
    lines = assignments.read_text(encoding="utf-8").splitlines(keepends=True)
    assignments.write_text("".join(line for line in lines if "wuhan-nursing" not in line), encoding="utf-8")
    result = run(trees)
    assert ["wuhan-nursing”的申报只分配了 0 名" in f[3] for f in fired(result, "ASSIGN-003")] == [True]
    assert len(fired(result, "ASSIGN-004")) == 5  # every member's nursing score is now unassigned


def test_no_assignments_file_where_the_call_asks_for_one(trees: tuple[Path, Path]) -> None:
    (trees[1] / "2026/assignments.yaml").unlink()
    result = run(trees)
    found = fired(result, "ASSIGN-003")
    assert [(f[0], f[2]) for f in found] == [("2026/committee.yaml", "warning")]
    assert fired(result, "ASSIGN-004") == [] and fired(result, "COI-002") == []


def test_a_score_for_an_unassigned_application(trees: tuple[Path, Path]) -> None:
    edit(
        trees[1] / "2026/assignments.yaml",
        "{society: wuhan-computer, panel: engineering, experts: [expert-zhao, expert-qian, expert-sun, expert-li, expert-zhou]}",
        "{society: wuhan-computer, panel: engineering, experts: [expert-zhao, expert-qian, expert-sun, expert-li]}",
    )
    found = fired(run(trees), "ASSIGN-004")
    assert [(f[0], f[2]) for f in found] == [("2026/reviews/expert-zhou.yaml", "error")]


def test_missing_scores_are_only_those_assigned(trees: tuple[Path, Path]) -> None:
    """REV-005 with assignments: an expert owes scores only for what is assigned to them."""
    review = trees[1] / "2026/reviews/expert-zhou.yaml"
    text = review.read_text(encoding="utf-8")
    start = text.index("  - society: wuhan-computer")
    end = text.index("  - society:", start + 5)
    review.write_text(text[:start] + text[end:], encoding="utf-8")
    assert len(fired(run(trees), "REV-005")) == 1
    edit(
        trees[1] / "2026/assignments.yaml",
        "{society: wuhan-computer, panel: engineering, experts: [expert-zhao, expert-qian, expert-sun, expert-li, expert-zhou]}",
        "{society: wuhan-computer, panel: engineering, experts: [expert-zhao, expert-qian, expert-sun, expert-li]}",
    )
    assert fired(run(trees), "REV-005") == []


# ------------------------------------------------------------------------------------------ COI
def test_scoring_a_declared_conflict(trees: tuple[Path, Path]) -> None:
    declaration = trees[1] / "2026/declarations/expert-zhao.yaml"
    edit(
        declaration,
        "conflicts: []",
        "conflicts:\n  - {society: wuhan-computer, relationship: relative, note: 配偶在该会秘书处任职。}",
    )
    result = run(trees)
    assert [f[3] for f in fired(result, "COI-001")] == [
        "专家 expert-zhao 与学会“wuhan-computer”有利益冲突（本人声明：近亲属任职），不得为其评分。"
    ]
    assert fired(result, "REV-001") == []  # not an affiliation: reported once, by COI-001
    assert len(fired(result, "COI-005")) == 1  # and the office assigned a conflicted expert


def test_an_unwaived_collaboration_bars_scoring(trees: tuple[Path, Path]) -> None:
    edit(
        trees[1] / "2026/conflicts.yaml",
        "waivers:\n  - expert: expert-zhou\n    society: wuhan-agriculture",
        "waivers:\n  - expert: expert-zhou\n    society: wuhan-automation",
    )
    result = run(trees)
    assert ["近三年合作者" in f[3] for f in fired(result, "COI-001")] == [True]
    assert ["没有记录在案的利益冲突" in f[3] for f in fired(result, "COI-004")] == [True]


def test_the_applicants_avoid_request_and_a_recusal_bar_scoring(trees: tuple[Path, Path]) -> None:
    records = trees[1] / "2026/conflicts.yaml"
    edit(records, "experts: [expert-sun]", "experts: [expert-sun, expert-qian]")
    edit(
        records,
        "recusals: []",
        'recusals:\n  - {expert: expert-zhao, society: wuhan-medical, reason: 专家近期与该会有合作意向, decided: "2026-11-08"}',
    )
    messages = [f[3] for f in fired(run(trees), "COI-001")]
    assert messages == [
        "专家 expert-qian 与学会“wuhan-mechanical-engineering”有利益冲突（申报学会请求回避），不得为其评分。",
        "专家 expert-zhao 与学会“wuhan-medical”有利益冲突（专项办公室决定回避），不得为其评分。",
    ]


def test_a_missing_declaration(trees: tuple[Path, Path]) -> None:
    (trees[1] / "2026/declarations/expert-qian.yaml").unlink()
    found = fired(run(trees), "COI-002")
    assert [(f[0], f[2]) for f in found] == [("2026/assignments.yaml", "warning")]
    assert "expert-qian 被分配了 2026 年度的评审，但还没有提交利益冲突声明" in found[0][3]


def test_a_declaration_under_another_experts_name(trees: tuple[Path, Path]) -> None:
    edit(trees[1] / "2026/declarations/expert-qian.yaml", "expert: expert-qian", "expert: expert-zhao")
    found = fired(run(trees), "COI-002")
    assert [(f[0], f[2]) for f in found] == [("2026/declarations/expert-qian.yaml", "error")]


def test_too_many_avoided_experts_or_an_unknown_one(trees: tuple[Path, Path]) -> None:
    records = trees[1] / "2026/conflicts.yaml"
    edit(records, "others: 1", "others: 3")
    edit(records, "experts: [expert-sun]", "experts: [expert-sun, expert-nobody]")
    messages = [f[3] for f in fired(run(trees), "COI-003")]
    assert "学会“wuhan-mechanical-engineering”请求回避 5 名专家，超过申报通知规定的最多 3 名。" in messages
    assert any("expert-nobody 不在专家库中" in m for m in messages)


def test_a_waiver_of_what_cannot_be_waived(trees: tuple[Path, Path]) -> None:
    records = trees[1] / "2026/conflicts.yaml"
    edit(
        records,
        "waivers:\n",
        'waivers:\n  - {expert: expert-li, society: wuhan-civil-engineering, reason: 办公室认为影响不大, decided: "2026-11-08"}\n',
    )
    found = fired(run(trees), "COI-004")
    assert [(f[2], "同一工作单位" in f[3] or "专家库所属学会" in f[3]) for f in found] == [("error", True)]


def test_a_waiver_lifts_a_collaboration_but_not_an_employer() -> None:
    from generator.checker import build_dataset, parse_all
    from generator.committee import merge, parse_committee

    data, _ = build_dataset(parse_all(read_folder(REPO)))
    merge(data, parse_committee(read_committee_folder(EXAMPLE)))
    cycle = data.cycles[2026]
    assert "wuhan-agriculture" not in barred(data, cycle, "expert-zhou")
    assert barred(data, cycle, "expert-li")["wuhan-civil-engineering"].source == "declared"
    assert barred(data, cycle, "expert-sun")["wuhan-mechanical-engineering"].relationship == "officer"
    rows = {row.society: row for row in summary(data, cycle, ["wuhan-mechanical-engineering"])}
    assert rows["wuhan-mechanical-engineering"].avoid_named == 2
    assert "expert-sun" not in rows["wuhan-mechanical-engineering"].assigned


# ------------------------------------------------------------------------------------------ the summary
def xuehui(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=REPO, capture_output=True, text=True, encoding="utf-8"
    )


def test_the_office_summary_in_text() -> None:
    shown = xuehui("conflicts", "--committee", "examples/committee", "--cycle", "2026")
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    assert out.startswith("2026 年度评审利益冲突汇总（专项办公室与评审委员会内部资料，不公开")
    assert (
        "武汉市土木建筑学会（wuhan-civil-engineering）  评审组：engineering  分配 4 人，无利益冲突 4 人"
        in out
    )
    assert "    - expert-li：本人声明：同一工作单位（未分配）" in out
    assert "expert-zhou：本人声明：近三年合作者（已分配；已豁免（2026-11-08）：" in out
    assert "    申报学会书面请求回避 2 人" in out
    assert "全部评审委员会成员和被分配专家都已提交本年度利益冲突声明。" in out


def test_the_office_summary_in_json_names_the_undeclared(tmp_path: Path) -> None:
    committee = tmp_path / "committee"
    shutil.copytree(EXAMPLE, committee)
    (committee / "2025/declarations/expert-wu.yaml").unlink()
    shown = xuehui(
        "conflicts",
        "--committee",
        str(committee),
        "--shared",
        str(REPO),
        "--cycle",
        "2025",
        "--format",
        "json",
    )
    assert shown.returncode == 0, shown.stderr
    document = json.loads(shown.stdout)
    assert document["undeclared"] == ["expert-wu"] and document["min_scorers"] == 4
    medical = next(a for a in document["applications"] if a["society"] == "wuhan-medical")
    assert {c["source"] for c in medical["conflicts"]} == {"pool", "review", "recusal"}
    assert "expert-wu" not in medical["assigned"]


def test_the_summary_refuses_an_unknown_cycle() -> None:
    shown = xuehui("conflicts", "--committee", "examples/committee", "--cycle", "2019")
    assert shown.returncode == 2 and "没有 2019 年度的数据" in shown.stderr


# ------------------------------------------------------------------------------------------ categories
# The call's ``categories`` (each names its panel) and a profile's ``category`` (分类实施).
def _categorised(categories: tuple[dict[str, str], ...], society: str, category: str) -> Dataset:
    """The shipped trees with the 2026 call's categories replaced by ``categories`` and ``society``'s profile
    naming ``category``."""
    from generator.checker import build_dataset, parse_all
    from generator.committee import merge, parse_committee

    data, _ = build_dataset(parse_all(read_folder(REPO)))
    merge(data, parse_committee(read_committee_folder(EXAMPLE)))
    cycle = data.cycles[2026]
    call = cycle.call
    assert call is not None
    cycle.call = replace(
        call,
        categories=tuple(CallCategory(i, c["id"], c["id"], c["panel"], ()) for i, c in enumerate(categories)),
    )
    data.societies[society] = replace(data.societies[society], category=category)
    return data


def _hits(rule: Rule, data: Dataset) -> list[str]:
    assert rule.check is not None
    return [hit.zh for hit in rule.check(data, Context(now=NOW))]


CATEGORIES = ({"id": "engineering", "panel": "engineering"}, {"id": "life-earth", "panel": "life-earth"})


def test_the_calls_categories_and_their_panels_agree_with_panels_and_assignments() -> None:
    data = _categorised(CATEGORIES, "wuhan-computer", "engineering")
    assert _hits(panel_members, data) == [] and _hits(assignment_targets, data) == []


def test_a_category_whose_panel_is_missing() -> None:
    data = _categorised((*CATEGORIES, {"id": "social", "panel": "social"}), "wuhan-computer", "engineering")
    assert _hits(panel_members, data) == [
        "申报通知的申报类别“social”由评审组“social”评审，但 2026/panels.yaml 中没有这个评审组。"
    ]


def test_an_application_assigned_outside_its_categorys_panel() -> None:
    data = _categorised(CATEGORIES, "wuhan-computer", "life-earth")
    # once in each cycle whose assignments name it (2025 and 2026 both assign computer to engineering)
    assert (
        _hits(assignment_targets, data)
        == ["学会“wuhan-computer”属于由评审组“life-earth”评审的申报类别，却分配给了评审组“engineering”。"] * 2
    )


def test_an_expert_may_change_only_their_own_declaration() -> None:
    from generator.committee import may_change

    office = frozenset({"office-login"})
    experts = {"expert-li": frozenset({"li-review"}), "expert-zhao": frozenset({"zhao-review"})}
    assert may_change("2026/declarations/expert-li.yaml", "li-review", office, experts)
    assert not may_change("2026/declarations/expert-zhao.yaml", "li-review", office, experts)
    for office_file in ("2026/assignments.yaml", "2026/panels.yaml", "2026/conflicts.yaml"):
        assert not may_change(office_file, "li-review", office, experts)
        assert may_change(office_file, "office-login", office, experts)
