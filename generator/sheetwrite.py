"""Writing a workbook (.xlsx) the office opens in Excel or WPS: Chinese headers, a frozen header row, column
widths from the content, money with two decimals (a ``Decimal`` written exactly, never through a float),
dates as real dates, and text always as text (a cell that begins with ``=`` is never a formula).

Deterministic: the same sheets and the same moment give the same bytes (the workbook's created and modified
dates and every entry of the zip archive carry ``moment``), so golden digests are stable. openpyxl (the extra
``office``) is imported when a workbook is made; ``OfficeExtraMissing`` names the extra when it is missing.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

Cell = str | int | Decimal | date | None

MONEY_FORMAT = "#,##0.00"  # 元, two decimals, thousands separator
POINTS_FORMAT = "0.00"  # scores: two decimals, no separator
DATE_FORMAT = "yyyy-mm-dd"
KINDS = ("text", "int", "money", "points", "date")
_MIN_WIDTH, _MAX_WIDTH = 6, 60
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CORE_DATES = re.compile(rb"(<dcterms:(created|modified) [^>]*>)[^<]*(</dcterms:\2>)")
_NUMBER_CELL = re.compile(rb'(<c r="([A-Z]+[0-9]+)"[^>]*><v>)[^<]*(</v>)')
OFFICE_HINT = "请先安装办公室扩展：pip install 'xuehui[office]'（openpyxl、ruamel.yaml）。"


class OfficeExtraMissing(Exception):
    """openpyxl (the extra ``office``) is not installed."""


@dataclass(frozen=True, slots=True)
class Column:
    header: str  # in Chinese
    kind: str = "text"  # one of KINDS


@dataclass(frozen=True, slots=True)
class Sheet:
    title: str  # at most 31 characters (Excel's limit)
    columns: tuple[Column, ...]
    rows: Sequence[Sequence[Cell]]


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _shown(value: Cell, kind: str) -> str:
    """About as wide as the cell shows (money gains a separator every three digits)."""
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, Decimal) and kind == "money":
        return text + " " * (len(text.split(".")[0]) // 3)
    return text


def _width(column: Column, rows: Sequence[Sequence[Cell]], index: int) -> int:
    widest = max(
        [display_width(column.header), *(display_width(_shown(r[index], column.kind)) for r in rows)]
    )
    return min(_MAX_WIDTH, max(_MIN_WIDTH, widest + 2))


def _put(ws: object, row: int, col: int, value: Cell, kind: str, exact: dict[str, str]) -> None:
    cell = ws.cell(row=row, column=col)  # type: ignore[attr-defined]
    if value is None:
        return
    if isinstance(value, Decimal):
        exact[cell.coordinate] = format(value, "f")  # openpyxl writes numbers as "%.16g" of a float
    if isinstance(value, str):
        cell.value = _CONTROL.sub("", value)
        cell.data_type = "s"  # text stays text: "=…" from a file is never a formula
        return
    cell.value = value
    if kind == "money":
        cell.number_format = MONEY_FORMAT
    elif kind == "points":
        cell.number_format = POINTS_FORMAT
    elif kind == "date" or isinstance(value, date):
        cell.number_format = DATE_FORMAT


def _fill(wb: object, sheet: Sheet, first: bool) -> dict[str, str]:
    """Fill one worksheet; returns the exact text of its Decimal cells by coordinate."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = wb.active if first else wb.create_sheet()  # type: ignore[attr-defined]
    ws.title = sheet.title[:31]
    for c, column in enumerate(sheet.columns, start=1):
        head = ws.cell(row=1, column=c, value=column.header)
        head.font = Font(bold=True)
        ws.column_dimensions[get_column_letter(c)].width = _width(column, sheet.rows, c - 1)
    exact: dict[str, str] = {}
    for r, values in enumerate(sheet.rows, start=2):
        for c, column in enumerate(sheet.columns, start=1):
            _put(ws, r, c, values[c - 1], column.kind, exact)
    ws.freeze_panes = "A2"
    return exact


def workbook(sheets: Sequence[Sheet], moment: datetime) -> bytes:
    """The .xlsx bytes of ``sheets``; ``moment`` (the command's ``--now``) dates the workbook."""
    try:
        from openpyxl import Workbook
    except ImportError as exc:  # pragma: no cover - exercised with the extra missing
        raise OfficeExtraMissing(OFFICE_HINT) from exc
    stamp = moment.astimezone(UTC).replace(tzinfo=None, microsecond=0)
    wb = Workbook()
    wb.properties.creator = "xuehui"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    exact = {f"xl/worksheets/sheet{i + 1}.xml": _fill(wb, sheet, i == 0) for i, sheet in enumerate(sheets)}
    buffer = io.BytesIO()
    wb.save(buffer)
    return _fixed(buffer.getvalue(), stamp, exact)


def _exact(xml: bytes, values: dict[str, str]) -> bytes:
    """``xml`` with the value of each Decimal cell written as its exact decimal text."""

    def one(m: re.Match[bytes]) -> bytes:
        text = values.get(m.group(2).decode())
        return m.group(0) if text is None else m.group(1) + text.encode() + m.group(3)

    return _NUMBER_CELL.sub(one, xml)


def _fixed(raw: bytes, stamp: datetime, exact: dict[str, dict[str, str]]) -> bytes:
    """The archive again with every entry dated ``stamp``, the core properties' dates set to it (openpyxl
    dates both by the clock when it saves) and the Decimal cells exact."""
    when = max(stamp, datetime(1980, 1, 1))
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _CORE_DATES.sub(lambda m: m.group(1) + iso + m.group(3), data)
            elif info.filename in exact:
                data = _exact(data, exact[info.filename])
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            zout.writestr(entry, data)
    return out.getvalue()
