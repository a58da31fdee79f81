"""The money after the award, 一（三）2、3，四（四），五（二）、五（三）: the call's tranches (PAY), what the office
paid and decided, spending against what was paid and against a hold or a stop; a failed midterm's 整改 and
复查 (RECT); a revocation's claw-back and its repayments (CLAW). The arithmetic is ``generator.funding``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from generator import funding
from generator.model import Cycle, Dataset, Decisions, Payments, fmt_money
from generator.rules.base import ERROR, WARNING, Context, Hit, Message, rule

AFTER_ZH = {"commendation": "表彰", "midterm_passed": "中期检查合格", "final_passed": "总结验收合格"}


def _cycles(data: Dataset) -> Iterator[Cycle]:
    for year in sorted(data.cycles):
        yield data.cycles[year]


@rule(
    "PAY-001",
    ERROR,
    "一（三）",
    "年度通知中各期拨付比例合计为 1",
    "The call's payment tranches add up to the whole award",
    message=Message(
        "年度通知中各期拨付比例合计为 {total}，不等于 1。",
        "The tranche shares add up to {total}, not 1.",
        '请修改 payment.tranches 中各期的 share（如 "0.6" 和 "0.4"），使合计正好为 1。',
    ),
)
def tranches_sum(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (shares of 0.6 and 0.3)::

        --- submissions/2026/call.yaml
        - plan_due_days: 30                          # 实施阶段: fund-management plan due this many days after commendation
        + plan_due_days: 30
        + payment: {tranches: [{share: "0.6", after: commendation}, {share: "0.3", after: midterm_passed}]}

    Passes::

        --- submissions/2026/call.yaml
        - plan_due_days: 30                          # 实施阶段: fund-management plan due this many days after commendation
        + plan_due_days: 30
        + payment: {tranches: [{share: "0.6", after: commendation}, {share: "0.4", after: midterm_passed}]}
    """
    for cycle in _cycles(data):
        call = cycle.call
        if call is None or not call.tranches:
            continue
        total = sum((t.share for t in call.tranches), Decimal(0))
        if total != 1:
            yield tranches_sum.hit(call.file, ("payment", "tranches"), total=total.normalize())


