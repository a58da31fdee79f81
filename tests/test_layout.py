"""One place per fact, checked over the source: no module imports another module's private names, the
programme's time zone is written only in ``clock``, money is formatted only in ``model``, and the
programme's "today" is computed only by ``Dataset.today``."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE.parent).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_no_module_imports_a_private_name_of_another() -> None:
    found: list[str] = []
    for rel, tree in _modules():
        imported: set[str] = set()  # local names bound to generator modules
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
                for alias in node.names:
                    if _private(alias.name):
                        found.append(f"{rel}:{node.lineno}: from {node.module} import {alias.name}")
                    imported.add(alias.asname or alias.name)
            elif isinstance(node, ast.Import):
                imported.update(
                    a.asname or a.name.split(".")[0] for a in node.names if a.name.startswith("generator")
                )
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and _private(node.attr):
                base = node.value
                while isinstance(base, ast.Attribute):
                    base = base.value
                if isinstance(base, ast.Name) and base.id in imported:
                    found.append(f"{rel}:{node.lineno}: {ast.unparse(node)}")
    assert found == []


def _literals(tree: ast.Module) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def test_the_time_zone_is_named_only_in_clock() -> None:
    found = [
        f"{rel}:{line}"
        for rel, tree in _modules()
        if rel != "generator/clock.py"
        for line, text in _literals(tree)
        if "Asia/Shanghai" in text
    ]
    templates = [
        p.relative_to(PACKAGE).as_posix()
        for p in sorted((PACKAGE / "templates" / "site").rglob("*.j2"))
        if "Asia/Shanghai" in p.read_text(encoding="utf-8")
    ]
    assert found == [] and templates == []


def _format_specs(tree: ast.Module) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FormattedValue) and isinstance(node.format_spec, ast.JoinedStr):
            spec = "".join(v.value for v in node.format_spec.values if isinstance(v, ast.Constant))
            yield node.lineno, spec


def test_money_is_formatted_only_by_model_fmt_money() -> None:
    found = [
        f"{rel}:{line}"
        for rel, tree in _modules()
        if rel != "generator/model.py"
        for line, spec in _format_specs(tree)
        if spec == ",.2f"
    ]
    assert found == []


def test_today_is_computed_only_by_dataset_today() -> None:
    """``local_date`` of ``now`` (the moment of the run) appears once; other moments (a call's deadline)
    may still be turned into local dates where they are used."""
    found: list[str] = []
    for rel, tree in _modules():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "local_date"
            ):
                first = ast.unparse(node.args[0]) if node.args else ""
                if first == "now" or first.endswith(".now"):
                    found.append(f"{rel}: {ast.unparse(node)}")
    assert found == ["generator/model.py: local_date(now, self.timezone)"]
