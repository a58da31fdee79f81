"""The audit after a push to ``main``: did what the push brought in stay within the authority of everyone who
brought it?

For a merged pull request the accounts are its author and every commit's author and committer; for a
direct push, the pusher. Each account is checked, as a pull request would have been, against the authority
(maintainers, office list) of a trusted revision: the pull request's base, or the commit before a direct
push. The changes are those of the push (``since...head``). Commit metadata can be forged, but checking
every named account can only add findings, never remove one: the pull request's author is always checked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from generator import forge
from generator.authority import authority_from, scope_findings, twin_findings
from generator.checker import CheckResult
from generator.findings import Finding, Severity
from generator.report.json import as_dict
from generator.textsafe import inert_lines, md_escape, truncate, visible

MARKER = "<!-- xuehui-audit -->"


@dataclass(frozen=True, slots=True)
class Audit:
    base: str  # the revision whose authority applies
    since: str  # the commit before the push
    head: str  # the pushed commit
    actors: tuple[str, ...]
    changes: tuple[forge.Change, ...]
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)


def audit(repo: Any, base_ref: str, since_ref: str, head_ref: str, actors: tuple[str, ...]) -> Audit:
    """Scope and authority of ``since...head`` for each actor, with the authority of ``base_ref``."""
    base = forge.commit_of(repo, base_ref)
    since = forge.commit_of(repo, since_ref)
    head = forge.commit_of(repo, head_ref)
    changes = _changes(repo, since, head)
    authority = authority_from(forge.sources_at(repo, base))
    before = {s.path: s.raw for s in forge.sources_at(repo, since)}
    after = {s.path: s.raw for s in forge.sources_at(repo, head)}
    unique = tuple(dict.fromkeys(a for a in actors if a))
    findings: list[Finding] = []
    for actor in unique:
        findings += scope_findings(changes, actor, authority, before, after)
    findings += twin_findings(changes, forge.entries(repo, head, prefix=None))
    ordered = tuple(sorted(set(findings), key=Finding.sort_key))
    return Audit(base, since, head, unique, tuple(changes), ordered)


def _changes(repo: Any, since: str, head: str) -> list[forge.Change]:
    try:
        return forge.changes(repo, since, head)
    except forge.NoMergeBase as exc:  # the history of main was rewritten
        raise forge.ForgeError(
            f"无法比较 {since[:12]} 与 {head[:12]}：两者没有共同的祖先提交（main 的历史可能被改写），"
            "请专项办公室核实这次推送。"
        ) from exc


def render(result: Audit, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(as_dict_audit(result), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return _markdown(result)
    return _text(result)


def as_dict_audit(result: Audit) -> dict[str, object]:
    report = as_dict(CheckResult(result.findings, len(result.changes)))
    return {
        "version": 1,
        "ok": result.ok,
        "base": result.base,
        "since": result.since,
        "head": result.head,
        "actors": list(result.actors),
        "changes": [{"status": c.status, "path": c.path} for c in result.changes],
        "findings": report["findings"],
    }


def _verdict(result: Audit) -> tuple[str, str]:
    if result.ok:
        return "✅", f"权限审计通过：{len(result.changes)} 个改动的文件都在提交者的权限之内。"
    errors = sum(1 for f in result.findings if f.severity is Severity.ERROR)
    return "❌", f"权限审计发现 {errors} 处越权改动，已合并到 main，需要专项办公室处理。"


def _text(result: Audit) -> str:
    icon, verdict = _verdict(result)
    lines = [
        f"{icon} {verdict}",
        f"  改动范围 (changes): {result.since[:12]}...{result.head[:12]}；权限依据 (authority at): {result.base[:12]}",
        f"  核对的账号 (accounts): {', '.join(visible(a) for a in result.actors) or '（无）'}",
    ]
    for f in result.findings:
        lines.append(f"{visible(f.file)}: [{f.rule}] {f.severity.zh}：{visible(f.message_zh)}")
        lines.append(f"    → {visible(f.hint)}")
    return inert_lines("\n".join(lines)) + "\n"


def _markdown(result: Audit) -> str:
    icon, verdict = _verdict(result)
    accounts = "、".join(f"`{md_escape(visible(a))}`" for a in result.actors) or "（无）"
    lines = [
        MARKER,
        f"## {icon} {verdict}",
        "",
        "Post-merge audit of scope and authority "
        f"({'passed' if result.ok else 'out-of-scope changes reached main'}).",
        "",
        f"- 改动范围 (changes): `{result.since}...{result.head}`",
        f"- 权限依据 (authority at): `{result.base}`",
        f"- 核对的账号 (accounts): {accounts}",
        "",
    ]
    if result.findings:
        lines += ["| 文件 | 规则 | 说明 |", "| --- | --- | --- |"]
        for f in result.findings:
            message = md_escape(visible(truncate(f.message_zh, 500)))
            hint = md_escape(visible(truncate(f.hint, 300)))
            lines.append(f"| {md_escape(visible(f.file))} | {md_escape(f.rule)} | {message}<br>→ {hint} |")
        lines += [
            "",
            "请专项办公室核实这些改动：撤销（git revert）越权的提交，或在确认无误后关闭本提醒。",
            "The office should revert the out-of-scope commits or, once verified, close this alert.",
        ]
    return "\n".join(lines) + "\n"
