"""利益冲突声明 · one expert's declaration of conflicts of interest for a cycle, with the relationship of
each (committee repository: ``<cycle>/declarations/<expert>.yaml``; the expert's own file), 五（二）."""

from __future__ import annotations

import re
from typing import Any

from generator import model
from generator.kinds.spec import CYCLE, FileKind, KindSpec, Owner
from generator.paths import SLUG


def place(data: model.Dataset, kind: FileKind, path: str, content: Any) -> None:
    data.cycle(kind.cycle or 0).declarations[kind.slug or ""] = model.build_declaration(path, content)


def writes(kind: FileKind) -> str:
    return f"{kind.cycle}/declarations/{kind.slug}.yaml"


KIND = KindSpec(
    name="declaration",
    zh="利益冲突声明",
    pattern=re.compile(rf"{CYCLE}/declarations/(?P<slug>{SLUG})\.yaml"),
    schema="declaration",
    place=place,
    writes=writes,
    owner=Owner.EXPERT,
)
