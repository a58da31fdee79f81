"""The JSON report: a public interface (documented in the README), stable field names, version 1."""

from __future__ import annotations

import json
from collections.abc import Iterator

from generator.checker import CheckResult
from generator.findings import Finding


def _finding(f: Finding, context: bool) -> dict[str, object]:
    return {
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
        "context": context,
    }


def as_dict(result: CheckResult) -> dict[str, object]:
    """Fields are only ever added: ``context`` (added with issue 25) is true for a pull request's finding its
    author cannot act on (it never counts in ``summary``; ``summary.context`` counts them)."""
    return {
        "version": 1,
        "findings": [_finding(f, False) for f in result.findings]
        + [_finding(f, True) for f in result.context],
        "summary": {
            "files": result.files,
            "errors": result.errors,
            "warnings": result.warnings,
            "notices": result.notices,
            "context": len(result.context),
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
