"""The JSON report: a public interface (documented in the README), stable field names, version 1."""

from __future__ import annotations

import json
from collections.abc import Iterator

from generator.checker import CheckResult


def as_dict(result: CheckResult) -> dict[str, object]:
    return {
        "version": 1,
        "findings": [
            {
                "file": f.file,
                "line": f.line,
                "column": f.column,
                "path": f.path,
                "rule": f.rule,
                "severity": f.severity.value,
                "clause": f.clause,
                "message_zh": f.message_zh,
                "message_en": f.message_en,
                "hint": f.hint,
            }
            for f in result.findings
        ],
        "summary": {
            "files": result.files,
            "errors": result.errors,
            "warnings": result.warnings,
            "notices": result.notices,
        },
    }


def render(result: CheckResult) -> str:
    return "".join(render_chunks(result))


def render_chunks(result: CheckResult) -> Iterator[str]:
    """The report (``as_dict`` as ``json.dumps(..., ensure_ascii=False, indent=2)`` writes it, and a line
    break) in the encoder's pieces, for writing as they come: the whole text and its pieces are never held
    at once (a report of thousands of findings is the last thing a check builds, at the top of its
    memory)."""
    yield from json.JSONEncoder(ensure_ascii=False, indent=2, sort_keys=False).iterencode(as_dict(result))
    yield "\n"
