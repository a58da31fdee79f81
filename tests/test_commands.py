"""The command layer's shape: every subcommand of the parser table runs ``generator.commands.<module>.run``
(one module per command, imported only when that command runs), every module of ``generator.commands`` is
a command or one of the few shared helpers, and ``cli.py`` stays the parser table, the dispatch and the
one mapping from errors to exit codes."""

from __future__ import annotations

import argparse
import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import generator.commands
from generator import cli
from tests.helpers import APP, MINI, REPO, modules_after

PACKAGE = REPO / "generator"
COMMANDS_DIR = PACKAGE / "commands"
HELPERS = {
    "common",
    "errors",
    "output",
    "parsing",
    "office_cli",
    "committee_cli",
    "new_cli",
    "progress",
}  # shared by several commands; not commands themselves
FORGE = ["--forge", "gitea", "--api-url", "https://forge.example.org/api/v1", "--repo", "o/r"]
# The fewest arguments each subcommand parses with (a new subcommand adds a line here).
MINIMAL_ARGV: dict[str, list[str]] = {
    "check": [],
    "rules": [],
    "rank": ["--cycle", "2026"],
    "status": [],
    "build": [],
    "serve": [],
    "codeowners": [],
    "audit": ["--base", "main", "--actor", "someone"],
    "comment": [*FORGE, "--pr", "1", "--body-file", "body.md"],
    "commit-status": [
        *FORGE,
        "--sha",
        "0" * 40,
        "--state",
        "success",
        "--context",
        "c",
        "--description",
        "d",
    ],
    "audit-actors": [*FORGE, "--sha", "0" * 40, "--before", "0" * 40, "--pusher", "someone"],
    "workflows": [],
    "new": ["application", "--society", "wuhan-x", "--cycle", "2026"],
    "office": ["open-cycle", "--year", "2027"],
    "conflicts": ["--committee", "examples/committee", "--cycle", "2026"],
    "letters": ["--committee", "c", "--cycle", "2026", "--out", "letters"],
    "import-registers": ["annual-inspections", "register.xlsx"],
}


def subcommands() -> list[str]:
    (choices,) = [a.choices for a in cli._parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return list(choices)


def command_modules() -> set[str]:
    return {m.name for m in pkgutil.iter_modules(generator.commands.__path__)} - HELPERS


def test_the_table_names_every_subcommand_and_every_command_module() -> None:
    assert set(subcommands()) == set(cli.COMMANDS) == set(MINIMAL_ARGV)
    assert set(cli.COMMANDS.values()) == command_modules()
    for module in cli.COMMANDS.values():
        assert callable(importlib.import_module(f"generator.commands.{module}").run), module


@pytest.mark.parametrize("name", sorted(MINIMAL_ARGV))
def test_each_subcommand_runs_its_module(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    module = importlib.import_module(f"generator.commands.{cli.COMMANDS[name]}")
    seen: list[argparse.Namespace] = []

    def run(args: argparse.Namespace) -> int:
        seen.append(args)
        return 42

    monkeypatch.setattr(module, "run", run)
    assert cli.main([name, *MINIMAL_ARGV[name]]) == 42
    assert [args.command for args in seen] == [name]


def _functions(path: Path) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]


def test_cli_is_the_parser_table_and_the_dispatch_only() -> None:
    path = PACKAGE / "cli.py"
    assert len(path.read_text(encoding="utf-8").splitlines()) < 450
    names = [f.name for f in _functions(path)]
    assert [n for n in names if n.startswith("_cmd_") or n == "run"] == []


def test_no_function_of_the_command_layer_is_longer_than_60_lines() -> None:
    paths = [PACKAGE / "cli.py", *sorted(COMMANDS_DIR.glob("*.py"))]
    long = [
        f"{path.relative_to(REPO)}:{f.lineno} {f.name} ({(f.end_lineno or f.lineno) - f.lineno + 1} lines)"
        for path in paths
        for f in _functions(path)
        if (f.end_lineno or f.lineno) - f.lineno + 1 > 60
    ]
    assert long == []


def test_nothing_below_the_command_layer_imports_it() -> None:
    found: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(REPO).as_posix()
        if rel in ("generator/cli.py", "generator/__main__.py") or rel.startswith("generator/commands/"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            found += [
                f"{rel}:{node.lineno} {n}"
                for n in names
                if n in ("generator.cli", "generator.commands") or n.startswith("generator.commands.")
            ]
    assert found == []


def test_cli_imports_no_command_until_one_runs(tmp_path: Path) -> None:
    loaded = modules_after("import generator.cli", tmp_path, tmp_path)
    commands = {m for m in loaded if m.startswith("generator.commands.")}
    assert commands == {
        "generator.commands.errors",
        "generator.commands.parsing",
        "generator.commands.office_cli",
        "generator.commands.committee_cli",
        "generator.commands.new_cli",
    }  # the parser's helpers (office_cli, committee_cli: subcommands' tables kept beside cli.py's)


def test_checking_one_file_loads_neither_the_site_nor_git(tmp_path: Path) -> None:
    code = f"from generator.cli import main\nmain(['check', '--now', '2026-11-26', '{APP}'])"
    loaded = modules_after(code, MINI, tmp_path)
    assert "generator.commands.check" in loaded
    heavy = {"jinja2", "mkdocs", "material", "git", "http.server", "generator.site.build"}
    assert loaded & heavy == set()
    others = {f"generator.commands.{m}" for m in command_modules() - {"check"}}
    assert loaded & others == set()
