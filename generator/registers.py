"""Importing the office's registers from spreadsheets (``xuehui import-registers``): the annual inspections
(社团年检), the annual reports (年度工作总结与计划报送) and the entrusted projects (委托项目), each read from a
workbook's table (``generator.sheetread``) into records, then merged into the register's YAML file keeping
its comments and layout (ruamel.yaml round-trip, the extra ``office``).

Pure: rows in, records and row problems out (each naming sheet, row, column and what to fix); the YAML's
text in, the new text and the Chinese list of what changes out. The command decides whether to write.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from generator.sheetread import Row, Table, as_date, as_year

RESULTS = ("合格", "基本合格", "不合格")
STATUS = {
    "completed": ("已完成", "完成", "completed"),
    "in_progress": ("进行中", "in_progress"),
    "overdue": ("逾期未完成", "逾期", "overdue"),
    "failed": ("未按要求完成", "未完成", "failed"),
}
STATUS_ZH = {key: names[0] for key, names in STATUS.items()}
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SOCIETY_HEADERS = ("学会代号", "学会标识", "代号")
SOCIETY_NAME_HEADERS = ("学会名称", "学会", "单位名称")


@dataclass(frozen=True, slots=True)
class RowProblem:
    sheet: str
    row: int
    column: str  # the letter, "" for the whole row
    header: str
    message: str  # in Chinese: what is wrong and what to do

    def text(self) -> str:
        where = f"工作表“{self.sheet}”第 {self.row} 行"
        if self.column:
            where += f" {self.column} 列（{self.header}）"
        return f"{where}：{self.message}"


@dataclass(frozen=True, slots=True)
class Register:
    name: str
    zh: str
    path: str  # repository-relative
    wanted: dict[str, tuple[str, ...]]  # field → accepted Chinese headers
    required: tuple[str, ...]


REGISTERS: dict[str, Register] = {
    r.name: r
    for r in (
        Register(
            "annual-inspections",
            "社团年检结果",
            "submissions/office/annual_inspections.yaml",
            {
                "year": ("年度", "年检年度", "年份"),
                "society": SOCIETY_HEADERS,
                "name": SOCIETY_NAME_HEADERS,
                "result": ("年检结论", "年检结果", "结论"),
            },
            ("year", "result"),
        ),
        Register(
            "annual-reports",
            "年度工作总结与计划报送",
            "submissions/office/annual_reports.yaml",
            {
                "year": ("年度", "年份"),
                "society": SOCIETY_HEADERS,
                "name": SOCIETY_NAME_HEADERS,
                "summary": ("工作总结报送日期", "总结报送日期", "年终工作总结"),
                "plan": ("工作计划报送日期", "计划报送日期", "下一年度工作计划"),
            },
            ("year", "summary", "plan"),
        ),
        Register(
            "entrusted-projects",
            "委托项目",
            "submissions/office/entrusted_projects.yaml",
            {
                "id": ("项目编号", "编号"),
                "society": SOCIETY_HEADERS,
                "name": SOCIETY_NAME_HEADERS,
                "title": ("项目名称",),
                "entrusted_by": ("委托单位",),
                "due": ("要求完成日期", "完成期限"),
                "status": ("完成状态", "状态"),
                "completed": ("完成日期", "实际完成日期"),
            },
            ("id", "title", "entrusted_by", "due", "status"),
        ),
    )
}


class _Rows:
    """Collects the problems of a table's rows while its records are read."""

    def __init__(self, table: Table, societies: Mapping[str, str]) -> None:
        self.table, self.problems = table, list[RowProblem]()
        self.slugs = set(societies)
        self.by_name = {name: slug for slug, name in societies.items()}

    def bad(self, row: Row, key: str, message: str) -> None:
        column = self.table.columns.get(key, "")
        self.problems.append(
            RowProblem(self.table.sheet, row.number, column, self.table.headers.get(key, ""), message)
        )

    def society(self, row: Row) -> str | None:
        slug, name = row.values.get("society"), row.values.get("name")
        if slug is not None:
            if str(slug) in self.slugs:
                return str(slug)
            self.bad(
                row,
                "society",
                f"没有代号为“{slug}”的学会档案（submissions/societies/{slug}.yaml）。请核对学会代号。",
            )
            return None
        if name is not None:
            if str(name) in self.by_name:
                return self.by_name[str(name)]
            self.bad(row, "name", f"没有名为“{name}”的学会。请写学会档案中的全称，或改用“学会代号”列。")
            return None
        self.problems.append(
            RowProblem(self.table.sheet, row.number, "", "", "没有写学会：请填写“学会代号”或“学会名称”。")
        )
        return None

    def year(self, row: Row) -> int | None:
        year = as_year(row.values.get("year"))
        if year is None:
            self.bad(row, "year", f"“{row.values.get('year')}”不是年份。请写四位年份，如 2026。")
        return year

    def day(self, row: Row, key: str, optional: bool = False) -> tuple[bool, date | None]:
        value = row.values.get(key)
        if value is None:
            if not optional:
                self.bad(row, key, "不能为空：请填写日期，如 2026-12-05。")
            return optional, None
        found = as_date(value)
        if found is None:
            self.bad(row, key, f"“{value}”不是日期。请写成 2026-12-05（或设为 Excel 的日期格式）。")
            return False, None
        return True, found

    def text(self, row: Row, key: str, limit: int) -> str | None:
        value = row.values.get(key)
        if value is None or not str(value).strip():
            self.bad(row, key, "不能为空。")
            return None
        if len(str(value)) > limit:
            self.bad(row, key, f"超过 {limit} 个字。请精简。")
            return None
        return str(value).strip()


