"""The rule registry: every rule of every module, listed by hand (nothing is discovered by magic)."""

from __future__ import annotations

from generator.rules import (
    committee,
    decisions,
    eligibility,
    formats,
    funds,
    postaward,
    privacy,
    records,
    references,
    review,
)
from generator.rules.base import Rule

ALL_RULES: tuple[Rule, ...] = (
    *formats.RULES,
    *references.RULES,
    *eligibility.RULES,
    *funds.RULES,
    *review.RULES,
    *committee.RULES,
    *decisions.RULES,
    *postaward.RULES,
    *records.RULES,
    *privacy.RULES,
)

RULES_BY_ID: dict[str, Rule] = {r.id: r for r in ALL_RULES}

if len(RULES_BY_ID) != len(ALL_RULES):  # pragma: no cover - guarded by tests/test_registry.py
    raise RuntimeError("duplicate rule id in the registry")


def rule_sort_key(rule_id: str) -> tuple[str, int]:
    prefix, _, number = rule_id.partition("-")
    return (prefix, int(number) if number.isdigit() else 0)
