"""补正 at formal review, 四（二）: the office may ask a society for missing material by a due date; the society
may hand it in (the deadline rule lets it change its application while the request is open, DEAD-001);
the office records the final result, which may pass only with the material received in time and the
finances verified against the originals (三（一）)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import Cycle, Dataset, Decisions, FormalResult
from generator.rules.base import ERROR, Context, Hit, Message, rule

FINANCE_KEYS = {"independent_bank_account": "独立银行账户", "finance_staff": "财务人员"}


def _results(data: Dataset) -> Iterator[tuple[Cycle, Decisions, str, FormalResult]]:
    for year in sorted(data.cycles):
        cycle = data.cycles[year]
        dec = cycle.decisions
        if dec is None or dec.formal_review_date is None:
            continue
        for society, result in sorted(dec.formal_results.items()):
            yield cycle, dec, society, result


@rule(
    "SUPP-001",
    ERROR,
    "四（二）",
    "补正的日期有序：申报截止之后提出，期限不早于提出日期，在专家评审之前期满，收到日期不早于提出日期",
    "A 补正's dates are in order: after the deadline, due after the request and before the expert review",
    messages={
        "": Message(
            "学会“{society}”的补正要求日期 {requested} 不在申报截止（{deadline}）之后。",
            "The 补正 for {society} was requested on {requested}, not after the deadline {deadline}.",
            "补正是形式审查中的一步，请核对 requested 日期。",
        ),
        "due": Message(
            "学会“{society}”的补正期限 {due} 早于提出日期 {requested}。",
            "The 补正 for {society} is due {due}, before it was requested on {requested}.",
            "请核对 due 日期。",
        ),
        "due2": Message(
            "学会“{society}”的补正期限 {due} 不在专家评审（{expert}）之前。",
            "The 补正 for {society} is due {due}, not before the expert review on {expert}.",
            "补正须在专家评审前完成，才能确定哪些申报进入评审；请提前期限或推迟评审。",
        ),
        "received": Message(
            "学会“{society}”的补正收到日期 {received} 早于提出日期 {requested}。",
            "The 补正 for {society} was received on {received}, before it was requested.",
            "请核对 received 日期。",
        ),
    },
)
def supplement_dates(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (due before the request)::

        --- submissions/2026/decisions.yaml
        -     wuhan-mechanical-engineering: {passed: true, verified: {independent_bank_account: true, finance_staff: true}}
        +     wuhan-mechanical-engineering: {passed: true, verified: {independent_bank_account: true, finance_staff: true}, supplement: {requested: "2026-11-03", items: [理事会决议扫描件], due: "2026-11-01", received: "2026-11-02"}}

    Passes::

        --- submissions/2026/decisions.yaml
        -     wuhan-mechanical-engineering: {passed: true, verified: {independent_bank_account: true, finance_staff: true}}
        +     wuhan-mechanical-engineering: {passed: true, verified: {independent_bank_account: true, finance_staff: true}, supplement: {requested: "2026-11-03", items: [理事会决议扫描件], due: "2026-11-10", received: "2026-11-05"}}
    """
    tz = data.timezone
    for cycle, dec, society, result in _results(data):
        sup = result.supplement
        if sup is None:
            continue
        path = ("formal_review", "results", society, "supplement")
        deadline = cycle.call.deadline_date(tz) if cycle.call is not None else None
        if deadline is not None and sup.requested <= deadline:
            yield supplement_dates.hit(
                dec.file, (*path, "requested"), society=society, requested=sup.requested, deadline=deadline
            )
        if sup.due < sup.requested:
            yield supplement_dates.hit(
                dec.file, (*path, "due"), "due", society=society, due=sup.due, requested=sup.requested
            )
        elif dec.expert_review_date is not None and sup.due >= dec.expert_review_date:
            yield supplement_dates.hit(
                dec.file, (*path, "due"), "due2", society=society, due=sup.due, expert=dec.expert_review_date
            )
        if sup.received is not None and sup.received < sup.requested:
            yield supplement_dates.hit(
                dec.file,
                (*path, "received"),
                "received",
                society=society,
                received=sup.received,
                requested=sup.requested,
            )


