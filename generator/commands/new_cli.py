"""The parser table of ``xuehui new`` (the templates a society or an expert fills in), kept beside ``cli.py``'s
table so that one stays short; ``commands/new.py`` carries it out."""

from __future__ import annotations

import argparse
from typing import Any


def new_parser(sub: argparse._SubParsersAction[Any]) -> None:
    new = sub.add_parser("new", help="生成填写模板 (write a template to fill in)")
    new.add_argument(
        "what",
        choices=("application", "plan", "report", "review"),
        help="模板种类：application（申报书）、plan（资金管理办法备案）、report（中期或总结材料）、review（专家评分表）",
    )
    new.add_argument(
        "--society", help="学会代号，如 wuhan-mechanical-engineering（application、plan、report）"
    )
    new.add_argument("--expert", help="专家编号，如 expert-zhao（评分表 review；--root 为评审委员会仓库）")
    new.add_argument("--cycle", required=True, type=int, help="年度，如 2026")
    new.add_argument(
        "--stage",
        choices=("midterm", "final"),
        default="midterm",
        help="中期或总结材料（report）的阶段：midterm 中期、final 总结",
    )
    new.add_argument(
        "--root", default=".", help="仓库根目录（含 submissions/；review 为评审委员会仓库），默认当前目录"
    )
