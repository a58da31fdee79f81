"""``xuehui status``: where a cycle stands — the publicity window and every application's stage."""

from __future__ import annotations

import json

from generator.lifecycle import PUBLICITY_STATES, STAGES, CycleStatus, Reminder
from generator.report.text import display_width, pad
from generator.rules.lifecycle import reminder_rule, reminder_text
from generator.textsafe import inert_lines, visible


def as_dict(status: CycleStatus) -> dict[str, object]:
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
        "steps": list(status.events),
    }


def _reminder(r: Reminder) -> dict[str, object]:
    zh, en, _ = reminder_text(r)
    return {
        "code": reminder_rule(r).id,
        "severity": r.severity,
        "file": r.file,
        "message_zh": zh,
        "message_en": en,
    }


def render(status: CycleStatus, fmt: str, names: dict[str, str]) -> str:
    if fmt == "json":
        return json.dumps(as_dict(status), ensure_ascii=False, indent=2) + "\n"
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
    if status.events:  # 补正, 复核, 递补
        lines.append("")
        lines += [visible(line) for line in status.events]
    if status.reminders:
        lines.append("")
        lines += [f"提醒（{reminder_rule(r).id}）：{visible(reminder_text(r)[0])}" for r in status.reminders]
    return inert_lines("\n".join(lines)) + "\n"
