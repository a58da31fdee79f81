"""The strict loader: every bad input of the security notes gives its own problem with a line; valid input
loads with exact types and positions; no input at all makes it raise."""

from __future__ import annotations

import sys
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.rules.format_yaml import render
from generator.yamlio import MAX_BYTES, load_yaml

BAD: list[tuple[str, bytes, str, int]] = [
    # (name, input, expected rule, expected line)
    ("alias bomb", b"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", "YAML-003", 1),
    ("alias", b"a: 1\nb: *x\n", "YAML-003", 2),
    ("merge key", b"base: {x: 1}\nother:\n  <<: {x: 2}\n", "YAML-003", 3),
    ("duplicate top key", b"a: 1\nb: 2\na: 3\n", "YAML-009", 3),
    ("duplicate nested key", b"a:\n  x: 1\n  x: 2\n", "YAML-009", 3),
    ("python tag", b"a: !!python/object/apply:os.system [ls]\n", "YAML-004", 1),
    ("binary tag", b"a: !!binary aGVsbG8=\n", "YAML-004", 1),
    ("set tag", b"a: !!set {x, y}\n", "YAML-004", 1),
    ("str tag", b"a: !!str 1\n", "YAML-004", 1),
    ("several documents", b"a: 1\n---\nb: 2\n", "YAML-011", 2),
    ("document end then more", b"a: 1\n...\n---\nb: 2\n", "YAML-011", 3),
    ("empty file", b"", "YAML-007", 1),
    ("only a comment", b"# nothing\n", "YAML-007", 1),
    ("a list at top level", b"- a\n- b\n", "YAML-007", 1),
    ("a scalar at top level", b"hello\n", "YAML-007", 1),
    ("deep nesting", b"a: " + b"[" * 30 + b"]" * 30 + b"\n", "YAML-005", 1),
    ("pure loader recursion", b"[" * 500, "YAML-005", 1),
    ("10 MB file", b"a: " + b"x" * (10 * 1024 * 1024) + b"\n", "YAML-005", 1),
    ("3 MB string", b"a: '" + b"x" * (900 * 1024) + b"'\n", "YAML-005", 1),
    ("2000-character key", b"k" * 2000 + b": 1\n", "YAML-006", 1),
    ("300-character key", b"k" * 300 + b": 1\n", "YAML-008", 1),
    ("UTF-16", "a: 中文\n".encode("utf-16"), "YAML-001", 1),
    ("UTF-16 without BOM", "a: x\n".encode("utf-16-le"), "YAML-001", 1),
    ("GBK", "name: 武汉市机械工程学会\n".encode("gbk"), "YAML-001", 1),
    ("GBK on line 3", "a: 1\nb: 2\nc: 学会\n".encode("gbk"), "YAML-001", 3),
    ("NUL", b"a: x\x00y\n", "YAML-002", 1),
    ("U+0085", "a: 1\nb: x\u0085y\n".encode(), "YAML-002", 2),
    ("tab indentation", b"a:\n\tb: 1\n", "YAML-002", 2),
    ("RLO", "a: 1\nname: \u202egnp.exe\n".encode(), "YAML-002", 2),
    ("zero-width space", "name: 学\u200b会\n".encode(), "YAML-002", 1),
    ("escaped RLO", b'name: "\\u202e"\n', "YAML-002", 1),
    ("escaped NUL", b'name: "a\\0b"\n', "YAML-002", 1),
    ("lone surrogate escape", b'name: "\\ud800"\n', "YAML-006", 1),
    (".nan", b"amount: .nan\n", "YAML-010", 1),
    (".inf", b"amount: -.inf\n", "YAML-010", 1),
    ("exponent", b"amount: 1e3\n", "YAML-010", 1),
    ("true key", b"true: 1\n", "YAML-008", 1),
    ("null key", b"~: 1\n", "YAML-008", 1),
    ("float key", b"1.5: 1\n", "YAML-008", 1),
    ("complex key", b"? [a, b]\n: 1\n", "YAML-008", 1),
    ("syntax: colon in value", b"title: a: b\n", "YAML-006", 1),
    ("syntax: unclosed quote", b"title: 'abc\nnext: 1\n", "YAML-006", 3),
    ("syntax: bad indentation", b"a:\n  b: 1\n c: 2\n", "YAML-006", 3),
]


