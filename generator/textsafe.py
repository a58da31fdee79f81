"""Making untrusted text inert in Markdown (PR comments, site pages).

One filter for every user string: Unicode NFC; control, format (zero-width, bidi), surrogate, private-use and
unassigned characters dropped, and so is every other character the strict loader refuses as invisible
(Hangul fillers, variation selectors, braille blank …: ``yamlio.REFUSED_CHARACTERS``), since file names,
branch names and logins reach a comment without passing the loader; whitespace runs collapsed to one
space; every ASCII punctuation character turned into a numeric character reference, so no Markdown, HTML, link, mention (``@team``), table cell (``|``), attribute list
(``{: onclick=… }``) or template syntax (``{{ … }}``) survives, while the text reads the same.

Reports name what they drop instead: ``visible`` writes every control or format character and every
line or paragraph separator as ``<U+000A 换行>``, and ``inert``/``inert_lines`` also make sure no line of a
report starts a workflow command of a CI runner (``::error …``, ``::add-mask::``, ``##[…]``), whatever a
file name holds. ``unsafe_characters`` lists them for the check of paths (FILE-009).
"""

from __future__ import annotations

import re
import unicodedata

from generator.yamlio import REFUSED_CHARACTERS, first_refused

_DROP_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
_SPACE = re.compile(r"\s+")
_PUNCT = {ord(c): f"&#{ord(c)};" for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"}


def _blank_or_nothing(match: re.Match[str]) -> str:
    return " " if match.group().isspace() else ""  # U+2028, U+2029, U+0085 separate words


def clean(text: object) -> str:
    """NFC, no invisible or control characters, single spaces (not yet escaped)."""
    value = unicodedata.normalize("NFC", str(text))
    if first_refused(value) is not None:
        value = REFUSED_CHARACTERS.sub(_blank_or_nothing, value)
    if not value.isprintable():  # printable: no character of the "Other" categories, nothing to drop
        value = "".join(
            ch for ch in value if unicodedata.category(ch) not in _DROP_CATEGORIES or ch in "\n\t"
        )
    return _SPACE.sub(" ", value).strip()


def md_escape(text: object) -> str:
    """Inert Markdown for any text: see the module docstring."""
    return clean(text).translate(_PUNCT)


# Characters that break a line, hide text or turn it around (Cc, Cf, Zl, Zp; Cs: an undecodable byte).
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
CHARACTER_NAMES = {
    0x00: "空字符",
    0x09: "制表符",
    0x0A: "换行",
    0x0B: "垂直制表符",
    0x0C: "换页",
    0x0D: "回车",
    0x1B: "转义符",
    0x7F: "删除符",
    0x85: "下一行",
    0xAD: "软连字符",
    0x061C: "阿拉伯字母标记",
    0x200B: "零宽空格",
    0x200C: "零宽非连接符",
    0x200D: "零宽连接符",
    0x200E: "从左到右标记",
    0x200F: "从右到左标记",
    0x2028: "行分隔符",
    0x2029: "段分隔符",
    0x202A: "从左到右嵌入",
    0x202B: "从右到左嵌入",
    0x202C: "方向格式结束",
    0x202D: "从左到右覆盖",
    0x202E: "从右到左覆盖",
    0x2060: "零宽不换行符",
    0x2066: "从左到右隔离",
    0x2067: "从右到左隔离",
    0x2068: "方向隔离",
    0x2069: "方向隔离结束",
    0xFEFF: "字节顺序标记",
}
_CATEGORY_NAMES = {"Cc": "控制字符", "Cf": "格式字符", "Zl": "行分隔符", "Zp": "段分隔符", "Cs": "无效字节"}
_COMMAND_STARTS = ("::", "##[")  # a runner reads such a line (after leading blanks) as a workflow command


def is_unsafe(ch: str) -> bool:
    """A control or format character, a line or paragraph separator, or an undecodable byte."""
    return unicodedata.category(ch) in _UNSAFE_CATEGORIES


def character_name(ch: str) -> str:
    """``U+000A 换行``: the code point and its Chinese name."""
    name = CHARACTER_NAMES.get(ord(ch)) or _CATEGORY_NAMES.get(unicodedata.category(ch), "字符")
    return f"U+{ord(ch):04X} {name}"


def unsafe_characters(text: str) -> tuple[str, ...]:
    """The distinct unsafe characters of ``text`` in order of appearance."""
    return tuple(dict.fromkeys(ch for ch in text if is_unsafe(ch)))


def visible(text: object, keep: str = "") -> str:
    """``text`` with each unsafe character written as ``<U+000A 换行>``: one line, nothing hidden.
    ``keep``: characters left as they are (a format that encodes line breaks itself keeps ``"\\r\\n"``)."""
    value = str(text)
    if not any(is_unsafe(ch) and ch not in keep for ch in value):
        return value
    return "".join(f"<{character_name(ch)}>" if is_unsafe(ch) and ch not in keep else ch for ch in value)


def _guard_start(line: str) -> str:
    body = line.lstrip()
    if not body.startswith(_COMMAND_STARTS):
        return line
    indent = line[: len(line) - len(body)]
    return f"{indent}<{character_name(body[0]).split()[0]}>{body[1:]}"


def inert(text: object) -> str:
    """``visible(text)``, and when it would start a workflow command (``::…``, ``##[…``) its first
    character written as ``<U+003A>`` too: a value safe at the start of a report line."""
    return _guard_start(visible(text))


def inert_lines(text: str) -> str:
    """A whole text report with no line that a CI runner would read as a workflow command (the values in it
    have been through ``visible``; this catches one that starts a line)."""
    return "\n".join(_guard_start(line) for line in text.split("\n"))


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
