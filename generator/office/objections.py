"""``xuehui office objection`` and ``objection-outcome``: an objection received during publicity and, later,
its outcome (四（三））. The complainant is never recorded."""

from __future__ import annotations

from generator.office.edit import (
    Draft,
    Refused,
    Workspace,
    append_new,
    cycle_record,
    iso_date,
    known_society,
    settle,
)

OUTCOMES = {"upheld": "成立", "dismissed": "不成立"}


def objection(
    workspace: Workspace, cycle: int, ident: str, received: str, society: str, summary: str
) -> Draft:
    record = cycle_record(workspace, cycle)
    day = iso_date(received, "--received")
    known_society(workspace, society)
    if not summary.strip():
        raise Refused("--summary 不能为空：概括反映的问题，不写异议人的身份。")
    entry = {
        "id": ident,
        "received": day,
        "society": society,
        "summary": summary.strip(),
        "status": "pending",
    }
    append_new(record, "objections", entry, "异议")
    return Draft(
        "objection",
        f"办公室：记录{cycle}年度公示期异议 {ident}（{society}）",
        (f"{received} 收到，涉及 {society}：{summary.strip()}", "状态：处理中（pending）"),
        (record.change(),),
    )


def objection_outcome(
    workspace: Workspace, cycle: int, ident: str, status: str, resolved: str, outcome: str
) -> Draft:
    record = cycle_record(workspace, cycle)
    day = iso_date(resolved, "--resolved")
    if status not in OUTCOMES:
        raise Refused(f"--status 只能是 upheld（成立）或 dismissed（不成立），不是“{status}”。")
    if not outcome.strip():
        raise Refused("--outcome 不能为空：写明核查经过和结论。")
    settle(
        record,
        "objections",
        ident,
        "异议",
        "objection",
        {"status": status, "resolved": day, "outcome": outcome.strip()},
    )
    return Draft(
        "objection-outcome",
        f"办公室：{cycle}年度异议 {ident} 处理完毕（{OUTCOMES[status]}）",
        (f"{resolved}：{OUTCOMES[status]}。{outcome.strip()}",),
        (record.change(),),
    )
