"""``xuehui office commend``: the commendation (四（四）) from the publicised list, each award's amount from the
call. A society an upheld objection removed is left out; a 递补 society is commended once its own publicity has
ended (四（二）: ten days at least); one still in publicity, or any other listed society not commended, needs a
reason (``--left-out 学会代号=理由``, written to ``commendation.left_out``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from generator.calendar import CalendarError
from generator.lifecycle import substitution_window
from generator.model import Cycle, fmt_money
from generator.office.edit import (
    Draft,
    Refused,
    Workspace,
    block,
    cycle_record,
    flow,
    iso_date,
    pairs,
    put,
    seq,
)


def _listed(
    found: Cycle | None, proposed: list[dict[str, Any]], day: date
) -> tuple[list[dict[str, Any]], list[str]]:
    """The societies to commend on ``day`` (proposed but not removed by an upheld objection, then the 递补
    societies whose own publicity has ended) and those waiting for theirs."""
    dec = found.decisions if found is not None else None
    removed = {
        o.society
        for o in (dec.objections if dec else ())
        if o.status == "upheld" and o.resolved and o.resolved <= day
    }
    listed = [p for p in proposed if p.get("society") not in removed]
    waiting: list[str] = []
    for sub in dec.substitutions if dec is not None and found is not None else ():
        try:
            win = substitution_window(found, sub) if found is not None else None
        except CalendarError:
            win = None
        if win is not None and win.end < day:
            listed.append({"society": sub.society, "tier": sub.tier})
        else:
            waiting.append(sub.society)
    return listed, waiting


def commend(
    workspace: Workspace, cycle: int, when: str, doc_number: str, left_out: Sequence[str] = ()
) -> Draft:
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
    reasons = dict(pairs(left_out, "--left-out"))
    listed, waiting = _listed(found, proposed, date.fromisoformat(str(day)))
    unexplained = sorted(s for s in waiting if s not in reasons)
    if unexplained:
        raise Refused(
            f"递补学会 {'、'.join(unexplained)} 的单独公示尚未期满（四（二）：每个列入名单的学会都须公示十天以上）："
            "请在其公示期满后表彰，或用 --left-out 学会代号=理由 写明本次暂不表彰的原因。"
        )
    listed = [p for p in listed if p["society"] not in reasons]
    amounts = {a.tier: a.amount for a in call.awards}
    missing = sorted({str(p.get("tier")) for p in listed} - set(amounts))
    if missing:
        raise Refused(f"申报通知中没有这些奖励等次的金额：{'、'.join(missing)}。请核对通知和拟表彰名单。")
    value = existing if isinstance(existing, dict) else block({})
    value["date"] = day
    value["doc_number"] = doc_number.strip()
    value["awards"] = seq(
        flow({"society": p["society"], "tier": p["tier"], "amount": amounts[str(p["tier"])]}) for p in listed
    )
    if reasons:
        value["left_out"] = seq(flow({"society": s, "reason": r}) for s, r in sorted(reasons.items()))
    put(record.data, "commendation", value)
    lines = [f"{p['society']}：{p['tier']}，{fmt_money(amounts[str(p['tier'])])} 元" for p in listed]
    lines += [f"{s}：暂不表彰，{r}" for s, r in sorted(reasons.items())]
    return Draft(
        "commend",
        f"办公室：{cycle}年度通报表彰（{doc_number.strip()}，{len(listed)}个学会）",
        tuple(lines),
        (record.change(),),
    )
