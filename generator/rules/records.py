"""Catalogue entries for closed records: what a pull request may no longer change once an application's
deadline has passed or the office has recorded a decision or an inspection (LOCK-001 … LOCK-005).

These rules compare the base and the head of a pull request, so they cannot run over one tree: their
findings are made by ``generator.closed`` (called from ``generator.pullrequest``); these entries give them
ids, severities, clauses and texts. ``JUDGED_SOCIETY_FIELDS`` lists the society profile fields the rules
read (``tests/test_closed_records.py`` traces every rule's reads to keep it true).
"""

from __future__ import annotations

from generator.rules import categories, committee_decision, eligibility, files, publicity, references
from generator.rules.base import ERROR, Message, Rule, declare

_HINT = (
    "请撤销这项改动。如材料确有错误，请联系专项办公室：由办公室在 submissions/office/corrections.yaml 中"
    "登记更正理由，并在同一个拉取请求中修改。"
)
_CORRECTION_HINT = (
    "请在同一个拉取请求中为 {path} 新增一条更正记录（id、date：{since} 至 {today} 之间、cycle、"
    "path、reason 写明理由，可加 record），更正记录将在公示网站的修订历史中公开。"
)

# Profile fields (``submissions/societies/*.yaml``) that a rule reads, with the rules that read them. Every
# other field (name, founded, website, introduction …) changes no rule's outcome.
JUDGED_SOCIETY_FIELDS: dict[str, tuple[Rule, ...]] = {
    "slug": (files.names_match_files,),
    "name": (references.society_names_unique,),
    "credit_code": (
        references.credit_codes_valid,
        references.credit_codes_social,
        references.credit_codes_unique,
    ),
    "short_name": (references.society_names_unique,),
    "council_elected": (eligibility.council_term,),
    "category": (  # 分类实施: ranked within it
        categories.profile_category,
        categories.proposed_within_category,
        categories.results_in_category,
        publicity.substitution_next,  # who moves up in a 递补
        committee_decision.unfilled_recorded,  # the committee's places, cut-offs and departures per category
        committee_decision.departures_recorded,
        committee_decision.cutoffs_agree,
    ),
}


profile_fields = declare(
    "LOCK-001",
    ERROR,
    "四（一）",
    "申报截止后，评审中申报书所依据的学会简介字段（信用代码、换届日期等）不得由学会修改",
    "After the deadline, a society may not change the profile fields its application is judged by",
    note_zh="消息写明哪份申报书自何时起在评审中，以及被修改、增加或删除的字段。",
    message=Message(
        "{why}，学会简介中{fields_zh}（规则 {rules} 据此判断）截止后不得{verb}。",
        "After the deadline the profile fields {fields} may not change: an application is under review.",
        _HINT,
    ),
    doc="""``why`` says which application is under review since when; ``verb`` is 修改, 增加 or 删除.

    Fails (the council's election date edited after the deadline)::

        pr: mech-secretariat
        now: 2026-11-02
        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - council_elected: "2022-06-18"           # last 换届 (election of the council)
        + council_elected: "2022-07-18"           # last 换届 (election of the council)

    Passes (the same edit before the deadline)::

        pr: mech-secretariat
        now: 2026-10-20
        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - council_elected: "2022-06-18"           # last 换届 (election of the council)
        + council_elected: "2022-07-18"           # last 换届 (election of the council)
    """,
)

deadline_closed = declare(
    "LOCK-002",
    ERROR,
    "四（一）",
    "申报截止后，评审中申报书的附件不得增加、修改或删除，申报书不得删除",
    "After the deadline, an application under review keeps its attachments and is not deleted",
    message=Message(
        "{why}，截止后不得{verb}{thing}。",
        "After the deadline an application under review keeps its attachments and is not deleted ({path}).",
        _HINT,
    ),
    doc="""``thing`` is 申报书 or 附件.

    Fails (an attachment added after the deadline)::

        pr: mech-secretariat
        now: 2026-11-02
        +++ submissions/2026/attachments/wuhan-mechanical-engineering/补充.pdf
        + %PDF-1.4

    Passes (before the deadline)::

        pr: mech-secretariat
        now: 2026-10-20
        +++ submissions/2026/attachments/wuhan-mechanical-engineering/补充.pdf
        + %PDF-1.4
    """,
)

frozen = declare(
    "LOCK-003",
    ERROR,
    "五（二）",
    "形式审查、中期检查或总结验收记录后，所评判的申报书、附件、资金管理办法和报告只有专项办公室可以更正",
    "Files judged by a recorded review or inspection are frozen for everyone but the office",
    message=Message(
        "{why}，这个文件此后只有专项办公室可以更正，不得{verb}。",
        "{path} was judged by a recorded review or inspection; only the office may correct it.",
        _HINT,
    ),
    doc="""Fails (the application edited after its formal review is recorded)::

        pr: mech-secretariat
        now: 2026-11-10
        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -   approach: 围绕智能制造关键技术问题开展学术交流，带动会员服务与自身建设。
        +   approach: 聚焦智能制造关键技术问题开展学术交流，带动会员服务与自身建设。

    Passes (before the deadline)::

        pr: mech-secretariat
        now: 2026-10-20
        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -   approach: 围绕智能制造关键技术问题开展学术交流，带动会员服务与自身建设。
        +   approach: 聚焦智能制造关键技术问题开展学术交流，带动会员服务与自身建设。
    """,
)

