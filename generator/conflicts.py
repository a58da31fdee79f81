"""Panels, assignments and conflicts of interest, 四（二）（相关领域专家评审）、五（二）（公平竞争）: pure functions
over the committee repository's files merged into the dataset (``generator.committee.merge``).

An expert is barred from an application by any of these (``Conflict.source``):

- ``declared``: the expert's declaration of the cycle (``<cycle>/declarations/<expert>.yaml``), by relationship;
- ``pool``: a society the expert belongs to in the expert pool (``experts.yaml`` ``affiliations``);
- ``review``: the review file's ``conflicts:`` list (the older way of declaring, still honoured);
- ``avoid``: the applicant's written request not to be reviewed by the expert (``<cycle>/conflicts.yaml``);
- ``recusal``: the office's recusal (``<cycle>/conflicts.yaml``).

The office's waiver (``<cycle>/conflicts.yaml`` ``waivers``) lifts a ``declared`` conflict of a waivable
relationship (``model.WAIVABLE``) and an ``avoid`` request; nothing else can be waived.
"""

from __future__ import annotations

from msgspec import Struct

from generator.model import WAIVABLE, Call, Cycle, Dataset, OfficeRuling

SOURCES_ZH = {
    "declared": "本人声明",
    "pool": "专家库所属学会",
    "review": "评分表 conflicts（旧写法）",
    "avoid": "申报学会请求回避",
    "recusal": "专项办公室决定回避",
}
RELATIONSHIPS_ZH = {
    "member": "会员",
    "officer": "理事、监事或秘书处任职",
    "employer": "同一工作单位",
    "supervising_unit": "业务主管或挂靠单位",
    "collaborator": "近三年合作者",
    "relative": "近亲属任职",
}


class Conflict(Struct, frozen=True):
    expert: str
    society: str
    source: str  # declared | pool | review | avoid | recusal
    relationship: str | None  # a declared conflict's relationship ("member" for the pool's affiliations)
    waiver: OfficeRuling | None = None  # the office's waiver that lifts it

    @property
    def waivable(self) -> bool:
        return self.source == "avoid" or (self.source == "declared" and self.relationship in WAIVABLE)

    @property
    def bars(self) -> bool:
        """The conflict keeps the expert from scoring the application (not lifted by a waiver)."""
        return self.waiver is None or not self.waivable

    @property
    def zh(self) -> str:
        what = SOURCES_ZH[self.source]
        if self.relationship:
            what += f"：{RELATIONSHIPS_ZH.get(self.relationship, self.relationship)}"
        return what


def _raw_conflicts(data: Dataset, cycle: Cycle, expert: str) -> list[Conflict]:
    found: list[Conflict] = []
    declaration = cycle.declarations.get(expert)
    if declaration is not None:
        found += [Conflict(expert, c.society, "declared", c.relationship) for c in declaration.conflicts]
    pool = data.office.experts or {}
    if expert in pool:
        found += [Conflict(expert, s, "pool", "member") for s in pool[expert].affiliations]
    review = cycle.reviews.get(expert)
    if review is not None:
        found += [Conflict(expert, s, "review", None) for s in review.conflicts]
    records = cycle.conflict_records
    if records is not None:
        found += [
            Conflict(expert, a.society, "avoid", None) for a in records.avoid_requests if expert in a.experts
        ]
        found += [
            Conflict(expert, r.society, "recusal", None) for r in records.recusals if r.expert == expert
        ]
    return found


def conflicts_of(data: Dataset, cycle: Cycle, expert: str) -> list[Conflict]:
    """Every conflict of ``expert`` in ``cycle``, each with the office's waiver of it (if any)."""
    records = cycle.conflict_records
    waivers = {(w.expert, w.society): w for w in records.waivers} if records is not None else {}
    return [
        Conflict(c.expert, c.society, c.source, c.relationship, waivers.get((expert, c.society)))
        for c in _raw_conflicts(data, cycle, expert)
    ]


def barred(data: Dataset, cycle: Cycle, expert: str) -> dict[str, Conflict]:
    """The societies ``expert`` may not score in ``cycle``, each with the first conflict that bars it."""
    out: dict[str, Conflict] = {}
    for c in conflicts_of(data, cycle, expert):
        if c.bars:
            out.setdefault(c.society, c)
    return out


def experts_of_cycle(cycle: Cycle) -> list[str]:
    """Everyone the cycle's committee files name: members, reviewers, declarers and assigned experts."""
    names = set(cycle.committee or ()) | set(cycle.reviews) | set(cycle.declarations)
    if cycle.assignments is not None:
        names.update(e for a in cycle.assignments.assignments for e in a.experts)
    return sorted(names)


def assigned_to(cycle: Cycle, expert: str) -> set[str] | None:
    """The applications assigned to ``expert`` (None: the cycle has no assignments file, so every
    committee member scores every application, as before panels)."""
    if cycle.assignments is None:
        return None
    return {a.society for a in cycle.assignments.assignments if expert in a.experts}


def workload(cycle: Cycle) -> dict[str, int]:
    """How many applications each expert is assigned."""
    counts: dict[str, int] = {}
    if cycle.assignments is not None:
        for a in cycle.assignments.assignments:
            for expert in a.experts:
                counts[expert] = counts.get(expert, 0) + 1
    return counts


class SummaryRow(Struct, frozen=True):
    """One application in the office's conflict summary."""

    society: str
    panel: str | None
    assigned: tuple[str, ...]
    clear: tuple[str, ...]  # assigned and not barred
    conflicts: tuple[Conflict, ...]  # every conflict any expert of the cycle has with it
    avoid_named: int  # how many experts the applicant asked to avoid (pool and others)


def summary(data: Dataset, cycle: Cycle, societies: list[str]) -> list[SummaryRow]:
    """The office's conflict summary of a cycle: per application, who is assigned, who of them is clear, and
    every conflict (with its source, relationship and waiver). Never published."""
    experts = experts_of_cycle(cycle)
    every = [c for e in experts for c in conflicts_of(data, cycle, e)]
    records = cycle.conflict_records
    rows: list[SummaryRow] = []
    for society in societies:
        assignment = cycle.assignments.of(society) if cycle.assignments is not None else None
        assigned = assignment.experts if assignment is not None else ()
        mine = tuple(c for c in every if c.society == society)
        bars = {c.expert for c in mine if c.bars}
        named = sum(a.named for a in records.avoid_requests if a.society == society) if records else 0
        rows.append(
            SummaryRow(
                society,
                assignment.panel if assignment is not None else None,
                assigned,
                tuple(e for e in assigned if e not in bars),
                mine,
                named,
            )
        )
    return rows


def category_panels(call: Call | None) -> dict[str, str]:
    """The call's categories (分类实施) → the panel each names; {} when it names none."""
    return {c.id: c.panel for c in call.categories if c.panel} if call is not None else {}


def panel_of(data: Dataset, cycle: Cycle, society: str) -> str | None:
    """The panel of the society's category (its profile's ``category``) as the call names it, if known."""
    profile = data.societies.get(society)
    category = profile.category if profile is not None else None
    return category_panels(cycle.call).get(category) if category is not None else None
