"""申报通知 · a cycle's call for applications: dates, deadline, awards, scoring
(``submissions/<cycle>/call.yaml``; the office's file, public)."""

from __future__ import annotations

import re
from typing import Any

from generator import model
from generator.kinds.spec import CYCLE, FileKind, KindSpec, Projection
from generator.paths import SUBMISSIONS


def place(data: model.Dataset, kind: FileKind, path: str, content: Any) -> None:
    data.cycle(kind.cycle or 0).call = model.build_call(path, content)


def writes(kind: FileKind) -> str:
    return f"{SUBMISSIONS}/{kind.cycle}/call.yaml"


KIND = KindSpec(
    name="call",
    zh="申报通知",
    pattern=re.compile(rf"{CYCLE}/call\.yaml"),
    schema="call",
    place=place,
    writes=writes,
    public=(
        Projection(
            "PublicCall",
            {
                "cycle": "cycle",
                "title": "title",
                "doc_number": "doc_number",
                "issuer": "issuer",
                "published": "published",
                "deadline": "deadline",
                "awards": "awards",
                "max_points": "scoring.max_points",
                "publicity_days": "publicity.days",
                "publicity_day_kind": "publicity.day_kind",
                "plan_due_days": "plan_due_days",
                "body": "body",
                "period_start": "implementation_period.start",
                "period_end": "implementation_period.end",
                "categories": "categories",
                "rubric": "scoring.rubric",
                "aggregation": "scoring.aggregation",
            },
        ),
    ),
)
