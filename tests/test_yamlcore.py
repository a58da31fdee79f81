"""The compiled clean path of the strict loader (``generator._yamlcore``) gives exactly what the pure-Python
loader gives: the same data (types included), positions and problems, on the hostile corpus of the loader's
tests, every shipped file, a synthetic tree, edge cases of every limit and scalar form, every character
escaped, and mutations of all of these. Without the extension (not built, or ``XUEHUI_PURE_YAML=1``) the
seam chooses the pure path, and ``tests/test_yamlio_pure.py`` runs the loader's own tests on it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import generator
from generator import yamlio
from generator.yamlio import LoadedYaml, load_yaml
from tests.test_yamlio import BAD
from tests.test_yamlio_positions import SHIPPED

NATIVE = yamlio.native_loader()
needs_native = pytest.mark.skipif(NATIVE is None, reason="generator._yamlcore is not built here")


def _exact(value: Any) -> Any:
    """A value with every type spelled out (``1 == True == Decimal(1)`` in Python, not here)."""
    if type(value) is dict:
        return ("dict", [(type(k).__name__, k, _exact(v)) for k, v in value.items()])
    if type(value) is list:
        return ("list", [_exact(v) for v in value])
    return (type(value).__name__, repr(value))


def _both(raw: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[LoadedYaml, LoadedYaml]:
    with monkeypatch.context() as m:
        m.setattr(yamlio, "_NATIVE_LOAD", NATIVE)
        native = load_yaml(raw, with_marks=False)
        m.setattr(yamlio, "_NATIVE_LOAD", None)
        pure = load_yaml(raw, with_marks=False)
    return native, pure


def assert_same(raw: bytes, monkeypatch: pytest.MonkeyPatch) -> LoadedYaml:
    native, pure = _both(raw, monkeypatch)
    assert _exact(native.data) == _exact(pure.data), raw[:200]
    assert native.problems == pure.problems, raw[:200]
    assert list(native.positions) == list(pure.positions), raw[:200]
    return pure


@needs_native
@pytest.mark.parametrize("raw", [b[1] for b in BAD], ids=[b[0] for b in BAD])
def test_the_loaders_hostile_corpus(raw: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    assert assert_same(raw, monkeypatch).data is None


@needs_native
def test_every_shipped_file(monkeypatch: pytest.MonkeyPatch) -> None:
    assert SHIPPED
    for path in SHIPPED:
        assert_same(path.read_bytes(), monkeypatch)


@pytest.fixture(scope="module")
def synthetic(synth: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("yamlcore")
    synth.make_tree(root / "clean", 12, 3)
    synth.make_tree(root / "findings", 12, 4, findings=True)
    return sorted(root.rglob("*.yaml"))


@needs_native
def test_synthetic_trees(synthetic: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(synthetic) > 50
    for path in synthetic:
        assert assert_same(path.read_bytes(), monkeypatch).data is not None


SCALARS = [
    "",
    "~",
    "null",
    "Null",
    "NULL",
    "nul",
    "none",
    "true",
    "True",
    "TRUE",
    "tRue",
    "false",
    "FALSE",
    "t",
    "f",
    "no",
    "on",
    "yes",
    "0",
    "-0",
    "+0",
    "00",
    "007",
    "0271234",
    "12",
    "-12",
    "+12",
    "++12",
    "1_000",
    "0x1F",
    "0o7",
    "1.5",
    "-1.5",
    "+1.5",
    "1.",
    "-1.",
    ".5",
    "-.5",
    "+.5",
    ".",
    "-",
    "+",
    "..5",
    "1.2.3",
    "01.5",
    "0.5",
    "00.5",
    ".inf",
    "-.inf",
    "+.INF",
    ".Inf",
    ".nan",
    ".NaN",
    ".NAN",
    ".infinity",
    "1e3",
    "1E3",
    "1e+3",
    "1e-3",
    "-1.5e3",
    ".5e3",
    "1.e3",
    "01e3",
    "e3",
    "1e",
    "1e+",
    "1.5e3x",
    "2024-01-01",
    "1:30",
    "12:30:00",
    "<<",
    "~x",
    "nan",
    "inf",
    "9" * 50,
    "9" * 4100,
    "学会",
    "１２",
    "٣",
    "a b",
    "3 ",
    "0b1",
]


def _quoted(text: str) -> list[str]:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    single = text.replace("'", "''")
    return [text, f'"{escaped}"', f"'{single}'"]


@needs_native
@pytest.mark.parametrize("scalar", SCALARS)
def test_every_scalar_form_as_key_and_value(scalar: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for form in _quoted(scalar):
        for doc in (f"k: {form}\n", f"{form}: v\n", f"- {form}\n", f"k: [{form}, x]\n", f"k:\n  - {form}\n"):
            assert_same(doc.encode(), monkeypatch)
        assert_same(f"k: |\n  {scalar}\nj: >\n  {scalar}\n".encode(), monkeypatch)
        assert_same(f"k: {{{form}: 1, b: {form}}}\n".encode(), monkeypatch)


EDGES: list[bytes] = [
    b"\xef\xbb\xbfa: 1\n",
    b"a: 1\r\nb:\r\n  - x\r\n  - y\r\n",
    b"a: 1\rb: 2\r",
    b"a: 1\n...\n",
    b"---\na: 1\n",
    b"--- \na: 1\n...\n# end\n",
    b"%YAML 1.1\n---\na: 1\n",
    b"a: 1\n---\n",
    b"a:\n",
    b"a: {}\nb: []\nc: {x: [], y: {}}\n",
    b"? a\n: 1\n",
    b"? |\n  block key\n: 1\n",
    b'"": 1\n',
    b"'<<': 1\n",
    b"2024: a\n+5: b\n-3: c\n",
    b"5: a\n+5: b\n",
    b"a: 1\nA: 2\n",
    b"a: 'it''s'\nb: \"tab\\there\"\nc: \"line\\nbreak\"\n",
    b'a: "\\x41\\u4e2d\\U0001F600"\n',
    b'a: "\\uFFFD"\nb: "\\uFFFC"\n',
    b'"\\u200b": 1\n',
    b"a: x #comment\n# c\nb: y\n",
    b"a: multi\n  line\n  plain\n",
    b'a: "multi\n  line\n\n  quoted"\n',
    b"a: &x 1\n",
    b"a: !t 1\n",
    b"a: ! 1\n",
    b"a: !!map {}\n",
    b"a: [1, *x]\n",
    b"[1]: 2\n",
    b"{a: 1}: 2\n",
    b"a: b\n- c\n",
    "名称: 武汉市机械工程学会\n金额: 12.50\n电话: 0271234\n".encode(),
    "a: 中文字符 😀 𠀀\n".encode(),
    "a: \u00a0\u3000x\n".encode(),
    "a: e\u0301\n".encode(),
    "a: \u00e9\n".encode(),
]


def _nested(depth: int, flow: bool) -> bytes:
    if flow:
        return b"a: " + b"[" * (depth - 1) + b"]" * (depth - 1) + b"\n"
    lines = [" " * (2 * i) + "k:" for i in range(depth - 1)]
    return ("\n".join(lines) + " 1\n").encode()


EDGES += [_nested(d, f) for d in (yamlio.MAX_DEPTH, yamlio.MAX_DEPTH + 1) for f in (True, False)]
EDGES += [
    b"k" * yamlio.MAX_KEY_CHARS + b": 1\n",
    b"k" * (yamlio.MAX_KEY_CHARS + 1) + b": 1\n",
    b'"' + b"k" * (yamlio.MAX_KEY_CHARS + 1) + b'": 1\n',
    b"a: " + b"x" * yamlio.MAX_SCALAR_CHARS + b"\n",
    b"a: " + b"x" * (yamlio.MAX_SCALAR_CHARS + 1) + b"\n",
    b"a: '" + "中".encode() * (yamlio.MAX_SCALAR_CHARS + 1) + b"'\n",
    b"a: [" + b"1, " * (yamlio.MAX_NODES - 3) + b"1]\n",
    b"a: [" + b"1, " * (yamlio.MAX_NODES - 2) + b"1]\n",
    b"a: [" + b"1, " * (yamlio.MAX_NODES - 1) + b"1]\n",
    b"a: " + b"x" * yamlio.SHARED_TEXT_CHARS + b"\nb: " + b"y" * (yamlio.SHARED_TEXT_CHARS + 1) + b"\n",
]


@needs_native
@pytest.mark.parametrize("raw", EDGES, ids=range(len(EDGES)))
def test_edges_of_every_limit_and_form(raw: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    assert_same(raw, monkeypatch)


@needs_native
def test_every_character_escaped_in_double_quotes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only escapes can put a refused character into the data: each code point of the BMP and a sample of
    the astral planes, escaped, as a key and as a value (refused ones each make a document of its own)."""
    points = [*range(0x10000), *range(0x10000, 0x110000, 0x101), 0xE0001, 0xE0100, 0x1FFFE, 0x10FFFF]
    accepted: list[int] = []
    for point in points:
        if 0xD800 <= point <= 0xDFFF:
            continue
        if yamlio.REFUSED_CHARACTERS.match(chr(point)):
            assert_same(f'a: "\\U{point:08x}"\n"\\U{point:08x}": 1\n'.encode(), monkeypatch)
        else:
            accepted.append(point)
    for start in range(0, len(accepted), 2000):
        chunk = accepted[start : start + 2000]
        doc = "".join(f'v{p}: "\\U{p:08x}"\n"k\\U{p:08x}": {p}\n' for p in chunk)
        assert assert_same(doc.encode(), monkeypatch).data is not None


