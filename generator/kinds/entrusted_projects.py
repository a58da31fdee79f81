"""委托项目记录 · the office's record of the projects entrusted to societies
(``submissions/office/entrusted_projects.yaml``; the office's file)."""

from __future__ import annotations

import re
from typing import Any

from generator import model
from generator.kinds.spec import OFFICE_MAX_BYTES, FileKind, KindSpec
from generator.paths import SUBMISSIONS


def place(data: model.Dataset, kind: FileKind, path: str, content: Any) -> None:
    data.office.projects_file, data.office.projects = path, model.build_projects(content)


def writes(kind: FileKind) -> str:
    return f"{SUBMISSIONS}/office/entrusted_projects.yaml"


KIND = KindSpec(
    name="entrusted-projects",
    zh="委托项目记录",
    pattern=re.compile(r"office/entrusted_projects\.yaml"),
    schema="entrusted-projects",
    place=place,
    writes=writes,
    max_bytes=OFFICE_MAX_BYTES,
)
