"""YAML-*: the strict YAML subset every data file is written in (found by the loader, ``generator.yamlio``,
which returns each problem as values; ``render`` puts it into the words declared here)."""

from __future__ import annotations

import unicodedata

from msgspec import Struct

from generator.rules.base import ERROR, FORMAT_CLAUSE, WARNING, Message, declare
from generator.yamlio import DataPath, YamlProblem

# YAML-006: libyaml's problem (its English text) → the hint for it; the first that matches wins.
SYNTAX_HINTS = (
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
SYNTAX_HINT = "请对照示例检查这一行及上一行的缩进、冒号和引号。"

yaml_001 = declare(
    "YAML-001",
    ERROR,
    FORMAT_CLAUSE,
    "文件必须是 UTF-8 编码（可带 BOM）",
    "Files must be UTF-8",
    messages={
        "utf16": Message(
            "文件是 UTF-16 编码，无法读取。",
            "The file is encoded as UTF-16.",
            "请以 UTF-8 编码保存（记事本：另存为 → 编码选“UTF-8”）。",
        ),
        "not_utf8": Message(
            "文件不是 UTF-8 编码：{looks}。",
            "The file is not UTF-8: {looks_en}.",
            "请以 UTF-8 编码保存（记事本：另存为 → 编码选“UTF-8”；WPS/Word 请先复制到纯文本编辑器）。",
        ),
    },
    doc=r"""Fails (a byte that is not UTF-8)::

        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - name: 武汉市机械工程学会
        + name: \xff

    Passes::

        (the minimal tree)
    """,
)

yaml_002 = declare(
    "YAML-002",
    ERROR,
    FORMAT_CLAUSE,
    "不得含有不可见字符（控制字符、零宽与双向控制符等全部格式字符、韩文填充符、变体选择符）、特殊换行符和制表符",
    "No invisible characters (controls, every format character, fillers, variation selectors), no tabs",
    messages={
        "line_break": Message(
            "含有特殊换行符 {name}，行号会与编辑器显示的不一致。",
            "Unusual line break {english}: YAML counts it as a new line, editors do not.",
            "请在这里换成普通的回车换行，或删除它。常见来源是从网页或 Word 复制粘贴。",
        ),
        "invisible": Message(
            "含有不可见字符 {name}：它显示不出来，却会让看起来相同的文字在比较、检索和公开数据中变得不同。",
            "Invisible character {english}.",
            "请删除这个看不见的字符：把光标移到该行该列，删除光标处的字符（按一次方向键光标却不动的地方就是它），或删掉这段文字重新输入。常见来源是从网页、微信或 Word 复制粘贴。",
        ),
        "tab": Message(
            "含有制表符（Tab）。YAML 不允许用 Tab 缩进，文字中的 Tab 也容易造成误读。",
            "The file contains a tab character.",
            "请把 Tab 换成空格（缩进用两个空格）。",
        ),
        "escape": Message(
            "双引号中的转义写出了不可见或控制字符 {name}。",
            "An escape in a double-quoted string produces {value}.",
            "请删除该转义序列（\\u… / \\U… / \\x… / \\N 等），直接写文字。",
        ),
    },
    doc=r"""Fails (a zero-width space)::

        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - name: 武汉市机械工程学会
        + name: 武汉市\u200b机械工程学会

    Passes::

        (the minimal tree)
    """,
)

yaml_003 = declare(
    "YAML-003",
    ERROR,
    FORMAT_CLAUSE,
    "不得使用锚点、别名和合并键",
    "No anchors, aliases or merge keys",
    messages={
        "anchor": Message(
            "不允许使用锚点（&{anchor}）和别名（*）。",
            "Anchors (&{anchor}) and aliases are not allowed.",
            "请把要重复的内容直接写出来。",
        ),
        "merge": Message(
            "不允许使用合并键（<<）。", "Merge keys (<<) are not allowed.", "请把要合并的字段直接写出来。"
        ),
        "alias": Message(
            "不允许使用别名（*{anchor}）。",
            "Aliases (*{anchor}) are not allowed.",
            "请把要重复的内容直接写出来。",
        ),
    },
    doc="""Fails (an anchor)::

        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - name: 武汉市机械工程学会
        + name: &n 武汉市机械工程学会

    Passes::

        (the minimal tree)
    """,
)

yaml_004 = declare(
    "YAML-004",
    ERROR,
    FORMAT_CLAUSE,
    "不得使用类型标签（! 开头）",
    "No YAML tags",
    message=Message(
        "不允许使用类型标签（{tag}）。",
        "Tags such as {tag} are not allowed.",
        "请删除以 ! 开头的标签，直接写值；文字请加引号。",
    ),
    doc="""Fails (a tag)::

        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - name: 武汉市机械工程学会
        + name: !!str 武汉市机械工程学会

    Passes::

        (the minimal tree)
    """,
)

yaml_005 = declare(
    "YAML-005",
    ERROR,
    FORMAT_CLAUSE,
    "文件大小、嵌套层次、条目数、文字长度在上限之内",
    "File size, nesting depth, node count and text length within limits",
    messages={
        "file_size": Message(
            "文件过大（{count:,} 字节，上限 {max_bytes:,} 字节）。",
            "The file is too large ({count:,} bytes; the limit is {max_bytes:,}).",
            "申报材料请精简文字；附件（PDF 等）请放在 attachments 文件夹，不要写进 YAML。",
        ),
        "text_length": Message(
            "一段文字过长（{count:,} 个字符，上限 {limit:,}）。",
            "A text value is too long ({count:,} characters).",
            "请精简文字；详细材料请作为附件提交。",
        ),
        "depth": Message(
            "嵌套层次过深（超过 {limit} 层）。",
            "Nesting deeper than {limit} levels.",
            "请对照示例检查缩进和括号。",
        ),
        "nodes": Message(
            "内容条目过多（超过 {limit:,} 个）。", "Too many nodes (more than {limit:,}).", "请精简内容。"
        ),
    },
    doc="""Fails (nesting deeper than 20 levels)::

        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - name: 武汉市机械工程学会
        + name: 武汉市机械工程学会
        + x: [[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]

    Passes::

        (the minimal tree)
    """,
)

yaml_006 = declare(
    "YAML-006",
    ERROR,
    FORMAT_CLAUSE,
    "YAML 语法正确",
    "Valid YAML syntax",
    messages={
        "unreadable": Message(
            "YAML 无法解析：{error}。",
            "The YAML cannot be parsed: {error}.",
            "请对照示例检查缩进和冒号；可用编辑器的 YAML 插件定位问题。",
        ),
        "syntax": Message("YAML 格式错误，无法解析。", "YAML syntax error: {detail}.", "{hint}"),
        "fullwidth_colon": Message(
            "字段名 {key} 后面是全角冒号“：”（第 {column} 列），YAML 只认英文冒号。",
            "A full-width colon after the key {key} (column {column}).",
            "请把“：”改成英文冒号加一个空格“: ”，例如写成 {key}: 值。",
        ),
        "fullwidth_space": Message(
            "字段名 {key} 的冒号后面是全角空格（U+3000，第 {column} 列），YAML 只认英文空格。",
            "A full-width space after the colon of {key} (column {column}).",
            "请把冒号后的全角空格改成一个英文空格（关闭输入法的全角模式后输入），例如写成 {key}: 值。",
        ),
        "fullwidth_indent": Message(
            "行首缩进里有全角空格（U+3000，第 {column} 列），YAML 只认英文空格，这一行的层次会被读错。",
            "A full-width space in the indentation (column {column}).",
            "请删除行首的全角空格，改用英文空格缩进（每层两个空格，与同一层的其他字段对齐）。",
        ),
        "fullwidth_bracket": Message(
            "第 {column} 列的全角括号“{bracket}”不是 YAML 的括号，整段会被读成一句文字。",
            "A full-width bracket {bracket} (column {column}).",
            "请改成英文括号“{ascii}”（关闭输入法的全角模式后输入），对应的另一半括号也要改。",
        ),
        "thousands": Message(
            "花括号或方括号里的“{text}”带有千位分隔逗号，逗号会把它拆成两项。",
            "A thousands separator in {text} inside a flow collection.",
            "金额和数字不要写千位分隔符：请写成 {plain}。",
        ),
        "indent": Message(
            "这一行缩进了 {spaces} 个空格，与上面任何一层都没有对齐。",
            "The indentation ({spaces} spaces) matches no enclosing level.",
            "同一层的字段要从同一列开始：请把这一行改为从第 {columns} 列开始（缩进 {expected_spaces} 个空格）。",
        ),
    },
    doc="""Fails (an unclosed bracket)::

        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - name: 武汉市机械工程学会
        + name: [武汉市机械工程学会

    Passes::

        (the minimal tree)
    """,
)

yaml_007 = declare(
    "YAML-007",
    ERROR,
    FORMAT_CLAUSE,
    "文件不为空，最外层是“字段: 值”映射",
    "The file is not empty and its top level is a mapping",
    messages={
        "empty": Message(
            "文件是空的。", "The file is empty.", "请按示例填写内容，或用 xuehui new 生成模板。"
        ),
        "not_mapping": Message(
            "文件的最外层应是“字段: 值”的映射，现在是{root}。",
            "The top level must be a mapping, not {error}.",
            "请对照示例：第一行一般是 schema_version: 1。",
        ),
    },
    doc="""Fails (a list at the top level)::

        +++ submissions/2026/applications/wuhan-other.yaml
        + [武汉市机械工程学会]

    Passes::

        (the minimal tree)
    """,
)

yaml_008 = declare(
    "YAML-008",
    ERROR,
    FORMAT_CLAUSE,
    "字段名必须是文字",
    "Keys must be text",
    messages={
        "not_text": Message(
            "字段名“{text}”不是文字（会被读成 {resolved}）。",
            "The key {text!r} is not text.",
            "字段名请使用示例中的名称；确需这样写时请加引号。",
        ),
        "too_long": Message(
            "字段名过长（{count:,} 个字符）。",
            "A key is too long ({count:,} characters).",
            "字段名请使用示例中的名称。",
        ),
        "collection": Message(
            "字段名不能是列表或映射（复杂键）。",
            "A key cannot be a collection.",
            "请检查这一行的问号（?）和括号。",
        ),
    },
    doc="""Fails (a yes/no word as a key)::

        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - name: 武汉市机械工程学会
        + name: 武汉市机械工程学会
        + true: 年度

    Passes::

        (the minimal tree)
    """,
)

yaml_009 = declare(
    "YAML-009",
    ERROR,
    FORMAT_CLAUSE,
    "字段名不得重复",
    "No duplicate keys",
    message=Message(
        "字段“{key}”重复出现（第 {first_line} 行已有），后一个会覆盖前一个。",
        "Duplicate key {key!r} (already on line {first_line}).",
        "请删除或合并重复的字段。",
    ),
    doc="""Fails (a key written twice)::

        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - name: 武汉市机械工程学会
        + name: 武汉市机械工程学会
        + name: 武汉市机械学会

    Passes::

        (the minimal tree)
    """,
)

yaml_010 = declare(
    "YAML-010",
    ERROR,
    FORMAT_CLAUSE,
    "数字写成普通整数或小数（不用 .nan、.inf、科学计数法）",
    "Numbers are plain integers or decimals",
    message=Message(
        "数值“{text}”无法接受：{refusal}。",
        "The number {text!r} is not accepted.",
        "金额请写成普通小数（如 200000.00）；若本意是文字，请加引号。",
    ),
    doc="""Fails (scientific notation)::

        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - founded: 1979
        + founded: 1.979e3

    Passes::

        (the minimal tree)
    """,
)

yaml_011 = declare(
    "YAML-011",
    ERROR,
    FORMAT_CLAUSE,
    "一个文件只含一份内容",
    "One YAML document per file",
    message=Message(
        "一个文件只能包含一份内容（发现多个 --- 分隔的文档）。",
        "Only one YAML document is allowed per file.",
        "请删除多余的 --- 分隔线及其后的内容，或拆成多个文件。",
    ),
    doc="""Fails (a second document)::

        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - maintainers: [mech-secretariat]         # forge logins that may submit for this society (read from the base branch only)
        + maintainers: [mech-secretariat]         # forge logins that may submit for this society (read from the base branch only)
        + ---
        + name: 另一份

    Passes::

        (the minimal tree)
    """,
)

yaml_012 = declare(
    "YAML-012",
    WARNING,
    FORMAT_CLAUSE,
    "文字使用 Unicode NFC（组合）形式",
    "Text is in Unicode NFC form",
    message=Message(
        "文字含有分解形式（NFD）的字符，看起来相同但比较时不同。",
        "Text is not in Unicode NFC form.",
        "请重新输入这段文字，或用编辑器另存为 NFC 形式。",
    ),
    doc=r"""Fails (a decomposed accent)::

        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - name: 武汉市机械工程学会
        + name: 武汉市机械工程学会e\u0301

    Passes::

        (the minimal tree)
    """,
)

RULES = (
    yaml_001,
    yaml_002,
    yaml_003,
    yaml_004,
    yaml_005,
    yaml_006,
    yaml_007,
    yaml_008,
    yaml_009,
    yaml_010,
    yaml_011,
    yaml_012,
)

BY_ID = {r.id: r for r in RULES}


# ----------------------------------------------------------------------------------------- in words
# The loader's problems name facts; these are their words. A value named ``char`` is a refused character
# (its code point, Unicode name and what it is, in Chinese: ``name``; without the Chinese: ``english`` and
# ``value``), ``gbk`` whether undecodable bytes read as GBK, ``refusal`` why a number is refused,
# ``resolved`` and ``root`` a JSON type name, ``detail`` libyaml's own words (the hint follows from them).

TYPE_ZH = {
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "真假值（true 或 false）",
    "array": "列表",
    "object": "映射（字段: 值）",
    "null": "空值",
}

LOOKS = {
    True: (
        "看起来是 GBK/GB2312 编码（中文 Windows 的默认编码）",
        "it looks like GBK/GB2312 (the default of Chinese Windows)",
    ),
    False: ("含有不是 UTF-8 的字节", "it contains bytes that are not UTF-8"),
}

REFUSALS = {
    "special": "不允许 .nan / .inf 这类特殊数值",
    "exponent": "不允许科学计数法（如 1e3）",
}

# Chinese names of what is refused, by code point range (first match wins); the Unicode name is added.
_CHAR_KINDS: tuple[tuple[int, int, str], ...] = (
    (0x0085, 0x0085, "下一行控制符：YAML 会把它当作换行，编辑器却不会"),
    (0x2028, 0x2028, "行分隔符：YAML 会把它当作换行，编辑器却不会"),
    (0x2029, 0x2029, "段落分隔符：YAML 会把它当作换行，编辑器却不会"),
    (0x000B, 0x000B, "Word 的手动换行符（Shift+回车），编辑器里看不见"),
    (0x000C, 0x000C, "Word 的分页符，编辑器里看不见"),
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


def syntax_hint(detail: str) -> str:
    """The hint for libyaml's words about a syntax error: the first of ``SYNTAX_HINTS`` they contain."""
    return next((hint for needle, hint in SYNTAX_HINTS if needle in detail), SYNTAX_HINT)


def _words(values: dict[str, object]) -> dict[str, object]:
    """The placeholders of a problem's message, from the facts the loader gives."""
    if "char" in values:
        ch = values.pop("char")
        name = _char_name(ch) if isinstance(ch, str) else "?"
        values["name"] = name
        values["english"] = values["value"] = name.split("（", 1)[0]
    if "gbk" in values:
        values["looks"], values["looks_en"] = LOOKS[bool(values.pop("gbk"))]
    if "refusal" in values:
        values["refusal"] = REFUSALS[str(values["refusal"])]
    for key in ("resolved", "root"):
        if key in values:
            values[key] = TYPE_ZH[str(values[key])]
    levels = values.pop("expected", None)
    if isinstance(levels, tuple):
        values["columns"] = " 或第 ".join(str(c + 1) for c in levels)
        values["expected_spaces"] = " 或 ".join(str(c) for c in levels)
    if "detail" in values:
        values["hint"] = syntax_hint(str(values["detail"]))
    return values


class YamlMessage(Struct, frozen=True):
    """A loader problem in words: where, which rule, and what a report says."""

    rule: str
    line: int
    column: int
    message_zh: str
    message_en: str
    hint: str
    severity: str = "error"
    path: DataPath = ()


def render(problem: YamlProblem) -> YamlMessage:
    """``problem`` in the words its rule declares for its variant, with its values filled in."""
    values = _words({"line": problem.line, "column": problem.column, **dict(problem.values)})
    zh, en, hint = BY_ID[problem.rule].text(problem.variant, **values)
    return YamlMessage(
        problem.rule, problem.line, problem.column, zh, en, hint, problem.severity, problem.path
    )
