"""附件 · a society's attachment to its application, as PDF or image
(``submissions/<cycle>/attachments/<slug>/<name>``; the society's file). Not data: it has no schema, is
never loaded, and is placed in the dataset by its path alone. The folder closes with the application."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from generator import model
from generator.kinds import closing
from generator.kinds.spec import CYCLE, FileKind, KindSpec, Lock, LockReason, Owner
from generator.paths import SLUG, SUBMISSIONS

ZH = "附件"


def place(data: model.Dataset, kind: FileKind, path: str, content: Any) -> None:
    data.attachments.add(path)


def folder(year: int, slug: str) -> str:
    """The folder of a society's attachments of a cycle (no command writes an attachment)."""
    return f"{SUBMISSIONS}/{year}/attachments/{slug}/"


def deadline_locks(year: int, slug: str, since: date, why: str) -> list[Lock]:
    return [Lock(folder(year, slug), True, LockReason.DEADLINE, since, why, ZH)]


def frozen_locks(cycle: model.Cycle, slug: str, today: date) -> list[Lock]:
    closed = closing.formal_review(cycle, slug, today)
    if closed is None:
        return []
    since, why = closed
    return [Lock(folder(cycle.year, slug), True, LockReason.FROZEN, since, why, ZH)]


KIND = KindSpec(
    name="attachment",
    zh=ZH,
    pattern=re.compile(rf"{CYCLE}/attachments/(?P<slug>{SLUG})/[^/]+\.(?:pdf|png|jpe?g)"),
    schema=None,
    place=place,
    owner=Owner.SOCIETY,
    deadline_locks=deadline_locks,
    frozen_locks=frozen_locks,
    needs=(),  # its findings are its own (FILE-001, FILE-004)
)
