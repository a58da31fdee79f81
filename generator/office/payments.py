"""``xuehui office payment``: one payment of an award's tranche (一（三）2、五（三）), written to the cycle's
``payments.yaml`` (created with its header the first time). The check (PAY-001…006) judges whether the tranche
may be paid: after the commendation, a held tranche only after its release, nothing after a stop."""

from __future__ import annotations

from generator.model import fmt_money
from generator.office.edit import (
    Change,
    Draft,
    Refused,
    Workspace,
    flow,
    iso_date,
    money,
    new_file,
    seq,
)

HEADER = (
    "# yaml-language-server: $schema=../../schemas/payments.schema.json\n"
    "# 专项办公室记录的奖励资金拨付与资金处理决定（公开）。（The office's payments of the awards and its funding decisions; public.）\n"
)


def payment(
    workspace: Workspace, cycle: int, society: str, tranche: int, when: str, amount: str, doc_number: str
) -> Draft:
    from generator.kinds.payments import KIND as PAYMENTS

    day = iso_date(when, "--date")
    value = money(amount, "--amount")
    if tranche < 1:
        raise Refused("--tranche 是第几期拨付，从 1 开始。")
    if not doc_number.strip():
        raise Refused("--doc-number 不能为空：写拨付文件的文号。")
    found = workspace.data.cycles.get(cycle)
    awarded = {a.society for a in found.decisions.awards} if found and found.decisions else set()
    if society not in awarded:
        raise Refused(f"{society} 不是 {cycle} 年度受表彰的学会：只能向受表彰学会拨付奖励资金。")
    row = flow(
        {
            "society": society,
            "tranche": tranche,
            "date": day,
            "amount": value,
            "doc_number": doc_number.strip(),
        }
    )
    path = PAYMENTS.path(cycle)
    change: Change
    if (workspace.shared / path).is_file():
        record = workspace.record(path)
        rows = record.data.get("payments")
        if rows is None:
            rows = seq([])
            record.data["payments"] = rows
        rows.append(row)
        change = record.change()
    else:
        text = (
            f"{HEADER}schema_version: 1\ncycle: {cycle}\npayments:\n"
            f'  - {{society: {society}, tranche: {tranche}, date: "{day}", amount: {value}, '
            f"doc_number: {doc_number.strip()}}}\n"
        )
        change = new_file(workspace.shared, path, text)
    return Draft(
        "payment",
        f"办公室：{cycle}年度向 {society} 拨付第{tranche}期奖励资金 {fmt_money(value)} 元（{doc_number.strip()}）",
        (f"{society}：第{tranche}期，{day}，{fmt_money(value)} 元，{doc_number.strip()}",),
        (change,),
    )
