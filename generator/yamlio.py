"""Strict YAML: bytes → data + the line and column of every node, or problems that say what to fix.

One pass over libyaml's parse events (PyYAML's C parser) builds the data itself, so nothing PyYAML's
constructors would do (YAML 1.1 typing, aliases, tags, merge keys, silent duplicate keys) can happen.
What is accepted is a small, safe subset that covers every file of the programme:

- UTF-8 only (a leading BOM is dropped, since Windows editors add one); no tabs; at most ``MAX_BYTES``;
  no invisible character anywhere in the text (values, keys and comments alike; see "Strict text").
- line breaks are LF, CRLF or a lone CR (old Mac files), mixed freely: line numbers count each as one
  line, exactly as libyaml and editors do. U+0085, U+2028 and U+2029, which YAML 1.1 counts as line
  breaks but editors do not, are refused, so a line number always means the line an editor shows.
- one document whose top level is a mapping; no anchors, aliases, tags, merge keys, complex keys;
  nesting at most ``MAX_DEPTH``, at most ``MAX_NODES`` nodes, keys at most ``MAX_KEY_CHARS``;
- YAML 1.2 core scalars, stricter: ``null``/``~``/empty → None; ``true``/``false`` → bool; decimal
  integers → int; decimal fractions → ``Decimal`` (never float); ``.nan``, ``.inf`` and exponents are
  refused; numbers with a leading zero (phone numbers) stay text; everything else (``no``, ``on``, dates,
  ``1_000``, ``1:30``) is text. Integer keys (``2024:``) become the text ``"2024"``.

``load_yaml`` never raises for any input: every failure is a ``YamlProblem``, a value (the rule, the message
variant, the facts its message names, where). The words are not here: ``generator.rules.format_yaml``
declares every message and puts a problem into words (``format_yaml.render``), above this module.

Strict text: which characters are refused, and why
--------------------------------------------------
Everything a reader cannot see but a program compares is refused (``YAML-002``), with the character's
code point and Unicode name, its line and column, and how to remove it. Open data is copied, compared and
searched: an invisible character makes two names that look the same differ (a twin society name, a
private name the privacy scan no longer matches), hides text (the tag block U+E0000–U+E007F can spell a
whole hidden sentence), or reorders what a reviewer sees (bidi controls). Refused:

- every format character (Unicode general category ``Cf``: the 163 of Python 3.11's Unicode 14, and
  U+13439–U+1343F added in Unicode 15) — soft hyphen U+00AD, zero-width space/joiners U+200B–U+200D, bidi controls, word joiner and
  invisible operators U+2060–U+2064, U+FEFF inside the text, U+061C, U+180E, interlinear annotation
  U+FFF9–U+FFFB, musical and shorthand format controls, the tag block. **None is allowed**: Chinese text
  needs no format character (no joiner, no hyphenation point, no direction mark); emoji ZWJ sequences
  have no place in a record of an official programme, and U+200D/U+200C are the classic look-alike
  characters. A leading BOM is not text: it is dropped before this check.
- the other default-ignorable code points (render as nothing by default): combining grapheme joiner
  U+034F, the Hangul fillers U+115F, U+1160, U+3164, U+FFA0 (letters, ``Lo``, but blank), Khmer inherent
  vowels U+17B4/U+17B5, Mongolian variation selectors U+180B–U+180F, variation selectors U+FE00–U+FE0F and
  U+E0100–U+E01EF (ideographic variation sequences: a glyph variant of a name is written with its standard
  character here), and the reserved ranges U+2065, U+FFF0–U+FFF8, U+E0000–U+E0FFF.
- blank look-alikes that are neither: U+2800 BRAILLE PATTERN BLANK (a favourite "empty" name) and U+FFFC
  OBJECT REPLACEMENT CHARACTER (what Word leaves where a picture or formula was pasted).
- C0 and C1 controls (tab reported on its own), U+2028/U+2029, surrogates and non-characters.

Kept: every visible character, every space a Chinese text uses (U+3000 ideographic space, U+00A0 from web
pages), private-use characters (old rare-character fonts map names there) and code points this Python does
not know yet (a newer CJK extension is still Chinese).
"""

