"""YAML mistakes are named at their real line and column, with the ASCII to use, all in one report
(issue 25): full-width punctuation and spaces, indentation with the column expected, Word's line breaks,
tabs beside other problems, thousands separators in a flow mapping."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import yamlscan
from generator.rules.format_yaml import render
from generator.yamlio import load_yaml


def _said(text: str) -> list[tuple[str, int, int, str, str]]:
    loaded = load_yaml(text.encode("utf-8"))
    assert loaded.data is None
    return [(p.rule, p.line, p.column, render(p).message_zh, render(p).hint) for p in loaded.problems]


APPLICATION = "".join(f"k{n}: {n}\n" for n in range(1, 8))  # lines 1–7


def test_a_full_width_colon_is_named_on_its_own_line_with_the_ascii_to_use() -> None:
    said = _said(APPLICATION + "body：理事会\nnext: 1\n")
    assert [(rule, line, column) for rule, line, column, _, _ in said] == [("YAML-006", 8, 5)]
    assert "全角冒号“：”" in said[0][3]
    assert "body: 值" in said[0][4]


def test_a_full_width_space_in_an_indentation_or_after_a_colon_is_named_where_it_is() -> None:
    indent = _said("a:\n  x: 1\n\u3000\u3000y: 2\n")
    assert [(r, line, c) for r, line, c, _, _ in indent] == [("YAML-006", 3, 1)]
    assert "全角空格" in indent[0][3]
    after = _said("a: 1\nb:\u3000理事会\nc: 3\n")
    assert [(r, line, c) for r, line, c, _, _ in after] == [("YAML-006", 2, 3)]
    assert "英文空格" in after[0][4]
    assert all("缩进没有对齐" not in hint for *_, hint in indent + after)


def test_full_width_braces_are_named_not_as_a_missing_space_after_a_colon() -> None:
    said = _said("a: 1\nb: ｛x: 1｝\n")
    assert [(r, line, c) for r, line, c, _, _ in said] == [("YAML-006", 2, 4)]
    assert "“{”" in said[0][4]
    assert "冒号后要有空格" not in said[0][4]


def test_a_misaligned_indentation_names_the_column_expected() -> None:
    said = _said("a:\n  x: 1\n   y: 2\n")
    assert [(r, line) for r, line, *_ in said] == [("YAML-006", 3)]
    assert "3 个空格" in said[0][3]
    assert "第 3 列" in said[0][4]


def test_word_line_breaks_are_found_at_their_line() -> None:
    for ch in ("\u2028", "\x0b", "\u2029"):
        said = _said(f"a: 1\nb: 第一段{ch}第二段\nc: 3\n")
        assert [(r, line, c) for r, line, c, _, _ in said] == [("YAML-002", 2, 7)], ch
        assert "换行" in said[0][3]


def test_a_tab_and_a_colon_error_are_reported_together() -> None:
    lines = [f"k{n}: {n}" for n in range(1, 16)]
    lines[7] = "body：理事会"
    lines[14] = "\tk15: 15"
    said = _said("\n".join(lines) + "\n")
    assert [(r, line) for r, line, *_ in said] == [("YAML-006", 8), ("YAML-002", 15)]


def test_every_tab_line_is_named() -> None:
    said = _said("a: 1\nb:\n\tx: 1\nc:\n\ty: 2\n")
    assert [(r, line) for r, line, *_ in said] == [("YAML-002", 3), ("YAML-002", 5)]


def test_a_syntax_error_elsewhere_is_reported_beside_a_full_width_colon() -> None:
    said = _said("body：理事会\na: 1\nb: 'open\n")
    assert [r for r, *_ in said] == ["YAML-006", "YAML-006"]
    assert said[0][1] == 1 and said[1][1] > 2


def test_a_thousands_separator_in_a_flow_mapping_says_so() -> None:
    said = _said("a: {amount: 60,000.00}\n")
    assert [(r, line) for r, line, *_ in said] == [("YAML-006", 1)]
    assert "60000.00" in said[0][4]
    assert "000.00" not in said[0][3].replace("60,000.00", "")


def test_full_width_text_in_values_and_block_text_is_not_a_problem() -> None:
    text = "note: 说明：理事会　决定\nbody: |\n  目的：提升能力\n  \u3000\u3000首行缩进\n  k：v\n"
    loaded = load_yaml(text.encode("utf-8"))
    assert loaded.ok, loaded.problems


def test_a_money_difference_smaller_than_a_fen_never_prints_minus_zero() -> None:
    from decimal import Decimal

    from generator.rules.funds import _difference

    said = _difference(Decimal("-0.005"))
    assert "-0.00" not in said and "不到 1 分" in said and "0.005" in said
    assert _difference(Decimal("0.01")) == "合计比申请总额少 0.01 元"


def _line_loop(text: str) -> list[object]:
    lines = yamlscan._lines(text)
    skip = yamlscan._block_scalar_lines(lines)
    return [p for i, line in enumerate(lines) if i not in skip for p in yamlscan._line_problems(i + 1, line)]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.text(alphabet="ab_-: \t\u3000：｛｝［］【】{}[]0123456789,.#|>\r\n学会", max_size=30), max_size=8
    ).map("".join)
)
def test_the_quick_search_lets_every_problem_through(text: str) -> None:
    """The whole-text search that spares most files the line loop (``yamlscan._SUSPECT``) is a superset of what
    the loop reports: when the loop finds a problem, the search matches."""
    if _line_loop(text):
        assert yamlscan._SUSPECT.search(text) is not None


def test_a_full_width_colon_inside_a_value_is_no_reason_to_read_the_lines() -> None:
    text = "name: 武汉市机械工程学会\nsummary: 联系方式：见学会网站【公开】\n"
    assert yamlscan._SUSPECT.search(text) is None and _line_loop(text) == []
    assert yamlscan._SUSPECT.search("body：理事会\n") is not None


@settings(max_examples=600, deadline=None)
@given(
    st.lists(
        st.text(alphabet="ab_-: \t\u3000：｛｝［］【】{}[]0123456789,.#|>\r\n学会", max_size=30), max_size=8
    ).map("".join)
)
def test_the_line_by_line_search_answers_what_the_pattern_answers(text: str) -> None:
    """``yamlscan.suspect`` reads only the lines that hold a rare character; it must answer exactly what the
    reference pattern ``_SUSPECT`` answers on any text (tabs, full-width marks, CR/LF/CRLF, flow digits)."""
    assert yamlscan.suspect(text) == (yamlscan._SUSPECT.search(text) is not None)


def test_the_line_by_line_search_agrees_on_the_shipped_files() -> None:
    from tests.helpers import REPO

    for path in sorted(REPO.glob("submissions/**/*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert yamlscan.suspect(text) == (yamlscan._SUSPECT.search(text) is not None), path
