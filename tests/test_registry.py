"""The rule registry: unique permanent ids, both languages, a clause, and every id exercised by a test."""

from __future__ import annotations

import re
from pathlib import Path

from generator.rules import ALL_RULES, RULES_BY_ID

CJK = re.compile(r"[\u4e00-\u9fff]")
CLAUSE = re.compile(r"^[一二三四五六七八九十]（[一二三四五六七八九十]）$|^格式要求$")
TESTS = Path(__file__).resolve().parent


def test_ids_are_unique_and_well_formed() -> None:
    ids = [r.id for r in ALL_RULES]
    assert len(ids) == len(set(ids))
    for rule_id in ids:
        assert re.fullmatch(r"[A-Z]+-[0-9]{3}", rule_id), rule_id


def test_every_rule_has_both_languages_and_a_clause() -> None:
    for r in ALL_RULES:
        assert CJK.search(r.zh), r.id
        assert re.search("[A-Za-z]{3}", r.en), r.id
        assert CLAUSE.match(r.clause), (r.id, r.clause)


def test_every_rule_id_is_exercised_by_a_test() -> None:
    text = "".join(
        p.read_text(encoding="utf-8") for p in TESTS.glob("test_*.py") if p.name != "test_registry.py"
    )
    missing = [r.id for r in ALL_RULES if f'"{r.id}"' not in text]
    assert missing == []


def test_lookup_table_matches() -> None:
    assert all(RULES_BY_ID[r.id] is r for r in ALL_RULES)
