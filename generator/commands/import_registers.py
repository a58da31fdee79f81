"""``xuehui import-registers <register> FILE.xlsx``: the office's registers (annual inspections, annual reports,
entrusted projects) from a spreadsheet into their YAML files. A preview by default (what records change);
``--write`` writes. Every problem of the sheet is named (sheet, row, column, what to fix) and then nothing is
written; the file is written only when the tree checked with it has no new error in it. The YAML keeps its
comments (ruamel.yaml, the extra ``office``)."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from generator.commands.common import parse_now, repository_root
from generator.commands.errors import EXIT_OK, ActionFailed, UsageError
from generator.commands.output import write

OFFICE_HINT = "导入表格需要办公室扩展：pip install 'xuehui[office]'（openpyxl、ruamel.yaml）。"


def run(args: argparse.Namespace) -> int:
    from generator.registers import REGISTERS, merge, records
    from generator.sheetread import SheetProblem, read_table

    _need_office_extra()
    register = REGISTERS[args.register]
    root = repository_root()
    raw = _read(Path(args.file))
    table = read_table(raw, register.wanted, register.required, args.sheet)
    if isinstance(table, SheetProblem):
        raise ActionFailed(f"{args.file}：{table.message}")
    societies = _societies(root)
    recs, problems = records(register.name, table, societies)
    if problems:
        lines = [
            f"{args.file} 有 {len(problems)} 处问题，未写入任何内容：",
            *(f"  {p.text()}" for p in problems),
        ]
        raise ActionFailed("\n".join(lines))
    target = root / register.path
    old = target.read_text(encoding="utf-8")
    new, changes = merge(register.name, old, recs)
    if not changes:
        print(f"{register.zh}（{register.path}）与表格一致，无需修改。")
        return EXIT_OK
    _vet(root, register.path, old, new, parse_now(args.now), args)
    print(
        f"{register.zh}（{register.path}）将有 {len(changes)} 处改动（读取工作表“{table.sheet}”{len(table.rows)} 行）："
    )
    for line in changes:
        print(f"  {line}")
    if not args.write:
        print("这是预览，尚未写入；确认无误后加 --write 写入。")
        return EXIT_OK
    write(new, str(target))
    print(f"已写入 {register.path}；请检查改动后提交（git diff）。")
    return EXIT_OK


def _need_office_extra() -> None:
    try:
        import openpyxl  # noqa: F401
        import ruamel.yaml  # noqa: F401
    except ImportError as exc:
        raise ActionFailed(OFFICE_HINT) from exc


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UsageError(f"无法读取 {path}：{exc.strerror or exc}。请检查文件路径。") from exc


def _societies(root: Path) -> dict[str, str]:
    from generator.commands.common import load_tree

    _root, data = load_tree(root)
    return {slug: s.name for slug, s in data.societies.items()}


def _vet(root: Path, path: str, old: str, new: str, now: datetime, args: argparse.Namespace) -> None:
    """Refuse when the tree checked with the new file has errors in it that the old one had not."""
    from generator.checker import check
    from generator.commands.progress import progress_for
    from generator.findings import Severity
    from generator.repository import Source, read_folder
    from generator.rules.base import Context

    sources = read_folder(root)

    def errors(text: str) -> set[tuple[str, str]]:
        tree = [Source(s.path, text.encode("utf-8")) if s.path == path else s for s in sources]
        with progress_for(args, human=True) as progress:
            result = check(tree, Context(now=now), progress=progress)
        return {
            (f.rule, f.message_zh) for f in result.findings if f.file == path and f.severity is Severity.ERROR
        }

    added = errors(new) - errors(old)
    if added:
        shown = "\n".join(f"  {rule} {message}" for rule, message in sorted(added))
        raise ActionFailed(f"导入后 {path} 会出现新的错误，未写入：\n{shown}")
