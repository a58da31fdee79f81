"""Markdown for the pull-request comment, written for societies and reviewers alike: a marker line, a verdict,
a summary table, the findings per file (with line links when the forge address is known), and a readable
summary of each application (申报书摘要).

All text that comes from files or paths goes through ``md_escape`` (no mentions, links or HTML survive);
links are built here from a validated ``https`` base and percent-encoded paths; the whole comment stays
under ``LIMIT`` characters.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from urllib.parse import quote

from generator.checker import CheckResult
from generator.findings import Finding, Severity
from generator.model import fmt_money
from generator.summary import ApplicationSummary, summarise
from generator.textsafe import md_escape, truncate

MARKER = "<!-- xuehui-check -->"
LIMIT = 60_000
SUMMARY_ROWS = 100
_ICON = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.NOTICE: "ℹ️"}
_STATE = {"ok": "✅", "warning": "⚠️", "error": "❌", "": ""}
_SAFE_BASE = re.compile(r"https://[A-Za-z0-9.-]+(?::[0-9]+)?/[A-Za-z0-9._~/%-]*\Z")


def safe_link_base(link_base: str | None) -> str | None:
    """The base for line links, or None when it is not a plain https address."""
    if link_base and _SAFE_BASE.match(link_base):
        return link_base if link_base.endswith("/") else link_base + "/"
    return None


def _line_cell(f: Finding, base: str | None) -> str:
    if not f.line:
        return "—"
    if base is None:
        return str(f.line)
    return f"[{f.line}]({base}{quote(f.file, safe='/')}#L{f.line})"


def _row(f: Finding, base: str | None) -> str:
    message = md_escape(truncate(f.message_zh, 500))
    hint = md_escape(truncate(f.hint, 300))
    return (
        f"| {_line_cell(f, base)} | {_ICON[f.severity]} {f.severity.zh} | {md_escape(f.rule)} "
        f"| {md_escape(f.clause)} | {message}<br>→ {hint} |"
    )


def _summary_block(s: ApplicationSummary) -> str:
    lines = [
        "<details>",
        f"<summary>📄 {md_escape(s.society_name)}（{md_escape(s.society)}）· {s.cycle} 年度 · "
        f"申请 {fmt_money(s.requested_total)} 元</summary>",
        "",
    ]
    if s.rejected:
        lines += [f"> 形式审查已记为不通过：{md_escape(truncate(s.rejected, 300))}", ""]
    lines += ["| 申报条件 | 条款 | 结果 |", "| --- | --- | :---: |"]
    lines += [f"| {item.label} | {item.clause} | {_STATE[item.state]} |" for item in s.checklist]
    lines += ["", "| 支出类别 | 能力方面 | 事项 | 金额（元） | |", "| --- | --- | --- | ---: | :---: |"]
    for row in s.budget:
        lines.append(
            f"| {md_escape(row.title)} | {md_escape(row.area)} | {md_escape(truncate(row.item, 80))} "
            f"| {fmt_money(row.amount)} | {_STATE[row.flag]} |"
        )
    total = sum((r.amount for r in s.budget), Decimal(0))
    lines.append(f"| **合计** | | | **{fmt_money(total)}** | |")
    areas = "；".join(f"{md_escape(name)} {fmt_money(amount)} 元" for name, amount in s.by_area)
    counts = "；".join(f"{md_escape(name)} {count} 项" for name, count in s.achievements)
    lines += ["", f"按能力方面的预算：{areas}", "", f"近两年业绩：{counts}", "", "</details>", ""]
    return "\n".join(lines)


def _header(result: CheckResult, files: int) -> list[str]:
    head: list[str] = [MARKER]
    if result.errors:
        head.append(f"## ❌ 检查未通过：{result.errors} 个错误，{result.warnings} 个警告")
        head.append("")
        head.append("请按下表逐项修改后再次提交（在网页编辑器中打开对应文件，改好后提交到同一分支即可）。")
    else:
        head.append(f"## ✅ 检查通过（{result.warnings} 个警告，{result.notices} 个提示）")
    head.append("")
    counts = f"{result.errors} 个错误，{result.warnings} 个警告，{result.notices} 个提示"
    where = f"，在下表的 {files} 个文件中" if files else ""
    head.append(f"本次改动了 {result.files} 个文件。检查结果：{counts}{where}。")
    if result.context:
        head.append("")
        head.append(
            f"另有 {len(result.context)} 项在你不能修改的文件中，列在文末“供参考”一节，"
            "由专项办公室处理，不影响本次检查结论。"
        )
    head.append("")
    return head


def _file_blocks(
    by_file: dict[str, list[Finding]], base: str | None, out: str, limit: int, *, expand: bool = True
) -> tuple[str, int]:
    """``out`` with a folding table per file added while it stays under ``limit`` (open when it holds an
    error and ``expand``), and how many findings did not fit."""
    reserve = 600 + len(FOOTER)
    omitted = 0
    for file in sorted(by_file):
        items = by_file[file]
        text = "\n".join(
            [
                "<details open>"
                if expand and any(f.severity is Severity.ERROR for f in items)
                else "<details>",
                f"<summary>{md_escape(file)}（{len(items)} 项）</summary>",
                "",
                "| 行 | 级别 | 规则 | 条款 | 说明与修改建议 |",
                "| ---: | --- | --- | --- | --- |",
            ]
        )
        shown = 0
        for f in items:
            row = "\n" + _row(f, base)
            if len(out) + len(text) + len(row) + reserve > limit:
                break
            text += row
            shown += 1
        text += "\n\n</details>\n"
        if shown == 0 or len(out) + len(text) + reserve > limit:
            omitted += len(items)
            continue
        omitted += len(items) - shown
        out += "\n" + text
    return out, omitted


def _by_file(findings: tuple[Finding, ...]) -> dict[str, list[Finding]]:
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_file[f.file].append(f)
    return by_file


FOOTER = "\n<sub>由 xuehui check 自动生成；条款编号指《学会能力提升专项实施方案（试行）》。</sub>\n"


def render(result: CheckResult, *, limit: int = LIMIT, link_base: str | None = None) -> str:
    base = safe_link_base(link_base)
    by_file = _by_file(result.findings)
    head = _header(result, len(by_file))
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
    out, omitted = _file_blocks(by_file, base, "\n".join(head), limit)
    if result.context:
        out += "\n## 供参考（不影响检查结论）\n\n"
        out += "以下各项在你不能修改的文件中（专项办公室或其他学会的文件），由专项办公室处理，你无须改动。\n"
        out, aside = _file_blocks(_by_file(result.context), base, out, limit, expand=False)
        omitted += aside
    if omitted:
        out += f"\n另有 {omitted} 项因篇幅未列出，请查看检查日志或 report.json。\n"
    summaries = summarise(result.dataset, result.findings, result.reported)
    if summaries:
        block = "\n## 申报书摘要（供评审参考）\n\n"
        skipped = 0
        for s in summaries:
            piece = _summary_block(s)
            if len(out) + len(block) + len(piece) + len(FOOTER) + 200 > limit:
                skipped += 1
                continue
            block += piece
        if skipped:
            block += f"\n另有 {skipped} 份申报书的摘要因篇幅未列出。\n"
        out += block
    return out + FOOTER
