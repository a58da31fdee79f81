"""Shared test helpers: the small fixture programme as an in-memory tree, edits, and one-call checks."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.checker import CheckResult, Source, check
from generator.clock import parse_now
from generator.findings import Finding
from generator.repository import read_folder
from generator.rules.base import Context

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
MINI = TESTS / "fixtures" / "mini"
OVERLAY = TESTS / "fixtures" / "mini-overlay"

APP = "submissions/2026/applications/wuhan-mechanical-engineering.yaml"
SOCIETY = "submissions/societies/wuhan-mechanical-engineering.yaml"
CALL = "submissions/2026/call.yaml"
DECISIONS = "submissions/2026/decisions.yaml"
INSPECTIONS = "submissions/office/annual_inspections.yaml"
REPORTS = "submissions/office/annual_reports.yaml"
PROJECTS = "submissions/office/entrusted_projects.yaml"
SANCTIONS = "submissions/office/sanctions.yaml"
EXPERTS = "submissions/office/experts.yaml"
PROGRAMME = "submissions/programme.yaml"


PLAN = "submissions/2026/plans/wuhan-mechanical-engineering.yaml"
MIDTERM = "submissions/2026/reports/wuhan-mechanical-engineering.midterm.yaml"
COMMENDED = "2026-12-15"


def mini_tree(awarded: bool = False) -> dict[str, bytes]:
    """The normative examples plus the overlay that completes them (see tests/fixtures/mini-overlay).

    The normative plan and midterm report sit in 2026 only to show their shape; a plan exists only after a
    commendation. So by default they are left out; ``awarded=True`` keeps them and records the
    commendation of the proposed society on ``COMMENDED`` (the plan, filed 2027-01-10, is then on time).
    """
    tree = {s.path: s.raw or b"" for s in read_folder(MINI)}
    tree.update({s.path: s.raw or b"" for s in read_folder(OVERLAY)})
    if awarded:
        edit(
            tree,
            DECISIONS,
            "  date: null\n  doc_number: null\n  awards: []",
            f'  date: "{COMMENDED}"\n  doc_number: 武科协〔2026〕30号\n'
            "  awards:\n    - {society: wuhan-mechanical-engineering, tier: 一等, amount: 200000.00}",
        )
    else:
        del tree[PLAN], tree[MIDTERM]
    return tree


def copy_mini(target: Path) -> None:
    """Write the completed mini programme under ``target/submissions``."""
    for path, raw in mini_tree().items():
        out = target / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(raw)


def edit(tree: dict[str, bytes], path: str, old: str, new: str, count: int = 1) -> None:
    text = tree[path].decode("utf-8")
    assert old in text, f"{old!r} not in {path}"
    tree[path] = text.replace(old, new, count).encode("utf-8")


def append(tree: dict[str, bytes], path: str, text: str) -> None:
    tree[path] = tree[path] + text.encode("utf-8")


def run(
    tree: dict[str, bytes],
    now: str = "2026-11-26",
    submitted: Iterable[str] = (),
    office: bool = False,
) -> CheckResult:
    sources = [Source(path, raw) for path, raw in sorted(tree.items())]
    ctx = Context(now=parse_now(now), submitted=frozenset(submitted), actor_is_office=office)
    return check(sources, ctx)


def by_rule(result: CheckResult, rule: str) -> list[Finding]:
    return [f for f in result.findings if f.rule == rule]


def rules_of(result: CheckResult) -> set[str]:
    return {f.rule for f in result.findings}


def write_tree(root: Path, tree: dict[str, bytes]) -> None:
    """Write an in-memory tree under ``root`` (paths are repository-relative)."""
    for path, raw in tree.items():
        out = root / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(raw)


def commit_tree_to(repo: Path, tree: dict[str, bytes]) -> Path:
    """A git repository at ``repo`` holding ``tree`` in one commit (fixed author and date)."""
    from tests.gitrepo import commit_all, git

    repo.mkdir(parents=True)
    write_tree(repo, tree)
    git(repo.parent, "init", "-q", "-b", "main", str(repo))
    commit_all(repo, "示例数据")
    return repo
