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

``load_yaml`` never raises for any input: every failure is a ``YamlProblem``.

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

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml
from yaml import events as ev

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 20
MAX_NODES = 100_000
MAX_KEY_CHARS = 200
MAX_SCALAR_CHARS = 100_000
MAX_PROBLEMS_PER_KIND = 20

Mark = tuple[int, int]
DataPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class YamlProblem:
    """A reason the file cannot be read (or, for ``warning`` ones, a doubt about it)."""

    rule: str
    line: int
    column: int
    message_zh: str
    message_en: str
    hint: str
    severity: str = "error"
    path: DataPath = ()


@dataclass(slots=True)
class LoadedYaml:
    """``data`` is None when any error-severity problem was found; ``marks`` maps each data path to the
    (line, column) of its key (mapping members) or of its start (sequence items), 1-based."""

    data: dict[str, Any] | None
    marks: dict[DataPath, Mark] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)
    all_marks: bool = True  # False when loaded with ``with_marks=False`` (only containers' positions)

    @property
    def ok(self) -> bool:
        return self.data is not None

    def locate(self, path: DataPath) -> Mark:
        """The position of ``path`` or, when it is absent (a missing field), of its nearest ancestor."""
        marks = self.marks
        for end in range(len(path), -1, -1):
            mark = marks.get(path[:end])
            if mark is not None:
                return mark
        return (1, 1)


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

# Chinese names of what is refused, by code point range (first match wins); the Unicode name is added.
_CHAR_KINDS: tuple[tuple[int, int, str], ...] = (
    (0x0085, 0x0085, "下一行控制符：YAML 会把它当作换行，编辑器却不会"),
    (0x2028, 0x2028, "行分隔符：YAML 会把它当作换行，编辑器却不会"),
    (0x2029, 0x2029, "段落分隔符：YAML 会把它当作换行，编辑器却不会"),
    (0x0000, 0x009F, "控制字符"),
    (0x00AD, 0x00AD, "软连字符"),
    (0x200B, 0x200B, "零宽空格"),
    (0x200C, 0x200C, "零宽不连字"),
    (0x200D, 0x200D, "零宽连字"),
    (0x2060, 0x2060, "零宽词连接符"),
    (0xFEFF, 0xFEFF, "零宽不换行空格，即文件开头以外的 BOM"),
    (0x061C, 0x061C, "双向文字控制符"),
    (0x200E, 0x200F, "双向文字控制符"),
    (0x202A, 0x202E, "双向文字控制符"),
    (0x2066, 0x2069, "双向文字控制符"),
    (0x2061, 0x2064, "不可见数学运算符"),
    (0x115F, 0x1160, "韩文填充符，显示为空白"),
    (0x3164, 0x3164, "韩文填充符，显示为空白"),
    (0xFFA0, 0xFFA0, "韩文填充符，显示为空白"),
    (0xFE00, 0xFE0F, "变体选择符"),
    (0xE0100, 0xE01EF, "变体选择符"),
    (0x180B, 0x180F, "蒙古文变体选择符"),
    (0xE0000, 0xE007F, "标签字符，可在文字中藏入看不见的内容"),
    (0x2800, 0x2800, "盲文空白，显示为空白"),
    (0xFFFC, 0xFFFC, "对象替换符，Word 中图片或公式的占位符"),
    (0xD800, 0xDFFF, "代理字符"),
    (0x2065, 0x2065, "保留的不可见码位"),
    (0xFFF0, 0xFFF8, "保留的不可见码位"),
    (0xE0000, 0xE0FFF, "保留的不可见码位"),
)


# Unicode gives controls no name, only aliases (NameAliases.txt): those a pasted text brings.
_CONTROL_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x85: "NEXT LINE (NEL)",
}


