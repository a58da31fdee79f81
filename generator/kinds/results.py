"""专家评审汇总结果 · a cycle's aggregated review results with the fingerprint of the committee's inputs,
written by ``xuehui rank --record`` (``submissions/<cycle>/results.yaml``; the office's file)."""

from __future__ import annotations

import re
from typing import Any

from generator import model
from generator.kinds.spec import CYCLE, FileKind, KindSpec
from generator.paths import SUBMISSIONS


def place(data: model.Dataset, kind: FileKind, path: str, content: Any) -> None:
    data.cycle(kind.cycle or 0).results = model.build_results(path, content)


def writes(kind: FileKind) -> str:
    return f"{SUBMISSIONS}/{kind.cycle}/results.yaml"


KIND = KindSpec(
    name="results",
    zh="专家评审汇总结果",
    pattern=re.compile(rf"{CYCLE}/results\.yaml"),
    schema="results",
    place=place,
    writes=writes,
)
