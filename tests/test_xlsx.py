"""Excel out and in (issue 24): workbooks with Chinese headers, widths, a frozen header row, money as exact
two-decimal numbers, dates as dates, text never a formula, the same bytes for the same moment; ``rank`` and
``status`` refuse a terminal; the site's open data get an .xlsx beside each CSV. The import of the office's
registers is tested further below."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")

from generator.sheetwrite import DATE_FORMAT, MONEY_FORMAT, Column, Sheet, workbook  # noqa: E402
from generator.site.workbooks import sheet_of, workbooks  # noqa: E402
from tests.helpers import REPO  # noqa: E402

MOMENT = datetime(2026, 12, 20, 9, 30, tzinfo=timezone(timedelta(hours=8)))
SHEET = Sheet(
    "表彰与资金使用",
    (Column("学会"), Column("奖励金额", "money"), Column("截至", "date"), Column("年度", "int")),
    [
        ["武汉市机械工程学会", Decimal("200000.10"), date(2026, 12, 5), 2026],
        ['=HYPERLINK("http://x")', Decimal("0.07"), None, 2025],
    ],
)


def load(raw: bytes) -> object:
    return openpyxl.load_workbook(io.BytesIO(raw))


def test_headers_widths_frozen_row_and_formats() -> None:
    ws = load(workbook([SHEET], MOMENT)).active  # type: ignore[attr-defined]
    assert ws.title == "表彰与资金使用"
    assert [c.value for c in ws[1]] == ["学会", "奖励金额", "截至", "年度"]
    assert ws[1][0].font.bold
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["A"].width >= 20  # nine Chinese characters are eighteen columns wide
    assert ws["B2"].number_format == MONEY_FORMAT and ws["C2"].number_format == DATE_FORMAT
    assert ws["C2"].value == datetime(2026, 12, 5) and ws["D2"].value == 2026
    assert ws["A3"].data_type == "s" and ws["A3"].value.startswith("=")  # text, never a formula


def test_money_is_written_exactly_not_through_a_float() -> None:
    with zipfile.ZipFile(io.BytesIO(workbook([SHEET], MOMENT))) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<v>200000.10</v>" in xml and "<v>0.07</v>" in xml


def test_the_same_moment_gives_the_same_bytes_and_the_moment_dates_it() -> None:
    first = workbook([SHEET], MOMENT)
    assert workbook([SHEET], MOMENT) == first
    assert workbook([SHEET], MOMENT + timedelta(days=1)) != first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 12, 20, 1, 30, 0)}
        assert b"2026-12-20T01:30:00Z" in z.read("docProps/core.xml")


def test_open_data_workbooks_say_what_the_csv_says() -> None:
    csv_text = "\ufeff学会代号,学会,奖励金额,截至\r\nwuhan-optics,武汉市光学学会,150000.00,2026-12-31\r\n"
    sheet = sheet_of("data/2026-awards.csv", csv_text)
    assert sheet.title == "2026年度表彰与资金使用"
    assert sheet.rows == [["wuhan-optics", "武汉市光学学会", Decimal("150000.00"), date(2026, 12, 31)]]
    made = workbooks({"data/2026-awards.csv": csv_text, "index.md": "x"}, MOMENT)
    assert list(made) == ["data/2026-awards.xlsx"]


def xuehui(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, check=False
    )


def test_rank_and_status_write_workbooks(tmp_path: Path) -> None:
    out = tmp_path / "rank.xlsx"
    done = xuehui("rank", "--cycle", "2026", "--format", "xlsx", "--now", "2026-12-20", "--output", str(out))
    assert done.returncode == 0, done.stderr.decode()
    ws = load(out.read_bytes()).active  # type: ignore[attr-defined]
    assert ws["A1"].value == "排名" and ws["D2"].number_format == "0.00"
    piped = xuehui("rank", "--cycle", "2026", "--format", "xlsx", "--now", "2026-12-20")
    assert piped.stdout == out.read_bytes()  # redirected standard output: the same workbook
    status = xuehui("status", "--cycle", "2026", "--format", "xlsx", "--now", "2026-11-27")
    book = load(status.stdout)
    assert book.sheetnames == ["公示", "申报阶段", "提醒"]  # type: ignore[attr-defined]
    facts = {r[0].value: r[1].value for r in book["公示"].iter_rows(min_row=2)}  # type: ignore[index]
    assert facts["公示开始"] == datetime(2026, 11, 25) and facts["公示状态"] == "公示中"


def test_a_workbook_is_refused_on_a_terminal() -> None:
    pytest.importorskip("pty")
    code = (
        "import os, pty, sys\n"
        "pid, fd = pty.fork()\n"
        "if pid == 0:\n"
        "    os.execv(sys.executable, [sys.executable, '-m', 'generator', 'status', '--format', 'xlsx',"
        " '--now', '2026-11-27'])\n"
        "out = b''\n"
        "while True:\n"
        "    try:\n"
        "        chunk = os.read(fd, 4096)\n"
        "    except OSError:\n"
        "        break\n"
        "    if not chunk:\n"
        "        break\n"
        "    out += chunk\n"
        "_, status = os.waitpid(pid, 0)\n"
        "sys.stdout.write(str(os.waitstatus_to_exitcode(status)) + '\\n' + out.decode('utf-8', 'replace'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False)
    code_line, _, text = done.stdout.partition("\n")
    assert code_line == "2" and "不能输出到终端" in text and "--output" in text
