"""``xuehui workflows``: write the Gitea/Forgejo workflows from their templates, or (``--check``) say
which are missing or stale."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.common import repository_root
from generator.commands.errors import EXIT_FINDINGS, EXIT_OK
from generator.commands.output import write


def run(args: argparse.Namespace) -> int:
    from generator import forgeflows

    root = repository_root()
    expected = forgeflows.render()
    if args.check:
        return _check(root, expected)
    for path, text in expected.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        write(text, str(root / path))
        sys.stdout.write(f"已写入 {path}。\n")
    return EXIT_OK


def _check(root: Path, expected: dict[str, str]) -> int:
    from generator import forgeflows

    current = {
        path: (root / path).read_bytes().decode("utf-8", errors="replace")
        if (root / path).is_file()
        else None
        for path in expected
    }
    stale = forgeflows.stale(current)
    for path in stale:
        sys.stdout.write(f"{path} 缺失或已过期：请运行 xuehui workflows 重新生成并提交。 (stale)\n")
    if stale:
        return EXIT_FINDINGS
    sys.stdout.write("Gitea/Forgejo 工作流与模板一致。 (workflows are current)\n")
    return EXIT_OK
