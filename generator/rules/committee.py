"""The committee repository and the recorded results, 四（二）: what a check of the shared tree alone leaves
to the committee check (COMM-001), and whether the results recorded in the shared tree equal those
recomputed from the committee repository (COMM-002, COMM-003)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from generator.model import Dataset

if TYPE_CHECKING:
    from generator.results import Difference

from generator.rules.base import ERROR, NOTICE, WARNING, Context, Hit, Message, declare, rule
from generator.schema import field_schema, load_schema

LEFT_TO_COMMITTEE = "REV-001…005、REF-002、COMM-002、COMM-003"
AREA_MEAN = "area_means."  # a difference in one area's mean: ``area_means.<area>`` (generator.results)


def _reviewed_file(data: Dataset, year: int) -> str | None:
    """The file a cycle's expert review shows in the shared tree: its recorded results, else its decisions
    once an expert review date is recorded (None: no expert review in this cycle yet)."""
    cycle = data.cycles[year]
    if cycle.results is not None:
        return cycle.results.file
    if cycle.decisions is not None and cycle.decisions.expert_review_date is not None:
        return cycle.decisions.file
    return None


@rule(
    "COMM-001",
    NOTICE,
    "四（二）",
    "只检查共享仓库时，说明留给评审委员会仓库检查（xuehui check --committee）的内容",
    "A check of the shared tree alone says what it left to the committee check",
    message=Message(
        "本次只检查了共享仓库：专家评分、回避、评审委员会名单和专家库在评审委员会仓库中，{years} 年度的评审规则（{LEFT_TO_COMMITTEE}）以及“记录的汇总结果是否与评分一致”留给评审委员会仓库的检查。",
        "Only the shared tree was checked: the review rules and the verification of the recorded results are left to the committee check.",
        "专项办公室在评审委员会仓库中运行 xuehui check --committee <委员会仓库路径>（见 examples/committee/README.md）。",
    ),
)
def left_to_committee(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (the shared tree checked alone)::

        del committee/2026/committee.yaml
        del committee/2026/reviews/expert-li.yaml
        del committee/2026/reviews/expert-qian.yaml
        del committee/2026/reviews/expert-zhao.yaml
        del committee/2026/reviews/expert-zhou.yaml
        del committee/experts.yaml
        del committee/shared.yaml

    Passes::

        (the minimal tree)
    """
    if data.committee_loaded:
        return
    reviewed = [y for y in sorted(data.cycles) if _reviewed_file(data, y) is not None]
    if not reviewed:
        return
    file = _reviewed_file(data, reviewed[-1]) or ""
    years = "、".join(str(y) for y in reviewed)
    yield left_to_committee.hit(file, (), years=years, LEFT_TO_COMMITTEE=LEFT_TO_COMMITTEE)


