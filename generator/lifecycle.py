"""The stage of every application, derived from the data and the moment (pure), and the reminders for
overdue steps. Records dated after ``today`` are not yet known, so asking about the past gives the past.

Stage codes are stable (the site and outside tools rely on them); the Chinese labels sit beside them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from enum import Enum

from msgspec import Struct

from generator.calendar import CalendarError, HolidayTable, Window, window, workday_test
from generator.model import Cycle, Dataset, Decisions, Sanction, Substitution
from generator.performance import (
    Consequence,
    DueInspection,
    SupportYear,
    consequences,
    inspections_due,
    supports,
)

STAGES: dict[str, str] = {
    "submitted": "已提交",
    "formal_rejected": "形式审查未通过",
    "under_review": "评审中",
    "not_selected": "未列入拟表彰名单",
    "proposed": "拟表彰（待公示）",
    "publicity": "公示阶段",
    "objection_upheld": "异议成立，不予表彰",
    "commended": "已表彰",
    "plan_filed": "资金管理办法已备案",
    "midterm_passed": "中期检查合格",
    "midterm_failed": "中期检查不合格（调整支持）",
    "final_passed": "总结验收合格",
    "final_failed": "总结验收不合格（终止支持）",
    "revoked": "已撤销奖励",
    "final_passed_midterm_failed": "总结验收合格（中期检查曾不合格）",
    "supplement_requested": "形式审查补正中",
    "left_out": "未列入表彰（见表彰记录的说明）",
    "substitute": "递补（待公示）",
    "substitute_publicity": "递补公示阶段",
}

PUBLICITY_STATES: dict[str, str] = {"not_started": "待公示", "open": "公示中", "ended": "公示期满"}


def publicity_window(cycle: Cycle, holidays: HolidayTable | None = None) -> Window | None:
    """The cycle's publicity window, None before the office records its start. Raises CalendarError.
    ``holidays``: the office's table for the years chinese-calendar does not cover yet."""
    if cycle.decisions is None or cycle.decisions.publicity_start is None:
        return None
    days = cycle.call.publicity_days if cycle.call else 10
    kind = cycle.call.publicity_day_kind if cycle.call else "calendar"
    return window(cycle.decisions.publicity_start, days, kind, workday_test(holidays))


def substitution_window(cycle: Cycle, sub: Substitution) -> Window | None:
    """A 递补 society's own publicity window (the call's days and day kind), None before its start is
    recorded. Raises CalendarError."""
    if sub.publicity_start is None:
        return None
    days = cycle.call.publicity_days if cycle.call else 10
    kind = cycle.call.publicity_day_kind if cycle.call else "calendar"
    return window(sub.publicity_start, days, kind)


def _substitute_stage(cycle: Cycle, sub: Substitution, today: date) -> str:
    try:
        win = substitution_window(cycle, sub)
    except CalendarError:
        win = None
    return "substitute_publicity" if win is not None and today >= win.start else "substitute"


def _known(day: date | None, today: date) -> bool:
    return day is not None and day <= today


def stage_of(
    cycle: Cycle, society: str, today: date, win: Window | None = None, sanctions: Sequence[Sanction] = ()
) -> str:
    dec = cycle.decisions
    if dec is None:
        return "submitted"
    if _known(dec.commendation_date, today) and any(a.society == society for a in dec.awards):
        return _after_award(cycle, dec, society, today, sanctions)
    if any(
        o.society == society and o.status == "upheld" and _known(o.resolved or o.received, today)
        for o in dec.objections
    ):
        return "objection_upheld"
    listed = {p.society for p in dec.proposed} | {x.society for x in dec.substitutions if x.decided <= today}
    if _known(dec.commendation_date, today) and society in listed:
        return "left_out"  # proposed, not commended: commendation.left_out says why (SUBST-004)
    result = dec.formal_results.get(society) if _known(dec.formal_review_date, today) else None
    if result is None:
        return "submitted"
    sup = result.supplement
    if sup is not None and sup.requested <= today <= sup.due and not _known(sup.received, today):
        return "supplement_requested"
    if not result.passed:
        return "formal_rejected"
    sub = next((x for x in dec.substitutions if x.society == society and x.decided <= today), None)
    if sub is not None:
        return _substitute_stage(cycle, sub, today)
    decided = bool(dec.proposed) and (dec.expert_review_date is None or _known(dec.expert_review_date, today))
    if not decided:
        return "under_review"
    if not any(p.society == society for p in dec.proposed):
        return "not_selected"
    if win is not None and today >= win.start:
        return "publicity"
    return "proposed"


