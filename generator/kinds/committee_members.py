"""评审委员会名单 · the committee's membership of a cycle (committee repository:
``<cycle>/committee.yaml``; the office's file)."""

from __future__ import annotations

import re
from typing import Any

from generator import model
from generator.kinds.spec import CYCLE, FileKind, KindSpec


def place(data: model.Dataset, kind: FileKind, path: str, content: Any) -> None:
    cycle = data.cycle(kind.cycle or 0)
    cycle.committee = tuple(content.get("members") or ())
    cycle.committee_file = path


def writes(kind: FileKind) -> str:
    return f"{kind.cycle}/committee.yaml"


KIND = KindSpec(
    name="committee",
    zh="评审委员会名单",
    pattern=re.compile(rf"{CYCLE}/committee\.yaml"),
    schema="committee",
    place=place,
    writes=writes,
)
