"""``xuehui office publish-call``: confirm a cycle's call (its date of issue and document number), which is
what makes the site publish the call's notice (``generator.site.notices``: each call, publicity,
commendation, inspection round and sanction is a notice; the other records are written by their own
commands). The note ``open-cycle`` left at the top of the call is taken out."""

from __future__ import annotations

from dataclasses import replace

from generator.kinds.call import KIND as CALL
from generator.office.edit import Draft, Refused, Workspace, iso_date

NOTE = "（xuehui office open-cycle）"


def publish_call(workspace: Workspace, cycle: int, published: str, doc_number: str) -> Draft:
    record = workspace.record(CALL.path(cycle))
    day = iso_date(published, "--published")
    if not doc_number.strip():
        raise Refused("--doc-number 不能为空：写申报通知的文号，如 武科协〔2027〕18号。")
    deadline = str(record.data.get("deadline", ""))
    if deadline and deadline[:10] <= published:
        raise Refused(f"发布日期 {published} 不早于申报截止时间 {deadline}：请核对日期，或先修改截止时间。")
    record.data["published"] = day
    record.data["doc_number"] = doc_number.strip()
    change = record.change()
    kept = [line for line in change.after.decode("utf-8").splitlines(keepends=True) if NOTE not in line]
    change = replace(change, after="".join(kept).encode("utf-8"))
    return Draft(
        "publish-call",
        f"办公室：发布{cycle}年度申报通知（{doc_number.strip()}）",
        (f"发布日期 {published}，文号 {doc_number.strip()}", f"申报截止 {deadline}"),
        (change,),
    )
