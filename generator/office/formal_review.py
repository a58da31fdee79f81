"""``xuehui office formal-review``: the formal review's results (四（一）), one entry per application."""

from __future__ import annotations

from collections.abc import Sequence

from generator.office.edit import (
    Draft,
    Refused,
    Workspace,
    applicants,
    block,
    cycle_record,
    flow,
    iso_date,
    pairs,
    put,
)


def formal_review(
    workspace: Workspace,
    cycle: int,
    when: str,
    passed: Sequence[str],
    failed: Sequence[str],
    verified: bool,
) -> Draft:
    record = cycle_record(workspace, cycle)
    day = iso_date(when, "--date")
    refused = pairs(failed, "--failed")
    slugs = [*passed, *(s for s, _ in refused)]
    if not slugs:
        raise Refused("没有要记录的结果：用 --passed 学会代号 … 或 --failed 学会代号=理由 给出。")
    known = applicants(workspace.data, cycle)
    unknown = sorted(s for s in set(slugs) if s not in known)
    if unknown:
        raise Refused(f"{cycle} 年度没有这些学会的申报书：{'、'.join(unknown)}。请核对学会代号。")
    if len(set(slugs)) != len(slugs):
        raise Refused("同一个学会给出了两次结果：每个学会只记录一次。")
    review = record.data.get("formal_review") or block({"date": day, "results": block({})})
    if str(review.get("date")) != when:
        raise Refused(
            f"{cycle} 年度的形式审查日期已记录为 {review.get('date')}，与 --date {when} 不同：请核对日期。"
        )
    put(record.data, "formal_review", review)
    if review.get("results") is None:
        review["results"] = block({})
    results = review["results"]
    again = sorted(s for s in slugs if s in results)
    if again:
        raise Refused(f"形式审查结果已记录：{'、'.join(again)}。要改正已记录的结果，请按更正程序编辑文件。")
    for slug in passed:
        entry: dict[str, object] = {"passed": True}
        if verified:
            entry["verified"] = flow({"independent_bank_account": True, "finance_staff": True})
        results[slug] = flow(entry)
    for slug, reason in refused:
        results[slug] = block({"passed": False, "reason": reason})
    return Draft(
        "formal-review",
        f"办公室：记录{cycle}年度形式审查结果（{len(slugs)}个学会）",
        (
            *(f"{s}：通过" for s in passed),
            *(f"{s}：不通过（{r}）" for s, r in refused),
        ),
        (record.change(),),
    )
