"""``xuehui office <subcommand>``: the office's records written by command instead of by hand. Each
subcommand validates its input, builds the change (``generator.office.<builder>``), checks the tree as it
would be (the same check as ``xuehui check`` at ``--now``), refuses when the change brings new errors, and
otherwise writes it (keeping comments and layout), prints the diff and a Chinese commit message, and with
``--commit`` commits it. ``--dry-run`` shows the diff and the message without writing.

``ruamel.yaml`` and ``openpyxl`` are the extra ``xuehui[office]``: without them the command says which
command installs it and exits 2."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands.common import parse_now, repository_root
from generator.commands.errors import EXIT_OK, ActionFailed, UsageError

if TYPE_CHECKING:
    from generator.office.edit import Draft, Workspace

OFFICE_MODULES = {"ruamel.yaml": "ruamel.yaml", "openpyxl": "openpyxl"}


def require_office_stack() -> None:
    missing = [dist for module, dist in OFFICE_MODULES.items() if not _importable(module)]
    if missing:
        raise UsageError(
            f"办公室命令需要组件 xuehui[office]（ruamel.yaml、openpyxl），当前的 Python 环境缺少 {'、'.join(missing)}。"
            f"请先安装：pip install 'xuehui[office]'；在源码目录中：pip install -e '.[office]'"
            f"（有多个 Python 环境时，把 pip 换成 {sys.executable} -m pip）。"
            " (the office commands need the extra [office]: pip install 'xuehui[office]')"
        )


def _importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def run(args: argparse.Namespace) -> int:
    require_office_stack()
    from generator.office.edit import Refused, Workspace, review, write

    if args.office is None:
        raise UsageError("请给出办公室命令，如 xuehui office formal-review；运行 xuehui office -h 查看全部。")
    now = parse_now(args.now)
    root = repository_root()
    committee = Path(args.committee).resolve() if getattr(args, "committee", None) else None
    if committee is not None and not committee.is_dir():
        raise UsageError(f"--committee {args.committee} 不是一个文件夹：请给出评审委员会仓库的根目录。")
    workspace = Workspace(root, now, committee)
    try:
        draft = BUILDERS[args.office](workspace, args)
        checked = review(workspace, draft)
    except Refused as exc:
        raise ActionFailed(f"{exc} 未写入任何文件。") from exc
    sys.stdout.write(checked.diff)
    if not checked.ok:
        for f in checked.new_errors:
            where = f"{f.file}:{f.line}" if f.line else f.file
            sys.stderr.write(f"  {where} [{f.rule}] {f.message_zh}\n    {f.hint}\n")
        raise ActionFailed(
            f"不写入：这项改动会带来 {len(checked.new_errors)} 个新的错误（见上）。请核对输入后重试；未写入任何文件。"
            " (refused: the change would bring new errors)"
        )
    if args.dry_run:
        sys.stdout.write(f"\n（试运行，未写入）提交说明：\n{draft.message}")
        return EXIT_OK
    write(draft.changes)
    sys.stdout.write(f"\n已写入。提交说明：\n{draft.message}")
    if args.commit:
        _commit(draft)
    return EXIT_OK


def _commit(draft: Draft) -> None:
    from generator.forge import commit_paths

    roots = {c.root for c in draft.changes}
    for root in sorted(roots):
        commit = commit_paths(root, [c.path for c in draft.changes if c.root == root], draft.message)
        sys.stdout.write(f"已提交：{commit[:12]}（{root}）\n")


def _formal_review(ws: Workspace, a: argparse.Namespace) -> Draft:
    from generator.office.formal_review import formal_review

    return formal_review(ws, a.cycle, a.date, a.passed, a.failed, a.verified)


def _open_cycle(ws: Workspace, a: argparse.Namespace) -> Draft:
    from generator.office.cycle import open_cycle

    return open_cycle(ws, a.year, a.source)


def _committee(ws: Workspace, a: argparse.Namespace) -> Draft:
    from generator.office.committee_setup import committee

    return committee(ws, a.cycle, a.member)


def _publicity(ws: Workspace, a: argparse.Namespace) -> Draft:
    from generator.office.publicity import publicity

    return publicity(ws, a.cycle, a.start, a.doc_number, a.title, a.channel or ())


def _objection(ws: Workspace, a: argparse.Namespace) -> Draft:
    from generator.office.objections import objection

    return objection(ws, a.cycle, a.id, a.received, a.society, a.summary)


def _objection_outcome(ws: Workspace, a: argparse.Namespace) -> Draft:
    from generator.office.objections import objection_outcome

    return objection_outcome(ws, a.cycle, a.id, a.status, a.resolved, a.outcome)


def _reconsideration(ws: Workspace, a: argparse.Namespace) -> Draft:
    from generator.office.reconsideration import reconsideration

    return reconsideration(ws, a.cycle, a.id, a.society, a.concerning, a.received)


def _reconsideration_outcome(ws: Workspace, a: argparse.Namespace) -> Draft:
    from generator.office.reconsideration import reconsideration_outcome

    return reconsideration_outcome(ws, a.cycle, a.id, a.status, a.resolved, a.outcome)


def _substitution(ws: Workspace, a: argparse.Namespace) -> Draft:
    from generator.office.substitution import Substitute, substitution

    given = Substitute(
        a.society, a.replaces, a.decided, a.reason, a.start, a.doc_number, a.title, tuple(a.channel or ())
    )
    return substitution(ws, a.cycle, given)


def _commend(ws: Workspace, a: argparse.Namespace) -> Draft:
    from generator.office.commendation import commend

    return commend(ws, a.cycle, a.date, a.doc_number, a.left_out)


def _inspection(ws: Workspace, a: argparse.Namespace) -> Draft:
    from generator.office.inspections import inspection

    return inspection(ws, a.cycle, a.stage, a.date, a.passed, a.failed)


def _sanction(ws: Workspace, a: argparse.Namespace) -> Draft:
    from generator.office.sanctions import Sanction, sanction

    given = Sanction(
        a.id, a.society, a.decided, a.kind, a.summary, a.doc_number, a.cycle, a.revoke_award, a.reclaim, a.ban
    )
    return sanction(ws, given)


def _correction(ws: Workspace, a: argparse.Namespace) -> Draft:
    from generator.office.corrections import correction

    return correction(ws, a.id, a.date, a.cycle, a.path, a.reason, a.record)


def _publish_call(ws: Workspace, a: argparse.Namespace) -> Draft:
    from generator.office.notice import publish_call

    return publish_call(ws, a.cycle, a.published, a.doc_number)


def _supplement(ws: Workspace, a: argparse.Namespace) -> Draft:
    from generator.office.supplement import supplement

    return supplement(
        ws,
        a.cycle,
        a.society,
        requested=a.requested,
        due=a.due,
        items=a.item,
        received=a.received,
        failed=a.failed,
    )


def _payment(ws: Workspace, a: argparse.Namespace) -> Draft:
    from generator.office.payments import payment

    return payment(ws, a.cycle, a.society, a.tranche, a.date, a.amount, a.doc_number)


BUILDERS: dict[str, Callable[[Workspace, argparse.Namespace], Draft]] = {
    "open-cycle": _open_cycle,
    "publish-call": _publish_call,
    "formal-review": _formal_review,
    "committee": _committee,
    "publicity": _publicity,
    "objection": _objection,
    "objection-outcome": _objection_outcome,
    "supplement": _supplement,
    "reconsideration": _reconsideration,
    "reconsideration-outcome": _reconsideration_outcome,
    "substitution": _substitution,
    "commend": _commend,
    "payment": _payment,
    "inspection": _inspection,
    "sanction": _sanction,
    "correction": _correction,
}
