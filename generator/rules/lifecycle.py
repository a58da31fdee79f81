"""LIFE-*: reminders of overdue steps (warnings and notices, never errors: time alone never turns main red).

LIFE-001 … LIFE-003 come from the stage of a cycle (``generator.lifecycle.reminders`` says which reminder and
its values; ``reminder_text`` fills in the messages declared here, also for ``xuehui status``); LIFE-004 and
LIFE-005 follow an award.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from generator.calendar import CalendarError
from generator.findings import Severity
from generator.lifecycle import Reminder, ReminderKind, publicity_window, reminders
from generator.model import Dataset
from generator.rules.base import NOTICE, WARNING, Context, Hit, Message, Rule, rule
from generator.rules.postaward import award_of, plan_due


def _reminder_rule(
    code: str, kind: ReminderKind, severity: Severity, zh: str, en: str, message: Message, doc: str
) -> Rule:
    """The rule that reports the reminders of ``generator.lifecycle`` of one kind."""

    @rule(code, severity, "四（二）", zh, en, message=message, doc=doc)
    def check(data: Dataset, ctx: Context) -> Iterator[Hit]:
        today = data.today(ctx.now)
        for year in sorted(data.cycles):
            cycle = data.cycles[year]
            try:
                win = publicity_window(cycle, data.office.holidays)
            except CalendarError:
                win = None
            for r in reminders(cycle, today, win, data.timezone):
                if r.kind is kind:
                    yield Hit(r.file, (), *reminder_text(r))

    return check


life_commendation = _reminder_rule(
    "LIFE-001",
    ReminderKind.COMMENDATION,
    WARNING,
    "提醒：公示期满后应及时记录通报表彰",
    "Reminder: record the commendation once publicity ends",
    Message(
        "公示期已于 {end} 结束，尚未记录通报表彰。",
        "Publicity ended on {end}; no commendation is recorded.",
        "公示期满无异议的，请在 decisions.yaml 的 commendation 中记录表彰日期、文号和名单。",
    ),
    """Fails (publicity ended without a commendation)::

        now: 2026-12-05

    Passes::

        now: 2026-12-05
        --- submissions/2026/decisions.yaml
        -   date: null
        -   doc_number: null
        -   awards: []                             # [{society, tier, amount}]: proposed societies cleared of objections
        +   date: "2026-12-05"
        +   doc_number: 武科协〔2026〕30号
        +   awards:
        +     - {society: wuhan-mechanical-engineering, tier: 一等, amount: 200000.00}                             # [{society, tier, amount}]: proposed societies cleared of objections
    """,
)
life_objections = _reminder_rule(
    "LIFE-002",
    ReminderKind.OBJECTION,
    WARNING,
    "提醒：公示期满时仍有未处理的异议",
    "Reminder: objections still pending after publicity",
    Message(
        "公示期已结束，异议 {objection}（{society}）仍未处理。",
        "Publicity has ended and objection {objection} is still pending.",
        "请核实后把 status 改为 upheld 或 dismissed，并填写 resolved 与 outcome。",
    ),
    """Fails (an objection still pending after publicity)::

        now: 2026-12-05
        --- submissions/2026/decisions.yaml
        - objections: []
        + objections:
        +   - {id: 2026-yy-01, received: "2026-11-26", society: wuhan-mechanical-engineering, summary: 反映参会人数不实, status: pending}

    Passes::

        now: 2026-12-05
        --- submissions/2026/decisions.yaml
        - objections: []
        + objections:
        +   - {id: 2026-yy-01, received: "2026-11-26", society: wuhan-mechanical-engineering, summary: 反映参会人数不实, status: dismissed, resolved: "2026-12-01", outcome: 经核实不成立}
    """,
)
life_formal = _reminder_rule(
    "LIFE-003",
    ReminderKind.FORMAL_REVIEW,
    NOTICE,
    "提醒：申报截止后应记录形式审查结果",
    "Reminder: record formal review after the deadline",
    Message(
        "申报已于 {deadline} 截止，尚未记录形式审查结果。",
        "The deadline has passed and no formal review is recorded.",
        "请专项办公室在 decisions.yaml 中记录 formal_review（日期与每份申报的结果）。",
    ),
    """Fails (no formal review recorded after the deadline)::

        --- submissions/2026/decisions.yaml
        - formal_review:                           # 形式审查
        -   date: "2026-11-06"
        -   results:
        -     wuhan-mechanical-engineering: {passed: true, verified: {independent_bank_account: true, finance_staff: true}}

    Passes::

        (the minimal tree)
    """,
)


@rule(
    "LIFE-004",
    NOTICE,
    "四（三）",
    "提醒：受表彰学会应在期限内备案资金管理办法（期限前为提示，逾期为警告）",
    "Reminder: awardees file their plan by the due date (notice before, warning after)",
    messages={
        "": Message(
            "“{society}”尚未备案资金管理办法（期限 {due}）。",
            "{society} has not filed its plan (due {due}).",
            "请提交 {year}/plans/{society}.yaml。",
        ),
        "late": Message(
            "“{society}”尚未备案资金管理办法（期限 {due}，已逾期）。",
            "{society} has not filed its plan (due {due}).",
            "请提交 {year}/plans/{society}.yaml。",
        ),
    },
)
def plan_reminders(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (no plan after the due days)::

        now: 2027-01-20
        awarded: yes
        del submissions/2026/plans/wuhan-mechanical-engineering.yaml
        del submissions/2026/reports/wuhan-mechanical-engineering.midterm.yaml

    Passes::

        now: 2027-01-20
        awarded: yes
        (the minimal tree)
    """
    today = data.today(ctx.now)
    for cycle in (data.cycles[year] for year in sorted(data.cycles)):
        dec = cycle.decisions
        due = plan_due(cycle)
        if dec is None or due is None or dec.commendation_date is None or today < dec.commendation_date:
            continue
        for award in dec.awards:
            if award.society in cycle.plans or _revoked(data, cycle.year, award.society, today):
                continue
            late = today > due
            yield plan_reminders.hit(
                dec.file,
                ("commendation", "awards", award.index, "society"),
                "late" if late else "",
                severity=WARNING if late else NOTICE,
                society=award.society,
                due=due,
                year=cycle.year,
            )


