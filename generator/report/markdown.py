"""Markdown for the pull-request comment: a marker line, a verdict, a summary table, details per file.

All text that comes from files or paths goes through ``md_escape`` (no mentions, links or HTML survive),
and the whole comment stays under ``LIMIT`` characters.
"""

from __future__ import annotations

from collections import defaultdict

from generator.checker import CheckResult
from generator.findings import Finding, Severity
from generator.textsafe import md_escape, truncate

MARKER = "<!-- xuehui-check -->"
LIMIT = 60_000
SUMMARY_ROWS = 100
_ICON = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.NOTICE: "ℹ️"}


def _row(f: Finding) -> str:
    where = str(f.line) if f.line else "—"
    message = md_escape(truncate(f.message_zh, 500))
    hint = md_escape(truncate(f.hint, 300))
    return (
        f"| {where} | {_ICON[f.severity]} {f.severity.zh} | {md_escape(f.rule)} | {md_escape(f.clause)} "
        f"| {message}<br>→ {hint} |"
    )


def render(result: CheckResult, *, limit: int = LIMIT) -> str:
    head: list[str] = [MARKER]
    if result.errors:
        head.append(f"## ❌ 检查未通过：{result.errors} 个错误，{result.warnings} 个警告")
        head.append("")
        head.append("请按下表逐项修改后再次提交（在网页编辑器中打开对应文件，改好后提交到同一分支即可）。")
    else:
        head.append(f"## ✅ 检查通过（{result.warnings} 个警告，{result.notices} 个提示）")
    head.append("")
    head.append(f"共检查 {result.files} 个文件。 Checked {result.files} files: {result.errors} errors, "
                f"{result.warnings} warnings, {result.notices} notices.")
    head.append("")
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in result.findings:
        by_file[f.file].append(f)
    if by_file:
        head.append("| 文件 | 错误 | 警告 | 提示 |")
        head.append("| --- | ---: | ---: | ---: |")
        files = sorted(by_file)
        for file in files[:SUMMARY_ROWS]:
            items = by_file[file]
            counts = [sum(1 for f in items if f.severity is s) for s in Severity]
            head.append(f"| {md_escape(file)} | {counts[0]} | {counts[1]} | {counts[2]} |")
        if len(files) > SUMMARY_ROWS:
            head.append(f"| 另有 {len(files) - SUMMARY_ROWS} 个文件 | | | |")
        head.append("")
    out = "\n".join(head)
    omitted = 0
    for file in sorted(by_file):
        items = by_file[file]
        block = [
            "<details open>" if any(f.severity is Severity.ERROR for f in items) else "<details>",
            f"<summary>{md_escape(file)}（{len(items)} 项）</summary>",
            "",
            "| 行 | 级别 | 规则 | 条款 | 说明与修改建议 |",
            "| ---: | --- | --- | --- | --- |",
        ]
        text = "\n".join(block)
        shown = 0
        for f in items:
            row = "\n" + _row(f)
            if len(out) + len(text) + len(row) + 400 > limit:
                break
            text += row
            shown += 1
        omitted += len(items) - shown
        text += "\n\n</details>\n"
        if shown == 0 or len(out) + len(text) + 400 > limit:
            omitted += shown
            continue
        out += "\n" + text
    if omitted:
        out += f"\n另有 {omitted} 项因篇幅未列出，请查看检查日志或 report.json。\n"
    out += "\n<sub>由 xuehui check 自动生成；条款编号指《学会能力提升专项实施方案（试行）》。</sub>\n"
    return out
