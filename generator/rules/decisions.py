"""The office's decisions of a cycle, 四（二）: formal review, the proposed list and its order, dates in order,
objections, and commendation only after the publicity period, as the quota and tiers allow. Also the
lifecycle reminders (overdue steps), which are never errors."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date

from generator.calendar import CalendarError, Window
from generator.lifecycle import publicity_window, substitution_window
from generator.model import Cycle, Dataset, Decisions, Substitution, fmt_money
from generator.rules.base import ERROR, WARNING, Context, Hit, Message, rule
from generator.scoring import recorded_standings
from generator.yamlio import DataPath


def _own_window(cycle: Cycle, sub: Substitution) -> Window | None:
    """A 递补 society's own publicity window (None: not recorded or not computable; DEC-008 says why)."""
    try:
        return substitution_window(cycle, sub)
    except CalendarError:
        return None


def _listed(dec: Decisions) -> dict[str, str]:
    """Each society on the list with its tier: the proposed, then the 递补 ones (publicised on their own,
    SUBST-003 judges their dates)."""
    listed = {s.society: s.tier for s in dec.substitutions}
    listed.update({p.society: p.tier for p in dec.proposed})
    return listed


def _cycles(data: Dataset) -> Iterator[tuple[Cycle, Decisions]]:
    for year in sorted(data.cycles):
        cycle = data.cycles[year]
        if cycle.decisions is not None:
            yield cycle, cycle.decisions


