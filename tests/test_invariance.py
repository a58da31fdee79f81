"""Structural changes keep every output byte for byte: the commands' outputs on the shipped data and on a
synthetic tree, pinned as golden files written by the code before the house was rebuilt (issue 20).

Each scenario runs ``python -m generator`` as a user would, in a copy of the data, and compares standard output
and the exit code with ``tests/golden/invariance/``. The site is compared file by file (SHA-256 of every output
file). ``pytest --update-golden`` rewrites them when an output is meant to change.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.golden import compare
from tests.helpers import REPO

APPLICATION = "submissions/2026/applications/wuhan-automation.yaml"

# name -> arguments of `xuehui`; run in a copy of submissions/ and examples/committee/ (which reads ../..).
SCENARIOS: dict[str, list[str]] = {
    "check-2025-06-01.json": ["check", "--format", "json", "--now", "2025-06-01"],
    "check-2026-03-01.json": ["check", "--format", "json", "--now", "2026-03-01"],
    "check-2026-10-15.json": ["check", "--format", "json", "--now", "2026-10-15"],
    "check-2026-11-26.json": ["check", "--format", "json", "--now", "2026-11-26"],
    "check-2027-01-15.json": ["check", "--format", "json", "--now", "2027-01-15"],
    "check-2028-06-01.json": ["check", "--format", "json", "--now", "2028-06-01"],
    "check-2026-11-26.txt": ["check", "--format", "text", "--now", "2026-11-26"],
    "check-2026-11-26.md": ["check", "--format", "markdown", "--now", "2026-11-26"],
    "check-one-2026-10-15.json": ["check", "--format", "json", "--now", "2026-10-15", APPLICATION],
    "check-committee-2026-11-26.json": [
        "check",
        "--committee",
        "examples/committee",
        "--format",
        "json",
        "--now",
        "2026-11-26",
    ],
    "status-2026-11-26.json": ["status", "--format", "json", "--now", "2026-11-26"],
    "status-2026-12-20.txt": ["status", "--now", "2026-12-20"],
    "status-2025-2027-06-01.json": ["status", "--cycle", "2025", "--format", "json", "--now", "2027-06-01"],
    "rank-2025.txt": ["rank", "--cycle", "2025"],
    "rank-2026.json": ["rank", "--cycle", "2026", "--format", "json"],
    "rank-2026-committee.csv": [
        "rank",
        "--cycle",
        "2026",
        "--committee",
        "examples/committee",
        "--format",
        "csv",
    ],
    "rules.json": ["rules", "--format", "json"],
    "rules.md": ["rules", "--format", "markdown"],
    "explain-ELIG-001.txt": ["rules", "--explain", "ELIG-001"],
}


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "XUEHUI_"))}
    env.update(PYTHONPATH=str(REPO), XUEHUI_CACHE="0", NO_COLOR="1")
    return env


def _run(args: list[str], cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=_env(),
        capture_output=True,
        check=False,
        timeout=600,
    )
    # A carriage return (CSV's line ends) is written visibly: golden files are read as text.
    return f"exit {done.returncode}\n" + done.stdout.decode("utf-8").replace("\r", "\\r")


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shipped")
    shutil.copytree(REPO / "submissions", root / "submissions")
    shutil.copytree(REPO / "examples" / "committee", root / "examples" / "committee")
    return root


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_command_output_is_unchanged(name: str, shipped: Path, update_golden: bool) -> None:
    compare(f"invariance/{name}", _run(SCENARIOS[name], shipped), update_golden)


def test_synthetic_tree_check_is_unchanged(tmp_path: Path, synth: ModuleType, update_golden: bool) -> None:
    synth.make_tree(tmp_path, 40, 3, findings=True)
    out = _run(["check", "--format", "json", "--now", synth.NOW], tmp_path)
    compare("invariance/synthetic-40-findings.json", out, update_golden)


def _digests(folder: Path) -> str:
    lines = {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
    return json.dumps(lines, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


@pytest.mark.parametrize("now", ["2026-11-26", "2026-12-20"])
def test_site_output_is_unchanged(now: str, shipped: Path, update_golden: bool) -> None:
    out = shipped / f"public-{now}"
    done = _run(["build", "--out", str(out), "--now", now], shipped)
    assert done.startswith("exit 0\n"), done
    compare(f"invariance/site-{now}.json", _digests(out), update_golden)
