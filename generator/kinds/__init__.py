"""The file kinds: which kind a path is, from its place in the tree alone, and each kind's declaration.

One module per kind declares a ``KIND`` (``generator.kinds.spec.KindSpec``); the registries below list them
by hand. ``SHARED`` is the shared tree's (paths under ``submissions/``), in classification order: a path is
of the first kind whose pattern it matches. ``COMMITTEE`` is the committee repository's (paths relative to
its root). Adding a kind is a module, a line here and its schema (docs/design.md).
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.kinds import (
    annual_inspections,
    annual_reports,
    application,
    attachment,
    call,
    committee_assignments,
    committee_conflicts,
    committee_contacts,
    committee_declaration,
    committee_experts,
    committee_members,
    committee_panels,
    committee_review,
    committee_shared_ref,
    corrections,
    decisions,
    entrusted_projects,
    holidays,
    payments,
    plan,
    programme,
    report,
    results,
    sanctions,
    society,
)
from generator.kinds.spec import FileKind, KindSpec, Owner
from generator.paths import SLUG, SUBMISSIONS

__all__ = [
    "COMMITTEE",
    "KINDS",
    "KIND_ZH",
    "SHARED",
    "SLUG",
    "SUBMISSIONS",
    "FileKind",
    "KindSpec",
    "Owner",
    "by_name",
    "classify",
    "classify_committee",
    "expected_place_hint",
    "match_kind",
    "spec_of",
]

SHARED: tuple[KindSpec, ...] = (
    programme.KIND,
    society.KIND,
    annual_inspections.KIND,
    annual_reports.KIND,
    entrusted_projects.KIND,
    sanctions.KIND,
    corrections.KIND,
    holidays.KIND,
    call.KIND,
    decisions.KIND,
    application.KIND,
    results.KIND,
    plan.KIND,
    report.KIND,
    attachment.KIND,
    payments.KIND,
)

COMMITTEE: tuple[KindSpec, ...] = (
    committee_shared_ref.KIND,
    committee_experts.KIND,
    committee_members.KIND,
    committee_review.KIND,
    committee_contacts.KIND,
    committee_panels.KIND,
    committee_assignments.KIND,
    committee_declaration.KIND,
    committee_conflicts.KIND,
)

KINDS: tuple[str, ...] = tuple(spec.name for spec in SHARED if spec.schema is not None)  # the data kinds

KIND_ZH: dict[str, str] = {spec.name: spec.zh for spec in SHARED}


def by_name(name: str) -> KindSpec:
    """The declaration of the kind called ``name``, in either registry (KeyError if there is none)."""
    for spec in (*SHARED, *COMMITTEE):
        if spec.name == name:
            return spec
    raise KeyError(name)


def spec_of(kind: FileKind) -> KindSpec:
    return by_name(kind.kind)


def classify(path: str) -> FileKind | None:
    """``path`` is repository-relative and POSIX (``submissions/2026/call.yaml``)."""
    prefix = SUBMISSIONS + "/"
    if not path.startswith(prefix):
        return None
    return match_kind(path[len(prefix) :], SHARED)


def classify_committee(path: str) -> FileKind | None:
    """The kind of a committee-repository path (relative to its root, POSIX)."""
    return match_kind(path, COMMITTEE)


def match_kind(path: str, registry: Iterable[KindSpec]) -> FileKind | None:
    """The first kind of ``registry`` whose pattern (a whole path relative to the registry's root, with
    optional cycle/slug/stage groups) ``path`` matches, as a ``FileKind``."""
    for spec in registry:
        match = spec.pattern.fullmatch(path)
        if match:
            groups = match.groupdict()
            cycle = groups.get("cycle")
            return FileKind(spec.name, int(cycle) if cycle else None, groups.get("slug"), groups.get("stage"))
    return None


def expected_place_hint(path: str) -> str:
    """A Chinese hint for a file in no known place: the likely intended name."""
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".yml"):
        return f"文件扩展名请用 .yaml（把 {name} 改名为 {name[:-4]}.yaml）。"
    if name.lower() != name and name.lower().endswith(".yaml"):
        return "文件名请全部使用小写英文字母、数字和连字符（-），如 wuhan-mechanical-engineering.yaml。"
    return (
        "数据文件只能放在约定位置：societies/<学会代号>.yaml、<年度>/applications/<学会代号>.yaml、"
        "<年度>/plans/…、<年度>/reports/<学会代号>.midterm.yaml 等（见 docs/data-contract.md）。"
    )
