"""``xuehui conflicts``: the office's conflict-of-interest summary of a cycle, from the committee repository
merged into the shared tree (四（二）、五（二）). Per application under review: its panel, its assigned
experts and how many of them are clear of conflicts against the call's ``review.min_scorers``, and every
conflict any expert of the cycle has with it (declared with its relationship, from the pool, the applicant's
avoid request, the office's recusal), waived or not. Then the experts assigned without a declaration.

The summary names experts and their relationships: it is for the office and the committee only, printed or
written to a file the office keeps in the committee repository's world; never published, never in the
shared repository."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from generator.commands.common import committee_trees, load_tree
from generator.commands.errors import EXIT_OK, UsageError
from generator.commands.output import write

if TYPE_CHECKING:
    from generator.conflicts import Conflict, SummaryRow
    from generator.model import Cycle, Dataset

HEADER = "（专项办公室与评审委员会内部资料，不公开；不得提交到共享仓库）"


def run(args: argparse.Namespace) -> int:
    from generator.committee import merge, parse_committee, read_committee_folder
    from generator.conflicts import summary
    from generator.scoring import ranked_societies

    root, shared_root = committee_trees(args.committee, args.shared)
    _shared, data = load_tree(shared_root)
    merge(data, parse_committee(read_committee_folder(root)))
    cycle = data.cycles.get(args.cycle)
    if cycle is None or (cycle.call is None and not cycle.reviews):
        raise UsageError(
            f"没有 {args.cycle} 年度的数据（共享仓库 submissions/{args.cycle}/ 或委员会仓库 {args.cycle}/）。"
        )
    rows = summary(data, cycle, ranked_societies(cycle))
    undeclared = _undeclared(cycle)
    if args.format == "json":
        write(_json(data, cycle, rows, undeclared), args.output)
    else:
        write(_text(data, cycle, rows, undeclared), args.output)
    return EXIT_OK


def _undeclared(cycle: Cycle) -> list[str]:
    assigned = {e for a in cycle.assignments.assignments for e in a.experts} if cycle.assignments else set()
    members = set(cycle.committee or ()) | assigned
    return sorted(e for e in members if e not in cycle.declarations)


def _minimum(cycle: Cycle) -> int | None:
    settings = cycle.call.review if cycle.call is not None else None
    return settings.min_scorers if settings is not None else None


def _conflict_line(c: Conflict, assigned: tuple[str, ...]) -> str:
    state = "已分配" if c.expert in assigned else "未分配"
    if c.waiver is not None and c.waivable:
        state += f"；已豁免（{c.waiver.decided}）：{c.waiver.reason}"
    elif c.waiver is not None:
        state += "；豁免无效（该关系不可豁免）"
    return f"    - {c.expert}：{c.zh}（{state}）\n"


def _text(data: Dataset, cycle: Cycle, rows: list[SummaryRow], undeclared: list[str]) -> str:
    minimum = _minimum(cycle)
    out = [f"{cycle.year} 年度评审利益冲突汇总{HEADER}\n"]
    out.append(f"每份申报至少 {minimum} 名无利益冲突的评分专家。\n\n" if minimum else "\n")
    for row in rows:
        name = data.societies[row.society].name if row.society in data.societies else row.society
        short = minimum is not None and len(row.clear) < minimum
        out.append(
            f"{name}（{row.society}）  评审组：{row.panel or '未分配'}  分配 {len(row.assigned)} 人，"
            f"无利益冲突 {len(row.clear)} 人{'（不足）' if short else ''}\n"
        )
        if row.avoid_named:
            out.append(f"    申报学会书面请求回避 {row.avoid_named} 人\n")
        out.extend(_conflict_line(c, row.assigned) for c in row.conflicts)
    if undeclared:
        out.append(f"\n尚未提交本年度利益冲突声明的专家：{'、'.join(undeclared)}\n")
    else:
        out.append("\n全部评审委员会成员和被分配专家都已提交本年度利益冲突声明。\n")
    return "".join(out)


def _json(data: Dataset, cycle: Cycle, rows: list[SummaryRow], undeclared: list[str]) -> str:
    def conflict(c: Conflict, assigned: tuple[str, ...]) -> dict[str, Any]:
        waiver = c.waiver if c.waiver is not None and c.waivable else None
        return {
            "expert": c.expert,
            "source": c.source,
            "relationship": c.relationship,
            "assigned": c.expert in assigned,
            "waived": None if waiver is None else {"decided": str(waiver.decided), "reason": waiver.reason},
        }

    document = {
        "cycle": cycle.year,
        "confidential": "专项办公室与评审委员会内部资料，不公开",
        "min_scorers": _minimum(cycle),
        "applications": [
            {
                "society": row.society,
                "panel": row.panel,
                "assigned": list(row.assigned),
                "clear": list(row.clear),
                "avoid_requested": row.avoid_named,
                "conflicts": [conflict(c, row.assigned) for c in row.conflicts],
            }
            for row in rows
        ],
        "undeclared": undeclared,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
