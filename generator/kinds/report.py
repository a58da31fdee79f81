"""中期/总结报告 · a commended society's midterm or final report
(``submissions/<cycle>/reports/<slug>.<midterm|final>.yaml``; the society's file, public). The midterm
report freezes once an inspection (midterm or final) records a result for the society, the final report
once the final inspection does."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from generator import model
from generator.kinds import closing
from generator.kinds.spec import CYCLE, FileKind, KindSpec, Lock, LockReason, Owner, Projection
from generator.paths import SLUG, SUBMISSIONS

# Each stage's Chinese name, and the inspection rounds that judge its report (latest first).
STAGES = {"midterm": "中期报告", "final": "总结报告"}
JUDGED_BY = {"midterm": closing.FINAL_THEN_MIDTERM, "final": ("final",)}


def place(data: model.Dataset, kind: FileKind, path: str, content: Any) -> None:
    key = (kind.slug or "", kind.stage or "")
    data.cycle(kind.cycle or 0).reports[key] = model.build_report(path, content)


def writes(kind: FileKind) -> str:
    return f"{SUBMISSIONS}/{kind.cycle}/reports/{kind.slug}.{kind.stage}.yaml"


def frozen_locks(cycle: model.Cycle, slug: str, today: date) -> list[Lock]:
    found: list[Lock] = []
    for stage, rounds in JUDGED_BY.items():
        closed = closing.inspection(cycle, slug, today, rounds)
        if closed is not None:
            since, why = closed
            found.append(Lock(KIND.path(cycle.year, slug, stage), False, LockReason.FROZEN, since, why))
    return found


KIND = KindSpec(
    name="report",
    zh="中期/总结报告",
    pattern=re.compile(rf"{CYCLE}/reports/(?P<slug>{SLUG})\.(?P<stage>midterm|final)\.yaml"),
    schema="report",
    place=place,
    writes=writes,
    owner=Owner.SOCIETY,
    frozen_locks=frozen_locks,
    public=(
        Projection(
            "PublicReport",
            {"stage": "stage", "as_of": "as_of", "indicators": "indicators", "summary": "summary"},
        ),
    ),
    stages=STAGES,
    template="report.yaml.j2",
)
