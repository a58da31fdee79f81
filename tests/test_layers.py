"""The layers of ``generator/`` (the import-linter contracts in pyproject.toml): the package keeps them, every
module sits in a layer, and a wrong import breaks them: one running upward, or a loop between two rules."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import REPO

PACKAGE = REPO / "generator"
LAYERS = "Layers: commands > outputs > check > rules > domain > loading > base"
ACYCLIC = "No import loops between sibling modules"


def _contracts() -> list[dict[str, Any]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, Any]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def _lint_imports() -> str:
    beside = Path(sys.executable).parent / "lint-imports"
    found = str(beside) if beside.is_file() else shutil.which("lint-imports")
    assert found, "lint-imports is missing: pip install -e '.[test]'"
    return found


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports on the package under ``root`` (its pyproject.toml), that copy first on the path."""
    env = {**os.environ, "PYTHONPATH": str(root), "NO_COLOR": "1", "COLUMNS": "200"}
    where = subprocess.run(
        [sys.executable, "-P", "-c", "import generator; print(generator.__file__)"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).resolve() == (root / "generator" / "__init__.py").resolve(), (
        where.stdout
    )
    return subprocess.run(
        [_lint_imports(), "--no-cache", "--no-logo"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    shutil.copytree(PACKAGE, root / "generator", ignore=shutil.ignore_patterns("__pycache__", "_bundled"))
    shutil.copy2(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_the_package_keeps_its_layers() -> None:
    run = _lint(REPO)
    assert run.returncode == 0, run.stdout + run.stderr
    assert LAYERS in run.stdout and " 0 broken" in run.stdout


def test_every_module_sits_in_one_layer() -> None:
    """A new module or package names its layer in pyproject.toml: none escapes the contract."""
    (layers,) = [c for c in _contracts() if c["type"] == "layers"]
    named = [m.strip() for layer in layers["layers"] for m in layer.replace("|", ":").split(":")]
    modules = {f"generator.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    packages = {f"generator.{p.parent.name}" for p in PACKAGE.glob("*/__init__.py")}
    assert sorted(named) == sorted(set(named)), "a module is named twice"
    assert set(named) == modules | packages


def test_an_upward_import_breaks_the_layers(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _append(root / "generator" / "yamlio.py", "import generator.cli  # upward: loading → commands")
    run = _lint(root)
    assert run.returncode == 1, run.stdout + run.stderr
    assert f"{LAYERS} BROKEN" in run.stdout
    assert "generator.yamlio -> generator.cli" in run.stdout


@pytest.mark.parametrize(
    ("importer", "imported"),
    [("funds", "postaward"), ("base", "files")],
    ids=["funds-postaward", "base-files"],
)
def test_a_loop_between_two_rule_modules_is_refused(tmp_path: Path, importer: str, imported: str) -> None:
    """postaward imports funds, and every rule module imports base: the way back closes a loop."""
    root = _copy(tmp_path)
    _append(
        root / "generator" / "rules" / f"{importer}.py", f"from generator.rules import {imported}  # a loop"
    )
    run = _lint(root)
    assert run.returncode == 1, run.stdout + run.stderr
    assert ACYCLIC in run.stdout and "BROKEN" in run.stdout
    assert "No cycles are allowed in generator.rules" in run.stdout