def _char_name(ch: str) -> str:
    """``U+00AD SOFT HYPHEN（软连字符）``: the code point, its Unicode name and what it is, in Chinese."""
    code = ord(ch)
    zh = next((text for low, high, text in _CHAR_KINDS if low <= code <= high), None)
    if zh is None:
        if (code & 0xFFFE) == 0xFFFE or 0xFDD0 <= code <= 0xFDEF:
            zh = "非字符，不用于文字"
        elif unicodedata.category(ch) == "Cf":
            zh = "格式控制符"
        else:
            zh = "不可见字符"
    name = _CONTROL_NAMES.get(code) or unicodedata.name(ch, "")
    if not name:
        if 0xD800 <= code <= 0xDFFF:
            name = "<surrogate>"
        elif zh == "非字符，不用于文字":
            name = "<noncharacter>"
        else:
            name = {"Cc": "<control>", "Cn": "<unassigned>"}.get(unicodedata.category(ch), "<unnamed>")
    return f"U+{code:04X} {name}（{zh}）"


def _is_line_break_char(ch: str) -> bool:
    return ch in "\x85\u2028\u2029"


def _problem(rule: str, mark: Mark, zh: str, en: str, hint: str, path: DataPath = ()) -> YamlProblem:
    return YamlProblem(rule, mark[0], mark[1], zh, en, hint, "error", path)


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
                "文件是 UTF-16 编码，无法读取。",
                "The file is encoded as UTF-16.",
                "请以 UTF-8 编码保存（记事本：另存为 → 编码选“UTF-8”）。",
            )
        ]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start].decode("utf-8", errors="replace")
        mark = _line_col(prefix, len(prefix))
        try:
            raw.decode("gbk")
            looks = "看起来是 GBK/GB2312 编码（中文 Windows 的默认编码）"
            looks_en = "it looks like GBK/GB2312 (the default of Chinese Windows)"
        except UnicodeDecodeError:
            looks = "含有不是 UTF-8 的字节"
            looks_en = "it contains bytes that are not UTF-8"
        return None, [
            _problem(
                "YAML-001",
                mark,
                f"文件不是 UTF-8 编码：{looks}。",
                f"The file is not UTF-8: {looks_en}.",
                "请以 UTF-8 编码保存（记事本：另存为 → 编码选“UTF-8”；WPS/Word 请先复制到纯文本编辑器）。",
            )
        ]


_INVISIBLE_HINT = (
    "请删除这个看不见的字符：把光标移到该行该列，删除光标处的字符（按一次方向键光标却不动的地方就是它），"
    "或删掉这段文字重新输入。常见来源是从网页、微信或 Word 复制粘贴。"
)
_BREAK_HINT = "请在这里换成普通的回车换行，或删除它。常见来源是从网页或 Word 复制粘贴。"


