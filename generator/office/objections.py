"""``xuehui office objection`` and ``objection-outcome``: an objection received during publicity and, later,
its outcome (四（三））. The complainant is never recorded."""

from __future__ import annotations

from generator.office.edit import Draft, Refused, Workspace, block, cycle_record, iso_date, put, seq

OUTCOMES = {"upheld": "成立", "dismissed": "不成立"}


def objection(
    workspace: Workspace, cycle: int, ident: str, received: str, society: str, summary: str
) -> Draft:
    record = cycle_record(workspace, cycle)
    day = iso_date(received, "--received")
    if society not in workspace.data.societies:
        raise Refused(f"没有学会 {society}（submissions/societies/{society}.yaml）：请核对学会代号。")
    if not summary.strip():
        raise Refused("--summary 不能为空：概括反映的问题，不写异议人的身份。")
    objections = record.data.get("objections")
    if objections is None:
        objections = seq([])
        put(record.data, "objections", objections)
    if any(isinstance(o, dict) and o.get("id") == ident for o in objections):
        raise Refused(f"异议编号 {ident} 已存在：每条异议用一个新的编号。")
    objections.append(
        block(
            {
                "id": ident,
                "received": day,
                "society": society,
                "summary": summary.strip(),
                "status": "pending",
            }
        )
    )
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
    found = [o for o in record.data.get("objections") or [] if isinstance(o, dict) and o.get("id") == ident]
    if not found:
        raise Refused(f"{cycle} 年度没有编号为 {ident} 的异议：请先用 xuehui office objection 记录它。")
    entry = found[0]
    if entry.get("status") != "pending":
        raise Refused(f"异议 {ident} 已有结论（{entry.get('status')}）：要改正，请按更正程序编辑文件。")
    entry["status"] = status
    entry["resolved"] = day
    entry["outcome"] = outcome.strip()
    return Draft(
        "objection-outcome",
        f"办公室：{cycle}年度异议 {ident} 处理完毕（{OUTCOMES[status]}）",
        (f"{resolved}：{OUTCOMES[status]}。{outcome.strip()}",),
        (record.change(),),
    )
