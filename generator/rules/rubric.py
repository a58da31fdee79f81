"""The rubric and the one aggregation rule, 四（二）: the call's sub-items add up to each area's maximum,
reviews score the sub-items within their maxima, and the call states one aggregation rule (``scoring.
aggregation``) that replaces the old ``trim``/``trim_min_reviewers`` and that the call's minimum number of
scorers can always apply."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.categories import min_scorers_needed, rubric_sums
from generator.model import AREAS, Call, Cycle, Dataset, Review
from generator.rules.base import ERROR, WARNING, Context, Hit, Message, rule
from generator.scoring import conflicted, counted_scores, ranked_societies


@rule(
    "RUBR-001",
    ERROR,
    "四（二）",
    "评分细则中每个方面的子项满分之和等于该方面满分，子项编号不重复",
    "Each area's sub-item maxima sum to the area's maximum; sub-item ids are unique",
    messages={
        "": Message(
            "“{area}”方面各子项满分之和为 {total} 分，而该方面满分为 {top} 分。",
            "{area}: sub-items sum to {total}, the area's maximum is {top}.",
            "请调整 scoring.rubric.{area} 中各子项的 max，使其合计等于 scoring.max_points.{area}。",
        ),
        "duplicate": Message(
            "“{area}”方面的子项编号“{item}”重复。",
            "{area}: sub-item {item} is repeated.",
            "每个子项一个编号，请删除或改名重复的一项。",
        ),
    },
)
def rubric_adds_up(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (the innovation sub-items sum to 25, the area's maximum is 30)::

        --- submissions/2026/call.yaml
        -   max_points: {innovation: 30, society_government: 30, scientists: 20, self_development: 20}
        +   max_points: {innovation: 30, society_government: 30, scientists: 20, self_development: 20}
        +   rubric:
        +     innovation:
        +       - {id: academic, name: 学术交流, max: 15, anchors: {high: 高, middle: 中, low: 低}}
        +       - {id: transfer, name: 成果转化, max: 10, anchors: {high: 高, middle: 中, low: 低}}

    Passes::

        --- submissions/2026/call.yaml
        -   max_points: {innovation: 30, society_government: 30, scientists: 20, self_development: 20}
        +   max_points: {innovation: 30, society_government: 30, scientists: 20, self_development: 20}
        +   rubric:
        +     innovation:
        +       - {id: academic, name: 学术交流, max: 15, anchors: {high: 高, middle: 中, low: 低}}
        +       - {id: transfer, name: 成果转化, max: 15, anchors: {high: 高, middle: 中, low: 低}}
    """
    for year in sorted(data.cycles):
        call = data.cycles[year].call
        if call is None or not call.rubric:
            continue
        for area, total in rubric_sums(call).items():
            top = call.max_points.get(area)
            if top is not None and total != top:
                yield rubric_adds_up.hit(
                    call.file, ("scoring", "rubric", area), area=area, total=total, top=top
                )
            seen: set[str] = set()
            for item in call.rubric[area]:
                if item.id in seen:
                    yield rubric_adds_up.hit(
                        call.file,
                        ("scoring", "rubric", area, item.index, "id"),
                        "duplicate",
                        area=area,
                        item=item.id,
                    )
                seen.add(item.id)


