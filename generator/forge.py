"""Git, through GitPython: what a pull request changes, the files of a revision read from its tree (never the
working copy), file modes, and the history of a file.

Only this module talks to git. Paths come back as repository-relative POSIX strings, exactly as git stores
them (``-z`` everywhere, so odd names are never quoted or mangled).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.checker import Source
from generator.kinds import SUBMISSIONS

MODE_FILE = "100644"
MODE_EXECUTABLE = "100755"
MODE_SYMLINK = "120000"
MODE_SUBMODULE = "160000"

_REFUSED_MODES = {
    MODE_EXECUTABLE: "这是一个可执行文件（文件权限为 755）",
    MODE_SYMLINK: "这是一个符号链接（symlink）",
    MODE_SUBMODULE: "这是一个子模块（submodule）",
}


class ForgeError(Exception):
    """A revision or repository that cannot be used (a usage error for the CLI)."""


@dataclass(frozen=True, slots=True)
class Change:
    status: str  # A (added), M (modified), D (deleted), T (type changed)
    path: str


@dataclass(frozen=True, slots=True)
class Entry:
    path: str
    mode: str
    sha: str


def open_repo(path: Path) -> Any:
    import git

    try:
        return git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as exc:
        raise ForgeError(f"{path} 不是 git 仓库。") from exc


def commit_of(repo: Any, ref: str) -> str:
    """The full commit id a ref names."""
    import git

    try:
        sha: str = repo.git.rev_parse("--verify", "--end-of-options", f"{ref}^{{commit}}")
    except git.GitCommandError as exc:
        raise ForgeError(f"找不到提交 {ref}。") from exc
    return sha.strip()


def changes(repo: Any, base: str, head: str) -> list[Change]:
    """Paths changed on ``head`` since it left ``base`` (``base...head``), no rename detection."""
    out: str = repo.git.diff("--name-status", "--no-renames", "-z", f"{base}...{head}", "--")
    parts = out.split("\0")
    found: list[Change] = []
    i = 0
    while i + 1 < len(parts):
        status, path = parts[i], parts[i + 1]
        if not status:
            break
        found.append(Change(status[0], path))
        i += 2
    return found


def entries(repo: Any, commit: str, prefix: str | None = SUBMISSIONS) -> dict[str, Entry]:
    """Every entry (files, links, submodules) of a revision's tree, optionally below one folder."""
    args = ["-r", "-z", "--full-tree", commit]
    if prefix:
        args += ["--", prefix]
    out: str = repo.git.ls_tree(*args)
    found: dict[str, Entry] = {}
    for record in out.split("\0"):
        if not record:
            continue
        meta, _, path = record.partition("\t")
        mode, _kind, sha = meta.split(" ")
        found[path] = Entry(path, mode, sha)
    return found


def read_blobs(repo: Any, wanted: Iterable[Entry]) -> dict[str, bytes]:
    """Contents of regular files, read from the object database (one ``cat-file --batch`` process)."""
    out: dict[str, bytes] = {}
    for entry in wanted:
        stream = repo.odb.stream(bytes.fromhex(entry.sha))
        out[entry.path] = stream.read()
    return out


def sources_at(repo: Any, commit: str) -> list[Source]:
    """The ``submissions/`` tree of a revision as sources; anything but a plain file is a refusal."""
    tree = entries(repo, commit)
    plain = [e for e in tree.values() if e.mode == MODE_FILE]
    blobs = read_blobs(repo, plain)
    sources: list[Source] = []
    for path in sorted(tree):
        entry = tree[path]
        if entry.mode == MODE_FILE:
            sources.append(Source(path, blobs[path]))
        else:
            sources.append(Source(path, None, _REFUSED_MODES.get(entry.mode, f"不支持的文件类型（{entry.mode}）")))
    return sources


@dataclass(frozen=True, slots=True)
class Revision:
    commit: str
    date: str  # ISO 8601 with offset, the committer's
    subject: str


def history(repo: Any, path: str, rev: str = "HEAD") -> list[Revision]:
    """The commits that changed ``path`` up to ``rev``, newest first (no renames followed)."""
    out: str = repo.git.log("-z", "--format=%H%x1f%cI%x1f%s", rev, "--", path)
    revisions: list[Revision] = []
    for record in out.split("\0"):
        if not record.strip():
            continue
        commit, date, subject = record.strip("\n").split("\x1f", 2)
        revisions.append(Revision(commit, date, subject))
    return revisions
