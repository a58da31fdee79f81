"""AUTH-*: who may change what in a pull request (found by ``generator.authority`` for the shared repository
and ``generator.committee`` for the committee repository, from the base revision's maintainers)."""

from __future__ import annotations

from generator.rules.base import ERROR, Message, declare

scope = declare(
    "AUTH-001",
    ERROR,
    "五（二）",
    "拉取请求只改动提交者有权修改的文件（学会改本会文件、专家改本人评分，其余由专项办公室修改）",
    "A pull request changes only files its author may change",
    note_zh="拉取请求改动了提交者无权修改的文件时报告：删除文件时说“删除”，否则说“修改”；请在拉取请求中撤销这些改动。",
    messages={
        "": Message(
            "账号 {actor} 无权{verb}这个文件（{what}）。",
            "{actor} may not change this file ({path}).",
            "学会只能修改本会的简介、申报书、资金管理办法、报告和附件；专家评分在评审委员会仓库中提交；"
            "其余文件（含专家评审汇总结果）由专项办公室修改。请在拉取请求中撤销对这个文件的改动。",
        ),
        "committee": Message(
            "账号 {actor} 无权{verb}评审委员会仓库中的这个文件（{what}）。",
            "{actor} may not change this committee-repository file ({path}).",
            "在评审委员会仓库中，专家只能修改本人的评分表（<年度>/reviews/<本人专家编号>.yaml，"
            "专家编号与账号的对应见基准提交的 experts.yaml）；其余文件由专项办公室修改。请撤销这个改动。",
        ),
    },
    doc="""``verb`` is 删除 for a deleted file, else 修改.

    Fails (a society edits the call)::

        pr: mech-secretariat
        now: 2026-10-20
        --- submissions/2026/call.yaml
        - schema_version: 1
        + schema_version: 1
        + # 改动

    Passes (the office may)::

        pr: office-li
        now: 2026-10-20
        --- submissions/2026/call.yaml
        - schema_version: 1
        + schema_version: 1
        + # 改动
    """,
)

maintainers = declare(
    "AUTH-002",
    ERROR,
    "五（二）",
    "学会的维护账号（maintainers）只能由专项办公室变更",
    "Only the office changes a society's maintainers",
    message=Message(
        "拉取请求修改了学会的维护账号（maintainers），这需要专项办公室办理。",
        "Changing a society's maintainers needs the office.",
        "请撤销对 maintainers 的修改，并通过专项办公室邮箱申请变更维护账号。",
    ),
    doc="""Fails (a society adds a login to its own maintainers)::

        pr: mech-secretariat
        now: 2026-10-20
        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - maintainers: [mech-secretariat]         # forge logins that may submit for this society (read from the base branch only)
        + maintainers: [mech-secretariat, friend]         # forge logins that may submit for this society (read from the base branch only)

    Passes (other fields of its profile)::

        pr: mech-secretariat
        now: 2026-10-20
        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - founded: 1979
        + founded: 1980
    """,
)

RULES = (scope, maintainers)
