"""年度总结与计划报送记录 · the office's record of which societies filed their annual summary and plan on
time (``submissions/office/annual_reports.yaml``; the office's file)."""

from __future__ import annotations

import re
from typing import Any

from generator import model
from generator.kinds.spec import OFFICE_MAX_BYTES, FileKind, KindSpec
from generator.paths import SUBMISSIONS


def place(data: model.Dataset, kind: FileKind, path: str, content: Any) -> None:
    data.office.reports_file, data.office.reports = path, model.build_annual_reports(content)


def writes(kind: FileKind) -> str:
    return f"{SUBMISSIONS}/office/annual_reports.yaml"


KIND = KindSpec(
    name="annual-reports",
    zh="年度总结与计划报送记录",
    pattern=re.compile(r"office/annual_reports\.yaml"),
    schema="annual-reports",
    place=place,
    writes=writes,
    max_bytes=OFFICE_MAX_BYTES,
)
