"""The rule registry: every finding id, declared once in the module its prefix names (``PREFIX_MODULES``),
every module listed by hand (nothing is discovered by magic; ``tests/test_rule_units.py`` walks the modules
to prove that no declared rule is left out)."""

from __future__ import annotations

from generator.rules import (
    authority,
    committee,
    committee_decision,
    decisions,
    eligibility,
    files,
    formal,
    format_schema,
    format_yaml,
    funds,
    holidays,
    lifecycle,
    panels,
    payments,
    performance,
    postaward,
    privacy,
    publicity,
    records,
    references,
    review,
    rubric,
)
from generator.rules import categories as categories_rules
from generator.rules.base import ChecklistLine, Rule

MODULES = (
    format_yaml,
    format_schema,
    files,
    authority,
    references,
    eligibility,
    funds,
    review,
    committee,
    decisions,
    lifecycle,
    postaward,
    records,
    privacy,
    performance,
    panels,
    payments,
    categories_rules,
    rubric,
    formal,
    publicity,
    committee_decision,
    holidays,
)

# An id's prefix → the module (``generator/rules/<module>.py``) that declares every id with that prefix.
PREFIX_MODULES: dict[str, str] = {
    "YAML": "format_yaml",
    "SCHEMA": "format_schema",
    "FILE": "files",
    "TPL": "files",
    "AUTH": "authority",
    "REF": "references",
    "SOC": "references",
    "APP": "references",
    "CALL": "eligibility",
    "ELIG": "eligibility",
    "EXCL": "eligibility",
    "BAN": "eligibility",
    "PROC": "eligibility",
    "DEAD": "eligibility",
    "ACH": "eligibility",
    "ATT": "eligibility",
    "FUND": "funds",
    "REV": "review",
    "COMM": "committee",
    "DEC": "decisions",
    "LIFE": "lifecycle",
    "PLAN": "postaward",
    "RPT": "postaward",
    "SANC": "postaward",
    "LOCK": "records",
    "PRIV": "privacy",
    "PERF": "performance",
    "INSP": "performance",
    "CONT": "performance",
    "SHOW": "performance",
    "PANEL": "panels",
    "ASSIGN": "panels",
    "COI": "panels",
    "PAY": "payments",
    "RECT": "payments",
    "CLAW": "payments",
    "CAT": "categories",
    "RUBR": "rubric",
    "SUPP": "formal",
    "RECON": "publicity",
    "SUBST": "publicity",
    "PUBL": "publicity",
    "CDEC": "committee_decision",
    "HOL": "holidays",
}

ALL_RULES: tuple[Rule, ...] = tuple(r for module in MODULES for r in module.RULES)

RULES_BY_ID: dict[str, Rule] = {r.id: r for r in ALL_RULES}

if len(RULES_BY_ID) != len(ALL_RULES):  # pragma: no cover - guarded by tests/test_registry.py
    raise RuntimeError("duplicate rule id in the registry")


def checklist_rules() -> tuple[tuple[ChecklistLine, frozenset[str]], ...]:
    """The reviewer's checklist, derived from the declarations: each line (in its order) with the ids of the
    rules that name it (``checklist=`` in ``@rule``)."""
    lines: dict[ChecklistLine, set[str]] = {}
    for r in ALL_RULES:
        if r.checklist is not None:
            lines.setdefault(r.checklist, set()).add(r.id)
    return tuple(
        (line, frozenset(ids)) for line, ids in sorted(lines.items(), key=lambda item: item[0].order)
    )


def module_of(rule_id: str) -> str:
    """The module that declares ``rule_id`` (``generator.rules.<name>``), from its prefix."""
    return f"generator.rules.{PREFIX_MODULES[rule_id.partition('-')[0]]}"


def rule_sort_key(rule_id: str) -> tuple[str, int]:
    prefix, _, number = rule_id.partition("-")
    return (prefix, int(number) if number.isdigit() else 0)
