"""年检记录 · the office's record of every society's annual inspection results, year by year
(``submissions/office/annual_inspections.yaml``; the office's file)."""

from __future__ import annotations

import re
from typing import Any

from generator import model
from generator.kinds.spec import OFFICE_MAX_BYTES, FileKind, KindSpec
from generator.paths import SUBMISSIONS


def place(data: model.Dataset, kind: FileKind, path: str, content: Any) -> None:
    data.office.inspections_file, data.office.inspections = path, model.build_inspections(content)


def writes(kind: FileKind) -> str:
    return f"{SUBMISSIONS}/office/annual_inspections.yaml"


KIND = KindSpec(
    name="annual-inspections",
    zh="年检记录",
    pattern=re.compile(r"office/annual_inspections\.yaml"),
    schema="annual-inspections",
    place=place,
    writes=writes,
    max_bytes=OFFICE_MAX_BYTES,
)
