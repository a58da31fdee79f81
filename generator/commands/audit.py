"""``xuehui audit``: after a merge or a push, were the changes within the scope and authority of the
accounts that made them (read from the base)."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from generator.commands.output import write


def run(args: argparse.Namespace) -> int:
    from generator.audit import audit, render
    from generator.forge import ForgeError, open_repo

    try:
        repo = open_repo(Path.cwd())
        result = audit(repo, args.base, args.since or args.base, args.head, tuple(args.actor))
    except ForgeError as exc:
        raise UsageError(str(exc)) from exc
    write(render(result, args.format), args.output)
    return EXIT_OK if result.ok else EXIT_FINDINGS
