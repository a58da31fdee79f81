"""JSON Schema validation of loaded files, with findings in Chinese that name the field and how to fix it.

One compiled validator per kind, built on first use and reused (jsonschema-rs: about 100× faster than
python-jsonschema here, see the README). Error messages come from the error's kind and the field's own
Chinese ``title``/``description`` in the schema, never from the instance, so a huge or hostile value never
floods a report.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from generator.resources import shipped
from generator.rules import format_schema as fs
from generator.yamlio import TYPE_ZH, DataPath, json_type

SCHEMA_DIR = shipped().schemas  # the copies shipped with xuehui; a repository's own: ``resources``


@dataclass(frozen=True, slots=True)
class SchemaProblem:
    rule: str
    path: DataPath
    message_zh: str
    message_en: str
    hint: str
    clause: str | None = None  # the field's ``x-clause``; None: the rule's own (格式要求)


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
    merged.update({k: v for k, v in own.items() if k in ("title", "description", "x-clause")})
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
    dotted = format_data_path(path) or fs.TOP_LEVEL_PATH
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


@dataclass(frozen=True, slots=True)
class _Error:
    """What every message builder knows about one validator error."""

    error: Any
    keyword: str  # the validator's kind of error: Required, Type, Enum …
    path: DataPath
    spath: list[str | int]
    node: dict[str, Any]  # the schema node whose keyword failed
    field: dict[str, Any]  # the schema of the field at ``path``
    label: str
    value: Any
    field_hint: str


Builder = Callable[[_Error, dict[str, Any]], SchemaProblem]


def _required(e: _Error, root: dict[str, Any]) -> SchemaProblem:
    prop = e.error.kind.property
    prop_node = subschema_at(root, [*e.spath[:-1], "properties", prop])
    title = prop_node.get("title")
    desc = prop_node.get("description", "")
    text = fs.required.text(
        where=e.label if e.path else fs.TOP_LEVEL,
        name=f"“{title}”（{prop}）" if title else f"“{prop}”",
        prop=prop,
        description=f"（{desc}）" if desc else "。",
    )
    return SchemaProblem(
        "SCHEMA-001", e.path, *text, clause=prop_node.get("x-clause") or clause_at(root, e.path)
    )


def _additional(e: _Error, root: dict[str, Any]) -> SchemaProblem:
    unexpected = list(e.error.kind.unexpected)
    allowed = sorted((e.node.get("properties") or {}).keys())
    close = [m for u in unexpected for m in difflib.get_close_matches(str(u).lower(), allowed, n=1)]
    hint = fs.CLOSE_FIELD.format(close="、".join(close)) if close else ""
    if allowed:
        hint += fs.ALLOWED_FIELDS.format(allowed=", ".join(allowed))
    text = fs.unknown_field.text(
        label=e.label,
        fields_zh="、".join(f"“{_short(u)}”" for u in unexpected),
        fields=", ".join(map(str, unexpected)),
        hint=hint or "请删除该字段。",
    )
    path = (*e.path, str(unexpected[0])) if unexpected else e.path
    return SchemaProblem("SCHEMA-002", path, *text, clause=clause_at(root, e.path))


def _type(e: _Error, root: dict[str, Any]) -> SchemaProblem:
    expected = e.node.get("type")
    names = expected if isinstance(expected, list) else [expected]
    got = json_type(e.value)
    hint = e.field_hint
    if "string" in names and got in ("integer", "number"):
        hint = fs.TYPE_HINTS["quote_number"]
    elif "string" in names and got == "boolean":
        hint = fs.TYPE_HINTS["quote_boolean"]
    elif names and names[0] in ("number", "integer") and got == "string":
        hint = fs.TYPE_HINTS["plain_number"]
    text = fs.wrong_type.text(
        label=e.label,
        want="或".join(TYPE_ZH.get(str(n), str(n)) for n in names),
        got_zh=TYPE_ZH.get(got, got),
        expected="/".join(map(str, names)),
        got=got,
        hint=hint,
    )
    return SchemaProblem("SCHEMA-003", e.path, *text, clause=clause_at(root, e.path))


def _value(
    variant: str, e: _Error, root: dict[str, Any], hint: str | None = None, **values: object
) -> SchemaProblem:
    text = fs.invalid_value.text(
        variant, label=e.label, hint=hint or e.field_hint, keyword=e.keyword, **values
    )
    return SchemaProblem("SCHEMA-004", e.path, *text, clause=clause_at(root, e.path))


def _enum(e: _Error, root: dict[str, Any]) -> SchemaProblem:
    options = e.node.get("enum") if e.keyword == "Enum" else [e.node.get("const")]
    opts = "、".join(str(o) for o in options or [])
    close = difflib.get_close_matches(str(e.value), [str(o) for o in options or []], n=1)
    if not close:
        close = [str(o) for o in options or [] if str(o).lower() == str(e.value).lower()]
    if close:
        case_only = close[0].lower() == str(e.value).lower()
        hint = fs.CLOSE_VALUE.format(close=close[0]) + (fs.CASE_ONLY if case_only else "")
    else:
        hint = fs.OPTIONS.format(options=opts)
    return _value(
        "enum",
        e,
        root,
        hint,
        value=_short(e.value),
        options=opts,
        options_en=", ".join(map(str, options or [])),
    )


def _format(e: _Error, root: dict[str, Any]) -> SchemaProblem:
    fmt = e.node.get("format", "")
    example = fs.FORMAT_EXAMPLES.get(fmt, "")
    hint = fs.FORMAT_HINT.format(example=example) if example else None
    return _value(
        "format", e, root, hint, value=_short(e.value), what=fs.FORMAT_NAMES.get(fmt, fmt), format=fmt
    )


def _range(e: _Error, root: dict[str, Any]) -> SchemaProblem:
    relation = fs.RELATIONS[e.keyword].format(limit=e.error.kind.limit)
    return _value("range", e, root, value=_short(e.value), relation=relation, raw=e.value)


def _length(e: _Error, root: dict[str, Any]) -> SchemaProblem:
    limit = e.error.kind.limit
    empty = e.keyword in ("MinLength", "MinItems") and limit == 1
    what = fs.LENGTHS[e.keyword].format(limit=limit)
    return _value("empty" if empty else "length", e, root, what=what, limit=limit)


def _simple(variant: str) -> Builder:
    def build(e: _Error, root: dict[str, Any]) -> SchemaProblem:
        return _value(variant, e, root, value=_short(e.value))

    return build


# The validator's kind of error → its builder (each names its rule id); any other kind: "other".
TRANSLATIONS: dict[str, Builder] = {
    "Required": _required,
    "AdditionalProperties": _additional,
    "Type": _type,
    "Enum": _enum,
    "Constant": _enum,
    "Format": _format,
    **dict.fromkeys(fs.RELATIONS, _range),
    **dict.fromkeys(fs.LENGTHS, _length),
    "Pattern": _simple("pattern"),
    "PropertyNames": _simple("property_names"),
    "UniqueItems": _simple("unique"),
}


def clause_at(root: dict[str, Any], path: DataPath) -> str | None:
    """The ``x-clause`` of the field at ``path`` or of the nearest field it sits in (None: 格式要求)."""
    for end in range(len(path), 0, -1):
        clause = field_schema(root, path[:end]).get("x-clause")
        if isinstance(clause, str):
            return clause
    return None


def _translate(error: Any, root: dict[str, Any], data: Any) -> SchemaProblem:
    path: DataPath = tuple(error.instance_path)
    spath = list(error.schema_path)
    node = subschema_at(root, spath[:-1])
    field = field_schema(root, path) or node
    described = field.get("description", "")
    e = _Error(
        error,
        type(error.kind).__name__,
        path,
        spath,
        node,
        field,
        _field_label(field, path),
        _value_at(data, path),
        fs.FIELD_HINT.format(description=described) if described else fs.NO_FIELD_HINT,
    )
    return TRANSLATIONS.get(e.keyword, _simple("other"))(e, root)
