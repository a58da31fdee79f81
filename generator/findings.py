"""Findings: what every loader, schema check and rule returns (values, never exceptions)."""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct


class Severity(StrEnum):
    """How serious a finding is. ``error`` fails the check (exit 1); the others do not."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"

    @property
    def rank(self) -> int:
        """0 for the most severe, so sorting by rank puts errors first."""
        return {"error": 0, "warning": 1, "notice": 2}[self.value]

    @property
    def zh(self) -> str:
        return {"error": "错误", "warning": "警告", "notice": "提示"}[self.value]


class Finding(Struct, frozen=True):
    """One problem at one place.

    ``file`` is the POSIX path relative to the repository root (``submissions/2026/call.yaml``);
    ``line`` and ``column`` are 1-based (0 when the finding concerns the whole file);
    ``path`` is the data path inside the file (``budget.lines[2].amount``, ``""`` for the whole file).
    """

    file: str
    line: int
    column: int
    path: str
    rule: str
    severity: Severity
    clause: str
    message_zh: str
    message_en: str
    hint: str

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        return (self.file, self.line, self.column, self.severity.rank, self.rule, self.message_zh)


def format_data_path(path: tuple[str | int, ...]) -> str:
    """``("budget", "lines", 2, "amount")`` → ``budget.lines[2].amount``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out
