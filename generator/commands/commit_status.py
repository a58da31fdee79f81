"""``xuehui commit-status``: set a commit status on the forge."""

from __future__ import annotations

import argparse
import sys

from generator.commands.common import forge_failed, forge_target
from generator.commands.errors import EXIT_OK


def run(args: argparse.Namespace) -> int:
    from generator import forgeapi

    found = forge_target("commit-status", args)
    if isinstance(found, int):
        return found
    target, token = found
    result = forgeapi.create_status(
        target,
        token,
        args.sha,
        args.state,
        args.context,
        args.description,
        args.target_url,
        sleep=forgeapi.SLEEP,
    )
    if isinstance(result, forgeapi.Failure):
        return forge_failed("commit-status", result)
    sys.stdout.write(f"已设置提交状态 {result.context} = {result.state}。 (status set)\n")
    return EXIT_OK
