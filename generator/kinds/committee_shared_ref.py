"""共享仓库设置 · which shared repository the committee repository reads: repository, pinned commit, local
path (committee repository: ``shared.yaml``; the office's file). Read by ``committee.shared_ref``, not placed."""

from __future__ import annotations

import re

from generator.kinds.spec import FileKind, KindSpec


def writes(kind: FileKind) -> str:
    return "shared.yaml"


KIND = KindSpec(
    name="shared-ref",
    zh="共享仓库设置",
    pattern=re.compile(r"shared\.yaml"),
    schema="shared-ref",
    place=None,
    writes=writes,
)
