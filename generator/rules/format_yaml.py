"""YAML-*: the strict YAML subset every data file is written in (found by the loader, ``generator.yamlio``,
which fills in the messages declared here)."""

from __future__ import annotations

from generator.rules.base import ERROR, FORMAT_CLAUSE, WARNING, Message, declare

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
