"""``xuehui office open-cycle``: a new year's call from the previous one (dates and years moved on, the
fields to confirm named at the top) and an empty ``decisions.yaml``."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from generator.kinds.call import KIND as CALL
from generator.kinds.decisions import KIND as DECISIONS
from generator.office.edit import Draft, Refused, Workspace, dump, load, new_file

_DATED = re.compile(r"(?P<year>\d{4})(?P<rest>-\d{2}-\d{2}(?:T.*)?)\Z")
_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
CONFIRM = ("published", "deadline", "doc_number", "title", "body", "implementation_period")


def _shift_date(text: str, years: int) -> str:
    match = _DATED.match(text)
    if match is None:
        return text
    year = int(match["year"]) + years
    rest = match["rest"]
    if rest.startswith("-02-29"):
        try:
            date(year, 2, 29)
        except ValueError:
            rest = "-02-28" + rest[6:]
    return f"{year}{rest}"


def _shift(value: Any, years: int) -> Any:
    """Every date moved by ``years``, every year named in a text too; the string's style kept."""
    if isinstance(value, dict):
        for key in list(value):
            value[key] = _shift(value[key], years)
        return value
    if isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = _shift(item, years)
        return value
    if isinstance(value, str):
        moved = _shift_date(value, years)
        if moved == value:
            moved = _YEAR.sub(lambda m: str(int(m.group(1)) + years), value)
        return value if moved == value else type(value)(moved)
    return value


def open_cycle(workspace: Workspace, year: int, previous: int | None) -> Draft:
    source_year = previous if previous is not None else year - 1
    if not 2000 <= year <= 2100 or source_year >= year:
        raise Refused(f"年度 {year} 无效：新年度须在 2000–2100 之间，且晚于作为依据的年度 {source_year}。")
    source = CALL.path(source_year)
    if not (workspace.shared / source).is_file():
        raise Refused(f"没有 {source}：请用 --from 指明以哪一年度的申报通知为依据。")
    data = load((workspace.shared / source).read_text(encoding="utf-8"))
    data = _shift(data, year - source_year)
    data["cycle"] = year
    text = dump(data)
    note = (
        f"# 由 {source_year} 年度通知顺延生成（xuehui office open-cycle）：日期和年份已顺延 {year - source_year} 年，"
        f"请逐项确认 {'、'.join(CONFIRM)}，以及奖励名额、金额和评分办法。\n"
    )
    text = text.replace("schema_version:", note + "schema_version:", 1)
    decisions = (
        f"# yaml-language-server: $schema=../../schemas/decisions.schema.json\n"
        f"# 专项办公室对 {year} 年度申报截止后各环节的记录，每一步发生时添加（xuehui office 的各子命令写入）。\n"
        f"# The office's record of one cycle after the deadline. Each step is added as it happens.\n"
        f"schema_version: 1\ncycle: {year}\n"
    )
    changes = (
        new_file(workspace.shared, CALL.path(year), text),
        new_file(workspace.shared, DECISIONS.path(year), decisions),
    )
    return Draft(
        "open-cycle",
        f"办公室：开启{year}年度专项（申报通知依{source_year}年度顺延，待确认）",
        (
            f"新建 {CALL.path(year)}（依 {source_year} 年度通知，日期顺延）",
            f"新建 {DECISIONS.path(year)}（空记录）",
        ),
        changes,
    )