@pytest.mark.parametrize(("name", "raw", "rule", "line"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_a_problem_with_a_line(name: str, raw: bytes, rule: str, line: int) -> None:
    loaded = load_yaml(raw)
    assert loaded.data is None
    rules = [(p.rule, p.line) for p in loaded.problems]
    assert (rule, line) in rules, rules
    for problem in map(render, loaded.problems):
        assert problem.message_zh and problem.message_en and problem.hint
        assert problem.line >= 1 and problem.column >= 1


def test_utf8_message_says_how_to_save() -> None:
    (problem,) = map(render, load_yaml("a: 学会\n".encode("gbk")).problems)
    assert "UTF-8" in problem.hint and "GBK" in problem.message_zh


def test_bom_is_dropped() -> None:
    assert load_yaml(b"\xef\xbb\xbfa: 1\n").data == {"a": 1}


def test_yaml_12_scalars_are_strict() -> None:
    raw = (
        b"no: no\non: on\nyes: YES\noff: off\nphone: 0211234567\nunder: 1_000\nsexa: 1:30\n"
        b"date: 2024-01-01\nbad_date: 2024-02-30\nint: 12\nneg: -5\nmoney: 200000.00\nt: true\nf: False\n"
        b"n: null\ntilde: ~\nempty:\nquoted: '12'\nkey_int:\n  2024: x\n"
    )
    loaded = load_yaml(raw)
    assert loaded.problems == []
    assert loaded.data == {
        "no": "no",
        "on": "on",
        "yes": "YES",
        "off": "off",
        "phone": "0211234567",
        "under": "1_000",
        "sexa": "1:30",
        "date": "2024-01-01",
        "bad_date": "2024-02-30",
        "int": 12,
        "neg": -5,
        "money": Decimal("200000.00"),
        "t": True,
        "f": False,
        "n": None,
        "tilde": None,
        "empty": None,
        "quoted": "12",
        "key_int": {"2024": "x"},
    }
    assert isinstance(loaded.data["money"], Decimal)


def test_no_float_ever() -> None:
    loaded = load_yaml(b"a: 0.1\nb: [0.2, {c: 0.30}]\n")
    assert loaded.data == {"a": Decimal("0.1"), "b": [Decimal("0.2"), {"c": Decimal("0.30")}]}


def test_positions_of_every_node() -> None:
    raw = b"a:\n  b:\n    - x\n    - {c: 1, d: [2, 3]}\ne: 5\n"
    loaded = load_yaml(raw)
    assert loaded.marks[("a",)] == (1, 1)
    assert loaded.marks[("a", "b")] == (2, 3)
    assert loaded.marks[("a", "b", 0)] == (3, 7)
    assert loaded.marks[("a", "b", 1, "c")] == (4, 8)
    assert loaded.marks[("a", "b", 1, "d", 1)] == (4, 21)
    assert loaded.marks[("e",)] == (5, 1)
    assert loaded.locate(("a", "b", 1, "missing")) == (4, 7)


def test_duplicate_key_names_both_lines() -> None:
    (problem,) = map(render, load_yaml(b"a: 1\nb: 2\na: 3\n").problems)
    assert "第 1 行" in problem.message_zh and problem.line == 3


def test_nfd_text_is_a_warning_and_still_loads() -> None:
    loaded = load_yaml("name: e\u0301\n".encode())
    assert loaded.data == {"name": "e\u0301"}
    assert [p.rule for p in loaded.problems] == ["YAML-012"]
    assert loaded.problems[0].severity == "warning"


def test_size_cap_is_exact() -> None:
    body = b"a: '" + b"x" * 10 + b"'\n"
    assert load_yaml(body, max_bytes=len(body)).ok
    assert not load_yaml(body, max_bytes=len(body) - 1).ok
    assert MAX_BYTES >= 256 * 1024


def test_too_many_nodes() -> None:
    raw = b"a: [" + b"1, " * 100_001 + b"1]\n"
    loaded = load_yaml(raw, max_bytes=10 * 1024 * 1024)
    assert not loaded.ok and loaded.problems[0].rule == "YAML-005"


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=400))
def test_never_raises_on_bytes(raw: bytes) -> None:
    loaded = load_yaml(raw)
    assert loaded.ok or loaded.problems


