"""Categories (分类实施), 一（三）1: each applicant's profile names a category the call defines, the categories'
quotas add up to the call's awards, and the proposed list stays within each category's quota per tier (fewer
is allowed: the committee may leave places unfilled, 四（二））. The recorded results rank within the categories
the profiles name now."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from generator.categories import UNCATEGORISED, category_of, quota_sums
from generator.model import Cycle, Dataset
from generator.rules.base import ERROR, Context, Hit, Message, rule


def _categorised(data: Dataset) -> Iterator[Cycle]:
    for year in sorted(data.cycles):
        cycle = data.cycles[year]
        if cycle.call is not None and cycle.call.categories:
            yield cycle


@rule(
    "CAT-001",
    ERROR,
    "一（三）",
    "申报通知分类实施时，每个申报学会的档案写明通知定义的类别（category）",
    "When the call defines categories, each applicant's profile names one of them",
    messages={
        "": Message(
            "学会“{society}”申报了 {year} 年度，但档案中没有写申报类别（category）。",
            "{society} applies in {year} but its profile names no category.",
            "请在学会档案中加一行 category: <类别编号>，可选：{choices}（见 {year} 年度申报通知的 categories）。",
        ),
        "unknown": Message(
            "学会档案中的类别“{category}”不是 {year} 年度申报通知定义的类别。",
            "{category} is not a category of the {year} call.",
            "请改为 {choices} 之一（见 {year} 年度申报通知的 categories）。",
        ),
    },
)
def profile_category(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (the call defines categories; the applicant's profile names none)::

        --- submissions/2026/call.yaml
        - publicity:
        + categories:
        +   - {id: engineering, name: 工程技术类, awards: [{tier: 一等, count: 3}, {tier: 二等, count: 7}]}
        + publicity:

    Passes::

        --- submissions/2026/call.yaml
        - publicity:
        + categories:
        +   - {id: engineering, name: 工程技术类, awards: [{tier: 一等, count: 3}, {tier: 二等, count: 7}]}
        + publicity:
        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - name: 武汉市机械工程学会
        + name: 武汉市机械工程学会
        + category: engineering
    """
    for cycle in _categorised(data):
        call = cycle.call
        assert call is not None
        choices = "、".join(c.id for c in call.categories)
        for society in sorted({a.society for a in cycle.applications.values()}):
            profile = data.societies.get(society)
            if profile is None or category_of(data, call, society) != UNCATEGORISED:
                continue
            if profile.category is None:
                yield profile_category.hit(
                    profile.file, (), society=society, year=cycle.year, choices=choices
                )
            else:
                yield profile_category.hit(
                    profile.file,
                    ("category",),
                    "unknown",
                    category=profile.category,
                    year=cycle.year,
                    choices=choices,
                )


