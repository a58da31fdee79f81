"""The committee repository (office and expert committee only), 四（二）: its layout, reading it, merging it
into the shared tree's dataset for the review rules, its pull-request check, and recording results.

Data flows one way: the committee repository reads the shared tree (``shared.yaml`` names it, pinned); the
shared tree receives only ``submissions/<cycle>/results.yaml`` (``generator.results``). Layout, relative to
the committee repository's root::

    shared.yaml                     which shared repository it reads (repository, commit, local path)
    experts.yaml                    the expert pool (names, logins, affiliations)
    <cycle>/committee.yaml          the committee's membership of the cycle
    <cycle>/reviews/<expert>.yaml   one expert's scores and conflict declarations
    contacts/<cycle>.yaml           the applications' contact people and bank accounts

Each of these kinds is a module of ``generator.kinds`` (the registry ``COMMITTEE``; ``classify_committee``).
``README.md``, ``.github/`` and ``.git`` are not data. Findings name committee files by these paths.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from generator import forge, model
from generator.checker import (
    CheckResult,
    Locator,
    ParsedFile,
    build_dataset,
    hits_to_findings,
    make_finding,
    parse_all,
    parse_source,
    run_rules,
)
from generator.findings import Finding, Severity
from generator.kinds import Owner, classify_committee, committee_experts, committee_shared_ref, spec_of
from generator.repository import Source
from generator.rules import authority as auth_rules
from generator.rules import committee as comm_rules
from generator.rules import files
from generator.rules import review as review_rules
from generator.rules.base import Context
from generator.yamlio import load_yaml

NOT_DATA = ("README.md", ".gitignore", ".gitattributes")
NOT_DATA_FOLDERS = (".git", ".github")
SHARED_REF = committee_shared_ref.KIND.path()
POOL = committee_experts.KIND.path()


def is_data(path: str) -> bool:
    top = path.split("/", 1)[0]
    return path.rsplit("/", 1)[-1] not in NOT_DATA and top not in NOT_DATA_FOLDERS


def read_committee_folder(root: Path) -> list[Source]:
    """The committee repository's data files from a folder; a symlink or special file is a refusal."""
    sources: list[Source] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        current = Path(dirpath)
        for name in list(dirnames):
            full = current / name
            rel = full.relative_to(root).as_posix()
            if not is_data(rel):
                dirnames.remove(name)
            elif full.is_symlink():
                dirnames.remove(name)
                sources.append(Source(rel, None, "这是一个符号链接（symlink）"))
        for name in sorted(filenames):
            full = current / name
            rel = full.relative_to(root).as_posix()
            if not is_data(rel) or name in (".gitkeep", ".DS_Store"):
                continue
            try:
                info = full.lstat()
            except OSError:
                sources.append(Source(rel, None, "无法读取"))
                continue
            if not stat.S_ISREG(info.st_mode):
                sources.append(Source(rel, None, "这不是普通文件（符号链接或特殊文件）"))
                continue
            try:
                sources.append(Source(rel, full.read_bytes()))
            except OSError:
                sources.append(Source(rel, None, "无法读取"))
    sources.sort(key=lambda s: s.path)
    return sources


def committee_sources_at(repo: Any, commit: str) -> list[Source]:
    """The committee repository's data files at a commit (git objects only, nothing run)."""
    tree = forge.entries(repo, commit, prefix=None)
    wanted = {p: e for p, e in tree.items() if is_data(p)}
    blobs = forge.read_blobs(repo, [e for e in wanted.values() if e.mode == forge.MODE_FILE])
    return [
        Source(p, blobs[p]) if wanted[p].mode == forge.MODE_FILE else Source(p, None, "不支持的文件类型")
        for p in sorted(wanted)
    ]


def parse_committee(sources: Iterable[Source]) -> list[ParsedFile]:
    parsed: list[ParsedFile] = []
    for source in sources:
        if source.raw is not None and source.refusal is None and classify_committee(source.path) is None:
            parsed.append(
                ParsedFile(
                    source.path,
                    None,
                    None,
                    [
                        make_finding(
                            files.unknown_place, source.path, 0, 0, (), *files.unknown_place.text("committee")
                        )
                    ],
                )
            )
            continue
        parsed.append(parse_source(source, classifier=classify_committee))
    return parsed


@dataclass(frozen=True, slots=True)
class SharedRef:
    repository: str
    commit: str | None
    path: str


