"""``xuehui rules``: the rule catalogue, or one rule explained (``--explain``)."""

from __future__ import annotations

import argparse
import sys

from generator.commands.errors import EXIT_OK, UsageError


def run(args: argparse.Namespace) -> int:
    from generator.catalogue import close_ids, explain, find, render

    if args.explain is None:
        sys.stdout.write(render(args.format))
        return EXIT_OK
    rule = find(args.explain)
    if rule is None:
        from generator.textsafe import clean, truncate

        close = close_ids(args.explain)
        hint = f"相近的编号：{'、'.join(close)}。" if close else "全部编号见 xuehui rules。"
        raise UsageError(f"没有编号为 {truncate(clean(args.explain.strip()), 40)} 的规则。{hint}")
    sys.stdout.write(explain(rule, args.format))
    return EXIT_OK
