"""The parser table of the committee's and the office's confidential outputs (``xuehui conflicts`` …: read from
the committee repository, never published), kept beside ``cli.py``'s table so that one stays short; each
subcommand is carried out by its own module in ``generator.commands``."""

from __future__ import annotations

import argparse
from typing import Any


def confidential_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    """The office's conflict summary and the applicants' letters (both from the committee repository)."""
    conflicts_parser(sub)
    letters_parser(sub)


def conflicts_parser(sub: argparse._SubParsersAction[Any]) -> None:
    conflicts = sub.add_parser(
        "conflicts", help="评审利益冲突汇总（专项办公室内部，不公开） (the office's conflict summary)"
    )
    conflicts.add_argument("--committee", metavar="PATH", required=True, help="评审委员会仓库的根目录")
    conflicts.add_argument(
        "--shared", metavar="PATH", help="共享专项仓库的根目录（默认：委员会仓库 shared.yaml 的 path）"
    )
    conflicts.add_argument("--cycle", type=int, required=True, help="年度，如 2026")
    conflicts.add_argument("--format", choices=("text", "json"), default="text")
    conflicts.add_argument("--output", help="写入此文件（默认输出到终端；不要写到共享仓库中）")


def letters_parser(sub: argparse._SubParsersAction[Any]) -> None:
    letters = sub.add_parser(
        "letters",
        help="给每个申报学会的评审结果通知书（不公开） (each applicant's result letter, never published)",
    )
    letters.add_argument("--committee", metavar="PATH", required=True, help="评审委员会仓库的根目录")
    letters.add_argument(
        "--shared", metavar="PATH", help="共享专项仓库的根目录（默认：委员会仓库 shared.yaml 的 path）"
    )
    letters.add_argument("--cycle", type=int, required=True, help="年度，如 2026")
    letters.add_argument(
        "--out", required=True, help="通知书写入的文件夹（不能在网站、共享仓库数据或委员会仓库之内）"
    )
    letters.add_argument(
        "--now", help="通知书落款日期所依据的时刻，如 2026-11-21（专项时区，默认为当前时间）"
    )
