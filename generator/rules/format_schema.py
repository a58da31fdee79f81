"""SCHEMA-*: each file against the JSON Schema of its kind (found by ``generator.schema``, which returns each
error as values: the field's own ``title``/``description``, what was expected and found; ``render`` puts
them into the messages declared here).

A finding cites the clause of the field when the schema annotates the field, or a field it sits in, with
``x-clause`` (``board_approval`` → 四（一）); otherwise 格式要求.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from generator.findings import format_data_path
from generator.rules.base import ERROR, FORMAT_CLAUSE, Message, declare
from generator.rules.format_yaml import TYPE_ZH
from generator.schema import SchemaProblem

# Pieces of hints and messages that depend on the schema (``render`` picks them).
FIELD_HINT = "字段说明：{description}"
NO_FIELD_HINT = "请对照示例填写。"
TYPE_HINTS = {
    "quote_number": '电话、账号、编号等数字形式的文字请加引号，如 "13800000000"。',
    "quote_boolean": "yes/no/true/false 等词会被读成真假值：作为文字请加引号。",
    "plain_number": "数字不要加引号，也不要带单位、逗号或下划线，如 200000.00。",
}
CLOSE_FIELD = "是不是想写 {close}？字段名区分大小写。"
ALLOWED_FIELDS = "这里可用的字段：{allowed}。"
CLOSE_VALUE = "是不是想写 {close}？"
CASE_ONLY = "（注意大小写）"
OPTIONS = "可选值：{options}。"
CURLY_QUOTES = "“”‘’"
FULL_WIDTH = "“{value}”中有全角数字或符号：请切换到英文输入法（半角）重新输入，写成 {plain}。"
QUOTES_IN_DATE = '写的 {value} 带有中文引号（“ ” ‘ ’）：日期请改用英文引号，写成 "{bare}"。'
QUOTES_DELETE = "写的 {value} 带有引号（“ ” ‘ ’ 或 \" '）：这里不需要引号，请删除它们，写成 {bare}。"
TITLED = "“{value}”是{label}中 {code}（{title}）的中文名称，请写代码 {code}。"
FORMAT_NAMES = {"date": "日期", "date-time": "时间"}
FORMAT_HINT = '请写成真实存在的日期，格式如 "{example}"。'
FORMAT_EXAMPLES = {"date": "2026-10-31", "date-time": "2026-10-31T17:00:00+08:00"}
RELATIONS = {
    "Minimum": "不能小于 {limit}",
    "Maximum": "不能大于 {limit}",
    "ExclusiveMinimum": "必须大于 {limit}",
    "ExclusiveMaximum": "必须小于 {limit}",
}
LENGTHS = {
    "MinLength": "至少 {limit} 个字符",
    "MaxLength": "最多 {limit} 个字符",
    "MinItems": "至少 {limit} 项",
    "MaxItems": "最多 {limit} 项",
}
TOP_LEVEL = "文件顶层"
TOP_LEVEL_PATH = "（文件顶层）"

APP = "submissions/2026/applications/wuhan-mechanical-engineering.yaml"

required = declare(
    "SCHEMA-001",
    ERROR,
    FORMAT_CLAUSE,
    "必填字段齐全",
    "Required fields are present",
    note_zh="消息带上该字段的说明；缺少 board_approval（理事会同意）时引用四（一）。",
    message=Message(
        "{where}缺少必填字段{name}。",
        "Missing required field {prop!r}.",
        "请补上 {prop}: …{description}",
    ),
    doc=f"""``description`` is the field's description in brackets, or 。 when it has none. A missing
    ``board_approval`` cites 四（一） (its ``x-clause``).

    Fails (the council's approval left out)::

        --- {APP}
        - board_approval:                          # 四（一）: the council (standing council) agreed to apply
        + board_approvals:                          # 四（一）: the council (standing council) agreed to apply

    Passes::

        (the minimal tree)
    """,
)

unknown_field = declare(
    "SCHEMA-002",
    ERROR,
    FORMAT_CLAUSE,
    "没有不认识的字段（区分大小写）",
    "No unknown fields",
    note_zh="提示给出最接近的已知字段名，并列出这一处允许的字段；没有相近的名称时请删除该字段。",
    message=Message(
        "{label}中有不认识的字段 {fields_zh}。",
        "Unknown field(s): {fields}.",
        "{hint}",
    ),
    doc="""The hint suggests the closest known name and lists the fields allowed there (else 请删除该字段。).

    Fails (a field name in the wrong case)::

        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - founded: 1979
        + Founded: 1979

    Passes::

        (the minimal tree)
    """,
)

wrong_type = declare(
    "SCHEMA-003",
    ERROR,
    FORMAT_CLAUSE,
    "字段值的类型正确",
    "Field values have the right type",
    note_zh="提示写出常见原因，例如文字位置写了数字时需要加引号。",
    message=Message(
        "{label}应为{want}，现在是{got_zh}。",
        "Expected {expected}, got {got}.",
        "{hint}",
    ),
    doc="""The hint names the usual cause (a number where text belongs needs quotes, and so on).

    Fails (a year written as text)::

        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - founded: 1979
        + founded: 一九七九

    Passes::

        (the minimal tree)
    """,
)

invalid_value = declare(
    "SCHEMA-004",
    ERROR,
    FORMAT_CLAUSE,
    "字段值符合格式与取值范围（日期、枚举、长度、数值范围等）",
    "Field values match their format and range",
    note_zh="每类约束各有一种消息：取值清单、格式、数值范围、长度、不得为空、写法、字段名、不得重复，其他约束用通用消息。",
    messages={
        "enum": Message(
            "{label}的值“{value}”不在允许范围内（可选：{options}）。",
            "Value {value!r} is not one of: {options_en}.",
            "{hint}",
        ),
        "format": Message(
            "{label}“{value}”不是有效的{what}。", "{value!r} is not a valid {format}.", "{hint}"
        ),
        "range": Message("{label}为 {value}，{relation}。", "{raw} is out of range.", "{hint}"),
        "length": Message("{label}长度不符合要求：{what}。", "{keyword} {limit} violated.", "{hint}"),
        "empty": Message("{label}不能为空。", "{keyword} {limit} violated.", "{hint}"),
        "pattern": Message(
            "{label}的写法不符合要求：“{value}”。", "{value!r} does not match the required pattern.", "{hint}"
        ),
        "property_names": Message(
            "{label}中有写法不符合要求的键名。", "A key does not match the required pattern.", "{hint}"
        ),
        "unique": Message("{label}中有重复的项。", "Items must be unique.", "请删除重复的项。"),
        "other": Message("{label}不符合要求。", "Schema violation ({keyword}).", "{hint}"),
        "programme_title": Message(
            "类别写成了中文名称“{value}”：它是 programme.yaml 中支出类别 {code}（{title}）的名称，这里要写类别代码。",
            "{value!r} is the Chinese title of the expense category {code}: write the code.",
            "把“{value}”改为 {code}。",
        ),
    },
    doc="""One variant per kind of constraint: enum, format, range, length, empty, pattern, property_names,
    unique (and other for a constraint without its own wording).

    Fails (a date that no calendar has)::

        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - council_elected: "2022-06-18"           # last 换届 (election of the council)
        + council_elected: "2022-06-31"           # last 换届 (election of the council)

    Passes::

        (the minimal tree)
    """,
)

RULES = (required, unknown_field, wrong_type, invalid_value)


# ----------------------------------------------------------------------------------------- in words
Facts = Mapping[str, object]


def _label(facts: Facts) -> str:
    """The field a message names: “its title”（its path） or “its path”."""
    title = facts["title"]
    at = facts["at"]
    dotted = format_data_path(at if isinstance(at, tuple) else ()) or TOP_LEVEL_PATH
    return f"“{title}”（{dotted}）" if title else f"“{dotted}”"


def _field_hint(facts: Facts) -> str:
    described = facts["described"]
    return FIELD_HINT.format(description=described) if described else NO_FIELD_HINT


def _required(facts: Facts, variant: str) -> tuple[str, str, str]:
    title, prop, desc = facts["prop_title"], facts["prop"], facts["prop_description"]
    return required.text(
        where=_label(facts) if facts["at"] else TOP_LEVEL,
        name=f"“{title}”（{prop}）" if title else f"“{prop}”",
        prop=prop,
        description=f"（{desc}）" if desc else "。",
    )


def _unknown_field(facts: Facts, variant: str) -> tuple[str, str, str]:
    close, allowed = _strings(facts["close"]), _strings(facts["allowed"])
    hint = CLOSE_FIELD.format(close="、".join(close)) if close else ""
    if allowed:
        hint += ALLOWED_FIELDS.format(allowed=", ".join(allowed))
    return unknown_field.text(
        label=_label(facts),
        fields_zh="、".join(f"“{u}”" for u in _strings(facts["unexpected"])),
        fields=", ".join(_strings(facts["unexpected_en"])),
        hint=hint or "请删除该字段。",
    )


def _wrong_type(facts: Facts, variant: str) -> tuple[str, str, str]:
    names, got = _strings(facts["expected"]), str(facts["got"])
    hint = _field_hint(facts)
    if "string" in names and got in ("integer", "number"):
        hint = TYPE_HINTS["quote_number"]
    elif "string" in names and got == "boolean":
        hint = TYPE_HINTS["quote_boolean"]
    elif names and names[0] in ("number", "integer") and got == "string":
        hint = _typing_hint(facts, "type") or TYPE_HINTS["plain_number"]
    return wrong_type.text(
        label=_label(facts),
        want="或".join(TYPE_ZH.get(n, n) for n in names),
        got_zh=TYPE_ZH.get(got, got),
        expected="/".join(names),
        got=got,
        hint=hint,
    )


def _invalid_value(facts: Facts, variant: str) -> tuple[str, str, str]:
    """SCHEMA-004: each variant's own placeholders from the facts, the label and a hint."""
    values = {k: v for k, v in facts.items() if k not in ("title", "at", "described")}
    hint = _field_hint(facts)
    if variant == "enum":
        options = _strings(facts["options"])
        titles = dict(zip(options, _strings(facts.get("option_titles", ())), strict=False))
        close, titled = facts["close"], facts.get("titled")
        named = [f"{o}（{titles[o]}）" if titles.get(o) else o for o in options]
        if isinstance(titled, str):
            title = titles.get(titled, "")
            hint = TITLED.format(value=facts["value"], label=facts["title"] or "", code=titled, title=title)
        elif close:
            hint = CLOSE_VALUE.format(close=close) + (CASE_ONLY if facts["case_only"] else "")
        else:
            hint = OPTIONS.format(options="、".join(named))
        values.update(options="、".join(named), options_en=", ".join(options))
    elif variant == "format":
        fmt = str(facts["format"])
        example = FORMAT_EXAMPLES.get(fmt, "")
        hint = FORMAT_HINT.format(example=example) if example else hint
        values["what"] = FORMAT_NAMES.get(fmt, fmt)
    elif variant == "range":
        values["relation"] = RELATIONS[str(facts["keyword"])].format(limit=facts["limit"])
    elif variant in ("length", "empty"):
        values["what"] = LENGTHS[str(facts["keyword"])].format(limit=facts["limit"])
    hint = _typing_hint(facts, variant) or hint
    return invalid_value.text(variant, **values, label=_label(facts), hint=hint)


def _typing_hint(facts: Facts, variant: str) -> str | None:
    """What the input method typed: full-width digits (named with the ASCII to type) or quotes inside a
    value that holds none (a date: English quotes; a code or document number: delete them)."""
    value, typed = facts.get("value"), facts.get("plain")
    if not isinstance(value, str) or not isinstance(typed, str) or variant in ("range", "empty"):
        return None
    bare = typed.strip(CURLY_QUOTES + "\"' ")
    if variant == "length" and not _looks_dated(bare):
        return None  # a long text with quotes in it is too long, not mistyped
    if any(q in value for q in CURLY_QUOTES) or (variant == "pattern" and bare != typed):
        dated = facts.get("format") in FORMAT_EXAMPLES or _looks_dated(bare)
        return (QUOTES_IN_DATE if dated else QUOTES_DELETE).format(value=value, bare=bare)
    if typed != value.strip() and any(c.isdigit() and not c.isascii() for c in value):
        return FULL_WIDTH.format(value=value, plain=typed)
    return None


def _looks_dated(text: str) -> bool:
    return len(text) == 10 and text[4] == "-" and text[7] == "-" and text.replace("-", "").isdigit()


def _strings(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, tuple) else ()


_RENDERERS: dict[str, Callable[[Facts, str], tuple[str, str, str]]] = {
    "SCHEMA-001": _required,
    "SCHEMA-002": _unknown_field,
    "SCHEMA-003": _wrong_type,
    "SCHEMA-004": _invalid_value,
}


def render(problem: SchemaProblem) -> tuple[str, str, str]:
    """(zh, en, hint) of a schema problem: its rule's message variant, with the field's label, a hint and
    the problem's facts filled in."""
    return _RENDERERS[problem.rule](dict(problem.values), problem.variant)
