"""Revision history of a cycle's decisions, read from git (``forge``): when the publicity list, the
objections and the commendation changed, and how, so the public can follow every change.

Each entry is explained in Chinese: by the subject an office command wrote (a commit carrying the trailer
``Xuehui-Office: <subcommand>`` and a Chinese subject), or else by what changed, computed from the file
before and after the commit (which records, which fields). A commit's own subject is never shown otherwise:
the repository's commit subjects are the developers' (often English) and say nothing to the public. Only
commits that changed the decisions file are listed; commits touching code alone never appear."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from generator import forge
from generator.clock import local_time_text
from generator.yamlio import load_yaml


@dataclass(frozen=True, slots=True)
class Revision:
    commit: str
    date: str
    subject: str
    changes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BuildSource:
    """Where a build comes from: the commit, its time, and whether the tree had uncommitted changes."""

    commit: str | None
    epoch: int | None
    dirty: bool


def build_source(repo: Any) -> BuildSource:
    if repo is None:
        return BuildSource(None, None, False)
    head = forge.head_of(repo)
    if head is None:  # an empty repository
        return BuildSource(None, None, True)
    return BuildSource(head.commit, head.epoch, forge.uncommitted(repo, "submissions"))


# The decisions file's sections in Chinese, for a change no finer description covers.
SECTIONS = {
    "formal_review": "形式审查",
    "expert_review": "专家评审",
    "proposed": "拟表彰名单",
    "publicity": "公示",
    "objections": "异议",
    "commendation": "通报表彰",
    "inspections": "中期检查与总结验收",
    "reconsiderations": "复核",
    "substitutions": "递补",
}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CYCLE = re.compile(r"submissions/(\d{4})/")
SHOWN_CHANGES = 3  # in the explanation; the changes column lists them all


def _formal(data: dict[str, Any]) -> dict[str, Any]:
    results = (data.get("formal_review") or {}).get("results") or {}
    return {slug: (r or {}).get("passed") for slug, r in results.items() if isinstance(r, dict) or r is None}


def _state(data: dict[str, Any] | None) -> dict[str, Any]:
    data = data or {}
    publicity = data.get("publicity") or {}
    commendation = data.get("commendation") or {}
    return {
        "raw": data,
        "formal": _formal(data),
        "start": publicity.get("start"),
        "proposed": [
            (p.get("society"), p.get("tier")) for p in data.get("proposed") or [] if isinstance(p, dict)
        ],
        "objections": {
            o.get("id"): o.get("status") for o in data.get("objections") or [] if isinstance(o, dict)
        },
        "commendation": commendation.get("date"),
    }


def _describe(before: dict[str, Any], after: dict[str, Any], names: dict[str, str]) -> list[str]:
    out: list[str] = []
    if after["start"] != before["start"]:
        out.append(f"公示开始日期：{before['start'] or '无'} → {after['start'] or '无'}")
    old = dict(before["proposed"])
    new = dict(after["proposed"])
    for slug in [s for s, _ in after["proposed"] if s not in old]:
        out.append(f"拟表彰名单新增：{names.get(slug, slug)}（{new[slug]}）")
    for slug in [s for s, _ in before["proposed"] if s not in new]:
        out.append(f"拟表彰名单删除：{names.get(slug, slug)}")
    for slug in [s for s in new if s in old and old[s] != new[s]]:
        out.append(f"等级调整：{names.get(slug, slug)} {old[slug]} → {new[slug]}")
    if [s for s, _ in after["proposed"] if s in old] != [s for s, _ in before["proposed"] if s in new]:
        out.append("拟表彰名单顺序调整")
    for oid, status in after["objections"].items():
        if oid not in before["objections"]:
            out.append(f"收到异议 {oid}")
        elif before["objections"][oid] != status:
            out.append(f"异议 {oid}：{before['objections'][oid]} → {status}")
    if after["commendation"] != before["commendation"] and after["commendation"]:
        out.append(f"记录通报表彰（{after['commendation']}）")
    return out + _formal_changes(before, after, names) + _other_sections(before, after, bool(out))


def _formal_changes(before: dict[str, Any], after: dict[str, Any], names: dict[str, str]) -> list[str]:
    out: list[str] = []
    for slug, passed in after["formal"].items():
        if slug not in before["formal"] or before["formal"][slug] != passed:
            verdict = {True: "通过", False: "不通过"}.get(passed, "待定")
            out.append(f"形式审查：{names.get(slug, slug)} {verdict}")
    return out


def _other_sections(before: dict[str, Any], after: dict[str, Any], described: bool) -> list[str]:
    """The sections that changed where no finer description applies (their Chinese names)."""
    covered = {"proposed", "objections"} | ({"publicity", "commendation"} if described else set())
    if after["formal"] != before["formal"]:
        covered.add("formal_review")
    old, new = before["raw"], after["raw"]
    changed = [k for k in dict.fromkeys([*new, *old]) if k not in covered and old.get(k) != new.get(k)]
    return [f"{SECTIONS[k]}记录更新" for k in changed if k in SECTIONS] + (
        ["其他字段更新"] if any(k not in SECTIONS and k != "schema_version" for k in changed) else []
    )


def explanation(revision: forge.Revision, path: str, changes: list[str]) -> str:
    """The entry's 说明: the Chinese subject an office command wrote, else what changed, in Chinese."""
    if revision.office and _CJK.search(revision.subject):
        return revision.subject
    found = _CYCLE.search(path)
    where = f"{found.group(1)}年度决定" if found else "决定"
    shown = "；".join(changes[:SHOWN_CHANGES]) + ("等" if len(changes) > SHOWN_CHANGES else "")
    return f"{where}：{shown}"


def decisions_history(
    repo: Any, path: str, names: dict[str, str], tz: str, rev: str = "HEAD"
) -> list[Revision]:
    """Revisions of ``path`` (newest first) with what changed in the publicity list and around it; times in
    the programme's zone ``tz``."""
    if repo is None:
        return []
    revisions = list(reversed(forge.history(repo, path, rev)))
    out: list[Revision] = []
    previous = _state(None)
    for r in revisions:
        try:
            raw = forge.file_at(repo, r.commit, path) or b""
        except forge.ForgeError:  # a damaged revision reads as an empty file
            raw = b""
        state = _state(load_yaml(raw).data if raw else None)
        changes = _describe(previous, state, names) or ["格式或注释调整（数据未变）"]
        when = local_time_text(datetime.fromisoformat(r.date), tz)
        out.append(Revision(r.commit[:12], when, explanation(r, path, changes), tuple(changes)))
        previous = state
    return list(reversed(out))
