"""The rule catalogue (``xuehui rules``): every rule's id, severity, clause and what it checks."""

from __future__ import annotations

import json

from generator.rules import ALL_RULES, rule_sort_key
from generator.rules.base import FORMAT_CLAUSE, Rule
from generator.textsafe import md_escape


def ordered() -> list[Rule]:
    return sorted(ALL_RULES, key=lambda r: rule_sort_key(r.id))


def render(fmt: str) -> str:
    rules = ordered()
    if fmt == "json":
        payload = {
            "rules": [
                {"id": r.id, "severity": r.severity.value, "clause": r.clause, "zh": r.zh, "en": r.en}
                for r in rules
            ]
        }
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        lines = [
            "# 检查规则目录 · Rule catalogue",
            "",
            f"条款编号指《学会能力提升专项实施方案（试行）》；“{FORMAT_CLAUSE}”为本系统对数据文件的技术要求。",
            "",
            "| 编号 | 级别 | 条款 | 检查内容 | What it checks |",
            "| --- | --- | --- | --- | --- |",
        ]
        for r in rules:
            lines.append(f"| {r.id} | {r.severity.zh} | {r.clause} | {md_escape(r.zh)} | {md_escape(r.en)} |")
        return "\n".join(lines) + "\n"
    from generator.report.text import pad

    lines = []
    for r in rules:
        lines.append(f"{pad(r.id, 11)}{pad(r.severity.zh, 6)}{pad(r.clause, 10)}{r.zh}")
        lines.append(f"{'':27}{r.en}")
    lines.append(f"共 {len(rules)} 条规则 ({len(rules)} rules)")
    return "\n".join(lines) + "\n"
