"""JSON Schema validation of loaded files, with findings in Chinese that name the field and how to fix it.

One compiled validator per kind, built on first use and reused (jsonschema-rs: about 100× faster than
python-jsonschema here, see the README). Error messages come from the error's kind and the field's own
Chinese ``title``/``description`` in the schema, never from the instance, so a huge or hostile value never
floods a report.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from generator.resources import shipped
from generator.yamlio import TYPE_ZH, DataPath, json_type

SCHEMA_DIR = shipped().schemas  # the copies shipped with xuehui; a repository's own: ``resources``


@dataclass(frozen=True, slots=True)
class SchemaProblem:
    rule: str
    path: DataPath
    message_zh: str
    message_en: str
    hint: str


def schema_path(kind: str, schema_dir: Path = SCHEMA_DIR) -> Path:
    return schema_dir / f"{kind}.schema.json"


@cache
def load_schema(kind: str, schema_dir: Path = SCHEMA_DIR) -> dict[str, Any]:
    with schema_path(kind, schema_dir).open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded


@cache
def _validator(kind: str, schema_dir: Path) -> Any:
    import jsonschema_rs

    return jsonschema_rs.validator_for(load_schema(kind, schema_dir), validate_formats=True)


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        node: Any = root
        for part in ref[2:].split("/"):
            node = node[part]
        return _resolve(node, root)
    return schema


def field_schema(root: dict[str, Any], instance_path: DataPath) -> dict[str, Any]:
    """The schema of the field at ``instance_path``: the shared shape it refers to, with the field's own
    title and description (written beside its ``$ref``) on top."""
    node: dict[str, Any] = root
    own: dict[str, Any] = root
    for part in instance_path:
        resolved = _resolve(node, root)
        nxt: Any = None
        if isinstance(part, int):
            nxt = resolved.get("items")
        else:
            nxt = (resolved.get("properties") or {}).get(part)
            if nxt is None and isinstance(resolved.get("additionalProperties"), dict):
                nxt = resolved["additionalProperties"]
        if not isinstance(nxt, dict):
            return {}
        own, node = nxt, nxt
    merged = dict(_resolve(node, root))
    merged.update({k: v for k, v in own.items() if k in ("title", "description")})
    return merged


def subschema_at(root: dict[str, Any], path: Iterable[str | int]) -> dict[str, Any]:
    """The schema node at a schema path as reported by the validator (``$ref`` steps followed)."""
    node: Any = root
    for part in path:
        if part == "$ref":
            node = _resolve(node, root)
            continue
        if isinstance(node, dict):
            node = node.get(part if isinstance(part, str) else str(part), node.get(part))
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return {}
        if node is None:
            return {}
    return _resolve(node, root) if isinstance(node, dict) else {}


def _field_label(node: dict[str, Any], path: DataPath) -> str:
    from generator.findings import format_data_path

    title = node.get("title")
    dotted = format_data_path(path) or "（文件顶层）"
    return f"“{title}”（{dotted}）" if title else f"“{dotted}”"


def _short(value: Any, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def validate(kind: str, data: dict[str, Any], schema_dir: Path = SCHEMA_DIR) -> list[SchemaProblem]:
    """Every schema error of ``data`` as a problem in Chinese (English beside it)."""
    validator = _validator(kind, schema_dir)
    root = load_schema(kind, schema_dir)
    problems: list[SchemaProblem] = []
    seen: set[tuple[str, DataPath]] = set()
    for error in validator.iter_errors(data):
        problem = _translate(error, root, data)
        key = (problem.rule, problem.path)
        if problem.rule != "SCHEMA-001" and key in seen:
            continue  # one value, one message (a date failing both its pattern and its format)
        seen.add(key)
        problems.append(problem)
    return problems


def _value_at(data: Any, path: DataPath) -> Any:
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _translate(error: Any, root: dict[str, Any], data: Any) -> SchemaProblem:
    path: DataPath = tuple(error.instance_path)
    kind_name = type(error.kind).__name__
    spath = list(error.schema_path)
    node = subschema_at(root, spath[:-1])
    field = field_schema(root, path) or node
    label = _field_label(field, path)
    value = _value_at(data, path)
    described = field.get("description", "")
    field_hint = f"字段说明：{described}" if described else "请对照示例填写。"
    if kind_name == "Required":
        prop = error.kind.property
        prop_node = subschema_at(root, [*spath[:-1], "properties", prop])
        title = prop_node.get("title")
        name = f"“{title}”（{prop}）" if title else f"“{prop}”"
        desc = prop_node.get("description", "")
        where = label if path else "文件顶层"
        return SchemaProblem(
            "SCHEMA-001",
            path,
            f"{where}缺少必填字段{name}。",
            f"Missing required field {prop!r}.",
            f"请补上 {prop}: …" + (f"（{desc}）" if desc else "。"),
        )
    if kind_name == "AdditionalProperties":
        unexpected = list(error.kind.unexpected)
        allowed = sorted((node.get("properties") or {}).keys())
        problems_zh = "、".join(f"“{_short(u)}”" for u in unexpected)
        close = [m for u in unexpected for m in difflib.get_close_matches(str(u).lower(), allowed, n=1)]
        hint = f"是不是想写 {'、'.join(close)}？字段名区分大小写。" if close else ""
        if allowed:
            hint += f"这里可用的字段：{', '.join(allowed)}。"
        return SchemaProblem(
            "SCHEMA-002",
            (*path, str(unexpected[0])) if unexpected else path,
            f"{label}中有不认识的字段 {problems_zh}。",
            f"Unknown field(s): {', '.join(map(str, unexpected))}.",
            hint or "请删除该字段。",
        )
    if kind_name == "Type":
        expected = node.get("type")
        names = expected if isinstance(expected, list) else [expected]
        want = "或".join(TYPE_ZH.get(str(n), str(n)) for n in names)
        got = json_type(value)
        hint = field_hint
        if "string" in names and got in ("integer", "number"):
            hint = '电话、账号、编号等数字形式的文字请加引号，如 "13800000000"。'
        elif "string" in names and got == "boolean":
            hint = "yes/no/true/false 等词会被读成真假值：作为文字请加引号。"
        elif names and names[0] in ("number", "integer") and got == "string":
            hint = "数字不要加引号，也不要带单位、逗号或下划线，如 200000.00。"
        return SchemaProblem(
            "SCHEMA-003",
            path,
            f"{label}应为{want}，现在是{TYPE_ZH.get(got, got)}。",
            f"Expected {'/'.join(map(str, names))}, got {got}.",
            hint,
        )
    if kind_name in ("Enum", "Constant"):
        options = node.get("enum") if kind_name == "Enum" else [node.get("const")]
        opts = "、".join(str(o) for o in options or [])
        close = difflib.get_close_matches(str(value), [str(o) for o in options or []], n=1)
        if not close:
            close = [str(o) for o in options or [] if str(o).lower() == str(value).lower()]
        if close:
            case_only = close[0].lower() == str(value).lower()
            hint = f"是不是想写 {close[0]}？" + ("（注意大小写）" if case_only else "")
        else:
            hint = f"可选值：{opts}。"
        return SchemaProblem(
            "SCHEMA-004",
            path,
            f"{label}的值“{_short(value)}”不在允许范围内（可选：{opts}）。",
            f"Value {_short(value)!r} is not one of: {', '.join(map(str, options or []))}.",
            hint,
        )
    if kind_name == "Format":
        fmt = node.get("format", "")
        example = {"date": "2026-10-31", "date-time": "2026-10-31T17:00:00+08:00"}.get(fmt, "")
        return SchemaProblem(
            "SCHEMA-004",
            path,
            f"{label}“{_short(value)}”不是有效的{'日期' if fmt == 'date' else '时间' if fmt == 'date-time' else fmt}。",
            f"{_short(value)!r} is not a valid {fmt}.",
            f'请写成真实存在的日期，格式如 "{example}"。' if example else field_hint,
        )
    if kind_name in ("Minimum", "Maximum", "ExclusiveMinimum", "ExclusiveMaximum"):
        limit = error.kind.limit
        relation = {
            "Minimum": f"不能小于 {limit}",
            "Maximum": f"不能大于 {limit}",
            "ExclusiveMinimum": f"必须大于 {limit}",
            "ExclusiveMaximum": f"必须小于 {limit}",
        }[kind_name]
        return SchemaProblem(
            "SCHEMA-004",
            path,
            f"{label}为 {_short(value)}，{relation}。",
            f"{value} is out of range.",
            field_hint,
        )
    if kind_name in ("MinLength", "MaxLength", "MinItems", "MaxItems"):
        limit = error.kind.limit
        what = {
            "MinLength": f"至少 {limit} 个字符",
            "MaxLength": f"最多 {limit} 个字符",
            "MinItems": f"至少 {limit} 项",
            "MaxItems": f"最多 {limit} 项",
        }[kind_name]
        empty = kind_name in ("MinLength", "MinItems") and limit == 1
        return SchemaProblem(
            "SCHEMA-004",
            path,
            f"{label}不能为空。" if empty else f"{label}长度不符合要求：{what}。",
            f"{kind_name} {limit} violated.",
            field_hint,
        )
    if kind_name == "Pattern":
        return SchemaProblem(
            "SCHEMA-004",
            path,
            f"{label}的写法不符合要求：“{_short(value)}”。",
            f"{_short(value)!r} does not match the required pattern.",
            field_hint,
        )
    if kind_name == "PropertyNames":
        return SchemaProblem(
            "SCHEMA-004",
            path,
            f"{label}中有写法不符合要求的键名。",
            "A key does not match the required pattern.",
            field_hint,
        )
    if kind_name == "UniqueItems":
        return SchemaProblem(
            "SCHEMA-004", path, f"{label}中有重复的项。", "Items must be unique.", "请删除重复的项。"
        )
    return SchemaProblem(
        "SCHEMA-004",
        path,
        f"{label}不符合要求。",
        f"Schema violation ({kind_name}).",
        field_hint,
    )
