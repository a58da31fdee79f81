"""专家评分表 · one expert's scores and conflict declarations for a cycle (committee repository:
``<cycle>/reviews/<expert>.yaml``; the expert's own file)."""

from __future__ import annotations

import re
from typing import Any

from generator import model
from generator.kinds.spec import CYCLE, FileKind, KindSpec, Owner
from generator.paths import SLUG


def place(data: model.Dataset, kind: FileKind, path: str, content: Any) -> None:
    data.cycle(kind.cycle or 0).reviews[kind.slug or ""] = model.build_review(path, content)


def writes(kind: FileKind) -> str:
    return f"{kind.cycle}/reviews/{kind.slug}.yaml"


KIND = KindSpec(
    name="review",
    zh="专家评分表",
    pattern=re.compile(rf"{CYCLE}/reviews/(?P<slug>{SLUG})\.yaml"),
    schema="review",
    place=place,
    writes=writes,
    owner=Owner.EXPERT,
    template="review.yaml.j2",
)
