"""``xuehui office commend``: the commendation (四（四）) from the proposed list, each award's amount from
the call."""

from __future__ import annotations

from generator.model import fmt_money
from generator.office.edit import Draft, Refused, Workspace, block, cycle_record, flow, iso_date, put, seq


def commend(workspace: Workspace, cycle: int, when: str, doc_number: str) -> Draft:
    record = cycle_record(workspace, cycle)
    day = iso_date(when, "--date")
    found = workspace.data.cycles.get(cycle)
    call = found.call if found is not None else None
    if call is None:
        raise Refused(f"{cycle} 年度没有申报通知（submissions/{cycle}/call.yaml），不知道奖励金额。")
    proposed = [p for p in record.data.get("proposed") or [] if isinstance(p, dict)]
    if not proposed:
        raise Refused(f"{cycle} 年度还没有拟表彰名单（proposed）：表彰只能依据公示过的名单。")
    existing = record.data.get("commendation")
    if isinstance(existing, dict) and existing.get("awards"):
        raise Refused(f"{cycle} 年度已经表彰：要改正，请按更正程序编辑文件。")
    if not doc_number.strip():
        raise Refused("--doc-number 不能为空：写表彰决定的文号，如 武科协〔2027〕21号。")
    amounts = {a.tier: a.amount for a in call.awards}
    missing = sorted({str(p.get("tier")) for p in proposed} - set(amounts))
    if missing:
        raise Refused(f"申报通知中没有这些奖励等次的金额：{'、'.join(missing)}。请核对通知和拟表彰名单。")
    awards = seq(
        flow({"society": p["society"], "tier": p["tier"], "amount": amounts[str(p["tier"])]})
        for p in proposed
    )
    value = existing if isinstance(existing, dict) else block({})
    value["date"] = day
    value["doc_number"] = doc_number.strip()
    value["awards"] = awards
    put(record.data, "commendation", value)
    return Draft(
        "commend",
        f"办公室：{cycle}年度通报表彰（{doc_number.strip()}，{len(proposed)}个学会）",
        tuple(f"{p['society']}：{p['tier']}，{fmt_money(amounts[str(p['tier'])])} 元" for p in proposed),
        (record.change(),),
    )
