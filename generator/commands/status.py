"""``xuehui status``: the stage of every application of a cycle and its publicity."""

from __future__ import annotations

import argparse

from generator.commands.common import load_tree, parse_now
from generator.commands.errors import EXIT_OK, ActionFailed, UsageError
from generator.commands.output import write, write_binary


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
    status = cycle_status(data, year, now)
    awards = cycle_funding(data, year, data.today(now))
    if args.format != "xlsx":
        write(render(status, args.format, names, awards), args.output)
        return EXIT_OK
    from generator.report.xlsx import status as status_workbook
    from generator.sheetwrite import OfficeExtraMissing

    try:
        write_binary(status_workbook(status, names), args.output, "状态的 xlsx 工作簿")
    except OfficeExtraMissing as exc:
        raise ActionFailed(str(exc)) from exc
    return EXIT_OK
