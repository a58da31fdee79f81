"""Real temporary git repositories for tests (no mocks of git): fixed author and dates, no signing."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.helpers import copy_mini

ENV = {
    "GIT_AUTHOR_NAME": "测试",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "测试",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_AUTHOR_DATE": "2026-09-01T10:00:00+08:00",
    "GIT_COMMITTER_DATE": "2026-09-01T10:00:00+08:00",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **ENV}
    out = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "core.autocrlf=false", *args],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
    )
    return out.stdout.decode("utf-8", errors="replace").strip()


def make_repo(root: Path) -> Path:
    """A repository holding the mini programme (plus code-like files) on ``main``, one commit."""
    repo = root / "repo"
    copy_mini(repo)
    (repo / "schemas").mkdir()
    (repo / "schemas" / "application.schema.json").write_text("{}\n", encoding="utf-8")
    (repo / "generator").mkdir()
    (repo / "generator" / "cli.py").write_text("print('hi')\n", encoding="utf-8")
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "validate.yml").write_text("name: v\n", encoding="utf-8")
    git(repo.parent, "init", "-q", "-b", "main", str(repo))
    commit_all(repo, "base")
    return repo


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def branch(repo: Path, name: str) -> None:
    git(repo, "checkout", "-q", "-b", name)


def write(repo: Path, path: str, text: str) -> None:
    target = repo / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def replace(repo: Path, path: str, old: str, new: str) -> None:
    target = repo / path
    text = target.read_text(encoding="utf-8")
    assert old in text, (old, path)
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
