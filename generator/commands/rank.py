"""``xuehui rank``: the expert-review ranking of a cycle, as recorded in the shared repository, or computed
afresh from the committee repository's scores (``--committee``) and, with ``--record``, written to the
shared repository's ``submissions/<year>/results.yaml`` with the fingerprint of its inputs.

Recording is the office's write: the command checks its arguments and the trees, a pure step turns the
results and the file already there into what to do (``_plan``: the document, or why it is refused or
unchanged), and only then is anything written."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands.common import committee_trees, load_tree, parse_now
from generator.commands.errors import EXIT_OK, ActionFailed, UsageError
from generator.commands.output import write, write_binary
from generator.model import Cycle

if TYPE_CHECKING:
    from collections.abc import Sequence

    from generator.committee import RecordPlan
    from generator.model import Dataset
    from generator.results import Recomputed
    from generator.scoring import Standing


def run(args: argparse.Namespace) -> int:
    if args.committee is None:
        return _recorded(args)
    return _committee(args)


def _recorded(args: argparse.Namespace) -> int:
    """The results the shared repository holds (``results.yaml``), as they were recorded."""
    from generator.scoring import recorded_standings

    if args.record or args.shared:
        raise UsageError("--record 和 --shared 需要 --committee（评审委员会仓库的根目录）。")
    _root, data = load_tree()
    cycle = data.cycles.get(args.cycle)
    if cycle is None:
        raise UsageError(f"没有 {args.cycle} 年度的数据（submissions/{args.cycle}/）。")
    if cycle.results is None:
        raise ActionFailed(
            f"共享仓库中还没有 {args.cycle} 年度的汇总结果（submissions/{args.cycle}/results.yaml）；"
            "评分在评审委员会仓库中：请用 --committee <委员会仓库> 计算。 (no recorded results)"
        )
    if getattr(args, "sensitivity", False):
        raise UsageError("--sensitivity 需要 --committee（评审委员会仓库的根目录）。")
    names = {slug: s.name for slug, s in data.societies.items()}
    standings = recorded_standings(cycle.results)
    _emit(args, standings, names, _headings(cycle), _decided(data, cycle, standings))
    return EXIT_OK


def _headings(cycle: Cycle) -> dict[str, str] | None:
    """Per category (分类实施) the heading with its quota; None when the call defines no categories."""
    call = cycle.call
    if call is None or not call.categories:
        return None
    out = {c.id: f"{c.name}：名额 " + "、".join(f"{t} {n} 个" for t, n in c.quotas) for c in call.categories}
    out[""] = "未分类（学会档案未写明申报通知定义的类别）"
    return out


def _emit(
    args: argparse.Namespace,
    standings: Sequence[Standing],
    names: dict[str, str],
    headings: dict[str, str] | None = None,
    decided: dict[str, tuple[str | None, str]] | None = None,
) -> None:
    """The ranking in the format asked for: text forms through ``write``, a workbook through ``write_binary``."""
    from generator.report.ranking import render

    if args.format != "xlsx":
        write(render(standings, names, args.cycle, args.format, headings, decided), args.output)
        return
    from generator.report.xlsx import ranking
    from generator.sheetwrite import OfficeExtraMissing

    try:
        data = ranking(standings, names, args.cycle, parse_now(args.now))
    except OfficeExtraMissing as exc:
        raise ActionFailed(str(exc)) from exc
    write_binary(data, args.output, "排名的 xlsx 工作簿")


def _committee(args: argparse.Namespace) -> int:
    """The ranking computed from the committee repository's scores; recorded when ``--record`` asks."""
    from generator.results import recompute

    now = parse_now(args.now)
    root, shared_root = committee_trees(args.committee, args.shared)
    data, cycle = _merged(args, root, shared_root)
    fresh = recompute(data, cycle)
    names = {slug: s.name for slug, s in data.societies.items()}
    _emit(args, list(fresh.standings), names, _headings(cycle), _decided(data, cycle, fresh.standings))
    if getattr(args, "sensitivity", False) and args.format != "xlsx":
        from generator.report.ranking import render_sensitivity
        from generator.sensitivity import sensitivity

        cats = {c.id: c.name for c in cycle.call.categories} if cycle.call else {}
        write(render_sensitivity(sensitivity(data, cycle), names, args.cycle, args.format, cats), args.output)
    if not args.record:
        return EXIT_OK
    return _record(args.cycle, fresh, data.today(now).isoformat(), root, shared_root)


