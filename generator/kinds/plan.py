"""资金管理办法与实施计划 · a commended society's fund rules and implementation plan
(``submissions/<cycle>/plans/<slug>.yaml``; the society's file, public). It freezes once an inspection
(midterm or final) records a result for the society."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from generator import model
from generator.kinds import closing
from generator.kinds.spec import CYCLE, FileKind, KindSpec, Lock, LockReason, Owner, Projection
from generator.paths import SLUG, SUBMISSIONS


def place(data: model.Dataset, kind: FileKind, path: str, content: Any) -> None:
    data.cycle(kind.cycle or 0).plans[kind.slug or ""] = model.build_plan(path, content)


def writes(kind: FileKind) -> str:
    return f"{SUBMISSIONS}/{kind.cycle}/plans/{kind.slug}.yaml"


def frozen_locks(cycle: model.Cycle, slug: str, today: date) -> list[Lock]:
    closed = closing.inspection(cycle, slug, today, closing.FINAL_THEN_MIDTERM)
    if closed is None:
        return []
    since, why = closed
    return [Lock(KIND.path(cycle.year, slug), False, LockReason.FROZEN, since, why)]


KIND = KindSpec(
    name="plan",
    zh="资金管理办法与实施计划",
    pattern=re.compile(rf"{CYCLE}/plans/(?P<slug>{SLUG})\.yaml"),
    schema="plan",
    place=place,
    writes=writes,
    owner=Owner.SOCIETY,
    frozen_locks=frozen_locks,
    public=(
        Projection(
            "PublicPlan",
            {
                "filed": "filed",
                "management_rules": "management_rules",
                "approach": "approach",
                "focus": "focus",
                "milestones": "milestones",
                "indicators": "indicators",
            },
        ),
    ),
    template="plan.yaml.j2",
)