@rule(
    "RUBR-002",
    ERROR,
    "四（二）",
    "申报通知有评分细则时，专家按子项打分：子项齐全、编号正确、不超过子项满分",
    "Under a rubric, reviews score every sub-item, by its id, within its maximum",
    messages={
        "": Message(
            "“{area}”方面子项“{item}”的分数 {value} 超出范围（0–{top} 分）。",
            "{area}.{item}: {value} is outside 0..{top}.",
            "该子项满分为 {top} 分（见 {year} 年度申报通知的 scoring.rubric）。",
        ),
        "flat": Message(
            "“{area}”方面只写了一个总数，申报通知为这一方面规定了评分子项。",
            "{area} is one number; the call's rubric has sub-items for it.",
            "请按子项打分，例如 {area}: {{{example}}}（方面得分为子项之和）。",
        ),
        "unknown": Message(
            "“{area}”方面没有子项“{item}”。",
            "{area} has no sub-item {item}.",
            "子项编号为：{items}（见 {year} 年度申报通知的 scoring.rubric）。",
        ),
        "missing": Message(
            "“{area}”方面缺少子项“{item}”的分数。",
            "{area}: sub-item {item} is not scored.",
            "请为该方面的每个子项打分：{items}。",
        ),
    },
)
def sub_items_scored(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (the call has a rubric for innovation; a review gives one number)::

        --- submissions/2026/call.yaml
        -   max_points: {innovation: 30, society_government: 30, scientists: 20, self_development: 20}
        +   max_points: {innovation: 30, society_government: 30, scientists: 20, self_development: 20}
        +   rubric:
        +     innovation:
        +       - {id: academic, name: 学术交流, max: 15, anchors: {high: 高, middle: 中, low: 低}}
        +       - {id: transfer, name: 成果转化, max: 15, anchors: {high: 高, middle: 中, low: 低}}

    Passes::

        (the minimal tree)
    """
    for year in sorted(data.cycles):
        cycle = data.cycles[year]
        if cycle.call is None or not cycle.call.rubric:
            continue
        for review in cycle.reviews.values():
            yield from _review_hits(cycle.call, review, year)


def _review_hits(call: Call, review: Review, year: int) -> Iterator[Hit]:
    for score in review.scores:
        for area in AREAS:
            items = call.rubric.get(area)
            if not items or area not in score.points:
                continue
            at: tuple[Any, ...] = ("scores", score.index, "points", area)
            names = "、".join(i.id for i in items)
            given = score.items.get(area)
            if given is None:
                example = ", ".join(f"{i.id}: …" for i in items)
                yield sub_items_scored.hit(review.file, at, "flat", area=area, example=example)
                continue
            maxima = {i.id: i.max for i in items}
            for item, value in given.items():
                if item not in maxima:
                    yield sub_items_scored.hit(
                        review.file, (*at, item), "unknown", area=area, item=item, items=names, year=year
                    )
                elif not 0 <= value <= maxima[item]:
                    yield sub_items_scored.hit(
                        review.file,
                        (*at, item),
                        area=area,
                        item=item,
                        value=value,
                        top=maxima[item],
                        year=year,
                    )
            for item in [i.id for i in items if i.id not in given]:
                yield sub_items_scored.hit(review.file, at, "missing", area=area, item=item, items=names)


@rule(
    "RUBR-003",
    ERROR,
    "四（二）",
    "申报通知写明唯一的汇总规则（scoring.aggregation），对每份申报一律适用，评分专家最少人数足以执行它",
    "The call states one aggregation rule, applied to every application, that its minimum of scorers can apply",
    messages={
        "legacy": Message(
            "评分办法使用旧字段 trim、trim_min_reviewers，本年度的申报因此按不同办法汇总："
            "{trimmed_list} 去掉了最高和最低分，{untrimmed_list} 没有去掉（回避人数不同）。",
            "The old trim fields aggregate this cycle's applications differently.",
            "请改为 aggregation: {{method: trimmed_mean, trim: 1}}（每份申报一律去掉 1 个最高和 1 个最低总分）"
            "或 {{method: mean}}，删除 trim 和 trim_min_reviewers，再重新记录汇总结果。",
        ),
        "mixed": Message(
            "评分办法同时写了 aggregation 和旧字段 trim、trim_min_reviewers，汇总规则不唯一。",
            "Both scoring.aggregation and the old trim fields are given.",
            "请删除 trim 和 trim_min_reviewers，只保留 aggregation。",
        ),
        "min_scorers": Message(
            "汇总规则去掉 {trim} 个最高和 {trim} 个最低总分，至少需要 {needed} 位评分专家，"
            "而评审规定的最少评分人数为 {min_scorers}。",
            "The rule needs {needed} scorers; the call's minimum is {min_scorers}.",
            "请把 review.min_scorers 提高到 {needed} 以上，或减少 trim。",
        ),
    },
)
def one_aggregation(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (two rules stated at once)::

        --- submissions/2026/call.yaml
        -   trim: 1                                  # with 5 or more reviewers, drop this many highest and lowest totals
        +   trim: 1
        +   aggregation: {method: trimmed_mean, trim: 1}

    Passes::

        --- submissions/2026/call.yaml
        -   trim: 1                                  # with 5 or more reviewers, drop this many highest and lowest totals
        +   aggregation: {method: trimmed_mean, trim: 1}
    """
    for year in sorted(data.cycles):
        cycle = data.cycles[year]
        call = cycle.call
        if call is None:
            continue
        if call.legacy_trim and call.aggregation is not None:
            yield one_aggregation.hit(call.file, ("scoring",), "mixed")
        elif call.legacy_trim:
            yield from _legacy_differs(cycle, data)
        minimum = call.review.min_scorers if call.review is not None else None  # the call's review block
        needed = min_scorers_needed(call)
        if call.aggregation is not None and isinstance(minimum, int) and minimum < needed:
            yield one_aggregation.hit(
                call.file,
                ("review", "min_scorers"),
                "min_scorers",
                trim=call.aggregation.trim,
                needed=needed,
                min_scorers=minimum,
            )


def _legacy_differs(cycle: Cycle, data: Dataset) -> Iterator[Hit]:
    """The old fields read as before (trim only from ``trim_min_reviewers`` scorers on); a finding only when
    that actually treats this cycle's applications differently."""
    call = cycle.call
    if call is None or call.trim <= 0:
        return
    counts = {s: len(items) for s, items in counted_scores(data, cycle).items() if items}
    trimmed = sorted(s for s, n in counts.items() if n >= call.trim_min_reviewers and n - 2 * call.trim >= 1)
    untrimmed = sorted(set(counts) - set(trimmed))
    if trimmed and untrimmed:
        yield one_aggregation.hit(
            call.file,
            ("scoring",),
            "legacy",
            severity=WARNING,
            trimmed_list="、".join(trimmed[:3]) + ("等" if len(trimmed) > 3 else ""),
            untrimmed_list="、".join(untrimmed[:3]) + ("等" if len(untrimmed) > 3 else ""),
        )


@rule(
    "RUBR-004",
    ERROR,
    "四（二）",
    "评审委员会中可为每份申报评分（不回避）的专家人数足以执行汇总规则（至少 2×trim+1 人）",
    "Enough committee members can score each application (not in conflict) for the stated rule",
    message=Message(
        "学会“{society}”的申报只有 {count} 位评审委员会成员可以评分（其余回避），汇总规则至少需要 {needed} 位。",
        "{society} has {count} eligible scorers; the rule needs {needed}.",
        "请增补评审委员会成员（{year}/committee.yaml 的 members），使每份申报都有至少 {needed} 位不需回避的专家。",
    ),
)
def enough_scorers(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (dropping 2 highest and 2 lowest needs 5 scorers; one of the 5 members is in conflict)::

        --- submissions/2026/call.yaml
        -   trim: 1                                  # with 5 or more reviewers, drop this many highest and lowest totals
        +   aggregation: {method: trimmed_mean, trim: 2}

    Passes::

        --- submissions/2026/call.yaml
        -   trim: 1                                  # with 5 or more reviewers, drop this many highest and lowest totals
        +   aggregation: {method: trimmed_mean, trim: 1}
    """
    for year in sorted(data.cycles):
        cycle = data.cycles[year]
        call = cycle.call
        if call is None or call.aggregation is None or not cycle.committee or cycle.committee_file is None:
            continue
        needed = min_scorers_needed(call)
        blocked = {
            m: conflicted(data, m, cycle.reviews[m].conflicts if m in cycle.reviews else ())
            for m in cycle.committee
        }
        for society in ranked_societies(cycle):
            count = sum(1 for m in cycle.committee if society not in blocked[m])
            if count < needed:
                yield enough_scorers.hit(
                    cycle.committee_file, ("members",), society=society, count=count, needed=needed, year=year
                )


RULES = (rubric_adds_up, sub_items_scored, one_aggregation, enough_scorers)