def _after_award(
    cycle: Cycle, dec: Decisions, society: str, today: date, sanctions: Sequence[Sanction]
) -> str:
    """Dynamic management after the award: revocation, then the latest inspection, then the plan."""
    if any(
        s.society == society and s.cycle == cycle.year and s.revoke_award and s.decided <= today
        for s in sanctions
    ):
        return "revoked"
    for stage, rnd in (("final", dec.final), ("midterm", dec.midterm)):
        result = rnd.results.get(society)
        if result is not None and _known(rnd.date, today):
            found = f"{stage}_{'passed' if result[0] == '合格' else 'failed'}"
            return _after_failed_midterm(dec, society, today) if found == "final_passed" else found
    plan = cycle.plans.get(society)
    if plan is not None and plan.filed <= today:
        return "plan_filed"
    return "commended"


def _after_failed_midterm(dec: Decisions, society: str, today: date) -> str:
    """A passed final after a failed midterm says so (四（四）: the midterm's result is not erased)."""
    midterm = dec.midterm.results.get(society)
    if midterm is not None and midterm[0] != "合格" and _known(dec.midterm.date, today):
        return "final_passed_midterm_failed"
    return "final_passed"


class Publicity(Struct, frozen=True):
    start: date | None
    end: date | None
    state: str
    days_left: int | None
    error: str | None = None  # why the window cannot be computed


class ReminderKind(Enum):
    """Which step is overdue."""

    COMMENDATION = "commendation"  # publicity ended, no commendation recorded
    OBJECTION = "objection"  # publicity ended, an objection still pending
    FORMAL_REVIEW = "formal_review"  # the deadline passed, no formal review recorded


class Reminder(Struct, frozen=True):
    """An overdue step, as values: which reminder, in which file, and what its message names. The rule and
    its text are ``generator.rules.lifecycle``'s (``reminder_rule``, ``reminder_text``): one rule per kind."""

    kind: ReminderKind
    severity: str  # warning | notice
    file: str
    values: tuple[tuple[str, object], ...] = ()  # the message's placeholders: (name, value)
    variant: str = ""  # the message variant (every reminder has one message today)


class CycleStatus(Struct, frozen=True):
    cycle: int
    now: datetime
    today: date
    publicity: Publicity
    applications: tuple[tuple[str, str], ...]  # (society, stage)
    reminders: tuple[Reminder, ...]
    inspections_due: tuple[DueInspection, ...] = ()  # 四（四）: midterms and finals due, not recorded
    consequences: tuple[Consequence, ...] = ()  # 一（三）: continued support or barred, from a final result
    supports: tuple[SupportYear, ...] = ()  # 一（三）2: multi-year support, year by year
    events: tuple[str, ...] = ()  # 补正, 复核 and 递补 known by today, in Chinese (``steps_of``)


def publicity_of(
    cycle: Cycle, today: date, holidays: HolidayTable | None = None
) -> tuple[Publicity, Window | None]:
    try:
        win = publicity_window(cycle, holidays)
    except CalendarError as exc:
        start = cycle.decisions.publicity_start if cycle.decisions else None
        return Publicity(start, None, "not_started", None, str(exc)), None
    if win is None:
        return Publicity(None, None, "not_started", None), None
    return Publicity(win.start, win.end, win.state(today), win.days_left(today, workday_test(holidays))), win


