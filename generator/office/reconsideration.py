"""``xuehui office reconsideration`` and ``reconsideration-outcome``: a society's request for 复核 of a formal
review that turned it away or of an objection's outcome, and later the result (四（二））. Whether it came in
time (``publicity.reconsideration_days``) and concerns a decision that exists is the rules' business
(RECON-001/002): the command refuses to write what would add an error."""

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

OUTCOMES = {"upheld": "复核成立，原结论改变", "dismissed": "维持原结论"}
FORMAL_REVIEW = "formal_review"


def reconsideration(
    workspace: Workspace, cycle: int, ident: str, society: str, concerning: str, received: str
) -> Draft:
    record = cycle_record(workspace, cycle)
    day = iso_date(received, "--received")
    known_society(workspace, society)
    objections = {o.get("id") for o in record.data.get("objections") or [] if isinstance(o, dict)}
    if concerning != FORMAL_REVIEW and concerning not in objections:
        raise Refused(
            f"--concerning 应为 formal_review（对形式审查结论申请复核）或 {cycle} 年度已记录的异议编号，"
            f"不是“{concerning}”。"
        )
    entry = {"id": ident, "society": society, "concerning": concerning, "received": day, "status": "pending"}
    append_new(record, "reconsiderations", entry, "复核申请")
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
    settle(
        record,
        "reconsiderations",
        ident,
        "复核申请",
        "reconsideration",
        {"status": status, "resolved": day, "outcome": outcome.strip()},
    )
    return Draft(
        "reconsideration-outcome",
        f"办公室：{cycle}年度复核 {ident} 办结（{OUTCOMES[status]}）",
        (f"{resolved}：{OUTCOMES[status]}。{outcome.strip()}",),
        (record.change(),),
    )
