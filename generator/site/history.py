"""Revision history of a cycle's decisions, read from git (``forge``): when the publicity list, the
objections and the commendation changed, and how, so the public can follow every change."""

from __future__ import annotations

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


def _state(data: dict[str, Any] | None) -> dict[str, Any]:
    data = data or {}
    publicity = data.get("publicity") or {}
    commendation = data.get("commendation") or {}
    return {
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
    return out


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
        changes = _describe(previous, state, names) or ["其他内容更新"]
        when = local_time_text(datetime.fromisoformat(r.date), tz)
        out.append(Revision(r.commit[:12], when, r.subject, tuple(changes)))
        previous = state
    return list(reversed(out))