def _decided(
    data: Dataset, cycle: Cycle, standings: Sequence[Standing]
) -> dict[str, tuple[str | None, str]] | None:
    """Once the proposed list exists: each applicant's proposed tier (None: not proposed) and the recorded
    reason, so that ``rank`` shows what ``status`` says (generator.decision.outcome); None before."""
    from generator.decision import outcome

    if cycle.decisions is None or not cycle.decisions.proposed:
        return None
    scores = {s.society: s.total_display for s in standings if s.total_display is not None}
    out: dict[str, tuple[str | None, str]] = {}
    for slug in cycle.applications:
        found = outcome(data, cycle, slug, scores)
        out[slug] = (found.tier, found.reason)
    return out


def _merged(args: argparse.Namespace, root: Path, shared_root: Path) -> tuple[Dataset, Cycle]:
    """The shared dataset with the committee's files merged in, and the cycle asked for; refused while a
    committee file has errors (the ranking would lack its content)."""
    from generator.committee import merge, parse_committee, read_committee_folder
    from generator.findings import Severity

    _shared, data = load_tree(shared_root)
    parsed = parse_committee(read_committee_folder(root))
    broken = [p.path for p in parsed if any(f.severity is Severity.ERROR for f in p.findings)]
    if broken:
        raise ActionFailed(
            f"评审委员会仓库中的 {'、'.join(broken[:5])} 有错误，排名会缺少这些文件的内容，所以不输出结果。"
            f"请先运行 xuehui check --committee {args.committee}。 (committee files with errors)"
        )
    merge(data, parsed)
    cycle = data.cycles.get(args.cycle)
    if cycle is None or (cycle.call is None and not cycle.reviews):
        raise UsageError(
            f"没有 {args.cycle} 年度的数据（共享仓库 submissions/{args.cycle}/ 或委员会仓库 {args.cycle}/）。"
        )
    return data, cycle


def _record(year: int, fresh: Recomputed, recorded: str, root: Path, shared_root: Path) -> int:
    """Write ``results.yaml`` into the shared repository unless ``_plan`` refuses or finds it unchanged."""
    from generator.forge import clean_work_tree_head
    from generator.paths import SUBMISSIONS

    rel = f"{SUBMISSIONS}/{year}/results.yaml"
    target = shared_root / rel
    commit = clean_work_tree_head(root)
    existing = target.read_bytes() if target.is_file() else None
    plan = _plan(rel, fresh, recorded, commit, existing)
    if plan.action == "refuse":
        raise ActionFailed(
            f"不写入 {rel}：{plan.reason}。汇总结果只由 xuehui rank --record 写入；请核对该文件，确认后删除它再记录。"
            " (refused: the existing results file was not written by xuehui rank)"
        )
    if plan.action == "unchanged":
        sys.stderr.write(f"{rel} 已是最新（指纹 {fresh.fingerprint}），未改动。 (unchanged)\n")
        return EXIT_OK
    write(plan.text, str(target))
    done = "已写入" if plan.action == "create" else f"已更新（{plan.reason}）"
    sys.stderr.write(f"{done} {rel}，指纹 {fresh.fingerprint}。\n")
    return EXIT_OK


def _plan(
    rel: str, fresh: Recomputed, recorded: str, commit: str | None, existing: bytes | None
) -> RecordPlan:
    """What recording does (pure): the document for ``fresh`` (``results.document_for``), checked against
    its schema, and whether it may replace ``existing`` (``committee.plan_record``)."""
    from generator.checker import parse_source
    from generator.committee import plan_record
    from generator.model import build_results
    from generator.repository import Source

    text = _document(rel, fresh, recorded, commit)
    found = None
    if existing is not None:
        old = parse_source(Source(rel, existing))
        if old.valid and old.loaded is not None and isinstance(old.loaded.data, dict):
            found = build_results(rel, old.loaded.data)
    return plan_record(existing, rel, text, found)


def _document(rel: str, fresh: Recomputed, recorded: str, commit: str | None) -> str:
    """``results.document_for``, which must pass its own schema: a failure is a bug, never the user's data."""
    from generator.checker import parse_source
    from generator.repository import Source
    from generator.results import document_for

    text = document_for(fresh, recorded, commit)
    check = parse_source(Source(rel, text.encode("utf-8")))
    if not check.valid:
        raise RuntimeError(
            f"generated results do not pass their schema: {[f.message_zh for f in check.findings]}"
        )
    return text
