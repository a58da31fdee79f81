"""Where a YAML text's comments are (``generator.yamlcomments``): a ``#`` that starts a line or follows white
space, outside every scalar; a ``#`` in a quoted string, a plain scalar, a flow collection's item or a block
scalar is not one, but one after a block scalar's indicator is."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import generator.yamlcomments as yc
from generator.yamlcomments import Comment, comments


def _found(text: str) -> list[tuple[int, int, str]]:
    return [(c.line, c.column, c.text) for c in comments(text)]


def test_comments_after_values_and_on_their_own_lines() -> None:
    text = "# head\na: 1  # one\nb:\n  - x # two\n"
    assert _found(text) == [(1, 1, " head"), (2, 7, " one"), (4, 7, " two")]


def test_a_hash_in_a_quoted_string_is_not_a_comment_but_one_after_the_string_is() -> None:
    text = "a: \"x # y\"  # real 1\nb: 'it''s # q' #real2\n"
    assert _found(text) == [(1, 13, " real 1"), (2, 16, "real2")]


def test_a_hash_in_a_plain_scalar_or_a_comment_is_not_a_new_comment() -> None:
    assert _found("a: plain#not\nb: x # c # still c\n") == [(2, 6, " c # still c")]


def test_block_scalars_keep_their_hashes_but_their_header_may_hold_a_comment() -> None:
    text = "a: |  # header\n  line # not\n  # not either\nb: >-\n  folded # no\nc: x # yes\n"
    assert _found(text) == [(1, 7, " header"), (6, 6, " yes")]


def test_flow_collections() -> None:
    text = 'a: [1, "#", 2]  # c\nb: {k: "v # w"} # d\n'
    assert _found(text) == [(1, 17, " c"), (2, 17, " d")]


def test_crlf_and_non_ascii_columns_count_characters() -> None:
    assert _found("a: 中文 # 评论\r\nb: x\r\n# 三\r\n") == [(1, 7, " 评论"), (3, 1, " 三")]


def test_past_a_syntax_error_only_whole_line_comments_are_taken() -> None:
    text = 'a: 1 # before\nb: "open # inside\n# own line\nc: x # after\n'
    assert _found(text) == [(1, 6, " before"), (3, 1, " own line")]


def test_the_scanner_runs_only_when_a_comment_is_wanted(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = yc._token_spans

    def spy(text: str) -> tuple[list[tuple[int, int]], int | None]:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(yc, "_token_spans", spy)
    assert comments("a: x  # nothing here\n", lambda t: "138" in t) == []
    assert calls == []
    assert comments("a: x  # 138\n", lambda t: "138" in t) == [Comment(1, 7, " 138")]
    assert len(calls) == 1


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab #'\"|>-:[]{},\n\t&!*%中", max_size=60))
def test_never_raises_and_every_comment_starts_with_a_hash(text: str) -> None:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for c in comments(text):
        assert lines[c.line - 1][c.column - 1] == "#"
