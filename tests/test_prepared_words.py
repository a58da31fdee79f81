"""The privacy scan's common-word table, prepared once from jieba's dictionary and kept in the user cache
folder (``searchwords.prepared``): the same table as reading the dictionary file, rebuilt when the
dictionary (or jieba's version) changes, never trusted when damaged, never written without a cache folder; and
jieba's own prefix dictionary, loaded from a prepared copy (``searchwords.load_jieba``) exactly as
``jieba.initialize()`` loads it."""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.site import privacy, searchwords


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("XUEHUI_CACHE", str(folder))
    return folder


def _reference() -> tuple[frozenset[str], ...]:
    return privacy.read_dictionary(searchwords.jieba_dictionary()[1].decode("utf-8"))


def _counting(calls: list[str]) -> Callable[[str], searchwords.WordSets]:
    def derive(text: str) -> searchwords.WordSets:
        calls.append(text)
        return privacy.read_dictionary(text)

    derive.__module__ = privacy.__name__
    return derive


def test_prepared_table_equals_the_dictionary_file(cache_folder: Path) -> None:
    reference = _reference()
    first = searchwords.prepared("common-words", privacy.read_dictionary, 2)
    assert first == reference
    stored = list(cache_folder.glob("jieba-common-words-*.marshal"))
    assert len(stored) == 1
    calls: list[str] = []
    again = searchwords.prepared("common-words", _counting(calls), 2)
    assert again == reference
    assert calls == []  # loaded, not derived again
    privacy.dictionary.cache_clear()
    try:
        assert privacy.dictionary() == reference
    finally:
        privacy.dictionary.cache_clear()


