"""The house's rules that no linter checks: a rule id is written once (its declaration) and referenced through it
everywhere else; no function grows past 60 lines beyond the ones listed here (each a step-by-step pipeline or a
table)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from generator.rules import PREFIX_MODULES, RULES_BY_ID
from tests.helpers import REPO

PACKAGE = REPO / "generator"
RULE_ID = re.compile(r"\b([A-Z]{2,6})-\d{3}\b")

# The loading layer sits below the rules: the strict loader and the schema check name their problems by the ids
# that rules/format_yaml.py and rules/format_schema.py declare (they cannot import them), and the checker words
# them. Every id they name must be declared there (checked below).
NAMED_BELOW_THE_RULES = {"yamlio.py": "format_yaml", "yamlscan.py": "format_yaml", "schema.py": "format_schema"}


def _strings(path: Path) -> list[tuple[int, str]]:
    """Every string constant of a module that is not a docstring or a comment, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def _declaring_module(rule_id: str) -> str:
    return PREFIX_MODULES[rule_id.partition("-")[0]]


def test_a_rule_id_is_written_only_where_it_is_declared() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for line, text in _strings(path):
            for match in RULE_ID.finditer(text):
                rule_id = match.group(0)
                if rule_id not in RULES_BY_ID or text != rule_id:
                    continue  # a message or an example may cite an id; only a bare id is a reference
                declared = _declaring_module(rule_id)
                here = path.relative_to(PACKAGE).as_posix()
                if here == f"rules/{declared}.py" or NAMED_BELOW_THE_RULES.get(here) == declared:
                    continue
                offenders.append(f"generator/{here}:{line}: {rule_id} (declared in rules/{declared}.py)")
    assert not offenders, "refer to the declaration instead:\n" + "\n".join(offenders)


def test_the_ids_the_loading_layer_names_are_declared_where_their_prefix_says() -> None:
    for name, module in NAMED_BELOW_THE_RULES.items():
        named = {
            m.group(0)
            for _, text in _strings(PACKAGE / name)
            for m in RULE_ID.finditer(text)
            if text == m.group(0)
        }
        assert named, name
        for rule_id in named:
            assert rule_id in RULES_BY_ID, f"{name} names {rule_id}, which no rule declares"
            assert _declaring_module(rule_id) == module, f"{name} names {rule_id}"


# Functions longer than 60 lines when this test was written, with their length then: none may grow, and no
# other function may pass 60 lines. Shorten one and lower (or remove) its entry.
LONG_FUNCTIONS: dict[str, int] = {
    "disclosure.py:disclose": 73,
    "forgeapi.py:describe": 71,
    "forgeflows.py:pushed": 71,
    "public.py:project": 153,
    "report/markdown.py:render": 73,
    "rules/decisions.py:commendation_valid": 80,
    "rules/postaward.py:only_for_awardees": 64,
    "site/build.py:build": 62,
    "site/notices.py:_cycle_notices": 75,
    "site/outdir.py:vet_output": 79,
    "site/pages.py:_open_data": 94,
    "site/pages.py:build_pages": 120,
    "summary.py:summarise": 64,
    "yamlio.py:run": 68,
}
MAX_LINES = 60


def _long_functions() -> dict[str, int]:
    found: dict[str, int] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno is not None:
                length = node.end_lineno - node.lineno + 1
                if length > MAX_LINES:
                    found[f"{path.relative_to(PACKAGE).as_posix()}:{node.name}"] = length
    return found


def test_no_function_grows_past_sixty_lines() -> None:
    grown = {
        name: length
        for name, length in _long_functions().items()
        if length > LONG_FUNCTIONS.get(name, MAX_LINES)
    }
    assert not grown, f"functions over {MAX_LINES} lines (split them into named steps): {grown}"
