"""评审分配 · who scores which application in a cycle (committee repository: ``<cycle>/assignments.yaml``;
the office's file), 四（二）、五（二）."""

from __future__ import annotations

import re
from typing import Any

from generator import model
from generator.kinds.spec import CYCLE, FileKind, KindSpec


def place(data: model.Dataset, kind: FileKind, path: str, content: Any) -> None:
    data.cycle(kind.cycle or 0).assignments = model.build_assignments(path, content)


def writes(kind: FileKind) -> str:
    return f"{kind.cycle}/assignments.yaml"


KIND = KindSpec(
    name="assignments",
    zh="评审分配",
    pattern=re.compile(rf"{CYCLE}/assignments\.yaml"),
    schema="assignments",
    place=place,
    writes=writes,
)
