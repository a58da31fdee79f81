"""更正记录 · the office's recorded corrections of closed or frozen files (``submissions/office/
corrections.yaml``; the office's file, public history: ``generator.closed`` keeps its entries unchanged)."""

from __future__ import annotations

import re
from typing import Any

from generator import model
from generator.kinds.spec import FileKind, KindSpec, Projection
from generator.paths import SUBMISSIONS


def place(data: model.Dataset, kind: FileKind, path: str, content: Any) -> None:
    data.office.corrections_file, data.office.corrections = path, model.build_corrections(content)


def writes(kind: FileKind) -> str:
    return f"{SUBMISSIONS}/office/corrections.yaml"


KIND = KindSpec(
    name="corrections",
    zh="更正记录",
    pattern=re.compile(r"office/corrections\.yaml"),
    schema="corrections",
    place=place,
    writes=writes,
    public=(
        Projection(
            "PublicCorrection",
            {
                "id": "corrections.id",
                "date": "corrections.date",
                "cycle": "corrections.cycle",
                "path": "corrections.path",
                "reason": "corrections.reason",
                "record": "corrections.record",
            },
        ),
    ),
)
