"""Who may change what, read from the base revision so that a pull request cannot grant itself rights.

- The office's maintainers (``programme.yaml`` → ``office.maintainers``) may change anything.
- A society's maintainers (its profile's ``maintainers``) may change its profile (but not the list of
  maintainers itself) and its own files of each cycle: application, plan, reports and attachments.
- Experts have no rights here: their pool, reviews and committee live in the committee repository, whose
  own check (``generator.committee.scope_findings``) lets an expert change only their own review file.
- Everything else (office records, decisions, recorded review results, calls, the programme, schemas, code,
  site, workflows, CODEOWNERS, tests) needs an office maintainer.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from generator.checker import make_finding
from generator.findings import Finding
from generator.forge import Change
from generator.kinds import Owner, classify, spec_of
from generator.kinds.spec import at
from generator.repository import Source
from generator.rules import authority as auth_rules
from generator.rules import files
from generator.yamlio import load_yaml


@dataclass(frozen=True, slots=True)
class Authority:
    office: frozenset[str]
    societies: dict[str, frozenset[str]]


def _data(raw: bytes | None) -> dict[str, Any] | None:
    if raw is None:
        return None
    return load_yaml(raw).data


def _logins(value: Any) -> frozenset[str]:
    if not isinstance(value, list):
        return frozenset()
    return frozenset(v.casefold() for v in value if isinstance(v, str) and v)


def _maintainers(data: Any, where: tuple[str, ...]) -> frozenset[str]:
    found = at(data, where)
    return _logins(found[0] if found else None)


def authority_from(sources: Iterable[Source]) -> Authority:
    """Read maintainers from a revision's files: the kinds that list them (``KindSpec.maintainers``) name
    the maintainers of their owner (the programme: the office's; a profile: its society's). A file that
    does not load grants nobody anything."""
    office: frozenset[str] = frozenset()
    societies: dict[str, frozenset[str]] = {}
    for source in sources:
        kind = classify(source.path)
        if kind is None:
            continue
        spec = spec_of(kind)
        if spec.maintainers is None:
            continue
        data = _data(source.raw)
        if not data:
            continue
        logins = _maintainers(data, spec.maintainers)
        if spec.owner is Owner.SOCIETY:
            if kind.slug:
                societies[kind.slug] = logins
        else:
            office = logins
    return Authority(office, societies)


def owners(path: str, authority: Authority) -> tuple[frozenset[str], str]:
    """Besides the office, who may change ``path``, and a Chinese description of what it is."""
    kind = classify(path)
    if kind is None:
        return frozenset(), "系统文件或未知位置的文件"
    spec = spec_of(kind)
    if spec.owner is Owner.SOCIETY and kind.slug:
        return authority.societies.get(kind.slug, frozenset()), f"学会“{kind.slug}”的{spec.zh}"
    return frozenset(), f"专项办公室的{spec.zh}"


def scope_findings(
    changes: Sequence[Change],
    actor: str,
    authority: Authority,
    base: dict[str, bytes | None],
    head: dict[str, bytes | None],
) -> list[Finding]:
    """AUTH findings for every changed path the actor may not touch (nothing for the office)."""
    who = actor.casefold()
    if who in authority.office:
        return []
    findings: list[Finding] = []
    for change in changes:
        allowed, what = owners(change.path, authority)
        if who not in allowed:
            findings.append(
                make_finding(
                    auth_rules.scope,
                    change.path,
                    0,
                    0,
                    (),
                    *auth_rules.scope.text(
                        actor=actor,
                        verb="删除" if change.status == "D" else "修改",
                        what=what,
                        path=change.path,
                    ),
                )
            )
            continue
        kind = classify(change.path)
        where = spec_of(kind).maintainers if kind is not None else None
        if where is not None:  # a society may not change who maintains its files (the office may)
            before = _maintainers(_data(base.get(change.path)), where)
            after = _maintainers(_data(head.get(change.path)), where)
            if before != after and change.status != "D":
                findings.append(
                    make_finding(
                        auth_rules.maintainers, change.path, 0, 0, where, *auth_rules.maintainers.text()
                    )
                )
    return findings


def path_key(path: str) -> str:
    return unicodedata.normalize("NFC", path).casefold()


def twin_findings(changes: Sequence[Change], all_paths: Iterable[str]) -> list[Finding]:
    """Names that differ only by case or Unicode normal form are different files to git: refuse them."""
    by_key: dict[str, set[str]] = {}
    for path in all_paths:
        by_key.setdefault(path_key(path), set()).add(path)
    findings: list[Finding] = []
    for change in changes:
        if change.status == "D":
            continue
        twins = sorted(by_key.get(path_key(change.path), set()) - {change.path})
        not_nfc = unicodedata.normalize("NFC", change.path) != change.path
        if twins or not_nfc:
            text = files.twin_name.text("twin", twin=twins[0]) if twins else files.twin_name.text("not_nfc")
            findings.append(make_finding(files.twin_name, change.path, 0, 0, (), *text))
    return findings