@rule(
    "LIFE-005",
    WARNING,
    "四（四）",
    "提醒：检查结果已记录的学会应有对应的中期或总结报告",
    "Reminder: a society with an inspection result has the matching report",
    messages={
        "midterm": Message(
            "“{society}”有中期检查结果，但没有对应的报告文件。",
            "{society} has a midterm result but no midterm report.",
            "请学会提交 {year}/reports/{society}.midterm.yaml。",
        ),
        "final": Message(
            "“{society}”有总结验收结果，但没有对应的报告文件。",
            "{society} has a final result but no final report.",
            "请学会提交 {year}/reports/{society}.final.yaml。",
        ),
    },
)
def report_reminders(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a midterm result without a midterm report)::

        now: 2027-08-01
        awarded: yes
        del submissions/2026/reports/wuhan-mechanical-engineering.midterm.yaml
        --- submissions/2026/decisions.yaml
        -   midterm: {}                            # {date, results: {society: {result: 合格, note: …}}}
        +   midterm: {date: "2027-07-20", results: {wuhan-mechanical-engineering: {result: 合格, note: 按计划推进}}}                            # {date, results: {society: {result: 合格, note: …}}}

    Passes::

        now: 2027-08-01
        awarded: yes
        --- submissions/2026/decisions.yaml
        -   midterm: {}                            # {date, results: {society: {result: 合格, note: …}}}
        +   midterm: {date: "2027-07-20", results: {wuhan-mechanical-engineering: {result: 合格, note: 按计划推进}}}                            # {date, results: {society: {result: 合格, note: …}}}
    """
    for cycle in (data.cycles[year] for year in sorted(data.cycles)):
        dec = cycle.decisions
        if dec is None:
            continue
        for stage, rnd in (("midterm", dec.midterm), ("final", dec.final)):
            for society in sorted(rnd.results):
                if award_of(cycle, society) is not None and (society, stage) not in cycle.reports:
                    path = ("inspections", stage, "results", society)
                    yield report_reminders.hit(dec.file, path, stage, society=society, year=cycle.year)


def _revoked(data: Dataset, year: int, society: str, today: date) -> bool:
    return any(
        s.society == society and s.cycle == year and s.revoke_award and s.decided <= today
        for s in data.office.sanctions or ()
    )


RULES = (life_commendation, life_objections, life_formal, plan_reminders, report_reminders)

_REMINDERS = {
    ReminderKind.COMMENDATION: life_commendation,
    ReminderKind.OBJECTION: life_objections,
    ReminderKind.FORMAL_REVIEW: life_formal,
}


def reminder_rule(reminder: Reminder) -> Rule:
    """The rule that reports ``reminder`` (its id is the reminder's code in ``xuehui status``)."""
    return _REMINDERS[reminder.kind]


def reminder_text(reminder: Reminder) -> tuple[str, str, str]:
    """(zh, en, hint) of a reminder of ``generator.lifecycle``: its rule's message with its values."""
    return reminder_rule(reminder).text(reminder.variant, **dict(reminder.values))
