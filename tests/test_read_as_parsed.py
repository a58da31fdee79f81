"""A whole-tree check reads each file just before it parses it (``repository.list_folder`` and
``Unread``), and the result is the same as reading the whole tree first: the same sources, refusals
included, and the same findings on the shipped data, the minimal tree and a synthetic tree."""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType

import pytest

import generator.checker as checker
from generator.checker import check, parse_all
from generator.clock import parse_now
from generator.repository import Source, Unread, as_source, list_folder, read_folder
from generator.rules.base import Context
from tests.helpers import REPO, copy_mini

NOW = parse_now("2026-11-26")


def odd_tree(root: Path) -> Path:
    """The minimal tree with a symlinked file, a symlinked folder, a FIFO and a file that cannot be read."""
    copy_mini(root)
    os.symlink("/etc/passwd", root / "submissions/societies/evil.yaml")
    os.symlink("/etc", root / "submissions/office/etc")
    os.mkfifo(root / "submissions/societies/pipe.yaml")
    locked = root / "submissions/societies/locked.yaml"
    locked.write_bytes(b"schema_version: 1\n")
    locked.chmod(0)
    return root


def test_unread_files_read_as_read_folder_reads_them(tmp_path: Path) -> None:
    root = odd_tree(tmp_path)
    listed = list_folder(root)
    assert all(isinstance(u, Unread) for u in listed)
    assert [u.read() for u in listed] == read_folder(root)
    refusals = {s.path: s.refusal for s in read_folder(root) if s.refusal}
    assert refusals["submissions/societies/evil.yaml"] == "这是一个符号链接（symlink）"
    assert refusals["submissions/office/etc"] == "这是一个符号链接（symlink）"
    assert refusals["submissions/societies/pipe.yaml"] == "这不是普通文件"
    if os.geteuid() != 0:  # root reads a file whatever its mode
        assert refusals["submissions/societies/locked.yaml"] == "无法读取"
    wanted = list_folder(root, lambda p: p.startswith("submissions/societies/"))
    assert [u.path for u in wanted] == [
        s.path for s in read_folder(root) if s.path.startswith("submissions/societies/")
    ]


def test_as_source_reads_only_what_is_unread(tmp_path: Path) -> None:
    source = Source("submissions/programme.yaml", b"x: 1\n")
    assert as_source(source) is source
    (tmp_path / "f.yaml").write_bytes(b"y: 2\n")
    assert as_source(Unread("submissions/f.yaml", str(tmp_path / "f.yaml"))) == Source(
        "submissions/f.yaml", b"y: 2\n"
    )


@pytest.mark.parametrize("cache", [False, True], ids=["no cache", "cache"])
def test_each_file_is_read_just_before_it_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: bool
) -> None:
    """Between reading a file and parsing it nothing else is read: the bytes of one file at a time."""
    monkeypatch.setenv("XUEHUI_CACHE", str(tmp_path / "cache") if cache else "0")
    root = tmp_path / "tree"
    copy_mini(root)
    events: list[tuple[str, str]] = []

    class Recorded(Unread):
        __slots__ = ()

        def read(self) -> Source:
            events.append(("read", self.path))
            return super().read()

    real = checker.parse_source
    monkeypatch.setattr(
        checker, "parse_source", lambda s, d, **kw: events.append(("parse", s.path)) or real(s, d, **kw)
    )
    monkeypatch.setattr(checker, "CACHE_MIN_FILES", 0)
    items = [Recorded(u.path, u.full, u.symlinked_folder) for u in list_folder(root)]
    parsed = parse_all(items, use_cache=cache)
    expected = [event for u in items for event in (("read", u.path), ("parse", u.path))]
    assert events == expected
    assert [p.path for p in parsed] == sorted(u.path for u in items)


def test_whole_tree_findings_equal_reading_first(tmp_path: Path, synth: ModuleType) -> None:
    odd = odd_tree(tmp_path / "odd")
    synthetic = tmp_path / "synthetic"
    synth.make_tree(synthetic, 30, findings=True)
    for root in (REPO, odd, synthetic):
        ctx = Context(now=NOW)
        read_first = check(read_folder(root), ctx)
        as_parsed = check(list_folder(root), ctx)
        assert as_parsed.findings == read_first.findings and as_parsed.files == read_first.files
        assert as_parsed.reported == read_first.reported
    assert check(list_folder(synthetic), Context(now=NOW)).findings  # the synthetic tree has findings
