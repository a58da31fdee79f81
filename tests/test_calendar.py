"""The publicity window: the start day counts, the end is inclusive, days left include today, dates are in
Asia/Shanghai (edges around midnight there, while UTC is on the other date), working days from
chinese-calendar with official adjustments, and a clear error for a year it does not cover."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from generator import cli
from generator.calendar import CalendarError, chinese_workday, window
from tests.helpers import copy_mini


def test_calendar_days_start_counts_end_inclusive() -> None:
    w = window(date(2026, 11, 25), 10)
    assert w.end == date(2026, 12, 4)
    assert w.state(date(2026, 11, 24)) == "not_started" and w.days_left(date(2026, 11, 24)) == 10
    assert w.state(date(2026, 11, 25)) == "open" and w.days_left(date(2026, 11, 25)) == 10
    assert w.days_left(date(2026, 12, 4)) == 1 and w.state(date(2026, 12, 4)) == "open"
    assert w.state(date(2026, 12, 5)) == "ended" and w.days_left(date(2026, 12, 5)) == 0


def test_one_day_window() -> None:
    w = window(date(2026, 1, 1), 1)
    assert w.start == w.end and w.days_left(w.start) == 1


def test_working_days_skip_the_national_day_holiday() -> None:
    w = window(date(2026, 9, 28), 10, "working")
    days = [w.start + timedelta(days=i) for i in range((w.end - w.start).days + 1)]
    counted = [d for d in days if chinese_workday(d)]
    assert len(counted) == 10 and chinese_workday(w.end)
    assert not any(chinese_workday(date(2026, 10, d)) for d in range(1, 8))
    assert w.end > date(2026, 10, 8)
    assert w.days_left(w.start) == 10 and w.days_left(w.end) == 1


def test_working_days_with_a_fake_calendar() -> None:
    weekdays = lambda d: d.weekday() < 5  # noqa: E731 - a tiny stand-in calendar
    w = window(date(2026, 11, 27), 3, "working", weekdays)  # Friday
    assert w.end == date(2026, 12, 1)
    assert w.days_left(date(2026, 11, 28), weekdays) == 2  # Saturday: Monday and Tuesday remain


def test_a_year_without_data_is_a_clear_error() -> None:
    with pytest.raises(CalendarError, match="2099"):
        window(date(2099, 11, 25), 10, "working")


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy_mini(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("now", "state", "days_left"),
    [
        ("2026-11-24T15:59:59Z", "not_started", 10),  # 23:59:59 on 11-24 in Shanghai
        ("2026-11-24T16:00:00Z", "open", 10),  # 00:00 on 11-25 in Shanghai, still 11-24 in UTC
        ("2026-11-26", "open", 9),
        ("2026-12-04T15:59:59Z", "open", 1),  # last second of the last day
        ("2026-12-04T16:00:00Z", "ended", 0),  # 00:00 on 12-05 in Shanghai
        ("2026-12-04T23:30:00+08:00", "open", 1),
    ],
)
def test_status_json_at_the_edges(
    tree: Path, capsys: pytest.CaptureFixture[str], now: str, state: str, days_left: int
) -> None:
    assert cli.main(["status", "--cycle", "2026", "--now", now, "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["cycle"] == 2026
    assert payload["publicity"] == {
        "start": "2026-11-25",
        "end": "2026-12-04",
        "state": state,
        "days_left": days_left,
    }
    (app,) = payload["applications"]
    assert set(app) == {"society", "stage", "stage_zh"}
    assert app["stage"] == ("publicity" if state != "not_started" else "proposed")