@rule(
    "CAT-002",
    ERROR,
    "一（三）",
    "各类别同一档次的名额之和等于申报通知 awards 中该档次的名额；类别编号不重复",
    "Per tier, the categories' quotas sum to the call's awards; category ids are unique",
    messages={
        "": Message(
            "“{tier}”各类别名额之和为 {total} 个，而 awards 中为 {count} 个。",
            "{tier}: categories sum to {total}, awards say {count}.",
            "请调整 categories 中各类别的名额，使其合计等于 awards 中“{tier}”的名额。",
        ),
        "tier": Message(
            "类别“{category}”的档次“{tier}”不在 awards 中。",
            "{category}: tier {tier} is not in awards.",
            "档次名称须与 awards 中的相同：{tiers}。",
        ),
        "duplicate": Message(
            "类别编号“{category}”重复。",
            "Category id {category} is repeated.",
            "每个类别一个编号，请删除或改名重复的一项。",
        ),
    },
)
def quotas_add_up(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (the categories' 二等 quotas sum to 6, the awards say 7)::

        --- submissions/2026/call.yaml
        - publicity:
        + categories:
        +   - {id: engineering, name: 工程技术类, awards: [{tier: 一等, count: 3}, {tier: 二等, count: 6}]}
        + publicity:

    Passes::

        --- submissions/2026/call.yaml
        - publicity:
        + categories:
        +   - {id: engineering, name: 工程技术类, awards: [{tier: 一等, count: 2}, {tier: 二等, count: 4}]}
        +   - {id: life-earth, name: 生命、农业与地球环境类, awards: [{tier: 一等, count: 1}, {tier: 二等, count: 3}]}
        + publicity:
    """
    for cycle in _categorised(data):
        call = cycle.call
        assert call is not None
        tiers = {a.tier for a in call.awards}
        seen: set[str] = set()
        for cat in call.categories:
            if cat.id in seen:
                yield quotas_add_up.hit(
                    call.file, ("categories", cat.index, "id"), "duplicate", category=cat.id
                )
            seen.add(cat.id)
            for j, (tier, _count) in enumerate(cat.quotas):
                if tier not in tiers:
                    yield quotas_add_up.hit(
                        call.file,
                        ("categories", cat.index, "awards", j, "tier"),
                        "tier",
                        category=cat.id,
                        tier=tier,
                        tiers="、".join(a.tier for a in call.awards),
                    )
        sums = quota_sums(call)
        for award in call.awards:
            if sums.get(award.tier, 0) != award.count:
                yield quotas_add_up.hit(
                    call.file,
                    ("categories",),
                    tier=award.tier,
                    total=sums.get(award.tier, 0),
                    count=award.count,
                )


@rule(
    "CAT-003",
    ERROR,
    "一（三）",
    "拟表彰名单在每个类别、每个档次不超过该类别的名额（少于名额可以，名额可以空缺）",
    "The proposed list stays within each category's quota per tier (fewer is allowed)",
    message=Message(
        "类别“{category}”的“{tier}”拟表彰 {count} 个，超过本类名额 {quota} 个。",
        "{category}: {count} proposed for {tier}, quota {quota}.",
        "请按本类别的排名只列名额以内的学会（见申报通知 categories）；名额可以空缺，但不能超出。",
    ),
)
def proposed_within_category(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a 一等 place proposed in a category whose 一等 quota is 0)::

        --- submissions/2026/call.yaml
        - publicity:
        + categories:
        +   - {id: engineering, name: 工程技术类, awards: [{tier: 一等, count: 0}, {tier: 二等, count: 7}]}
        +   - {id: other, name: 其他, awards: [{tier: 一等, count: 3}, {tier: 二等, count: 0}]}
        + publicity:
        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - name: 武汉市机械工程学会
        + name: 武汉市机械工程学会
        + category: engineering

    Passes::

        --- submissions/2026/call.yaml
        - publicity:
        + categories:
        +   - {id: engineering, name: 工程技术类, awards: [{tier: 一等, count: 1}, {tier: 二等, count: 3}]}
        +   - {id: other, name: 其他, awards: [{tier: 一等, count: 2}, {tier: 二等, count: 4}]}
        + publicity:
        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - name: 武汉市机械工程学会
        + name: 武汉市机械工程学会
        + category: engineering
    """
    for cycle in _categorised(data):
        call, dec = cycle.call, cycle.decisions
        if call is None or dec is None:
            continue
        used: Counter[tuple[str, str]] = Counter()
        last: dict[tuple[str, str], int] = {}
        for p in dec.proposed:
            key = (category_of(data, call, p.society), p.tier)
            used[key] += 1
            last[key] = p.index
        for (cat_id, tier), count in sorted(used.items()):
            cat = call.category(cat_id)
            quota = dict(cat.quotas).get(tier, 0) if cat is not None else None
            if quota is not None and count > quota:
                yield proposed_within_category.hit(
                    dec.file,
                    ("proposed", last[(cat_id, tier)], "tier"),
                    category=cat_id,
                    tier=tier,
                    count=count,
                    quota=quota,
                )


@rule(
    "CAT-004",
    ERROR,
    "一（三）",
    "记录的汇总结果按学会档案现在所属的类别排名",
    "The recorded results rank each society in the category its profile names now",
    message=Message(
        "汇总结果把学会“{society}”排在类别“{recorded}”，而它现在属于“{current}”。",
        "{society} is ranked in {recorded} but belongs to {current}.",
        "请核对学会档案的 category；确认后重新记录汇总结果（xuehui rank --committee … --record）。",
    ),
)
def results_in_category(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (the results were recorded in one pool; the call now defines categories)::

        rerecord: no
        --- submissions/2026/call.yaml
        - publicity:
        + categories:
        +   - {id: engineering, name: 工程技术类, awards: [{tier: 一等, count: 3}, {tier: 二等, count: 7}]}
        + publicity:
        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - name: 武汉市机械工程学会
        + name: 武汉市机械工程学会
        + category: engineering

    Passes::

        (the minimal tree)
    """
    for cycle in _categorised(data):
        if cycle.results is None:
            continue
        for s in cycle.results.standings:
            current = category_of(data, cycle.call, s.society)
            if (s.category or UNCATEGORISED) != current:
                yield results_in_category.hit(
                    cycle.results.file,
                    ("standings", s.index, "society"),
                    society=s.society,
                    recorded=s.category or "（未分类）",
                    current=current or "（未分类）",
                )


RULES = (profile_category, quotas_add_up, proposed_within_category, results_in_category)
