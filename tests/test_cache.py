"""The parse cache: the same results with and without it, reused for unchanged files only, outside the
tree, and harmless when damaged."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import cache
from generator.checker import CACHE_MIN_FILES, parse_all
from generator.repository import Source
from tests.helpers import APP, mini_tree


def big_tree() -> list[Source]:
    tree = mini_tree()
    base = tree["submissions/societies/wuhan-mechanical-engineering.yaml"]
    sources = [Source(p, r) for p, r in sorted(tree.items())]
    sources += [Source(f"submissions/societies/extra-{i:04}.yaml", base) for i in range(CACHE_MIN_FILES)]
    return sources


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XUEHUI_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_cached_results_equal_fresh_ones(folder: Path) -> None:
    sources = big_tree()
    fresh = parse_all(sources, use_cache=False)
    first = parse_all(sources)
    assert len(list(folder.glob("parsed-*.pickle"))) == 1
    second = parse_all(sources)
    for a, b, c in zip(fresh, first, second, strict=True):
        assert (
            a.path == b.path == c.path
            and a.findings == b.findings == c.findings
            and a.valid == b.valid == c.valid
        )
        assert (a.loaded.data if a.loaded else None) == (c.loaded.data if c.loaded else None)


def test_only_unchanged_files_are_reused(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = big_tree()
    parse_all(sources)
    changed = [
        Source(s.path, s.raw.replace(b"separate_accounting: true", b"separate_accounting: yes"))
        if s.path == APP and s.raw
        else s
        for s in sources
    ]
    calls: list[str] = []
    import generator.checker as checker

    real = checker.parse_source
    monkeypatch.setattr(checker, "parse_source", lambda s, d: calls.append(s.path) or real(s, d))
    result = {p.path: p for p in parse_all(changed)}
    assert calls == [APP]
    assert any(f.rule == "SCHEMA-003" for f in result[APP].findings)


def test_a_damaged_cache_is_ignored(folder: Path) -> None:
    sources = big_tree()
    parse_all(sources)
    (cache_file,) = folder.glob("parsed-*.pickle")
    cache_file.write_bytes(b"not a pickle")
    assert len(parse_all(sources)) == len(sources)
    assert isinstance(pickle.loads(cache_file.read_bytes()), dict)


def test_the_cache_is_never_in_the_tree(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("XUEHUI_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "xuehui"
    monkeypatch.setenv("XUEHUI_CACHE", "0")
    assert cache.cache_dir() is None


def test_the_key_covers_code_and_schemas(tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    schemas.mkdir()
    (schemas / "a.schema.json").write_text("{}", encoding="utf-8")
    first = cache.code_digest(schemas)
    (schemas / "a.schema.json").write_text('{"type": "object"}', encoding="utf-8")
    cache.code_digest.cache_clear()
    assert cache.code_digest(schemas) != first
    assert cache.entry_key("a.yaml", b"x") != cache.entry_key("b.yaml", b"x")


def test_no_digest_is_made_when_the_cache_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the cache turned off, or a tree below the cache threshold, no file's key is computed (each
    would be a SHA-256 of the whole file, never looked up), and the results are those of the cache path."""
    sources = big_tree()
    monkeypatch.setenv("XUEHUI_CACHE", "0")
    digests: list[str] = []
    real = cache.entry_key
    monkeypatch.setattr(cache, "entry_key", lambda p, r: digests.append(p) or real(p, r))
    off = parse_all(sources)
    small = parse_all(sources[: CACHE_MIN_FILES - 1], use_cache=True)
    assert digests == []
    fresh = parse_all(sources, use_cache=False)
    assert [(p.path, p.findings, p.valid) for p in off] == [(p.path, p.findings, p.valid) for p in fresh]
    assert len(small) == CACHE_MIN_FILES - 1


def test_stored_bytes_are_made_once_and_a_set_keeps_only_its_latest_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``stored_bytes`` makes the bytes of a key once and reads them afterwards; a changed key makes them
    again; ``stored_set`` removes the entries of its kind the call did not use; without a usable cache
    folder the bytes are simply made."""
    from generator.cache import stored_bytes, stored_set

    made: list[bytes] = []

    def maker(value: bytes) -> Callable[[], bytes]:
        def make() -> bytes:
            made.append(value)
            return value

        return make

    monkeypatch.setenv("XUEHUI_CACHE", str(tmp_path / "cache"))
    assert stored_bytes("things", b"a", maker(b"A")) == b"A"
    assert stored_bytes("things", b"a", maker(b"other")) == b"A"  # read, not made again
    assert stored_bytes("things", b"b", maker(b"B")) == b"B"
    assert made == [b"A", b"B"]
    assert len(list((tmp_path / "cache" / "things").iterdir())) == 2
    assert stored_set("things", {"x": (b"b", maker(b"never"))}) == {"x": b"B"}
    assert len(list((tmp_path / "cache" / "things").iterdir())) == 1  # the entry of "a" is gone
    (tmp_path / "blocked").write_text("a file where the folder would be", encoding="utf-8")
    monkeypatch.setenv("XUEHUI_CACHE", str(tmp_path / "blocked"))
    assert stored_set("things", {"x": (b"c", maker(b"C"))}) == {"x": b"C"}
    monkeypatch.setenv("XUEHUI_CACHE", "0")
    assert stored_bytes("things", b"b", maker(b"D")) == b"D"
    assert made == [b"A", b"B", b"C", b"D"]


def test_the_site_workbooks_are_the_same_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime

    from generator.site.workbooks import workbooks

    pages = {
        "data/societies.csv": "代号,名称,成立年份\r\nwuhan-a,武汉市甲学会,1980\r\n",
        "index.md": "# 首页\n",
    }
    moment = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    monkeypatch.setenv("XUEHUI_CACHE", "0")
    plain = workbooks(pages, moment)
    monkeypatch.setenv("XUEHUI_CACHE", str(tmp_path / "cache"))
    assert workbooks(pages, moment) == plain == workbooks(pages, moment)
    assert list(plain) == ["data/societies.xlsx"]
    assert len(list((tmp_path / "cache" / "workbooks").iterdir())) == 1
