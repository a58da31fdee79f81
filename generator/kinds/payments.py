"""专项资金拨付记录 · a cycle's payments of its awards and the office's decisions to release, reduce or stop
the rest (``submissions/<cycle>/payments.yaml``; the office's file, public: it is public money)."""

from __future__ import annotations

import re
from typing import Any

from generator import model
from generator.kinds.spec import CYCLE, FileKind, KindSpec, Projection
from generator.paths import SUBMISSIONS


def place(data: model.Dataset, kind: FileKind, path: str, content: Any) -> None:
    data.cycle(kind.cycle or 0).payments = model.build_payments(path, content)


def writes(kind: FileKind) -> str:
    return f"{SUBMISSIONS}/{kind.cycle}/payments.yaml"


KIND = KindSpec(
    name="payments",
    zh="专项资金拨付记录",
    pattern=re.compile(rf"{CYCLE}/payments\.yaml"),
    schema="payments",
    place=place,
    writes=writes,
    public=(
        Projection(
            "PublicPayment",
            {
                "society": "payments.society",
                "tranche": "payments.tranche",
                "date": "payments.date",
                "amount": "payments.amount",
                "doc_number": "payments.doc_number",
            },
        ),
        Projection(
            "PublicFundingDecision",
            {
                "society": "funding_decisions.society",
                "decided": "funding_decisions.decided",
                "action": "funding_decisions.action",
                "amount": "funding_decisions.amount",
                "reason": "funding_decisions.reason",
                "doc_number": "funding_decisions.doc_number",
            },
        ),
    ),
)
