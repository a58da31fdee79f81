"""The open data's workbooks: an .xlsx beside each CSV of ``data/`` for the office and the public who live in
Excel/WPS. Each workbook is made from its CSV's own text, so the two can never say different things (the
privacy scan reads the CSV; the workbook holds nothing more). Columns are typed by their Chinese header:
money as numbers with two decimals (exact), dates as real dates, years as whole numbers."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import partial

from generator.cache import stored_set
from generator.sheetwrite import Cell, Column, Sheet, workbook

MONEY = frozenset({"申请金额", "奖励金额", "计划", "已支出", "结余", "收回金额"})
DATES = frozenset({"截至", "决定日期"})
WHOLE = frozenset({"成立年份", "年度"})
SHEET_TITLES = {
    "applications": "申报学会及阶段",
    "awards": "表彰与资金使用",
    "societies": "学会名录",
    "sanctions": "处理决定",
}


def _kind(header: str) -> str:
    if header in MONEY:
        return "money"
    if header in DATES:
        return "date"
    return "int" if header in WHOLE else "text"


def _typed(text: str, kind: str) -> Cell:
    if text == "":
        return None
    try:
        if kind == "money":
            return Decimal(text)
        if kind == "date":
            return date.fromisoformat(text)
        if kind == "int":
            return int(text)
    except (InvalidOperation, ValueError):
        return text
    return text


def _title(rel: str) -> str:
    stem = rel.rsplit("/", 1)[-1].removesuffix(".csv")
    year, _, rest = stem.partition("-")
    if year.isdigit() and rest in SHEET_TITLES:
        return f"{year}年度{SHEET_TITLES[rest]}"
    return SHEET_TITLES.get(stem, stem)


def sheet_of(rel: str, text: str) -> Sheet:
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    headers = rows[0] if rows else []
    kinds = [_kind(h) for h in headers]
    typed = [[_typed(v, kinds[i]) if i < len(kinds) else v for i, v in enumerate(r)] for r in rows[1:]]
    return Sheet(_title(rel), tuple(Column(h, k) for h, k in zip(headers, kinds, strict=True)), typed)


def _workbook_of(rel: str, text: str, moment: datetime) -> bytes:
    return workbook([sheet_of(rel, text)], moment)


def workbooks(pages: Mapping[str, str], moment: datetime) -> dict[str, bytes]:
    """``data/<name>.xlsx`` for every ``data/<name>.csv`` of ``pages``, dated ``moment``; each kept in the
    user's cache folder by its CSV, its moment and the versions of this code and openpyxl
    (``cache.stored_set``: only the latest set is kept), so a rebuild does not write the same workbook again."""
    from importlib.metadata import version

    made_by = f"openpyxl {version('openpyxl')}\0{moment.isoformat()}\0"
    wanted = {
        rel.removesuffix(".csv") + ".xlsx": (
            (made_by + rel + "\0" + text).encode("utf-8"),
            partial(_workbook_of, rel, text, moment),
        )
        for rel, text in sorted(pages.items())
        if rel.startswith("data/") and rel.endswith(".csv")
    }
    return stored_set("workbooks", wanted)
