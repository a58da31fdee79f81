"""回避与豁免 · the office's conflict-of-interest records of a cycle: recusals, waivers (each with its reason)
and the applicants' requests not to be reviewed by named experts (committee repository:
``<cycle>/conflicts.yaml``; the office's file), 五（二）."""

from __future__ import annotations

import re
from typing import Any

from generator import model
from generator.kinds.spec import CYCLE, FileKind, KindSpec


def place(data: model.Dataset, kind: FileKind, path: str, content: Any) -> None:
    data.cycle(kind.cycle or 0).conflict_records = model.build_conflict_records(path, content)


def writes(kind: FileKind) -> str:
    return f"{kind.cycle}/conflicts.yaml"


KIND = KindSpec(
    name="conflicts",
    zh="回避与豁免记录",
    pattern=re.compile(rf"{CYCLE}/conflicts\.yaml"),
    schema="conflicts",
    place=place,
    writes=writes,
)
