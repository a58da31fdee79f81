"""``xuehui new <kind>``: a template to fill in (application, plan, report, review), from the kind's template."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.errors import EXIT_FINDINGS, EXIT_OK, UsageError

NEEDS = {"application": "society", "plan": "society", "report": "society", "review": "expert"}


def run(args: argparse.Namespace) -> int:
    from generator.scaffold import ScaffoldError, write_new

    who = NEEDS[args.what]
    if getattr(args, who) is None:
        raise UsageError(
            f"new {args.what} 需要 --{who}（{'学会代号' if who == 'society' else '专家编号'}）。"
        )
    try:
        path = write_new(
            Path(args.root),
            args.what,
            args.cycle,
            society=args.society or "",
            expert=args.expert or "",
            stage=args.stage,
        )
    except ScaffoldError as exc:
        sys.stderr.write(f"xuehui new: {exc}\n")
        return EXIT_FINDINGS
    check = f"xuehui check --committee {args.root}" if args.what == "review" else f"xuehui check {path}"
    sys.stdout.write(f"已生成模板：{path}\n请按文件中的注释逐项填写，然后运行 {check} 检查。\n")
    return EXIT_OK
