"""Meta-tests of the JSON Schemas in ``schemas/``.

What they pin down (see docs/data-contract.md):
- every schema is valid JSON Schema 2020-12, stands alone (local ``$ref`` only) and is written in the house
  style (2-space indent, Chinese readable, trailing newline);
- every field at every depth has a Chinese ``title`` and ``description`` and a boolean ``x-public``, and every
  object is closed (``additionalProperties: false``, or ``propertyNames`` + a value schema for maps);
- the normative examples (a copy in ``tests/fixtures/mini``) validate, typed the way the strict loader
  types values;
- a table of bad inputs per schema is rejected (unknown fields, wrong-case enums, impossible dates, missing
  required fields, hostile attachment names …) and a table of legitimate variants is accepted.
"""

from __future__ import annotations

import copy
import datetime
import decimal
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import jsonschema_rs
import pytest
import yaml
from jsonschema import Draft202012Validator

from generator.committee import classify_committee

REPO = Path(__file__).resolve().parents[1]
SCHEMA_DIR = REPO / "schemas"
# A verbatim copy of the programme's normative examples (shared/spec/examples), kept in the repository so
# the test runs from any clone; tests/test_fixture_is_normative.py keeps the copy honest when shared/ is there.
EXAMPLES = REPO / "tests" / "fixtures" / "mini" / "submissions"
NO_EXAMPLES = f"normative examples not found at {EXAMPLES}"

BASE_ID = "https://awards.example.org/schemas/"
KINDS = (
    "programme",
    "society",
    "call",
    "application",
    "review",
    "experts",
    "decisions",
    "plan",
    "report",
    "annual-inspections",
    "annual-reports",
    "entrusted-projects",
    "sanctions",
    "corrections",
    "committee",
    "results",
    "shared-ref",
    "contacts",
    "panels",
    "assignments",
    "declaration",
    "conflicts",
    "payments",
    "holidays",
)
# Kinds that are private as a whole: every field is marked "x-public": false.
PRIVATE_KINDS = (
    "review",
    "experts",
    "committee",
    "shared-ref",
    "contacts",
    "annual-inspections",
    "annual-reports",
    "entrusted-projects",
    "panels",
    "assignments",
    "declaration",
    "conflicts",
    "holidays",
)

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# Keywords the schemas may use. The metaschema accepts any unknown keyword, so a typo such as
# "maxlength" would silently do nothing; this list catches it.
KNOWN_KEYWORDS = frozenset(
    {
        "$schema",
        "$id",
        "$ref",
        "$defs",
        "title",
        "description",
        "x-public",
        "x-clause",
        "x-enum-titles",
        "default",
        "type",
        "enum",
        "const",
        "format",
        "pattern",
        "minLength",
        "maxLength",
        "minimum",
        "maximum",
        "properties",
        "required",
        "additionalProperties",
        "propertyNames",
        "minProperties",
        "dependentRequired",
        "items",
        "minItems",
        "maxItems",
        "uniqueItems",
        "anyOf",
        "if",
        "then",
    }
)
# Keywords whose subschemas state constraints on fields defined elsewhere (they define no new fields).
CONDITIONAL_KEYWORDS = ("anyOf", "oneOf", "allOf", "if", "then", "else", "not")


# ---------------------------------------------------------------------------------------------- helpers
@cache
def load_schema(kind: str) -> dict[str, Any]:
    with (SCHEMA_DIR / f"{kind}.schema.json").open(encoding="utf-8") as f:
        schema: dict[str, Any] = json.load(f)
    return schema


