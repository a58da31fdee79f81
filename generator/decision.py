"""The expert-review committee's decision of a cycle, 四（二）: categories and their quotas, each society's place
in its category, the cut-offs, and each applicant's outcome with the recorded reason.

Pure functions from data to values, shared by the CDEC rules, ``xuehui rank``, the site and the letters.
Categories come from the call (``categories``, 分类实施): a call without categories is one category ``all`` with
the call's ``awards`` counts, and then the categories named in ``expert_review`` are labels whose places are
summed by tier (they cannot be checked against societies)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from msgspec import Struct

from generator.model import Cycle, Dataset, Decisions, two_decimals

ALL = "all"  # the one category of a call that names none
ALL_NAME = "全部申报学会"


class Category(Struct, frozen=True):
    id: str
    name: str
    quotas: tuple[tuple[str, int], ...]  # (tier, places) in the call's tier order


def categories(cycle: Cycle) -> tuple[Category, ...]:
    """The call's categories with their per-tier places; one category ``all`` when it names none."""
    call = cycle.call
    if call is None:
        return ()
    order = [a.tier for a in call.awards]
    out = []
    for c in call.categories:  # model.CallCategory: its quotas as (tier, count) in the listed order
        awards = dict(c.quotas)
        quotas = tuple((t, awards[t]) for t in order if t in awards)
        quotas += tuple((t, n) for t, n in awards.items() if t not in order)
        out.append(Category(c.id, c.name or c.id, quotas))
    if out:
        return tuple(out)
    return (Category(ALL, ALL_NAME, tuple((a.tier, a.count) for a in call.awards)),)


def categorised(cycle: Cycle) -> bool:
    return any(c.id != ALL for c in categories(cycle))


def category_of(data: Dataset, cycle: Cycle, society: str) -> str | None:
    """The society's category id (its profile's ``category``); ``all`` when the call names none."""
    if not categorised(cycle):
        return ALL
    profile = data.societies.get(society)
    return profile.category if profile is not None and profile.category else None


def category_name(cycle: Cycle, category: str) -> str:
    for c in categories(cycle):
        if c.id == category:
            return c.name
    return category


def totals(cycle: Cycle) -> dict[str, Decimal]:
    """Each scored society's recorded total (results.yaml)."""
    if cycle.results is None:
        return {}
    return {s.society: s.total for s in cycle.results.standings if s.total is not None}


def members(data: Dataset, cycle: Cycle, category: str) -> list[str]:
    """The scored societies of a category, highest total first."""
    scores = totals(cycle)
    mine = [s for s in scores if category_of(data, cycle, s) == category]
    return sorted(mine, key=lambda s: (-scores[s], s))


def category_rank(data: Dataset, cycle: Cycle, society: str) -> tuple[int, int] | None:
    """(rank, how many scored) of a society within its category; ties share the better rank."""
    scores = totals(cycle)
    category = category_of(data, cycle, society)
    if society not in scores or category is None:
        return None
    group = members(data, cycle, category)
    return 1 + sum(1 for s in group if scores[s] > scores[society]), len(group)


def cutoff(dec: Decisions, category: str | None, tier: str, strict: bool = True) -> Decimal | None:
    """The cut-off of a tier within a category. With ``category`` ``all`` (a call without categories) the
    labels' cut-offs are all candidates: the lowest when ``strict`` is False, else the highest."""
    found = dec.committee_decision.cutoffs if dec.committee_decision else ()
    exact = [c.score for c in found if c.category == category and c.tier == tier]
    if exact:
        return exact[0]
    if category == ALL:
        any_ = [c.score for c in found if c.tier == tier]
        if any_:
            return max(any_) if strict else min(any_)
    return None


def proposed_tier(dec: Decisions | None, society: str) -> str | None:
    if dec is None:
        return None
    return next((p.tier for p in dec.proposed if p.society == society), None)


class Outcome(Struct, frozen=True):
    """What the committee decided for one applicant: ``kind`` proposed | not_proposed | formal_failed |
    pending (no proposed list yet); ``tier`` when proposed; ``reason`` the recorded reason, "" if none."""

    kind: str
    tier: str | None
    reason: str


