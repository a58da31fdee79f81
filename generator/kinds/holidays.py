"""节假日表 · the office's table of official holidays and adjusted working days (调休) for the years that
``chinese-calendar`` does not cover yet (``submissions/office/holidays.yaml``; the office's file): working-day
publicity (``day_kind: working``) reads it through ``generator.calendar``."""

from __future__ import annotations

import re
from typing import Any

from generator import model
from generator.kinds.spec import FileKind, KindSpec
from generator.paths import SUBMISSIONS


def place(data: model.Dataset, kind: FileKind, path: str, content: Any) -> None:
    data.office.holidays_file, data.office.holidays = path, model.build_holidays(content)


def writes(kind: FileKind) -> str:
    return f"{SUBMISSIONS}/office/holidays.yaml"


KIND = KindSpec(
    name="holidays",
    zh="节假日表",
    pattern=re.compile(r"office/holidays\.yaml"),
    schema="holidays",
    place=place,
    writes=writes,
)