def _char_problem(mark: Mark, ch: str) -> YamlProblem:
    name = _char_name(ch)
    english = name.split("（", 1)[0]
    if _is_line_break_char(ch):
        return _problem(
            "YAML-002",
            mark,
            f"含有特殊换行符 {name}，行号会与编辑器显示的不一致。",
            f"Unusual line break {english}: YAML counts it as a new line, editors do not.",
            _BREAK_HINT,
        )
    return _problem(
        "YAML-002",
        mark,
        f"含有不可见字符 {name}：它显示不出来，却会让看起来相同的文字在比较、检索和公开数据中变得不同。",
        f"Invisible character {english}.",
        _INVISIBLE_HINT,
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
    tab_at = text.find(_TAB)
    if tab_at >= 0:
        problems.append(
            _problem(
                "YAML-002",
                _line_col(text, tab_at),
                "含有制表符（Tab）。YAML 不允许用 Tab 缩进，文字中的 Tab 也容易造成误读。",
                "The file contains a tab character.",
                "请把 Tab 换成空格（缩进用两个空格）。",
            )
        )
    return problems


def _resolve_plain(value: str) -> tuple[Any, str | None]:
    """YAML 1.2 core resolution of a plain scalar, stricter (see the module docstring).

    Returns (value, refusal); refusal is a Chinese reason when the scalar is a number we refuse.
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
            return None, "不允许 .nan / .inf 这类特殊数值"
        if _EXPONENT.match(value):
            return None, "不允许科学计数法（如 1e3）"
    return value, None


_NUMBER_HINT = "金额请写成普通小数（如 200000.00）；若本意是文字，请加引号。"


def _check_node_event(event: Any, problems: list[YamlProblem]) -> bool:
    """Refuse anchors and explicit tags on a node event; True when it is acceptable."""
    ok = True
    if event.anchor is not None:
        problems.append(
            _problem(
                "YAML-003",
                _mark_of(event.start_mark),
                f"不允许使用锚点（&{event.anchor}）和别名（*）。",
                f"Anchors (&{event.anchor}) and aliases are not allowed.",
                "请把要重复的内容直接写出来。",
            )
        )
        ok = False
    tag = event.tag
    if tag is not None:
        problems.append(
            _problem(
                "YAML-004",
                _mark_of(event.start_mark),
                f"不允许使用类型标签（{tag}）。",
                f"Tags such as {tag} are not allowed.",
                "请删除以 ! 开头的标签，直接写值；文字请加引号。",
            )
        )
        ok = False
    return ok


def load_yaml(raw: bytes, *, max_bytes: int = MAX_BYTES, with_marks: bool = True) -> LoadedYaml:
    """Read one file strictly. Never raises for any ``raw``.

    ``with_marks=False`` skips recording the position of every scalar (containers keep theirs), which
    is most of the cost of a clean file; read the file again with marks when a finding needs a line.
    """
    if len(raw) > max_bytes:
        return LoadedYaml(
            None,
            {},
            [
                _problem(
                    "YAML-005",
                    (1, 1),
                    f"文件过大（{len(raw):,} 字节，上限 {max_bytes:,} 字节）。",
                    f"The file is too large ({len(raw):,} bytes; the limit is {max_bytes:,}).",
                    "申报材料请精简文字；附件（PDF 等）请放在 attachments 文件夹，不要写进 YAML。",
                )
            ],
        )
    text, problems = decode(raw)
    if text is None:
        return LoadedYaml(None, {}, problems)
    problems = scan_characters(text)
    if problems:
        return LoadedYaml(None, {}, problems)
    try:
        loaded = _load_text(text, with_marks)
    except yaml.MarkedYAMLError as exc:
        return LoadedYaml(None, {}, [_syntax_problem(exc)])
    except (yaml.YAMLError, RecursionError, MemoryError, ValueError, TypeError) as exc:
        loaded = LoadedYaml(
            None,
            {},
            [
                _problem(
                    "YAML-006",
                    (1, 1),
                    f"YAML 无法解析：{type(exc).__name__}。",
                    f"The YAML cannot be parsed: {type(exc).__name__}.",
                    "请对照示例检查缩进和冒号；可用编辑器的 YAML 插件定位问题。",
                )
            ],
        )
    loaded.all_marks = with_marks
    if loaded.data is not None and not unicodedata.is_normalized("NFC", text):
        if not with_marks:
            loaded = _load_text(text, True)
        nfd = _nfd_problem(loaded.data, loaded.marks)
        if nfd is not None:
            loaded.problems.append(nfd)
    return loaded


_SYNTAX_HINTS = (
    ("found character '\\t'", "请把 Tab 换成空格（缩进用两个空格）。"),
    ("mapping values are not allowed", "冒号后要有空格；文字里含英文冒号时请给整段文字加引号。"),
    ("could not find expected ':'", "这一行缺少“键: 值”中的冒号，或上一行的引号没有闭合。"),
    ("did not find expected key", "缩进没有对齐：同一层的字段要用相同数量的空格开头。"),
    ("found unexpected end of stream", "引号或括号没有闭合。"),
    ("found undefined tag handle", "请删除以 ! 开头的标签。"),
    ("while scanning a quoted scalar", "引号没有闭合：请检查这一段文字的首尾引号。"),
    ("found unknown escape character", "双引号中的反斜杠 \\ 有特殊含义：请改用单引号，或写成 \\\\。"),
    ("expected <document start>", "文件中只能有一份内容：请删除多余的 --- 或 ... 分隔线。"),
)


def _syntax_problem(exc: yaml.MarkedYAMLError) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    where = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    detail = " ".join(part for part in (exc.context, exc.problem) if part)
    hint = "请对照示例检查这一行及上一行的缩进、冒号和引号。"
    for needle, text in _SYNTAX_HINTS:
        if needle in detail:
            hint = text
            break
    return _problem(
        "YAML-006",
        where,
        "YAML 格式错误，无法解析。",
        f"YAML syntax error: {detail}.",
        hint,
    )


def _load_text(text: str, with_marks: bool) -> LoadedYaml:
    loader = yaml.CSafeLoader(text)
    try:
        return _build(loader, with_marks)
    finally:
        loader.dispose()


def _mark_of(mark: Any) -> Mark:
    return (mark.line + 1, mark.column + 1)


# Plain scalars whose first character is none of these are text without further resolution.
_RESOLVE_START = frozenset("0123456789-+.~tTfFnN")


def _build(loader: Any, with_marks: bool) -> LoadedYaml:
    get_event = loader.get_event
    problems: list[YamlProblem] = []
    marks: dict[DataPath, Mark] = {}
    get_event()  # StreamStart
    event = get_event()
    if isinstance(event, ev.StreamEndEvent):
        return LoadedYaml(
            None,
            {},
            [
                _problem(
                    "YAML-007",
                    (1, 1),
                    "文件是空的。",
                    "The file is empty.",
                    "请按示例填写内容，或用 xuehui new 生成模板。",
                )
            ],
        )
    # After DocumentStart. A frame is [container, path, pending key or None, is_mapping, keys seen -> mark].
    scalar_cls = ev.ScalarEvent
    mapping_start = ev.MappingStartEvent
    sequence_start = ev.SequenceStartEvent
    mapping_end = ev.MappingEndEvent
    sequence_end = ev.SequenceEndEvent
    resolve_start = _RESOLVE_START
    root: Any = None
    stack: list[list[Any]] = []
    nodes = 0
    fatal = False

    while True:
        event = get_event()
        cls = type(event)
        if cls is scalar_cls:
            nodes += 1
            if nodes > MAX_NODES:
                return LoadedYaml(None, marks, [*problems, _too_many_nodes()])
            if event.anchor is not None or event.tag is not None:
                _check_node_event(event, problems)
                fatal = True
            value_text: str = event.value
            if len(value_text) > MAX_SCALAR_CHARS:
                problems.append(
                    _problem(
                        "YAML-005",
                        _mark_of(event.start_mark),
                        f"一段文字过长（{len(value_text):,} 个字符，上限 {MAX_SCALAR_CHARS:,}）。",
                        f"A text value is too long ({len(value_text):,} characters).",
                        "请精简文字；详细材料请作为附件提交。",
                    )
                )
                fatal = True
                value_text = ""
            plain = event.implicit[0]
            if not stack:
                root = value_text  # a scalar document: refused below
                marks[()] = _mark_of(event.start_mark)
                continue
            frame = stack[-1]
            if frame[3] and frame[2] is None:
                # ---- a mapping key
                key: str = value_text
                if plain and (not value_text or value_text[0] in resolve_start):
                    resolved, refusal = _resolve_plain(value_text)
                    if type(resolved) is int:
                        key = value_text.lstrip("+")
                    elif not isinstance(resolved, str) or refusal:
                        problems.append(
                            _problem(
                                "YAML-008",
                                _mark_of(event.start_mark),
                                f"字段名“{value_text}”不是文字（会被读成 {_kind_zh(resolved)}）。",
                                f"The key {value_text!r} is not text.",
                                "字段名请使用示例中的名称；确需这样写时请加引号。",
                            )
                        )
                        fatal = True
                        key = f"\x00invalid-key-{nodes}"
                elif not plain and event.style == '"' and first_refused(key) is not None:
                    problems.append(_escape_problem(_mark_of(event.start_mark), key))
                    fatal = True
                if len(key) > MAX_KEY_CHARS:
                    problems.append(
                        _problem(
                            "YAML-008",
                            _mark_of(event.start_mark),
                            f"字段名过长（{len(key):,} 个字符）。",
                            f"A key is too long ({len(key):,} characters).",
                            "字段名请使用示例中的名称。",
                        )
                    )
                    fatal = True
                    key = f"\x00invalid-key-{nodes}"
                elif key == "<<" and plain:
                    problems.append(
                        _problem(
                            "YAML-003",
                            _mark_of(event.start_mark),
                            "不允许使用合并键（<<）。",
                            "Merge keys (<<) are not allowed.",
                            "请把要合并的字段直接写出来。",
                        )
                    )
                    fatal = True
                seen: dict[str, Any] = frame[4]
                if key in seen:
                    first_line = seen[key].line + 1
                    problems.append(
                        _problem(
                            "YAML-009",
                            _mark_of(event.start_mark),
                            f"字段“{key}”重复出现（第 {first_line} 行已有），后一个会覆盖前一个。",
                            f"Duplicate key {key!r} (already on line {first_line}).",
                            "请删除或合并重复的字段。",
                            (*frame[1], key),
                        )
                    )
                    fatal = True
                    key = f"\x00duplicate-{nodes}"
                seen[key] = event.start_mark
                frame[2] = key
                if with_marks:
                    marks[(*frame[1], key)] = _mark_of(event.start_mark)
                continue
            # ---- a value
            if plain and (not value_text or value_text[0] in resolve_start):
                value, refusal = _resolve_plain(value_text)
                if refusal:
                    problems.append(
                        _problem(
                            "YAML-010",
                            _mark_of(event.start_mark),
                            f"数值“{value_text}”无法接受：{refusal}。",
                            f"The number {value_text!r} is not accepted.",
                            _NUMBER_HINT,
                        )
                    )
                    fatal = True
            else:
                value = value_text
                if not plain and event.style == '"' and first_refused(value_text) is not None:
                    problems.append(_escape_problem(_mark_of(event.start_mark), value_text))
                    fatal = True
            container = frame[0]
            if frame[3]:
                container[frame[2]] = value
                frame[2] = None
            else:
                if with_marks:
                    marks[(*frame[1], len(container))] = _mark_of(event.start_mark)
                container.append(value)
            continue
        if cls is mapping_start or cls is sequence_start:
            nodes += 1
            if nodes > MAX_NODES:
                return LoadedYaml(None, marks, [*problems, _too_many_nodes()])
            if event.anchor is not None or event.tag is not None:
                _check_node_event(event, problems)
                fatal = True
            is_mapping = cls is mapping_start
            new: Any = {} if is_mapping else []
            mark = _mark_of(event.start_mark)
            if not stack:
                root = new
                path: DataPath = ()
            else:
                frame = stack[-1]
                container = frame[0]
                if frame[3]:
                    if frame[2] is None:
                        problems.append(
                            _problem(
                                "YAML-008",
                                mark,
                                "字段名不能是列表或映射（复杂键）。",
                                "A key cannot be a collection.",
                                "请检查这一行的问号（?）和括号。",
                            )
                        )
                        return LoadedYaml(None, marks, problems)
                    path = (*frame[1], frame[2])
                    container[frame[2]] = new
                    frame[2] = None
                else:
                    path = (*frame[1], len(container))
                    container.append(new)
                    marks[path] = mark
            if not path:
                marks[()] = mark
            stack.append([new, path, None, is_mapping, {}])
            if len(stack) > MAX_DEPTH:
                problems.append(
                    _problem(
                        "YAML-005",
                        mark,
                        f"嵌套层次过深（超过 {MAX_DEPTH} 层）。",
                        f"Nesting deeper than {MAX_DEPTH} levels.",
                        "请对照示例检查缩进和括号。",
                    )
                )
                return LoadedYaml(None, marks, problems)
            continue
        if cls is mapping_end or cls is sequence_end:
            stack.pop()
            continue
        if cls is ev.AliasEvent:
            problems.append(
                _problem(
                    "YAML-003",
                    _mark_of(event.start_mark),
                    f"不允许使用别名（*{event.anchor}）。",
                    f"Aliases (*{event.anchor}) are not allowed.",
                    "请把要重复的内容直接写出来。",
                )
            )
            return LoadedYaml(None, marks, problems)
        if cls is ev.DocumentEndEvent:
            after = get_event()
            if not isinstance(after, ev.StreamEndEvent):
                problems.append(
                    _problem(
                        "YAML-011",
                        _mark_of(after.start_mark),
                        "一个文件只能包含一份内容（发现多个 --- 分隔的文档）。",
                        "Only one YAML document is allowed per file.",
                        "请删除多余的 --- 分隔线及其后的内容，或拆成多个文件。",
                    )
                )
                return LoadedYaml(None, marks, problems)
            break
        if nodes > MAX_NODES:
            return LoadedYaml(None, marks, [*problems, _too_many_nodes()])
    if not isinstance(root, dict):
        problems.append(
            _problem(
                "YAML-007",
                (1, 1),
                f"文件的最外层应是“字段: 值”的映射，现在是{_kind_zh(root)}。",
                f"The top level must be a mapping, not {type(root).__name__}.",
                "请对照示例：第一行一般是 schema_version: 1。",
            )
        )
        fatal = True
    if fatal:
        return LoadedYaml(None, marks, problems)
    return LoadedYaml(root, marks, problems)


def _too_many_nodes() -> YamlProblem:
    return _problem(
        "YAML-005",
        (1, 1),
        f"内容条目过多（超过 {MAX_NODES:,} 个）。",
        f"Too many nodes (more than {MAX_NODES:,}).",
        "请精简内容。",
    )


TYPE_ZH = {
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "真假值（true 或 false）",
    "array": "列表",
    "object": "映射（字段: 值）",
    "null": "空值",
}


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


def _kind_zh(value: Any) -> str:
    return TYPE_ZH[json_type(value)]


def _escape_problem(mark: Mark, value: str) -> YamlProblem:
    bad = first_refused(value)
    name = _char_name(bad) if bad else "?"
    return _problem(
        "YAML-002",
        mark,
        f"双引号中的转义写出了不可见或控制字符 {name}。",
        f"An escape in a double-quoted string produces {name.split('（', 1)[0]}.",
        "请删除该转义序列（\\u… / \\U… / \\x… / \\N 等），直接写文字。",
    )


def _nfd_problem(root: Any, marks: dict[DataPath, Mark]) -> YamlProblem | None:
    """A warning for text not in NFC (composed) form: it looks the same but compares differently."""
    stack: list[tuple[DataPath, Any]] = [((), root)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if not value.isascii() and not unicodedata.is_normalized("NFC", value):
                mark = marks.get(path, (1, 1))
                return YamlProblem(
                    "YAML-012",
                    mark[0],
                    mark[1],
                    "文字含有分解形式（NFD）的字符，看起来相同但比较时不同。",
                    "Text is not in Unicode NFC form.",
                    "请重新输入这段文字，或用编辑器另存为 NFC 形式。",
                    "warning",
                    path,
                )
        elif isinstance(value, dict):
            stack.extend(((*path, k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in enumerate(value))
    return None
