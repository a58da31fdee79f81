"""Expert review, 四（二）: conflicts of interest, score ranges, one score per expert and application, scores
only for applications that are being reviewed, and missing scores.

The reviews, the pool and the committee are the committee repository's (``xuehui check --committee``); in
a check of the shared tree alone these rules find nothing to look at (COMM-001 says so once)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.conflicts import assigned_to
from generator.model import AREAS, Dataset
from generator.rules.base import ERROR, WARNING, Context, Hit, Message, rule
from generator.scoring import conflicted, ranked_societies


@rule(
    "REV-001",
    ERROR,
    "四（二）",
    "专家不得为本人所属或有利害关系的学会评分（回避）",
    "An expert may not score a society they are affiliated with",
    message=Message(
        "专家 {expert} 与学会“{society}”有关联（所属或声明回避），不得为其评分。",
        "{expert} is affiliated with {society} and may not score it.",
        "请删除这一条评分；评审委员会将按其余专家的评分计算。",
    ),
)
def conflict_of_interest(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (an expert scores a society they belong to)::

        +++ committee/2026/reviews/expert-sun.yaml
        + schema_version: 1
        + cycle: 2026
        + expert: expert-sun
        + conflicts: []
        + scores:
        +   - society: wuhan-mechanical-engineering
        +     points: {innovation: 20, society_government: 20, scientists: 15, self_development: 15}
        +     comment: 测试评分

    Passes::

        +++ committee/2026/reviews/expert-sun.yaml < committee/2026/committee.yaml
        - members: [expert-zhao, expert-qian, expert-sun, expert-li, expert-zhou]
        + expert: expert-sun
        + conflicts: [wuhan-mechanical-engineering]
        + scores: []
    """
    for year in sorted(data.cycles):
        for review in data.cycles[year].reviews.values():
            blocked = conflicted(data, review.expert, review.conflicts)
            for score in review.scores:
                if score.society in blocked:
                    yield conflict_of_interest.hit(
                        review.file,
                        ("scores", score.index, "society"),
                        expert=review.expert,
                        society=score.society,
                    )


