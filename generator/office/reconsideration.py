"""``xuehui office reconsideration`` and ``reconsideration-outcome``: a society's request for 复核 of a formal
review that turned it away or of an objection's outcome, and later the result (四（二））. Whether it came in
time (``publicity.reconsideration_days``) and concerns a decision that exists is the rules' business
(RECON-001/002): the command refuses to write what would add an error."""

from __future__ import annotations

from generator.office.edit import Draft, Refused, Workspace, block, cycle_record, iso_date, put, seq

OUTCOMES = {"upheld": "复核成立，原结论改变", "dismissed": "维持原结论"}
FORMAL_REVIEW = "formal_review"


def reconsideration(
    workspace: Workspace, cycle: int, ident: str, society: str, concerning: str, received: str
) -> Draft:
    record = cycle_record(workspace, cycle)
    day = iso_date(received, "--received")
    if society not in workspace.data.societies:
        raise Refused(f"没有学会 {society}（submissions/societies/{society}.yaml）：请核对学会代号。")
    objections = {o.get("id") for o in record.data.get("objections") or [] if isinstance(o, dict)}
    if concerning != FORMAL_REVIEW and concerning not in objections:
        raise Refused(
            f"--concerning 应为 formal_review（对形式审查结论申请复核）或 {cycle} 年度已记录的异议编号，"
            f"不是“{concerning}”。"
        )
    requests = record.data.get("reconsiderations")
    if requests is None:
        requests = seq([])
        put(record.data, "reconsiderations", requests)
    if any(isinstance(r, dict) and r.get("id") == ident for r in requests):
        raise Refused(f"复核编号 {ident} 已存在：每条复核申请用一个新的编号。")
    requests.append(
        block(
            {"id": ident, "society": society, "concerning": concerning, "received": day, "status": "pending"}
        )
    )
    what = "形式审查结论" if concerning == FORMAL_REVIEW else f"异议 {concerning} 的处理结论"
    return Draft(
        "reconsideration",
        f"办公室：记录{cycle}年度复核申请 {ident}（{society}）",
        (f"{received} 收到 {society} 对{what}的复核申请", "状态：处理中（pending）"),
        (record.change(),),
    )


def reconsideration_outcome(
    workspace: Workspace, cycle: int, ident: str, status: str, resolved: str, outcome: str
) -> Draft:
    record = cycle_record(workspace, cycle)
    day = iso_date(resolved, "--resolved")
    if status not in OUTCOMES:
        raise Refused(f"--status 只能是 upheld（复核成立）或 dismissed（维持原结论），不是“{status}”。")
    if not outcome.strip():
        raise Refused("--outcome 不能为空：写明复核经过和结论（将公开）。")
    found = [
        r for r in record.data.get("reconsiderations") or [] if isinstance(r, dict) and r.get("id") == ident
    ]
    if not found:
        raise Refused(
            f"{cycle} 年度没有编号为 {ident} 的复核申请：请先用 xuehui office reconsideration 记录它。"
        )
    entry = found[0]
    if entry.get("status") != "pending":
        raise Refused(f"复核 {ident} 已有结论（{entry.get('status')}）：要改正，请按更正程序编辑文件。")
    entry["status"] = status
    entry["resolved"] = day
    entry["outcome"] = outcome.strip()
    return Draft(
        "reconsideration-outcome",
        f"办公室：{cycle}年度复核 {ident} 办结（{OUTCOMES[status]}）",
        (f"{resolved}：{OUTCOMES[status]}。{outcome.strip()}",),
        (record.change(),),
    )
