"""``xuehui comment``: post the check's report on a pull request as one sticky comment, or update it.

With ``--head-sha`` the comment records the commit it is for, and a run whose commit is no longer the pull
request's head leaves the comment as it is (exit 0, with a note): an older verdict never replaces a newer
one, in whatever order the runs finish."""

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
    result = forgeapi.upsert_comment(
        target, token, args.pr, body, author=args.author, head_sha=args.head_sha, sleep=forgeapi.SLEEP
    )
    if isinstance(result, forgeapi.Failure):
        return forge_failed("comment", result)
    if isinstance(result, forgeapi.CommentSkipped):
        sys.stdout.write(
            f"已跳过：拉取请求 #{result.pr} 的最新提交已是 {result.current[:12]}，本次检查的是 {result.head[:12]}；"
            "评论留给最新提交的检查结论，不被较旧的结论覆盖。"
            f" (skipped: the pull request's head is now {result.current[:12]}, this run checked"
            f" {result.head[:12]}; an older verdict never replaces a newer one)\n"
        )
        return EXIT_OK
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