def records(
    register: str, table: Table, societies: Mapping[str, str]
) -> tuple[dict[Any, Any], list[RowProblem]]:
    """The records of ``table`` by key ((year, society) or the project id), and the problems of its rows."""
    rows = _Rows(table, societies)
    read = _READERS[register]
    out: dict[Any, Any] = {}
    first: dict[Any, int] = {}
    for row in table.rows:
        got = read(rows, row)
        if got is None:
            continue
        key, value = got
        if key in first:
            rows.problems.append(
                RowProblem(
                    table.sheet,
                    row.number,
                    "",
                    "",
                    f"与第 {first[key]} 行重复（同一记录只能出现一次）。请删去其中一行。",
                )
            )
            continue
        first[key] = row.number
        out[key] = value
    return out, rows.problems


def _inspection(rows: _Rows, row: Row) -> tuple[Any, Any] | None:
    year, society = rows.year(row), rows.society(row)
    result = row.values.get("result")
    if result not in RESULTS:
        rows.bad(row, "result", f"“{result}”不是年检结论。请写 合格、基本合格 或 不合格。")
        return None
    return None if year is None or society is None else ((year, society), result)


def _report(rows: _Rows, row: Row) -> tuple[Any, Any] | None:
    year, society = rows.year(row), rows.society(row)
    ok_summary, summary = rows.day(row, "summary", optional=True)
    ok_plan, plan = rows.day(row, "plan", optional=True)
    if year is None or society is None or not (ok_summary and ok_plan):
        return None
    return (year, society), {"summary": summary, "plan": plan}


def _project(rows: _Rows, row: Row) -> tuple[Any, Any] | None:
    ident = str(row.values.get("id") or "")
    if not _ID.match(ident):
        rows.bad(row, "id", f"项目编号“{ident}”只能用小写字母、数字和连字符，如 2026-wt-003。")
    society = rows.society(row)
    title, by = rows.text(row, "title", 200), rows.text(row, "entrusted_by", 100)
    ok_due, due = rows.day(row, "due")
    ok_done, done = rows.day(row, "completed", optional=True)
    raw = str(row.values.get("status") or "")
    status = next((k for k, names in STATUS.items() if raw in names), None)
    if status is None:
        rows.bad(row, "status", f"“{raw}”不是完成状态。请写 {'、'.join(STATUS_ZH.values())} 之一。")
    if status == "completed" and ok_done and done is None:
        rows.bad(row, "completed", "状态为已完成，请填写完成日期。")
        return None
    if None in (society, title, by, due, status) or not (ok_due and ok_done) or not _ID.match(ident):
        return None
    return ident, {
        "society": society,
        "title": title,
        "entrusted_by": by,
        "due": due,
        "status": status,
        "completed": done,
    }


