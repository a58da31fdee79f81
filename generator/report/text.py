"""Plain text for the terminal, with Chinese (wide) characters aligned."""

from __future__ import annotations

import unicodedata

from generator.checker import CheckResult
from generator.findings import Finding


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _lines(findings: tuple[Finding, ...]) -> list[str]:
    lines: list[str] = []
    if not findings:
        return lines
    locations = [f"{f.file}:{f.line}:{f.column}" if f.line else f.file for f in findings]
    labels = [f"{f.severity.zh} {f.rule}" for f in findings]
    loc_width = max(display_width(x) for x in locations)
    label_width = max(display_width(x) for x in labels)
    for finding, location, label in zip(findings, locations, labels, strict=True):
        lines.append(
            f"{pad(location, loc_width)}  {pad(label, label_width)}  [{finding.clause}] {finding.message_zh}"
        )
        indent = " " * (loc_width + label_width + 4)
        if finding.hint:
            lines.append(f"{indent}→ {finding.hint}")
    return lines


def render(result: CheckResult) -> str:
    lines = _lines(result.findings)
    if result.context:
        lines.append(CONTEXT_TITLE.format(count=len(result.context)))
        lines += _lines(result.context)
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


CONTEXT_TITLE = (
    "供参考（不影响检查结论）：以下 {count} 项在你不能修改的文件中，由专项办公室处理，你无须改动。"
)


def summary_line(result: CheckResult) -> str:
    verdict = "未通过" if result.errors else "通过"
    aside = f"另有 {len(result.context)} 项仅供参考。" if result.context else ""
    return (
        f"检查{verdict}：{result.files} 个文件，{result.errors} 个错误，{result.warnings} 个警告，"
        f"{result.notices} 个提示。{aside}"
    )
