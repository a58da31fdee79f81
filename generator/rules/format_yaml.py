"""YAML-*: the strict YAML subset every data file is written in (found by the loader, ``generator.yamlio``,
which fills in the messages declared here)."""

from __future__ import annotations

from generator.rules.base import ERROR, FORMAT_CLAUSE, WARNING, declare

yaml_001 = declare(
    "YAML-001",
    ERROR,
    FORMAT_CLAUSE,
    "文件必须是 UTF-8 编码（可带 BOM）",
    "Files must be UTF-8",
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