@rule(
    "DEC-001",
    ERROR,
    "四（二）",
    "形式审查记录了每一份申报的结果，且只记录已提交的申报",
    "Formal review records a result for every application, and only for applications",
    messages={
        "": Message(
            "形式审查没有记录学会“{society}”的结果。",
            "No formal review result for {society}.",
            "请在 formal_review.results 中加上 {society}: {{passed: true}}（或 passed: false 并写明 reason）。",
        ),
        "results": Message(
            "学会“{society}”在 {year} 年度没有申报书，却记录了形式审查结果。",
            "{society} has no application in {year}.",
            "请核对学会代号，或删除这一项。",
        ),
        "results2": Message(
            "学会“{society}”形式审查不通过，但没有写明理由。",
            "{society} failed formal review without a reason.",
            "请填写 reason，说明依据的条款和事实（将在网站公布）。",
        ),
    },
)
def formal_results_complete(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (formal review without a result for the application)::

        --- submissions/2026/decisions.yaml
        -     wuhan-mechanical-engineering: {passed: true, verified: {independent_bank_account: true, finance_staff: true}}
        +     {}

    Passes::

        --- submissions/2026/decisions.yaml
        -     wuhan-mechanical-engineering: {passed: true, verified: {independent_bank_account: true, finance_staff: true}}
        +     wuhan-mechanical-engineering: {passed: true, reason: 材料齐全, verified: {independent_bank_account: true, finance_staff: true}}
    """
    wanted = ctx.reported  # one application checked: a result missing for each other one is nobody's to read
    for cycle, dec in _cycles(data):
        if dec.formal_review_date is None or (wanted is not None and not wanted(dec.file)):
            continue
        applicants = {app.society for app in cycle.applications.values()}
        for society in sorted(applicants - set(dec.formal_results)):
            yield formal_results_complete.hit(dec.file, ("formal_review", "results"), society=society)
        for society in sorted(set(dec.formal_results) - applicants):
            yield formal_results_complete.hit(
                dec.file, ("formal_review", "results", society), "results", society=society, year=cycle.year
            )
        for society, result in sorted(dec.formal_results.items()):
            if not result.passed and not (result.reason or "").strip():
                yield formal_results_complete.hit(
                    dec.file, ("formal_review", "results", society), "results2", society=society
                )


@rule(
    "DEC-002",
    ERROR,
    "四（二）",
    "拟表彰名单只包含通过形式审查的申报，且不重复",
    "The proposed list holds only applications that passed formal review, once each",
    messages={
        "": Message(
            "学会“{society}”没有通过形式审查，不能列入拟表彰名单。",
            "{society} did not pass formal review.",
            "请核对形式审查结果与拟表彰名单。",
        ),
        "society": Message(
            "学会“{society}”在拟表彰名单中重复出现。", "{society} is listed twice.", "请删除重复的一项。"
        ),
    },
)
def proposed_passed(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a proposed society that failed formal review)::

        --- submissions/2026/decisions.yaml
        -     wuhan-mechanical-engineering: {passed: true, verified: {independent_bank_account: true, finance_staff: true}}
        +     wuhan-mechanical-engineering: {passed: false, reason: 材料不全}

    Passes::

        (the minimal tree)
    """
    for _cycle, dec in _cycles(data):
        counts = Counter(p.society for p in dec.proposed)
        for p in dec.proposed:
            result = dec.formal_results.get(p.society)
            if result is None or not result.passed:
                yield proposed_passed.hit(dec.file, ("proposed", p.index, "society"), society=p.society)
            if counts[p.society] > 1 and p.index != min(
                q.index for q in dec.proposed if q.society == p.society
            ):
                yield proposed_passed.hit(
                    dec.file, ("proposed", p.index, "society"), "society", society=p.society
                )


@rule(
    "DEC-003",
    ERROR,
    "四（一）",
    "拟表彰名单的奖励等级是申报通知中的等级，各等级人数不超过名额",
    "Tiers are the call's, and no tier exceeds its quota",
    messages={
        "": Message(
            "奖励等级“{tier}”不是申报通知中的等级（{quota_list}）。",
            "Tier {tier!r} is not in the call.",
            "请使用申报通知 awards 中的等级名称。",
        ),
        "tier": Message(
            "“{tier}”拟表彰 {count} 个，超过名额 {quota} 个。",
            "{count} proposed for {tier}, quota {quota}.",
            "请按名额调整拟表彰名单。",
        ),
    },
)
def tiers_within_quota(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a tier the call does not have)::

        --- submissions/2026/decisions.yaml
        -   - {society: wuhan-mechanical-engineering, tier: 一等}
        +   - {society: wuhan-mechanical-engineering, tier: 特等}

    Passes::

        --- submissions/2026/decisions.yaml
        -   - {society: wuhan-mechanical-engineering, tier: 一等}
        +   - {society: wuhan-mechanical-engineering, tier: 二等}
    """
    for cycle, dec in _cycles(data):
        if cycle.call is None:
            continue
        quota = {t.tier: t.count for t in cycle.call.awards}
        used = Counter(p.tier for p in dec.proposed)
        for p in dec.proposed:
            if p.tier not in quota:
                yield tiers_within_quota.hit(
                    dec.file, ("proposed", p.index, "tier"), tier=p.tier, quota_list="、".join(quota)
                )
        for tier, count in used.items():
            if tier in quota and count > quota[tier]:
                last = max(p.index for p in dec.proposed if p.tier == tier)
                yield tiers_within_quota.hit(
                    dec.file, ("proposed", last, "tier"), "tier", tier=tier, count=count, quota=quota[tier]
                )


@rule(
    "DEC-004",
    ERROR,
    "四（二）",
    "拟表彰名单按专家评审排名和等级顺序排列；不按排名的须记录理由（reason）",
    "The proposed list follows the ranking and tier order unless a reason is recorded",
    messages={
        "": Message(
            "学会“{society}”没有专家评分，却列入拟表彰名单且没有写明理由。",
            "{society} has no scores and no reason.",
            "请补齐评分并重新记录汇总结果（xuehui rank --committee … --record），或在这一项写明 reason。",
        ),
        "society": Message(
            "学会“{society}”列入名单，而排名更高的“{above_list}”未列入，且没有写明理由。",
            "{society} is proposed over higher-ranked {above_list_en} without a reason.",
            "请按排名调整名单，或在这一项写明 reason（评审委员会的决定）。",
        ),
        "order": Message(
            "“{society}”的评审得分高于排在它前面的“{listed_before}”，名单顺序与排名不符。",
            "{society} outranks {listed_before}, listed before it.",
            "请按得分从高到低排列，或写明 reason。",
        ),
        "tier": Message(
            "“{tier}”排在“{tier_before}”之后，等级顺序不对。",
            "A higher tier is listed after a lower one.",
            "请先列高等级、再列低等级。",
        ),
    },
)
def proposed_follow_rank(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a society proposed without scores and without a reason)::

        --- submissions/2026/decisions.yaml
        -   - {society: wuhan-mechanical-engineering, tier: 一等}
        +   - {society: wuhan-mechanical-engineering, tier: 一等}
        +   - {society: wuhan-other, tier: 二等}

    Passes (the committee's reason recorded)::

        --- submissions/2026/decisions.yaml
        -   - {society: wuhan-mechanical-engineering, tier: 一等}
        +   - {society: wuhan-mechanical-engineering, tier: 一等}
        +   - {society: wuhan-other, tier: 二等, reason: 评审委员会复议决定}
    """
    for cycle, dec in _cycles(data):
        if not dec.proposed or cycle.results is None:
            continue
        totals = {s.society: s.total for s in recorded_standings(cycle.results)}
        group = {
            s.society: s.category for s in cycle.results.standings
        }  # 分类实施: compared within a category
        proposed = {p.society for p in dec.proposed}
        skipped = [s for s, t in totals.items() if s not in proposed and t is not None]
        tier_order = {t.tier: i for i, t in enumerate(cycle.call.awards)} if cycle.call else {}
        for p in dec.proposed:
            if p.reason:
                continue
            mine = totals.get(p.society)
            if mine is None:
                yield proposed_follow_rank.hit(dec.file, ("proposed", p.index, "society"), society=p.society)
                continue
            above = sorted(s for s in skipped if (totals[s] or 0) > mine and group[s] == group[p.society])
            if above:
                yield proposed_follow_rank.hit(
                    dec.file,
                    ("proposed", p.index, "society"),
                    "society",
                    society=p.society,
                    above_list="、".join(above[:3]),
                    above_list_en=", ".join(above[:3]),
                )
            if p.index > 0:
                before = dec.proposed[p.index - 1]
                earlier = totals.get(before.society)
                if earlier is not None and mine > earlier and not before.reason:
                    yield proposed_follow_rank.hit(
                        dec.file,
                        ("proposed", p.index, "society"),
                        "order",
                        society=p.society,
                        listed_before=before.society,
                    )
                known = p.tier in tier_order and before.tier in tier_order  # else DEC-003 names the tier
                if known and tier_order[p.tier] < tier_order[before.tier]:
                    yield proposed_follow_rank.hit(
                        dec.file, ("proposed", p.index, "tier"), "tier", tier=p.tier, tier_before=before.tier
                    )


@rule(
    "DEC-005",
    ERROR,
    "四（二）",
    "日期先后有序：申报截止 < 形式审查 < 专家评审 ≤ 公示开始 ≤ 表彰",
    "Dates in order: deadline < formal review < expert review ≤ publicity start ≤ commendation",
    message=Message(
        "{name}日期 {day} 不应{detail}{prev_name}日期 {prev_day}。",
        "{name} {day} is out of order with {prev_name} {prev_day}.",
        "请核对各环节的日期。",
    ),
)
def dates_in_order(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (publicity before the expert review)::

        --- submissions/2026/decisions.yaml
        -   start: "2026-11-25"
        +   start: "2026-11-19"

    Passes::

        --- submissions/2026/decisions.yaml
        -   start: "2026-11-25"
        +   start: "2026-11-20"
    """
    tz = data.timezone
    for cycle, dec in _cycles(data):
        steps: list[tuple[str, date | None, str | None, DataPath]] = []
        if cycle.call is not None:
            steps.append(("申报截止", cycle.call.deadline_date(tz), None, ("cycle",)))
        steps += [
            ("形式审查", dec.formal_review_date, "<", ("formal_review", "date")),
            ("专家评审", dec.expert_review_date, "<", ("expert_review", "date")),
            ("公示开始", dec.publicity_start, "<=", ("publicity", "start")),
            ("通报表彰", dec.commendation_date, "<=", ("commendation", "date")),
        ]
        previous: tuple[str, date] | None = None
        for name, day, relation, path in steps:
            if day is None:
                continue
            if previous is not None and relation is not None:
                prev_name, prev_day = previous
                bad = day <= prev_day if relation == "<" else day < prev_day
                if bad:
                    yield dates_in_order.hit(
                        dec.file,
                        path,
                        name=name,
                        day=day,
                        detail="早于或等于" if relation == "<" else "早于",
                        prev_name=prev_name,
                        prev_day=prev_day,
                    )
            previous = (name, day)


@rule(
    "DEC-006",
    ERROR,
    "四（二）",
    "异议记录完整：涉及拟表彰学会；已处理的写明处理日期（不早于收到日期），待处理的没有处理日期",
    "Objections concern proposed societies; resolved ones have a resolution date, pending ones none",
    messages={
        "": Message("异议编号 {id} 重复。", "Objection id {id} repeats.", "每条异议使用唯一编号。"),
        "society": Message(
            "异议涉及的学会“{society}”不在拟表彰名单中。",
            "{society} is not on the proposed list.",
            "公示期异议只针对拟表彰名单中的学会，请核对学会代号。",
        ),
        "resolved": Message(
            "待处理（pending）的异议不应有处理日期。",
            "A pending objection has a resolution date.",
            "处理完毕请把 status 改为 upheld 或 dismissed；否则删除 resolved。",
        ),
        "status": Message(
            "已处理的异议没有填写处理日期（resolved）。",
            "A resolved objection has no resolution date.",
            "请填写 resolved 和 outcome（处理结果，将公开，不含异议人身份）。",
        ),
        "resolved2": Message(
            "处理日期 {resolved} 早于收到日期 {received}。",
            "Resolved before it was received.",
            "请核对日期。",
        ),
        "received": Message(
            "异议收到日期 {received} 不在公示期（{start} 至 {end}）内。",
            "The objection was received outside the publicity period.",
            "公示期外收到的意见请按信访等渠道另行处理；如日期有误请更正。",
        ),
    },
)
def objections_well_formed(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a pending objection with a resolution date)::

        --- submissions/2026/decisions.yaml
        - objections: []
        + objections:
        +   - {id: 2026-yy-01, received: "2026-11-26", society: wuhan-mechanical-engineering, summary: 反映参会人数不实, status: pending, resolved: "2026-11-30", outcome: 经核实不成立}

    Passes::

        --- submissions/2026/decisions.yaml
        - objections: []
        + objections:
        +   - {id: 2026-yy-01, received: "2026-11-26", society: wuhan-mechanical-engineering, summary: 反映参会人数不实, status: pending}
    """
    for cycle, dec in _cycles(data):
        proposed = {p.society for p in dec.proposed}
        substitutes = {s.society: s for s in dec.substitutions}  # 递补: publicised on their own (SUBST-003)
        try:
            win = publicity_window(cycle, data.office.holidays)
        except CalendarError:
            win = None
        ids = Counter(o.id for o in dec.objections)
        for o in dec.objections:
            base = ("objections", o.index)
            if ids[o.id] > 1:
                yield objections_well_formed.hit(dec.file, (*base, "id"), id=o.id)
            if o.society not in proposed and o.society not in substitutes:
                yield objections_well_formed.hit(dec.file, (*base, "society"), "society", society=o.society)
            if o.status == "pending" and o.resolved is not None:
                yield objections_well_formed.hit(dec.file, (*base, "resolved"), "resolved")
            if o.status in ("upheld", "dismissed"):
                if o.resolved is None:
                    yield objections_well_formed.hit(dec.file, (*base, "status"), "status")
                elif o.resolved < o.received:
                    yield objections_well_formed.hit(
                        dec.file, (*base, "resolved"), "resolved2", resolved=o.resolved, received=o.received
                    )
            own = _own_window(cycle, substitutes[o.society]) if o.society in substitutes else win
            if own is not None and not own.start <= o.received <= own.end:
                yield objections_well_formed.hit(
                    dec.file,
                    (*base, "received"),
                    "received",
                    received=o.received,
                    start=own.start,
                    end=own.end,
                    severity=WARNING,
                )


@rule(
    "DEC-007",
    ERROR,
    "四（二）",
    "表彰在公示期满之后，只表彰无待处理或成立异议的拟表彰学会，金额等于所在等级的奖励",
    "Commendation after publicity ends, only cleared proposed societies, amounts equal to their tier's",
    messages={
        "": Message(
            "没有公示就记录了表彰。",
            "A commendation is recorded without publicity.",
            "拟表彰名单须先公示（publicity.start），公示期满后才能表彰。",
        ),
        "date": Message(
            "表彰日期 {commendation_date} 不在公示期满（{end}）之后。",
            "Commendation on {commendation_date} is not after the publicity end {end}.",
            "公示十天期满无异议后才能通报表彰。",
        ),
        "date2": Message(
            "列出了表彰名单，但没有表彰日期。",
            "Awards are listed without a commendation date.",
            "请填写表彰日期和文号。",
        ),
        "society": Message(
            "学会“{society}”不在拟表彰名单中，不能表彰。",
            "{society} was not proposed.",
            "只能表彰经公示的拟表彰学会。",
        ),
        "society2": Message(
            "学会“{society}”有{detail}的异议（{id}），不能表彰。",
            "{society} has an {status} objection.",
            "异议处理完毕且不成立后才能表彰。",
        ),
        "tier": Message(
            "表彰等级“{tier}”与公示的等级“{proposed_tier}”不一致。",
            "The tier differs from the proposed one.",
            "表彰等级应与公示名单一致。",
        ),
        "amount": Message(
            "奖励金额 {amount_yuan} 元与“{tier}”的金额 {expected_yuan} 元不符。",
            "Amount {amount} differs from the tier's {expected}.",
            "请按申报通知中的等级金额填写。",
        ),
    },
)
def commendation_valid(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (commended on the last day of publicity)::

        now: 2026-12-06
        --- submissions/2026/decisions.yaml
        -   date: null
        -   doc_number: null
        -   awards: []                             # [{society, tier, amount}]: proposed societies cleared of objections
        +   date: "2026-12-04"
        +   doc_number: 武科协〔2026〕30号
        +   awards:
        +     - {society: wuhan-mechanical-engineering, tier: 一等, amount: 200000.00}                             # [{society, tier, amount}]: proposed societies cleared of objections

    Passes::

        now: 2026-12-06
        --- submissions/2026/decisions.yaml
        -   date: null
        -   doc_number: null
        -   awards: []                             # [{society, tier, amount}]: proposed societies cleared of objections
        +   date: "2026-12-05"
        +   doc_number: 武科协〔2026〕30号
        +   awards:
        +     - {society: wuhan-mechanical-engineering, tier: 一等, amount: 200000.00}                             # [{society, tier, amount}]: proposed societies cleared of objections
    """
    for cycle, dec in _cycles(data):
        if dec.commendation_date is None and not dec.awards:
            continue
        try:
            win = publicity_window(cycle, data.office.holidays)
        except CalendarError:
            continue
        if win is None:
            yield commendation_valid.hit(dec.file, ("commendation",))
        elif dec.commendation_date is not None and dec.commendation_date <= win.end:
            yield commendation_valid.hit(
                dec.file,
                ("commendation", "date"),
                "date",
                commendation_date=dec.commendation_date,
                end=win.end,
            )
        if dec.awards and dec.commendation_date is None:
            yield commendation_valid.hit(dec.file, ("commendation", "date"), "date2")
        proposed = _listed(dec)
        tiers = {t.tier: t.amount for t in cycle.call.awards} if cycle.call else {}
        blocking = {o.society: o for o in dec.objections if o.status in ("pending", "upheld")}
        for award in dec.awards:
            path = ("commendation", "awards", award.index)
            p = proposed.get(award.society)
            if p is None:
                yield commendation_valid.hit(dec.file, (*path, "society"), "society", society=award.society)
                continue
            if award.society in blocking:
                o = blocking[award.society]
                yield commendation_valid.hit(
                    dec.file,
                    (*path, "society"),
                    "society2",
                    society=award.society,
                    detail="成立" if o.status == "upheld" else "尚未处理",
                    id=o.id,
                    status=o.status,
                )
            if award.tier != p:
                yield commendation_valid.hit(
                    dec.file, (*path, "tier"), "tier", tier=award.tier, proposed_tier=p
                )
            expected = tiers.get(award.tier)
            if expected is not None and award.amount != expected:
                yield commendation_valid.hit(
                    dec.file,
                    (*path, "amount"),
                    "amount",
                    amount_yuan=fmt_money(award.amount),
                    tier=award.tier,
                    expected_yuan=fmt_money(expected),
                    amount=award.amount,
                    expected=expected,
                )


@rule(
    "DEC-008",
    ERROR,
    "四（二）",
    "公示期可以计算（按工作日计算时，工作日数据覆盖公示所在年份）",
    "The publicity window can be computed (working-day data covers its year)",
    message=Message("{exc}", "Working-day data does not cover this year.", "见消息。"),
)
def publicity_computable(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (working days in a year the calendar data does not cover)::

        --- submissions/2026/call.yaml
        -   day_kind: calendar                       # calendar | working (Chinese working days)
        +   day_kind: working                       # calendar | working (Chinese working days)
        --- submissions/2026/decisions.yaml
        -   start: "2026-11-25"
        +   start: "2099-11-25"

    Passes::

        --- submissions/2026/call.yaml
        -   day_kind: calendar                       # calendar | working (Chinese working days)
        +   day_kind: working                       # calendar | working (Chinese working days)
    """
    for cycle, dec in _cycles(data):
        try:
            publicity_window(cycle, data.office.holidays)
        except CalendarError as exc:
            yield publicity_computable.hit(dec.file, ("publicity", "start"), exc=str(exc))


RULES = (
    formal_results_complete,
    proposed_passed,
    tiers_within_quota,
    proposed_follow_rank,
    dates_in_order,
    objections_well_formed,
    commendation_valid,
    publicity_computable,
)
