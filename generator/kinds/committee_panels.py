"""评审组 · the review panels of a cycle: one per category, the fields each needs and its members
(committee repository: ``<cycle>/panels.yaml``; the office's file), 四（二）."""

from __future__ import annotations

import re
from typing import Any

from generator import model
from generator.kinds.spec import CYCLE, FileKind, KindSpec


def place(data: model.Dataset, kind: FileKind, path: str, content: Any) -> None:
    data.cycle(kind.cycle or 0).panels = model.build_panels(path, content)


def writes(kind: FileKind) -> str:
    return f"{kind.cycle}/panels.yaml"


KIND = KindSpec(
    name="panels",
    zh="评审组",
    pattern=re.compile(rf"{CYCLE}/panels\.yaml"),
    schema="panels",
    place=place,
    writes=writes,
)
