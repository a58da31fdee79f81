"""``xuehui comment``: post the check's report on a pull request as one sticky comment, or update it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.common import forge_failed, forge_target
from generator.commands.errors import EXIT_OK, UsageError


def run(args: argparse.Namespace) -> int:
    from generator import forgeapi

    found = forge_target("comment", args)
    if isinstance(found, int):
        return found
    target, token = found
    body = _read_body(args.body_file)
    result = forgeapi.upsert_comment(target, token, args.pr, body, author=args.author, sleep=forgeapi.SLEEP)
    if isinstance(result, forgeapi.Failure):
        return forge_failed("comment", result)
    done = "已更新" if result.action == "updated" else "已发布"
    sys.stdout.write(
        f"{done}拉取请求 #{args.pr} 的检查评论（编号 {result.comment_id}）。"
        f" ({result.action} comment {result.comment_id})\n"
    )
    return EXIT_OK


def _read_body(name: str) -> str:
    """The comment's text (UTF-8, at most the forge's size)."""
    from generator import forgeapi

    path = Path(name)
    try:
        if path.stat().st_size > 4 * forgeapi.MAX_BODY_CHARS:  # UTF-8: at most 4 bytes a character
            raise UsageError(f"评论文件 {name} 过大：上限为 {forgeapi.MAX_BODY_CHARS} 个字符。")
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"读不了评论文件 {name}：{type(exc).__name__}（须为 UTF-8 文本）。") from None
