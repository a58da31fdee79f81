"""The privacy scan's prefilter (the cheap test ``personal.may_hold_personal`` on a whole file, then on each
scalar; ``privacy.provably_clean`` says no scalar passes it) is a seam beside the plain walk: a file it
clears would have given no candidate. Tested equal to the plain path (``file_candidates(prefilter=False)``)
on every shipped file, the benchmark's synthetic trees and adversarial texts (full-width and other folded
digits, separators, format characters, escapes, character references, numbers across lines), and by a
property over generated documents."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.personal import may_hold_personal, normal_form, recognise
from generator.rules import privacy
from generator.rules.privacy import file_candidates, provably_clean
from generator.yamlio import load_yaml

ROOT = Path(__file__).resolve().parent.parent


def _same(raw: bytes) -> bool:
    """Both paths give the same candidates for a file; True when the prefilter cleared it."""
    data = load_yaml(raw).data
    assert file_candidates(raw, data) == file_candidates(raw, data, prefilter=False)
    return data is not None and provably_clean(data)


def test_shipped_files_give_the_same_candidates() -> None:
    files = sorted(
        p for top in ("submissions", "examples", "tests/fixtures") for p in (ROOT / top).rglob("*.yaml")
    )
    assert files
    for path in files:
        _same(path.read_bytes())


@pytest.mark.parametrize("findings", [False, True])
def test_synthetic_trees_give_the_same_candidates(tmp_path: Path, synth: ModuleType, findings: bool) -> None:
    synth.make_tree(tmp_path, 6, 0, findings=findings)
    cleared = [_same(p.read_bytes()) for p in sorted(tmp_path.rglob("*.yaml"))]
    # The seam does its job: the synthetic applications (web addresses with dates) are cleared unwalked.
    assert sum(cleared) >= 6


ADVERSARIAL = [
    "联系 13800000091",
    "联系 138-0000-0091",
    "联系 138 0000 0091",
    "联系 １３８００００００９１",  # full-width digits
    "联系 １３８－００００－００９１",  # full-width hyphen
    "联系 138—0000—0091",  # em dash (a separator)
    "联系 138\u20100000\u20100091",
    "联系 138\u22120000\u22120091",
    "联系 1\u200b3800000091",  # a format character between digits
    "联系 1\u00ad38\u200d00000091",
    "联系 ①3800000091",  # a circled digit folds to a digit
    "联系 ¹³⁸00000091",  # superscripts fold to digits
    "联系 ⑪800000091",  # one character folds to two digits
    "联系 138…0000…0091",  # an ellipsis folds to dots
    "联系 &#49;3800000091",  # a character reference
    "联系 &amp;#49;3800000091",
    "联系 \\u00313800000091",  # a JSON escape written in the data
    "+86 138 0000 0091",
    "8613800000091",
    "11010519491231002X",
    "110105 19491231 002x",
    "１１０１０５１９４９１２３１００２Ｘ",
    "6222 0000 0000 0000 191",
    "6222000000000000191",
    "622200000000",
    "wangmin@mech.example.org",
    "ｗａｎｇｍｉｎ＠ｍｅｃｈ．ｅｘａｍｐｌｅ．ｏｒｇ",
    "wangmin﹫mech.example.org",
    "wangmin&#64;mech.example.org",
    "https://s0001.example.org/news/2025-08-16-820",  # eleven digits, not a mobile
    "2026-09-20 2026-10-01 2026-10-31",
    "150000000000.00",
    "20261118103000",
    "027-87654321",
    "Ⅻ 13 8000 00091",
    "ß 13800000091",
]


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_adversarial_texts_give_the_same_candidates(text: str) -> None:
    for document in (
        {"a": {"description": text}},
        {"a": [text, 1, Decimal("2.50"), None, True]},
        {text: "value"},
        {"a": [{"b": text}]},
    ):
        raw = b"@"  # past the byte test (the same on both paths): the document itself is compared
        assert file_candidates(raw, document) == file_candidates(raw, document, prefilter=False)
        if file_candidates(raw, document, prefilter=False):
            assert not provably_clean(document)


def test_numbers_across_lines_and_scalars() -> None:
    raw = "a: >\n  联系 138 0000\n  0091\nb: 2025-08-16-820\nc: 13800000091\nd: [1380000, 0091]\n".encode()
    assert not _same(raw)
    integers = b"a: 13800000091\nb: 622200000000\n"
    assert not _same(integers)


def test_an_unserialisable_document_goes_down_the_plain_path() -> None:
    recursive: list[Any] = []
    recursive.append(recursive)
    assert not provably_clean(recursive)
    assert not provably_clean({("a", 1): "x"})


ALPHABET = st.sampled_from(
    [
        *"0123456789０１２３１３８ -.—－…①¹⑪\u200b\u00ad\u2010\u2212@＠&#;\\uxX，。：（）学会\n\t\"'",
        *("13800000091", "2026-09-20", "6222", "&#64;", "\\u0031", "86"),
    ]
)
TEXTS = st.lists(ALPHABET, max_size=30).map("".join)
LEAVES = st.one_of(TEXTS, st.integers(min_value=0, max_value=10**20), st.none(), st.booleans())
DOCUMENTS = st.recursive(
    LEAVES,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(TEXTS, children, max_size=4)),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(DOCUMENTS)
def test_prefilter_never_hides_a_candidate(document: Any) -> None:
    raw = b"@"  # past the byte test: the document itself is compared
    plain = file_candidates(raw, document, prefilter=False)
    assert file_candidates(raw, document) == plain
    if plain:
        assert not provably_clean(document)


FILE_TEXTS = st.lists(
    st.sampled_from(
        [
            *"0123456789٣１①¹ -.\n\t学，@&\\xoO一三八幺洞两、/()（）*~",
            "2024-11-23",
            "\uff20",
            "\ufe6b",
            "138",
            "[at]",
            " at ",
            "艾特",
            "qq",
            ".com",
            "。",
            "点",
            "#",
            "\u200b",
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(FILE_TEXTS)
def test_the_cheap_test_never_hides_a_find(text: str) -> None:
    """What the cheap test clears holds nothing the recogniser finds (as a file's bytes, too)."""
    if not may_hold_personal(text):
        assert recognise(normal_form(text)) == []
    assert privacy.file_may_hold_personal(text.encode("utf-8")) is may_hold_personal(text)


def test_the_file_test_on_shipped_and_office_files(tmp_path: Path, synth: ModuleType) -> None:
    synth.make_tree(tmp_path, 30, 0)
    files = [*ROOT.glob("submissions/**/*.yaml"), *tmp_path.rglob("*.yaml")]
    for path in files:
        raw = path.read_bytes()
        if not privacy.file_may_hold_personal(raw):
            assert file_candidates(raw, load_yaml(raw).data, prefilter=False) == (), path
    # Bytes that are not UTF-8 decode to U+FFFD, a character that may be a digit (it is counted).
    assert privacy.file_may_hold_personal(b"\xff1380000009\xff1") is True
    assert privacy.file_may_hold_personal("一三八零零零零零零九一".encode()) is True
    assert privacy.file_may_hold_personal(b"a: >\n  \xe8\x81\x94 138 0000\n  0091\n") is True
    assert privacy.file_may_hold_personal(b"url: https://s1.example.org/news/2025-08-16-820\n") is False