YAMLISH = st.text(
    alphabet=st.sampled_from(list("ab:-[]{},'\"!&*?|>#%@` \n\t0123456789.~学会\\ue\u0301\u202e\x00")),
    max_size=200,
)


@settings(max_examples=800, deadline=None)
@given(YAMLISH)
def test_never_raises_on_yaml_like_text(text: str) -> None:
    loaded = load_yaml(text.encode("utf-8", errors="surrogatepass"))
    if loaded.ok:
        assert isinstance(loaded.data, dict)
    else:
        assert loaded.problems


# ---- Strict text: every invisible character is refused wherever it is, with its name and position

ALL_FORMAT_CHARACTERS = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
ALLOWED_FORMAT_CHARACTERS: frozenset[str] = frozenset()  # none: see "Strict text" in generator/yamlio.py

# Not Cf, yet rendered as nothing (or as a blank), or a line break only YAML sees.
OTHER_INVISIBLE = [
    "\u034f",  # COMBINING GRAPHEME JOINER
    "\u115f",  # HANGUL CHOSEONG FILLER (Lo)
    "\u1160",  # HANGUL JUNGSEONG FILLER (Lo)
    "\u3164",  # HANGUL FILLER (Lo)
    "\uffa0",  # HALFWIDTH HANGUL FILLER (Lo)
    "\u17b4",  # KHMER VOWEL INHERENT AQ
    "\u180b",  # MONGOLIAN FREE VARIATION SELECTOR ONE
    "\u180f",  # MONGOLIAN FREE VARIATION SELECTOR FOUR
    "\ufe00",  # VARIATION SELECTOR-1
    "\ufe0f",  # VARIATION SELECTOR-16
    "\U000e0100",  # VARIATION SELECTOR-17 (ideographic variation sequences)
    "\U000e01ef",  # VARIATION SELECTOR-256
    "\U000e0000",  # reserved default-ignorable
    "\u2065",  # reserved default-ignorable
    "\ufff0",  # reserved default-ignorable
    "\u2800",  # BRAILLE PATTERN BLANK
    "\ufffc",  # OBJECT REPLACEMENT CHARACTER
    "\u2028",  # LINE SEPARATOR
    "\u2029",  # PARAGRAPH SEPARATOR
    "\x85",  # NEXT LINE
    "\x7f",  # DELETE
    "\ufdd0",  # a noncharacter
    "\U0001fffe",  # a noncharacter
]

# Every one of these is ordinary in a Chinese application and must load.
KEPT = "学会\u3000全角空格\u00a0不换行空格，“引号”、《书名》——破折号…省略号·间隔号 ①② 𠀀𪚥 \ue000 😀 ½"

PLACES = {
    # where: (template, line, column of the character)
    "value": ("schema_version: 1\r\nname: 武汉\n# 注释\rtitle: 学{c}会\n", 4, 9),
    "key": ("schema_version: 1\r\nname: 武汉\n# 注释\rti{c}tle: 学会\n", 4, 3),
    "comment": ("schema_version: 1\r\nname: 武汉\n# 注{c}释\rtitle: 学会\n", 3, 4),
}


def _refusal(raw: bytes) -> tuple[int, int, str, str]:
    loaded = load_yaml(raw)
    assert loaded.data is None, raw
    (problem,) = map(render, loaded.problems)
    assert problem.rule == "YAML-002", problem
    return problem.line, problem.column, problem.message_zh, problem.hint


def _expected_name(ch: str) -> str:
    return f"U+{ord(ch):04X} "


@pytest.mark.parametrize("where", list(PLACES))
def test_every_format_character_is_refused_everywhere(where: str) -> None:
    assert len(ALL_FORMAT_CHARACTERS) >= 163  # Python 3.11 knows Unicode 14: 163 of them
    template, line, column = PLACES[where]
    wrong: list[str] = []
    for ch in ALL_FORMAT_CHARACTERS:
        if ch in ALLOWED_FORMAT_CHARACTERS:
            continue
        got = _refusal(template.format(c=ch).encode("utf-8"))
        name = unicodedata.name(ch)
        if got[:2] != (line, column) or f"U+{ord(ch):04X} {name}" not in got[2]:
            wrong.append(f"U+{ord(ch):04X} {name}: {got}")
    assert wrong == []