TOKENS = [
    b": ",
    b"- ",
    b"\n",
    b"  ",
    b"\t",
    b'"',
    b"'",
    b"&a ",
    b"*a",
    b"!!str ",
    b"! ",
    b"<<: ",
    b"? ",
    b"#",
    b"{",
    b"}",
    b"[",
    b"]",
    b", ",
    b"|",
    b">",
    b"~",
    b"1e3",
    b".inf",
    b"-.5",
    b"007",
    b"true",
    b"2024",
    b"---\n",
    b"...\n",
    b"\\u202e",
    b"\\0",
    b"\\",
    b"\xe4\xb8\xad",
    b"\xe2\x80\x8b",
    b"\xef\xbb\xbf",
    b"\r",
    b"\r\n",
    b"\x00",
    b"\xff",
    b"%YAML 1.2\n",
]


def _seeds() -> list[bytes]:
    seeds = [b[1] for b in BAD if len(b[1]) < 4096] + [e for e in EDGES if len(e) < 4096]
    seeds += [p.read_bytes()[:3000] for p in SHIPPED[:: max(1, len(SHIPPED) // 25)]]
    return seeds


SEEDS = _seeds()


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(("insert", "delete", "duplicate", "byte")))
        if action == "insert":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 8))]
        elif action == "duplicate":
            end = data.find(b"\n", at)
            data[at:at] = data[at : end + 1 if end >= 0 else len(data)]
        else:
            data[at:at] = bytes([draw(st.integers(0, 255))])
    return bytes(data)


@needs_native
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutations_of_the_corpus(raw: bytes) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert_same(raw, monkeypatch)


def test_the_pure_path_can_be_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XUEHUI_PURE_YAML", "1")
    assert yamlio.native_loader() is None
    monkeypatch.setenv("XUEHUI_PURE_YAML", "0")
    assert yamlio.native_loader() is NATIVE


@pytest.fixture
def not_built(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As on a machine where the extension was not built: importing it fails."""
    monkeypatch.delenv("XUEHUI_PURE_YAML", raising=False)
    monkeypatch.setitem(sys.modules, "generator._yamlcore", None)
    monkeypatch.delattr(generator, "_yamlcore", raising=False)
    yield


def test_without_the_extension_the_pure_path_reads(not_built: None, monkeypatch: pytest.MonkeyPatch) -> None:
    assert yamlio.native_loader() is None
    monkeypatch.setattr(yamlio, "_NATIVE_LOAD", yamlio.native_loader())
    loaded = load_yaml(b"a: 1\nb: [x, 2.5]\n")
    assert loaded.data == {"a": 1, "b": ["x", yamlio.Decimal("2.5")]}
    assert loaded.locate(("b", 1)) == (2, 1 + len("b: [x, "))