@rule(
    "PAY-002",
    ERROR,
    "五（三）",
    "拨付给本年度受表彰的学会，在表彰之后，期次与金额符合年度通知",
    "Payments go to the cycle's awardees, after the commendation, by the call's tranches",
    messages={
        "": Message(
            "第 {n} 笔拨付给“{society}”，但它不是 {year} 年度受表彰的学会（或其奖励尚未表彰）。",
            "Payment {n} goes to {society}, which was not commended in {year}.",
            "请核对学会代号和年度；奖励资金只拨付给受表彰的学会。",
        ),
        "date": Message(
            "第 {n} 笔拨付日期 {date} 早于表彰日期 {commended}。",
            "Payment {n} predates the commendation.",
            "请核对拨付日期。",
        ),
        "tranche": Message(
            "第 {n} 笔拨付写的是第 {tranche} 期，但年度通知只规定了 {count} 期。",
            "Payment {n} names a tranche the call does not have.",
            "请按年度通知 payment.tranches 的顺序填写期次（从 1 开始）。",
        ),
        "over": Message(
            "“{society}”第 {tranche} 期已拨付 {paid_yuan} 元，超过该期应拨的 {due_yuan} 元。",
            "More was paid on the tranche than it is worth.",
            "每期金额为奖励金额乘以该期比例；请核对拨付金额，多拨的请记为下一期或予以更正。",
        ),
    },
)
def payments_match(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (the first 60% of 200,000 is 120,000, not 130,000)::

        awarded: yes
        --- submissions/2026/call.yaml
        - plan_due_days: 30                          # 实施阶段: fund-management plan due this many days after commendation
        + plan_due_days: 30
        + payment: {tranches: [{share: "0.6", after: commendation}, {share: "0.4", after: midterm_passed}]}
        +++ submissions/2026/payments.yaml
        + schema_version: 1
        + cycle: 2026
        + payments:
        +   - {society: wuhan-mechanical-engineering, tranche: 1, date: "2026-12-20", amount: 130000.00, doc_number: 武科协财〔2026〕1号}

    Passes::

        awarded: yes
        --- submissions/2026/call.yaml
        - plan_due_days: 30                          # 实施阶段: fund-management plan due this many days after commendation
        + plan_due_days: 30
        + payment: {tranches: [{share: "0.6", after: commendation}, {share: "0.4", after: midterm_passed}]}
        +++ submissions/2026/payments.yaml
        + schema_version: 1
        + cycle: 2026
        + payments:
        +   - {society: wuhan-mechanical-engineering, tranche: 1, date: "2026-12-20", amount: 120000.00, doc_number: 武科协财〔2026〕1号}
    """
    for cycle in _cycles(data):
        if cycle.payments is not None:
            yield from _payment_hits(cycle, cycle.payments)


def _payment_hits(cycle: Cycle, record: Payments) -> Iterator[Hit]:
    tranches = cycle.call.tranches if cycle.call is not None else ()
    totals: dict[tuple[str, int], Decimal] = {}
    for p in record.payments:
        base, n = ("payments", p.index), p.index + 1
        award = funding.award_of(cycle, p.society)
        if award is None or cycle.decisions is None or cycle.decisions.commendation_date is None:
            yield payments_match.hit(record.file, (*base, "society"), society=p.society, year=cycle.year, n=n)
            continue
        commended = cycle.decisions.commendation_date
        if p.date < commended:
            yield payments_match.hit(
                record.file, (*base, "date"), "date", n=n, date=p.date, commended=commended
            )
        if not tranches:
            continue
        if p.tranche > len(tranches):
            yield payments_match.hit(
                record.file, (*base, "tranche"), "tranche", n=n, tranche=p.tranche, count=len(tranches)
            )
            continue
        key = (p.society, p.tranche)
        totals[key] = totals.get(key, Decimal(0)) + p.amount
        due = funding.tranche_amounts(award.amount, tranches)[p.tranche - 1]
        if totals[key] > due:
            yield payments_match.hit(
                record.file,
                (*base, "amount"),
                "over",
                society=p.society,
                tranche=p.tranche,
                paid_yuan=fmt_money(totals[key]),
                due_yuan=fmt_money(due),
            )


@rule(
    "PAY-003",
    ERROR,
    "一（三）",
    "暂缓的一期在恢复拨付之前不拨付，终止或撤销之后不再拨付",
    "A held tranche is not paid before its release; nothing is paid after a stop or a revocation",
    messages={
        "": Message(
            "第 {n} 笔拨付的是“{society}”第 {tranche} 期（{after}后拨付），但拨付日期 {date} 时这一条件尚未满足{why}。",
            "Payment {n} pays a tranche before its condition was met.",
            "中期检查不合格时，后续资金暂缓拨付，待复查后由专项办公室作出恢复拨付（release）或减少（reduce）决定后才能拨付；请核对日期或先记录决定。",
        ),
        "stopped": Message(
            "第 {n} 笔拨付（{date}）在“{society}”的资金支持已{ended}（{since}）之后。",
            "Payment {n} comes after support ended.",
            "终止支持或撤销奖励后不再拨付；请核对记录。",
        ),
    },
)
def held_not_paid(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (the second tranche before any midterm)::

        awarded: yes
        --- submissions/2026/call.yaml
        - plan_due_days: 30                          # 实施阶段: fund-management plan due this many days after commendation
        + plan_due_days: 30
        + payment: {tranches: [{share: "0.6", after: commendation}, {share: "0.4", after: midterm_passed}]}
        +++ submissions/2026/payments.yaml
        + schema_version: 1
        + cycle: 2026
        + payments:
        +   - {society: wuhan-mechanical-engineering, tranche: 2, date: "2027-03-01", amount: 80000.00, doc_number: 武科协财〔2027〕2号}

    Passes::

        awarded: yes
        --- submissions/2026/call.yaml
        - plan_due_days: 30                          # 实施阶段: fund-management plan due this many days after commendation
        + plan_due_days: 30
        + payment: {tranches: [{share: "0.6", after: commendation}, {share: "0.4", after: midterm_passed}]}
        +++ submissions/2026/payments.yaml
        + schema_version: 1
        + cycle: 2026
        + payments:
        +   - {society: wuhan-mechanical-engineering, tranche: 1, date: "2027-03-01", amount: 120000.00, doc_number: 武科协财〔2027〕2号}
    """
    for cycle in _cycles(data):
        record = cycle.payments
        if record is None or cycle.call is None:
            continue
        for p in record.payments:
            base, n = ("payments", p.index), p.index + 1
            ended = funding.stopped_on(data, cycle, p.society)
            if ended is not None and p.date >= ended[0]:
                yield held_not_paid.hit(
                    record.file,
                    (*base, "date"),
                    "stopped",
                    n=n,
                    date=p.date,
                    society=p.society,
                    ended=ENDED_ZH[ended[1]],
                    since=ended[0],
                )
                continue
            if 1 <= p.tranche <= len(cycle.call.tranches):
                after = cycle.call.tranches[p.tranche - 1].after
                why = _unmet(cycle, p.society, after, p.date)
                if why is not None:
                    yield held_not_paid.hit(
                        record.file,
                        (*base, "tranche"),
                        n=n,
                        society=p.society,
                        tranche=p.tranche,
                        after=AFTER_ZH[after],
                        date=p.date,
                        why=why,
                    )


ENDED_ZH = {"stop": "终止", "revoked": "因撤销奖励而终止"}


def _unmet(cycle: Cycle, society: str, after: str, day: date) -> str | None:
    """Why a tranche paid on ``day`` was not yet payable (None: it was)."""
    if after == "commendation":
        return None
    stage = "midterm" if after == "midterm_passed" else "final"
    result = funding.inspection(cycle, stage, society, day)
    if result == funding.PASSED:
        return None
    if stage == "midterm" and result == funding.FAILED:
        released = funding.released_on(cycle, society)
        if released is not None and released <= day:
            return None
        return "（中期检查不合格，尚无恢复拨付的决定）"
    return "（检查结论尚未作出）"


@rule(
    "PAY-004",
    ERROR,
    "五（三）",
    "报告中的支出不超过截至报告日期已拨付的资金",
    "A report's spending does not exceed what was paid by its date",
    message=Message(
        "报告截至 {as_of} 的支出合计 {spent_yuan} 元，超过截至该日已拨付的 {paid_yuan} 元。",
        "Spending ({spent_yuan}) exceeds what was paid by {as_of} ({paid_yuan}).",
        "支出只能来自已拨付的专项资金；请核对支出金额和日期，或请专项办公室补记拨付（payments.yaml）。",
    ),
)
def spending_within_paid(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (20,000 paid, 33,000 spent)::

        awarded: yes
        +++ submissions/2026/payments.yaml
        + schema_version: 1
        + cycle: 2026
        + payments:
        +   - {society: wuhan-mechanical-engineering, tranche: 1, date: "2026-12-20", amount: 20000.00, doc_number: 武科协财〔2026〕1号}

    Passes::

        awarded: yes
        +++ submissions/2026/payments.yaml
        + schema_version: 1
        + cycle: 2026
        + payments:
        +   - {society: wuhan-mechanical-engineering, tranche: 1, date: "2026-12-20", amount: 120000.00, doc_number: 武科协财〔2026〕1号}
    """
    for cycle in _cycles(data):
        if cycle.payments is None:
            continue
        for key in sorted(cycle.reports):
            report = cycle.reports[key]
            if funding.award_of(cycle, report.society) is None:
                continue
            spent = sum((s.amount for s in report.spending), Decimal(0))
            given = funding.paid(cycle, report.society, report.as_of)
            if spent > given:
                yield spending_within_paid.hit(
                    report.file,
                    ("spending",),
                    as_of=report.as_of,
                    spent_yuan=fmt_money(spent),
                    paid_yuan=fmt_money(given),
                )


@rule(
    "PAY-005",
    ERROR,
    "一（三）",
    "终止支持或撤销之后、中期检查不合格而尚未恢复拨付期间，不再使用专项资金",
    "No spending after a stop or a revocation, nor while a failed midterm holds the money",
    messages={
        "": Message(
            "支出（{date}，{amount_yuan} 元）在资金支持终止（{since}）之后。",
            "Spending dated after support was stopped ({since}).",
            "终止支持后不得再使用专项资金；请核对支出日期，或删去这笔支出（由学会自有资金承担的不列入）。",
        ),
        "revoked": Message(
            "支出（{date}，{amount_yuan} 元）在奖励被撤销（{since}）之后。",
            "Spending dated after the award was revoked ({since}).",
            "奖励撤销后不得再使用专项资金，已拨付的资金按处理决定退回；请核对支出日期。",
        ),
        "held": Message(
            "支出（{date}，{amount_yuan} 元）在中期检查不合格（{since}）之后、恢复拨付之前。",
            "Spending dated while a failed midterm held the money (since {since}).",
            "中期检查不合格后暂停使用专项资金，整改复查合格并由专项办公室决定恢复拨付后再支出；请核对支出日期。",
        ),
    },
)
def spending_allowed(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (spending after the office stopped the support)::

        awarded: yes
        +++ submissions/2026/payments.yaml
        + schema_version: 1
        + cycle: 2026
        + payments: []
        + funding_decisions:
        +   - {society: wuhan-mechanical-engineering, decided: "2027-06-01", action: stop, reason: 违规使用资金, doc_number: 武科协〔2027〕5号}

    Passes::

        awarded: yes
        +++ submissions/2026/payments.yaml
        + schema_version: 1
        + cycle: 2026
        + payments: []
        + funding_decisions:
        +   - {society: wuhan-mechanical-engineering, decided: "2027-07-01", action: stop, reason: 违规使用资金, doc_number: 武科协〔2027〕5号}
    """
    for cycle in _cycles(data):
        tranches = cycle.call is not None and bool(cycle.call.tranches)
        for key in sorted(cycle.reports):
            report = cycle.reports[key]
            ended = funding.stopped_on(data, cycle, report.society)
            held = funding.held_since(cycle, report.society) if tranches else None
            released = funding.released_on(cycle, report.society)
            for s in report.spending:
                where, amount = ("spending", s.index, "date"), fmt_money(s.amount)
                if ended is not None and s.date > ended[0] and ended[1] == "revoked":
                    yield spending_allowed.hit(
                        report.file, where, "revoked", since=ended[0], date=s.date, amount_yuan=amount
                    )
                elif ended is not None and s.date > ended[0]:
                    yield spending_allowed.hit(
                        report.file, where, since=ended[0], date=s.date, amount_yuan=amount
                    )
                elif held is not None and s.date > held and (released is None or s.date < released):
                    yield spending_allowed.hit(
                        report.file, where, "held", since=held, date=s.date, amount_yuan=amount
                    )


@rule(
    "PAY-006",
    ERROR,
    "一（三）",
    "资金支持处理决定针对受表彰的学会；减少拨付写明金额，且不超过尚未拨付的部分",
    "A funding decision concerns an awardee; a reduction names its amount, at most what is unpaid",
    messages={
        "": Message(
            "第 {n} 项资金处理决定针对“{society}”，但它不是 {year} 年度受表彰的学会。",
            "Funding decision {n} concerns {society}, not an awardee of {year}.",
            "请核对学会代号和年度。",
        ),
        "amount": Message(
            "第 {n} 项资金处理决定为减少拨付（reduce），但没有写减少后还将拨付的金额。",
            "Funding decision {n} reduces the rest without saying to how much.",
            "请在 amount 中写明决定之后还将拨付的金额（元）。",
        ),
        "over": Message(
            "第 {n} 项资金处理决定之后还将拨付 {amount_yuan} 元，超过尚未拨付的 {unpaid_yuan} 元。",
            "Funding decision {n} releases more than is unpaid.",
            "尚未拨付的部分为奖励金额减去决定日期前已拨付的金额；请核对金额。",
        ),
    },
)
def decisions_consistent(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a reduction without its amount)::

        awarded: yes
        +++ submissions/2026/payments.yaml
        + schema_version: 1
        + cycle: 2026
        + payments: []
        + funding_decisions:
        +   - {society: wuhan-mechanical-engineering, decided: "2027-09-01", action: reduce, reason: 整改未全部完成, doc_number: 武科协〔2027〕5号}

    Passes::

        awarded: yes
        +++ submissions/2026/payments.yaml
        + schema_version: 1
        + cycle: 2026
        + payments: []
        + funding_decisions:
        +   - {society: wuhan-mechanical-engineering, decided: "2027-09-01", action: reduce, amount: 50000.00, reason: 整改未全部完成, doc_number: 武科协〔2027〕5号}
    """
    for cycle in _cycles(data):
        record = cycle.payments
        if record is None:
            continue
        for d in record.decisions:
            base, n = ("funding_decisions", d.index), d.index + 1
            award = funding.award_of(cycle, d.society)
            if award is None:
                yield decisions_consistent.hit(
                    record.file, (*base, "society"), n=n, society=d.society, year=cycle.year
                )
            elif d.action == "reduce" and d.amount is None:
                yield decisions_consistent.hit(record.file, (*base, "action"), "amount", n=n)
            elif d.amount is not None and d.amount > award.amount - funding.paid(cycle, d.society, d.decided):
                unpaid = award.amount - funding.paid(cycle, d.society, d.decided)
                yield decisions_consistent.hit(
                    record.file,
                    (*base, "amount"),
                    "over",
                    n=n,
                    amount_yuan=fmt_money(d.amount),
                    unpaid_yuan=fmt_money(unpaid),
                )


@rule(
    "RECT-001",
    ERROR,
    "四（四）",
    "中期检查不合格时写明整改事项和期限；合格时没有整改和复查；日期在检查之后",
    "A failed midterm states its 整改 items and deadline; a passed one has none; dates follow the check",
    messages={
        "": Message(
            "“{society}”中期检查不合格，但没有写整改要求（rectification：items 整改事项、due 整改期限）。",
            "{society} failed its midterm with no rectification items and deadline.",
            '请在该学会的检查结论下写 rectification: {{items: [...], due: "YYYY-MM-DD"}}；依据一（三）3，整改和复查决定后续资金。',
        ),
        "passed": Message(
            "“{society}”中期检查合格，却写了整改要求或复查。",
            "{society} passed its midterm yet has a rectification or a re-inspection.",
            "整改和复查只用于不合格的中期检查；请删去，或核对结论。",
        ),
        "date": Message(
            "“{society}”的{what}（{date}）不在中期检查（{midterm}）之后。",
            "A rectification deadline or re-inspection of {society} predates the midterm.",
            "请核对日期。",
        ),
    },
)
def rectification_recorded(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a failed midterm with no 整改)::

        now: 2027-08-01
        awarded: yes
        --- submissions/2026/decisions.yaml
        -   midterm: {}                            # {date, results: {society: {result: 合格, note: …}}}
        +   midterm:
        +     date: "2027-07-20"
        +     results:
        +       wuhan-mechanical-engineering:
        +         result: 不合格
        +         note: 团体标准和学术年会均未启动，进度严重滞后。

    Passes::

        now: 2027-08-01
        awarded: yes
        --- submissions/2026/decisions.yaml
        -   midterm: {}                            # {date, results: {society: {result: 合格, note: …}}}
        +   midterm:
        +     date: "2027-07-20"
        +     results:
        +       wuhan-mechanical-engineering:
        +         result: 不合格
        +         note: 团体标准和学术年会均未启动，进度严重滞后。
        +         rectification: {items: [9月底前发布团体标准征求意见稿], due: "2027-09-30"}
    """
    for cycle in _cycles(data):
        dec = cycle.decisions
        if dec is None or dec.midterm.date is None:
            continue
        for society in sorted(dec.midterm.results):
            path = ("inspections", "midterm", "results", society)
            result = dec.midterm.results[society][0]
            follow = dec.followups.get(society)
            if result == funding.FAILED and (follow is None or follow.due is None):
                yield rectification_recorded.hit(dec.file, path, society=society)
            elif result == funding.PASSED and follow is not None:
                yield rectification_recorded.hit(dec.file, path, "passed", society=society)
            if follow is None:
                continue
            for what, day in (("整改期限", follow.due), ("复查日期", follow.reinspection_date)):
                if day is not None and day <= dec.midterm.date:
                    yield rectification_recorded.hit(
                        dec.file, path, "date", society=society, what=what, date=day, midterm=dec.midterm.date
                    )


@rule(
    "RECT-002",
    WARNING,
    "四（四）",
    "整改期限已过而没有复查",
    "The rectification deadline passed without a re-inspection",
    message=Message(
        "“{society}”的整改期限 {due} 已过，还没有复查结论（截至 {today}）。",
        "{society}'s rectification was due on {due}; no re-inspection is recorded.",
        "请组织复查并在该学会的中期检查结论下记录 reinspection: {{date, result, note}}，再在 payments.yaml 中作出资金处理决定。",
    ),
)
def rectification_overdue(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (due 2027-09-30, no re-inspection on 2027-10-15)::

        now: 2027-10-15
        awarded: yes
        --- submissions/2026/decisions.yaml
        -   midterm: {}                            # {date, results: {society: {result: 合格, note: …}}}
        +   midterm:
        +     date: "2027-07-20"
        +     results:
        +       wuhan-mechanical-engineering:
        +         result: 不合格
        +         note: 团体标准和学术年会均未启动，进度严重滞后。
        +         rectification: {items: [9月底前发布团体标准征求意见稿], due: "2027-09-30"}

    Passes::

        now: 2027-10-15
        awarded: yes
        --- submissions/2026/decisions.yaml
        -   midterm: {}                            # {date, results: {society: {result: 合格, note: …}}}
        +   midterm:
        +     date: "2027-07-20"
        +     results:
        +       wuhan-mechanical-engineering:
        +         result: 不合格
        +         note: 团体标准和学术年会均未启动，进度严重滞后。
        +         rectification: {items: [9月底前发布团体标准征求意见稿], due: "2027-09-30"}
        +         reinspection: {date: "2027-10-08", result: 合格, note: 征求意见稿已发布。}
    """
    today = data.today(ctx.now)
    for cycle in _cycles(data):
        dec = cycle.decisions
        if dec is None:
            continue
        for society in sorted(dec.followups):
            follow = dec.followups[society]
            if follow.due is not None and follow.due < today and follow.reinspection_date is None:
                yield rectification_overdue.hit(
                    dec.file,
                    ("inspections", "midterm", "results", society, "rectification", "due"),
                    society=society,
                    due=follow.due,
                    today=today,
                )


@rule(
    "RECT-003",
    WARNING,
    "一（三）",
    "复查之后由专项办公室作出恢复、减少或终止拨付的决定，且与复查结论相符",
    "A re-inspection is followed by a funding decision that fits its result",
    messages={
        "": Message(
            "“{society}”已于 {date} 复查（{result}），但还没有资金处理决定。",
            "{society} was re-inspected on {date} but no funding decision follows.",
            "请在 submissions/<年度>/payments.yaml 的 funding_decisions 中记录恢复拨付（release）、减少（reduce）或终止（stop），写明理由和文号。",
        ),
        "mismatch": Message(
            "“{society}”复查{result}，随后的资金处理决定却是{action}。",
            "The funding decision after {society}'s re-inspection does not fit its result.",
            "复查合格一般恢复拨付，复查不合格一般减少或终止；如确有理由请在 reason 中写明，否则请核对。",
        ),
    },
)
def reinspection_decided(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a re-inspection with no decision after it)::

        awarded: yes
        --- submissions/2026/call.yaml
        - plan_due_days: 30                          # 实施阶段: fund-management plan due this many days after commendation
        + plan_due_days: 30
        + payment: {tranches: [{share: "0.6", after: commendation}, {share: "0.4", after: midterm_passed}]}
        --- submissions/2026/decisions.yaml
        -   midterm: {}                            # {date, results: {society: {result: 合格, note: …}}}
        +   midterm:
        +     date: "2027-07-20"
        +     results:
        +       wuhan-mechanical-engineering:
        +         result: 不合格
        +         rectification: {items: [9月底前发布团体标准征求意见稿], due: "2027-09-30"}
        +         reinspection: {date: "2027-10-08", result: 合格}

    Passes::

        awarded: yes
        --- submissions/2026/call.yaml
        - plan_due_days: 30                          # 实施阶段: fund-management plan due this many days after commendation
        + plan_due_days: 30
        + payment: {tranches: [{share: "0.6", after: commendation}, {share: "0.4", after: midterm_passed}]}
        --- submissions/2026/decisions.yaml
        -   midterm: {}                            # {date, results: {society: {result: 合格, note: …}}}
        +   midterm:
        +     date: "2027-07-20"
        +     results:
        +       wuhan-mechanical-engineering:
        +         result: 不合格
        +         rectification: {items: [9月底前发布团体标准征求意见稿], due: "2027-09-30"}
        +         reinspection: {date: "2027-10-08", result: 合格}
        +++ submissions/2026/payments.yaml
        + schema_version: 1
        + cycle: 2026
        + payments: []
        + funding_decisions:
        +   - {society: wuhan-mechanical-engineering, decided: "2027-10-10", action: release, reason: 复查合格, doc_number: 武科协〔2027〕6号}
    """
    for cycle in _cycles(data):
        if cycle.decisions is not None and cycle.call is not None and cycle.call.tranches:
            yield from _reinspection_hits(cycle, cycle.decisions)


def _reinspection_hits(cycle: Cycle, dec: Decisions) -> Iterator[Hit]:
    for society in sorted(dec.followups):
        follow = dec.followups[society]
        day, result = follow.reinspection_date, follow.reinspection_result
        if day is None or result is None:
            continue
        path = ("inspections", "midterm", "results", society, "reinspection")
        after = [d for d in funding.decisions_of(cycle, society) if d.decided >= day]
        if not after:
            yield reinspection_decided.hit(dec.file, path, society=society, date=day, result=result)
        elif (result, after[0].action) in (("合格", "stop"), ("不合格", "release")):
            yield reinspection_decided.hit(
                dec.file,
                path,
                "mismatch",
                society=society,
                result=result,
                action=ACTION_ZH[after[0].action],
            )


ACTION_ZH = {"release": "恢复拨付", "reduce": "减少拨付", "stop": "终止支持"}


@rule(
    "CLAW-001",
    ERROR,
    "五（二）",
    "收回资金的处理决定写明退回期限；退回记录在决定之后，合计不超过收回金额和已拨付金额",
    "A claw-back names its due date; repayments follow the decision and stay within what is reclaimed and paid",
    messages={
        "": Message(
            "处理决定 {id} 收回 {reclaim_yuan} 元，但没有写退回期限（repayment_due）。",
            "{id} reclaims money without a due date.",
            '请写明学会须在何日前退回资金，例如 repayment_due: "2026-08-31"。',
        ),
        "date": Message(
            "处理决定 {id} 的退回记录日期 {date} 早于决定日期 {decided}。",
            "A repayment of {id} predates the decision.",
            "请核对日期。",
        ),
        "over": Message(
            "处理决定 {id} 已退回合计 {returned_yuan} 元，超过收回金额 {reclaim_yuan} 元。",
            "More was repaid on {id} than it reclaims.",
            "请核对退回金额。",
        ),
        "paid": Message(
            "处理决定 {id} 收回 {reclaim_yuan} 元，超过该年度已拨付给“{society}”的 {paid_yuan} 元。",
            "{id} reclaims more than was paid.",
            "收回的是已拨付的资金；请核对收回金额或拨付记录（payments.yaml）。",
        ),
    },
)
def clawback_recorded(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (60,000 to reclaim, no due date)::

        now: 2027-08-01
        awarded: yes
        --- submissions/office/sanctions.yaml
        - sanctions: []
        + sanctions:
        +   - {id: t-9, society: wuhan-mechanical-engineering, decided: "2027-03-01", kind: fraud, cycle: 2026, summary: 虚报业绩, revoke_award: true, reclaim_amount: 60000.00, bans_applications: true}

    Passes::

        now: 2027-08-01
        awarded: yes
        --- submissions/office/sanctions.yaml
        - sanctions: []
        + sanctions:
        +   - {id: t-9, society: wuhan-mechanical-engineering, decided: "2027-03-01", kind: fraud, cycle: 2026, summary: 虚报业绩, revoke_award: true, reclaim_amount: 60000.00, bans_applications: true, repayment_due: "2027-04-30"}
    """
    file = data.office.sanctions_file
    for s in data.office.sanctions or ():
        if file is None or s.reclaim_amount == 0:
            continue
        base, reclaim = ("sanctions", s.index), fmt_money(s.reclaim_amount)
        if s.repayment_due is None:
            yield clawback_recorded.hit(file, (*base, "reclaim_amount"), id=s.id, reclaim_yuan=reclaim)
        for r in s.repayments:
            if r.date < s.decided:
                yield clawback_recorded.hit(
                    file,
                    (*base, "repayments", r.index, "date"),
                    "date",
                    id=s.id,
                    date=r.date,
                    decided=s.decided,
                )
        back = sum((r.amount for r in s.repayments), Decimal(0))
        if back > s.reclaim_amount:
            yield clawback_recorded.hit(
                file,
                (*base, "repayments"),
                "over",
                id=s.id,
                returned_yuan=fmt_money(back),
                reclaim_yuan=reclaim,
            )
        cycle = data.cycles.get(s.cycle) if s.cycle is not None else None
        if cycle is not None and cycle.payments is not None:
            given = funding.paid(cycle, s.society, s.decided)
            if s.reclaim_amount > given:
                yield clawback_recorded.hit(
                    file,
                    (*base, "reclaim_amount"),
                    "paid",
                    id=s.id,
                    reclaim_yuan=reclaim,
                    society=s.society,
                    paid_yuan=fmt_money(given),
                )


@rule(
    "CLAW-002",
    WARNING,
    "五（二）",
    "退回期限已过而收回的资金没有全部退回",
    "The repayment is overdue and not complete",
    message=Message(
        "处理决定 {id} 要求在 {due} 前退回 {reclaim_yuan} 元，截至 {today} 只退回 {returned_yuan} 元。",
        "{id}: repayment due {due}, {returned_yuan} of {reclaim_yuan} returned.",
        "请督促学会退回，收到后在 repayments 中记录每一笔（日期、金额）；逾期不退回的依规处理。",
    ),
)
def clawback_overdue(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (due 2027-04-30, nothing returned on 2027-08-01)::

        now: 2027-08-01
        awarded: yes
        --- submissions/office/sanctions.yaml
        - sanctions: []
        + sanctions:
        +   - {id: t-9, society: wuhan-mechanical-engineering, decided: "2027-03-01", kind: fraud, cycle: 2026, summary: 虚报业绩, revoke_award: true, reclaim_amount: 60000.00, bans_applications: true, repayment_due: "2027-04-30"}

    Passes::

        now: 2027-08-01
        awarded: yes
        --- submissions/office/sanctions.yaml
        - sanctions: []
        + sanctions:
        +   - {id: t-9, society: wuhan-mechanical-engineering, decided: "2027-03-01", kind: fraud, cycle: 2026, summary: 虚报业绩, revoke_award: true, reclaim_amount: 60000.00, bans_applications: true, repayment_due: "2027-04-30", repayments: [{date: "2027-04-20", amount: 60000.00}]}
    """
    today = data.today(ctx.now)
    file = data.office.sanctions_file
    for s in data.office.sanctions or ():
        if file is None or s.repayment_due is None or s.repayment_due >= today:
            continue
        back = sum((r.amount for r in s.repayments if r.date <= today), Decimal(0))
        if back < s.reclaim_amount:
            yield clawback_overdue.hit(
                file,
                ("sanctions", s.index, "repayment_due"),
                id=s.id,
                due=s.repayment_due,
                reclaim_yuan=fmt_money(s.reclaim_amount),
                today=today,
                returned_yuan=fmt_money(back),
            )


RULES = (
    tranches_sum,
    payments_match,
    held_not_paid,
    spending_within_paid,
    spending_allowed,
    decisions_consistent,
    rectification_recorded,
    rectification_overdue,
    reinspection_decided,
    clawback_recorded,
    clawback_overdue,
)
