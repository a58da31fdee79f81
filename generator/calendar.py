"""The publicity window (公示期): ``days`` calendar days by default, or Chinese working days (official
holidays and adjusted working weekends included) with ``day_kind: working``.

The start day counts as day 1 (for working days: when it is a working day); the end day is inclusive; all
dates are in the programme's time zone. Working days come from the maintained ``chinese-calendar``
package; for a year it does not cover yet, from the office's table ``submissions/office/holidays.yaml``
(``HolidayTable``); a year in neither is a clear error, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta

from msgspec import Struct

from generator.model import HolidayYear

HolidayTable = Mapping[int, HolidayYear]
HOLIDAYS_FILE = "submissions/office/holidays.yaml"

WorkdayTest = Callable[[date], bool]

# Safety bound: no publicity of at most 60 working days spans more than this many calendar days.
_MAX_SPAN_DAYS = 200


class CalendarError(Exception):
    """The working-day calendar does not cover a date that the window needs."""


class Window(Struct, frozen=True):
    start: date
    end: date  # inclusive
    days: int
    day_kind: str

    def state(self, today: date) -> str:
        if today < self.start:
            return "not_started"
        if today <= self.end:
            return "open"
        return "ended"

    def days_left(self, today: date, workday: WorkdayTest | None = None) -> int:
        """Remaining days including today: the first day gives ``days``, the last day 1, after the end 0."""
        if today > self.end:
            return 0
        if today < self.start:
            return self.days
        if self.day_kind == "calendar":
            return (self.end - today).days + 1
        test = workday or chinese_workday
        return sum(1 for i in range((self.end - today).days + 1) if test(today + timedelta(days=i)))


def library_workday(day: date) -> bool | None:
    """What ``chinese-calendar`` says of ``day`` (True: a working day), None for a year it does not cover."""
    import chinese_calendar

    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


def chinese_workday(day: date, table: HolidayTable | None = None) -> bool:
    """True on a Chinese working day (official adjustments included): from ``chinese-calendar``, else from the
    office's holiday table (``table``) for the years the library does not cover yet."""
    known = library_workday(day)
    if known is not None:
        return known
    if table is not None and day.year in table:
        return table[day.year].is_workday(day)
    raise CalendarError(
        f"工作日数据（chinese-calendar）不包含 {day.year} 年，办公室的节假日表 {HOLIDAYS_FILE} 也没有 "
        f"{day.year} 年，无法按工作日计算公示期；请在该文件 years: 下加入 {day.year}: 的放假日期（holidays）与"
        "调休上班日期（workdays），或升级 chinese-calendar，或在申报通知中改用 day_kind: calendar。"
    )


def workday_test(table: HolidayTable | None) -> WorkdayTest | None:
    """The working-day test that also reads the office's table (None: the library alone)."""
    if not table:
        return None
    return lambda day: chinese_workday(day, table)


def window(start: date, days: int, day_kind: str = "calendar", workday: WorkdayTest | None = None) -> Window:
    """The window that starts on ``start`` and lasts ``days`` days of ``day_kind``."""
    if days < 1:
        raise ValueError("days must be at least 1")
    if day_kind == "calendar":
        return Window(start, start + timedelta(days=days - 1), days, day_kind)
    test = workday or chinese_workday
    counted = 0
    day = start
    for _ in range(_MAX_SPAN_DAYS):
        if test(day):
            counted += 1
            if counted == days:
                return Window(start, day, days, day_kind)
        day += timedelta(days=1)
    raise CalendarError(f"从 {start} 起 {_MAX_SPAN_DAYS} 天内凑不满 {days} 个工作日。")
