"""``xuehui office committee``: a cycle's committee in the committee repository (四（二）): the members'
list and one empty score sheet per member, from the review kind's template (``xuehui new review``), so a
later change to the review's shape flows through."""

from __future__ import annotations

from collections.abc import Sequence

from generator.kinds.committee_members import KIND as MEMBERS
from generator.kinds.committee_review import KIND as REVIEW
from generator.office.edit import Change, Draft, Refused, Workspace, new_file
from generator.scaffold import render


def committee(workspace: Workspace, cycle: int, members: Sequence[str]) -> Draft:
    root = workspace.committee
    if root is None:
        raise Refused("需要 --committee：评审委员会仓库的根目录。")
    if not members or len(set(members)) != len(members):
        raise Refused("--member 至少给出一位专家，且不能重复。")
    pool = workspace.data.office.experts
    if pool is None:
        raise Refused(f"评审委员会仓库 {root} 中的专家库 experts.yaml 缺失或有错误：请先修正它。")
    unknown = sorted(m for m in members if m not in pool)
    if unknown:
        raise Refused(
            f"专家库 experts.yaml 中没有这些专家：{'、'.join(unknown)}。请核对专家编号，或先把专家加入专家库。"
        )
    found = workspace.data.cycles.get(cycle)
    if found is None or found.call is None:
        raise Refused(f"{cycle} 年度没有申报通知（submissions/{cycle}/call.yaml）：请先开启年度。")
    listed = ", ".join(members)
    text = (
        "# yaml-language-server: $schema=../../../schemas/committee.schema.json\n"
        f"# {cycle} 年度评审委员会名单（不公开；xuehui office committee 写入）：只有名单中的专家的评分计入排名。\n"
        f"schema_version: 1\ncycle: {cycle}\nmembers: [{listed}]\n"
    )
    changes: list[Change] = [new_file(root, MEMBERS.path(cycle), text)]
    for member in members:
        changes.append(new_file(root, REVIEW.path(cycle, member), render(REVIEW, expert=member, cycle=cycle)))
    return Draft(
        "committee",
        f"办公室：组建{cycle}年度评审委员会（{len(members)}位专家）",
        (f"委员：{'、'.join(members)}", *(f"新建 {REVIEW.path(cycle, m)}（空评分表）" for m in members)),
        tuple(changes),
    )