_READERS: dict[str, Callable[[_Rows, Row], tuple[Any, Any] | None]] = {
    "annual-inspections": _inspection,
    "annual-reports": _report,
    "entrusted-projects": _project,
}


# --------------------------------------------------------------------------------------------- the YAML
def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip: comments, order, quotes and flow style are kept
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(
        type(None), lambda r, _d: r.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    return yaml


def _quoted(day: date | None) -> Any:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return None if day is None else DoubleQuotedScalarString(day.isoformat())


def _plain(value: Any) -> str:
    return "空" if value is None else str(value)


def merge(register: str, text: str, recs: Mapping[Any, Any]) -> tuple[str, list[str]]:
    """The register's YAML ``text`` with ``recs`` added or updated (the records the sheet does not hold stay
    as they are), and what changes, one Chinese line each; ``text`` itself when nothing changes."""
    yaml = _yaml()
    doc = yaml.load(text)
    changes = _MERGERS[register](doc, recs)
    if not changes:
        return text, []
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue(), changes


def _year(doc: Any, year: int, changes: list[str]) -> Any:
    from ruamel.yaml.comments import CommentedMap

    years = doc["years"]
    if year not in years:
        years[year] = CommentedMap()
        changes.append(f"新增 {year} 年度")
    return years[year]


def _merge_inspections(doc: Any, recs: Mapping[Any, Any]) -> list[str]:
    changes: list[str] = []
    for (year, slug), result in sorted(recs.items(), key=lambda kv: kv[0][0]):
        entries = _year(doc, year, changes)
        old = entries.get(slug)
        if old == result:
            continue
        entries[slug] = result
        verb = "新增" if old is None else "修改"
        changes.append(
            f"{verb} {year} 年 {slug} 年检结论：" + (result if old is None else f"{old} → {result}")
        )
    return changes


def _merge_reports(doc: Any, recs: Mapping[Any, Any]) -> list[str]:
    from ruamel.yaml.comments import CommentedMap

    changes: list[str] = []
    for (year, slug), new in sorted(recs.items(), key=lambda kv: kv[0][0]):
        entries = _year(doc, year, changes)
        if slug not in entries or entries[slug] is None:
            filing = CommentedMap([(k, _quoted(new[k])) for k in ("summary", "plan")])
            filing.fa.set_flow_style()
            entries[slug] = filing
            changes.append(
                f"新增 {year} 年 {slug} 报送日期：总结 {_plain(new['summary'])}，计划 {_plain(new['plan'])}"
            )
            continue
        for key, zh in (("summary", "总结"), ("plan", "计划")):
            old = entries[slug].get(key)
            value = None if new[key] is None else new[key].isoformat()
            if (None if old is None else str(old)) != value:
                entries[slug][key] = _quoted(new[key])
                changes.append(f"修改 {year} 年 {slug} {zh}报送日期：{_plain(old)} → {_plain(value)}")
    return changes


def _merge_projects(doc: Any, recs: Mapping[Any, Any]) -> list[str]:
    from ruamel.yaml.comments import CommentedMap

    changes: list[str] = []
    projects = doc["projects"]
    by_id = {str(p["id"]): p for p in projects}
    for ident, new in recs.items():
        values = {k: _quoted(v) if isinstance(v, date) else v for k, v in new.items()}
        if ident not in by_id:
            item = CommentedMap([("id", ident), *((k, v) for k, v in values.items() if v is not None)])
            projects.append(item)
            changes.append(
                f"新增委托项目 {ident}（{new['society']}：{new['title']}，{STATUS_ZH[new['status']]}）"
            )
            continue
        item = by_id[ident]
        for key, value in values.items():
            old = item.get(key)
            if (None if old is None else str(old)) == (None if value is None else str(value)):
                continue
            if value is None:
                del item[key]
            else:
                item[key] = value
            changes.append(f"修改委托项目 {ident} 的 {key}：{_plain(old)} → {_plain(value)}")
    return changes


_MERGERS: dict[str, Callable[[Any, Mapping[Any, Any]], list[str]]] = {
    "annual-inspections": _merge_inspections,
    "annual-reports": _merge_reports,
    "entrusted-projects": _merge_projects,
}