@cache
def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(load_schema(kind), format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def rs_validator(kind: str) -> Any:
    return jsonschema_rs.Draft202012Validator(load_schema(kind), validate_formats=True)


def loader_types(value: Any) -> Any:
    """Retype what ``yaml.safe_load`` gives the way the project's strict loader types it."""
    if isinstance(value, dict):
        return {
            str(k) if isinstance(k, int) and not isinstance(k, bool) else k: loader_types(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [loader_types(v) for v in value]
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        return decimal.Decimal(str(value))
    return value


def load_yaml(path: Path) -> Any:
    return loader_types(yaml.safe_load(path.read_text(encoding="utf-8")))


_OFFICE = {
    "annual_inspections.yaml": "annual-inspections",
    "annual_reports.yaml": "annual-reports",
    "entrusted_projects.yaml": "entrusted-projects",
    "sanctions.yaml": "sanctions",
    "experts.yaml": "experts",
}
_CYCLE_FOLDERS = {"applications": "application", "reviews": "review", "plans": "plan", "reports": "report"}


def kind_of(rel: PurePosixPath) -> str | None:
    """The schema kind of a data file, from its path relative to ``submissions/``."""
    parts = rel.parts
    if parts == ("programme.yaml",):
        return "programme"
    if len(parts) == 2 and parts[0] == "societies" and parts[1].endswith(".yaml"):
        return "society"
    if len(parts) == 2 and parts[0] == "office":
        return _OFFICE.get(parts[1])
    if parts and re.fullmatch(r"[0-9]{4}", parts[0]):
        if len(parts) == 2:
            return {"call.yaml": "call", "decisions.yaml": "decisions"}.get(parts[1])
        if len(parts) == 3 and parts[2].endswith(".yaml"):
            return _CYCLE_FOLDERS.get(parts[1])
    return None


def yaml_files(top: Path) -> list[Path]:
    return sorted(p for p in top.rglob("*.yaml") if p.is_file()) if top.is_dir() else []


def errors(kind: str, instance: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
        for e in validator(kind).iter_errors(instance)
    ]


def iter_fields(schema: dict[str, Any], pointer: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every subschema that describes a field: members of ``properties`` and ``$defs``, array ``items``
    and map values (``additionalProperties`` schemas), at every depth."""
    children: list[tuple[str, Any]] = []
    for name, sub in schema.get("properties", {}).items():
        children.append((f"{pointer}/properties/{name}", sub))
    for name, sub in schema.get("$defs", {}).items():
        children.append((f"{pointer}/$defs/{name}", sub))
    if "items" in schema:
        children.append((f"{pointer}/items", schema["items"]))
    if isinstance(schema.get("additionalProperties"), dict):
        children.append((f"{pointer}/additionalProperties", schema["additionalProperties"]))
    for child_pointer, sub in children:
        assert isinstance(sub, dict), f"{child_pointer}: a field schema must be an object"
        yield child_pointer, sub
        yield from iter_fields(sub, child_pointer)


def iter_all_subschemas(node: Any, pointer: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every dict in the schema document that sits in schema position (for keyword checks)."""
    if not isinstance(node, dict):
        return
    yield pointer, node
    for key in ("properties", "$defs", "dependentSchemas"):
        for name, sub in node.get(key, {}).items():
            yield from iter_all_subschemas(sub, f"{pointer}/{key}/{name}")
    for key in ("items", "additionalProperties", "propertyNames", "if", "then", "else", "not"):
        if isinstance(node.get(key), dict):
            yield from iter_all_subschemas(node[key], f"{pointer}/{key}")
    for key in ("anyOf", "oneOf", "allOf"):
        for i, sub in enumerate(node.get(key, [])):
            yield from iter_all_subschemas(sub, f"{pointer}/{key}/{i}")


def resolve(kind: str, sub: dict[str, Any]) -> dict[str, Any]:
    """Follow a local ``$ref`` (one level is all the schemas use)."""
    if "$ref" in sub:
        return load_schema(kind)["$defs"][sub["$ref"].removeprefix("#/$defs/")]  # type: ignore[no-any-return]
    return sub


def field_at(kind: str, *path: str) -> dict[str, Any]:
    """The field schema at a data path; ``*`` stands for an array item or a map value."""
    node = load_schema(kind)
    for part in path:
        node = resolve(kind, node)
        if part == "*":
            node = node["items"] if "items" in node else node["additionalProperties"]
        else:
            node = node["properties"][part]
    return node


# ------------------------------------------------------------------------------------ the schema files
def test_exactly_the_known_kinds_exist() -> None:
    found = sorted(p.name for p in SCHEMA_DIR.glob("*.schema.json"))
    assert found == sorted(f"{k}.schema.json" for k in KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_valid_2020_12_schema(kind: str) -> None:
    schema = load_schema(kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    jsonschema_rs.Draft202012Validator(schema, validate_formats=True)  # compiles in the fast validator too


@pytest.mark.parametrize("kind", KINDS)
def test_id_names_the_file(kind: str) -> None:
    schema_id = load_schema(kind)["$id"]
    assert schema_id == f"{BASE_ID}{kind}.schema.json"
    assert schema_id.endswith(f"/{kind}.schema.json")


@pytest.mark.parametrize("kind", KINDS)
def test_file_is_in_house_style(kind: str) -> None:
    text = (SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n", (
        "write schemas with json.dumps(..., ensure_ascii=False, indent=2) and a final newline"
    )


@pytest.mark.parametrize("kind", KINDS)
def test_root_has_chinese_title_and_description(kind: str) -> None:
    schema = load_schema(kind)
    for key in ("title", "description"):
        assert isinstance(schema.get(key), str) and CJK.search(schema[key]), f"root {key} must be Chinese"
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert isinstance(schema.get("x-public"), bool)


@pytest.mark.parametrize("kind", KINDS)
def test_schema_version_is_required_const_1(kind: str) -> None:
    schema = load_schema(kind)
    assert "schema_version" in schema["required"]
    assert schema["properties"]["schema_version"]["const"] == 1


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_has_chinese_help_and_a_public_mark(kind: str) -> None:
    problems = []
    fields = list(iter_fields(load_schema(kind)))
    assert fields
    for pointer, sub in fields:
        for key in ("title", "description"):
            value = sub.get(key)
            if not (isinstance(value, str) and value.strip() and CJK.search(value)):
                problems.append(f"{pointer}: {key} missing or not Chinese")
        if not isinstance(sub.get("x-public"), bool):
            problems.append(f"{pointer}: x-public missing or not a boolean")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind", KINDS)
def test_every_object_is_closed(kind: str) -> None:
    schema = load_schema(kind)
    problems = []
    for pointer, sub in [("#", schema), *iter_fields(schema)]:
        types = sub.get("type")
        is_object = types == "object" or (isinstance(types, list) and "object" in types)
        if "properties" in sub and sub.get("additionalProperties") is not False:
            problems.append(f"{pointer}: has properties but additionalProperties is not false")
        if is_object and "properties" not in sub:
            # A map keyed by slug or year: keys constrained, values described by a schema.
            if not isinstance(sub.get("additionalProperties"), dict) or "pattern" not in sub.get(
                "propertyNames", {}
            ):
                problems.append(
                    f"{pointer}: a map needs propertyNames.pattern and an additionalProperties schema"
                )
        if "required" in sub:
            missing = set(sub["required"]) - set(sub.get("properties", {}))
            if missing:
                problems.append(f"{pointer}: required names undefined fields {sorted(missing)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind", KINDS)
def test_conditionals_only_constrain_defined_fields(kind: str) -> None:
    """``anyOf``/``if``/``then`` may add requirements but never define new fields (those would escape the
    title, x-public and closed-object checks above)."""
    problems = []
    for pointer, sub in [("#", load_schema(kind)), *iter_fields(load_schema(kind))]:
        defined = set(sub.get("properties", {}))
        for key in CONDITIONAL_KEYWORDS:
            if key not in sub:
                continue
            branches = sub[key] if isinstance(sub[key], list) else [sub[key]]
            for branch in branches:
                names = set(branch.get("properties", {})) | set(branch.get("required", []))
                if names - defined:
                    problems.append(f"{pointer}/{key}: names undefined fields {sorted(names - defined)}")
                if "items" in branch or "additionalProperties" in branch or "$defs" in branch:
                    problems.append(f"{pointer}/{key}: defines structure")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind", KINDS)
def test_only_known_keywords_and_local_refs(kind: str) -> None:
    schema = load_schema(kind)
    problems = []
    used_defs = set()
    for pointer, sub in iter_all_subschemas(schema):
        unknown = set(sub) - KNOWN_KEYWORDS
        if unknown:
            problems.append(f"{pointer}: unknown keywords {sorted(unknown)}")
        if "$ref" in sub:
            target = sub["$ref"]
            name = target.removeprefix("#/$defs/")
            if not target.startswith("#/$defs/") or name not in schema.get("$defs", {}):
                problems.append(f"{pointer}: $ref {target!r} is not a local definition")
            used_defs.add(name)
        if "pattern" in sub:
            re.compile(sub["pattern"])
    unused = set(schema.get("$defs", {})) - used_defs
    if unused:
        problems.append(f"unused $defs: {sorted(unused)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind", KINDS)
def test_enum_titles_name_every_code_and_nothing_else(kind: str) -> None:
    """``x-enum-titles`` (the Chinese names a secretary may write for a code: the schema check then names
    the code) sits beside an ``enum`` and maps exactly its values to non-empty lists of Chinese names."""
    problems = []
    for pointer, sub in iter_all_subschemas(load_schema(kind)):
        titles = sub.get("x-enum-titles")
        if titles is None:
            continue
        if set(titles) != set(sub.get("enum", ())):
            problems.append(f"{pointer}: x-enum-titles keys {sorted(titles)} differ from the enum")
        for code, names in titles.items():
            if not names or not all(isinstance(n, str) and n.strip() and not n.isascii() for n in names):
                problems.append(f"{pointer}: {code}: the names must be a non-empty list of Chinese words")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind", KINDS)
def test_strings_are_bounded(kind: str) -> None:
    problems = []
    for pointer, sub in iter_all_subschemas(load_schema(kind)):
        types = sub.get("type")
        if (types == "string" or (isinstance(types, list) and "string" in types)) and "enum" not in sub:
            if "maxLength" not in sub:
                problems.append(f"{pointer}: free text needs maxLength")
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------------------------------- privacy
@pytest.mark.parametrize("kind", PRIVATE_KINDS)
def test_private_kinds_mark_every_field_private(kind: str) -> None:
    schema = load_schema(kind)
    assert schema["x-public"] is False
    public = [p for p, sub in iter_fields(schema) if sub["x-public"] is not False and "/$defs/" not in p]
    assert not public, f"fields of a private file marked public: {public}"


@pytest.mark.parametrize(
    ("kind", "path", "public"),
    [
        ("programme", ("office", "maintainers"), False),
        ("programme", ("office", "email"), True),
        ("programme", ("expense_categories",), True),
        ("society", ("maintainers",), False),
        ("society", ("credit_code",), True),
        ("application", ("eligibility", "secretariat", "secretary_general", "name"), False),
        ("application", ("eligibility", "secretariat", "deputy_secretary_general", "name"), False),
        ("application", ("eligibility", "secretariat", "secretary_general", "employment"), True),
        ("application", ("eligibility", "finance", "independent_bank_account"), True),
        ("society", ("email",), True),
        ("decisions", ("formal_review", "results", "*", "verified", "independent_bank_account"), True),
        ("application", ("attachments",), False),
        ("application", ("budget", "lines", "*", "amount"), True),
        ("application", ("achievements", "innovation", "*", "title"), True),
        ("decisions", ("expert_review", "date"), True),
        ("results", ("standings", "*", "total"), True),
        ("results", ("fingerprint",), True),
        ("committee", ("members",), False),
        ("decisions", ("formal_review", "results", "*", "reason"), True),
        ("decisions", ("objections", "*", "summary"), True),
        ("decisions", ("commendation", "awards", "*", "amount"), True),
        ("sanctions", ("sanctions", "*", "summary"), True),
        ("plan", ("fund_directions", "*", "amount"), True),
        ("report", ("spending", "*", "item"), True),
    ],
)
def test_public_marks(kind: str, path: tuple[str, ...], public: bool) -> None:
    assert field_at(kind, *path)["x-public"] is public


# ------------------------------------------------------------------------------- normative examples
def example_files() -> list[Any]:
    files = yaml_files(EXAMPLES)
    if not files:
        return [pytest.param(None, marks=pytest.mark.skip(reason=NO_EXAMPLES), id="no-examples")]
    return [pytest.param(p, id=p.relative_to(EXAMPLES).as_posix()) for p in files]


@pytest.mark.parametrize("path", example_files())
def test_normative_example_validates(path: Path) -> None:
    kind = kind_of(PurePosixPath(path.relative_to(EXAMPLES).as_posix()))
    assert kind is not None, f"no schema kind for {path}"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    data = normative(path)
    assert errors(kind, data) == []
    assert rs_validator(kind).is_valid(data)
    if header.startswith("# yaml-language-server: $schema="):
        assert header.endswith(f"/schemas/{kind}.schema.json")


def test_every_kind_has_a_normative_example() -> None:
    files = yaml_files(EXAMPLES)
    if not files:
        pytest.skip(NO_EXAMPLES)
    kinds = {kind_of(PurePosixPath(p.relative_to(EXAMPLES).as_posix())) for p in files}
    assert kinds == set(KINDS) - EXTENSION_KINDS


# Kinds this project adds to the normative format (docs/data-contract.md); their examples live in their tests
# or beside them: corrections (tests/test_closed_records.py), the committee repository's files
# (examples/committee/), the recorded results (submissions/<cycle>/results.yaml, tests/test_committee.py).
EXTENSION_KINDS = {
    "corrections",
    "committee",
    "results",
    "shared-ref",
    "contacts",
    "panels",
    "assignments",
    "declaration",
    "conflicts",
    "payments",
    "holidays",
}


def normative(path: Path) -> Any:
    """A normative example as this project reads it: the committee membership the normative decisions still
    hold has moved to the committee repository (``<cycle>/committee.yaml``, docs/data-contract.md), and so have
    the application's contact person and bank account (``contacts/<cycle>.yaml``)."""
    data = load_yaml(path)
    if path.name == "decisions.yaml" and isinstance(data.get("expert_review"), dict):
        data["expert_review"].pop("committee", None)
    if "/applications/" in path.as_posix():  # personal contacts and accounts moved there too (issue 11)
        data.pop("contact", None)
        data.get("eligibility", {}).get("finance", {}).pop("bank_account", None)
    return data


@pytest.mark.parametrize(
    "path",
    [
        *sorted((REPO / "examples" / "committee").rglob("*.yaml")),
        *sorted((REPO / "submissions").glob("*/results.yaml")),
    ],
    ids=lambda p: p.relative_to(REPO).as_posix(),
)
def test_committee_examples_and_results_validate(path: Path) -> None:
    rel = path.relative_to(REPO).as_posix()
    kind = "results" if rel.endswith("/results.yaml") else classify_committee(rel.split("/", 2)[2]).kind  # type: ignore[union-attr]
    data = load_yaml(path)
    assert errors(kind, data) == []
    assert rs_validator(kind).is_valid(data)


# ------------------------------------------------------------------------------- negative cases
# Each case: (schema kind, example file under EXAMPLES, edits, accepted?).
# An edit is ("set", "dotted.path[0].key", value) or ("del", "dotted.path").
APP = "2026/applications/wuhan-mechanical-engineering.yaml"
CALL = "2026/call.yaml"
DEC = "2026/decisions.yaml"
PLAN = "2026/plans/wuhan-mechanical-engineering.yaml"
REP = "2026/reports/wuhan-mechanical-engineering.midterm.yaml"
REV = "2026/reviews/expert-zhao.yaml"
PROG = "programme.yaml"
SOC = "societies/wuhan-mechanical-engineering.yaml"
AI = "office/annual_inspections.yaml"
AR = "office/annual_reports.yaml"
EP = "office/entrusted_projects.yaml"
EXP = "office/experts.yaml"
SAN = "office/sanctions.yaml"
MECH = "wuhan-mechanical-engineering"
D = decimal.Decimal

SANCTION = {
    "id": "2027-cf-001",
    "society": MECH,
    "decided": "2027-05-10",
    "kind": "fraud",
    "cycle": 2026,
    "summary": "虚报2025年度学术交流活动场次",
    "revoke_award": True,
    "reclaim_amount": D("50000.00"),
    "bans_applications": True,
}
OBJECTION = {
    "id": "2026-yy-01",
    "received": "2026-11-27",
    "society": MECH,
    "summary": "反映年检材料与实际不符",
    "status": "pending",
}
STAGE = {"date": "2027-07-30", "results": {MECH: {"result": "合格", "note": "按计划推进"}}}


def s(path: str, value: Any) -> tuple[str, str, Any]:
    return ("set", path, value)


def d(path: str) -> tuple[str, str, None]:
    return ("del", path, None)


CASES: list[tuple[str, str, str, list[tuple[str, str, Any]], bool]] = [
    # id, kind, example, edits, accepted
    ("prog-unknown-field", "programme", PROG, [s("extra", 1)], False),
    ("prog-area-wrong-case", "programme", PROG, [s("areas.Innovation", {"title": "x"})], False),
    ("prog-area-missing", "programme", PROG, [d("areas.scientists")], False),
    (
        "prog-category-key-case",
        "programme",
        PROG,
        [s("expense_categories.Academic", {"title": "x", "area": "innovation"})],
        False,
    ),
    (
        "prog-category-area-case",
        "programme",
        PROG,
        [s("expense_categories.journal.area", "Innovation")],
        False,
    ),
    ("prog-deadline-month", "programme", PROG, [s("eligibility.annual_report_deadline", "13-01")], False),
    ("prog-lookback-ok", "programme", PROG, [s("eligibility.sanction_lookback_years", 2)], True),
    ("prog-no-maintainers", "programme", PROG, [d("office.maintainers")], False),
    ("prog-empty-maintainers", "programme", PROG, [s("office.maintainers", [])], False),
    ("prog-http-url", "programme", PROG, [s("site.url", "http://awards.example.org/")], False),
    ("prog-unknown-office-field", "programme", PROG, [s("office.fax", "027-1")], False),
    ("soc-unknown-field", "society", SOC, [s("president", "张三")], False),
    ("soc-code-letter-I", "society", SOC, [s("credit_code", "51420100500012358I")], False),
    ("soc-code-lowercase", "society", SOC, [s("credit_code", "51420100500012358x")], False),
    ("soc-code-fullwidth", "society", SOC, [s("credit_code", "５1420100500012358X")], False),
    ("soc-code-short", "society", SOC, [s("credit_code", "5142010050001235")], False),
    ("soc-http-website", "society", SOC, [s("website", "http://mech.example.org/")], False),
    ("soc-founded-text", "society", SOC, [s("founded", "1979")], False),
    ("soc-slug-case", "society", SOC, [s("slug", "Wuhan-Mech")], False),
    ("soc-bad-date", "society", SOC, [s("council_elected", "2024-02-30")], False),
    ("soc-missing-name", "society", SOC, [d("name")], False),
    ("soc-bad-login", "society", SOC, [s("maintainers", ["-bad"])], False),
    (
        "soc-extensions",
        "society",
        SOC,
        [
            s("short_name", "武汉机械学会"),
            s("discipline", "机械工程"),
            s("introduction", "学会成立于1979年。"),
        ],
        True,
    ),
    ("soc-empty-discipline", "society", SOC, [s("discipline", "")], False),
    ("call-unknown-field", "call", CALL, [s("deadlines", "x")], False),
    ("call-deadline-no-offset", "call", CALL, [s("deadline", "2026-10-31T17:00:00")], False),
    ("call-deadline-space", "call", CALL, [s("deadline", "2026-10-31 17:00")], False),
    ("call-deadline-date-only", "call", CALL, [s("deadline", "2026-10-31")], False),
    ("call-deadline-utc", "call", CALL, [s("deadline", "2026-10-31T09:00:00Z")], True),
    ("call-day-kind-case", "call", CALL, [s("publicity.day_kind", "Calendar")], False),
    ("call-bad-date", "call", CALL, [s("published", "2024-02-30")], False),
    ("call-points-decimal", "call", CALL, [s("scoring.max_points.innovation", D("30.5"))], False),
    ("call-points-area-case", "call", CALL, [s("scoring.max_points.Innovation", 1)], False),
    (
        "call-extensions",
        "call",
        CALL,
        [
            s("issuer", "武汉市科学技术协会"),
            s("scoring.trim_min_reviewers", 5),
            s("implementation_period", {"start": "2027-01-01", "end": "2027-12-31"}),
        ],
        True,
    ),
    ("call-period-half", "call", CALL, [s("implementation_period", {"start": "2027-01-01"})], False),
    ("call-no-awards", "call", CALL, [s("awards", [])], False),
    ("call-negative-amount", "call", CALL, [s("awards[0].amount", D("-1"))], False),
    ("call-amount-text", "call", CALL, [s("awards[0].amount", "200000.00")], False),
    ("call-cycle-range", "call", CALL, [s("cycle", 1999)], False),
    ("call-missing-deadline", "call", CALL, [d("deadline")], False),
    ("app-unknown-field", "application", APP, [s("extra", 1)], False),
    # Issue 11: no personal contact and no bank account in the shared tree; the schema refuses both blocks.
    (
        "app-contact-refused",
        "application",
        APP,
        [
            s(
                "contact",
                {"name": "张三", "role": "秘书长", "phone": "13000000000", "email": "zhangsan@example.org"},
            )
        ],
        False,
    ),
    ("app-board-body-space", "application", APP, [s("board_approval.body", "理事会 ")], False),
    ("app-board-body-other", "application", APP, [s("board_approval.body", "董事会")], False),
    ("app-board-date", "application", APP, [s("board_approval.date", "2024-02-30")], False),
    (
        "app-inspection-basic",
        "application",
        APP,
        [s("eligibility.annual_inspections[0].result", "基本合格")],
        True,
    ),
    (
        "app-inspection-english",
        "application",
        APP,
        [s("eligibility.annual_inspections[0].result", "Pass")],
        False,
    ),
    (
        "app-employment",
        "application",
        APP,
        [s("eligibility.secretariat.secretary_general.employment", "全职")],
        False,
    ),
    # Neither a secretary-general nor a deputy is a rule finding (ELIG-006, 三（一）), not a schema error.
    ("app-no-secretary", "application", APP, [d("eligibility.secretariat.secretary_general")], True),
    (
        "app-deputy-instead",
        "application",
        APP,
        [
            d("eligibility.secretariat.secretary_general"),
            s("eligibility.secretariat.deputy_secretary_general", {"name": "张华", "employment": "兼职"}),
        ],
        True,
    ),
    ("app-no-staff", "application", APP, [d("eligibility.secretariat.staff")], False),
    (
        "app-bank-account-refused",
        "application",
        APP,
        [s("eligibility.finance.bank_account", {"bank": "示例银行", "number": "6200000000000000000"})],
        False,
    ),
    ("app-declaration-text", "application", APP, [s("declarations.materials_truthful", "true")], False),
    ("app-area-case", "application", APP, [s("achievements.Innovation", [])], False),
    ("app-no-achievements", "application", APP, [s("achievements", {})], False),
    ("app-area-absent", "application", APP, [d("achievements.scientists")], True),
    ("app-kind-case", "application", APP, [s("achievements.innovation[0].kind", "Academic_exchange")], False),
    (
        "app-evidence-http",
        "application",
        APP,
        [s("achievements.innovation[0].evidence", ["http://x.example.org/"])],
        False,
    ),
    ("app-negative-line", "application", APP, [s("budget.lines[0].amount", D("-0.01"))], False),
    ("app-total-text", "application", APP, [s("budget.requested_total", "200000")], False),
    ("app-line-category-case", "application", APP, [s("budget.lines[0].category", "Training")], False),
    ("app-missing-budget", "application", APP, [d("budget")], False),
    (
        "app-attachment-ok",
        "application",
        APP,
        [
            s(
                "attachments",
                [{"title": "年检结论", "file": "年检结论.pdf"}, {"title": "决议", "file": "SCAN 01.JPG"}],
            )
        ],
        True,
    ),
    (
        "app-attachment-dotdot",
        "application",
        APP,
        [s("attachments", [{"title": "x", "file": "../x.pdf"}])],
        False,
    ),
    (
        "app-attachment-abs",
        "application",
        APP,
        [s("attachments", [{"title": "x", "file": "/etc/passwd"}])],
        False,
    ),
    (
        "app-attachment-folder",
        "application",
        APP,
        [s("attachments", [{"title": "x", "file": "a/../../b.pdf"}])],
        False,
    ),
    (
        "app-attachment-backslash",
        "application",
        APP,
        [s("attachments", [{"title": "x", "file": "a\\b.pdf"}])],
        False,
    ),
    (
        "app-attachment-hidden",
        "application",
        APP,
        [s("attachments", [{"title": "x", "file": ".x.pdf"}])],
        False,
    ),
    (
        "app-attachment-exe",
        "application",
        APP,
        [s("attachments", [{"title": "x", "file": "x.pdf.exe"}])],
        False,
    ),
    ("app-attachment-no-title", "application", APP, [s("attachments", [{"file": "x.pdf"}])], False),
    ("rev-missing-area", "review", REV, [d("scores[0].points.scientists")], False),
    ("rev-negative-points", "review", REV, [s("scores[0].points.innovation", -1)], False),
    ("rev-decimal-points", "review", REV, [s("scores[0].points.innovation", D("25.5"))], True),
    ("rev-expert-case", "review", REV, [s("expert", "Expert-Zhao")], False),
    ("rev-duplicate-conflict", "review", REV, [s("conflicts", [MECH, MECH])], False),
    ("rev-unknown-score-field", "review", REV, [s("scores[0].rank", 1)], False),
    ("exp-unknown-field", "experts", EXP, [s("experts[0].phone", "13800000000")], False),
    ("exp-missing-affiliations", "experts", EXP, [d("experts[0].affiliations")], False),
    ("dec-objection-ok", "decisions", DEC, [s("objections", [OBJECTION])], True),
    ("dec-objection-case", "decisions", DEC, [s("objections", [{**OBJECTION, "status": "Pending"}])], False),
    (
        "dec-objection-resolved",
        "decisions",
        DEC,
        [
            s(
                "objections",
                [{**OBJECTION, "status": "dismissed", "resolved": "2026-12-02", "outcome": "经核实不成立"}],
            )
        ],
        True,
    ),
    (
        "dec-objection-bad-date",
        "decisions",
        DEC,
        [s("objections", [{**OBJECTION, "resolved": "2024-02-30"}])],
        False,
    ),
    (
        "dec-objection-complainant",
        "decisions",
        DEC,
        [s("objections", [{**OBJECTION, "complainant": "某人"}])],
        False,
    ),
    (
        "dec-objection-missing-status",
        "decisions",
        DEC,
        [s("objections", [{k: v for k, v in OBJECTION.items() if k != "status"}])],
        False,
    ),
    ("dec-stage-date-only", "decisions", DEC, [s("inspections.midterm", {"date": "2027-07-30"})], False),
    (
        "dec-stage-ok",
        "decisions",
        DEC,
        [s("inspections.midterm", STAGE), s("inspections.final", STAGE)],
        True,
    ),
    (
        "dec-stage-result",
        "decisions",
        DEC,
        [s("inspections.final", {**STAGE, "results": {MECH: {"result": "基本合格"}}})],
        False,
    ),
    (
        "dec-commendation-done",
        "decisions",
        DEC,
        [
            s("commendation.date", "2026-12-10"),
            s("commendation.doc_number", "武科协〔2026〕30号"),
            s("commendation.awards", [{"society": MECH, "tier": "一等", "amount": D("200000.00")}]),
        ],
        True,
    ),
    ("dec-commendation-bad-date", "decisions", DEC, [s("commendation.date", "2024-02-30")], False),
    ("dec-commendation-empty-doc", "decisions", DEC, [s("commendation.doc_number", "")], False),
    ("dec-commendation-no-awards", "decisions", DEC, [d("commendation.awards")], False),
    ("dec-results-key", "decisions", DEC, [s("formal_review.results.Bad_Slug", {"passed": True})], False),
    (
        "dec-reason",
        "decisions",
        DEC,
        [s(f"formal_review.results.{MECH}", {"passed": False, "reason": "年检不合格"})],
        True,
    ),
    ("dec-publicity-date", "decisions", DEC, [s("publicity.start", "2024-02-30")], False),
    ("dec-missing-cycle", "decisions", DEC, [d("cycle")], False),
    ("dec-committee-moved", "decisions", DEC, [s("expert_review.committee", ["expert-zhao"])], False),
    ("plan-bad-date", "plan", PLAN, [s("milestones[0].due", "2027-02-30")], False),
    ("plan-negative-target", "plan", PLAN, [s("indicators[0].target", -1)], False),
    ("plan-missing-directions", "plan", PLAN, [d("fund_directions")], False),
    ("plan-unknown-indicator-field", "plan", PLAN, [s("indicators[0].weight", 1)], False),
    ("rep-stage-case", "report", REP, [s("stage", "Midterm")], False),
    ("rep-final", "report", REP, [s("stage", "final")], True),
    ("rep-not-leap", "report", REP, [s("spending[0].date", "2027-02-29")], False),
    ("rep-missing-summary", "report", REP, [d("summary")], False),
    ("ai-year-key", "annual-inspections", AI, [s("years.24", {})], False),
    ("ai-result-english", "annual-inspections", AI, [s(f"years.2024.{MECH}", "Pass")], False),
    ("ai-result-basic", "annual-inspections", AI, [s(f"years.2024.{MECH}", "基本合格")], True),
    ("ai-slug-key", "annual-inspections", AI, [s("years.2024.Mech", "合格")], False),
    ("ar-null", "annual-reports", AR, [s(f"years.2024.{MECH}.summary", None)], True),
    ("ar-bad-date", "annual-reports", AR, [s(f"years.2024.{MECH}.plan", "2024-02-30")], False),
    ("ar-missing-plan", "annual-reports", AR, [d(f"years.2024.{MECH}.plan")], False),
    ("ep-status-case", "entrusted-projects", EP, [s("projects[0].status", "Completed")], False),
    ("ep-completed-needs-date", "entrusted-projects", EP, [d("projects[0].completed")], False),
    (
        "ep-in-progress",
        "entrusted-projects",
        EP,
        [d("projects[0].completed"), s("projects[0].status", "in_progress")],
        True,
    ),
    ("ep-bad-date", "entrusted-projects", EP, [s("projects[0].due", "2025-02-30")], False),
    ("san-ok", "sanctions", SAN, [s("sanctions", [SANCTION])], True),
    ("san-kind-case", "sanctions", SAN, [s("sanctions", [{**SANCTION, "kind": "Fraud"}])], False),
    (
        "san-missing-reclaim",
        "sanctions",
        SAN,
        [s("sanctions", [{k: v for k, v in SANCTION.items() if k != "reclaim_amount"}])],
        False,
    ),
    ("san-bad-date", "sanctions", SAN, [s("sanctions", [{**SANCTION, "decided": "2027-02-30"}])], False),
    ("san-unknown-field", "sanctions", SAN, [s("sanctions", [{**SANCTION, "fine": 1}])], False),
]


def _parse_path(path: str) -> list[str | int]:
    out: list[str | int] = []
    for part in path.split("."):
        m = re.fullmatch(r"([^\[]+)((?:\[[0-9]+\])*)", part)
        assert m, path
        out.append(m.group(1))
        out.extend(int(i) for i in re.findall(r"\[([0-9]+)\]", m.group(2)))
    return out


def apply_edits(doc: Any, edits: list[tuple[str, str, Any]]) -> Any:
    doc = copy.deepcopy(doc)
    for op, path, value in edits:
        *parents, last = _parse_path(path)
        node = doc
        for key in parents:
            node = node[key]
        if op == "set":
            node[last] = copy.deepcopy(value)
        else:
            del node[last]
    return doc


@pytest.mark.parametrize(
    ("kind", "example", "edits", "accepted"), [pytest.param(*c[1:], id=c[0]) for c in CASES]
)
def test_case(kind: str, example: str, edits: list[tuple[str, str, Any]], accepted: bool) -> None:
    path = EXAMPLES / example
    if not path.is_file():
        pytest.skip(NO_EXAMPLES)
    assert kind_of(PurePosixPath(example)) == kind
    doc = apply_edits(normative(path), edits)
    found = errors(kind, doc)
    if accepted:
        assert found == []
    else:
        assert found, "expected the schema to reject this document"
    assert rs_validator(kind).is_valid(doc) is accepted, "jsonschema_rs disagrees with jsonschema"


@pytest.mark.parametrize("kind", KINDS)
def test_schema_version_must_be_1(kind: str) -> None:
    assert errors(kind, {"schema_version": 2})
    assert errors(kind, {"schema_version": "1"})
    assert errors(kind, {"schema_version": True})
    assert errors(kind, [])
    assert errors(kind, {})


def test_decisions_needs_only_version_and_cycle() -> None:
    assert errors("decisions", {"schema_version": 1, "cycle": 2026}) == []
    assert (
        errors("decisions", {"schema_version": 1, "cycle": 2026, "inspections": {"midterm": {}, "final": {}}})
        == []
    )
    assert errors("decisions", {"schema_version": 1})


def test_empty_office_records_are_valid() -> None:
    assert errors("sanctions", {"schema_version": 1, "sanctions": []}) == []
    assert errors("entrusted-projects", {"schema_version": 1, "projects": []}) == []
    assert errors("annual-inspections", {"schema_version": 1, "years": {}}) == []
    assert errors("annual-reports", {"schema_version": 1, "years": {}}) == []


def test_loader_typing_helper() -> None:
    data = loader_types(
        yaml.safe_load("a: 2026-11-25\nb: 2026-10-31T17:00:00+08:00\nc: 1.50\n2024: {x: 1}\n")
    )
    assert data == {"a": "2026-11-25", "b": "2026-10-31T17:00:00+08:00", "c": D("1.5"), "2024": {"x": 1}}


# ------------------------------------------------------------------- the project's own example data
def submission_files() -> list[Any]:
    files = yaml_files(REPO / "submissions")
    if not files:
        return [pytest.param(None, marks=pytest.mark.skip(reason="no submissions/ data yet"), id="none")]
    return [pytest.param(p, id=p.relative_to(REPO / "submissions").as_posix()) for p in files]


@pytest.mark.parametrize("path", submission_files())
def test_shipped_submissions_validate(path: Path) -> None:
    kind = kind_of(PurePosixPath(path.relative_to(REPO / "submissions").as_posix()))
    if kind is None:
        pytest.skip(f"{path.name} is not a data file of any kind")
    assert errors(kind, load_yaml(path)) == []


@pytest.mark.parametrize("kind", KINDS)
def test_clause_annotations_name_a_clause_of_the_programme(kind: str) -> None:
    """``x-clause`` (the clause a field embodies, cited by its SCHEMA findings) is a heading of the seed."""
    clause = re.compile(r"^[一二三四五六七八九十]（[一二三四五六七八九十]）$")
    for pointer, sub in iter_fields(load_schema(kind)):
        if "x-clause" in sub:
            assert clause.match(sub["x-clause"]), (pointer, sub["x-clause"])


def test_the_published_schemas_hold_nothing_the_output_scan_stops() -> None:
    """Every site publishes the schemas (data/schemas/), whatever the programme's own addresses are: their
    examples must be no one's by construction (a placeholder at a reserved domain), or a build of any tree
    whose office or societies use other addresses stops at its output scan."""
    from generator.personal import normal_form, recognise

    for path in sorted((REPO / "schemas").glob("*.schema.json")):
        found = recognise(normal_form(path.read_text(encoding="utf-8")))
        assert found == [], (path.name, found)
