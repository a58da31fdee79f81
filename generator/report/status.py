"""``xuehui status``: where a cycle stands — the publicity window and every application's stage."""

from __future__ import annotations

import json

from generator.funding import STATES, Funding
from generator.lifecycle import PUBLICITY_STATES, STAGES, CycleStatus, Reminder
from generator.model import fmt_money, two_decimals
from generator.performance import STAGE_ZH, SUPPORT_ZH
from generator.report.text import display_width, pad
from generator.rules.lifecycle import reminder_rule, reminder_text
from generator.textsafe import inert_lines, visible


def as_dict(status: CycleStatus, awards: tuple[Funding, ...] = ()) -> dict[str, object]:
    p = status.publicity
    return {
        "cycle": status.cycle,
        "now": status.now.isoformat(),
        "publicity": {
            "start": p.start.isoformat() if p.start else None,
            "end": p.end.isoformat() if p.end else None,
            "state": p.state,
            "days_left": p.days_left,
        },
        "applications": [
            {"society": society, "stage": stage, "stage_zh": STAGES[stage]}
            for society, stage in status.applications
        ],
        "reminders": [_reminder(r) for r in status.reminders],
        **performance_dict(status),
        "awards": [_award(f) for f in awards],
        "steps": list(status.events),
    }


def performance_dict(status: CycleStatus) -> dict[str, object]:
    """What is due for inspection (四（四）), what a final result means (一（三）), multi-year support."""
    return {
        "inspections_due": [
            {"society": d.society, "stage": d.stage, "due": d.due.isoformat(), "overdue": d.overdue}
            for d in status.inspections_due
        ],
        "consequences": [
            {
                "society": c.society,
                "kind": c.kind,
                "source_cycle": c.source_cycle,
                "doc_number": c.doc_number,
                "until": c.until,
            }
            for c in status.consequences
        ],
        "support": [
            {"society": y.society, "year": y.year, "amount": str(y.amount), "state": y.state}
            for y in status.supports
        ],
    }


def performance_lines(status: CycleStatus, names: dict[str, str]) -> list[str]:
    lines: list[str] = []
    for d in status.inspections_due:
        late = "已逾期" if d.overdue else "尚未到期"
        name = visible(names.get(d.society, d.society))
        lines.append(f"待检查：{name} {STAGE_ZH[d.stage]}应在 {d.due} 前完成（{late}）")
    for c in status.consequences:
        name = visible(names.get(c.society, c.society))
        doc = visible(c.doc_number or "未写文号")
        what = "持续支持" if c.kind == "continued" else "不得申报"
        lines.append(f"{what}：{name}（{c.source_cycle} 年度总结验收，{doc}；至 {c.until} 年度）")
    for y in status.supports:
        name = visible(names.get(y.society, y.society))
        lines.append(f"多年度支持：{name} 第{y.year}年 {SUPPORT_ZH[y.state]}")
    return lines


def _award(f: Funding) -> dict[str, object]:
    """One award's money (一（三）、五（三）): amounts as two-decimal strings, the support state as a code."""
    return {
        "society": f.society,
        "tier": f.tier,
        "amount": two_decimals(f.amount),
        "paid": two_decimals(f.paid),
        "withheld": two_decimals(f.withheld),
        "returned": two_decimals(f.returned),
        "support_state": f.state,
        "support_state_zh": STATES[f.state],
    }


def award_lines(awards: tuple[Funding, ...], names: dict[str, str]) -> list[str]:
    """The same in Chinese: 奖励金额、已拨付、暂缓或不再拨付、已退回、支持状态."""
    if not awards:
        return []
    lines = ["", "奖励资金（元）："]
    shown = {f.society: f"{visible(names.get(f.society, f.society))}（{f.tier}）" for f in awards}
    width = max(display_width(name) for name in shown.values())
    for f in awards:
        lines.append(
            f"  {pad(shown[f.society], width)}  奖励 {fmt_money(f.amount)}，"
            f"已拨付 {fmt_money(f.paid)}，暂缓或不再拨付 {fmt_money(f.withheld)}，"
            f"已退回 {fmt_money(f.returned)}；{STATES[f.state]}"
        )
    return lines


def _reminder(r: Reminder) -> dict[str, object]:
    zh, en, _ = reminder_text(r)
    return {
        "code": reminder_rule(r).id,
        "severity": r.severity,
        "file": r.file,
        "message_zh": zh,
        "message_en": en,
    }


def render(status: CycleStatus, fmt: str, names: dict[str, str], awards: tuple[Funding, ...] = ()) -> str:
    if fmt == "json":
        return json.dumps(as_dict(status, awards), ensure_ascii=False, indent=2) + "\n"
    p = status.publicity
    lines = [f"{status.cycle} 年度 · 截至 {status.today}（{status.now.isoformat()}）"]
    if p.error:
        lines.append(f"公示期：无法计算（{p.error}）")
    elif p.start is None:
        lines.append("公示：尚未开始（未记录公示开始日期）")
    else:
        state = PUBLICITY_STATES[p.state]
        if p.state == "open":
            state = f"公示中（剩余{p.days_left}天）"
        lines.append(f"公示：{p.start} 至 {p.end}，{state}")
    lines.append("")
    shown = {s: visible(names.get(s, s)) for s, _ in status.applications}
    width = max((display_width(name) for name in shown.values()), default=0)
    for society, stage in status.applications:  # the stage in Chinese (its code is in the JSON form)
        lines.append(f"  {pad(shown[society], width)}  {STAGES[stage]}")
    lines += award_lines(awards, names)
    if status.events:  # 补正, 复核, 递补
        lines.append("")
        lines += [visible(line) for line in status.events]
    if status.reminders:
        lines.append("")
        lines += [f"提醒（{reminder_rule(r).id}）：{visible(reminder_text(r)[0])}" for r in status.reminders]
    extra = performance_lines(status, names)
    if extra:
        lines += ["", *extra]
    return inert_lines("\n".join(lines)) + "\n"
