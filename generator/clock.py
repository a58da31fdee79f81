"""Explicit time: the programme's time zone and the ``--now`` argument. Nothing here reads the clock
except ``system_now``, which only the commands call.

Every function that judges or shows a time takes the programme's zone (``Dataset.timezone``, from
programme.yaml) as an argument: there is no silent default zone below the commands."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PROGRAMME_TZ = "Asia/Shanghai"


def zone(name: str) -> ZoneInfo:
    """The zone ``name`` (the programme's, from programme.yaml); an unknown name falls back to
    ``PROGRAMME_TZ`` (the schema admits only zone names, so this is for a file that failed it)."""
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


def local_date(moment: datetime, tz_name: str) -> date:
    """The calendar date of ``moment`` in the programme's zone ``tz_name``."""
    return moment.astimezone(zone(tz_name)).date()


def local_time_text(moment: datetime, tz_name: str) -> str:
    """``moment`` as people read it in the programme's zone ``tz_name``: ``2026-10-31 17:00``. The one form
    of a time of day in findings, notices and pages."""
    return moment.astimezone(zone(tz_name)).strftime("%Y-%m-%d %H:%M")


def system_now() -> datetime:  # pragma: no cover - the one place the real clock is read
    return datetime.now(zone(PROGRAMME_TZ))


def add_years(day: date, years: int) -> date:
    """The same month and day ``years`` later (29 February → 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