def reminders(cycle: Cycle, today: date, win: Window | None, tz: str) -> list[Reminder]:
    """Overdue steps: reminders (warning or notice), never errors, so time alone never turns main red."""
    out: list[Reminder] = []
    dec = cycle.decisions
    call = cycle.call
    if call is not None and cycle.applications and (dec is None or dec.formal_review_date is None):
        deadline = call.deadline_date(tz)
        if today > deadline:
            out.append(
                Reminder(
                    ReminderKind.FORMAL_REVIEW,
                    "notice",
                    dec.file if dec else call.file,
                    (("deadline", deadline),),
                )
            )
    if dec is not None and win is not None and today > win.end:
        if dec.commendation_date is None:
            out.append(Reminder(ReminderKind.COMMENDATION, "warning", dec.file, (("end", win.end),)))
        for o in dec.objections:
            if o.status == "pending":
                values = (("objection", o.id), ("society", o.society))
                out.append(Reminder(ReminderKind.OBJECTION, "warning", dec.file, values))
    return out


def cycle_status(data: Dataset, year: int, now: datetime) -> CycleStatus:
    cycle = data.cycles.get(year) or Cycle(year)
    today = data.today(now)
    publicity, win = publicity_of(cycle, today, data.office.holidays)
    sanctions = data.office.sanctions or ()
    stages = tuple(
        (app.society, stage_of(cycle, app.society, today, win, sanctions))
        for app in sorted(cycle.applications.values(), key=lambda a: a.society)
    )
    return CycleStatus(
        year,
        now,
        today,
        publicity,
        stages,
        tuple(reminders(cycle, today, win, data.timezone)),
        tuple(d for d in inspections_due(data, today) if d.cycle == year),
        consequences(data, year, today),
        supports(data, year, today),
        steps_of(cycle, today),
    )


RECONSIDERATION_STATES = {"pending": "处理中", "upheld": "复核成立，改变原结论", "dismissed": "维持原结论"}


def _supplement_steps(dec: Decisions, today: date) -> list[str]:
    out = []
    for society, result in sorted(dec.formal_results.items()):
        sup = result.supplement
        if sup is None or sup.requested > today or not _known(dec.formal_review_date, today):
            continue
        if _known(sup.received, today):
            state = f"已于 {sup.received} 补交" + (
                "（逾期）" if sup.received and sup.received > sup.due else ""
            )
        else:
            state = "逾期未补交" if today > sup.due else "尚未补交"
        out.append(f"补正：“{society}”须补交{'、'.join(sup.items)}，期限 {sup.due}，{state}")
    return out


def _substitution_step(cycle: Cycle, sub: Substitution, today: date) -> str:
    line = f"递补：“{sub.society}”递补“{sub.replaces}”（{sub.tier}，{sub.decided} 决定）"
    try:
        win = substitution_window(cycle, sub)
    except CalendarError:
        return line + "；递补公示期无法计算"
    if win is None:
        return line + "；递补公示尚未开始"
    state = PUBLICITY_STATES[win.state(today)]
    if win.state(today) == "open":
        state = f"公示中（剩余{win.days_left(today)}天）"
    return line + f"；递补公示 {win.start} 至 {win.end}，{state}"


def steps_of(cycle: Cycle, today: date) -> tuple[str, ...]:
    """The 补正, 复核 and 递补 of the cycle known by ``today``, one Chinese line each."""
    dec = cycle.decisions
    if dec is None:
        return ()
    out = _supplement_steps(dec, today)
    for r in dec.reconsiderations:
        if r.received > today:
            continue
        what = "形式审查结论" if r.concerning == "formal_review" else f"异议 {r.concerning} 的处理结果"
        status = r.status if r.resolved is not None and r.resolved <= today else "pending"
        done = f"（{r.resolved}）" if status != "pending" else ""
        out.append(
            f"复核：“{r.society}”对{what}申请复核（{r.received}），{RECONSIDERATION_STATES[status]}{done}"
        )
    out += [_substitution_step(cycle, sub, today) for sub in dec.substitutions if sub.decided <= today]
    return tuple(out)


def current_cycle(data: Dataset, today: date) -> int | None:
    """The latest cycle whose call is published by ``today`` (else the latest cycle there is)."""
    published = [y for y, c in data.cycles.items() if c.call is not None and c.call.published <= today]
    if published:
        return max(published)
    return max(data.cycles) if data.cycles else None
