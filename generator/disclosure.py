"""Fund-use disclosure (追踪问效), the model the public site shows: per award, per category and per area, the
planned amount, the spending to date and the variance; per cycle, the totals. Exact ``Decimal`` sums; the
spending to date is the latest report dated on or before ``today``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from generator.lifecycle import stage_of
from generator.model import AREAS, Cycle, Dataset, Report

ZERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class Use:
    key: str  # category key or area key
    title: str
    planned: Decimal
    spent: Decimal

    @property
    def variance(self) -> Decimal:
        """Planned minus spent: what is left (negative when spending ran over the plan)."""
        return self.planned - self.spent


@dataclass(frozen=True, slots=True)
class AwardDisclosure:
    cycle: int
    society: str
    name: str
    tier: str
    amount: Decimal
    stage: str
    revoked: bool
    reclaimed: Decimal
    planned: Decimal
    spent: Decimal
    as_of: date | None  # the report the spending comes from
    report_stage: str | None
    by_category: tuple[Use, ...]
    by_area: tuple[Use, ...]

    @property
    def variance(self) -> Decimal:
        return self.planned - self.spent


@dataclass(frozen=True, slots=True)
class CycleDisclosure:
    cycle: int
    awards: tuple[AwardDisclosure, ...]

    @property
    def awarded(self) -> Decimal:
        return sum((a.amount for a in self.awards), ZERO)

    @property
    def planned(self) -> Decimal:
        return sum((a.planned for a in self.awards), ZERO)

    @property
    def spent(self) -> Decimal:
        return sum((a.spent for a in self.awards), ZERO)

    @property
    def reclaimed(self) -> Decimal:
        return sum((a.reclaimed for a in self.awards), ZERO)


def latest_report(cycle: Cycle, society: str, today: date) -> Report | None:
    reports = [r for (slug, _), r in cycle.reports.items() if slug == society and r.as_of <= today]
    return max(reports, key=lambda r: (r.as_of, r.stage), default=None)


def disclose(data: Dataset, year: int, today: date) -> CycleDisclosure:
    cycle = data.cycles.get(year)
    if cycle is None or cycle.decisions is None or cycle.decisions.commendation_date is None:
        return CycleDisclosure(year, ())
    if cycle.decisions.commendation_date > today:
        return CycleDisclosure(year, ())
    programme = data.programme
    sanctions = data.office.sanctions or ()
    awards: list[AwardDisclosure] = []
    for award in sorted(cycle.decisions.awards, key=lambda a: a.index):
        plan = cycle.plans.get(award.society)
        plan = plan if plan is not None and plan.filed <= today else None
        report = latest_report(cycle, award.society, today)
        planned_by: dict[str, Decimal] = {}
        for d in plan.fund_directions if plan else ():
            planned_by[d.category] = planned_by.get(d.category, ZERO) + d.amount
        spent_by: dict[str, Decimal] = {}
        for s in report.spending if report else ():
            spent_by[s.category] = spent_by.get(s.category, ZERO) + s.amount
        categories = sorted(set(planned_by) | set(spent_by))

        def title(key: str) -> str:
            if programme is None:
                return key
            if key in programme.categories:
                return programme.categories[key].title
            return programme.forbidden.get(key, key)

        def area(key: str) -> str:
            if programme is not None and key in programme.categories:
                return programme.categories[key].area
            return ""

        by_category = tuple(
            Use(c, title(c), planned_by.get(c, ZERO), spent_by.get(c, ZERO)) for c in categories
        )
        by_area = tuple(
            Use(
                a,
                programme.areas.get(a, a) if programme else a,
                sum((u.planned for u in by_category if area(u.key) == a), ZERO),
                sum((u.spent for u in by_category if area(u.key) == a), ZERO),
            )
            for a in AREAS
        )
        revocations = [
            s
            for s in sanctions
            if s.society == award.society
            and s.cycle == year
            and s.decided <= today
            and (s.revoke_award or s.reclaim_amount)
        ]
        society = data.societies.get(award.society)
        awards.append(
            AwardDisclosure(
                cycle=year,
                society=award.society,
                name=society.name if society else award.society,
                tier=award.tier,
                amount=award.amount,
                stage=stage_of(cycle, award.society, today, None, sanctions),
                revoked=any(s.revoke_award for s in revocations),
                reclaimed=sum((s.reclaim_amount for s in revocations), ZERO),
                planned=sum(planned_by.values(), ZERO),
                spent=sum(spent_by.values(), ZERO),
                as_of=report.as_of if report else None,
                report_stage=report.stage if report else None,
                by_category=by_category,
                by_area=by_area,
            )
        )
    return CycleDisclosure(year, tuple(awards))
