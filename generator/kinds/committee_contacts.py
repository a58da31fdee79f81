"""申报联系人与拨款账户 · the applications' contact people and bank accounts of a cycle, kept out of the
shared tree (committee repository: ``contacts/<cycle>.yaml``; the office's file). Checked, not placed."""

from __future__ import annotations

import re

from generator.kinds.spec import CYCLE, FileKind, KindSpec


def writes(kind: FileKind) -> str:
    return f"contacts/{kind.cycle}.yaml"


KIND = KindSpec(
    name="contacts",
    zh="申报联系人与拨款账户",
    pattern=re.compile(rf"contacts/{CYCLE}\.yaml"),
    schema="contacts",
    place=None,
    writes=writes,
)
