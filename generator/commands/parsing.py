"""The command line's help in Chinese: the usage prefix and every placeholder (metavar) a help text shows."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from typing import Any

# Every placeholder of ``xuehui … --help`` (argparse's default is the option's name in capitals) → its
# Chinese name. A placeholder not listed here stays as it is (the command-line test finds it).
METAVARS = {
    "PATH": "路径",
    "ID": "规则编号",
    "NOW": "时刻",
    "OUTPUT": "文件",
    "OUT": "文件夹",
    "BASE": "提交",
    "HEAD": "提交",
    "SINCE": "提交",
    "SHA": "提交号",
    "BEFORE": "提交号",
    "HEAD_SHA": "提交号",
    "ACTOR": "账号",
    "AUTHOR": "账号",
    "PUSHER": "账号",
    "LINK_BASE": "链接前缀",
    "TARGET_URL": "链接",
    "API_URL": "地址",
    "CYCLE": "年度",
    "PORT": "端口",
    "PR": "编号",
    "BODY_FILE": "文件",
    "CONTEXT": "名称",
    "DESCRIPTION": "说明",
    "REPO": "仓库",
    "SOCIETY": "学会代号",
    "ROOT": "目录",
    "COMMITTEE": "路径",
    "SHARED": "路径",
    "EXPERT": "专家编号",
    "YEAR": "年度",
    "SOURCE": "年度",
    "PUBLISHED": "日期",
    "DOC_NUMBER": "文号",
    "DATE": "日期",
    "START": "日期",
    "TITLE": "标题",
    "CHANNEL": "渠道",
    "RECEIVED": "日期",
    "SUMMARY": "概述",
    "RESOLVED": "日期",
    "OUTCOME": "结论",
    "DECIDED": "日期",
    "RECLAIM": "金额",
    "REASON": "理由",
    "RECORD": "记录",
}


class Formatter(argparse.HelpFormatter):
    """Help text with a Chinese usage prefix and Chinese placeholders (``METAVARS``)."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[Any],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def _metavar_formatter(
        self, action: argparse.Action, default_metavar: str
    ) -> Callable[[int], tuple[str, ...]]:
        if action.metavar is None and action.choices is None:
            return super()._metavar_formatter(action, METAVARS.get(default_metavar, default_metavar))
        if isinstance(action.metavar, str):
            saved = action.metavar
            action.metavar = METAVARS.get(saved, saved)
            try:
                return super()._metavar_formatter(action, default_metavar)
            finally:
                action.metavar = saved
        return super()._metavar_formatter(action, default_metavar)
