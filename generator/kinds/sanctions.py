"""处理决定记录 · the office's sanctions: fraud, violations, criticism, and what each bans or reclaims
(``submissions/office/sanctions.yaml``; the office's file, public)."""

from __future__ import annotations

import re
from typing import Any

from generator import model
from generator.kinds.spec import OFFICE_MAX_BYTES, FileKind, KindSpec, Projection
from generator.paths import SUBMISSIONS


def place(data: model.Dataset, kind: FileKind, path: str, content: Any) -> None:
    data.office.sanctions_file, data.office.sanctions = path, model.build_sanctions(content)


def writes(kind: FileKind) -> str:
    return f"{SUBMISSIONS}/office/sanctions.yaml"


KIND = KindSpec(
    name="sanctions",
    zh="处理决定记录",
    pattern=re.compile(r"office/sanctions\.yaml"),
    schema="sanctions",
    place=place,
    writes=writes,
    max_bytes=OFFICE_MAX_BYTES,
    public=(
        Projection(
            "PublicSanction",
            {
                "id": "sanctions.id",
                "society": "sanctions.society",
                "decided": "sanctions.decided",
                "kind": "sanctions.kind",
                "cycle": "sanctions.cycle",
                "summary": "sanctions.summary",
                "revoke_award": "sanctions.revoke_award",
                "reclaim_amount": "sanctions.reclaim_amount",
                "bans_applications": "sanctions.bans_applications",
                "doc_number": "sanctions.doc_number",
                "repayment_due": "sanctions.repayment_due",
            },
        ),
    ),
)