def test_every_format_character_is_refused_through_an_escape() -> None:
    wrong: list[str] = []
    for ch in ALL_FORMAT_CHARACTERS:
        escape = f"\\U{ord(ch):08x}"
        for raw in (f'a: "x{escape}y"\n', f'"k{escape}": 1\n'):
            got = _refusal(raw.encode())
            if got[:2] != (1, 1 if raw.startswith('"') else 4) or _expected_name(ch) not in got[2]:
                wrong.append(f"{raw!r}: {got}")
    assert wrong == []


@pytest.mark.parametrize("ch", OTHER_INVISIBLE, ids=[f"U+{ord(c):04X}" for c in OTHER_INVISIBLE])
@pytest.mark.parametrize("where", list(PLACES))
def test_other_invisible_characters_are_refused(ch: str, where: str) -> None:
    template, line, column = PLACES[where]
    got_line, got_column, message, hint = _refusal(
        template.format(c=ch).encode("utf-8", errors="surrogatepass")
    )
    assert (got_line, got_column) == (line, column)
    assert _expected_name(ch) in message
    assert "删除" in hint or "换成" in hint
    assert "复制" in hint


def test_the_message_names_the_character_and_says_how_to_fix_it() -> None:
    line, column, message, hint = _refusal("a: 1\nname: 武汉市\u00ad机械工程学会\n".encode())
    assert (line, column) == (2, 10)
    assert "U+00AD SOFT HYPHEN" in message and "软连字符" in message
    assert "删除" in hint and "网页" in hint and "Word" in hint
    _, _, message, hint = _refusal("a: 1\nname: x\u2028y\n".encode())
    assert "U+2028 LINE SEPARATOR" in message and "换行" in message and "回车" in hint
    _, _, message, _ = _refusal("a: x\x85y\n".encode())
    assert "U+0085 NEXT LINE (NEL)" in message


def test_chinese_text_and_its_spaces_load() -> None:
    loaded = load_yaml(f"title: {KEPT}\n# {KEPT}\n".encode())
    assert loaded.problems == [] and loaded.data == {"title": KEPT}


def test_a_leading_bom_is_still_dropped_but_one_inside_is_refused() -> None:
    assert load_yaml(b"\xef\xbb\xbfa: 1\r\n").data == {"a": 1}
    assert _refusal(b"\xef\xbb\xbfa: 1\r\nb: \xef\xbb\xbfx\r\n")[:2] == (2, 4)


# ---- Line endings: LF, CRLF and a lone CR (old Mac) each end one line, mixed or not

MIXED = ["\n", "\r\n", "\r"]


def _lines(n: int, last: str, ending: str | None = None) -> bytes:
    """``n - 1`` good lines with rotating endings, then ``last`` on line n."""
    lines = [f"k{i}: 第 {i} 行" + (ending or MIXED[i % 3]) for i in range(1, n)]
    return ("".join(lines) + last + (ending or "\n")).encode("utf-8")


@pytest.mark.parametrize("ending", [None, "\n", "\r\n", "\r"], ids=["mixed", "LF", "CRLF", "CR"])
@pytest.mark.parametrize(
    ("last", "rule", "column"),
    [
        ("bad: 学\u200b会", "YAML-002", 7),
        ("bad: \u3164", "YAML-002", 6),
        ("bad:\t1", "YAML-002", 5),
        ("k3: 重复", "YAML-009", 1),
        ("bad: a: b", "YAML-006", 7),
        ("bad: 1e3", "YAML-010", 6),
        ("bad: *x", "YAML-003", 6),
    ],
)
def test_line_numbers_are_right_whatever_the_line_endings(
    ending: str | None, last: str, rule: str, column: int
) -> None:
    loaded = load_yaml(_lines(7, last, ending))
    assert [(p.rule, p.line, p.column) for p in loaded.problems] == [(rule, 7, column)]


