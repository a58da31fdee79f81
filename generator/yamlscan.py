"""A line pre-scan for the mistakes a secretary makes in YAML, each found at its real line and column.

libyaml stops at its first error, and the error it gives is often one line late and about something else: a
full-width colon (``body：理事会``) is "could not find expected ':'" on the next line, a full-width space
used to indent makes a silently different structure, full-width braces are "mapping values are not
allowed". This module reads the text line by line, before the parser, and names every such mistake at
once: full-width colons after a key, full-width spaces in an indentation or after a colon, full-width
brackets opening a value, tabs, thousands separators inside ``{…}``/``[…]`` (``60,000.00`` there is two
items), and, when the parser fails, key lines whose indentation matches no open level (with the columns
that would). ``repaired`` gives the parser a copy with those mistakes undone (same lines), so that the
parser's own first error, when it is another one, is reported beside them.

Problems are plain tuples ``(rule, line, column, variant, values)`` (the loader, ``generator.yamlio``, makes
them ``YamlProblem`` values; ``generator.rules.format_yaml`` words them). No import of the loader here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

LineProblem = tuple[str, int, int, str, tuple[tuple[str, object], ...]]

MAX_PER_KIND = 20
IDEOGRAPHIC_SPACE = "\u3000"
FULLWIDTH_COLON = "："
BRACKETS = {"｛": "{", "｝": "}", "［": "[", "］": "]", "【": "[", "】": "]"}

# A key line: indentation, any "- " sequence dashes, a plain key (ASCII, as every field name is), then
# what follows the key: an ASCII colon, a full-width one, or nothing recognisable.
_KEY_LINE = re.compile(
    r"(?P<indent>[ \u3000\t]*)(?P<dashes>(?:-[ \u3000]+)*)(?P<key>[A-Za-z_][A-Za-z0-9_-]*)"
)
_BLOCK_SCALAR = re.compile(r".*:\s+[|>][-+0-9]*\s*(?:#.*)?\Z")
_THOUSANDS = re.compile(r"(?<![0-9.])[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![0-9])")


def _lines(text: str) -> list[str]:
    """The lines an editor shows (LF, CRLF and a lone CR each end one)."""
    return re.split(r"\r\n|\r|\n", text)


def _block_scalar_lines(lines: list[str]) -> set[int]:
    """Indices of the lines inside a ``|`` or ``>`` block (free text: nothing there is structure)."""
    inside: set[int] = set()
    owner: int | None = None
    for index, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" "))
        if owner is not None:
            if not line.strip() or indent > owner:
                inside.add(index)
                continue
            owner = None
        if _BLOCK_SCALAR.match(line):
            owner = indent
    return inside


def _p(line: int, column: int, variant: str, rule: str = "YAML-006", **values: object) -> LineProblem:
    return (rule, line, column, variant, tuple(values.items()))


def _line_problems(number: int, line: str) -> Iterator[LineProblem]:
    """The full-width mistakes and tabs of one line (outside a block scalar), left to right."""
    if "\t" in line:
        yield _p(number, line.index("\t") + 1, "tab", "YAML-002")
    stripped = line.lstrip(" \t")
    if stripped.startswith("#"):
        return
    indent = line[: len(line) - len(stripped)]
    if IDEOGRAPHIC_SPACE in indent or stripped.startswith(IDEOGRAPHIC_SPACE):
        yield _p(number, line.index(IDEOGRAPHIC_SPACE) + 1, "fullwidth_indent")
    match = _KEY_LINE.match(line)
    if match is None or IDEOGRAPHIC_SPACE in match.group("indent"):
        return
    end = match.end()
    key = match.group("key")
    after = line[end : end + 1]
    if after == FULLWIDTH_COLON:
        yield _p(number, end + 1, "fullwidth_colon", key=key)
        rest_at = end + 1
    elif after == ":" and line[end + 1 : end + 2] == IDEOGRAPHIC_SPACE:
        yield _p(number, end + 2, "fullwidth_space", key=key)
        rest_at = end + 2
    elif after == ":":
        rest_at = end + 1
    else:
        return
    rest = line[rest_at:].lstrip(" " + IDEOGRAPHIC_SPACE)
    if rest[:1] in BRACKETS:
        yield _p(
            number, len(line) - len(rest) + 1, "fullwidth_bracket", bracket=rest[0], ascii=BRACKETS[rest[0]]
        )
    elif rest[:1] in "{[":
        for found in _THOUSANDS.finditer(rest):
            column = len(line) - len(rest) + found.start() + 1
            yield _p(number, column, "thousands", text=found.group(), plain=found.group().replace(",", ""))


# A text without any of these has nothing ``_line_problems`` reports (most files: one search, no line loop):
# a tab; a full-width space opening a line's text; a key line's full-width colon, full-width space after its
# colon, or full-width bracket opening its value; digits with a thousands separator after a { or [. Each
# alternative is a superset of one kind of problem (tests/test_yaml_causes.py compares with the line loop). A
# full-width colon or bracket inside a value (common in Chinese text) is no reason to read the lines.
_LINE_START = r"(?:^|[\r\n])"
_KEYED = _LINE_START + r"[ \u3000\t]*(?:-[ \u3000]+)*[A-Za-z_][A-Za-z0-9_-]*"
_SUSPECT = re.compile(
    r"\t"
    + "|" + _LINE_START + r"[ \t]*\u3000"
    + "|" + _KEYED + r"(?:：|:\u3000|:[ \u3000]*[｛｝［］【】])"
    + r"|[{\[][^\n]*[0-9],[0-9]{3}"
)  # fmt: skip


# ``suspect`` answers what ``_SUSPECT.search`` answers (the reference; tests/test_yaml_causes.py compares them)
# without trying the pattern at every position: each alternative needs a character that plain text rarely has
# (a tab, a full-width space, colon or bracket, digits around a comma), so only the lines holding one are read.
_KEYED_AT = re.compile(
    r"[ \u3000\t]*(?:-[ \u3000]+)*[A-Za-z_][A-Za-z0-9_-]*(?:：|:\u3000|:[ \u3000]*[｛｝［］【】])"
)
_DIGIT_COMMA = re.compile(r"[0-9],[0-9]{3}")
_KEY_TRIGGERS = ("：", IDEOGRAPHIC_SPACE, *BRACKETS)


def _line_start(text: str, at: int) -> int:
    """Where the line holding ``at`` starts (after the last CR or LF before it)."""
    return max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1


def _occurrences(text: str, mark: str) -> Iterator[int]:
    at = text.find(mark)
    while at >= 0:
        yield at
        at = text.find(mark, at + 1)


def _keyed_line(text: str) -> bool:
    """A key line with a full-width colon, a full-width space after its colon or a full-width bracket
    opening its value: such a match lies within one line and holds one of ``_KEY_TRIGGERS``."""
    starts = {_line_start(text, at) for mark in _KEY_TRIGGERS for at in _occurrences(text, mark)}
    return any(_KEYED_AT.match(text, start) for start in sorted(starts))


def suspect(text: str) -> bool:
    """Whether ``text`` may hold anything ``_line_problems`` reports (exactly ``_SUSPECT.search(text)``)."""
    if "\t" in text:
        return True
    for at in _occurrences(text, IDEOGRAPHIC_SPACE):
        if not text[_line_start(text, at) : at].strip(" \t"):
            return True
    if any(mark in text for mark in _KEY_TRIGGERS) and _keyed_line(text):
        return True
    for found in _DIGIT_COMMA.finditer(text):
        before = text[text.rfind("\n", 0, found.start()) + 1 : found.start()]
        if "{" in before or "[" in before:
            return True
    return False


def scan(text: str) -> list[LineProblem]:
    """Every full-width colon, full-width space, full-width bracket, tab and thousands separator in a flow
    collection, at its line and column (at most ``MAX_PER_KIND`` of each kind)."""
    if not suspect(text):
        return []
    lines = _lines(text)
    skip = _block_scalar_lines(lines)
    found: list[LineProblem] = []
    counts: dict[str, int] = {}
    for index, line in enumerate(lines):
        if index in skip:
            continue
        for problem in _line_problems(index + 1, line):
            counts[problem[3]] = counts.get(problem[3], 0) + 1
            if counts[problem[3]] <= MAX_PER_KIND:
                found.append(problem)
    return found


def _repair_line(line: str) -> str:
    match = _KEY_LINE.match(line)
    line = line.replace("\t", " ")
    stripped = line.lstrip(" " + IDEOGRAPHIC_SPACE)
    line = " " * (len(line) - len(stripped)) + stripped
    if match is not None:
        end = match.end()
        if line[end : end + 1] == FULLWIDTH_COLON:
            line = line[:end] + ": " + line[end + 1 :].lstrip(" ")
        elif line[end : end + 2] == ":" + IDEOGRAPHIC_SPACE:
            line = line[:end] + ": " + line[end + 2 :]
        rest = line[end + 1 :].lstrip(" ")
        if rest[:1] in BRACKETS:
            start = len(line) - len(rest)
            line = line[:start] + "".join(BRACKETS.get(ch, ch) for ch in rest)
    return line


def repaired(text: str, refused: frozenset[str]) -> str:
    """``text`` with the pre-scan's mistakes undone and every ``refused`` character (invisible ones, odd line
    breaks) made a space, line for line: what the parser reads to find the problems that remain."""
    if refused:
        text = "".join(" " if ch in refused else ch for ch in text)
    lines = _lines(text)
    skip = _block_scalar_lines(lines)
    return "\n".join(line if index in skip else _repair_line(line) for index, line in enumerate(lines))


def indentation(text: str, upto: int) -> list[LineProblem]:
    """Key lines up to line ``upto`` whose indentation matches no open level: each with the columns where
    a key of that place may start (for the parser's error: said once, with the column expected)."""
    lines = _lines(text)[:upto]
    skip = _block_scalar_lines(lines)
    levels: list[int] = []  # columns (0-based) of the keys of the open mappings, outermost first
    opens = False  # the previous key line ends with "key:" (a nested block follows)
    found: list[LineProblem] = []
    for index, line in enumerate(lines):
        match = _KEY_LINE.match(line)
        if index in skip or match is None or line[match.end() : match.end() + 1] != ":":
            continue
        column = len(match.group("indent")) + len(match.group("dashes"))
        if opens and (not levels or column > levels[-1]):
            levels.append(column)
        elif column in levels:
            del levels[levels.index(column) + 1 :]
        elif levels and not match.group("dashes"):
            nearest = min(abs(c - column) for c in levels)
            expected = sorted({c for c in levels if abs(c - column) == nearest})
            found.append(_p(index + 1, column + 1, "indent", spaces=column, expected=tuple(expected)))
            return found
        elif not levels:
            levels.append(column)
        else:
            levels.append(column)
        opens = line[match.end() :].split("#", 1)[0].strip() == ":"
    return found
