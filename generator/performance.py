"""绩效考核与动态管理 · performance assessment and dynamic management (一（三）2、一（三）3、四（四）、五（四）), pure.

From a plan's chosen indicators (targets), a report's actuals and spending and the programme's standard
indicator set (direction, weight): each indicator's completion rate, the weighted completion rate (each
indicator capped at 100 %, so over-completion of one does not hide another) and the spending execution rate
per expense category (spent ÷ planned). From the recorded inspections: which are due and not recorded, what a
final result means for later cycles (continued support, or years barred), multi-year support released year by
year, and the 示范学会. Exact ``Decimal`` throughout; percentages are rounded half-up to one decimal only
when returned. Records dated after ``today`` are not yet known.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from msgspec import Struct

from generator.model import Award, Cycle, Dataset, PerformanceSettings, Plan, Report

HUNDRED = Decimal(100)
ONE_PLACE = Decimal("0.1")
PASSED = "合格"
FAILED = "不合格"
STAGE_ZH = {"midterm": "中期检查", "final": "总结验收"}
MILESTONE_ZH = {"done": "已完成", "in_progress": "进行中", "delayed": "延期", "dropped": "取消"}


def percent(value: Decimal) -> Decimal:
    """A fraction as a percentage with one decimal, half-up (0.96555 → 96.6)."""
    return (value * HUNDRED).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def completion(target: Decimal, actual: Decimal, direction: str = "higher") -> Decimal:
    """The completion of one indicator as an exact fraction (1 = met). ``higher``: actual ÷ target;
    ``lower`` (fewer is better): target ÷ actual. A zero target is met by any actual (higher) or by zero
    (lower); a zero actual meets any ``lower`` target."""
    if direction == "lower":
        if actual == 0:
            return Decimal(1)
        return target / actual
    if target == 0:
        return Decimal(1)
    return actual / target


def weighted_completion(items: Sequence[tuple[Decimal, Decimal]]) -> Decimal | None:
    """Σ min(completion, 1) × weight ÷ Σ weight over (completion, weight) pairs; None without weight."""
    total = sum((w for _, w in items), Decimal(0))
    if total == 0:
        return None
    return sum((min(c, Decimal(1)) * w for c, w in items), Decimal(0)) / total


def execution_rate(planned: Decimal, spent: Decimal) -> Decimal | None:
    """Spent ÷ planned as an exact fraction; None when nothing was planned."""
    return None if planned == 0 else spent / planned


class IndicatorFigure(Struct, frozen=True):
    name: str
    unit: str
    id: str | None  # the standard indicator, if the plan names one
    area: str | None
    direction: str
    weight: Decimal
    target: Decimal
    actual: Decimal | None  # None: the report does not give it
    rate: Decimal | None  # percent, one decimal

    @property
    def met(self) -> bool:
        return self.rate is not None and self.rate >= HUNDRED


class Execution(Struct, frozen=True):
    category: str
    planned: Decimal
    spent: Decimal
    rate: Decimal | None  # percent, one decimal


class Assessment(Struct, frozen=True):
    """The computed figures of one award at one report (midterm or final)."""

    cycle: int
    society: str
    stage: str
    as_of: date
    indicators: tuple[IndicatorFigure, ...]
    weighted: Decimal | None  # weighted completion, percent
    execution: tuple[Execution, ...]
    planned: Decimal
    spent: Decimal
    execution_total: Decimal | None  # percent
    milestones: tuple[tuple[date, str, str], ...]  # (due, task, status code or "unreported")

    @property
    def all_met(self) -> bool:
        return bool(self.indicators) and all(i.met for i in self.indicators)


def _figures(settings: PerformanceSettings, plan: Plan, report: Report) -> tuple[IndicatorFigure, ...]:
    actuals = dict(report.indicators)
    out: list[IndicatorFigure] = []
    for ind in plan.indicators:
        spec = settings.indicators.get(ind.id or "")
        direction = spec.direction if spec else "higher"
        actual = actuals.get(ind.name)
        rate = None if actual is None else percent(completion(ind.target, actual, direction))
        weight = spec.weight if spec else Decimal(1)
        out.append(
            IndicatorFigure(
                ind.name,
                ind.unit,
                ind.id,
                spec.area if spec else None,
                direction,
                weight,
                ind.target,
                actual,
                rate,
            )
        )
    return tuple(out)


def _execution(plan: Plan, report: Report) -> tuple[Execution, ...]:
    planned: dict[str, Decimal] = {}
    for d in plan.fund_directions:
        planned[d.category] = planned.get(d.category, Decimal(0)) + d.amount
    spent: dict[str, Decimal] = {}
    for line in report.spending:
        spent[line.category] = spent.get(line.category, Decimal(0)) + line.amount
    out = []
    for key in list(planned) + [k for k in spent if k not in planned]:
        plan_sum, spent_sum = planned.get(key, Decimal(0)), spent.get(key, Decimal(0))
        rate = execution_rate(plan_sum, spent_sum)
        out.append(Execution(key, plan_sum, spent_sum, None if rate is None else percent(rate)))
    return tuple(out)


def assess(settings: PerformanceSettings, plan: Plan, report: Report) -> Assessment:
    """The figures of ``report`` against ``plan``: completion per indicator, weighted completion, execution."""
    figures = _figures(settings, plan, report)
    pairs = [(completion(f.target, f.actual, f.direction), f.weight) for f in figures if f.actual is not None]
    missing = [(Decimal(0), f.weight) for f in figures if f.actual is None]
    weighted = weighted_completion(pairs + missing)
    execution = _execution(plan, report)
    planned = sum((d.amount for d in plan.fund_directions), Decimal(0))
    spent = sum((s.amount for s in report.spending), Decimal(0))
    total = execution_rate(planned, spent)
    status = {m.task: m.status for m in report.milestones}
    return Assessment(
        cycle=plan.cycle,
        society=plan.society,
        stage=report.stage,
        as_of=report.as_of,
        indicators=figures,
        weighted=None if weighted is None else percent(weighted),
        execution=execution,
        planned=planned,
        spent=spent,
        execution_total=None if total is None else percent(total),
        milestones=tuple((due, task, status.get(task, "unreported")) for due, task in plan.milestones),
    )


def assessment_of(data: Dataset, cycle: Cycle, society: str, stage: str) -> Assessment | None:
    plan = cycle.plans.get(society)
    report = cycle.reports.get((society, stage))
    if plan is None or report is None or data.programme is None:
        return None
    return assess(data.programme.performance, plan, report)


# ------------------------------------------------------------------------------------------- inspections due
def period(cycle: Cycle) -> tuple[date, date] | None:
    """The implementation period: the call's, else from the commendation to the end of the next year."""
    call = cycle.call
    if call is not None and call.period_start is not None and call.period_end is not None:
        return call.period_start, call.period_end
    if cycle.decisions is not None and cycle.decisions.commendation_date is not None:
        return cycle.decisions.commendation_date, date(cycle.year + 1, 12, 31)
    return None


