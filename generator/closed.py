"""Closed records: which files a pull request may no longer change, and the office's recorded corrections.

Pure functions over the base and head of a pull request (their datasets and raw files), its changes, the
actor and the moment of the check. What is closed is read from the BASE revision only, so a pull request
cannot reopen a record by removing the decision that closed it in the same change.

- Under judgement: an application of a cycle whose call deadline has passed, until the cycle's
  commendation is recorded (the judgement is over) or the formal review records the application as
  rejected (final for that society). While it is under judgement, the society may not change the profile
  fields the rules read (``JUDGED_SOCIETY_FIELDS``: LOCK-001), its attachments (LOCK-002), nor delete the
  application (LOCK-002; editing it is already DEAD-001).
- Frozen by a record: an application and its attachments once the formal review records a result for it;
  a plan and the midterm report once the midterm inspection records a result for the society; the plan and
  both reports once the final inspection does. Nobody but the office may change them (LOCK-003).
- The office may change a closed or frozen file only with a correction entry added in the same pull request
  to ``office/corrections.yaml``: same path, dated no earlier than the day the file closed and no later than
  today (LOCK-004). Recorded corrections are public history and are never changed or removed (LOCK-005).

A deletion is a change (a rename is a deletion plus an addition: ``forge.changes`` does not detect renames).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from generator import kinds
from generator.checker import make_finding
from generator.findings import Finding
from generator.forge import Change
from generator.kinds.spec import Lock, LockReason
from generator.model import Correction, Cycle, Dataset
from generator.rules import records
from generator.rules.records import JUDGED_SOCIETY_FIELDS
from generator.schema import load_schema
from generator.yamlio import load_yaml

CORRECTIONS = kinds.corrections.KIND.path()


def _deadline_locks(cycle: Cycle, slug: str, deadline_text: str, since: date) -> list[Lock]:
    """What the call's deadline closes of a society's files while its application is under judgement:
    each kind says which of its files (``KindSpec.deadline_locks``)."""
    why = f"{cycle.year} 年度申报已于 {deadline_text} 截止，学会“{slug}”的申报书尚在评审中"
    return [
        lock
        for spec in kinds.SHARED
        if spec.deadline_locks is not None
        for lock in spec.deadline_locks(cycle.year, slug, since, why)
    ]


def _frozen_locks(cycle: Cycle, slugs: Sequence[str], today: date) -> list[Lock]:
    """What the cycle's records have frozen by ``today``: each kind says which of its files a record
    freezes and from when (``KindSpec.frozen_locks``)."""
    if cycle.decisions is None:
        return []
    return [
        lock
        for slug in slugs
        for spec in kinds.SHARED
        if spec.frozen_locks is not None
        for lock in spec.frozen_locks(cycle, slug, today)
    ]


def locks(base: Dataset, now: datetime) -> list[Lock]:
    """Every closed path of the base revision at ``now``; a frozen lock comes before a deadline lock."""
    tz = base.timezone
    today = base.today(now)
    frozen: list[Lock] = []
    deadline: list[Lock] = []
    for year in sorted(base.cycles):
        cycle = base.cycles[year]
        dec = cycle.decisions
        slugs = sorted(
            {*cycle.applications, *cycle.plans, *(slug for slug, _ in cycle.reports)}
            | (set(dec.formal_results) | set(dec.midterm.results) | set(dec.final.results) if dec else set())
        )
        frozen += _frozen_locks(cycle, slugs, today)
        call = cycle.call
        if call is None or now <= call.deadline:
            continue
        if dec is not None and dec.commendation_date is not None and dec.commendation_date <= today:
            continue  # the cycle's judgement is over
        text = call.deadline_text(tz)
        since = call.deadline_date(tz)
        for slug in sorted(cycle.applications):
            result = dec.formal_results.get(slug) if dec is not None else None
            if result is not None and result.supplement is not None and result.supplement.open_on(today):
                continue  # 补正 open: the society hands in the named items (DEAD-001 lets it)
            if result is not None and not result.passed:
                continue  # rejected at formal review: final for this society
            deadline += _deadline_locks(cycle, slug, text, since)
    return frozen + deadline


def _matches(lock: Lock, path: str) -> bool:
    return path.startswith(lock.path) if lock.prefix else path == lock.path


def _data(raw: bytes | None) -> dict[str, Any]:
    if raw is None:
        return {}
    data = load_yaml(raw).data
    return data if isinstance(data, dict) else {}


def _field_title(name: str) -> str:
    prop = load_schema("society").get("properties", {}).get(name, {})
    title = prop.get("title")
    return f"{name}（{title}）" if isinstance(title, str) else name


def _fields_zh(fields: Sequence[str]) -> str:
    return f"评审所依据的字段 {'、'.join(_field_title(f) for f in fields)}" if fields else "这个文件"


def _changed_fields(base_raw: bytes | None, head_raw: bytes | None) -> list[str]:
    before, after = _data(base_raw), _data(head_raw)
    return [name for name in JUDGED_SOCIETY_FIELDS if before.get(name) != after.get(name)]


def _verb(change: Change, base_has: bool) -> str:
    if change.status == "D":
        return "删除"
    return "修改" if base_has else "增加"


def _new_corrections(base: Dataset, head: Dataset) -> list[Correction]:
    before = {_key(c) for c in base.office.corrections or ()}
    return [c for c in head.office.corrections or () if _key(c) not in before]


def _key(c: Correction) -> tuple[str, date, int, str, str, str | None]:
    return (c.id, c.date, c.cycle, c.path, c.reason, c.record)


def _office_finding(
    change: Change,
    lock: Lock,
    what: str,
    fields: Sequence[str],
    corrections: Sequence[Correction],
    today: date,
) -> Finding | None:
    entries = [c for c in corrections if c.path == change.path]
    if any(lock.since <= c.date <= today for c in entries):
        return None
    c = entries[0] if entries else None
    text = records.office_correction.text(
        "missing" if c is None else "early" if c.date < lock.since else "future",
        why=lock.why,
        verb=what,
        fields_zh=_fields_zh(fields),
        path=change.path,
        since=lock.since,
        today=today,
        id=c.id if c else "",
        date=c.date if c else "",
    )
    return make_finding(records.office_correction, change.path, 0, 0, (), *text)


def _society_finding(
    change: Change, lock: Lock, what: str, fields: Sequence[str], head_raw: bytes | None
) -> Finding | None:
    if lock.reason is LockReason.PROFILE:
        rules = "、".join(sorted({r.id for f in fields for r in JUDGED_SOCIETY_FIELDS[f]}))
        line, column = (0, 0)
        if head_raw is not None and change.status != "D":
            loaded = load_yaml(head_raw)
            if loaded.data is not None:
                line, column = loaded.locate((fields[0],))
        return make_finding(
            records.profile_fields,
            change.path,
            line,
            column,
            (fields[0],) if change.status != "D" else (),
            *records.profile_fields.text(
                why=lock.why, fields_zh=_fields_zh(fields), rules=rules, verb=what, fields=", ".join(fields)
            ),
        )
    if lock.reason is LockReason.DEADLINE:
        if lock.deletion_only and change.status != "D":
            return None  # editing or adding the application itself after the deadline is DEAD-001
        text = records.deadline_closed.text(why=lock.why, verb=what, thing=lock.what, path=change.path)
        return make_finding(records.deadline_closed, change.path, 0, 0, (), *text)
    text = records.frozen.text(why=lock.why, verb=what, path=change.path)
    return make_finding(records.frozen, change.path, 0, 0, (), *text)


def correction_history_findings(base: Dataset, head: Dataset, head_has_file: bool) -> list[Finding]:
    """LOCK-005: an entry of the base's corrections record that the head changes or removes.

    A head file that is present but does not load says so with its own findings; nothing is added here."""
    if head.office.corrections is None and head_has_file:
        return []
    after = {c.id: c for c in head.office.corrections or ()}
    findings: list[Finding] = []
    for c in base.office.corrections or ():
        now = after.get(c.id)
        if now is not None and _key(now)[1:] == _key(c)[1:]:
            continue
        findings.append(
            make_finding(
                records.correction_history,
                CORRECTIONS,
                0,
                0,
                ("corrections", c.index),
                *records.correction_history.text(
                    "removed" if now is None else "changed", id=c.id, date=c.date, path=c.path
                ),
            )
        )
    return findings


def closed_findings(
    base: Dataset | None,
    head: Dataset | None,
    base_raw: dict[str, bytes | None],
    head_raw: dict[str, bytes | None],
    changes: Sequence[Change],
    actor_is_office: bool,
    now: datetime,
) -> list[Finding]:
    """Findings for the changes of a pull request that touch closed or frozen files (see the module text)."""
    if base is None:
        return []
    all_locks = locks(base, now)
    today = base.today(now)
    corrections = _new_corrections(base, head) if head is not None else []
    findings: list[Finding] = (
        correction_history_findings(base, head, CORRECTIONS in head_raw) if head is not None else []
    )
    for change in changes:
        lock = next((lk for lk in all_locks if _matches(lk, change.path)), None)
        if lock is None:
            continue
        what = _verb(change, change.path in base_raw)
        fields: list[str] = []
        if lock.reason is LockReason.PROFILE:
            fields = _changed_fields(
                base_raw.get(change.path), head_raw.get(change.path) if change.status != "D" else None
            )
            if not fields:
                continue
        if actor_is_office:
            found = _office_finding(change, lock, what, fields, corrections, today)
        else:
            found = _society_finding(change, lock, what, fields, head_raw.get(change.path))
        if found is not None:
            findings.append(found)
    return findings
