"""Excel out and in (issue 24): workbooks with Chinese headers, widths, a frozen header row, money as exact
two-decimal numbers, dates as dates, text never a formula, the same bytes for the same moment; ``rank`` and
``status`` refuse a terminal; the site's open data get an .xlsx beside each CSV. The import of the office's
registers is tested further below."""

from __future__ import annotations

import io
import json
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


# --------------------------------------------------------------------------------------------- Excel in
REPORTS = "submissions/office/annual_reports.yaml"
PROJECTS = "submissions/office/entrusted_projects.yaml"
INSPECTIONS = "submissions/office/annual_inspections.yaml"
SLUG = "wuhan-mechanical-engineering"


def sheet_file(
    path: Path, rows: list[list[object]], title: str = "登记表", merged_header: bool = True
) -> Path:
    """A workbook as an office makes one: a merged title row, a group header merged over two columns above
    the real headers, the rows, then empty rows at the end."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    width = len(rows[0])
    ws.cell(row=1, column=1, value="武汉市科协 登记表（2026）")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    if merged_header:
        ws.cell(row=2, column=1, value="学会情况")
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=2)
    for r, values in enumerate(rows, start=3):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=value)
    for r in range(3 + len(rows), 8 + len(rows)):
        ws.cell(row=r, column=1, value="")  # trailing rows that hold nothing
    wb.save(path)
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    from tests.helpers import copy_mini

    copy_mini(tmp_path)
    return tmp_path


def test_reading_merged_headers_serial_and_text_dates_and_trailing_rows(tmp_path: Path) -> None:
    from generator.sheetread import Table, as_date, read_table

    path = sheet_file(
        tmp_path / "r.xlsx",
        [["年度", "学会代号", "工作总结报送日期", "工作计划报送日期"], [2026, SLUG, 46361, "2026年12月6日"]],
    )
    wanted = {
        "year": ("年度",),
        "society": ("学会代号",),
        "summary": ("工作总结报送日期",),
        "plan": ("工作计划报送日期",),
    }
    table = read_table(path.read_bytes(), wanted, ("year", "summary"))
    assert isinstance(table, Table)
    assert table.header_row == 3 and table.columns == {
        "year": "A",
        "society": "B",
        "summary": "C",
        "plan": "D",
    }
    assert [r.number for r in table.rows] == [4]  # the trailing empty rows are not rows
    row = table.rows[0]
    assert as_date(row.values["summary"]) == date(2026, 12, 5)  # an Excel serial
    assert as_date(row.values["plan"]) == date(2026, 12, 6)  # text
    assert as_date(datetime(2026, 12, 7, 0, 0)) == date(2026, 12, 7)  # a real date cell


def test_import_previews_then_writes_keeping_comments(tree: Path) -> None:
    before = (tree / PROJECTS).read_text(encoding="utf-8")
    path = sheet_file(
        tree / "p.xlsx",
        [
            ["项目编号", "学会代号", "项目名称", "委托单位", "要求完成日期", "完成状态", "完成日期"],
            [
                "2025-wt-007",
                SLUG,
                "武汉市装备制造业人才需求调研",
                "武汉市科学技术协会",
                "2025-11-30",
                "已完成",
                "2025/11/20",
            ],
            [
                "2026-wt-009",
                SLUG,
                "智能制造科普读本",
                "武汉市科学技术协会",
                datetime(2026, 12, 31),
                "进行中",
                None,
            ],
        ],
    )
    preview = xuehui("import-registers", "entrusted-projects", str(path), "--now", "2026-11-26", cwd=tree)
    assert preview.returncode == 0, preview.stderr.decode()
    out = preview.stdout.decode()
    assert "新增委托项目 2026-wt-009" in out and "2025-wt-007" not in out and "预览" in out
    assert (tree / PROJECTS).read_text(encoding="utf-8") == before  # a preview writes nothing
    done = xuehui(
        "import-registers", "entrusted-projects", str(path), "--now", "2026-11-26", "--write", cwd=tree
    )
    assert done.returncode == 0, done.stderr.decode()
    after = (tree / PROJECTS).read_text(encoding="utf-8")
    assert after.startswith(before)  # the old text, comments included, is kept as it was
    assert "id: 2026-wt-009" in after and 'due: "2026-12-31"' in after and "status: in_progress" in after
    check = json.loads(xuehui("check", "--now", "2026-11-26", "--format", "json", cwd=tree).stdout)
    assert not [f for f in check["findings"] if f["file"] == PROJECTS and f["severity"] == "error"]


def test_an_update_keeps_the_line_comment(tree: Path) -> None:
    path = sheet_file(
        tree / "r.xlsx",
        [["年度", "学会代号", "工作总结报送日期", "工作计划报送日期"], [2025, SLUG, "2025-12-27", None]],
    )
    done = xuehui("import-registers", "annual-reports", str(path), "--now", "2026-11-26", "--write", cwd=tree)
    assert done.returncode == 0, done.stderr.decode()
    text = (tree / REPORTS).read_text(encoding="utf-8")
    assert f'{SLUG}: {{summary: "2025-12-27", plan: null}}' in text
    assert text.startswith("# When each society filed")


def test_bad_rows_are_named_and_nothing_is_written(tree: Path) -> None:
    before = (tree / INSPECTIONS).read_bytes()
    path = sheet_file(
        tree / "i.xlsx",
        [
            ["年度", "学会代号", "年检结论"],
            [2026, SLUG, "合格"],
            ["明年", SLUG, "优秀"],
            [2026, "wuhan-nobody", "合格"],
            [2026, SLUG, "合格"],
        ],
        title="年检",
    )
    done = xuehui(
        "import-registers", "annual-inspections", str(path), "--now", "2026-11-26", "--write", cwd=tree
    )
    assert done.returncode == 1
    err = done.stderr.decode()
    assert "未写入任何内容" in err
    assert "工作表“年检”第 5 行 A 列（年度）" in err and "请写四位年份" in err
    assert "第 5 行 C 列（年检结论）" in err and "合格、基本合格 或 不合格" in err
    assert "第 6 行 B 列（学会代号）" in err and "wuhan-nobody" in err
    assert "第 7 行" in err and "与第 4 行重复" in err
    assert (tree / INSPECTIONS).read_bytes() == before


def test_a_missing_column_is_named(tree: Path) -> None:
    path = sheet_file(tree / "x.xlsx", [["年度", "学会代号"], [2026, SLUG]], merged_header=False)
    done = xuehui("import-registers", "annual-inspections", str(path), "--now", "2026-11-26", cwd=tree)
    assert done.returncode == 1 and "“年检结论”" in done.stderr.decode()


def test_without_the_office_extra_the_commands_name_it(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator import cli

    monkeypatch.chdir(tree)
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now fails
    path = tree / "x.xlsx"
    path.write_bytes(b"PK")
    assert cli.main(["import-registers", "annual-inspections", str(path), "--now", "2026-11-26"]) == 1
    assert "pip install 'xuehui[office]'" in capsys.readouterr().err
    out = tree / "s.xlsx"
    assert cli.main(["status", "--format", "xlsx", "--now", "2026-11-27", "--output", str(out)]) == 1
    assert "pip install 'xuehui[office]'" in capsys.readouterr().err and not out.exists()


def test_a_header_merged_over_two_rows_names_its_column(tmp_path: Path) -> None:
    from generator.sheetread import Table, read_table

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"], ws["B2"], ws["C2"] = "年度", "年检情况", "学会代号", "年检结论"
    ws.merge_cells("A1:A2")  # 年度 spans both header rows
    ws.merge_cells("B1:C1")  # a group title over two columns
    ws.append(["2026", SLUG, "合格"])
    ws.append([None, None, None])
    wb.save(tmp_path / "m.xlsx")
    wanted = {"year": ("年度",), "society": ("学会代号",), "result": ("年检结论",)}
    table = read_table((tmp_path / "m.xlsx").read_bytes(), wanted, tuple(wanted))
    assert isinstance(table, Table) and table.header_row == 2
    assert table.columns == {"year": "A", "society": "B", "result": "C"}
    assert [(r.number, r.values) for r in table.rows] == [
        (3, {"year": "2026", "society": SLUG, "result": "合格"})
    ]