@rule(
    "REV-002",
    ERROR,
    "四（二）",
    "各方面分数在 0 到申报通知规定的满分之间，四个方面齐全",
    "Points per area are between 0 and the call's maximum, for all four areas",
    message=Message(
        "“{area}”方面的分数 {value} 超出范围（0–{top} 分）。",
        "{area}: {value} is outside 0..{top}.",
        "该方面满分为 {top} 分（见 {year} 年度申报通知的 scoring.max_points）。",
    ),
)
def points_in_range(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a score above the area's maximum)::

        --- committee/2026/reviews/expert-qian.yaml
        -     points: {innovation: 25, society_government: 25, scientists: 17, self_development: 16}
        +     points: {innovation: 31, society_government: 25, scientists: 17, self_development: 16}

    Passes::

        --- committee/2026/reviews/expert-qian.yaml
        -     points: {innovation: 25, society_government: 25, scientists: 17, self_development: 16}
        +     points: {innovation: 30, society_government: 25, scientists: 17, self_development: 16}
    """
    for year in sorted(data.cycles):
        cycle = data.cycles[year]
        if cycle.call is None:
            continue
        maxima = cycle.call.max_points
        for review in cycle.reviews.values():
            for score in review.scores:
                for area in AREAS:
                    value = score.points.get(area)
                    top = maxima.get(area)
                    if value is None or top is None:
                        continue
                    if not 0 <= value <= top:
                        yield points_in_range.hit(
                            review.file,
                            ("scores", score.index, "points", area),
                            area=area,
                            value=value,
                            top=top,
                            year=year,
                        )


@rule(
    "REV-003",
    ERROR,
    "四（二）",
    "每位专家对每份申报只评分一次",
    "An expert scores each application once",
    message=Message(
        "对学会“{society}”重复评分。",
        "{society} is scored twice.",
        "每份申报只保留一条评分，请删除重复的一条。",
    ),
)
def scored_once(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (an expert scores the same application twice)::

        --- committee/2026/reviews/expert-zhou.yaml
        -     comment: 标准与培训工作扎实。
        +     comment: 标准与培训工作扎实。
        +   - society: wuhan-mechanical-engineering
        +     points: {innovation: 20, society_government: 20, scientists: 15, self_development: 15}
        +     comment: 测试评分

    Passes::

        (the minimal tree)
    """
    for year in sorted(data.cycles):
        for review in data.cycles[year].reviews.values():
            seen: set[str] = set()
            for score in review.scores:
                if score.society in seen:
                    yield scored_once.hit(
                        review.file, ("scores", score.index, "society"), society=score.society
                    )
                seen.add(score.society)


@rule(
    "REV-004",
    ERROR,
    "四（二）",
    "只为通过形式审查、进入专家评审的申报评分；评分专家是评审委员会成员",
    "Scores only for applications under review, by committee members",
    messages={
        "": Message(
            "专家 {expert} 不在 {year} 年度评审委员会名单中。",
            "{expert} is not on the {year} committee.",
            "评审委员会名单见委员会仓库的 {year}/committee.yaml（members）。",
        ),
        "society": Message(
            "学会“{society}”在 {year} 年度没有进入专家评审的申报。",
            "{society} has no application under review in {year}.",
            "只为通过形式审查的申报评分；请核对学会代号。",
        ),
        "no_committee": Message(
            "{year} 年度有专家评分，但评审委员会仓库中没有 {year}/committee.yaml（委员会名单）。",
            "{year} has reviews but no committee membership file.",
            "请专项办公室提交 {year}/committee.yaml（members: 本年度评审委员会的专家编号）。",
        ),
    },
)
def scores_for_reviewed_applications(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a reviewer who is not on the committee)::

        --- committee/2026/committee.yaml
        - members: [expert-zhao, expert-qian, expert-sun, expert-li, expert-zhou]
        + members: [expert-zhao, expert-qian, expert-sun, expert-li]

    Passes::

        (the minimal tree)
    """
    for year in sorted(data.cycles):
        cycle = data.cycles[year]
        reviewed = set(ranked_societies(cycle))
        committee = cycle.committee or ()
        for review in cycle.reviews.values():
            if committee and review.expert not in committee:
                yield scores_for_reviewed_applications.hit(
                    review.file, ("expert",), expert=review.expert, year=year
                )
            for score in review.scores:
                if score.society in data.societies and score.society not in reviewed:
                    yield scores_for_reviewed_applications.hit(
                        review.file,
                        ("scores", score.index, "society"),
                        "society",
                        society=score.society,
                        year=year,
                    )


@rule(
    "REV-005",
    WARNING,
    "四（二）",
    "评审委员会成员为每份应评申报打分（专家评审日之前为警告，之后为错误）",
    "Every committee member scores every application due (warning before the review date, error after)",
    messages={
        "": Message(
            "专家 {expert} 尚未为 {count} 份申报评分：{missing_list}{more}。",
            "{expert} has not scored {count} application(s).",
            "专家评审日为 {due}，届时须完成全部评分。",
        ),
        "no_date": Message(
            "专家 {expert} 尚未为 {count} 份申报评分：{missing_list}{more}。",
            "{expert} has not scored {count} application(s).",
            "请在专家评审前完成全部评分。",
        ),
    },
)
def missing_scores(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a committee member has not scored after the review date)::

        del committee/2026/reviews/expert-li.yaml

    Passes::

        (the minimal tree)
    """
    today = data.today(ctx.now)
    for year in sorted(data.cycles):
        cycle = data.cycles[year]
        dec = cycle.decisions
        if (
            dec is None
            or not cycle.committee
            or cycle.committee_file is None
            or dec.formal_review_date is None
        ):
            continue
        due = dec.expert_review_date
        overdue = due is not None and due <= today
        reviewed = ranked_societies(cycle)
        for i, expert in enumerate(cycle.committee):
            review = cycle.reviews.get(expert)
            scored = {s.society for s in review.scores} if review else set()
            blocked = conflicted(data, expert, review.conflicts if review else ())
            mine = assigned_to(cycle, expert)  # with assignments.yaml: only the applications assigned
            missing = [
                s for s in reviewed if s not in scored and s not in blocked and (mine is None or s in mine)
            ]
            if missing:
                file, path = (review.file, ("scores",)) if review else (cycle.committee_file, ("members", i))
                yield missing_scores.hit(
                    file,
                    path,
                    "" if due else "no_date",
                    severity=ERROR if overdue else WARNING,
                    expert=expert,
                    count=len(missing),
                    missing_list="、".join(missing[:5]),
                    more="等" if len(missing) > 5 else "",
                    due=due,
                )


RULES = (conflict_of_interest, points_in_range, scored_once, scores_for_reviewed_applications, missing_scores)
