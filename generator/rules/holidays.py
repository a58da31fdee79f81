"""The office's holiday table (``submissions/office/holidays.yaml``), 四（二）: the working days of a publicity
period in a year ``chinese-calendar`` does not cover yet come from it, so its dates must be consistent: no date
twice, adjusted working days (调休) only on weekends, every date in its own year, nothing that contradicts the
library for a year it knows, and a year entered whole (every statutory festival)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from generator.calendar import library_workday
from generator.model import Dataset, HolidayEntry, HolidayYear
from generator.rules.base import ERROR, WARNING, Context, Hit, Message, rule

# The statutory festivals (《全国年节及纪念日放假办法》): a year's table names each of them at least once.
FESTIVALS = ("元旦", "春节", "清明", "劳动", "端午", "中秋", "国庆")
WEEKDAYS = "一二三四五六日"


def _entries(data: Dataset) -> Iterator[tuple[str, HolidayYear, str, HolidayEntry]]:
    office = data.office
    if office.holidays is None or office.holidays_file is None:
        return
    for year in sorted(office.holidays):
        table = office.holidays[year]
        for part, entries in (("holidays", table.holidays), ("workdays", table.workdays)):
            for e in entries:
                yield office.holidays_file, table, part, e


def _at(table: HolidayYear, part: str, e: HolidayEntry) -> tuple[str | int, ...]:
    return ("years", str(table.year), part, e.index, "date")


@rule(
    "HOL-001",
    ERROR,
    "四（二）",
    "节假日表中每个日期只出现一次",
    "Every date appears once in the holiday table",
    message=Message(
        "节假日表 {year} 年的日期 {day} 出现了不止一次（放假与调休上班各列一次也算）。",
        "{day} is listed more than once in {year}.",
        "请删去重复的一行；同一天不能既放假又调休上班。",
    ),
)
def dates_once(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a date listed twice)::

        +++ submissions/office/holidays.yaml
        + schema_version: 1
        + years:
        +   2027:
        +     holidays: [{date: "2027-10-01", name: 国庆节}, {date: "2027-10-01", name: 国庆节}]

    Passes::

        +++ submissions/office/holidays.yaml
        + schema_version: 1
        + years:
        +   2027:
        +     holidays: [{date: "2027-10-01", name: 国庆节}, {date: "2027-10-02", name: 国庆节}]
    """
    seen: Counter[tuple[int, object]] = Counter()
    for file, table, part, e in _entries(data):
        seen[(table.year, e.day)] += 1
        if seen[(table.year, e.day)] == 2:
            yield dates_once.hit(file, _at(table, part, e), year=table.year, day=e.day)


@rule(
    "HOL-002",
    ERROR,
    "四（二）",
    "调休上班日是周六或周日",
    "An adjusted working day (调休) is a Saturday or Sunday",
    message=Message(
        "节假日表中的调休上班日 {day} 是星期{weekday}，本来就是工作日。",
        "The adjusted working day {day} is a weekday.",
        "请按国务院办公厅的放假通知核对日期：调休上班的只会是周六或周日。",
    ),
)
def workdays_on_weekends(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a 调休 working day on a Wednesday)::

        +++ submissions/office/holidays.yaml
        + schema_version: 1
        + years:
        +   2027:
        +     holidays: []
        +     workdays: [{date: "2027-02-03", name: 春节调休}]

    Passes::

        +++ submissions/office/holidays.yaml
        + schema_version: 1
        + years:
        +   2027:
        +     holidays: []
        +     workdays: [{date: "2027-02-14", name: 春节调休}]
    """
    for file, table, part, e in _entries(data):
        if part == "workdays" and e.day.weekday() < 5:
            yield workdays_on_weekends.hit(
                file, _at(table, part, e), day=e.day, weekday=WEEKDAYS[e.day.weekday()]
            )


@rule(
    "HOL-003",
    ERROR,
    "四（二）",
    "节假日表中的日期属于它所在的年份",
    "Every date of the holiday table is in the year it is listed under",
    message=Message(
        "日期 {day} 写在了 {year} 年下面。",
        "{day} is listed under {year}.",
        "请把这一行移到 {actual}: 下面，或改正年份。",
    ),
)
def dates_in_year(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a 2028 date under 2027)::

        +++ submissions/office/holidays.yaml
        + schema_version: 1
        + years:
        +   2027:
        +     holidays: [{date: "2028-01-01", name: 元旦}]

    Passes::

        +++ submissions/office/holidays.yaml
        + schema_version: 1
        + years:
        +   2028:
        +     holidays: [{date: "2028-01-01", name: 元旦}]
    """
    for file, table, part, e in _entries(data):
        if e.day.year != table.year:
            yield dates_in_year.hit(file, _at(table, part, e), day=e.day, year=table.year, actual=e.day.year)


