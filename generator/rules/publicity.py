"""Publicity, 复核 and 递补, 四（二）: the call's publicity lasts at least the programme's ten days and its text
agrees with its fields; a society may ask for review (复核) of a formal rejection or of an objection's
outcome within the call's window; a society removed from the proposed list may be replaced only under the
call's rule (递补), and anyone added is commended only after a publicity period of its own; a proposed
society left out of the commendation has a recorded reason. Also the office's registers (三（一）): a year
the cross-checks need and the office has not entered is said, not silently skipped."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from decimal import Decimal

from generator.calendar import CalendarError, Window
from generator.categories import category_of
from generator.lifecycle import substitution_window
from generator.model import Call, Cycle, Dataset, Decisions, Substitution, fmt_money
from generator.rules.base import ERROR, WARNING, Context, Hit, Message, rule
from generator.scoring import ranked_societies

MIN_PUBLICITY_DAYS = 10  # 四（二）: 公示十天
_ZH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMBER = r"(\d+|[一二两三四五六七八九十]+)"


def _cycles(data: Dataset) -> Iterator[tuple[Cycle, Decisions]]:
    for year in sorted(data.cycles):
        cycle = data.cycles[year]
        if cycle.decisions is not None:
            yield cycle, cycle.decisions


def _calls(data: Dataset) -> Iterator[Call]:
    for year in sorted(data.cycles):
        call = data.cycles[year].call
        if call is not None:
            yield call


def zh_number(text: str) -> int | None:
    """``"10"``, ``"十"``, ``"十五"``, ``"二十"``, ``"七"`` as an integer (None: not a number we read)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        high = _ZH_DIGITS.get(tens, 0) if tens else 1
        low = _ZH_DIGITS.get(ones, 0) if ones else 0
        return (
            high * 10 + low if (not tens or tens in _ZH_DIGITS) and (not ones or ones in _ZH_DIGITS) else None
        )
    return _ZH_DIGITS.get(text) if len(text) == 1 else None