@pytest.mark.parametrize("ending", [None, "\r\n", "\r"], ids=["mixed", "CRLF", "CR"])
def test_positions_are_right_whatever_the_line_endings(ending: str | None) -> None:
    loaded = load_yaml(_lines(9, "last: [x, y]", ending))
    assert loaded.ok
    assert [loaded.marks[(f"k{i}",)] for i in range(1, 9)] == [(i, 1) for i in range(1, 9)]
    assert loaded.marks[("last", 1)] == (9, 11)
    assert loaded.data is not None and loaded.data["k4"] == "第 4 行"


def test_a_non_utf8_byte_after_lone_crs_has_its_line() -> None:
    raw = b"a: 1\rb: 2\rc: " + "武汉市机械工程学会".encode("gbk") + b"\r"
    (problem,) = load_yaml(raw).problems
    assert (problem.rule, problem.line, problem.column) == ("YAML-001", 3, 4)


def test_yaml_only_line_breaks_are_refused_at_the_line_an_editor_shows() -> None:
    for ch in ("\x85", "\u2028", "\u2029"):
        raw = f"a: 1\r\nb: 2\rc: 3\nd: x{ch}e: y\n".encode()
        line, column, message, _ = _refusal(raw)
        assert (line, column) == (4, 5) and "换行" in message


def test_the_markdown_filter_drops_what_the_loader_refuses() -> None:
    from generator.textsafe import clean

    hostile = "".join(OTHER_INVISIBLE) + "".join(ALL_FORMAT_CHARACTERS)
    assert clean(f"学{hostile}会") == "学 会"  # U+2028, U+2029, U+0085 separate words; the rest is gone
    visible = KEPT.replace("\ue000", "")  # private use: the filter drops it (the loader keeps it)
    assert clean(visible) == " ".join(visible.split())


# Default_Ignorable_Code_Point (Unicode DerivedCoreProperties.txt) that are not Cf.
_DEFAULT_IGNORABLE_NOT_CF = [
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x2065, 0x2065),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0xE0000, 0xE0FFF),
]


def _meant_to_be_refused(code: int) -> bool:
    """The documented policy, written independently of the loader's character classes."""
    ch = chr(code)
    category = unicodedata.category(ch)
    return (
        (category == "Cc" and ch not in "\t\n\r")
        or category in ("Cf", "Cs", "Zl", "Zp")
        or 0xFDD0 <= code <= 0xFDEF
        or (code & 0xFFFE) == 0xFFFE
        or any(low <= code <= high for low, high in _DEFAULT_IGNORABLE_NOT_CF)
        or code in (0x2800, 0xFFFC)
        or 0x13430 <= code <= 0x1343F  # Cf since Unicode 15 (unassigned in older Pythons)
    )


def test_the_refused_set_is_exactly_the_documented_one() -> None:
    from generator.yamlio import REFUSED_CHARACTERS, refused_characters

    everything = "".join(chr(c) for c in range(sys.maxunicode + 1))
    fast = [i for i, _ in refused_characters(everything)]
    exact = [m.start() for m in REFUSED_CHARACTERS.finditer(everything)]
    meant = [c for c in range(sys.maxunicode + 1) if _meant_to_be_refused(c)]
    assert fast == exact
    extra = sorted(set(fast) - set(meant))
    missing = sorted(set(meant) - set(fast))
    assert (extra, missing) == ([], []), (
        [f"U+{c:04X}" for c in extra][:20],
        [f"U+{c:04X}" for c in missing][:20],
    )


def test_short_texts_are_shared_between_files() -> None:
    """A short text value is one object however many files hold it (memory: a tree repeats them); a long
    one is not looked up, and sharing never changes what a value is."""
    from generator.yamlio import SHARED_TEXT_CHARS

    first = load_yaml("result: 合格\nquoted: '专职'\nplain_long: {}\n".format("长" * 40).encode()).data
    second = load_yaml('other: 合格\nagain: "专职"\n'.encode()).data
    assert first is not None and second is not None
    assert first["result"] is second["other"] and first["quoted"] is second["again"]
    assert first["result"] == "合格" and first["plain_long"] == "长" * 40
    assert len(first["plain_long"]) > SHARED_TEXT_CHARS
