"""``xuehui codeowners``: write ``.github/CODEOWNERS`` and ``.gitea/CODEOWNERS`` from the maintainers, or
(``--check``) say where they are missing, stale, or give a decisive file to anyone outside the office."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands.common import repository_root
from generator.commands.errors import EXIT_FINDINGS, EXIT_OK
from generator.commands.output import write

if TYPE_CHECKING:
    from generator.authority import Authority
    from generator.repository import Source


def run(args: argparse.Namespace) -> int:
    from generator import codeowners
    from generator.authority import authority_from
    from generator.repository import read_folder

    root = repository_root()
    sources = read_folder(root)
    authority = authority_from(sources)
    if args.check:
        return _check(root, sources, authority)
    expected = codeowners.render(authority)
    target = root / codeowners.PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    write(expected, str(target))
    sys.stdout.write(f"已写入 {codeowners.PATH}。\n")
    (root / codeowners.GITEA_PATH).parent.mkdir(parents=True, exist_ok=True)
    write(codeowners.render_gitea(authority), str(root / codeowners.GITEA_PATH))
    sys.stdout.write(f"已写入 {codeowners.GITEA_PATH}（Gitea 与 Forgejo）。\n")
    return EXIT_OK


def _check(root: Path, sources: Sequence[Source], authority: Authority) -> int:
    """Report what is wrong with both files; EXIT_FINDINGS when anything is."""
    from generator import codeowners

    target = root / codeowners.PATH
    if not target.is_file():
        sys.stdout.write(f"{codeowners.PATH} 不存在：请运行 xuehui codeowners 生成并提交。 (missing)\n")
        return EXIT_FINDINGS
    current = target.read_bytes().decode("utf-8", errors="replace")
    expected = codeowners.render(authority)
    years = {int(m.group(1)) for s in sources if (m := re.match(r"submissions/(\d{4})/", s.path))}
    paths = codeowners.decisive_paths(authority, years, [s.path for s in sources] + _repository_files(root))
    problems = codeowners.ownership_problems(current, authority.office, paths)
    for problem in problems:
        sys.stdout.write(f"{codeowners.PATH}:{problem.line}: {problem.message_zh} ({problem.message_en})\n")
    if current != expected:
        sys.stdout.write(f"{codeowners.PATH} 已过期：请运行 xuehui codeowners 重新生成并提交。 (stale)\n")
    gitea_failed = _check_gitea(root, authority, years, [s.path for s in sources])
    if problems or current != expected or gitea_failed:
        return EXIT_FINDINGS
    sys.stdout.write(f"{codeowners.PATH} 是最新的，决定资金与资格的文件都只归专项办公室所有。\n")
    return EXIT_OK


def _check_gitea(root: Path, authority: Authority, years: set[int], data_paths: list[str]) -> bool:
    """Report what is wrong with ``.gitea/CODEOWNERS`` (missing, stale, shadowed, or a decisive path owned by
    anyone outside the office); True when anything is."""
    from generator import codeowners

    path = codeowners.GITEA_PATH
    target = root / path
    if not target.is_file():
        sys.stdout.write(
            f"{path} 不存在：请运行 xuehui codeowners 生成并提交（Gitea 与 Forgejo 读取它）。 (missing)\n"
        )
        return True
    current = target.read_bytes().decode("utf-8", errors="replace")
    failed = False
    for shadow in codeowners.GITEA_SHADOWS:
        if (root / shadow).exists():
            failed = True
            sys.stdout.write(
                f"{shadow} 存在：Gitea 与 Forgejo 会先读它而不读 {path}，请删除它。 (shadows {path})\n"
            )
    present = data_paths + _repository_files(root) + _repository_files(root, (".gitea", ".forgejo"))
    paths = codeowners.gitea_decisive_paths(authority, years, present)
    for problem in codeowners.gitea_ownership_problems(current, authority.office, paths):
        failed = True
        sys.stdout.write(f"{path}:{problem.line}: {problem.message_zh} ({problem.message_en})\n")
    if current != codeowners.render_gitea(authority):
        failed = True
        sys.stdout.write(f"{path} 已过期：请运行 xuehui codeowners 重新生成并提交。 (stale)\n")
    if not failed:
        sys.stdout.write(
            f"{path} 是最新的，决定资金与资格的文件都只归专项办公室所有（Gitea/Forgejo 规则）。\n"
        )
    return failed


def _repository_files(
    root: Path, folders: tuple[str, ...] = ("generator", "schemas", "site", ".github", "tests")
) -> list[str]:
    """Files of the code folders (for the CODEOWNERS check), repository-relative, caches left out."""
    found: list[str] = []
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(root / folder):
            dirnames[:] = [d for d in dirnames if d != "__pycache__" and not d.startswith(".")]
            for name in filenames:
                found.append((Path(dirpath) / name).relative_to(root).as_posix())
    return found