@rule(
    "HOL-004",
    WARNING,
    "四（二）",
    "节假日表不与工作日数据（chinese-calendar）已收录的年份矛盾",
    "The holiday table does not contradict the years chinese-calendar already covers",
    message=Message(
        "chinese-calendar 已收录 {year} 年，其中 {day} 是{known}，与节假日表（{listed}）不一致；计算时以 "
        "chinese-calendar 为准。",
        "chinese-calendar already covers {year} and says otherwise of {day}.",
        "请按国务院办公厅的放假通知核对这一行；库已收录的年份可以从表中删去。",
    ),
)
def agrees_with_library(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (2026-10-09 was a working day)::

        +++ submissions/office/holidays.yaml
        + schema_version: 1
        + years:
        +   2026:
        +     holidays: [{date: "2026-10-09", name: 国庆节}]

    Passes::

        +++ submissions/office/holidays.yaml
        + schema_version: 1
        + years:
        +   2026:
        +     holidays: [{date: "2026-10-01", name: 国庆节}]
    """
    for file, table, part, e in _entries(data):
        known = library_workday(e.day)
        if known is not None and known != (part == "workdays"):
            listed = "调休上班日" if part == "workdays" else "放假日"
            yield agrees_with_library.hit(
                file,
                _at(table, part, e),
                year=table.year,
                day=e.day,
                known="工作日" if known else "休息日",
                listed=listed,
            )


@rule(
    "HOL-005",
    WARNING,
    "四（二）",
    "节假日表中的年份录入完整（七个法定节日都有）",
    "A year of the holiday table is entered whole (all seven statutory festivals)",
    message=Message(
        "节假日表 {year} 年只录入了一部分：没有{missing}的放假日期，按工作日计算的公示期可能算错。",
        "{year} is only partly entered: {missing} missing.",
        "请按国务院办公厅当年的放假安排通知补全该年的放假日期（holidays，name 写节日名称）与调休上班日期。",
    ),
)
def years_whole(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (only 国庆 entered)::

        +++ submissions/office/holidays.yaml
        + schema_version: 1
        + years:
        +   2027:
        +     holidays: [{date: "2027-10-01", name: 国庆节}]

    Passes::

        +++ submissions/office/holidays.yaml
        + schema_version: 1
        + years:
        +   2027:
        +     holidays:
        +       - {date: "2027-01-01", name: 元旦}
        +       - {date: "2027-02-06", name: 春节}
        +       - {date: "2027-04-05", name: 清明节}
        +       - {date: "2027-05-03", name: 劳动节}
        +       - {date: "2027-06-09", name: 端午节}
        +       - {date: "2027-09-15", name: 中秋节}
        +       - {date: "2027-10-01", name: 国庆节}
    """
    office = data.office
    if office.holidays is None or office.holidays_file is None:
        return
    for year in sorted(office.holidays):
        table = office.holidays[year]
        names = " ".join(e.name for e in table.holidays)
        missing = [f for f in FESTIVALS if f not in names]
        if missing:
            yield years_whole.hit(
                office.holidays_file, ("years", str(year)), year=year, missing="、".join(missing)
            )


RULES = (dates_once, workdays_on_weekends, dates_in_year, agrees_with_library, years_whole)
