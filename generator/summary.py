"""A reviewer's summary of each application (申报书摘要): who applies, for how much, the eligibility checklist
by clause, the budget by category and area with flagged lines, and achievements counted per area.

Built from the model and the findings of the same check, so the checklist says exactly what the rules said.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from generator.findings import Finding, Severity
from generator.model import AREAS, Dataset

# (label, clause, rule ids): one line of the checklist each.
CHECKLIST: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("连续两年年检合格（与办公室记录一致）", "三（一）", ("ELIG-001", "ELIG-002")),
    ("按时报送年度总结和计划", "三（一）", ("ELIG-003",)),
    ("内部管理规范、按期换届", "三（一）", ("ELIG-004", "ELIG-005")),
    ("秘书长（副秘书长）与工作人员", "三（一）", ("ELIG-006", "ELIG-007")),
    ("财务制度、独立账户、财务人员", "三（一）", ("ELIG-008",)),
    (
        "无违纪违法、通报批评或处罚，完成委托项目",
        "三（二）",
        ("EXCL-001", "EXCL-002", "EXCL-003", "EXCL-004"),
    ),
    ("不在禁止申报期内", "五（二）", ("BAN-001",)),
    ("理事会（常务理事会）同意、按时提交", "四（一）", ("PROC-001", "DEAD-001", "CALL-001", "APP-001")),
    ("资金用途与预算", "五（三）", ("FUND-001", "FUND-002", "FUND-003", "FUND-004", "FUND-005", "FUND-006")),
)


@dataclass(frozen=True, slots=True)
class CheckItem:
    label: str
    clause: str
    state: str  # ok | warning | error


@dataclass(frozen=True, slots=True)
class BudgetRow:
    category: str
    title: str
    area: str
    item: str
    amount: Decimal
    flag: str  # "" | warning | error


@dataclass(frozen=True, slots=True)
class ApplicationSummary:
    file: str
    cycle: int
    society: str
    society_name: str
    requested_total: Decimal
    checklist: tuple[CheckItem, ...]
    budget: tuple[BudgetRow, ...]
    by_area: tuple[tuple[str, Decimal], ...]
    achievements: tuple[tuple[str, int], ...]
    rejected: str | None  # the formal-review decision, when recorded as not passed


def summarise(
    data: Dataset | None, findings: Sequence[Finding], files: Iterable[str]
) -> list[ApplicationSummary]:
    if data is None:
        return []
    wanted = set(files)
    by_file: dict[str, list[Finding]] = {}
    for f in findings:
        by_file.setdefault(f.file, []).append(f)
    programme = data.programme
    summaries: list[ApplicationSummary] = []
    for cycle, app in data.applications():
        if app.file not in wanted:
            continue
        mine = by_file.get(app.file, [])
        checklist = tuple(
            CheckItem(label, clause, _state([f for f in mine if f.rule in rules]))
            for label, clause, rules in CHECKLIST
        )
        rows: list[BudgetRow] = []
        area_totals: dict[str, Decimal] = {}
        for line in app.budget:
            category = programme.categories.get(line.category) if programme else None
            title = (
                category.title
                if category
                else (programme.forbidden.get(line.category, line.category) if programme else line.category)
            )
            area = category.area if category else ""
            area_name = (programme.areas.get(area, area) if programme else area) if area else "—"
            flagged = [f for f in mine if f.path.startswith(f"budget.lines[{line.index}]")]
            rows.append(
                BudgetRow(line.category, title, area_name, line.item, line.amount, _state(flagged, empty=""))
            )
            area_totals[area] = area_totals.get(area, Decimal(0)) + line.amount
        area_title = programme.areas if programme else {}
        society = data.societies.get(app.society)
        rejected = None
        if cycle.decisions is not None:
            result = cycle.decisions.formal_results.get(app.society)
            if result is not None and not result.passed:
                rejected = result.reason or "形式审查不通过"
        summaries.append(
            ApplicationSummary(
                file=app.file,
                cycle=cycle.year,
                society=app.society,
                society_name=society.name if society else app.society,
                requested_total=app.requested_total,
                checklist=checklist,
                budget=tuple(rows),
                by_area=tuple(
                    (area_title.get(a, a) if a else "（不允许的类别）", area_totals[a])
                    for a in (*AREAS, "")
                    if a in area_totals
                ),
                achievements=tuple(
                    (area_title.get(a, a), sum(1 for x in app.achievements if x.area == a)) for a in AREAS
                ),
                rejected=rejected,
            )
        )
    return summaries


def _state(findings: Sequence[Finding], empty: str = "ok") -> str:
    if any(f.severity is Severity.ERROR for f in findings):
        return "error"
    if any(f.severity is Severity.WARNING for f in findings):
        return "warning"
    return empty
