"""GitHub Actions workflow commands (``::error file=…,line=…::…``), most severe first, escaped: ``%``, CR
and LF (and ``:``/``,`` in properties) percent-encoded, every other control or format character named
(``textsafe.visible``; in a path, CR and LF too)."""

from __future__ import annotations

from generator.checker import CheckResult
from generator.findings import Severity
from generator.textsafe import visible

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: CheckResult) -> str:
    lines: list[str] = []
    ordered = sorted(result.findings, key=lambda f: (f.severity.rank, *f.sort_key()))
    for f in ordered:
        props = [f"file={escape_property(visible(f.file))}"]
        if f.line:
            props.append(f"line={f.line}")
            props.append(f"col={f.column}")
        props.append(f"title={escape_property(f'{f.rule} [{f.clause}]')}")
        zh, hint, en = (visible(text, keep="\r\n") for text in (f.message_zh, f.hint, f.message_en))
        message = f"{zh}\n→ {hint}\n({en})" if f.hint else zh
        lines.append(f"::{_COMMAND[f.severity]} {','.join(props)}::{escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
