"""The positions the loader records in its one pass (``LoadedYaml.positions``) against an independent
oracle: PyYAML's own composer, whose nodes carry their start marks. Every shipped YAML file, a synthetic
application and generated documents are compared path by path; ``locate`` is compared with the spelled-out
``marks`` for every member and for absent paths (the nearest ancestor)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.rules.format_yaml import render
from generator.yamlio import DataPath, Mark, load_yaml

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted(
    p
    for folder in ("submissions", "examples", "tests/fixtures")
    for p in (ROOT / folder).rglob("*.yaml")
    if p.is_file()
)


def _oracle(text: str) -> dict[DataPath, Mark]:
    """Each member's position from PyYAML's node graph: a mapping member at its key, a sequence item at
    its start, the root at its start."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    found: dict[DataPath, Mark] = {}

    def walk(path: DataPath, node: Any, mark: Any) -> None:
        found[path] = (mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = key.value
                if key.tag == "tag:yaml.org,2002:int" and key.style is None:
                    name = name.lstrip("+")
                walk((*path, name), value, key.start_mark)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk((*path, index), item, item.start_mark)

    walk((), node, node.start_mark)
    return found


def _compare(raw: bytes) -> int:
    loaded = load_yaml(raw)
    assert loaded.data is not None, loaded.problems
    text = raw.decode("utf-8").removeprefix("\ufeff")
    assert loaded.marks == _oracle(text)
    compact = load_yaml(raw, with_marks=False)
    assert compact.marks == {}
    for path, mark in loaded.marks.items():
        assert compact.locate(path) == mark
        assert compact.locate((*path, "absent", 0)) == mark
    return len(loaded.marks)


def test_there_are_shipped_files() -> None:
    assert len(SHIPPED) > 20


@pytest.mark.parametrize("path", SHIPPED, ids=[p.relative_to(ROOT).as_posix() for p in SHIPPED])
def test_positions_of_every_shipped_file_equal_the_composer(path: Path) -> None:
    raw = path.read_bytes()
    if not load_yaml(raw).ok:
        pytest.skip("a fixture that is meant not to load")
    assert _compare(raw) > 0


def test_positions_of_a_synthetic_application_equal_the_composer() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import synth
    finally:
        sys.path.remove(str(ROOT / "bench"))
    society = synth._societies(3, 0)[2]
    assert _compare(synth.render_application(society, 0).encode("utf-8")) > 100


_keys = st.text(alphabet="abcxyz", min_size=1, max_size=4)
_scalars = st.one_of(st.integers(-5, 500).map(str), _keys, st.just("'quoted: text'"), st.just('"中文"'))


@st.composite
def _documents(draw: st.DrawFn, depth: int = 0) -> str:
    """A block mapping whose values are scalars, flow or block sequences and nested mappings."""
    indent = "  " * depth
    lines: list[str] = []
    for key in draw(st.lists(_keys, min_size=1, max_size=5, unique=True)):
        choice = draw(st.integers(0, 3 if depth < 3 else 1))
        if choice == 0:
            lines.append(f"{indent}{key}: {draw(_scalars)}")
        elif choice == 1:
            items = draw(st.lists(_scalars, max_size=4))
            lines.append(f"{indent}{key}: [{', '.join(items)}]")
        elif choice == 2:
            lines.append(f"{indent}{key}:")
            for item in draw(st.lists(_scalars, min_size=1, max_size=3)):
                lines.append(f"{indent}  - {item}")
        else:
            lines.append(f"{indent}{key}:")
            lines.append(draw(_documents(depth + 1)))
    return "\n".join(lines)


@settings(max_examples=150, deadline=None)
@given(_documents())
def test_positions_of_generated_documents_equal_the_composer(text: str) -> None:
    _compare((text + "\n").encode("utf-8"))


def test_a_duplicate_key_after_a_nested_value_names_the_first_line() -> None:
    raw = b"a:\n  b: [1, {c: 2}]\n  d:\n    - x\n    - y\ne: 1\na: 2\n"
    (problem,) = map(render, load_yaml(raw).problems)
    assert (problem.rule, problem.line, problem.column) == ("YAML-009", 7, 1)
    assert "第 1 行" in problem.message_zh
    (inner,) = map(render, load_yaml(b"m:\n  p: [1, 2]\n  q: {r: 1}\n  q: 3\n").problems)
    assert (inner.line, inner.path) == (4, ("m", "q")) and "第 3 行" in inner.message_zh