from __future__ import annotations

import os
import re
import unicodedata
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from importlib import import_module
from sys import intern
from typing import TYPE_CHECKING, Any

from generator import yamlscan

if TYPE_CHECKING:
    import yaml
    from yaml import events as ev
    from yaml._yaml import CParser
else:

    class _Later:
        """A module imported when one of its names is first used: PyYAML is needed only by the pure-Python
        path, which the compiled clean path spares most documents (and a one-file check its import)."""

        def __init__(self, name: str) -> None:
            self._name = name

        def __getattr__(self, attribute: str) -> Any:
            return getattr(import_module(self._name), attribute)

    yaml = _Later("yaml")
    ev = _Later("yaml.events")

    def CParser(text: str) -> Any:  # PyYAML's parser, imported when first used
        return import_module("yaml._yaml").CParser(text)


MAX_BYTES = 1024 * 1024
MAX_DEPTH = 20
MAX_NODES = 100_000
MAX_KEY_CHARS = 200
MAX_SCALAR_CHARS = 100_000
MAX_PROBLEMS_PER_KIND = 20

Mark = tuple[int, int]
DataPath = tuple[str | int, ...]


# Dataclasses here, not msgspec Structs as on the rest of the check path: ``forgeapi`` imports this module
# (through ``textsafe``), and the publish job (``comment``, ``commit-status``) runs with only the standard
# library and PyYAML (tests/test_extras.py).
@dataclass(frozen=True, slots=True)
class YamlProblem:
    """A reason the file cannot be read (or, for ``warning`` ones, a doubt about it), as values: the rule
    and its message variant (declared in ``generator.rules.format_yaml``), the facts the message names
    (``values``: name → value pairs; a refused character, a type name, libyaml's own words …), where."""

    rule: str
    line: int
    column: int
    variant: str = ""
    values: tuple[tuple[str, object], ...] = ()
    severity: str = "error"
    path: DataPath = ()


@dataclass(slots=True)
class LoadedYaml:
    """``data`` is None when any error-severity problem was found.

    Every member of the data (a mapping's key, a sequence's item, and the root) has a position: the
    (line, column) of its key (mapping members) or of its start (sequence items), 1-based. ``positions``
    holds them compactly, one integer per member in document order (the order of a depth-first walk of
    ``data``), recorded in the one pass that reads the file; ``locate`` finds a path's entry by walking the
    data. ``marks``, the same positions keyed by data path, is filled only when asked for
    (``load_yaml(with_marks=True)``) or given (a test's hand-made value).
    """

    data: dict[str, Any] | None
    marks: dict[DataPath, Mark] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)
    positions: array[int] = field(default_factory=lambda: array("Q"))

    @property
    def ok(self) -> bool:
        return self.data is not None

    def locate(self, path: DataPath) -> Mark:
        """The position of ``path`` or, when it is absent (a missing field), of its nearest ancestor."""
        marks = self.marks
        if marks:
            for end in range(len(path), -1, -1):
                mark = marks.get(path[:end])
                if mark is not None:
                    return mark
            return (1, 1)
        positions = self.positions
        if not positions:
            return (1, 1)
        index = _member_index(self.data, path) if self.data is not None else 0
        packed = positions[index]
        return ((packed >> 32) + 1, (packed & 0xFFFFFFFF) + 1)

    def all_positions(self) -> dict[DataPath, Mark]:
        """Every member's position keyed by its data path (empty when the file was not read)."""
        found: dict[DataPath, Mark] = {}
        if self.data is None or not self.positions:
            return found
        members = iter(self.positions)
        stack: list[tuple[DataPath, Any]] = [((), self.data)]
        while stack:
            path, value = stack.pop()
            packed = next(members)
            found[path] = ((packed >> 32) + 1, (packed & 0xFFFFFFFF) + 1)
            if type(value) is dict:
                stack.extend(reversed([((*path, k), v) for k, v in value.items()]))
            elif type(value) is list:
                stack.extend(reversed([((*path, i), v) for i, v in enumerate(value)]))
        return found


