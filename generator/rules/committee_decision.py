"""The expert-review committee's decision and its reasons, 四（二）(CDEC): every unfilled place and every
departure from the ranking has a recorded reason, a vote fits the members present, and the cut-offs agree with
the proposed list and the recorded results. They apply once the decision is recorded in ``expert_review``
(``meeting``, ``cutoffs``, ``unfilled``, ``departures``; generator.model.CommitteeDecision); categories come
from the call, or one category ``all`` (generator.decision)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from generator.decision import ALL, categories, categorised, category_of, cutoff, totals
from generator.model import Cycle, Dataset, Decisions, two_decimals
from generator.rules.base import ERROR, WARNING, Context, Hit, Message, rule


def _decided(data: Dataset) -> Iterator[tuple[Cycle, Decisions]]:
    """Cycles whose committee decision is recorded and whose proposed list exists."""
    for year in sorted(data.cycles):
        cycle = data.cycles[year]
        dec = cycle.decisions
        if dec is not None and dec.committee_decision is not None and dec.proposed and cycle.call:
            yield cycle, dec


def _proposed_in(data: Dataset, cycle: Cycle, dec: Decisions, category: str, tier: str) -> int:
    return sum(1 for p in dec.proposed if p.tier == tier and category_of(data, cycle, p.society) == category)


def _recorded_places(cycle: Cycle, dec: Decisions, category: str, tier: str) -> int:
    unfilled = dec.committee_decision.unfilled if dec.committee_decision else ()
    mine = [u for u in unfilled if u.tier == tier and (u.category == category or category == ALL)]
    return sum(u.places for u in mine)


@rule(
    "CDEC-001",
    ERROR,
    "四（二）",
    "某类别某等级拟表彰数少于名额时，评审委员会记录空缺个数与理由（expert_review.unfilled）",
    "Fewer proposed than the places of a category and tier: the committee records the unfilled places and why",
    messages={
        "": Message(
            "{category}{tier}奖名额 {quota} 个，拟表彰 {count} 个，空缺 {gap} 个，但 expert_review.unfilled 记录了 {recorded} 个。",
            "{category} {tier}: {quota} places, {count} proposed, {gap} unfilled but {recorded} recorded.",
            "请在 expert_review.unfilled 中写一项 {{category: {category_id}, tier: {tier}, places: {gap}, reason: 评审委员会的理由}}，或按名额补足拟表彰名单。",
        ),
        "extra": Message(
            "expert_review.unfilled 记录{category}{tier}奖空缺，但该类别该等级的名额已经用满（名额 {quota} 个，拟表彰 {count} 个）。",
            "An unfilled entry for {category} {tier}, whose places are all filled.",
            "请删除这一项，或核对拟表彰名单。",
        ),
        "unknown": Message(
            "expert_review.unfilled 中的类别“{category_id}”或等级“{tier}”不在申报通知中。",
            "Unknown category {category_id!r} or tier {tier!r}.",
            "请使用申报通知 categories 的类别代号和 awards 的等级名称。",
        ),
    },
)
def unfilled_recorded(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (places left empty without a recorded reason)::

        --- submissions/2026/decisions.yaml
        -   date: "2026-11-20"
        +   date: "2026-11-20"
        +   meeting: {present: 5, decision: consensus}

    Passes (the unfilled places and the reason recorded)::

        --- submissions/2026/decisions.yaml
        -   date: "2026-11-20"
        +   date: "2026-11-20"
        +   meeting: {present: 5, decision: consensus}
        +   unfilled:
        +     - {category: all, tier: 一等, places: 2, reason: 其余学会未达到分数线}
        +     - {category: all, tier: 二等, places: 7, reason: 其余学会未达到分数线}
    """
    for cycle, dec in _decided(data):
        cats = categories(cycle)
        known = {(c.id, t) for c in cats for t, _n in c.quotas}
        for u in dec.committee_decision.unfilled if dec.committee_decision else ():
            if categorised(cycle) and (u.category, u.tier) not in known:
                path = ("expert_review", "unfilled", u.index, "category")
                yield unfilled_recorded.hit(dec.file, path, "unknown", category_id=u.category, tier=u.tier)
        for c in cats:
            for tier, quota in c.quotas:
                count = _proposed_in(data, cycle, dec, c.id, tier)
                recorded = _recorded_places(cycle, dec, c.id, tier)
                gap = max(quota - count, 0)
                if gap == recorded:
                    continue
                values: dict[str, Any] = {
                    "category": c.name if c.id != ALL else "",
                    "category_id": c.id,
                    "tier": tier,
                }
                values |= {"quota": quota, "count": count, "gap": gap, "recorded": recorded}
                variant = "extra" if gap == 0 else ""
                yield unfilled_recorded.hit(dec.file, ("expert_review",), variant, **values)


