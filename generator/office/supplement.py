"""``xuehui office supplement``: a 补正 at formal review (四（二））, requested with its items and deadline, then
the supplement received and the final formal result. The society's result must already be recorded
(``xuehui office formal-review``); the check (SUPP-001…003, DEAD-001) judges dates, finances and lateness."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from generator.office.edit import Draft, Record, Refused, Workspace, cycle_record, flow, iso_date, seq


def supplement(
    workspace: Workspace,
    cycle: int,
    society: str,
    *,
    requested: str | None = None,
    due: str | None = None,
    items: Sequence[str] = (),
    received: str | None = None,
    failed: str | None = None,
) -> Draft:
    record = cycle_record(workspace, cycle)
    review = record.data.get("formal_review")
    results = review.get("results") if isinstance(review, dict) else None
    entry = results.get(society) if isinstance(results, dict) else None
    if not isinstance(entry, dict):
        raise Refused(
            f"{cycle} 年度形式审查还没有 {society} 的结果：请先用 xuehui office formal-review 记录（补正期间可记为通过，期满未补正再改为不通过）。"
        )
    if requested is not None:
        return _request(record, cycle, society, entry, requested, due, items)
    if received is None:
        raise Refused("请给出 --requested、--due 与 --item（提出补正），或 --received（收到补正材料）。")
    return _received(record, cycle, society, entry, received, failed)


def _request(
    record: Record,
    cycle: int,
    society: str,
    entry: Any,
    requested: str,
    due: str | None,
    items: Sequence[str],
) -> Draft:
    if entry.get("supplement"):
        raise Refused(f"{society} 已有补正要求：要改正，请按更正程序编辑文件。")
    if due is None or not [i for i in items if i.strip()]:
        raise Refused("提出补正要写明期限 --due 和至少一项 --item（需要补交的材料）。")
    entry["supplement"] = flow(
        {
            "requested": iso_date(requested, "--requested"),
            "items": seq([i.strip() for i in items if i.strip()], one_line=True),
            "due": iso_date(due, "--due"),
        }
    )
    return Draft(
        "supplement",
        f"办公室：{cycle}年度形式审查要求 {society} 补正（{due} 前）",
        (f"{society}：补交 {'、'.join(i.strip() for i in items if i.strip())}，期限 {due}",),
        (record.change(),),
    )


def _received(
    record: Record, cycle: int, society: str, entry: Any, received: str, failed: str | None
) -> Draft:
    found = entry.get("supplement")
    if not isinstance(found, dict):
        raise Refused(f"{society} 没有补正要求：请先用 --requested、--due、--item 提出补正。")
    if found.get("received"):
        raise Refused(f"{society} 的补正材料已记录收到：要改正，请按更正程序编辑文件。")
    found["received"] = iso_date(received, "--received")
    if failed is not None:
        if not failed.strip():
            raise Refused("--failed 要写明不通过的理由。")
        entry["passed"] = False
        entry["reason"] = failed.strip()
    outcome = f"形式审查不通过：{failed.strip()}" if failed else "补正后形式审查结论不变"
    return Draft(
        "supplement",
        f"办公室：{cycle}年度 {society} 的补正材料已于 {received} 收到",
        (f"{society}：{received} 收到补正材料；{outcome}",),
        (record.change(),),
    )