def _members(value: Any) -> int:
    """How many members (at any depth) a value holds: the entries ``positions`` has for them."""
    if type(value) is dict:
        return len(value) + sum(_members(v) for v in value.values() if type(v) is dict or type(v) is list)
    if type(value) is list:
        return len(value) + sum(_members(v) for v in value if type(v) is dict or type(v) is list)
    return 0


def _member_index(root: Any, path: DataPath) -> int:
    """The index in ``positions`` of the longest prefix of ``path`` that names a member of ``root``."""
    index = 0
    node = root
    for part in path:
        if type(node) is dict:
            if part not in node:
                break
            index += 1
            for key, value in node.items():
                if key == part:
                    node = value
                    break
                if type(value) is dict or type(value) is list:
                    index += 1 + _members(value)
                else:
                    index += 1
        elif type(node) is list and isinstance(part, int) and 0 <= part < len(node):
            index += 1
            for value in node[:part]:
                index += 1 + _members(value) if type(value) is dict or type(value) is list else 1
            node = node[part]
        else:
            break
    return index


# Characters refused anywhere in the text (values, keys, comments): see "Strict text" above. Kept apart by
# plane: a class holding only BMP characters is a bitmap to ``re`` (one lookup per character), while one
# holding astral ranges is scanned range by range (measured: 13 times slower on a 3 MB Chinese file).
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 but TAB, LF, CR; DEL; C1 (U+0085 NEL among them)
# Every Cf character of Unicode 15.1 (a test checks the whole category of the running Python is covered).
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
)
_FORMAT_ASTRAL = (
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
# The other Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt), assigned or reserved.
_IGNORABLE = "\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2065\u3164\ufe00-\ufe0f\uffa0\ufff0-\ufff8"
_IGNORABLE_ASTRAL = "\U000e0000-\U000e0fff"
_BLANK = "\u2800\ufffc"  # braille blank, object replacement
_SEPARATORS = "\u2028\u2029"  # line and paragraph separators (line breaks to YAML 1.1, not to editors)
_SURROGATES = "\ud800-\udfff"
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff"
_NONCHARACTERS_ASTRAL = "".join(
    f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(1, 17)
)
_BMP_SET = f"{_CONTROLS}{_FORMAT}{_IGNORABLE}{_BLANK}{_SEPARATORS}{_SURROGATES}{_NONCHARACTERS}"
_ASTRAL_SET = f"{_FORMAT_ASTRAL}{_IGNORABLE_ASTRAL}{_NONCHARACTERS_ASTRAL}"
# Refused BMP characters, and every astral one as a candidate (CJK Extension B and later are astral too).
_CANDIDATES = re.compile(f"[{_BMP_SET}\U00010000-\U0010ffff]")
_ASTRAL_REFUSED = re.compile(f"[{_ASTRAL_SET}]")
REFUSED_CHARACTERS = re.compile(f"[{_BMP_SET}{_ASTRAL_SET}]")  # exact, slower: for short texts


def refused_characters(text: str) -> Iterator[tuple[int, str]]:
    """(index, character) of every refused character of ``text``, in order."""
    astral = _ASTRAL_REFUSED.match
    for match in _CANDIDATES.finditer(text):
        ch = match.group()
        if ch < "\U00010000" or astral(ch):
            yield match.start(), ch


def first_refused(text: str) -> str | None:
    return next((ch for _, ch in refused_characters(text)), None)


_TAB = "\t"

_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\.[0-9]+\Z|[-+]?\.[0-9]+\Z|[-+]?(?:0|[1-9][0-9]*)\.\Z")
_SPECIAL_FLOAT = re.compile(r"[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)\Z")
_EXPONENT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+\Z")


def _is_line_break_char(ch: str) -> bool:
    """What YAML 1.1 or Word counts as a line break an editor does not show (Word's manual line break is
    U+000B, its page break U+000C)."""
    return ch in "\x85\u2028\u2029\x0b\x0c"


def _problem(rule: str, mark: Mark, variant: str, /, path: DataPath = (), **values: object) -> YamlProblem:
    """A problem with the message ``variant`` that ``rule`` declares (``generator.rules.format_yaml``)."""
    return YamlProblem(rule, mark[0], mark[1], variant, tuple(values.items()), "error", path)


def _line_col(text: str, index: int) -> Mark:
    """1-based line and column (in characters) of ``text[index]``, which is not itself a line break; LF,
    CRLF and a lone CR each end a line, as they do for libyaml and for editors."""
    breaks = text.count("\n", 0, index) + text.count("\r", 0, index) - text.count("\r\n", 0, index)
    start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    return (breaks + 1, index - start + 1)


def decode(raw: bytes) -> tuple[str | None, list[YamlProblem]]:
    """Strict UTF-8 decoding, with a message that names the encoding the file seems to be in."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) >= 2 and (raw[0] == 0 or raw[1] == 0)):
        return None, [
            _problem(
                "YAML-001",
                (1, 1),
                "utf16",
            )
        ]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start].decode("utf-8", errors="replace")
        mark = _line_col(prefix, len(prefix))
        try:
            raw.decode("gbk")
            gbk = True
        except UnicodeDecodeError:
            gbk = False
        return None, [
            _problem(
                "YAML-001",
                mark,
                "not_utf8",
                gbk=gbk,
            )
        ]


def _char_problem(mark: Mark, ch: str) -> YamlProblem:
    if _is_line_break_char(ch):
        return _problem(
            "YAML-002",
            mark,
            "line_break",
            char=ch,
        )
    return _problem(
        "YAML-002",
        mark,
        "invisible",
        char=ch,
    )


def scan_characters(text: str) -> list[YamlProblem]:
    """One problem per line that holds a refused character (tabs included), at most a few dozen."""
    problems: list[YamlProblem] = []
    seen_lines: set[int] = set()
    for index, ch in refused_characters(text):
        mark = _line_col(text, index)
        if mark[0] in seen_lines:
            continue
        seen_lines.add(mark[0])
        problems.append(_char_problem(mark, ch))
        if len(problems) >= MAX_PROBLEMS_PER_KIND:
            break
    return problems  # tabs: every line that holds one is named by the line pre-scan (``generator.yamlscan``)


def _resolve_plain(value: str) -> tuple[Any, str | None]:
    """YAML 1.2 core resolution of a plain scalar, stricter (see the module docstring).

    Returns (value, refusal); refusal names the reason when the scalar is a number we refuse: ``special``
    (``.nan``, ``.inf``) or ``exponent`` (scientific notation).
    """
    if value in _NULL:
        return None, None
    first = value[0]
    if first in "tTfF":
        if value in _TRUE:
            return True, None
        if value in _FALSE:
            return False, None
        return value, None
    if first.isdigit() or first in "-+.":
        if _INT.match(value):
            return int(value), None
        if _DECIMAL.match(value):
            try:
                return Decimal(value), None
            except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
                return value, None
        if _SPECIAL_FLOAT.match(value):
            return None, "special"
        if _EXPONENT.match(value):
            return None, "exponent"
    return value, None


def _check_node_event(event: Any, problems: list[YamlProblem]) -> bool:
    """Refuse anchors and explicit tags on a node event; True when it is acceptable."""
    ok = True
    if event.anchor is not None:
        problems.append(
            _problem(
                "YAML-003",
                _mark_of(event.start_mark),
                "anchor",
                anchor=event.anchor,
            )
        )
        ok = False
    tag = event.tag
    if tag is not None:
        problems.append(
            _problem(
                "YAML-004",
                _mark_of(event.start_mark),
                "",
                tag=tag,
            )
        )
        ok = False
    return ok


def load_yaml(raw: bytes, *, max_bytes: int = MAX_BYTES, with_marks: bool = True) -> LoadedYaml:
    """Read one file strictly. Never raises for any ``raw``.

    Positions are always recorded, compactly (``LoadedYaml.positions``, found by ``locate``);
    ``with_marks=True`` also spells them out by data path in ``marks`` (for callers that list them all).
    """
    if len(raw) > max_bytes:
        return LoadedYaml(
            None,
            {},
            [
                _problem(
                    "YAML-005",
                    (1, 1),
                    "file_size",
                    count=len(raw),
                    max_bytes=max_bytes,
                )
            ],
        )
    text, problems = decode(raw)
    if text is None:
        return LoadedYaml(None, {}, problems)
    stopped = _prescanned(text, scan_characters(text))
    if stopped is not None:
        return stopped
    try:
        loaded = _load_text(text)
    except yaml.MarkedYAMLError as exc:
        return _syntax_failure(text, exc)
    except (yaml.YAMLError, RecursionError, MemoryError, ValueError, TypeError) as exc:
        loaded = LoadedYaml(
            None,
            {},
            [
                _problem(
                    "YAML-006",
                    (1, 1),
                    "unreadable",
                    error=type(exc).__name__,
                )
            ],
        )
    if loaded.data is not None and not unicodedata.is_normalized("NFC", text):
        nfd = _nfd_problem(loaded)
        if nfd is not None:
            loaded.problems.append(nfd)
    if with_marks:
        loaded.marks = loaded.all_positions()
    return loaded


def _prescanned(text: str, problems: list[YamlProblem]) -> LoadedYaml | None:
    """Every independent problem at once, or None when the text has none of those the scans find (the
    parser then reads it as usual; ``_syntax_failure`` explains its error).

    ``problems`` are the refused characters; the line pre-scan (``generator.yamlscan``) adds full-width
    punctuation and spaces, tabs and thousands separators. When any is found, the parser reads a repaired
    copy (same lines) and its first error is added unless it is on a line already named (or the next one,
    where libyaml reports what a line leaves open).
    """
    problems = [*problems, *(YamlProblem(*p) for p in yamlscan.scan(text))]
    if not problems:
        return None
    refused = frozenset(
        ch for p in problems for name, ch in p.values if name == "char" and isinstance(ch, str)
    )
    try:
        _load_text(yamlscan.repaired(text, refused))
    except yaml.MarkedYAMLError as exc:
        syntax = _syntax_problem(exc)
        if syntax.line not in {p.line for p in problems} | {p.line + 1 for p in problems}:
            problems.append(syntax)
    except (yaml.YAMLError, RecursionError, MemoryError, ValueError, TypeError):
        pass  # the problems found are reason enough; the full read reports anything else
    return LoadedYaml(None, {}, _by_place(problems))


def _syntax_failure(text: str, exc: yaml.MarkedYAMLError) -> LoadedYaml:
    """The parser's error, after a key line before it indented to no open level (the line pre-scan names
    it with the column expected; the parser's error is then its consequence, one line later at most)."""
    syntax = _syntax_problem(exc)
    problems = [YamlProblem(*p) for p in yamlscan.indentation(text, syntax.line)]
    if syntax.line not in {p.line for p in problems} | {p.line + 1 for p in problems}:
        problems.append(syntax)
    return LoadedYaml(None, {}, problems)


def _by_place(problems: list[YamlProblem]) -> list[YamlProblem]:
    return sorted(problems, key=lambda p: (p.line, p.column))


def _syntax_problem(exc: yaml.MarkedYAMLError) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    where = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    detail = " ".join(part for part in (exc.context, exc.problem) if part)
    return _problem(
        "YAML-006",
        where,
        "syntax",
        detail=detail,
    )


def _load_text(text: str) -> LoadedYaml:
    """The data, positions and problems of a decoded text. The one seam of the compiled clean path: when
    ``generator.yamlcore`` is built (and not turned off), it builds a document it accepts as it is, the
    same values ``_Builder`` builds; any other document (any problem at all) it declines, and ``_Builder``
    reads it. ``tests/test_yamlcore.py`` checks both give the same results."""
    if _NATIVE_LOAD is not None:
        built = _NATIVE_LOAD(text, _NATIVE_LIMITS)
        if built is not None:
            positions = array("Q")
            positions.frombytes(built[1])
            return LoadedYaml(built[0], {}, [], positions)
    parser = CParser(text)
    try:
        return _Builder(parser.get_event).run()
    finally:
        parser.dispose()


def _mark_of(mark: Any) -> Mark:
    return (mark.line + 1, mark.column + 1)


def _pack(mark: Any) -> int:
    """A position as one integer for ``LoadedYaml.positions``: 0-based line and column of libyaml's mark."""
    line: int = mark.line
    column: int = mark.column
    return (line << 32) | column


# Text values this short are shared between files (``sys.intern``): a tree repeats them (results, years,
# dates, names of offices and rules), and each copy costs about 50 bytes beside its characters (measured on
# a 2,007-file tree: 149,000 texts, 53,000 distinct; sharing those of at most 32 characters saves 7 MB).
SHARED_TEXT_CHARS = 32

# Plain scalars whose first character is none of these are text without further resolution.
_RESOLVE_START = frozenset("0123456789-+.~tTfFnN")


NativeLoad = Callable[[str, tuple[int, int, int, int, int]], "tuple[dict[str, Any], bytes] | None"]


def native_loader() -> NativeLoad | None:
    """The compiled clean path (``generator.yamlcore``, over libyaml's C interface) when it was built at
    install and ``XUEHUI_PURE_YAML`` does not ask for the pure-Python loader; else None."""
    if os.environ.get("XUEHUI_PURE_YAML", "") not in ("", "0"):
        return None
    try:
        from generator import yamlcore
    except ImportError:  # not built (no compiler or no libyaml headers at install): the pure path
        return None
    return yamlcore.load


_NATIVE_LOAD = native_loader()
_NATIVE_LIMITS = (MAX_DEPTH, MAX_NODES, MAX_KEY_CHARS, MAX_SCALAR_CHARS, SHARED_TEXT_CHARS)


class _Frame:
    """An open mapping or sequence: where its members go, where its first member's entry in ``positions``
    is, and for a mapping the key waiting for its value."""

    __slots__ = ("container", "is_mapping", "key", "path", "start")

    def __init__(self, container: Any, path: DataPath, is_mapping: bool, start: int) -> None:
        self.container = container  # dict[str, Any] | list[Any]
        self.path = path
        self.is_mapping = is_mapping
        self.key: str | None = None
        self.start = start


class _Builder:
    """One pass over libyaml's events: the data, one position per member (``LoadedYaml.positions``) and
    every problem.

    ``run`` is the loop: it reads each event and does inline only what every clean scalar needs (a plain
    text key or value, a quoted text); everything else is a named step: a key that needs resolving or
    refusing (``key_text``), a duplicate key (``duplicate``), a value that needs resolving or checking
    (``value_of``), a collection (``on_collection``), an alias, the document's end (``on_document_end``) and
    the checks of the whole (``finish``). A step that finds reading must stop returns True.
    """

    __slots__ = ("_get_event", "fatal", "nodes", "positions", "problems", "root", "stack")

    def __init__(self, get_event: Callable[[], Any]) -> None:
        self._get_event = get_event
        self.problems: list[YamlProblem] = []
        self.positions = array("Q")
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.nodes = 0
        self.fatal = False

    def run(self) -> LoadedYaml:
        get_event = self._get_event
        get_event()  # StreamStart
        if type(get_event()) is ev.StreamEndEvent:
            return self._empty()
        # After DocumentStart.
        scalar, mapping_start, sequence_start = ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent
        mapping_end, sequence_end, document_end = ev.MappingEndEvent, ev.SequenceEndEvent, ev.DocumentEndEvent
        stack = self.stack
        append_position = self.positions.append
        resolve_start = _RESOLVE_START
        while True:
            event = get_event()
            cls = type(event)
            if cls is scalar:
                self.nodes += 1
                if self.nodes > MAX_NODES:
                    self.problems.append(_too_many_nodes())
                    return self._stopped()
                if event.anchor is not None or event.tag is not None:
                    self.refuse_properties(event)
                text: str = event.value
                if len(text) > MAX_SCALAR_CHARS:
                    text = self.too_long(event, text)
                if not stack:
                    self.root = text  # a scalar document: refused in ``finish``
                    append_position(_pack(event.start_mark))
                    continue
                frame = stack[-1]
                plain = event.implicit[0]
                if frame.is_mapping and frame.key is None:
                    if plain and text and text[0] not in resolve_start and text != "<<":
                        key = intern(text) if len(text) <= MAX_KEY_CHARS else self.key_text(event, text)
                    else:
                        key = intern(self.key_text(event, text))
                    if key in frame.container:
                        key = self.duplicate(event, frame, key)
                    frame.key = key
                    mark = event.start_mark
                    append_position((mark.line << 32) | mark.column)
                    continue
                if plain:
                    value: Any = self.value_of(event, text) if not text or text[0] in resolve_start else text
                elif event.style == '"':
                    value = self.value_of(event, text)
                else:
                    value = text
                if type(value) is str and len(value) <= SHARED_TEXT_CHARS:
                    value = intern(value)
                if frame.is_mapping:
                    frame.container[frame.key] = value
                    frame.key = None
                else:
                    mark = event.start_mark
                    append_position((mark.line << 32) | mark.column)
                    frame.container.append(value)
            elif cls is mapping_start or cls is sequence_start:
                if self.on_collection(event, cls is mapping_start):
                    return self._stopped()
            elif cls is mapping_end or cls is sequence_end:
                stack.pop()
            elif cls is ev.AliasEvent:
                self.on_alias(event)
                return self._stopped()
            elif cls is document_end:
                if self.on_document_end():
                    return self._stopped()
                return self.finish()

    def _stopped(self) -> LoadedYaml:
        return LoadedYaml(None, {}, self.problems, self.positions)

    def _empty(self) -> LoadedYaml:
        return LoadedYaml(
            None,
            {},
            [
                _problem(
                    "YAML-007",
                    (1, 1),
                    "empty",
                )
            ],
        )

    def refuse_properties(self, event: Any) -> None:
        """A node with an anchor or a tag."""
        _check_node_event(event, self.problems)
        self.fatal = True

    def too_long(self, event: Any, text: str) -> str:
        self.problems.append(
            _problem(
                "YAML-005",
                _mark_of(event.start_mark),
                "text_length",
                count=len(text),
                limit=MAX_SCALAR_CHARS,
            )
        )
        self.fatal = True
        return ""

    def key_text(self, event: Any, text: str) -> str:
        """The key a scalar names, or a placeholder that cannot clash when it is refused."""
        key = text
        plain = event.implicit[0]
        if plain and (not text or text[0] in _RESOLVE_START):
            resolved, refusal = _resolve_plain(text)
            if type(resolved) is int:
                key = text.lstrip("+")
            elif not isinstance(resolved, str) or refusal:
                self.problems.append(
                    _problem(
                        "YAML-008",
                        _mark_of(event.start_mark),
                        "not_text",
                        text=text,
                        resolved=json_type(resolved),
                    )
                )
                self.fatal = True
                key = f"\x00invalid-key-{self.nodes}"
        elif not plain and event.style == '"' and first_refused(key) is not None:
            self.problems.append(_escape_problem(_mark_of(event.start_mark), key))
            self.fatal = True
        if len(key) > MAX_KEY_CHARS:
            self.problems.append(
                _problem(
                    "YAML-008",
                    _mark_of(event.start_mark),
                    "too_long",
                    count=len(key),
                )
            )
            self.fatal = True
            key = f"\x00invalid-key-{self.nodes}"
        elif key == "<<" and plain:
            self.problems.append(
                _problem(
                    "YAML-003",
                    _mark_of(event.start_mark),
                    "merge",
                )
            )
            self.fatal = True
        return key

    def duplicate(self, event: Any, frame: _Frame, key: str) -> str:
        """A key its mapping already has: the problem names the first one's line (found from the recorded
        positions of the mapping's members), and the key is renamed so that both stay apart."""
        index = frame.start
        for other, value in frame.container.items():
            if other == key:
                break
            index += 1 + _members(value)
        first_line = (self.positions[index] >> 32) + 1
        self.problems.append(
            _problem(
                "YAML-009",
                _mark_of(event.start_mark),
                "",
                path=(*frame.path, key),
                key=key,
                first_line=first_line,
            )
        )
        self.fatal = True
        return f"\x00duplicate-{self.nodes}"

    def value_of(self, event: Any, text: str) -> Any:
        """A plain scalar that may be a number, a boolean or null; a double-quoted one whose escapes may
        spell a refused character."""
        if event.implicit[0]:
            value, refusal = _resolve_plain(text)
            if refusal:
                self.problems.append(
                    _problem(
                        "YAML-010",
                        _mark_of(event.start_mark),
                        "",
                        text=text,
                        refusal=refusal,
                    )
                )
                self.fatal = True
            return value
        if first_refused(text) is not None:
            self.problems.append(_escape_problem(_mark_of(event.start_mark), text))
            self.fatal = True
        return text

    def on_collection(self, event: Any, is_mapping: bool) -> bool:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.problems.append(_too_many_nodes())
            return True
        if event.anchor is not None or event.tag is not None:
            self.refuse_properties(event)
        new: Any = {} if is_mapping else []
        stack = self.stack
        if not stack:
            self.root = new
            path: DataPath = ()
            self.positions.append(_pack(event.start_mark))
        else:
            frame = stack[-1]
            container = frame.container
            if frame.is_mapping:
                if frame.key is None:
                    self.problems.append(
                        _problem(
                            "YAML-008",
                            _mark_of(event.start_mark),
                            "collection",
                        )
                    )
                    return True
                path = (*frame.path, frame.key)
                container[frame.key] = new
                frame.key = None
            else:
                path = (*frame.path, len(container))
                container.append(new)
                self.positions.append(_pack(event.start_mark))
        stack.append(_Frame(new, path, is_mapping, len(self.positions)))
        if len(stack) > MAX_DEPTH:
            self.problems.append(
                _problem(
                    "YAML-005",
                    _mark_of(event.start_mark),
                    "depth",
                    limit=MAX_DEPTH,
                )
            )
            return True
        return False

    def on_alias(self, event: Any) -> None:
        self.problems.append(
            _problem(
                "YAML-003",
                _mark_of(event.start_mark),
                "alias",
                anchor=event.anchor,
            )
        )

    def on_document_end(self) -> bool:
        """True (stop) when a second document follows."""
        after = self._get_event()
        if type(after) is ev.StreamEndEvent:
            return False
        self.problems.append(
            _problem(
                "YAML-011",
                _mark_of(after.start_mark),
                "",
            )
        )
        return True

    def finish(self) -> LoadedYaml:
        root = self.root
        if not isinstance(root, dict):
            self.problems.append(
                _problem(
                    "YAML-007",
                    (1, 1),
                    "not_mapping",
                    root=json_type(root),
                    error=type(root).__name__,
                )
            )
            self.fatal = True
        if self.fatal:
            return LoadedYaml(None, {}, self.problems, self.positions)
        return LoadedYaml(root, {}, self.problems, self.positions)


def _too_many_nodes() -> YamlProblem:
    return _problem(
        "YAML-005",
        (1, 1),
        "nodes",
        limit=MAX_NODES,
    )


def json_type(value: Any) -> str:
    """The JSON Schema type name of a loaded value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, Decimal | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _escape_problem(mark: Mark, value: str) -> YamlProblem:
    return _problem(
        "YAML-002",
        mark,
        "escape",
        char=first_refused(value),
    )


def _nfd_problem(loaded: LoadedYaml) -> YamlProblem | None:
    """A warning for text not in NFC (composed) form: it looks the same but compares differently."""
    stack: list[tuple[DataPath, Any]] = [((), loaded.data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if not value.isascii() and not unicodedata.is_normalized("NFC", value):
                mark = loaded.locate(path)
                return replace(_problem("YAML-012", mark, "", path=path), severity="warning")
        elif isinstance(value, dict):
            stack.extend(((*path, k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in enumerate(value))
    return None
