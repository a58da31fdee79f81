"""The file kinds' registries (``generator.kinds``): every declaration complete and consistent with the
schemas, the public classes and the layout it replaced; and a worked example showing that a new kind is one
module, one registry line and its schema, with no other module edited."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator import authority, kinds, needs, public
from generator.checker import build_dataset, check, parse_all
from generator.clock import parse_now
from generator.kinds import COMMITTEE, SHARED, FileKind, KindSpec, Owner
from generator.kinds.spec import CYCLE, OFFICE_MAX_BYTES, Need, at
from generator.model import Dataset
from generator.paths import SLUG, SUBMISSIONS
from generator.repository import Source
from generator.rules.base import Context
from generator.yamlio import MAX_BYTES
from tests.helpers import REPO, mini_tree

ALL = (*SHARED, *COMMITTEE)

# The table ``generator/kinds.py`` held before the registry, in its order (classification order).
OLD_SHARED_ORDER = (
    "programme",
    "society",
    "annual-inspections",
    "annual-reports",
    "entrusted-projects",
    "sanctions",
    "corrections",
    "holidays",  # added with the office's holiday table (issue 24)
    "call",
    "decisions",
    "application",
    "results",
    "plan",
    "report",
    "attachment",
)
OLD_COMMITTEE_ORDER = (
    "shared-ref",
    "experts",
    "committee",
    "review",
    "contacts",
    "panels",
    "assignments",
    "declaration",
    "conflicts",
)
OLD_SOCIETY_KINDS = {"society", "application", "plan", "report", "attachment"}  # authority.SOCIETY_KINDS
OLD_OFFICE_KINDS = {"annual-inspections", "annual-reports", "entrusted-projects", "sanctions"}  # 8 MiB
SCOPES = {"all", "cycle", "society", "society-cycle", "cycle-if-renamed", "all-if-personal"}


def test_the_registries_keep_the_old_classification_order() -> None:
    names = tuple(s.name for s in SHARED)
    assert names[: len(OLD_SHARED_ORDER)] == OLD_SHARED_ORDER  # kinds added later come after the old ones
    assert tuple(s.name for s in COMMITTEE) == OLD_COMMITTEE_ORDER
    # every kind of data (an attachment is not data)
    assert kinds.KINDS == tuple(n for n in names if n != "attachment")


def test_names_are_unique_and_found_by_name() -> None:
    names = [s.name for s in ALL]
    assert len(names) == len(set(names))
    for spec in ALL:
        assert kinds.by_name(spec.name) is spec
        assert kinds.spec_of(FileKind(spec.name)) is spec
    with pytest.raises(KeyError):
        kinds.by_name("no-such-kind")


def test_every_schema_belongs_to_exactly_one_kind_and_every_data_kind_has_one() -> None:
    files = sorted(p.name.removesuffix(".schema.json") for p in (REPO / "schemas").glob("*.schema.json"))
    declared = [s.schema for s in ALL if s.schema is not None]
    assert sorted(declared) == files
    assert [s.name for s in ALL if s.schema is None] == ["attachment"]


def test_every_spec_is_complete() -> None:
    for spec in ALL:
        assert spec.zh and not spec.zh.isascii(), spec.name  # a Chinese name
        assert set(spec.pattern.groupindex) <= {"cycle", "slug", "stage"}, spec.name
        assert spec.place is not None or spec.schema is not None, spec.name
        assert spec.max_bytes in (MAX_BYTES, OFFICE_MAX_BYTES), spec.name
        if spec.stages:
            assert "stage" in spec.pattern.groupindex, spec.name
    assert kinds.KIND_ZH == {s.name: s.zh for s in SHARED}
    placed_nowhere = {s.name for s in ALL if s.place is None}
    assert placed_nowhere == {"shared-ref", "contacts"}  # read by committee.shared_ref, or only checked


def test_the_office_records_may_be_larger() -> None:
    assert {s.name for s in ALL if s.max_bytes == OFFICE_MAX_BYTES} == OLD_OFFICE_KINDS


def _examples(spec: KindSpec) -> list[FileKind]:
    groups = spec.pattern.groupindex
    cycle = 2026 if "cycle" in groups else None
    slug = "wuhan-mechanical-engineering" if "slug" in groups else None
    return [FileKind(spec.name, cycle, slug, stage) for stage in (spec.stages or [None])]


@pytest.mark.parametrize("spec", ALL, ids=lambda s: s.name)
def test_every_writer_path_classifies_back(spec: KindSpec) -> None:
    if spec.writes is None:
        assert spec.name == "attachment"  # no command writes one; its folder is attachment.folder
        slug = "wuhan-mechanical-engineering"
        inside = kinds.attachment.folder(2026, slug) + "说明.pdf"
        assert kinds.classify(inside) == FileKind("attachment", 2026, slug)
        with pytest.raises(ValueError):
            spec.path(2026, "wuhan-mechanical-engineering")
        return
    classify = kinds.classify if spec in SHARED else kinds.classify_committee
    for kind in _examples(spec):
        path = spec.path(kind.cycle, kind.slug, kind.stage)
        assert path.startswith(f"{SUBMISSIONS}/") == (spec in SHARED), path
        assert classify(path) == kind, path


def test_the_kinds_a_society_or_expert_fills_in_have_templates_and_they_exist() -> None:
    templated = {s.name: s.template for s in ALL if s.template}
    assert templated == {
        "application": "application.yaml.j2",
        "plan": "plan.yaml.j2",
        "report": "report.yaml.j2",
        "review": "review.yaml.j2",
    }
    for template in templated.values():
        assert (REPO / "generator" / "templates" / str(template)).is_file()


def test_owners() -> None:
    assert {s.name for s in ALL if s.owner is Owner.SOCIETY} == OLD_SOCIETY_KINDS
    assert {s.name for s in ALL if s.owner is Owner.EXPERT} == {"review", "declaration"}
    assert {s.name: s.maintainers for s in ALL if s.maintainers} == {
        "programme": ("office", "maintainers"),
        "society": ("maintainers",),
    }


def test_each_public_projection_names_fields_of_its_public_class() -> None:
    classes = [p.cls for s in SHARED for p in s.public]
    assert len(classes) == len(set(classes))  # one kind per class
    for spec in SHARED:
        for projection in spec.public:
            cls = getattr(public, projection.cls)
            names = {f.name for f in dataclasses.fields(cls)}
            assert set(projection.fields) <= names, (spec.name, projection.cls)
    assert all(not s.public for s in COMMITTEE)  # the committee repository publishes nothing
    assert public.SOURCES["PublicReport"]["as_of"] == ("report", "as_of")


def test_needs_name_registered_kinds_and_known_scopes() -> None:
    names = {s.name for s in SHARED}
    for spec in SHARED:
        for need in spec.needs or ():
            assert isinstance(need, Need) and need.kind in names and need.scope in SCOPES, need
    assert needs.NEEDS == {
        "application": kinds.application.KIND.needs,
        "attachment": kinds.attachment.KIND.needs,
    }
    # Its findings are its own but for the privacy exemptions (PRIV-006/007), read only when it holds a
    # candidate.
    assert {(n.kind, n.scope) for n in kinds.attachment.KIND.needs or ()} == {
        ("society", "all-if-personal"),
        ("programme", "all-if-personal"),
    }


def test_locks_are_declared_by_the_society_kinds() -> None:
    assert {s.name for s in SHARED if s.deadline_locks} == {"society", "application", "attachment"}
    assert {s.name for s in SHARED if s.frozen_locks} == {"application", "plan", "report", "attachment"}
    assert {s.name for s in ALL if s.formally_reviewed} == {"application"}


def test_titles_and_private_values() -> None:
    report = kinds.report.KIND
    assert report.title(FileKind("report", 2026, "x", "midterm")) == "中期报告"
    assert report.title(FileKind("report", 2026, "x", "final")) == "总结报告"
    assert kinds.plan.KIND.title(FileKind("plan", 2026, "x")) == "资金管理办法与实施计划"
    assert {s.name for s in ALL if s.private} == {"programme", "society", "application"}
    assert at({"a": [{"b": 1}, {"b": 2}, "x"]}, ("a", "*", "b")) == [1, 2]
    assert at({"a": None}, ("a", "b")) == [] and at({}, ("a",)) == [None]


# ------------------------------------------------------------------------------ the worked example
# A kind this project does not have: a cycle's review panels, one file per panel, written by the office.
# Adding it takes its module (here, the lines below), one line in the registry (here, monkeypatched) and its
# schema (here, in a temporary copy of schemas/). Nothing else is edited.
PANEL_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://awards.example.org/schemas/panel.schema.json",
    "title": "评审小组",
    "description": "一个评审小组的成员。 A review panel.",
    "x-public": False,
    "type": "object",
    "required": ["schema_version", "cycle", "members"],
    "additionalProperties": False,
    "properties": {
        "schema_version": {"title": "格式版本", "x-public": False, "type": "integer", "const": 1},
        "cycle": {"title": "年度", "x-public": False, "type": "integer", "minimum": 2000},
        "members": {
            "title": "成员",
            "x-public": False,
            "type": "array",
            "minItems": 1,
            "items": {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"},
        },
    },
}
PANELS: dict[str, tuple[str, ...]] = {}  # where the example's ``place`` puts what it builds


def _place_panel(data: Dataset, kind: FileKind, path: str, content: Any) -> None:
    PANELS[path] = tuple(content["members"])


PANEL = KindSpec(
    name="panel",
    zh="评审小组",
    pattern=re.compile(rf"{CYCLE}/panels/(?P<slug>{SLUG})\.yaml"),
    schema="panel",
    place=_place_panel,
    writes=lambda k: f"{SUBMISSIONS}/{k.cycle}/panels/{k.slug}.yaml",
)


@pytest.fixture
def panel_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The registry with the new kind's line, and a schema folder with its schema."""
    monkeypatch.setattr(kinds, "SHARED", (*kinds.SHARED, PANEL))
    schemas = tmp_path / "schemas"
    shutil.copytree(REPO / "schemas", schemas)
    (schemas / "panel.schema.json").write_text(json.dumps(PANEL_SCHEMA, ensure_ascii=False), encoding="utf-8")
    PANELS.clear()
    return schemas


