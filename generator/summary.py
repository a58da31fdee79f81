"""A reviewer's summary of each application (申报书摘要): who applies, for how much, the eligibility checklist
by clause, the budget by category and area with flagged lines, and achievements counted per area.

Built from the model and the findings of the same check, so the checklist says exactly what the rules said;
its lines and which rules answer each come from the rule declarations (``generator.rules.checklist``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from generator.findings import Finding, Severity
from generator.model import AREAS, Dataset
from generator.rules import checklist_rules


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
    lines = checklist_rules()
    summaries: list[ApplicationSummary] = []
    for cycle, app in data.applications():
        if app.file not in wanted:
            continue
        mine = by_file.get(app.file, [])
        checklist = tuple(
            CheckItem(line.label, line.clause, _state([f for f in mine if f.rule in rules]))
            for line, rules in lines
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
