"""专家库 · the expert pool: names, logins, affiliations (committee repository: ``experts.yaml``; the
office's file). Each expert's login there lets them write their own review."""

from __future__ import annotations

import re
from typing import Any

from generator import model
from generator.kinds.spec import FileKind, KindSpec


def place(data: model.Dataset, kind: FileKind, path: str, content: Any) -> None:
    data.office.experts_file, data.office.experts = path, model.build_experts(content)


def writes(kind: FileKind) -> str:
    return "experts.yaml"


KIND = KindSpec(
    name="experts",
    zh="专家库",
    pattern=re.compile(r"experts\.yaml"),
    schema="experts",
    place=place,
    writes=writes,
)