def _departed(dec: Decisions, *societies: str) -> bool:
    decision = dec.committee_decision
    named = {x.society for x in decision.departures} if decision else set()
    return any(s in named for s in societies)


@rule(
    "CDEC-002",
    ERROR,
    "四（二）",
    "拟表彰名单不按同类别的排名（总分较低的排在较高的之上，或低于分数线仍列入）时，记录理由（expert_review.departures）",
    "A proposed list that departs from the ranking within a category records why (expert_review.departures)",
    messages={
        "": Message(
            "学会“{society}”（总分 {total}）拟评{tier}奖，而同类别总分更高的“{other}”（总分 {other_total}）{other_place}，expert_review.departures 没有记录理由。",
            "{society} ({total}) is proposed as {tier} above higher-scored {other} ({other_total}) without a recorded reason.",
            "请按同类别排名调整拟表彰名单，或在 expert_review.departures 中写 {{society: {society}, reason: 评审委员会的理由}}。",
        ),
        "cutoff": Message(
            "学会“{society}”总分 {total}，低于{tier}奖分数线 {line}，却列入拟表彰名单，expert_review.departures 没有记录理由。",
            "{society} ({total}) is below the {tier} cut-off {line} but proposed, with no recorded reason.",
            "请核对分数线与名单，或在 expert_review.departures 中写 {{society: {society}, reason: 评审委员会的理由}}。",
        ),
    },
)
def departures_recorded(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a lower total proposed above a higher one)::

        --- submissions/2026/decisions.yaml
        -   date: "2026-11-20"
        +   date: "2026-11-20"
        +   meeting: {present: 5, decision: consensus}
        +   cutoffs: [{category: all, tier: 一等, score: 99.00}]

    Passes::

        --- submissions/2026/decisions.yaml
        -   date: "2026-11-20"
        +   date: "2026-11-20"
        +   meeting: {present: 5, decision: consensus}
        +   cutoffs: [{category: all, tier: 一等, score: 99.00}]
        +   departures: [{society: wuhan-mechanical-engineering, reason: 评审委员会认为其服务创新业绩突出}]
    """
    for cycle, dec in _decided(data):
        scores = totals(cycle)
        order = {a.tier: i for i, a in enumerate(cycle.call.awards)} if cycle.call else {}
        tiers = {p.society: p.tier for p in dec.proposed}
        for p in dec.proposed:
            mine = scores.get(p.society)
            category = category_of(data, cycle, p.society)
            if mine is None or p.reason or _departed(dec, p.society):
                continue
            values: dict[str, Any] = {"society": p.society, "total": two_decimals(mine), "tier": p.tier}
            line = cutoff(dec, category, p.tier, strict=False)
            where = ("proposed", p.index, "society")
            if line is not None and mine < line:
                yield departures_recorded.hit(dec.file, where, "cutoff", line=two_decimals(line), **values)
                continue
            for other, total in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
                if total <= mine or category_of(data, cycle, other) != category or _departed(dec, other):
                    continue
                theirs = tiers.get(other)
                if theirs is not None and order.get(theirs, 99) <= order.get(p.tier, 99):
                    continue
                place = "未列入" if theirs is None else f"只拟评{theirs}奖"
                yield departures_recorded.hit(
                    dec.file, where, other=other, other_total=two_decimals(total), other_place=place, **values
                )
                break


@rule(
    "CDEC-003",
    ERROR,
    "四（二）",
    "评审委员会表决时记录票数，赞成、反对、弃权合计不超过到会人数",
    "A committee vote records its counts, which do not exceed the members present",
    messages={
        "": Message(
            "表决票数合计 {cast}（赞成 {yes}、反对 {no}、弃权 {abstain}）超过到会人数 {present}。",
            "{cast} votes cast but only {present} present.",
            "请核对会议记录中的到会人数和票数。",
        ),
        "missing": Message(
            "评审委员会以表决（vote）作出决定，但没有记录票数（votes）。",
            "A vote without its counts.",
            "请写 votes: {{for: 赞成票数, against: 反对票数, abstain: 弃权票数}}，或把 decision 改为 consensus。",
        ),
    },
)
def votes_fit(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (more votes than members present)::

        --- submissions/2026/decisions.yaml
        -   date: "2026-11-20"
        +   date: "2026-11-20"
        +   meeting: {present: 5, decision: vote, votes: {for: 5, against: 1, abstain: 0}}

    Passes::

        --- submissions/2026/decisions.yaml
        -   date: "2026-11-20"
        +   date: "2026-11-20"
        +   meeting: {present: 5, decision: vote, votes: {for: 4, against: 1, abstain: 0}}
    """
    for year in sorted(data.cycles):
        dec = data.cycles[year].decisions
        decision = dec.committee_decision if dec else None
        if dec is None or decision is None or decision.decision != "vote" or decision.present is None:
            continue
        if decision.votes is None:
            yield votes_fit.hit(dec.file, ("expert_review", "meeting", "decision"), "missing")
            continue
        yes, no, abstain = decision.votes
        if yes + no + abstain > decision.present:
            path = ("expert_review", "meeting", "votes")
            values: dict[str, Any] = {"yes": yes, "no": no, "abstain": abstain, "present": decision.present}
            yield votes_fit.hit(dec.file, path, cast=yes + no + abstain, **values)


