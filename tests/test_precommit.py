"""The pre-commit hook (``.pre-commit-hooks.yaml``: ``xuehui check --staged``): it passes on a clean tree
even with ``--all-files``, and still refuses a bad staged file, in real temporary git repositories.

The fast tests run ``xuehui check --staged`` in-process; one test runs ``pre-commit try-repo`` for real
(pre-commit builds its own virtualenv from this checkout and installs the dependencies from the package
index: about 30 s with pip's cache warm, once per session)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import main
from tests.gitrepo import ENV, commit_all, git
from tests.helpers import REPO
from tests.test_install import source_copy

LATE = "2026-12-02"  # after the 2026 call's deadline (2026-10-31 17:00)
APP = "submissions/2026/applications/wuhan-agriculture.yaml"


def programme_repo(root: Path, *, commit: bool = True) -> Path:
    """A programme repository holding the shipped data (no schemas/ or site/ of its own)."""
    repo = root / "programme"
    shutil.copytree(REPO / "submissions", repo / "submissions")
    git(root, "init", "-q", "-b", "main", str(repo))
    if commit:
        commit_all(repo, "data")
    return repo


def data_files(repo: Path) -> list[str]:
    return sorted(p.relative_to(repo).as_posix() for p in (repo / "submissions").rglob("*.yaml"))


def run_check(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    monkeypatch.chdir(repo)
    monkeypatch.setenv("XUEHUI_CACHE", "0")
    code = main(["check", "--now", LATE, "--format", "text", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_all_files_on_a_clean_tree_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = programme_repo(tmp_path)
    code, out, _ = run_check(repo, monkeypatch, capsys, "--staged", *data_files(repo))
    assert code == 0, out
    assert "DEAD-001" not in out
    # Without --staged every named file counts as submitted now: the failure the hook used to have.
    code, out, _ = run_check(repo, monkeypatch, capsys, *data_files(repo))
    assert code == 1 and out.count("DEAD-001") >= 10


def test_a_changed_application_is_submitted_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = programme_repo(tmp_path)
    with (repo / APP).open("a", encoding="utf-8") as handle:
        handle.write("# 截止后修改\n")
    git(repo, "add", APP)
    code, out, _ = run_check(repo, monkeypatch, capsys, "--staged", *data_files(repo))
    assert code == 1
    dead = [line for line in out.splitlines() if "DEAD-001" in line]
    assert len(dead) == 1 and dead[0].startswith(APP), out


def test_a_new_untracked_file_is_submitted_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = programme_repo(tmp_path)
    new = "submissions/2026/applications/wuhan-newcomer.yaml"
    shutil.copy(repo / APP, repo / new)
    code, out, _ = run_check(repo, monkeypatch, capsys, "--staged", new)
    assert code == 1 and any(line.startswith(new) and "DEAD-001" in line for line in out.splitlines()), out


def test_before_the_first_commit_every_file_is_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = programme_repo(tmp_path, commit=False)
    code, out, _ = run_check(repo, monkeypatch, capsys, "--staged", APP)
    assert code == 1 and "DEAD-001" in out


def test_staged_outside_git_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "plain"
    shutil.copytree(REPO / "submissions", folder / "submissions")
    code, _, err = run_check(folder, monkeypatch, capsys, "--staged", APP)
    assert code == 2
    assert "--staged 需要 git 仓库" in err and "Traceback" not in err


def test_staged_with_base_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = programme_repo(tmp_path)
    code, _, err = run_check(repo, monkeypatch, capsys, "--staged", "--base", "HEAD", "--actor", "x")
    assert code == 2 and "--staged" in err


# --- pre-commit try-repo, for real --------------------------------------------------------------------


@pytest.fixture(scope="session")
def hook_source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """This checkout as it is now (uncommitted changes too) committed in a copy, so that pre-commit
    builds the hook's environment once for the session, and the environment pre-commit runs with."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    base = tmp_path_factory.mktemp("precommit")
    source = source_copy(base / "xuehui")
    git(base, "init", "-q", "-b", "main", str(source))
    commit_all(source, "xuehui as tested")
    env = {**os.environ, **ENV, "PRE_COMMIT_HOME": str(base / "home"), "XUEHUI_CACHE": "0"}
    env.pop("VIRTUAL_ENV", None)
    yield source, env


def try_repo(source: Path, env: dict[str, str], repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(source), "xuehui-check", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_pre_commit_try_repo(hook_source: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    """``pre-commit try-repo … --all-files`` passes on the shipped data; a bad staged file fails it.
    (The hook reads the real clock: past the 2026 deadline, a changed 2026 application is late.)"""
    source, env = hook_source
    repo = programme_repo(tmp_path)
    clean = try_repo(source, env, repo, "--all-files")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout

    target = repo / APP
    target.write_text(
        target.read_text(encoding="utf-8").replace("cycle: 2026", "cycle: 二〇二六", 1), encoding="utf-8"
    )
    git(repo, "add", APP)
    bad = try_repo(source, env, repo)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout and APP in bad.stdout
    assert "SCHEMA-003" in bad.stdout or "SCHEMA-004" in bad.stdout, bad.stdout