office_correction = declare(
    "LOCK-004",
    ERROR,
    "五（二）",
    "专项办公室更正已截止或已评判的材料时，须在更正记录（office/corrections.yaml）中新增一条写明理由",
    "The office changes a closed or frozen file only with a new entry in the corrections record",
    messages={
        "missing": Message(
            "{why}，专项办公室{verb}{fields_zh}须登记更正理由：本拉取请求没有在 submissions/office/corrections.yaml 中为它新增更正记录。",
            "{path} is closed (since {since}); the office changes it only with a new correction entry.",
            _CORRECTION_HINT,
        ),
        "early": Message(
            "{why}，专项办公室{verb}{fields_zh}须登记更正理由：更正记录 {id} 的日期 {date} 早于该材料截止或被评判的日期 {since}。",
            "{path} is closed (since {since}); the office changes it only with a new correction entry.",
            _CORRECTION_HINT,
        ),
        "future": Message(
            "{why}，专项办公室{verb}{fields_zh}须登记更正理由：更正记录 {id} 的日期 {date} 晚于今天（{today}）。",
            "{path} is closed (since {since}); the office changes it only with a new correction entry.",
            _CORRECTION_HINT,
        ),
    },
    doc="""Fails (the office corrects an application after the deadline without a record)::

        pr: office-li
        now: 2026-11-02
        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -   approach: 围绕智能制造关键技术问题开展学术交流，带动会员服务与自身建设。
        +   approach: 聚焦智能制造关键技术问题开展学术交流，带动会员服务与自身建设。

    Passes (with a new entry in the corrections record)::

        pr: office-li
        now: 2026-11-02
        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -   approach: 围绕智能制造关键技术问题开展学术交流，带动会员服务与自身建设。
        +   approach: 聚焦智能制造关键技术问题开展学术交流，带动会员服务与自身建设。
        +++ submissions/office/corrections.yaml
        + schema_version: 1
        + corrections:
        +   - id: 2026-gz-001
        +     date: "2026-11-02"
        +     cycle: 2026
        +     path: submissions/2026/applications/wuhan-mechanical-engineering.yaml
        +     reason: 依据原件更正录入错误
    """,
)

correction_history = declare(
    "LOCK-005",
    ERROR,
    "五（二）",
    "已登记的更正记录不得修改或删除（公开的修订历史）",
    "Recorded corrections are never changed or removed (they are public history)",
    messages={
        "removed": Message(
            "已登记的更正记录 {id}（{date}，{path}）被删除；更正记录是公开的修订历史，不得改动。",
            "Recorded correction {id} was removed.",
            "请恢复这条记录；如需补充或纠正，请新增一条更正记录。",
        ),
        "changed": Message(
            "已登记的更正记录 {id}（{date}，{path}）被修改；更正记录是公开的修订历史，不得改动。",
            "Recorded correction {id} was changed.",
            "请恢复这条记录；如需补充或纠正，请新增一条更正记录。",
        ),
    },
    doc="""Fails (the office rewrites the reason of a recorded correction)::

        pr: office-li
        now: 2026-11-02
        +++ submissions/office/corrections.yaml
        + schema_version: 1
        + corrections:
        +   - id: 2026-gz-001
        +     date: "2026-11-02"
        +     cycle: 2026
        +     path: submissions/2026/applications/wuhan-mechanical-engineering.yaml
        +     reason: 依据原件更正录入错误
        === head
        --- submissions/office/corrections.yaml
        -     reason: 依据原件更正录入错误
        +     reason: 另一个理由

    Passes (a new entry beside it)::

        pr: office-li
        now: 2026-11-02
        +++ submissions/office/corrections.yaml
        + schema_version: 1
        + corrections:
        +   - id: 2026-gz-001
        +     date: "2026-11-02"
        +     cycle: 2026
        +     path: submissions/2026/applications/wuhan-mechanical-engineering.yaml
        +     reason: 依据原件更正录入错误
        === head
        --- submissions/office/corrections.yaml
        -     reason: 依据原件更正录入错误
        +     reason: 依据原件更正录入错误
        +   - id: 2026-gz-002
        +     date: "2026-11-02"
        +     cycle: 2026
        +     path: submissions/societies/wuhan-mechanical-engineering.yaml
        +     reason: 依据原件更正录入错误
    """,
)

RULES = (profile_fields, deadline_closed, frozen, office_correction, correction_history)
