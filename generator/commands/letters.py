"""``xuehui letters``: each applicant's 评审结果通知书 (Markdown, printable), from the committee repository and
the shared tree, written to a folder outside the site (never published; docs/audiences.md).

The command checks its arguments and the trees: the recorded results must equal those recomputed from the
committee repository (the letters state them), the output folder must not be inside the shared repository's
site or submissions. A pure step renders each letter (``generator.report.letter``); only then is anything
written."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands.common import committee_trees, parse_now
from generator.commands.errors import EXIT_OK, ActionFailed, UsageError

if TYPE_CHECKING:
    from generator.model import Cycle, Dataset


def run(args: argparse.Namespace) -> int:
    from generator.report.letter import letter_societies, render_letter
    from generator.results import differences, recompute

    now = parse_now(args.now)
    root, shared_root = committee_trees(args.committee, args.shared)
    out = Path(args.out).resolve()
    for inside in (shared_root / "site", shared_root / "submissions", shared_root / "docs", root):
        if out == inside.resolve() or inside.resolve() in out.parents:
            raise UsageError(
                f"--out {args.out} 在 {inside} 之内：通知书只发给各申报学会，不能写入网站、共享仓库的数据或委员会仓库。"
            )
    data, cycle = _merged(args.cycle, args.committee, root, shared_root)
    if cycle.results is None:
        raise ActionFailed(
            f"共享仓库中还没有 {args.cycle} 年度的汇总结果：请先运行 xuehui rank --committee … --record。 (no results)"
        )
    if differences(cycle.results, recompute(data, cycle)):
        raise ActionFailed(
            "记录的汇总结果与评审委员会仓库重新计算的不一致（COMM-002），不输出通知书：请先重新记录汇总结果。"
            " (recorded results differ from the committee repository)"
        )
    issued = data.today(now)
    letters = {slug: render_letter(data, cycle, slug, issued) for slug in letter_societies(cycle)}
    out.mkdir(parents=True, exist_ok=True)
    for slug, text in letters.items():
        (out / f"{args.cycle}-{slug}.md").write_text(text, encoding="utf-8", newline="\n")
    sys.stderr.write(f"已写入 {len(letters)} 份通知书到 {out}（只发给各申报学会，不公开）。\n")
    return EXIT_OK


def _merged(year: int, committee: str, root: Path, shared_root: Path) -> tuple[Dataset, Cycle]:
    """The shared dataset with the committee's files merged in; refused while a committee file has errors."""
    from generator.commands.common import load_tree
    from generator.committee import merge, parse_committee, read_committee_folder
    from generator.findings import Severity

    _shared, data = load_tree(shared_root)
    parsed = parse_committee(read_committee_folder(root))
    broken = [p.path for p in parsed if any(f.severity is Severity.ERROR for f in p.findings)]
    if broken:
        raise ActionFailed(
            f"评审委员会仓库中的 {'、'.join(broken[:5])} 有错误，请先运行 xuehui check --committee {committee}。"
            " (committee files with errors)"
        )
    merge(data, parsed)
    cycle = data.cycles.get(year)
    if cycle is None or cycle.call is None:
        raise UsageError(f"没有 {year} 年度的数据（共享仓库 submissions/{year}/）。")
    return data, cycle
