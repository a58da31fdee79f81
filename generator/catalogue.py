"""The rule catalogue (``xuehui rules``): every rule's id, severity, clause and what it checks, and one rule
explained (``xuehui rules --explain ID``), all read from the rules' declarations (``generator.rules``)."""

from __future__ import annotations

import difflib
import json

from generator.rules import ALL_RULES, RULES_BY_ID, module_of, rule_sort_key
from generator.rules.base import DEFAULT, FORMAT_CLAUSE, Rule
from generator.rules.examples import blocks, described
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


def find(rule_id: str) -> Rule | None:
    """The rule with this id (case and surrounding spaces ignored), None when there is none."""
    return RULES_BY_ID.get(rule_id.strip().upper())


def close_ids(rule_id: str) -> list[str]:
    """Ids that look like ``rule_id`` (a digit dropped, a prefix misspelt), best first."""
    wanted = rule_id.strip().upper()
    ids = sorted(RULES_BY_ID, key=rule_sort_key)
    close = difflib.get_close_matches(wanted, ids, n=5, cutoff=0.6)
    if not close:
        prefix = wanted.partition("-")[0]
        close = [i for i in ids if i.startswith(prefix + "-")][:5]
    return close


def _source(rule: Rule) -> str:
    return module_of(rule.id).replace(".", "/") + ".py"


def _indent(text: str, pad: str = "    ") -> list[str]:
    return [pad + line if line else "" for line in text.splitlines()]


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def explain(rule: Rule, fmt: str = "text") -> str:
    """One rule in full: Chinese first, then English; its messages (templates with their placeholders) and
    its failing and passing example."""
    intro, titles = described(rule.doc)
    found = blocks(rule.doc)
    if fmt == "json":
        payload = {
            "id": rule.id,
            "severity": rule.severity.value,
            "clause": rule.clause,
            "zh": rule.zh,
            "en": rule.en,
            "declared_in": _source(rule),
            "explanation": intro,
            "explanation_zh": rule.note_zh or (intro if _has_chinese(intro) else ""),
            "messages": {
                name or "default": {"zh": m.zh, "en": m.en, "hint": m.hint}
                for name, m in rule.messages.items()
            },
            "examples": {
                "fails": {"shows": titles.get("Fails", ""), "example": found.get("Fails", "")},
                "passes": {"shows": titles.get("Passes", ""), "example": found.get("Passes", "")},
            },
        }
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    lines = [
        f"{rule.id}  {rule.severity.zh}  {rule.clause}",
        f"检查内容：{rule.zh}",
        f"英文 (what it checks)：{rule.en}",
        f"定义位置 (declared in)：{_source(rule)}",
    ]
    if rule.note_zh:
        lines += ["", f"说明：{rule.note_zh}"]
        if intro:
            lines += [f"开发说明 (developer note)：{intro}"]
    elif intro:
        lines += ["", f"说明：{intro}" if _has_chinese(intro) else f"开发说明 (developer note)：{intro}"]
    for name, message in rule.messages.items():
        lines += ["", "消息 (message)：" if name == DEFAULT else f"消息（{name}）(message {name})："]
        lines += [f"  {message.zh}", f"  英文 (English)：{message.en}", f"  提示 (hint)：{message.hint}"]
    for key, zh, en in (
        ("Fails", "不通过的示例", "failing example"),
        ("Passes", "通过的示例", "passing example"),
    ):
        shows = titles.get(key, "")
        lines += ["", f"{zh} ({en}{': ' + shows if shows else ''})："]
        example = found.get(key, "")
        lines += (
            _indent(example)
            if example and example != "(the minimal tree)"
            else ["    （最小示例数据，不作改动）"]
        )
    lines += ["", "示例是对最小示例数据（tests/fixtures/mini）的改动：--- 文件后，“- ”行换成“+ ”行。"]
    text = "\n".join(lines) + "\n"
    if fmt == "markdown":
        return "```text\n" + text + "```\n"
    return text
