"""评审与表彰决定 · a cycle's recorded decisions: formal review, proposals, publicity, objections,
commendation, inspections (``submissions/<cycle>/decisions.yaml``; the office's file, public). Its records
freeze what they judged (``generator.kinds.closing``)."""

from __future__ import annotations

import re
from typing import Any

from generator import model
from generator.kinds.spec import CYCLE, FileKind, KindSpec, Projection
from generator.paths import SUBMISSIONS


def place(data: model.Dataset, kind: FileKind, path: str, content: Any) -> None:
    data.cycle(kind.cycle or 0).decisions = model.build_decisions(path, content)


def writes(kind: FileKind) -> str:
    return f"{SUBMISSIONS}/{kind.cycle}/decisions.yaml"


KIND = KindSpec(
    name="decisions",
    zh="评审与表彰决定",
    pattern=re.compile(rf"{CYCLE}/decisions\.yaml"),
    schema="decisions",
    place=place,
    writes=writes,
    public=(
        Projection(
            "PublicDecisions",
            {
                "formal_review_date": "formal_review.date",
                "formal_results": "formal_review.results",
                "expert_review_date": "expert_review.date",
                "proposed": "proposed",
                "publicity_start": "publicity.start",
                "publicity_channels": "publicity.channels",
                "publicity_doc_number": "publicity.doc_number",
                "publicity_title": "publicity.title",
                "objections": "objections",
                "commendation_date": "commendation.date",
                "commendation_doc_number": "commendation.doc_number",
                "awards": "commendation.awards",
                "midterm": "inspections.midterm",
                "final": "inspections.final",
                "midterm_doc_number": "inspections.midterm.doc_number",
                "final_doc_number": "inspections.final.doc_number",
                "supplements": "formal_review.results",
                "reconsiderations": "reconsiderations",
                "substitutions": "substitutions",
                "left_out": "commendation.left_out",
                "committee_words": "expert_review",
            },
        ),
    ),
)
