"""The aggregated review results the shared tree receives from the committee repository, 四（二）.

Pure functions from data to data: the fingerprint of a cycle's committee inputs, the results document that
``xuehui rank --record`` writes (``submissions/<cycle>/results.yaml``), and the comparison of a recorded
document with the results recomputed from the committee repository.

The fingerprint (defined in docs/data-contract.md, "专家评审汇总结果与指纹") is ``sha256:`` and the hex SHA-256
of the UTF-8 bytes of a canonical JSON value (keys sorted, no spaces, non-ASCII kept) holding what the
ranking uses and nothing else::

    {"committee": [sorted member ids] or null,
     "cycle": 2025,
     "experts": {id: {"affiliations": [sorted]}}   # the pool entries of members and of review authors
     "reviews": {file id: {"conflicts": [sorted], "expert": id,
                           "scores": [{"points": {area: "27.5"}, "society": slug}, …]}}}

Scores are sorted by society, keeping the file's order among scores of one society (the first counts).
Numbers are decimal strings without exponent or trailing zeros (``27.50`` → ``"27.5"``, ``20`` → ``"20"``).
Comments, names, fields and logins are not inputs of the ranking and are left out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from generator.model import AREAS, Cycle, Dataset, Results, Score, two_decimals
from generator.scoring import Standing, rank_cycle, to_decimal

RECORDED_BY = "xuehui rank"


def _number(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def canonical_inputs(data: Dataset, cycle: Cycle) -> dict[str, Any]:
    """The committee inputs of one cycle, as the JSON value the fingerprint hashes."""
    pool = data.office.experts or {}
    used = set(cycle.committee or ()) | {r.expert for r in cycle.reviews.values()}
    reviews: dict[str, Any] = {}
    for slug, review in cycle.reviews.items():
        scores = sorted(review.scores, key=lambda s: (s.society, s.index))
        reviews[slug] = {
            "expert": review.expert,
            "conflicts": sorted(review.conflicts),
            "scores": [_canonical_score(s) for s in scores],
        }
    return {
        "cycle": cycle.year,
        "committee": None if cycle.committee is None else sorted(cycle.committee),
        "experts": {e: {"affiliations": sorted(pool[e].affiliations)} for e in sorted(used) if e in pool},
        "reviews": reviews,
    }


def _canonical_score(s: Score) -> dict[str, Any]:
    """A score as the fingerprint hashes it: area points, and the sub-items when the rubric is scored."""
    out: dict[str, Any] = {"society": s.society, "points": {k: _number(v) for k, v in s.points.items()}}
    if s.items:
        out["items"] = {a: {k: _number(v) for k, v in items.items()} for a, items in s.items.items()}
    return out


def fingerprint(data: Dataset, cycle: Cycle) -> str:
    text = json.dumps(
        canonical_inputs(data, cycle), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    import hashlib  # only when a digest is made: a check of one file never needs it (4 ms of start)

    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _two(value: Fraction) -> str:
    return two_decimals(to_decimal(value))


def standing_fields(s: Standing) -> dict[str, Any]:
    """One standing as the results file holds it (the strings ``xuehui rank`` shows)."""
    return {
        "society": s.society,
        "category": s.category,
        "rank": s.rank,
        "tied": s.tied,
        "count": s.count,
        "trimmed": s.trimmed,
        "area_means": {a: _two(s.area_means[a]) for a in AREAS if a in s.area_means},
        "total": None if s.total is None else _two(s.total),
        "total_exact": None if s.total is None else f"{s.total.numerator}/{s.total.denominator}",
        "tier": s.tier,
        "tier_note": s.tier_note if s.rank is not None else "",
    }


def recorded_fields(results: Results) -> list[dict[str, Any]]:
    """A recorded results file's standings in the same shape as ``standing_fields``."""
    return [
        {
            "society": s.society,
            "category": s.category,
            "rank": s.rank,
            "tied": s.tied,
            "count": s.count,
            "trimmed": s.trimmed,
            "area_means": {a: two_decimals(s.area_means[a]) for a in AREAS if a in s.area_means},
            "total": None if s.total is None else two_decimals(s.total),
            "total_exact": None
            if s.total_exact is None
            else f"{s.total_exact.numerator}/{s.total_exact.denominator}",
            "tier": s.tier,
            "tier_note": s.tier_note,
        }
        for s in results.standings
    ]


@dataclass(frozen=True, slots=True)
class Recomputed:
    cycle: int
    standings: tuple[Standing, ...]
    fingerprint: str


def recompute(data: Dataset, cycle: Cycle) -> Recomputed:
    return Recomputed(cycle.year, tuple(rank_cycle(data, cycle)), fingerprint(data, cycle))


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


HEADER = (
    "# 专家评审汇总结果（公开）：由 xuehui rank --committee <委员会仓库> --cycle {cycle} --record 从评审委员会仓库计算并写入，\n"
    "# 请勿手工修改（xuehui check --committee 会按委员会仓库重新计算并核对）。不含评分专家的身份或单项评分。\n"
    "# Aggregated expert-review results, written by `xuehui rank --record`; do not edit by hand.\n"
)