def due_dates(cycle: Cycle, settings: PerformanceSettings) -> tuple[date, date] | None:
    """(midterm due, final due) of the cycle's awards, from the implementation period (四（四））."""
    found = period(cycle)
    if found is None:
        return None
    start, end = found
    midpoint = start + timedelta(days=(end - start).days // 2)
    return (
        midpoint + timedelta(days=settings.midterm_days_after_midpoint),
        end + timedelta(days=settings.final_days_after_end),
    )


class DueInspection(Struct, frozen=True):
    cycle: int
    society: str
    stage: str  # midterm | final
    due: date
    overdue: bool
    award_index: int


def revoked(data: Dataset, year: int, society: str, today: date) -> bool:
    return any(
        s.society == society and s.cycle == year and s.revoke_award and s.decided <= today
        for s in data.office.sanctions or ()
    )


def _known(day: date | None, today: date) -> bool:
    return day is not None and day <= today


def inspections_due(data: Dataset, today: date) -> Iterator[DueInspection]:
    """Every awardee's midterm and final that is due (within the reminder days) and not recorded."""
    if data.programme is None:
        return
    settings = data.programme.performance
    for year in sorted(data.cycles):
        cycle = data.cycles[year]
        dec = cycle.decisions
        dates = due_dates(cycle, settings)
        if dec is None or dates is None or not _known(dec.commendation_date, today):
            continue
        for award in dec.awards:
            if revoked(data, year, award.society, today):
                continue
            for stage, rnd, due in (("midterm", dec.midterm, dates[0]), ("final", dec.final, dates[1])):
                recorded = award.society in rnd.results and _known(rnd.date, today)
                if recorded or today < due - timedelta(days=settings.reminder_days):
                    continue
                yield DueInspection(year, award.society, stage, due, today > due, award.index)


# ------------------------------------------------------------------------------------------- consequences
class Consequence(Struct, frozen=True):
    """What a final result of ``source_cycle`` means for cycle ``cycle`` (一（三）2、一（三）3)."""

    cycle: int
    society: str
    kind: str  # continued (合格: continued support) | ineligible (不合格: barred)
    source_cycle: int
    final_date: date
    doc_number: str | None
    until: int  # the last cycle it applies to


def last_final(
    data: Dataset, society: str, before: int, today: date
) -> tuple[int, str, date, str | None] | None:
    """The society's latest known final result of a cycle before ``before``: (cycle, result, date, doc)."""
    for year in sorted((y for y in data.cycles if y < before), reverse=True):
        dec = data.cycles[year].decisions
        if dec is None or not _known(dec.final.date, today) or society not in dec.final.results:
            continue
        assert dec.final.date is not None
        return year, dec.final.results[society][0], dec.final.date, dec.final.doc_number
    return None


def consequence(data: Dataset, society: str, year: int, today: date) -> Consequence | None:
    """The consequence, for an application of cycle ``year``, of the society's last final before it."""
    if data.programme is None:
        return None
    settings = data.programme.performance
    found = last_final(data, society, year, today)
    if found is None:
        return None
    source, result, day, doc = found
    cycles = settings.continued_support_cycles if result == PASSED else settings.ineligible_cycles
    if cycles <= 0 or year > source + cycles:
        return None
    kind = "continued" if result == PASSED else "ineligible"
    return Consequence(year, society, kind, source, day, doc, source + cycles)


def after_finals(data: Dataset, today: date) -> tuple[Consequence, ...]:
    """What each known final result means, whoever applies: one entry per (cycle, society) with a
    consequence, ``cycle`` being the first later cycle it applies to."""
    if data.programme is None:
        return ()
    settings = data.programme.performance
    out = []
    for year in sorted(data.cycles):
        dec = data.cycles[year].decisions
        if dec is None or dec.final.date is None or not _known(dec.final.date, today):
            continue
        for slug in sorted(dec.final.results):
            passed = dec.final.results[slug][0] == PASSED
            cycles = settings.continued_support_cycles if passed else settings.ineligible_cycles
            if cycles > 0:
                kind = "continued" if passed else "ineligible"
                out.append(
                    Consequence(
                        year + 1, slug, kind, year, dec.final.date, dec.final.doc_number, year + cycles
                    )
                )
    return tuple(out)


def consequences(data: Dataset, year: int, today: date) -> tuple[Consequence, ...]:
    """The consequences for every application (and award) of cycle ``year``."""
    cycle = data.cycles.get(year)
    if cycle is None:
        return ()
    slugs = set(cycle.applications)
    if cycle.decisions is not None:
        slugs |= {a.society for a in cycle.decisions.awards}
    found = (consequence(data, slug, year, today) for slug in sorted(slugs))
    return tuple(c for c in found if c is not None)


# ------------------------------------------------------------------------------------------- multi-year support
SUPPORT_ZH = {"released": "已拨付", "committed": "已承诺（待总结验收合格后拨付）", "lapsed": "已失效"}


class SupportYear(Struct, frozen=True):
    cycle: int  # the award's cycle
    society: str
    year: int  # 1, 2, …: which year of the support
    amount: Decimal
    state: str  # released | committed | lapsed


def support_schedule(data: Dataset, cycle: Cycle, award: Award, today: date) -> tuple[SupportYear, ...]:
    """The years of a multi-year award (``support_years`` > 1): the first released at the commendation,
    each later one released once the award's final is 合格, lapsed on 不合格 or a revocation."""
    if award.support_years <= 1 or cycle.decisions is None:
        return ()
    final = cycle.decisions.final
    result = final.results.get(award.society) if _known(final.date, today) else None
    later = "committed"
    if result is not None:
        later = "released" if result[0] == PASSED else "lapsed"
    if revoked(data, cycle.year, award.society, today):
        later = "lapsed"
    return tuple(
        SupportYear(cycle.year, award.society, n, award.amount, "released" if n == 1 else later)
        for n in range(1, award.support_years + 1)
    )


def supports(data: Dataset, year: int, today: date) -> tuple[SupportYear, ...]:
    cycle = data.cycles.get(year)
    if cycle is None or cycle.decisions is None or not _known(cycle.decisions.commendation_date, today):
        return ()
    return tuple(y for a in cycle.decisions.awards for y in support_schedule(data, cycle, a, today))


# ------------------------------------------------------------------------------------------- 示范学会
def passed_cycles(data: Dataset, society: str, today: date) -> tuple[int, ...]:
    """The cycles in which ``society`` was commended and passed its final (known by ``today``)."""
    out = []
    for year in sorted(data.cycles):
        dec = data.cycles[year].decisions
        if dec is None or not _known(dec.commendation_date, today) or not _known(dec.final.date, today):
            continue
        if (
            any(a.society == society for a in dec.awards)
            and dec.final.results.get(society, ("",))[0] == PASSED
        ):
            out.append(year)
    return tuple(out)


def demonstration(data: Dataset, today: date) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """示范学会 (五（四））: societies commended and passing the final in at least the programme's number of cycles."""
    if data.programme is None or data.programme.performance.demonstration_min_cycles is None:
        return ()
    need = data.programme.performance.demonstration_min_cycles
    found = ((slug, passed_cycles(data, slug, today)) for slug in sorted(data.societies))
    return tuple((slug, years) for slug, years in found if len(years) >= need)


# ------------------------------------------------------------------------------------------- the site's view
class Completed(Struct, frozen=True):
    """A completed award (its final recorded) as the showcase shows it (五（四））."""

    cycle: int
    society: str
    tier: str
    amount: Decimal
    result: str
    final_date: date
    doc_number: str | None
    score: Decimal | None
    midterm_result: str | None
    assessment: Assessment | None
    experience: str


class PerformanceView(Struct, frozen=True):
    """The public figures of 绩效考核: every element comes from public fields (plans, reports, inspections)."""

    assessments: tuple[Assessment, ...]  # the latest known report of each award
    completed: tuple[Completed, ...]
    demonstration: tuple[tuple[str, tuple[int, ...]], ...]
    consequences: tuple[Consequence, ...]
    supports: tuple[SupportYear, ...]
    demonstration_min_cycles: int | None = None  # the programme's 示范学会 rule
    after_finals: tuple[Consequence, ...] = ()  # every known final's consequence, applicant or not

    def of(self, cycle: int, society: str) -> Assessment | None:
        return next((a for a in self.assessments if a.cycle == cycle and a.society == society), None)


def _latest(data: Dataset, cycle: Cycle, society: str, today: date) -> Assessment | None:
    plan = cycle.plans.get(society)
    if plan is None or plan.filed > today or data.programme is None:
        return None
    reports = [r for (s, _), r in cycle.reports.items() if s == society and r.as_of <= today]
    if not reports:
        return None
    return assess(data.programme.performance, plan, max(reports, key=lambda r: r.as_of))


def _completed(data: Dataset, cycle: Cycle, award: Award, today: date) -> Completed | None:
    dec = cycle.decisions
    if dec is None or not _known(dec.final.date, today) or award.society not in dec.final.results:
        return None
    assert dec.final.date is not None
    mid = dec.midterm.results.get(award.society) if _known(dec.midterm.date, today) else None
    report = cycle.reports.get((award.society, "final"))
    known = report is not None and report.as_of <= today
    return Completed(
        cycle.year,
        award.society,
        award.tier,
        award.amount,
        dec.final.results[award.society][0],
        dec.final.date,
        dec.final.doc_number,
        dec.final.scores.get(award.society),
        mid[0] if mid else None,
        _latest(data, cycle, award.society, today),
        report.experience if report is not None and known else "",
    )


def view(data: Dataset, today: date) -> PerformanceView:
    assessments: list[Assessment] = []
    completed: list[Completed] = []
    found: list[Consequence] = []
    years: list[SupportYear] = []
    for year in sorted(data.cycles):
        cycle = data.cycles[year]
        found += consequences(data, year, today)
        dec = cycle.decisions
        if dec is None or not _known(dec.commendation_date, today):
            continue
        years += supports(data, year, today)
        for award in dec.awards:
            if revoked(data, year, award.society, today):
                continue
            a = _latest(data, cycle, award.society, today)
            if a is not None:
                assessments.append(a)
            c = _completed(data, cycle, award, today)
            if c is not None:
                completed.append(c)
    rule = data.programme.performance.demonstration_min_cycles if data.programme else None
    return PerformanceView(
        tuple(assessments),
        tuple(completed),
        demonstration(data, today),
        tuple(found),
        tuple(years),
        rule,
        after_finals(data, today),
    )
