"""``xuehui status``: the stage of every application of a cycle and its publicity."""

from __future__ import annotations

import argparse
import sys

from generator.commands.common import load_tree, parse_now
from generator.commands.errors import EXIT_OK, UsageError


def run(args: argparse.Namespace) -> int:
    from generator.funding import cycle_funding
    from generator.lifecycle import current_cycle, cycle_status
    from generator.report.status import render

    now = parse_now(args.now)
    _root, data = load_tree()
    year = args.cycle if args.cycle is not None else current_cycle(data, data.today(now))
    if year is None:
        raise UsageError("submissions/ 中还没有任何年度的数据（如 submissions/2026/call.yaml）。")
    if year not in data.cycles:
        raise UsageError(f"没有 {year} 年度的数据（submissions/{year}/）。")
    names = {slug: s.name for slug, s in data.societies.items()}
    awards = cycle_funding(data, year, data.today(now))
    sys.stdout.write(render(cycle_status(data, year, now), args.format, names, awards))
    return EXIT_OK