def render_document(
    cycle: int, recorded: str, committee_commit: str | None, print_: str, standings: list[dict[str, Any]]
) -> str:
    """The results file's text: one canonical rendering, so that a file ``rank`` wrote can be recognised."""
    lines = [
        HEADER.format(cycle=cycle).rstrip("\n"),
        "schema_version: 1",
        f"cycle: {cycle}",
        f"recorded: {_scalar(recorded)}",
        f"recorded_by: {_scalar(RECORDED_BY)}",
        f"committee_commit: {_scalar(committee_commit)}",
        f"fingerprint: {_scalar(print_)}",
    ]
    if not standings:
        lines.append("standings: []")
    else:
        lines.append("standings:")
    for s in standings:
        means = ", ".join(f"{a}: {_scalar(v)}" for a, v in s["area_means"].items())
        lines.append(f"  - society: {s['society']}")
        if s.get("category") is not None:
            lines.append(f"    category: {_scalar(s['category'])}")
        for key in ("rank", "tied", "count", "trimmed"):
            lines.append(f"    {key}: {_scalar(s[key])}")
        lines.append(f"    area_means: {{{means}}}")
        for key in ("total", "total_exact", "tier", "tier_note"):
            lines.append(f"    {key}: {_scalar(s[key])}")
    body = "\n".join(lines) + "\n"
    seal_at = len(lines[0].splitlines()) + 6  # after the fingerprint line
    sealed = body.split("\n")
    sealed.insert(seal_at, f"seal: {_scalar(seal_of(body))}")
    return "\n".join(sealed)


SEAL_PREFIX = "seal: "


def seal_of(text: str) -> str:
    """``sha256:`` of a results document's text without its ``seal:`` line: the file ``rank`` wrote is
    recognised by it (an edit by hand, even one that keeps the format, breaks it)."""
    kept = "".join(line for line in text.splitlines(keepends=True) if not line.startswith(SEAL_PREFIX))
    import hashlib

    return "sha256:" + hashlib.sha256(kept.encode("utf-8")).hexdigest()


def is_sealed(raw: bytes) -> bool:
    """The file is exactly as ``xuehui rank --record`` wrote it."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    seals = [line for line in text.splitlines() if line.startswith(SEAL_PREFIX)]
    return len(seals) == 1 and seals[0] == f"{SEAL_PREFIX}{_scalar(seal_of(text))}"


def document_for(recomputed: Recomputed, recorded: str, committee_commit: str | None) -> str:
    return render_document(
        recomputed.cycle,
        recorded,
        committee_commit,
        recomputed.fingerprint,
        [standing_fields(s) for s in recomputed.standings],
    )


@dataclass(frozen=True, slots=True)
class Difference:
    """One way a recorded results file differs from the recomputed results: the field (a key of
    ``standing_fields``, ``area_means.<area>`` for one area's mean, or ``fingerprint``) and both values as a
    reader sees them (scores with two decimals, 是/否, （无） for none; never JSON or a fraction)."""

    path: tuple[str | int, ...]
    society: str | None
    field: str
    recorded: str
    recomputed: str


NONE = "（无）"
COMPARED = (
    "category",
    "count",
    "area_means",
    "total",
    "total_exact",
    "trimmed",
    "rank",
    "tied",
    "tier",
    "tier_note",
)


def _readable(value: Any) -> str:
    if value is None:
        return NONE
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _standing_differences(
    i: int, society: str, row: dict[str, Any], mine: dict[str, Any]
) -> list[Difference]:
    """How one society's recorded standing differs from the recomputed one, field by field (each area's
    mean on its own; the exact total only when the two-decimal totals agree, shown with two decimals)."""
    found: list[Difference] = []
    at: tuple[str | int, ...] = ("standings", i)
    for key in COMPARED:
        if row[key] == mine[key]:
            continue
        if key == "area_means":
            for area in [a for a in AREAS if row[key].get(a) != mine[key].get(a)]:
                was, now = _readable(row[key].get(area)), _readable(mine[key].get(area))
                found.append(Difference((*at, key, area), society, f"{key}.{area}", was, now))
        elif key == "total_exact":
            if row["total"] == mine["total"]:
                was, now = (NONE if v is None else _two(Fraction(v)) for v in (row[key], mine[key]))
                found.append(Difference((*at, key), society, key, was, now))
        else:
            found.append(Difference((*at, key), society, key, _readable(row[key]), _readable(mine[key])))
    return found


def differences(results: Results, recomputed: Recomputed) -> list[Difference]:
    found: list[Difference] = []
    if results.fingerprint != recomputed.fingerprint:
        found.append(
            Difference(("fingerprint",), None, "fingerprint", results.fingerprint, recomputed.fingerprint)
        )
    fresh = {s.society: standing_fields(s) for s in recomputed.standings}
    seen: set[str] = set()
    for i, row in enumerate(recorded_fields(results)):
        society = row["society"]
        seen.add(society)
        mine = fresh.get(society)
        if mine is None:
            found.append(Difference(("standings", i, "society"), society, "society", society, NONE))
        else:
            found.extend(_standing_differences(i, society, row, mine))
    for society in sorted(set(fresh) - seen):
        found.append(Difference(("standings",), society, "society", NONE, society))
    return found
