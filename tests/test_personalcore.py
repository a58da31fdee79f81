"""The privacy scan's cheap test has one reference (``personal.may_hold_personal_reference``, the plain
statement: eight marks, two patterns, the stretches) and two quick forms behind one seam: the Python one
(``may_hold_personal_python``: the same patterns found without trying them at every position) and the compiled
one (``generator.personalcore``, one pass over the code points, used when it was built). All three answer the
same on every shipped file and each of its lines, on the benchmark's synthetic trees and on generated texts
made of the characters each branch of the test turns on."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import generator
from generator import personal
from generator.personal import CHINESE_DIGITS, CHINESE_PUNCTUATION

ROOT = Path(__file__).resolve().parent.parent

try:
    from generator import personalcore
except ImportError:  # not built here (no compiler at install)
    personalcore = None  # type: ignore[assignment]

needs_compiled = pytest.mark.skipif(personalcore is None, reason="generator.personalcore is not built here")


def _quick_forms() -> list[Callable[[str], bool]]:
    forms: list[Callable[[str], bool]] = [personal.may_hold_personal_python]
    if personalcore is not None:
        forms.append(personalcore.may_hold)
    return forms


def _agree(text: str) -> None:
    expected = personal.may_hold_personal_reference(text)
    for form in _quick_forms():
        assert form(text) is expected, (form, text)


TEXTS = st.lists(
    st.sampled_from(
        [
            *"0123456789１３８٣①¹⑪ -./_\n\t\r学会武汉，。、：（）《》“”…—·\u3000\u00a0\u2028",
            *"aAtTｔＴａＡoOxXbqz一三八幺洞两零〇九十百#＃@＠﹫&\\圈艾特小老鼠\ufffd\u200b",
            "13800000091",
            "1380000009",
            "12345678901",
            "2024-11-23",
            " at ",
            "cat",
            "at-",
            "a#b",
            "x.#1",
            "_＃学",
            "艾特",
            "小老鼠",
            "小老",
            "4DC0\u4dc0",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=3000, deadline=None)
@given(TEXTS)
def test_the_quick_forms_answer_what_the_reference_answers(text: str) -> None:
    _agree(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "at",
        "At the end",
        "data",
        "see ａｔ once",
        "a#1",
        "#1",
        "a#",
        "一三八零零零零零零九一",
        "13800000091",
        "12800000091",
        "138000000912",
        "1３800000091",
        "138 0000 0091",
        "138\n0000\n0091",
        "138学0000 0091",
        "o1380000009",
        "x" * 11,
        "武汉市" + "〇" * 11,
        "圈",
        "艾特",
        "小老鼠",
        "\u3000" * 20,
    ],
)
def test_the_edges_of_each_branch(text: str) -> None:
    _agree(text)


def test_every_shipped_file_and_line(tmp_path: Path, synth: ModuleType) -> None:
    synth.make_tree(tmp_path, 40, 0, findings=True)
    files = [
        *sorted(
            p for top in ("submissions", "examples", "tests/fixtures") for p in (ROOT / top).rglob("*.yaml")
        ),
        *sorted(tmp_path.rglob("*.yaml")),
    ]
    assert len(files) > 90
    for path in files:
        text = path.read_bytes().decode("utf-8", "replace")
        _agree(text)
        for line in text.splitlines():
            _agree(line)


@needs_compiled
def test_the_compiled_form_reads_the_same_characters_as_the_reference() -> None:
    assert personalcore.punctuation() == CHINESE_PUNCTUATION
    numerals = [c for c in CHINESE_DIGITS if "\u3400" <= c <= "\u9fff"]
    assert numerals, "the CJK numerals configure the compiled form"
    for numeral in numerals:
        _agree(numeral * 11)
    with pytest.raises(TypeError):
        personalcore.may_hold(b"bytes")  # type: ignore[arg-type]


@needs_compiled
def test_the_seam_uses_the_compiled_form_unless_asked_not_to(monkeypatch: pytest.MonkeyPatch) -> None:
    assert personal.may_hold_personal is personalcore.may_hold
    monkeypatch.setenv("XUEHUI_PURE_PERSONAL", "1")
    assert personal.compiled_test() is None
    monkeypatch.setenv("XUEHUI_PURE_PERSONAL", "0")
    assert personal.compiled_test() is personalcore.may_hold


def test_without_the_compiled_form_the_python_one_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not built (the import fails): the seam gives no compiled form, and the Python one is what is used."""
    monkeypatch.setitem(sys.modules, "generator.personalcore", None)
    monkeypatch.delattr(generator, "personalcore", raising=False)
    assert personal.compiled_test() is None
