"""Catalogue entries for closed records: what a pull request may no longer change once an application's
deadline has passed or the office has recorded a decision or an inspection (LOCK-001 … LOCK-005).

These rules compare the base and the head of a pull request, so they cannot run over one tree: their
findings are made by ``generator.closed`` (called from ``generator.pullrequest``); these entries give them
ids, severities, clauses and texts. ``JUDGED_SOCIETY_FIELDS`` lists the society profile fields the rules
read (``tests/test_closed_records.py`` traces every rule's reads to keep it true).
"""

from __future__ import annotations

from generator.rules.base import ERROR, Rule

# Profile fields (``submissions/societies/*.yaml``) that a rule reads, with the rules that read them. Every
# other field (name, founded, website, introduction …) changes no rule's outcome.
JUDGED_SOCIETY_FIELDS: dict[str, tuple[str, ...]] = {
    "slug": ("FILE-002",),
    "credit_code": ("SOC-001", "SOC-002", "SOC-003"),
    "council_elected": ("ELIG-005",),
}

RULES: tuple[Rule, ...] = (
    Rule(
        "LOCK-001",
        ERROR,
        "四（一）",
        "申报截止后，评审中申报书所依据的学会简介字段（信用代码、换届日期等）不得由学会修改",
        "After the deadline, a society may not change the profile fields its application is judged by",
    ),
    Rule(
        "LOCK-002",
        ERROR,
        "四（一）",
        "申报截止后，评审中申报书的附件不得增加、修改或删除，申报书不得删除",
        "After the deadline, an application under review keeps its attachments and is not deleted",
    ),
    Rule(
        "LOCK-003",
        ERROR,
        "五（二）",
        "形式审查、中期检查或总结验收记录后，所评判的申报书、附件、资金管理办法和报告只有专项办公室可以更正",
        "Files judged by a recorded review or inspection are frozen for everyone but the office",
    ),
    Rule(
        "LOCK-004",
        ERROR,
        "五（二）",
        "专项办公室更正已截止或已评判的材料时，须在更正记录（office/corrections.yaml）中新增一条写明理由",
        "The office changes a closed or frozen file only with a new entry in the corrections record",
    ),
    Rule(
        "LOCK-005",
        ERROR,
        "五（二）",
        "已登记的更正记录不得修改或删除（公开的修订历史）",
        "Recorded corrections are never changed or removed (they are public history)",
    ),
)