def test_rebuilt_when_the_dictionary_changes(cache_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    version, raw = searchwords.jieba_dictionary()
    calls: list[str] = []
    searchwords.prepared("common-words", _counting(calls), 2)
    searchwords.prepared("common-words", _counting(calls), 2)
    assert len(calls) == 1
    changed = raw + "学会能力 900 n\n".encode()
    monkeypatch.setattr(searchwords, "jieba_dictionary", lambda: (version, changed))
    common, _names = searchwords.prepared("common-words", _counting(calls), 2)
    assert len(calls) == 2
    assert "学会能力" in common
    assert len(list(cache_folder.glob("jieba-common-words-*.marshal"))) == 2
    monkeypatch.setattr(searchwords, "jieba_dictionary", lambda: ("0.0.0", raw))  # another jieba version
    searchwords.prepared("common-words", _counting(calls), 2)
    assert len(calls) == 3


def test_a_damaged_cache_file_is_not_used(cache_folder: Path) -> None:
    reference = _reference()
    searchwords.prepared("common-words", privacy.read_dictionary, 2)
    (stored,) = cache_folder.glob("jieba-common-words-*.marshal")
    for damage in (b"", b"\x00garbage", stored.read_bytes()[:1000]):
        stored.write_bytes(damage)
        assert searchwords.prepared("common-words", privacy.read_dictionary, 2) == reference
    stored.write_bytes(marshal.dumps(("one text only",)))
    assert searchwords.prepared("common-words", privacy.read_dictionary, 2) == reference


def test_no_cache_folder_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XUEHUI_CACHE", "0")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert searchwords.prepared_file("common-words", "1", b"", b"") is None
    assert searchwords.prepared("common-words", privacy.read_dictionary, 2) == _reference()
    assert list(tmp_path.rglob("*")) == []


def test_an_unwritable_cache_folder_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XUEHUI_CACHE", str(blocker / "cache"))
    assert searchwords.prepared("common-words", privacy.read_dictionary, 2) == _reference()


# ------------------------------------------------------------------ jieba's prefix dictionary (load_jieba)
@pytest.fixture
def fresh_jieba() -> Iterator[Any]:
    """jieba's global tokenizer, not yet loaded; put back as it was afterwards."""
    import jieba

    tokenizer = jieba.dt
    saved = (tokenizer.FREQ, tokenizer.total, tokenizer.initialized)
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = {}, 0, False
    try:
        yield tokenizer
    finally:
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = saved


def _jieba_own() -> tuple[dict[str, int], int]:
    import jieba

    own = jieba.Tokenizer()
    with own.get_dict_file() as handle:
        frequencies, total = own.gen_pfdict(handle)
    return frequencies, total


TEXT = "武汉市机械工程学会开展科普活动，土木建筑学会与作家协会联合举办学术年会。"


def test_load_jieba_gives_jiebas_own_dictionary(cache_folder: Path, fresh_jieba: Any) -> None:
    import jieba

    frequencies, total = _jieba_own()
    searchwords.load_jieba()  # by jieba itself, then prepared
    assert fresh_jieba.initialized and fresh_jieba.total == total and fresh_jieba.FREQ == frequencies
    first_cut = list(jieba.cut(TEXT))
    (stored,) = cache_folder.glob("jieba-prefix-dictionary-*.marshal")
    fresh_jieba.FREQ, fresh_jieba.total, fresh_jieba.initialized = {}, 0, False
    searchwords.load_jieba()  # from the prepared copy
    assert fresh_jieba.initialized and fresh_jieba.total == total
    assert fresh_jieba.FREQ == frequencies and list(fresh_jieba.FREQ) == list(frequencies)
    assert list(jieba.cut(TEXT)) == first_cut
    assert stored.is_file()


def test_load_jieba_prepares_again_when_the_dictionary_changes(
    cache_folder: Path, fresh_jieba: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    searchwords.load_jieba()
    version, raw = searchwords.jieba_dictionary()
    monkeypatch.setattr(searchwords, "jieba_dictionary", lambda: (version, raw + "学会能力 900 n\n".encode()))
    fresh_jieba.FREQ, fresh_jieba.total, fresh_jieba.initialized = {}, 0, False
    searchwords.load_jieba()  # no copy for this dictionary: loaded by jieba, then prepared under another key
    assert fresh_jieba.FREQ == _jieba_own()[0]
    assert len(list(cache_folder.glob("jieba-prefix-dictionary-*.marshal"))) == 2


def test_load_jieba_ignores_a_damaged_copy(cache_folder: Path, fresh_jieba: Any) -> None:
    frequencies, total = _jieba_own()
    searchwords.load_jieba()
    (stored,) = cache_folder.glob("jieba-prefix-dictionary-*.marshal")
    good = stored.read_bytes()
    for damage in (
        b"",
        good[:5000],
        marshal.dumps((1, "a\nb", b"\x00" * 8)),  # two words, one frequency
        marshal.dumps((1, "a", b"\x00" * 7)),
        marshal.dumps(("1", "a", b"\x00" * 8)),
    ):
        stored.write_bytes(damage)
        fresh_jieba.FREQ, fresh_jieba.total, fresh_jieba.initialized = {}, 0, False
        searchwords.load_jieba()
        assert fresh_jieba.FREQ == frequencies and fresh_jieba.total == total


def test_load_jieba_without_a_cache_is_jieba_initialize(fresh_jieba: Any) -> None:
    searchwords.load_jieba()  # XUEHUI_CACHE=0 (conftest)
    frequencies, total = _jieba_own()
    assert fresh_jieba.FREQ == frequencies and fresh_jieba.total == total


def test_the_remembered_segmentation_is_jiebas_and_follows_its_dictionary() -> None:
    """``memoised_cut`` gives the words ``jieba.cut`` gives (texts, bytes, arguments), calls jieba once for a
    text seen again, and segments afresh once the dictionary has changed (a word added)."""
    import jieba

    from generator.site.searchwords import load_jieba, memoised_cut

    load_jieba()
    calls: list[object] = []

    def counted(sentence: object, *args: object, **kwargs: object) -> Iterator[str]:
        calls.append(sentence)
        return iter(jieba.cut(sentence, *args, **kwargs))

    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(jieba.dt.FREQ), jieba.dt.total, True
    memo = memoised_cut(counted, tokenizer)
    texts = ["武汉市机械工程学会申报材料", "学会能力提升专项".encode(), "表彰与资金使用"]
    for text in texts * 3:
        assert list(memo(text)) == list(jieba.cut(text))
    assert list(memo(texts[0], HMM=False)) == list(jieba.cut(texts[0], HMM=False))
    assert len(calls) == 4
    tokenizer.add_word("工程学会", 10**6)
    list(memo(texts[0]))
    assert len(calls) == 5