@rule(
    "SUPP-002",
    ERROR,
    "四（二）",
    "补正期满后，形式审查只有在期限内收到补正材料时才能通过",
    "After a 补正 is due, formal review passes only if the material came in time",
    messages={
        "": Message(
            "学会“{society}”的补正材料于 {received} 收到，晚于期限 {due}，形式审查却记录为通过。",
            "{society}'s 补正 arrived on {received}, after it was due on {due}, yet formal review passed.",
            "逾期补正不予受理：请把 passed 改为 false 并写明理由（reason），或核对日期。",
        ),
        "received": Message(
            "学会“{society}”的补正期限 {due} 已过，没有收到补正材料（{items_list}），形式审查却记录为通过。",
            "{society}'s 补正 was due on {due} and never came, yet formal review passed.",
            "请填写收到日期（received），或把 passed 改为 false 并写明理由（reason）。",
        ),
    },
)
def supplement_outcome(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (the material never came, yet the application passed)::

        now: 2026-11-26
        --- submissions/2026/decisions.yaml
        -     wuhan-mechanical-engineering: {passed: true, verified: {independent_bank_account: true, finance_staff: true}}
        +     wuhan-mechanical-engineering: {passed: true, verified: {independent_bank_account: true, finance_staff: true}, supplement: {requested: "2026-11-03", items: [理事会决议扫描件], due: "2026-11-10"}}

    Passes (the request still open: the result is not final yet)::

        now: 2026-11-05
        --- submissions/2026/decisions.yaml
        -     wuhan-mechanical-engineering: {passed: true, verified: {independent_bank_account: true, finance_staff: true}}
        +     wuhan-mechanical-engineering: {passed: true, verified: {independent_bank_account: true, finance_staff: true}, supplement: {requested: "2026-11-03", items: [理事会决议扫描件], due: "2026-11-10"}}
    """
    today = data.today(ctx.now)
    for _cycle, dec, society, result in _results(data):
        sup = result.supplement
        if sup is None or not result.passed or today <= sup.due:
            continue
        path = ("formal_review", "results", society, "passed")
        if sup.received is not None and sup.received > sup.due:
            yield supplement_outcome.hit(dec.file, path, society=society, received=sup.received, due=sup.due)
        elif sup.received is None:
            yield supplement_outcome.hit(
                dec.file, path, "received", society=society, due=sup.due, items_list="、".join(sup.items)
            )


@rule(
    "SUPP-003",
    ERROR,
    "三（一）",
    "形式审查通过须核实财务：独立银行账户和财务人员均核实为 true",
    "Formal review passes only with the finances verified (both keys true)",
    message=Message(
        "学会“{society}”形式审查记录为通过，但{missing_list}未经核实（verified）。",
        "{society} passed formal review without the finances verified: {missing_en}.",
        "请核对原件后在 verified 中记录 independent_bank_account: true 和 finance_staff: true；"
        "核实不符的，形式审查不能通过（passed: false 并写明理由）。",
    ),
)
def finances_verified(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (passed with the bank account not verified)::

        --- submissions/2026/decisions.yaml
        -     wuhan-mechanical-engineering: {passed: true, verified: {independent_bank_account: true, finance_staff: true}}
        +     wuhan-mechanical-engineering: {passed: true, verified: {finance_staff: true}}

    Passes::

        (the minimal tree)
    """
    for _cycle, dec, society, result in _results(data):
        if not result.passed:
            continue
        missing = [key for key in FINANCE_KEYS if result.verified.get(key) is not True]
        if missing:
            yield finances_verified.hit(
                dec.file,
                ("formal_review", "results", society),
                society=society,
                missing_list="、".join(FINANCE_KEYS[k] for k in missing),
                missing_en=", ".join(missing),
            )


RULES = (supplement_dates, supplement_outcome, finances_verified)
