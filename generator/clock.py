"""Explicit time: the programme's time zone and the ``--now`` argument. Nothing here reads the clock
except ``system_now``, which only ``cli.py`` calls."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PROGRAMME_TZ = "Asia/Shanghai"


def zone(name: str = PROGRAMME_TZ) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(PROGRAMME_TZ)


def parse_now(text: str, tz_name: str = PROGRAMME_TZ) -> datetime:
    """``2026-11-26`` → 00:00 that day in the programme's zone; a date-time without offset is taken in
    the programme's zone; one with an offset is kept. Raises ValueError on anything else."""
    text = text.strip()
    tz = zone(tz_name)
    if len(text) == 10:
        return datetime.combine(date.fromisoformat(text), time(0, 0), tzinfo=tz)
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=tz)


def local_date(moment: datetime, tz_name: str = PROGRAMME_TZ) -> date:
    """The calendar date of ``moment`` in the programme's zone."""
    return moment.astimezone(zone(tz_name)).date()


def system_now() -> datetime:  # pragma: no cover - the one place the real clock is read
    return datetime.now(zone())


def add_years(day: date, years: int) -> date:
    """The same month and day ``years`` later (29 February → 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
