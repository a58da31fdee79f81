"""Reading a spreadsheet (.xlsx) the office keeps as a table of values (openpyxl, read-only, values only).

The office's registers come as workbooks made by hand: a title row or two above the headers, header cells
merged across rows or columns, dates stored as real dates, as Excel serial numbers or as text, and empty
rows at the end. ``read_table`` finds the header row by the Chinese header names it is told to expect, names
each column by the lowest header text above it (so a header merged over two rows, or a group title above,
still names its column), and returns the rows below that hold any value, each with its Excel row number and
the column letters, so a problem can be named by sheet, row and column. Problems are values
(``SheetProblem``), never exceptions; openpyxl (the extra ``office``) is imported when a file is read.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

HEADER_SEARCH_ROWS = 10  # the header row is among the first rows
EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel's 1900 leap-year bug folded in)
_DATE_TEXT = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


@dataclass(frozen=True, slots=True)
class SheetProblem:
    """Why a file cannot be read as the table asked for (in Chinese, with what to do)."""

    message: str


@dataclass(frozen=True, slots=True)
class Row:
    number: int  # the Excel row number (1-based)
    values: dict[str, Any]  # field → the cell's value (None when empty)


@dataclass(frozen=True, slots=True)
class Table:
    sheet: str
    header_row: int
    columns: dict[str, str]  # field → column letter
    headers: dict[str, str]  # field → the header text found
    rows: tuple[Row, ...] = field(default_factory=tuple)


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _norm(text: object) -> str:
    return re.sub(r"\s+", "", str(text)) if text is not None else ""


def _header_names(block: Sequence[Sequence[Any]], width: int) -> list[str]:
    """Each column's name: the lowest non-empty header text above it in ``block``."""
    names = [""] * width
    for row in block:
        for i, value in enumerate(row[:width]):
            if _norm(value):
                names[i] = _norm(value)
    return names


def _match(names: list[str], wanted: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """field → column index for every wanted field whose accepted header names one of ``names``."""
    found: dict[str, int] = {}
    for key, accepted in wanted.items():
        for i, name in enumerate(names):
            if name in {_norm(a) for a in accepted}:
                found[key] = i
                break
    return found


def _open(raw: bytes, sheet: str | None) -> Any | SheetProblem:
    try:
        from openpyxl import load_workbook
    except ImportError:
        return SheetProblem("读取 .xlsx 需要办公室扩展：pip install 'xuehui[office]'（openpyxl）。")
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        return SheetProblem(
            f"无法作为 Excel 工作簿（.xlsx）读取：{type(exc).__name__}。请用 Excel 或 WPS 另存为 .xlsx 后再导入。"
        )
    if sheet is None:
        return book.worksheets[0]
    if sheet not in book.sheetnames:
        return SheetProblem(f"工作簿中没有名为“{sheet}”的工作表（现有：{'、'.join(book.sheetnames)}）。")
    return book[sheet]


def read_table(
    raw: bytes, wanted: Mapping[str, Sequence[str]], required: Sequence[str], sheet: str | None = None
) -> Table | SheetProblem:
    """The table of ``raw``'s sheet (the first by default) whose headers name the ``wanted`` fields (field →
    accepted Chinese header names); every field of ``required`` must have a column."""
    ws = _open(raw, sheet)
    if isinstance(ws, SheetProblem):
        return ws
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    width = max((len(r) for r in grid), default=0)
    best: tuple[int, dict[str, int]] = (-1, {})
    for end in range(min(HEADER_SEARCH_ROWS, len(grid))):
        found = _match(_header_names(grid[: end + 1], width), wanted)
        if len(found) > len(best[1]):
            best = (end, found)
    end, found = best
    missing = [k for k in required if k not in found]
    if missing:
        names = "、".join(f"“{wanted[k][0]}”" for k in missing)
        return SheetProblem(
            f"工作表“{ws.title}”前 {HEADER_SEARCH_ROWS} 行中找不到列{names}。请在表头写上这些列名（可用的写法："
            + "；".join(f"{wanted[k][0]}：{'、'.join(wanted[k])}" for k in missing)
            + "）。"
        )
    rows = tuple(
        Row(end + 2 + n, {k: _cell(r, i) for k, i in found.items()})
        for n, r in enumerate(grid[end + 1 :])
        if any(_cell(r, i) is not None for i in found.values())
    )
    header_texts = _header_names(grid[: end + 1], width)
    return Table(
        ws.title,
        end + 1,
        {k: column_letter(i + 1) for k, i in found.items()},
        {k: header_texts[i] for k, i in found.items()},
        rows,
    )


def _cell(row: Sequence[Any], index: int) -> Any:
    value = row[index] if index < len(row) else None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def as_date(value: Any) -> date | None:
    """A cell as a date: a real date, an Excel serial number, or text such as 2026-12-05, 2026/12/5 or
    2026年12月5日; None when it is none of these."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
        return EXCEL_EPOCH + timedelta(days=int(value))
    if isinstance(value, str):
        m = _DATE_TEXT.match(value)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


def as_year(value: Any) -> int | None:
    """A cell as a four-digit year (2026, 2026.0, "2026", "2026年")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and float(value).is_integer() and 1900 <= value <= 2999:
        return int(value)
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d{4})\s*年?(度)?\s*", value)
        return int(m.group(1)) if m else None
    return None
