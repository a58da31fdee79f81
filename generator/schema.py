"""JSON Schema validation of loaded files, with findings in Chinese that name the field and how to fix it.

One compiled validator per kind, built on first use and reused (jsonschema-rs: about 100× faster than
python-jsonschema here, see the README). Each error becomes a ``SchemaProblem``: values (the rule, the
message variant, the facts the message names, the field's clause), put into words above this module by
``generator.rules.format_schema``, which declares the messages. The facts come from the error's kind and the
field's own Chinese ``title``/``description`` in the schema; a value from the instance is cut short, so a
huge or hostile value never floods a report.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from msgspec import Struct

from generator.resources import shipped
from generator.yamlio import DataPath, json_type

SCHEMA_DIR = shipped().schemas  # the copies shipped with xuehui; a repository's own: ``resources``


class SchemaProblem(Struct, frozen=True):
    """One schema error, as values: the rule and its message variant (``generator.rules.format_schema``),
    the facts the message names (name → value pairs), and the clause of the field."""

    rule: str
    path: DataPath
    variant: str = ""
    values: tuple[tuple[str, object], ...] = ()
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


def _short(value: Any, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def validate(kind: str, data: dict[str, Any], schema_dir: Path = SCHEMA_DIR) -> list[SchemaProblem]:
    """Every schema error of ``data`` as a problem (``generator.rules.format_schema`` says it in words)."""
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


class _Error(Struct, frozen=True):
    """What every problem builder knows about one validator error."""

    error: Any
    keyword: str  # the validator's kind of error: Required, Type, Enum …
    path: DataPath
    spath: list[str | int]
    node: dict[str, Any]  # the schema node whose keyword failed
    field: dict[str, Any]  # the schema of the field at ``path``
    value: Any

    def facts(self) -> dict[str, object]:
        """What every message may name: the field (its title and path, for the label) and its description
        (for the hint)."""
        return {
            "title": self.field.get("title"),
            "at": self.path,
            "described": self.field.get("description", ""),
        }


Builder = Callable[[_Error, dict[str, Any]], SchemaProblem]


def _problem(
    rule: str,
    e: _Error,
    root: dict[str, Any],
    variant: str = "",
    path: DataPath | None = None,
    clause: str | None = None,
    **values: object,
) -> SchemaProblem:
    """A problem with the facts of ``e``'s field and ``values``; the clause is ``clause`` or the field's."""
    facts = tuple({**e.facts(), **values}.items())
    where = e.path if path is None else path
    return SchemaProblem(rule, where, variant, facts, clause or clause_at(root, e.path))


def _required(e: _Error, root: dict[str, Any]) -> SchemaProblem:
    prop = e.error.kind.property
    prop_node = subschema_at(root, [*e.spath[:-1], "properties", prop])
    return _problem(
        "SCHEMA-001",
        e,
        root,
        clause=prop_node.get("x-clause"),
        prop=prop,
        prop_title=prop_node.get("title"),
        prop_description=prop_node.get("description", ""),
    )


def _additional(e: _Error, root: dict[str, Any]) -> SchemaProblem:
    unexpected = list(e.error.kind.unexpected)
    allowed = sorted((e.node.get("properties") or {}).keys())
    props = e.node.get("properties") or {}
    named = {k: [str(v.get("title", ""))] for k, v in props.items() if isinstance(v, dict)}
    titled = [c for u in unexpected if (c := titled_code(u, named) or _title_prefix(u, named))]
    if titled:
        close = titled
    else:
        import difflib  # only for a finding that suggests a close match

        close = [m for u in unexpected for m in difflib.get_close_matches(str(u).lower(), allowed, n=1)]
    path = (*e.path, str(unexpected[0])) if unexpected else e.path
    return _problem(
        "SCHEMA-002",
        e,
        root,
        path=path,
        unexpected=tuple(_short(u) for u in unexpected),
        unexpected_en=tuple(str(u) for u in unexpected),
        close=tuple(close),
        allowed=tuple(allowed),
    )


def _title_prefix(key: object, titles: Mapping[str, Sequence[str]]) -> str | None:
    """The field whose Chinese title begins with ``key`` (服务创新能力 → innovation, titled
    服务创新能力业绩), when exactly one does."""
    wanted = plain(key)
    if len(wanted) < 2 or wanted.isascii():
        return None
    found = [code for code, names in titles.items() if any(plain(n).startswith(wanted) for n in names)]
    return found[0] if len(found) == 1 else None


def _type(e: _Error, root: dict[str, Any]) -> SchemaProblem:
    expected = e.node.get("type")
    names = expected if isinstance(expected, list) else [expected]
    return _problem(
        "SCHEMA-003",
        e,
        root,
        expected=tuple(str(n) for n in names),
        got=json_type(e.value),
        value=_short(e.value),
        plain=plain(e.value) if isinstance(e.value, str) else "",
    )


def plain(value: object) -> str:
    """A value as compared with a code's Chinese names: NFKC (full-width letters and digits become
    ASCII), trimmed."""
    return unicodedata.normalize("NFKC", str(value)).strip()


def titled_code(value: object, titles: Mapping[str, Sequence[str]]) -> str | None:
    """The code whose Chinese name ``value`` is (after ``plain``), or None. ``titles`` maps each code to its
    names: a field's ``x-enum-titles`` in a schema, or the programme's category and area titles."""
    wanted = plain(value)
    if not wanted:
        return None
    return next((code for code, names in titles.items() if wanted in (plain(n) for n in names)), None)


def _enum(e: _Error, root: dict[str, Any]) -> SchemaProblem:
    import difflib  # only for a finding

    options = e.node.get("enum") if e.keyword == "Enum" else [e.node.get("const")]
    titles: dict[str, list[str]] = e.node.get("x-enum-titles") or {}
    close = difflib.get_close_matches(str(e.value), [str(o) for o in options or []], n=1)
    if not close:
        close = [str(o) for o in options or [] if str(o).lower() == str(e.value).lower()]
    return _problem(
        "SCHEMA-004",
        e,
        root,
        "enum",
        keyword=e.keyword,
        value=_short(e.value),
        options=tuple(str(o) for o in options or []),
        option_titles=tuple(titles.get(str(o), [""])[0] for o in options or []),
        titled=titled_code(e.value, titles),
        close=close[0] if close else None,
        case_only=bool(close) and close[0].lower() == str(e.value).lower(),
    )


def _format(e: _Error, root: dict[str, Any]) -> SchemaProblem:
    fmt = e.node.get("format", "")
    return _problem(
        "SCHEMA-004",
        e,
        root,
        "format",
        keyword=e.keyword,
        value=_short(e.value),
        plain=plain(e.value),
        format=fmt,
    )


def _range(e: _Error, root: dict[str, Any]) -> SchemaProblem:
    limit = e.error.kind.limit
    return _problem(
        "SCHEMA-004", e, root, "range", keyword=e.keyword, value=_short(e.value), raw=e.value, limit=limit
    )


def _length(e: _Error, root: dict[str, Any]) -> SchemaProblem:
    limit = e.error.kind.limit
    empty = e.keyword in ("MinLength", "MinItems") and limit == 1
    variant = "empty" if empty else "length"
    return _problem(
        "SCHEMA-004",
        e,
        root,
        variant,
        keyword=e.keyword,
        limit=limit,
        value=_short(e.value),
        plain=plain(e.value),
    )


def _simple(variant: str) -> Builder:
    def build(e: _Error, root: dict[str, Any]) -> SchemaProblem:
        return _problem(
            "SCHEMA-004", e, root, variant, keyword=e.keyword, value=_short(e.value), plain=plain(e.value)
        )

    return build


RANGE_KEYWORDS = ("Minimum", "Maximum", "ExclusiveMinimum", "ExclusiveMaximum")
LENGTH_KEYWORDS = ("MinLength", "MaxLength", "MinItems", "MaxItems")

# The validator's kind of error → its builder (each names its rule id); any other kind: "other".
TRANSLATIONS: dict[str, Builder] = {
    "Required": _required,
    "AdditionalProperties": _additional,
    "Type": _type,
    "Enum": _enum,
    "Constant": _enum,
    "Format": _format,
    **dict.fromkeys(RANGE_KEYWORDS, _range),
    **dict.fromkeys(LENGTH_KEYWORDS, _length),
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
    e = _Error(error, type(error.kind).__name__, path, spath, node, field, _value_at(data, path))
    return TRANSLATIONS.get(e.keyword, _simple("other"))(e, root)
