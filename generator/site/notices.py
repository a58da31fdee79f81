"""Notices (通知公告): the programme's official announcements derived from the data — each call, publicity
notice, commendation, inspection result and sanction decision — with a SHA-256 fingerprint of the
notice's canonical data so anyone can check that what they read is what the repository holds."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from msgspec import Struct

from generator.model import two_decimals
from generator.public import PublicCall, PublicCycle, PublicSanction, PublicSite, PublicSubstitution

KIND_ZH = {
    "call": "申报通知",
    "publicity": "公示",
    "commendation": "表彰决定",
    "midterm": "中期检查结果",
    "final": "总结验收结果",
    "sanction": "处理决定",
    "substitution": "递补公示",
}


# A notice's payload: the canonical data its fingerprint covers (public fields only), one type per kind.
# Field names are the keys of the canonical JSON (``canonical`` turns a dataclass into an object by its
# fields, keys sorted): renaming a field changes every fingerprint.
@dataclass(frozen=True, slots=True)
class Listed:
    """A society on the publicity list."""

    society: str
    name: str
    tier: str


@dataclass(frozen=True, slots=True)
class Awarded:
    """A commended society and its award."""

    society: str
    name: str
    tier: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Judged:
    """A society's midterm or final inspection result."""

    society: str
    name: str
    result: str
    note: str


@dataclass(frozen=True, slots=True)
class CallPayload:
    kind: str
    call: PublicCall


@dataclass(frozen=True, slots=True)
class PublicityPayload:
    kind: str
    cycle: int
    start: date | None
    end: date | None
    channels: tuple[str, ...]
    proposed: list[Listed]


@dataclass(frozen=True, slots=True)
class CommendationPayload:
    kind: str
    cycle: int
    awards: list[Awarded]


@dataclass(frozen=True, slots=True)
class InspectionPayload:
    kind: str  # midterm | final
    cycle: int
    results: list[Judged]


@dataclass(frozen=True, slots=True)
class SanctionPayload:
    kind: str
    sanction: PublicSanction
    name: str


@dataclass(frozen=True, slots=True)
class SubstitutionPayload:
    """A 递补 society's own publicity (四（二））: who moves up in place of whom, and its period."""

    kind: str
    cycle: int
    society: str
    name: str
    tier: str
    replaces: str
    replaces_name: str
    decided: date
    reason: str
    start: date | None
    end: date | None
    channels: tuple[str, ...]


Payload = (
    CallPayload
    | PublicityPayload
    | CommendationPayload
    | InspectionPayload
    | SanctionPayload
    | SubstitutionPayload
)


@dataclass(frozen=True, slots=True)
class Notice:
    slug: str  # notices/<slug>.md
    kind: str
    title: str
    doc_number: str | None
    issuer: str
    date: date
    cycle: int | None
    payload: Payload  # the canonical data the fingerprint covers (public fields only)

    @property
    def kind_zh(self) -> str:
        return KIND_ZH[self.kind]

    @property
    def path(self) -> str:
        return f"notices/{self.slug}.md"

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.payload)