def _not_proposed_reason(
    data: Dataset, cycle: Cycle, dec: Decisions, society: str, scores: Mapping[str, Decimal] | None
) -> str:
    decision = dec.committee_decision
    if decision is not None:
        for x in decision.departures:
            if x.society == society:
                return x.reason
    category = category_of(data, cycle, society)
    total = (totals(cycle) if scores is None else scores).get(society)
    if total is None:
        return "没有有效的专家评分"
    tiers = [t for c in categories(cycle) if c.id == category for t, _n in c.quotas]
    lowest = tiers[-1] if tiers else None
    line = cutoff(dec, category, lowest, strict=False) if lowest else None
    words = []
    named = category_name(cycle, category) if category not in (None, ALL) else ""
    if line is not None and total < line:
        words.append(f"总分 {two_decimals(total)} 分，低于{named}{lowest}奖分数线 {two_decimals(line)} 分")
    for u in decision.unfilled if decision is not None else ():
        if u.category == category:
            words.append(f"{named}{u.tier}奖空缺 {u.places} 个：{u.reason.rstrip('。')}")
    return "；".join(words)


def outcome(
    data: Dataset, cycle: Cycle, society: str, scores: Mapping[str, Decimal] | None = None
) -> Outcome:
    """The committee's outcome for one applicant; ``scores`` (society → total) replace the recorded results
    where the totals were just computed from the committee repository."""
    dec = cycle.decisions
    if dec is not None:
        formal = dec.formal_results.get(society)
        if formal is not None and not formal.passed:
            return Outcome("formal_failed", None, formal.reason or "")
    if dec is None or not dec.proposed:
        return Outcome("pending", None, "")
    upheld = next((o for o in dec.objections if o.society == society and o.status == "upheld"), None)
    if upheld is not None:  # as status says: objection_upheld
        return Outcome("objection_upheld", None, f"异议成立，不予表彰（{upheld.id}）")
    substitute = next((sub for sub in dec.substitutions if sub.society == society), None)
    if substitute is not None:  # 递补: moved up into the place left, with its own publicity
        return Outcome("substitute", substitute.tier, f"递补（替代 {substitute.replaces}，单独公示）")
    tier = proposed_tier(dec, society)
    if tier is not None:
        return Outcome("proposed", tier, "")
    return Outcome("not_proposed", None, _not_proposed_reason(data, cycle, dec, society, scores))


VOTE_WORDS = ("赞成", "反对", "弃权")


def decision_sentences(cycle: Cycle, names: Mapping[str, str]) -> list[str]:
    """The committee's decision in words for the public (the cycle and publicity pages): the meeting,
    the cut-offs, every unfilled place and every departure with its reason. Empty before it is recorded."""
    dec = cycle.decisions
    decision = dec.committee_decision if dec else None
    if dec is None or decision is None:
        return []
    out = []
    if decision.present is not None:
        day = dec.expert_review_date
        when = f"于{day.year}年{day.month}月{day.day}日" if day else ""
        how = "协商一致" if decision.decision == "consensus" else "表决"
        if decision.votes is not None:
            how += (
                "（" + "、".join(f"{w}{n}票" for w, n in zip(VOTE_WORDS, decision.votes, strict=True)) + "）"
            )
        out.append(f"专家评审委员会{when}召开会议，到会委员{decision.present}人，经{how}确定拟表彰名单。")
    if decision.cutoffs:
        lines = "；".join(
            f"{category_name(cycle, c.category)}{c.tier}奖 {two_decimals(c.score)} 分"
            for c in decision.cutoffs
        )
        out.append(f"分数线（总分，含本数）：{lines}。")
    for u in decision.unfilled:
        out.append(f"{u.tier}奖{category_name(cycle, u.category)}空缺{u.places}个，原因：{u.reason}")
    for x in decision.departures:
        out.append(f"{names.get(x.society, x.society)}不按排名的说明：{x.reason}")
    return out
