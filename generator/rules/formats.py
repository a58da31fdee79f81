"""Catalogue entries for what the loader, the schema check and the engine find about files themselves.

Their findings are made by ``yamlio``, ``schema`` and ``checker``; these entries give them ids, severities
and texts so that ``xuehui rules`` lists every id a report can show.
"""

from __future__ import annotations

from generator.rules.base import ERROR, FORMAT_CLAUSE, NOTICE, WARNING, Rule

RULES: tuple[Rule, ...] = (
    Rule("YAML-001", ERROR, FORMAT_CLAUSE, "文件必须是 UTF-8 编码（可带 BOM）", "Files must be UTF-8"),
    Rule(
        "YAML-002",
        ERROR,
        FORMAT_CLAUSE,
        "不得含有不可见字符（控制字符、零宽与双向控制符等全部格式字符、韩文填充符、变体选择符）、特殊换行符和制表符",
        "No invisible characters (controls, every format character, fillers, variation selectors), no tabs",
    ),
    Rule("YAML-003", ERROR, FORMAT_CLAUSE, "不得使用锚点、别名和合并键", "No anchors, aliases or merge keys"),
    Rule("YAML-004", ERROR, FORMAT_CLAUSE, "不得使用类型标签（! 开头）", "No YAML tags"),
    Rule(
        "YAML-005",
        ERROR,
        FORMAT_CLAUSE,
        "文件大小、嵌套层次、条目数、文字长度在上限之内",
        "File size, nesting depth, node count and text length within limits",
    ),
    Rule("YAML-006", ERROR, FORMAT_CLAUSE, "YAML 语法正确", "Valid YAML syntax"),
    Rule(
        "YAML-007",
        ERROR,
        FORMAT_CLAUSE,
        "文件不为空，最外层是“字段: 值”映射",
        "The file is not empty and its top level is a mapping",
    ),
    Rule("YAML-008", ERROR, FORMAT_CLAUSE, "字段名必须是文字", "Keys must be text"),
    Rule("YAML-009", ERROR, FORMAT_CLAUSE, "字段名不得重复", "No duplicate keys"),
    Rule(
        "YAML-010",
        ERROR,
        FORMAT_CLAUSE,
        "数字写成普通整数或小数（不用 .nan、.inf、科学计数法）",
        "Numbers are plain integers or decimals",
    ),
    Rule("YAML-011", ERROR, FORMAT_CLAUSE, "一个文件只含一份内容", "One YAML document per file"),
    Rule(
        "YAML-012",
        WARNING,
        FORMAT_CLAUSE,
        "文字使用 Unicode NFC（组合）形式",
        "Text is in Unicode NFC form",
    ),
    Rule("SCHEMA-001", ERROR, FORMAT_CLAUSE, "必填字段齐全", "Required fields are present"),
    Rule("SCHEMA-002", ERROR, FORMAT_CLAUSE, "没有不认识的字段（区分大小写）", "No unknown fields"),
    Rule("SCHEMA-003", ERROR, FORMAT_CLAUSE, "字段值的类型正确", "Field values have the right type"),
    Rule(
        "SCHEMA-004",
        ERROR,
        FORMAT_CLAUSE,
        "字段值符合格式与取值范围（日期、枚举、长度、数值范围等）",
        "Field values match their format and range",
    ),
    Rule(
        "FILE-001",
        ERROR,
        FORMAT_CLAUSE,
        "submissions/ 下的文件放在约定位置、使用约定文件名",
        "Files under submissions/ are in a known place with a known name",
    ),
    Rule(
        "FILE-004",
        ERROR,
        FORMAT_CLAUSE,
        "不接受符号链接、子模块、可执行文件及无法读取的文件",
        "No symlinks, submodules, executables or unreadable files",
    ),
    Rule(
        "FILE-005",
        ERROR,
        FORMAT_CLAUSE,
        "文件内容可转换为专项数据模型",
        "The content can be read into the programme's model",
    ),
    Rule(
        "FILE-007",
        NOTICE,
        FORMAT_CLAUSE,
        "格式问题修正后才进行申报条件、预算等规则检查",
        "Rule checks run once a file's format problems are fixed",
    ),
    Rule(
        "TPL-001",
        ERROR,
        FORMAT_CLAUSE,
        "模板中的占位文字（请填写、YYYY-MM-DD）已全部替换为实际内容",
        "Template placeholders (请填写, YYYY-MM-DD) are all replaced",
    ),
    Rule(
        "FILE-008",
        ERROR,
        FORMAT_CLAUSE,
        "文件名不得与已有文件只差大小写或 Unicode 形式，且为 NFC 形式",
        "No file names that differ from another only by case or Unicode form",
    ),
    Rule(
        "AUTH-001",
        ERROR,
        "五（二）",
        "拉取请求只改动提交者有权修改的文件（学会改本会文件、专家改本人评分，其余由专项办公室修改）",
        "A pull request changes only files its author may change",
    ),
    Rule(
        "AUTH-002",
        ERROR,
        "五（二）",
        "学会的维护账号（maintainers）只能由专项办公室变更",
        "Only the office changes a society's maintainers",
    ),
    Rule(
        "FILE-006",
        ERROR,
        FORMAT_CLAUSE,
        "专项设置文件（programme.yaml）存在且有效，其余检查依赖它",
        "programme.yaml exists and is valid; other checks depend on it",
    ),
)
