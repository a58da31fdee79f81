"""``xuehui new application``: a society's application template to fill in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.errors import EXIT_FINDINGS, EXIT_OK


def run(args: argparse.Namespace) -> int:
    from generator.scaffold import ScaffoldError, write_application

    try:
        path = write_application(Path(args.root), args.society, args.cycle)
    except ScaffoldError as exc:
        sys.stderr.write(f"xuehui new: {exc}\n")
        return EXIT_FINDINGS
    sys.stdout.write(
        f"已生成申报书模板：{path}\n请按文件中的注释逐项填写，然后运行 xuehui check {path} 检查。\n"
    )
    return EXIT_OK