@rule(
    "COMM-002",
    ERROR,
    "四（二）",
    "共享仓库中记录的专家评审汇总结果与按评审委员会仓库重新计算的结果一致（含输入指纹）",
    "The recorded results equal those recomputed from the committee repository (fingerprint included)",
    message=Message(
        "{zh}",
        "{en}",
        "汇总结果只能由 xuehui rank --committee <委员会仓库> --cycle {year} --record 写入；评分改动后请专项办公室重新记录（或撤销评分改动）。",
    ),
)
def results_match(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a score changed after the results were recorded)::

        rerecord: no
        --- committee/2026/reviews/expert-qian.yaml
        -     points: {innovation: 25, society_government: 25, scientists: 17, self_development: 16}
        +     points: {innovation: 24, society_government: 25, scientists: 17, self_development: 16}

    Passes::

        rerecord: no
        --- committee/2026/reviews/expert-qian.yaml
        -     comment: 材料与工艺方向成果突出。
        +     comment: 复核无误。 材料与工艺方向成果突出。
    """
    if not data.committee_loaded:
        return
    from generator.results import differences, recompute  # only with the committee's scores loaded

    for year in sorted(data.cycles):
        cycle = data.cycles[year]
        if cycle.results is None:
            continue
        fresh = recompute(data, cycle)
        same = "一致" if cycle.results.fingerprint == fresh.fingerprint else "不一致"
        for diff in differences(cycle.results, fresh):
            zh, en = _difference_words(data, diff, year, same)
            yield results_match.hit(cycle.results.file, diff.path, zh=zh, en=en, year=year)


def _society_label(data: Dataset, slug: str | None) -> str:
    """学会的中文名称（slug）, or “slug” when its profile is unknown."""
    society = data.societies.get(slug or "")
    return f"{society.name}（{slug}）" if society is not None else f"学会“{slug}”"


def _field_title(data: Dataset, field: str) -> str:
    """A results field in Chinese: its title in the results schema; an area's mean by the area's title."""
    if field.startswith(AREA_MEAN):
        area = field.removeprefix(AREA_MEAN)
        titles = data.programme.areas if data.programme is not None else {}
        return f"{titles.get(area, area)}平均分"
    title = field_schema(load_schema("results"), ("standings", 0, field)).get("title")
    return f"{title}（{field}）" if title else field


def _difference_words(data: Dataset, diff: Difference, year: int, same: str) -> tuple[str, str]:
    """COMM-002's message for one difference, (zh, en): the society and the field by their Chinese names,
    scores with two decimals."""
    from generator.results import NONE  # loaded with the committee's scores (see above)

    who = _society_label(data, diff.society)
    if diff.field == "fingerprint":
        prints = f"记录的指纹 {diff.recorded}，重新计算的指纹 {diff.recomputed}"
        zh = f"记录的评审输入指纹与评审委员会仓库中 {year} 年度的评分、委员会名单和回避信息不一致：{prints}。"
        en = f"The recorded fingerprint differs from the committee inputs ({diff.recorded} vs {diff.recomputed})."
    elif diff.field == "society":
        side = (
            "记录的汇总结果中有、重新计算的结果中没有"
            if diff.recomputed == NONE
            else "重新计算的结果中有、记录的汇总结果中没有"
        )
        zh = f"{who}的汇总结果只在一边：{side}（指纹{same}）。"
        en = f"{diff.society}: present on one side only (recorded {diff.recorded}, recomputed {diff.recomputed})."
    elif diff.field == "total_exact":
        zh = (
            f"{who}的精确总分（total_exact）与重新计算的不同：保留两位小数均为 {diff.recomputed}，差别在更后的小数位"
            f"（指纹{same}），名次可能因此不同。"
        )
        en = f"{diff.society}: the exact total differs from the recomputed one (both {diff.recomputed} to two decimals)."
    else:
        zh = (
            f"{who}的{_field_title(data, diff.field)}记录为 {diff.recorded}，按评审委员会仓库重新计算为 "
            f"{diff.recomputed}（指纹{same}）。"
        )
        en = f"{diff.society}: {diff.field} recorded {diff.recorded}, recomputed {diff.recomputed}."
    return zh, en


@rule(
    "COMM-003",
    WARNING,
    "四（二）",
    "评审委员会仓库中有评分的年度，共享仓库中已记录汇总结果",
    "A cycle with reviews has its results recorded in the shared tree",
    messages={
        "": Message(
            "{year} 年度已有专家评分，但共享仓库中还没有记录汇总结果（submissions/{year}/results.yaml）。",
            "{year} has reviews but no recorded results in the shared tree.",
            "评分完成后，专项办公室运行 xuehui rank --committee <委员会仓库> --cycle {year} --record。",
        ),
        "empty": Message(
            "{year} 年度已有评分表，但还没有任何专家评分（评分表都是空的），共享仓库中也还没有记录汇总结果。",
            "{year} has score sheets but no scores yet, and no recorded results.",
            "专家评分完成后，专项办公室运行 xuehui rank --committee <委员会仓库> --cycle {year} --record。",
        ),
    },
)
def results_recorded(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (reviews without recorded results)::

        del submissions/2026/results.yaml

    Passes::

        (the minimal tree)
    """
    if not data.committee_loaded:
        return
    for year in sorted(data.cycles):
        cycle = data.cycles[year]
        if cycle.results is not None or not cycle.reviews:
            continue
        file = cycle.committee_file or min(r.file for r in cycle.reviews.values())
        scored = any(r.scores for r in cycle.reviews.values())
        yield results_recorded.hit(file, (), "" if scored else "empty", year=year)


# Found by the committee check itself (generator.committee.check_committee), not from the dataset.
pinned_commit = declare(
    "COMM-004",
    WARNING,
    "四（二）",
    "所检查的共享仓库正是委员会仓库 shared.yaml 固定的提交",
    "The shared tree checked is at the commit the committee repository's shared.yaml pins",
    note_zh="xuehui check --committee 比较委员会仓库 shared.yaml 固定的提交与所检查的共享仓库的当前提交，二者不同即报告。",
    message=Message(
        "shared.yaml 固定的共享仓库提交是 {pinned}，而检查所用的共享仓库在 {head}：结果可能与评审时不同。",
        "shared.yaml pins {pinned}, the shared tree checked is at {head}.",
        "请把共享仓库切换到固定的提交再检查（git checkout <提交>），或由专项办公室更新 shared.yaml 的 commit。",
    ),
    doc="""``xuehui check --committee`` compares the pin with the commit of the shared work tree.

    Fails (the shared tree has moved on since the pin)::

        shared-head: 2222222222222222222222222222222222222222
        --- committee/shared.yaml
        - commit: null
        + commit: "1111111111111111111111111111111111111111"

    Passes (checked at the pinned commit)::

        shared-head: 1111111111111111111111111111111111111111
        --- committee/shared.yaml
        - commit: null
        + commit: "1111111111111111111111111111111111111111"
    """,
)

RULES = (left_to_committee, results_match, results_recorded, pinned_commit)
