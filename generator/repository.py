"""Reading a tree of submissions from a folder (the working copy) into ``Source`` values (one file each).

Only regular files are taken; a symlink or other special file becomes a refusal (a finding), never a read.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from generator.kinds import SUBMISSIONS

IGNORED_NAMES = frozenset({".gitkeep", ".DS_Store", "Thumbs.db", "desktop.ini"})
MAX_READ_BYTES = 16 * 1024 * 1024  # files above the loader's cap are still read far enough to be refused


@dataclass(frozen=True, slots=True)
class Source:
    """One file of the tree: its repository path and bytes, or why it cannot be taken (``refusal``)."""

    path: str
    raw: bytes | None
    refusal: str | None = None


def find_root(start: Path) -> Path | None:
    """The folder holding ``submissions/`` at or above ``start`` (a file or folder)."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for candidate in (here, *here.parents):
        if candidate.name == SUBMISSIONS and candidate.is_dir():
            return candidate.parent
        if (candidate / SUBMISSIONS).is_dir():
            return candidate
    return None


def read_folder(root: Path) -> list[Source]:
    """Every file under ``root/submissions``, sorted by path, as repository-relative POSIX paths."""
    base = root / SUBMISSIONS
    sources: list[Source] = []
    if not base.is_dir():
        return sources
    for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
        current = Path(dirpath)
        for name in list(dirnames):
            full = current / name
            if full.is_symlink():
                dirnames.remove(name)
                rel = full.relative_to(root).as_posix()
                sources.append(Source(rel, None, "这是一个符号链接（symlink）"))
        dirnames.sort()
        for name in sorted(filenames):
            if name in IGNORED_NAMES:
                continue
            full = current / name
            rel = full.relative_to(root).as_posix()
            try:
                info = full.lstat()
            except OSError:
                sources.append(Source(rel, None, "无法读取"))
                continue
            if stat.S_ISLNK(info.st_mode):
                sources.append(Source(rel, None, "这是一个符号链接（symlink）"))
            elif not stat.S_ISREG(info.st_mode):
                sources.append(Source(rel, None, "这不是普通文件"))
            else:
                try:
                    with full.open("rb") as handle:
                        raw = handle.read(MAX_READ_BYTES + 1)
                except OSError:
                    sources.append(Source(rel, None, "无法读取"))
                    continue
                sources.append(Source(rel, raw))
    sources.sort(key=lambda s: s.path)
    return sources