def test_a_new_kind_is_one_module_one_registry_line_and_its_schema(panel_registry: Path) -> None:
    path = PANEL.path(2026, "panel-a")
    assert path == "submissions/2026/panels/panel-a.yaml"
    assert kinds.classify(path) == FileKind("panel", 2026, "panel-a")
    assert kinds.spec_of(FileKind("panel")) is PANEL
    tree = mini_tree()
    tree[path] = b"schema_version: 1\ncycle: 2026\nmembers: [expert-zhao, expert-qian]\n"
    tree["submissions/2026/panels/panel-b.yaml"] = b"schema_version: 1\ncycle: 2026\nmembers: []\n"
    sources = [Source(p, raw) for p, raw in sorted(tree.items())]
    parsed = {p.path: p for p in parse_all(sources, panel_registry, use_cache=False)}
    assert parsed[path].valid and parsed[path].findings == []
    bad = parsed["submissions/2026/panels/panel-b.yaml"]
    assert not bad.valid and {f.rule for f in bad.findings} >= {"FILE-007"}
    assert any(f.rule.startswith("SCHEMA-") and f.path == "members" for f in bad.findings)
    data, findings = build_dataset(parsed.values())
    assert findings == [] and PANELS == {path: ("expert-zhao", "expert-qian")}
    assert "submissions/2026/panels/panel-b.yaml" in data.unreadable
    # The rest of the package reads the declaration: who may write it, what a check of it reads.
    nobody = authority.Authority(frozenset(), {})
    assert authority.owners(path, nobody) == (frozenset(), "专项办公室的评审小组")
    assert needs.needed(list(tree), [path], {}) is None  # no ``needs`` declared: the whole tree
    result = check(sources, Context(now=parse_now("2026-11-26")), schema_dir=panel_registry)
    assert [f.rule for f in result.findings if f.file == path] == []


def test_without_its_registry_line_the_new_kind_is_an_unknown_place() -> None:
    assert kinds.classify("submissions/2026/panels/panel-a.yaml") is None
