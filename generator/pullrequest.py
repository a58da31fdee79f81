"""Checking a pull request: the head revision's files as data, authority from the base revision.

Findings are reported for the files the pull request changes, plus any error it causes in a file it does
not change (compared with the same check of the base), plus scope findings: paths the author may not touch,
refused file types and twin names, plus closed-record findings (``generator.closed``: files closed by a
passed deadline or frozen by a recorded review or inspection, and the office's recorded corrections).

What the author cannot act on is context (``CheckResult.context``), shown apart and never blocking: the
check's findings in a file the author may not change (the office's records, another society's files; the
scope findings that ask to undo a change there stay the author's), and findings about a record dated after
``now`` (a formal review recorded later than the moment checked, which cannot yet name a new application).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from generator import forge
from generator.authority import Authority, authority_from, owners, scope_findings, twin_findings
from generator.checker import CheckResult, check
from generator.closed import closed_findings
from generator.findings import Finding, Severity
from generator.rules.base import Context


@dataclass(frozen=True, slots=True)
class PullRequest:
    base: str
    head: str
    actor: str
    changes: tuple[forge.Change, ...]
    actor_is_office: bool


def _identity(f: Finding) -> tuple[str, str, str, str]:
    return (f.file, f.rule, f.path, f.message_zh)


def base_websites(base_result: CheckResult) -> dict[str, str | None]:
    """The societies' websites at the base (the own-domain e-mail exemption is granted by these only)."""
    data = base_result.dataset
    return {} if data is None else {slug: s.website for slug, s in data.societies.items()}


def _actionable(f: Finding, actor: str, authority: Authority) -> bool:
    """Whether the author of a pull request can act on a finding of the check of its head: it is in a file
    the author may change (the office may change every file)."""
    who = actor.casefold()
    if who in authority.office:
        return True
    allowed, _ = owners(f.file, authority)
    return who in allowed


def base_publicised(base_result: CheckResult, now: datetime) -> dict[int, frozenset[str]]:
    """Per cycle, the proposed list at the base when its publicity had started by ``now`` (SUBST-005)."""
    data = base_result.dataset
    if data is None:
        return {}
    today = data.today(now)
    return {
        year: frozenset(p.society for p in cycle.decisions.proposed)
        for year, cycle in data.cycles.items()
        if cycle.decisions is not None
        and cycle.decisions.publicity_start is not None
        and cycle.decisions.publicity_start <= today
    }


def check_pull_request(
    repo: Any, base_ref: str, head_ref: str, actor: str, now: datetime
) -> tuple[CheckResult, PullRequest]:
    base = forge.commit_of(repo, base_ref)
    head = forge.commit_of(repo, head_ref)
    changes = forge.changes(repo, base, head)
    base_sources = forge.sources_at(repo, base)
    head_sources = forge.sources_at(repo, head)
    authority = authority_from(base_sources)
    is_office = actor.casefold() in authority.office
    changed = {c.path for c in changes}
    kept = frozenset(c.path for c in changes if c.status != "D")
    base_result = check(base_sources, Context(now=now))
    head_result = check(
        head_sources,
        Context(
            now=now,
            submitted=kept,
            actor=actor,
            actor_is_office=is_office,
            base_websites=base_websites(base_result),
            base_publicised=base_publicised(base_result, now),
        ),
    )
    before = {_identity(f) for f in base_result.findings}
    findings: list[Finding] = [
        f
        for f in head_result.findings
        if f.file in changed or (f.severity is Severity.ERROR and _identity(f) not in before)
    ]
    context = [f for f in findings if not _actionable(f, actor, authority)]
    findings = [f for f in findings if _actionable(f, actor, authority)]
    base_raw = {s.path: s.raw for s in base_sources}
    head_raw = {s.path: s.raw for s in head_sources}
    findings += scope_findings(changes, actor, authority, base_raw, head_raw)
    findings += closed_findings(
        base_result.dataset, head_result.dataset, base_raw, head_raw, changes, is_office, now
    )
    all_paths = forge.entries(repo, head, prefix=None)
    findings += twin_findings(changes, all_paths)  # symlinks etc. under submissions/: FILE-004 above
    unique = tuple(sorted(set(findings), key=Finding.sort_key))
    reported = tuple(sorted(changed))
    aside = tuple(sorted(set(context) - set(unique), key=Finding.sort_key))
    result = CheckResult(unique, len(reported), head_result.dataset, reported, context=aside)
    return result, PullRequest(base, head, actor, tuple(changes), is_office)