def _tier_order(cycle: Cycle) -> dict[str, int]:
    return {a.tier: i for i, a in enumerate(cycle.call.awards)} if cycle.call else {}


@rule(
    "CDEC-004",
    ERROR,
    "四（二）",
    "分数线与拟表彰名单和汇总结果一致：等级越高分数线不低，达到分数线的学会列入该等级或写明理由",
    "Cut-offs agree with the proposed list and the results",
    messages={
        "": Message(
            "学会“{society}”总分 {total} 达到{tier}奖分数线 {line}，却{place}，expert_review.departures 没有记录理由。",
            "{society} ({total}) meets the {tier} cut-off {line} but is {place_en}.",
            "请核对分数线（应为该等级拟表彰学会的最低总分），或在 expert_review.departures 中写明理由。",
        ),
        "unknown": Message(
            "分数线的类别“{category}”或等级“{tier}”不在申报通知中。",
            "Unknown category {category!r} or tier {tier!r}.",
            "请使用申报通知 categories 的类别代号和 awards 的等级名称。",
        ),
        "order": Message(
            "类别“{category}”的{tier}奖分数线 {line} 低于较低等级{lower}奖的分数线 {lower_line}。",
            "The {tier} cut-off is below the {lower} cut-off in {category}.",
            "请核对分数线：等级越高，分数线不应越低。",
        ),
        "missing": Message(
            "已记录评审委员会的分数线，但类别“{category}”的{tier}奖没有分数线。",
            "No cut-off for {tier} in {category}.",
            "请在 expert_review.cutoffs 中补上 {{category: {category}, tier: {tier}, score: 该等级拟表彰学会的最低总分}}。",
        ),
    },
)
def cutoffs_agree(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a higher tier's cut-off below a lower tier's)::

        --- submissions/2026/decisions.yaml
        -   date: "2026-11-20"
        +   date: "2026-11-20"
        +   meeting: {present: 5, decision: consensus}
        +   cutoffs: [{category: all, tier: 一等, score: 70.00}, {category: all, tier: 二等, score: 80.00}]

    Passes::

        --- submissions/2026/decisions.yaml
        -   date: "2026-11-20"
        +   date: "2026-11-20"
        +   meeting: {present: 5, decision: consensus}
        +   cutoffs: [{category: all, tier: 一等, score: 80.00}, {category: all, tier: 二等, score: 70.00}]
    """
    for cycle, dec in _decided(data):
        yield from _cutoff_shape(data, cycle, dec)
        yield from _cutoff_met(data, cycle, dec)


def _cutoff_shape(data: Dataset, cycle: Cycle, dec: Decisions) -> Iterator[Hit]:
    decision = dec.committee_decision
    found = decision.cutoffs if decision else ()
    if not found:
        return
    cats = categories(cycle)
    known = {(c.id, t) for c in cats for t, _n in c.quotas}
    order = _tier_order(cycle)
    for c in found:
        if (categorised(cycle) and (c.category, c.tier) not in known) or c.tier not in order:
            path = ("expert_review", "cutoffs", c.index, "category")
            yield cutoffs_agree.hit(dec.file, path, "unknown", category=c.category, tier=c.tier)
            continue
        for lower in found:
            if (
                lower.category == c.category
                and order.get(lower.tier, -1) > order[c.tier]
                and lower.score > c.score
            ):
                path = ("expert_review", "cutoffs", c.index, "score")
                line, lower_line = two_decimals(c.score), two_decimals(lower.score)
                values: dict[str, Any] = {"category": c.category, "tier": c.tier, "lower": lower.tier}
                yield cutoffs_agree.hit(dec.file, path, "order", line=line, lower_line=lower_line, **values)
    proposed = {(p.tier, category_of(data, cycle, p.society)) for p in dec.proposed}
    for category in cats:
        for tier, _n in category.quotas:
            if (tier, category.id) in proposed and cutoff(dec, category.id, tier, strict=False) is None:
                yield cutoffs_agree.hit(
                    dec.file,
                    ("expert_review", "cutoffs"),
                    "missing",
                    WARNING,
                    category=category.id,
                    tier=tier,
                )


def _cutoff_met(data: Dataset, cycle: Cycle, dec: Decisions) -> Iterator[Hit]:
    """A society at or above a tier's cut-off that is neither proposed for that tier nor a higher one."""
    decision = dec.committee_decision
    order = _tier_order(cycle)
    tiers = {p.society: p.tier for p in dec.proposed}
    scores: dict[str, Decimal] = totals(cycle)
    for c in decision.cutoffs if decision else ():
        if c.tier not in order:
            continue
        for society, total in sorted(scores.items()):
            if category_of(data, cycle, society) != c.category or total < c.score:
                continue
            theirs = tiers.get(society)
            if theirs is not None and order.get(theirs, 99) <= order[c.tier]:
                continue
            if _departed(dec, society):
                continue
            place = "未列入拟表彰名单" if theirs is None else f"只拟评{theirs}奖"
            place_en = "not proposed" if theirs is None else f"proposed as {theirs} only"
            values: dict[str, Any] = {"society": society, "total": two_decimals(total), "tier": c.tier}
            path = ("expert_review", "cutoffs", c.index, "score")
            yield cutoffs_agree.hit(
                dec.file, path, line=two_decimals(c.score), place=place, place_en=place_en, **values
            )


RULES = (unfilled_recorded, departures_recorded, votes_fit, cutoffs_agree)
