"""``xuehui audit-actors`` (Gitea/Forgejo): which pull request a push to main merged and which accounts the
audit after it must check, as step outputs."""

from __future__ import annotations

import argparse
import sys

from generator.commands.common import forge_failed, forge_target
from generator.commands.errors import EXIT_OK, UsageError


def run(args: argparse.Namespace) -> int:
    from generator import forgeapi, forgeflows

    if args.forge != "gitea":
        raise UsageError("audit-actors 只用于 Gitea/Forgejo（GitHub 上由 main.yml 的 github-script 完成）。")
    found = forge_target("audit-actors", args)
    if isinstance(found, int):
        return found
    target, token = found
    result = forgeflows.pushed(target, token, args.sha, args.before, args.pusher, sleep=forgeapi.SLEEP)
    if isinstance(result, forgeapi.Failure):
        return forge_failed("audit-actors", result)
    if result is None:
        sys.stderr.write(
            "没有推送前的提交（新建的分支），跳过权限审计。No commit before the push: audit skipped.\n"
        )
    sys.stdout.write(forgeflows.outputs(result))
    return EXIT_OK
