"""The office's holiday table (``submissions/office/holidays.yaml``): working-day publicity in a year that
chinese-calendar does not cover yet is computed from it (DEC-008 no longer fires, status says publicity has
started), a year in neither names the year and the file, and the HOL rules keep the table consistent."""

from __future__ import annotations

from datetime import date

import pytest

from generator.calendar import HOLIDAYS_FILE, CalendarError, chinese_workday, window
from generator.clock import parse_now
from generator.lifecycle import cycle_status
from generator.model import build_holidays
from tests.helpers import CALL, DECISIONS, by_rule, edit, mini_tree, run

HEADER = "schema_version: 1\nyears:\n"
YEAR_2027 = (
    "  2027:\n"
    "    holidays:\n"
    '      - {date: "2027-01-01", name: 元旦}\n'
    '      - {date: "2027-02-06", name: 春节（除夕）}\n'
    '      - {date: "2027-02-07", name: 春节}\n'
    '      - {date: "2027-04-05", name: 清明节}\n'
    '      - {date: "2027-05-01", name: 劳动节}\n'
    '      - {date: "2027-06-09", name: 端午节}\n'
    '      - {date: "2027-09-15", name: 中秋节}\n'
    '      - {date: "2027-10-01", name: 国庆节}\n'
    "    workdays: []\n"
)


def table(text: str = YEAR_2027) -> dict[str, bytes]:
    tree = mini_tree()
    tree[HOLIDAYS_FILE] = (HEADER + text).encode()
    return tree


def working_in_2027(tree: dict[str, bytes]) -> None:
    edit(tree, CALL, "day_kind: calendar", "day_kind: working")
    edit(tree, DECISIONS, 'start: "2026-11-25"', 'start: "2027-01-04"')


def test_a_year_the_library_lacks_comes_from_the_table() -> None:
    years = build_holidays({"years": {2027: {"holidays": [{"date": "2027-10-01", "name": "国庆节"}]}}})
    assert chinese_workday(date(2027, 10, 1), years) is False
    assert chinese_workday(date(2027, 10, 8), years) is True  # a Friday
    assert chinese_workday(date(2027, 10, 9), years) is False  # a Saturday
    w = window(date(2027, 9, 29), 3, "working", lambda d: chinese_workday(d, years))
    assert w.end == date(2027, 10, 4)  # 9-29, 9-30 and (after the 1st, a holiday, and the weekend) 10-4


def test_a_year_in_neither_names_the_year_and_the_file() -> None:
    with pytest.raises(CalendarError) as caught:
        chinese_workday(date(2027, 3, 1), {})
    assert "2027" in str(caught.value) and HOLIDAYS_FILE in str(caught.value)


def test_a_2027_working_day_publicity_works_from_the_table() -> None:
    without = mini_tree()
    working_in_2027(without)
    assert by_rule(run(without, now="2027-01-06"), "DEC-008")
    with_table = table()
    working_in_2027(with_table)
    result = run(with_table, now="2027-01-06")
    assert not by_rule(result, "DEC-008")
    status = cycle_status(result.dataset, 2026, parse_now("2027-01-06"))
    assert status.publicity.state == "open" and status.publicity.error is None
    assert status.publicity.start == date(2027, 1, 4) and status.publicity.end == date(2027, 1, 15)
    assert status.publicity.days_left == 8


def test_the_example_table_covers_2027() -> None:
    result = run(table())
    assert not [f for f in result.findings if f.rule.startswith("HOL")]


BAD = [
    ("HOL-001", YEAR_2027.replace("workdays: []", 'workdays: [{date: "2027-02-06", name: 调休}]')),
    ("HOL-002", YEAR_2027.replace("workdays: []", 'workdays: [{date: "2027-02-03", name: 春节调休}]')),
    ("HOL-003", YEAR_2027.replace('"2027-09-15"', '"2028-09-15"')),
    ("HOL-004", YEAR_2027 + '  2026:\n    holidays: [{date: "2026-10-09", name: 国庆节}]\n'),
    ("HOL-005", YEAR_2027.replace('      - {date: "2027-06-09", name: 端午节}\n', "")),
]


@pytest.mark.parametrize(("rule", "text"), BAD, ids=[r for r, _ in BAD])
def test_each_rule_fires_on_its_mistake_only(rule: str, text: str) -> None:
    found = {f.rule for f in run(table(text)).findings if f.rule.startswith("HOL")}
    assert rule in found
    assert found <= {rule, "HOL-005"}  # a shifted or removed festival may leave the year partly entered
    finding = by_rule(run(table(text)), rule)[0]
    assert finding.file == HOLIDAYS_FILE and finding.line > 0


def test_the_weekend_workday_and_a_library_year_that_agrees_pass() -> None:
    good = YEAR_2027.replace("workdays: []", 'workdays: [{date: "2027-02-14", name: 春节调休}]')
    good += (
        '  2026:\n    holidays: [{date: "2026-10-01", name: 国庆节}, {date: "2026-10-02", name: 国庆节}]\n'
    )
    assert not {f.rule for f in run(table(good)).findings if f.rule.startswith("HOL") and f.rule != "HOL-005"}