@rule(
    "PUBL-001",
    ERROR,
    "四（二）",
    "拟表彰名单公示不少于十天：申报通知的公示天数可以更多，不能更少",
    "Publicity lasts at least the programme's ten days; the call may set more, never fewer",
    message=Message(
        "申报通知的公示天数为 {days} 天，少于实施方案规定的十天。",
        "The call's publicity lasts {days} days, fewer than the programme's ten.",
        "请把 publicity.days 改为 10 或更多，并同步修改通知正文。",
    ),
)
def publicity_days(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (five days)::

        --- submissions/2026/call.yaml
        -   days: 10                                 # 公示十天
        +   days: 5

    Passes (more than ten is allowed)::

        --- submissions/2026/call.yaml
        -   days: 10                                 # 公示十天
        +   days: 12
    """
    for call in _calls(data):
        if call.publicity_days < MIN_PUBLICITY_DAYS:
            yield publicity_days.hit(call.file, ("publicity", "days"), days=call.publicity_days)


def _body_claims(call: Call, tz: str) -> Iterator[tuple[str, str, str]]:
    """What the call's text says that its fields say too, where they differ: (what, text, field)."""
    body = call.body
    for tier in call.awards:
        name = re.escape(tier.tier)
        for m in re.finditer(rf"{name}奖?\s*{_NUMBER}\s*[个名项]", body):
            count = zh_number(m.group(1))
            if count is not None and count != tier.count:
                yield f"{tier.tier}名额", f"{m.group(1)}个", f"{tier.count}个"
        for m in re.finditer(rf"{name}奖?[^（(]{{0,12}}[（(]每个奖励\s*(\d+(?:\.\d+)?)\s*万元", body):
            amount = Decimal(m.group(1)) * 10000
            if amount != tier.amount:
                yield f"{tier.tier}金额", f"{m.group(1)}万元", f"{fmt_money(tier.amount)}元"
    for m in re.finditer(rf"公示\s*{_NUMBER}\s*(?:个工作日|天|日)", body):
        days = zh_number(m.group(1))
        if days is not None and days != call.publicity_days:
            yield "公示天数", f"{m.group(1)}天", f"{call.publicity_days}天"
    deadline = call.deadline_date(tz)
    for m in re.finditer(r"截止(?:时间|日期)\D{0,4}?(\d{4})年(\d{1,2})月(\d{1,2})日", body):
        try:
            said = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            said = None
        if said != deadline:
            yield "申报截止日期", f"{m.group(1)}年{m.group(2)}月{m.group(3)}日", str(deadline)


@rule(
    "PUBL-002",
    WARNING,
    "四（一）",
    "申报通知正文与其字段一致：名额、金额、公示天数、截止日期",
    "The call's text agrees with its fields: quota per tier, amounts, publicity days, deadline",
    message=Message(
        "申报通知正文中的{what}为“{said}”，与通知字段（{field}）不一致。",
        "The call's text says {said} for {what}; its fields say {field}.",
        "请修改正文或字段，使两者一致（学会以正文为准阅读，检查以字段为准计算）。",
    ),
)
def call_text_matches(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (the text names another deadline)::

        --- submissions/2026/call.yaml
        -   为提升学会综合能力，现开展2026年度学会能力提升专项申报工作。申报材料以拉取请求方式提交，截止时间为2026年10月31日17时。
        +   为提升学会综合能力，现开展2026年度学会能力提升专项申报工作。申报材料以拉取请求方式提交，截止时间为2026年11月30日17时。

    Passes::

        --- submissions/2026/call.yaml
        -   为提升学会综合能力，现开展2026年度学会能力提升专项申报工作。申报材料以拉取请求方式提交，截止时间为2026年10月31日17时。
        +   为提升学会综合能力，现开展2026年度学会能力提升专项申报工作，拟表彰一等奖3个（每个奖励20万元），公示十天。截止时间为2026年10月31日17时。
    """
    for call in _calls(data):
        for what, said, field in _body_claims(call, data.timezone):
            yield call_text_matches.hit(call.file, ("body",), what=what, said=said, field=field)


@rule(
    "PUBL-003",
    WARNING,
    "三（一）",
    "专项办公室的年检和年度报送登记覆盖申报前两年（未登记的年份无法核对申报书的声明）",
    "The office's registers cover the two years before each cycle with applications",
    message=Message(
        "{register}中没有 {year} 年的记录，{cycle} 年度申报书的{what}声明无法与办公室记录核对。",
        "The office's {register_en} has no year {year}: the {cycle} applications cannot be cross-checked.",
        "请专项办公室在 years 下补录 {year} 年的记录（三（一）的核对依据）。",
    ),
)
def registers_entered(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (the office has not entered 2025 in its annual inspections)::

        --- submissions/office/annual_inspections.yaml
        -   2025:
        -     wuhan-mechanical-engineering: 合格
        +   2023:
        +     wuhan-mechanical-engineering: 合格

    Passes::

        (the minimal tree)
    """
    office = data.office
    registers = (
        ("年检记录", "annual inspections", "年检结果", office.inspections_file, office.inspections),
        ("年度报送记录", "annual reports", "按时报送", office.reports_file, office.reports),
    )
    for year in sorted(data.cycles):
        if not data.cycles[year].applications:
            continue
        for register, register_en, what, file, records in registers:
            if file is None or records is None:
                continue  # a missing register is said by the rules that need it
            for missing in (y for y in (year - 2, year - 1) if y not in records):
                yield registers_entered.hit(
                    file,
                    ("years",),
                    register=register,
                    register_en=register_en,
                    what=what,
                    year=missing,
                    cycle=year,
                )


# --------------------------------------------------------------------------------------------- 复核
def _notice_day(dec: Decisions, concerning: str, society: str) -> date | None:
    """The day the society learnt the decision it asks to review (None: no such decision)."""
    if concerning == "formal_review":
        result = dec.formal_results.get(society)
        if result is None or dec.formal_review_date is None:
            return None
        sup = result.supplement
        return max(dec.formal_review_date, sup.due) if sup is not None else dec.formal_review_date
    objection = next((o for o in dec.objections if o.id == concerning), None)
    return objection.resolved if objection is not None else None


@rule(
    "RECON-001",
    ERROR,
    "四（二）",
    "复核记录完整：针对本学会的形式审查不予受理或已处理的异议；编号唯一；已处理的写明日期和结论，且原结论随复核结果更正",
    "A 复核 concerns the society's own formal rejection or a resolved objection, and its outcome is applied",
    messages={
        "": Message("复核编号 {id} 重复。", "Reconsideration id {id} repeats.", "每条复核使用唯一编号。"),
        "concerning": Message(
            "复核对象“{concerning}”不是学会“{society}”{detail}。",
            "{concerning} is not a decision {society} can ask to review.",
            "复核只针对本学会形式审查不予受理的结论（formal_review）或针对本学会、已处理完毕的异议（写异议编号）。",
        ),
        "status": Message(
            "已处理的复核没有填写处理日期（resolved）或结论（outcome）。",
            "A resolved reconsideration has no resolution date or outcome.",
            "请填写 resolved 和 outcome（复核结论，将公开）。",
        ),
        "resolved": Message(
            "复核的处理日期 {resolved} 早于收到日期 {received}，或待处理的复核已有处理日期。",
            "The resolution date is before the request, or a pending request has one.",
            "请核对日期；处理完毕请把 status 改为 upheld 或 dismissed。",
        ),
        "upheld": Message(
            "复核成立，但{what}仍是原结论。",
            "The reconsideration was upheld but {what_en} still stands.",
            "复核成立的，请同时更正原结论（形式审查改为 passed: true，或异议改为 dismissed 并说明）。",
        ),
    },
)
def reconsiderations_well_formed(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a review of a formal review the society passed)::

        --- submissions/2026/decisions.yaml
        -   final: {}
        +   final: {}
        + reconsiderations:
        +   - {id: 2026-fh-01, society: wuhan-mechanical-engineering, concerning: formal_review, received: "2026-11-08", status: pending}

    Passes::

        (the minimal tree)
    """
    for _cycle, dec in _cycles(data):
        seen: set[str] = set()
        for r in dec.reconsiderations:
            base = ("reconsiderations", r.index)
            if r.id in seen:
                yield reconsiderations_well_formed.hit(dec.file, (*base, "id"), id=r.id)
            seen.add(r.id)
            yield from _reconsideration_target(dec, r.index)
            if (r.status == "pending" and r.resolved is not None) or (r.resolved or r.received) < r.received:
                yield reconsiderations_well_formed.hit(
                    dec.file, (*base, "resolved"), "resolved", resolved=r.resolved, received=r.received
                )
            if r.status != "pending" and (r.resolved is None or not (r.outcome or "").strip()):
                yield reconsiderations_well_formed.hit(dec.file, (*base, "status"), "status")


def _reconsideration_target(dec: Decisions, index: int) -> Iterator[Hit]:
    r = dec.reconsiderations[index]
    path = ("reconsiderations", index, "concerning")
    upheld = r.status == "upheld"
    if r.concerning == "formal_review":
        result = dec.formal_results.get(r.society)
        if result is None or (result.passed and not upheld):
            detail = "形式审查不予受理的结论"
            yield reconsiderations_well_formed.hit(
                dec.file, path, "concerning", concerning=r.concerning, society=r.society, detail=detail
            )
        elif upheld and not result.passed:
            yield reconsiderations_well_formed.hit(
                dec.file, path, "upheld", what="形式审查", what_en="the formal rejection"
            )
        return
    objection = next((o for o in dec.objections if o.id == r.concerning), None)
    if objection is None or objection.society != r.society or objection.status == "pending":
        detail = "的已处理异议"
        yield reconsiderations_well_formed.hit(
            dec.file, path, "concerning", concerning=r.concerning, society=r.society, detail=detail
        )
    elif upheld and objection.status == "upheld":
        yield reconsiderations_well_formed.hit(
            dec.file, path, "upheld", what=f"异议 {objection.id}", what_en="the upheld objection"
        )


@rule(
    "RECON-002",
    ERROR,
    "四（二）",
    "复核申请在申报通知规定的期限（publicity.reconsideration_days）内提出",
    "A 复核 is asked for within the call's window after the decision it concerns",
    messages={
        "": Message(
            "记录了复核申请，但 {year} 年度申报通知没有规定复核申请期限。",
            "A reconsideration is recorded but the {year} call sets no window for it.",
            "请在申报通知 publicity 中写明 reconsideration_days（例如 15）。",
        ),
        "received": Message(
            "复核申请于 {received} 收到，不在{what}（{notice}）后 {days} 天内（{first} 至 {last}）。",
            "The request came on {received}, outside {first}..{last}.",
            "逾期的复核申请不予受理（status: dismissed 并说明）；如日期有误请更正。",
        ),
    },
)
def reconsideration_in_time(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (asked for more than fifteen days after the formal rejection)::

        --- submissions/2026/call.yaml
        -   day_kind: calendar                       # calendar | working (Chinese working days)
        +   day_kind: calendar
        +   reconsideration_days: 15
        --- submissions/2026/decisions.yaml
        -     wuhan-mechanical-engineering: {passed: true, verified: {independent_bank_account: true, finance_staff: true}}
        +     wuhan-mechanical-engineering: {passed: false, reason: 材料不全}
        -   final: {}
        +   final: {}
        + reconsiderations:
        +   - {id: 2026-fh-01, society: wuhan-mechanical-engineering, concerning: formal_review, received: "2026-11-30", status: pending}

    Passes::

        --- submissions/2026/call.yaml
        -   day_kind: calendar                       # calendar | working (Chinese working days)
        +   day_kind: calendar
        +   reconsideration_days: 15
        --- submissions/2026/decisions.yaml
        -     wuhan-mechanical-engineering: {passed: true, verified: {independent_bank_account: true, finance_staff: true}}
        +     wuhan-mechanical-engineering: {passed: false, reason: 材料不全}
        -   final: {}
        +   final: {}
        + reconsiderations:
        +   - {id: 2026-fh-01, society: wuhan-mechanical-engineering, concerning: formal_review, received: "2026-11-16", status: pending}
    """
    for cycle, dec in _cycles(data):
        if not dec.reconsiderations:
            continue
        days = cycle.call.reconsideration_days if cycle.call is not None else None
        if days is None:
            yield reconsideration_in_time.hit(dec.file, ("reconsiderations",), year=cycle.year)
            continue
        for r in dec.reconsiderations:
            notice = _notice_day(dec, r.concerning, r.society)
            if notice is None:
                continue  # RECON-001 says what is wrong with its target
            first, last = notice, notice + timedelta(days=days)
            if not first <= r.received <= last:
                what = "形式审查结论" if r.concerning == "formal_review" else f"异议 {r.concerning} 处理结论"
                yield reconsideration_in_time.hit(
                    dec.file,
                    ("reconsiderations", r.index, "received"),
                    "received",
                    received=r.received,
                    what=what,
                    notice=notice,
                    days=days,
                    first=first,
                    last=last,
                )


# --------------------------------------------------------------------------------------------- 递补
def _upheld(dec: Decisions, society: str) -> date | None:
    """The day an objection against ``society`` was upheld (None: none was)."""
    days = [o.resolved or o.received for o in dec.objections if o.society == society and o.status == "upheld"]
    return min(days) if days else None


@rule(
    "SUBST-001",
    ERROR,
    "四（二）",
    "递补按申报通知的规则进行：只替代异议成立而移出名单的拟表彰学会，档次相同，递补学会通过了形式审查且不在名单上",
    "A 递补 follows the call's rule: it replaces a proposed society removed by an upheld objection, same tier",
    messages={
        "": Message(
            "申报通知规定不递补（publicity.substitution: none），却记录了学会“{society}”递补。",
            "The call allows no substitution, yet {society} is recorded as one.",
            "如确需递补，请先在申报通知中写明 substitution: next_in_category；否则删除这一项。",
        ),
        "replaces": Message(
            "被替代的学会“{replaces}”不是异议成立（在 {decided} 之前）的拟表彰学会。",
            "{replaces} is not a proposed society removed by an objection upheld before {decided}.",
            "只有拟表彰学会因异议成立被移出后才能递补；请核对 replaces 和日期。",
        ),
        "tier": Message(
            "递补档次“{tier}”与被替代学会的档次“{replaced_tier}”不同。",
            "The substitute's tier {tier} differs from the replaced society's {replaced_tier}.",
            "递补学会按被替代学会的档次公示和表彰。",
        ),
        "society": Message(
            "递补学会“{society}”{detail}。",
            "{society} cannot be a substitute: {detail_en}.",
            "递补学会须通过形式审查，且不在拟表彰名单或其他递补中。",
        ),
    },
)
def substitution_allowed(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (the call does not allow substitution)::

        --- submissions/2026/decisions.yaml
        -   final: {}
        +   final: {}
        + substitutions:
        +   - {society: wuhan-mechanical-engineering, tier: 一等, replaces: wuhan-other, decided: "2026-12-01", reason: 异议成立后递补}

    Passes::

        (the minimal tree)
    """
    for cycle, dec in _cycles(data):
        rule_ = cycle.call.substitution if cycle.call is not None else "none"
        proposed = {p.society: p for p in dec.proposed}
        for sub in dec.substitutions:
            yield from _substitution_hits(dec, sub, rule_, proposed)


def _substitution_hits(
    dec: Decisions, sub: Substitution, rule_: str, proposed: Mapping[str, object]
) -> Iterator[Hit]:
    base = ("substitutions", sub.index)
    if rule_ == "none":
        yield substitution_allowed.hit(dec.file, (*base, "society"), society=sub.society)
    upheld = _upheld(dec, sub.replaces)
    replaced = next((p for p in dec.proposed if p.society == sub.replaces), None)
    if replaced is None or upheld is None or upheld > sub.decided:
        yield substitution_allowed.hit(
            dec.file, (*base, "replaces"), "replaces", replaces=sub.replaces, decided=sub.decided
        )
    elif sub.tier != replaced.tier:
        yield substitution_allowed.hit(
            dec.file, (*base, "tier"), "tier", tier=sub.tier, replaced_tier=replaced.tier
        )
    result = dec.formal_results.get(sub.society)
    earlier = {s.society for s in dec.substitutions[: sub.index]}
    if result is None or not result.passed:
        detail, detail_en = "没有通过形式审查", "it did not pass formal review"
    elif sub.society in proposed or sub.society in earlier:
        detail, detail_en = "已在拟表彰名单或此前的递补中", "it is already listed"
    else:
        return
    yield substitution_allowed.hit(
        dec.file, (*base, "society"), "society", society=sub.society, detail=detail, detail_en=detail_en
    )


def next_in_category(data: Dataset, cycle: Cycle, sub: Substitution) -> str | None:
    """Who the call's rule moves up in place of ``sub.replaces``: the best-ranked application that passed
    formal review, is neither proposed nor already moved up, has no upheld objection, and (when the profiles
    record categories) is in the replaced society's category (``categories.category_of``)."""
    dec = cycle.decisions
    if dec is None or cycle.results is None:
        return None
    taken = {p.society for p in dec.proposed} | {s.society for s in dec.substitutions[: sub.index]}
    eligible = set(ranked_societies(cycle)) - taken
    category = category_of(data, cycle.call, sub.replaces)  # "" for all when the call names no categories
    standings = sorted(
        (s for s in cycle.results.standings if s.total is not None and s.rank is not None),
        key=lambda s: (s.rank or 0, s.society),
    )
    for s in standings:
        if s.society not in eligible or _upheld(dec, s.society) is not None:
            continue
        if category_of(data, cycle.call, s.society) != category:
            continue
        return s.society
    return None


@rule(
    "SUBST-002",
    ERROR,
    "四（二）",
    "递补学会是同一类别中排名最高的未列入学会（申报通知 substitution: next_in_category）",
    "The substitute is the best-ranked society not yet listed, in the replaced one's category",
    message=Message(
        "按申报通知的递补规则，应由“{expected}”递补，而不是“{society}”。",
        "Under the call's rule {expected} moves up, not {society}.",
        "请按专家评审排名（同一类别）依次递补；排名以 results.yaml 为准。",
    ),
)
def substitution_next(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a substitute who has no ranking at all)::

        --- submissions/2026/call.yaml
        -   day_kind: calendar                       # calendar | working (Chinese working days)
        +   day_kind: calendar
        +   substitution: next_in_category
        --- submissions/2026/decisions.yaml
        -   final: {}
        +   final: {}
        + substitutions:
        +   - {society: wuhan-other, tier: 一等, replaces: wuhan-mechanical-engineering, decided: "2026-12-01", reason: 异议成立后递补}

    Passes::

        (the minimal tree)
    """
    for cycle, dec in _cycles(data):
        if cycle.call is None or cycle.call.substitution != "next_in_category":
            continue  # SUBST-001 says a substitution is not allowed
        for sub in dec.substitutions:
            expected = next_in_category(data, cycle, sub)
            if expected != sub.society:
                yield substitution_next.hit(
                    dec.file,
                    ("substitutions", sub.index, "society"),
                    expected=expected or "（没有可递补的学会）",
                    society=sub.society,
                )


def _window(cycle: Cycle, sub: Substitution) -> Window | None:
    try:
        return substitution_window(cycle, sub)
    except CalendarError:
        return None  # DEC-008 says why a window cannot be computed


@rule(
    "SUBST-003",
    ERROR,
    "四（二）",
    "递补学会单独公示（天数按申报通知，不少于十天），公示在递补决定之后开始，公示期满后才能表彰",
    "A substitute has a publicity period of its own, after the decision, and is commended only after it ends",
    messages={
        "": Message(
            "递补学会“{society}”没有单独公示，却已表彰。",
            "{society} was commended without a publicity period of its own.",
            "请先记录递补公示（substitutions 中的 publicity.start），公示期满且无异议后再表彰。",
        ),
        "date": Message(
            "递补学会“{society}”的公示 {start} 至 {end}，表彰日期 {commendation} 不在公示期满之后。",
            "{society}'s publicity runs {start}..{end}; the commendation on {commendation} is not after it.",
            "递补学会公示期满后才能表彰；可先表彰其他学会，并在 commendation.left_out 中说明该学会待公示期满。",
        ),
        "start": Message(
            "递补公示开始日期 {start} 早于递补决定日期 {decided}。",
            "The substitute's publicity starts on {start}, before the decision on {decided}.",
            "请核对日期。",
        ),
    },
)
def substitution_publicised(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (the substitute commended without its own publicity)::

        awarded: yes
        --- submissions/2026/decisions.yaml
        -   final: {}
        +   final: {}
        + substitutions:
        +   - {society: wuhan-mechanical-engineering, tier: 一等, replaces: wuhan-other, decided: "2026-12-01", reason: 异议成立后递补}

    Passes::

        awarded: yes
        --- submissions/2026/decisions.yaml
        -   final: {}
        +   final: {}
        + substitutions:
        +   - {society: wuhan-mechanical-engineering, tier: 一等, replaces: wuhan-other, decided: "2026-12-01", reason: 异议成立后递补, publicity: {start: "2026-12-02", channels: [本站]}}
    """
    for cycle, dec in _cycles(data):
        awarded = {a.society for a in dec.awards}
        for sub in dec.substitutions:
            base = ("substitutions", sub.index)
            if sub.publicity_start is not None and sub.publicity_start < sub.decided:
                yield substitution_publicised.hit(
                    dec.file,
                    (*base, "publicity", "start"),
                    "start",
                    start=sub.publicity_start,
                    decided=sub.decided,
                )
            if sub.society not in awarded or dec.commendation_date is None:
                continue
            win = _window(cycle, sub)
            if sub.publicity_start is None:
                yield substitution_publicised.hit(dec.file, (*base, "society"), society=sub.society)
            elif win is not None and dec.commendation_date <= win.end:
                yield substitution_publicised.hit(
                    dec.file,
                    ("commendation", "date"),
                    "date",
                    society=sub.society,
                    start=win.start,
                    end=win.end,
                    commendation=dec.commendation_date,
                )


@rule(
    "SUBST-004",
    ERROR,
    "四（二）",
    "表彰时，拟表彰（或递补）学会未被表彰的，须在 commendation.left_out 中写明理由；说明只针对名单上未表彰的学会",
    "At commendation, every proposed or substitute society not commended has a recorded reason",
    messages={
        "": Message(
            "学会“{society}”在拟表彰名单上，没有成立的异议，却未被表彰，也没有说明理由。",
            "{society} was proposed, has no upheld objection, and was left out without a reason.",
            "请表彰该学会，或在 commendation.left_out 中加上 - {{society: {society}, reason: …}}（理由将公开）。",
        ),
        "society": Message(
            "未予表彰说明中的学会“{society}”{detail}。",
            "{society} in left_out {detail_en}.",
            "left_out 只列拟表彰（或递补）名单上、本次未表彰的学会；请核对学会代号。",
        ),
    },
)
def left_out_explained(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a proposed society left out without a reason)::

        awarded: yes
        --- submissions/2026/decisions.yaml
        -   - {society: wuhan-mechanical-engineering, tier: 一等}
        +   - {society: wuhan-mechanical-engineering, tier: 一等}
        +   - {society: wuhan-other, tier: 二等, reason: 评审委员会决定}

    Passes::

        awarded: yes
        --- submissions/2026/decisions.yaml
        -   - {society: wuhan-mechanical-engineering, tier: 一等}
        +   - {society: wuhan-mechanical-engineering, tier: 一等}
        +   - {society: wuhan-other, tier: 二等, reason: 评审委员会决定}
        -   awards:
        +   left_out:
        +     - {society: wuhan-other, reason: 核实材料期间暂缓表彰}
        +   awards:
    """
    for _cycle, dec in _cycles(data):
        if dec.commendation_date is None:
            continue
        awarded = {a.society for a in dec.awards}
        listed = [p.society for p in dec.proposed] + [s.society for s in dec.substitutions]
        explained = {x.society for x in dec.left_out if x.reason.strip()}
        removed = {o.society for o in dec.objections if o.status == "upheld"}
        for society in dict.fromkeys(listed):
            if society not in awarded and society not in explained and society not in removed:
                yield left_out_explained.hit(dec.file, ("commendation", "date"), society=society)
        for x in dec.left_out:
            if x.society in awarded or x.society not in listed:
                detail, detail_en = (
                    ("已获表彰", "is also commended")
                    if x.society in awarded
                    else ("不在名单上", "was not listed")
                )
                yield left_out_explained.hit(
                    dec.file,
                    ("commendation", "left_out", x.index, "society"),
                    "society",
                    society=x.society,
                    detail=detail,
                    detail_en=detail_en,
                )


@rule(
    "SUBST-005",
    ERROR,
    "四（二）",
    "公示开始后，拟表彰名单不得增加学会；补上的学会须作为递补（substitutions）单独公示",
    "Once publicity has started no society is added to the proposed list; an addition is a 递补 of its own",
    message=Message(
        "{year} 年度拟表彰名单已于 {start} 开始公示，学会“{society}”是此后加入名单的，没有经过公示。",
        "The {year} list was publicised from {start}; {society} was added afterwards without publicity.",
        "请从 proposed 中删除该学会；如按申报通知递补，请记入 substitutions（写明被替代学会、理由和单独的公示）。",
    ),
)
def list_not_extended(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (the next society appended to the list after its publicity started)::

        pr: office-li
        now: 2026-12-06
        --- submissions/2026/decisions.yaml
        -   - {society: wuhan-mechanical-engineering, tier: 一等}
        +   - {society: wuhan-mechanical-engineering, tier: 一等}
        +   - {society: wuhan-other, tier: 二等, reason: 异议成立后递补}

    Passes (the same change before the publicity starts)::

        pr: office-li
        now: 2026-11-24
        --- submissions/2026/decisions.yaml
        -   - {society: wuhan-mechanical-engineering, tier: 一等}
        +   - {society: wuhan-mechanical-engineering, tier: 一等}
        +   - {society: wuhan-other, tier: 二等, reason: 异议成立后递补}
    """
    if ctx.base_publicised is None:
        return
    for cycle, dec in _cycles(data):
        before = ctx.base_publicised.get(cycle.year)
        if before is None or dec.publicity_start is None:
            continue
        for p in dec.proposed:
            if p.society not in before:
                yield list_not_extended.hit(
                    dec.file,
                    ("proposed", p.index, "society"),
                    year=cycle.year,
                    start=dec.publicity_start,
                    society=p.society,
                )


RULES = (
    publicity_days,
    call_text_matches,
    registers_entered,
    reconsiderations_well_formed,
    reconsideration_in_time,
    substitution_allowed,
    substitution_next,
    substitution_publicised,
    left_out_explained,
    list_not_extended,
)
