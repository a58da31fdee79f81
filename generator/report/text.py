"""Plain text for the terminal, with Chinese (wide) characters aligned; paths and messages written with
every control or format character named (``textsafe.visible``), so no line can start a workflow command."""

from __future__ import annotations

import unicodedata

from generator.checker import CheckResult
from generator.textsafe import inert_lines, visible


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def render(result: CheckResult) -> str:
    lines: list[str] = []
    findings = result.findings
    if findings:
        locations = [
            f"{visible(f.file)}:{f.line}:{f.column}" if f.line else visible(f.file) for f in findings
        ]
        labels = [f"{f.severity.zh} {f.rule}" for f in findings]
        loc_width = max(display_width(x) for x in locations)
        label_width = max(display_width(x) for x in labels)
        for finding, location, label in zip(findings, locations, labels, strict=True):
            lines.append(
                f"{pad(location, loc_width)}  {pad(label, label_width)}  [{finding.clause}] {visible(finding.message_zh)}"
            )
            indent = " " * (loc_width + label_width + 4)
            if finding.hint:
                lines.append(f"{indent}→ {visible(finding.hint)}")
    lines.append(summary_line(result))
    return inert_lines("\n".join(lines)) + "\n"


def summary_line(result: CheckResult) -> str:
    verdict = "未通过" if result.errors else "通过"
    return (
        f"检查{verdict}：{result.files} 个文件，{result.errors} 个错误，{result.warnings} 个警告，"
        f"{result.notices} 个提示。 ({result.errors} errors, {result.warnings} warnings, "
        f"{result.notices} notices in {result.files} files)"
    )