_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """JSON-ready values: dataclasses and ``msgspec`` structs (the model's) as dicts, money with two decimals,
    dates in ISO form."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is Decimal:
        return two_decimals(value)
    if kind is date or kind is datetime:
        return value.isoformat()
    if kind is tuple or kind is list:
        return [_plain(v) for v in value]
    if kind is dict:
        return {str(k): _plain(v) for k, v in value.items()}
    names = _FIELDS.get(kind)
    if names is None and isinstance(value, Struct):
        names = _FIELDS[kind] = value.__struct_fields__
    if names is None and dataclasses.is_dataclass(value):
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    return value


def canonical(payload: Any) -> bytes:
    """Canonical JSON: sorted keys, no spaces, UTF-8, money with two decimals, ISO dates."""
    return json.dumps(_plain(payload), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def fingerprint(payload: Any) -> str:
    return hashlib.sha256(canonical(payload)).hexdigest()


def notices(site: PublicSite) -> list[Notice]:
    """Every notice, newest first (ties by kind and slug, so the order is stable)."""
    issuer_default = site.programme.organiser
    out: list[Notice] = []
    for cycle in site.cycles:
        out.extend(_cycle_notices(cycle, issuer_default, site))
        out.extend(
            _substitution_notice(cycle, sub, issuer_default, site)
            for sub in (cycle.decisions.substitutions if cycle.decisions else ())
            if sub.publicity_start is not None and sub.publicity_start <= site.today  # not before it starts
        )
    for s in site.sanctions:
        out.append(_sanction_notice(s, issuer_default, site))
    return sorted(out, key=lambda n: (n.date, n.kind, n.slug), reverse=True)


def _cycle_notices(cycle: PublicCycle, issuer: str, site: PublicSite) -> list[Notice]:
    found: list[Notice] = []
    call = cycle.call
    if call is not None:
        found.append(
            Notice(
                f"{cycle.year}-call",
                "call",
                call.title,
                call.doc_number,
                call.issuer or issuer,
                call.published,
                cycle.year,
                CallPayload("call", call),
            )
        )
    dec = cycle.decisions
    if dec is None:
        return found
    if dec.publicity_start is not None:
        listed = [Listed(s, site.name_of(s), t) for s, t in dec.proposed]
        found.append(
            Notice(
                f"{cycle.year}-publicity",
                "publicity",
                dec.publicity_title or f"{cycle.year}年度学会能力提升专项拟表彰名单公示",
                dec.publicity_doc_number,
                issuer,
                dec.publicity_start,
                cycle.year,
                PublicityPayload(
                    "publicity",
                    cycle.year,
                    cycle.publicity.start,
                    cycle.publicity.end,
                    dec.publicity_channels,
                    listed,
                ),
            )
        )
    if dec.commendation_date is not None:
        found.append(
            Notice(
                f"{cycle.year}-commendation",
                "commendation",
                f"关于{cycle.year}年度学会能力提升专项表彰奖励的决定",
                dec.commendation_doc_number,
                issuer,
                dec.commendation_date,
                cycle.year,
                CommendationPayload(
                    "commendation", cycle.year, [Awarded(s, site.name_of(s), t, a) for s, t, a in dec.awards]
                ),
            )
        )
    for stage, (day, results) in (("midterm", dec.midterm), ("final", dec.final)):
        if day is None:
            continue
        found.append(
            Notice(
                f"{cycle.year}-{stage}",
                stage,
                f"{cycle.year}年度学会能力提升专项{KIND_ZH[stage]}",
                dec.midterm_doc_number if stage == "midterm" else dec.final_doc_number,
                issuer,
                day,
                cycle.year,
                InspectionPayload(
                    stage,
                    cycle.year,
                    [Judged(r.society, site.name_of(r.society), r.result, r.note) for r in results],
                ),
            )
        )
    return found


def _substitution_notice(
    cycle: PublicCycle, sub: PublicSubstitution, issuer: str, site: PublicSite
) -> Notice:
    assert sub.publicity_start is not None
    return Notice(
        f"{cycle.year}-substitution-{sub.society}",
        "substitution",
        sub.publicity_title or f"{cycle.year}年度学会能力提升专项递补拟表彰学会公示",
        sub.publicity_doc_number,
        issuer,
        sub.publicity_start,
        cycle.year,
        SubstitutionPayload(
            "substitution",
            cycle.year,
            sub.society,
            site.name_of(sub.society),
            sub.tier,
            sub.replaces,
            site.name_of(sub.replaces),
            sub.decided,
            sub.reason,
            sub.publicity_start,
            sub.publicity_end,
            sub.publicity_channels,
        ),
    )


def _sanction_notice(s: PublicSanction, issuer: str, site: PublicSite) -> Notice:
    return Notice(
        f"sanction-{s.id}",
        "sanction",
        f"关于对{site.name_of(s.society)}的处理决定",
        s.doc_number,
        issuer,
        s.decided,
        s.cycle,
        SanctionPayload("sanction", s, site.name_of(s.society)),
    )
