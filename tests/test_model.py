"""The domain model's single definitions: the programme's "today" and the money formatter."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from generator.checker import Source, build_dataset, parse_all
from generator.clock import PROGRAMME_TZ, parse_now
from generator.model import Dataset, fmt_money
from tests.helpers import PROGRAMME, edit, mini_tree


def dataset(tree: dict[str, bytes]) -> Dataset:
    data, _ = build_dataset(parse_all([Source(p, r) for p, r in sorted(tree.items())]))
    return data


def test_today_is_the_date_in_the_programme_zone() -> None:
    data = dataset(mini_tree())
    assert data.timezone == PROGRAMME_TZ
    # 16:30 UTC on 25 November is 00:30 on 26 November in Wuhan.
    assert data.today(parse_now("2026-11-25T16:30:00+00:00")) == date(2026, 11, 26)
    assert data.today(parse_now("2026-11-25T15:59:59+00:00")) == date(2026, 11, 25)


def test_today_follows_the_zone_programme_yaml_names() -> None:
    tree = mini_tree()
    edit(tree, PROGRAMME, "timezone: Asia/Shanghai", "timezone: Europe/London")
    data = dataset(tree)
    assert data.timezone == "Europe/London"
    assert data.today(parse_now("2026-11-26T07:00:00+08:00")) == date(2026, 11, 25)


def test_today_without_a_programme_uses_the_default_zone() -> None:
    data = Dataset()
    assert data.programme is None and data.timezone == PROGRAMME_TZ
    assert data.today(parse_now("2026-11-25T16:30:00+00:00")) == date(2026, 11, 26)


def test_money_is_written_with_two_decimals_and_thousands_separated() -> None:
    assert fmt_money(Decimal("200000")) == "200,000.00"
    assert fmt_money(Decimal("1234.5")) == "1,234.50"
    assert fmt_money(Decimal("0")) == "0.00"
    assert fmt_money(Decimal("-15000.25")) == "-15,000.25"