def shared_ref(sources: Iterable[Source]) -> SharedRef | None:
    """``shared.yaml`` if it loads (its schema findings come from the committee check)."""
    for source in sources:
        if source.path == SHARED_REF and source.raw is not None:
            data = load_yaml(source.raw).data
            if isinstance(data, dict) and isinstance(data.get("path"), str):
                commit = data.get("commit")
                return SharedRef(
                    str(data.get("repository", "")), commit if isinstance(commit, str) else None, data["path"]
                )
    return None


def merge(data: model.Dataset, parsed: Iterable[ParsedFile]) -> list[Finding]:
    """Put the committee repository's valid files into the shared tree's dataset (in place)."""
    findings: list[Finding] = []
    data.committee_loaded = True
    for item in sorted(parsed, key=lambda p: p.path):
        if item.kind is None:
            continue
        if not item.valid or item.loaded is None or item.loaded.data is None:
            data.unreadable.add(item.path)
            continue
        place = spec_of(item.kind).place  # None: checked, not placed (shared.yaml, contacts)
        try:
            if place is not None:
                place(data, item.kind, item.path, item.loaded.data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            findings.append(
                make_finding(
                    files.unreadable,
                    item.path,
                    1,
                    1,
                    (),
                    *files.unreadable.text("committee", error=type(exc).__name__),
                )
            )
    for year, cycle in data.cycles.items():
        if cycle.committee is not None:
            continue
        if cycle.reviews and f"{year}/committee.yaml" not in data.unreadable:
            first = min(r.file for r in cycle.reviews.values())
            findings.append(
                make_finding(
                    review_rules.scores_for_reviewed_applications,
                    first,
                    0,
                    0,
                    (),
                    *review_rules.scores_for_reviewed_applications.text("no_committee", year=year),
                )
            )
    return findings


def pin_findings(committee: Sequence[Source], shared_head: str | None) -> list[Finding]:
    """COMM-004 when shared.yaml pins a commit and the shared tree checked is a git work tree elsewhere."""
    ref = shared_ref(committee)
    if ref is None or ref.commit is None or shared_head is None or shared_head == ref.commit:
        return []
    return [
        make_finding(
            comm_rules.pinned_commit,
            SHARED_REF,
            0,
            0,
            ("commit",),
            *comm_rules.pinned_commit.text(pinned=ref.commit[:12], head=shared_head[:12]),
        )
    ]


def check_committee(
    shared: Sequence[Source], committee: Sequence[Source], ctx: Context, shared_head: str | None = None
) -> CheckResult:
    """Check a committee tree against the shared tree: every rule of both, and the recorded results.
    ``shared_head`` is the shared tree's commit when known (compared with the pin in shared.yaml)."""
    shared_parsed = parse_all(shared)
    committee_parsed = parse_committee(committee)
    findings: list[Finding] = [f for p in (*shared_parsed, *committee_parsed) for f in p.findings]
    data, model_findings = build_dataset(shared_parsed)
    findings += model_findings
    findings += merge(data, committee_parsed)
    findings += pin_findings(committee, shared_head)
    locate = Locator([*shared_parsed, *committee_parsed])
    findings += hits_to_findings(data, run_rules(data, ctx), locate)
    unique = tuple(sorted(set(findings), key=Finding.sort_key))
    reported = tuple(s.path for s in (*shared, *committee))
    return CheckResult(unique, len(reported), data, reported)


# ------------------------------------------------------------------------------------------ authority
def _logins(value: Any) -> frozenset[str]:
    if not isinstance(value, list):
        return frozenset()
    return frozenset(v.casefold() for v in value if isinstance(v, str) and v)


def office_logins(shared: Iterable[Source]) -> frozenset[str]:
    """The office's maintainers, from the shared tree's programme.yaml (the one place they are named)."""
    for source in shared:
        if source.path == "submissions/programme.yaml" and source.raw is not None:
            data = load_yaml(source.raw).data
            if isinstance(data, dict) and isinstance(data.get("office"), dict):
                return _logins(data["office"].get("maintainers"))
    return frozenset()


def expert_logins(committee: Iterable[Source]) -> dict[str, frozenset[str]]:
    """Each expert's login, from a revision's expert pool (``experts.yaml``)."""
    found: dict[str, frozenset[str]] = {}
    for source in committee:
        if source.path == POOL and source.raw is not None:
            data = load_yaml(source.raw).data
            for expert in (data or {}).get("experts") or [] if isinstance(data, dict) else []:
                if isinstance(expert, dict) and isinstance(expert.get("id"), str):
                    login = expert.get("login")
                    found[expert["id"]] = _logins([login] if isinstance(login, str) else [])
    return found


def may_change(path: str, actor: str, office: frozenset[str], experts: dict[str, frozenset[str]]) -> bool:
    """The office may change anything; an expert only their own ``<cycle>/reviews/<id>.yaml``."""
    who = actor.casefold()
    if who in office:
        return True
    kind = classify_committee(path)
    if kind is None or spec_of(kind).owner is not Owner.EXPERT:
        return False
    return who in experts.get(kind.slug or "", frozenset())


def scope_findings(
    changes: Sequence[forge.Change], actor: str, office: frozenset[str], experts: dict[str, frozenset[str]]
) -> list[Finding]:
    out: list[Finding] = []
    for change in changes:
        if may_change(change.path, actor, office, experts):
            continue
        kind = classify_committee(change.path)
        what = spec_of(kind).zh if kind else "系统文件或未知位置的文件"
        if kind is not None and kind.slug:
            what = f"专家“{kind.slug}”的{what}"
        out.append(
            make_finding(
                auth_rules.scope,
                change.path,
                0,
                0,
                (),
                *auth_rules.scope.text(
                    "committee",
                    actor=actor,
                    verb="删除" if change.status == "D" else "修改",
                    what=what,
                    path=change.path,
                ),
            )
        )
    return out


def _identity(f: Finding) -> tuple[str, str, str, str]:
    return (f.file, f.rule, f.path, f.message_zh)


def check_committee_pull_request(
    repo: Any,
    base_ref: str,
    head_ref: str,
    actor: str,
    shared: Sequence[Source],
    now: datetime,
    shared_head: str | None = None,
) -> CheckResult:
    """A pull request in the committee repository: the head's files as data, the experts' logins from the
    base's pool, the office from the shared tree (checked out at the commit the base's shared.yaml pins)."""
    base = forge.commit_of(repo, base_ref)
    head = forge.commit_of(repo, head_ref)
    changes = forge.changes(repo, base, head)
    base_sources = committee_sources_at(repo, base)
    head_sources = committee_sources_at(repo, head)
    office = office_logins(shared)
    ctx = Context(now=now, actor=actor, actor_is_office=actor.casefold() in office)
    head_result = check_committee(shared, head_sources, ctx, shared_head)
    base_result = check_committee(shared, base_sources, Context(now=now), shared_head)
    before = {_identity(f) for f in base_result.findings}
    changed = {c.path for c in changes}
    findings = [
        f
        for f in head_result.findings
        if f.file in changed or (f.severity is Severity.ERROR and _identity(f) not in before)
    ]
    findings += scope_findings(changes, actor, office, expert_logins(base_sources))
    unique = tuple(sorted(set(findings), key=Finding.sort_key))
    reported = tuple(sorted(changed))
    return CheckResult(unique, len(reported), head_result.dataset, reported)


# ------------------------------------------------------------------------------------------ recording
@dataclass(frozen=True, slots=True)
class RecordPlan:
    """What ``rank --record`` will do: ``action`` is "create", "replace", "unchanged" or "refuse"."""

    action: str
    path: str
    text: str
    reason: str


def plan_record(
    existing: bytes | None, path: str, text: str, existing_results: model.Results | None
) -> RecordPlan:
    """Never overwrite what ``rank`` did not write: an existing file is replaced only when it is valid and its
    ``seal`` matches its content (so it is neither hand-made nor edited by hand since ``rank`` wrote it)."""
    from generator.results import is_sealed

    if existing is None:
        return RecordPlan("create", path, text, "")
    if existing_results is None or existing_results.recorded_by != "xuehui rank":
        return RecordPlan("refuse", path, text, "现有文件不是 xuehui rank 写入的（或格式无效）")
    if not is_sealed(existing):
        return RecordPlan(
            "refuse", path, text, "现有文件在 xuehui rank 写入后被手工修改过（seal 与内容不符）"
        )
    if _without_date(existing.decode("utf-8")) == _without_date(text):
        return RecordPlan("unchanged", path, existing.decode("utf-8"), "")
    return RecordPlan("replace", path, text, f"替换原有结果（原指纹 {existing_results.fingerprint}）")


def _without_date(text: str) -> str:
    skipped = ("recorded: ", "committee_commit: ", "seal: ")
    return "\n".join(line for line in text.splitlines() if not line.startswith(skipped))
