"""Who may apply: 三（一） conditions, 三（二） exclusions, 五（二） bans, 四（一） board approval and deadline.

Every rule judges an application by its own cycle's dates (the call's publication and deadline), so a
record the office adds later never turns an earlier cycle red.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from generator.clock import add_years
from generator.model import Application, Call, Cycle, Dataset, Programme
from generator.rules import checklist
from generator.rules.base import ERROR, WARNING, Context, Hit, Message, Rule, rule


def _tz(data: Dataset) -> str:
    return data.timezone


def _deadline_day(call: Call, data: Dataset) -> date:
    return call.deadline_date(_tz(data))


def _with_call(data: Dataset) -> Iterator[tuple[Cycle, Application, Call]]:
    for cycle, app in data.applications():
        if cycle.call is not None:
            yield cycle, app, cycle.call


@rule(
    "CALL-001",
    ERROR,
    "四（一）",
    "申报书所在年度已发布申报通知（call.yaml）",
    "An application's cycle has a published call",
    checklist=checklist.PROCEDURE,
    message=Message(
        "{year} 年度没有申报通知（submissions/{year}/call.yaml），无法受理申报。",
        "There is no call for {year}.",
        "请核对年度；申报通知由专项办公室发布后才能申报。",
    ),
)
def call_exists(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (an application for a cycle without a call)::

        del submissions/2026/applications/wuhan-mechanical-engineering.yaml
        +++ submissions/2027/applications/wuhan-mechanical-engineering.yaml < submissions/2026/applications/wuhan-mechanical-engineering.yaml
        - cycle: 2026
        + cycle: 2027

    Passes::

        (the minimal tree)
    """
    for cycle, app in data.applications():
        if cycle.call is None:
            yield call_exists.hit(app.file, ("cycle",), year=cycle.year)


@rule(
    "ELIG-001",
    ERROR,
    "三（一）",
    "申报前连续两年社团年检均为“合格”",
    "Annual inspection 合格 in each of the two years before the application year",
    checklist=checklist.INSPECTIONS,
    eligibility=True,
    messages={
        "": Message(
            "缺少 {year} 年的社团年检结果（须填写申报前连续两年：{first_year} 和 {last_year} 年）。",
            "The annual inspection of {year} is not declared.",
            "请在 annual_inspections 中加上 - {{year: {year}, result: 合格}}（按实际结果填写）。",
        ),
        "annual_inspections": Message(
            "{year} 年社团年检结果为“{result}”，申报要求连续两年“合格”。",
            "The annual inspection of {year} was {result}, not 合格.",
            "按专项要求，本年度不具备申报资格。",
        ),
    },
)
def inspections_declared(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (annual inspection 基本合格)::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -     - {year: 2025, result: 合格}
        +     - {year: 2025, result: 基本合格}

    Passes::

        (the minimal tree)
    """
    for cycle, app in data.applications():
        declared = dict(app.declared_inspections)
        for year in (cycle.year - 2, cycle.year - 1):
            result = declared.get(year)
            if result is None:
                yield inspections_declared.hit(
                    app.file,
                    ("eligibility", "annual_inspections"),
                    year=year,
                    first_year=cycle.year - 2,
                    last_year=cycle.year - 1,
                )
            elif result != "合格":
                yield inspections_declared.hit(
                    app.file,
                    ("eligibility", "annual_inspections"),
                    "annual_inspections",
                    year=year,
                    result=result,
                )


@rule(
    "ELIG-002",
    ERROR,
    "三（一）",
    "申报书填写的年检结果与专项办公室的年检记录一致",
    "Declared annual inspections match the office's records",
    checklist=checklist.INSPECTIONS,
    eligibility=True,
    messages={
        "": Message(
            "专项办公室的 {year} 年年检记录中没有本学会。",
            "The office has no {year} annual inspection record for this society.",
            "请联系专项办公室核实年检情况；未参加年检视为不合格。",
        ),
        "annual_inspections": Message(
            "{year} 年年检结果填写为“{declared}”，与专项办公室记录“{recorded}”不符。",
            "Declared {year} inspection {declared!r} differs from the office record {recorded!r}.",
            "请按实际结果如实填写（材料不实属弄虚作假，见 五（二））。",
        ),
    },
)
def inspections_match_records(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (declared 合格, office recorded 基本合格)::

        --- submissions/office/annual_inspections.yaml
        -   2025:
        -     wuhan-mechanical-engineering: 合格
        +   2025:
        +     wuhan-mechanical-engineering: 基本合格

    Passes::

        (the minimal tree)
    """
    records = data.office.inspections
    if records is None:
        return
    for cycle, app in data.applications():
        declared = dict(app.declared_inspections)
        for year in (cycle.year - 2, cycle.year - 1):
            year_records = records.get(year)
            if year_records is None:
                continue  # the office has not entered that year: nothing to compare with
            recorded = year_records.get(app.society)
            if recorded is None:
                yield inspections_match_records.hit(
                    app.file, ("eligibility", "annual_inspections"), year=year, severity=ERROR
                )
            elif year in declared and declared[year] != recorded:
                yield inspections_match_records.hit(
                    app.file,
                    ("eligibility", "annual_inspections"),
                    "annual_inspections",
                    year=year,
                    declared=declared[year],
                    recorded=recorded,
                )


@rule(
    "ELIG-003",
    ERROR,
    "三（一）",
    "年终按时报送本年度工作总结和下一年度工作计划（申报前两年），并与办公室记录一致",
    "Year-end summary and next-year plan filed on time for both years, as the office recorded",
    checklist=checklist.ANNUAL_REPORTS,
    eligibility=True,
    messages={
        "": Message(
            "申报书声明未按时报送年度工作总结和工作计划。",
            "The application declares the annual reports were not filed on time.",
            "按时报送是申报条件之一；如已按时报送，请改为 true。",
        ),
        "annual_reports_on_time": Message(
            "专项办公室记录：{year} 年{late_list}{contradiction}。",
            "Office record for {year}: summary or plan missing or late.",
            "请如实填写；对记录有异议请联系专项办公室。",
        ),
    },
)
def annual_reports_on_time(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (the 2025 summary filed after 12-31)::

        --- submissions/office/annual_reports.yaml
        -     wuhan-mechanical-engineering: {summary: "2025-12-26", plan: "2025-12-26"}
        +     wuhan-mechanical-engineering: {summary: "2026-01-05", plan: "2025-12-26"}

    Passes::

        --- submissions/office/annual_reports.yaml
        -     wuhan-mechanical-engineering: {summary: "2025-12-26", plan: "2025-12-26"}
        +     wuhan-mechanical-engineering: {summary: "2025-12-31", plan: "2025-12-31"}
    """
    programme = data.programme
    records = data.office.reports
    for cycle, app in data.applications():
        if not app.annual_reports_on_time:
            yield annual_reports_on_time.hit(app.file, ("eligibility", "annual_reports_on_time"))
        if records is None or programme is None:
            continue
        for year in (cycle.year - 2, cycle.year - 1):
            year_records = records.get(year)
            if year_records is None:
                continue
            due = programme.eligibility.report_due(year)
            filing = year_records.get(app.society)
            late = []
            if filing is None or filing.summary is None:
                late.append("工作总结未报送")
            elif filing.summary > due:
                late.append(f"工作总结于 {filing.summary} 报送（应在 {due} 前）")
            if filing is None or filing.plan is None:
                late.append("下一年度计划未报送")
            elif filing.plan > due:
                late.append(f"下一年度计划于 {filing.plan} 报送（应在 {due} 前）")
            if late:
                contradiction = "，与申报书“按时报送”的声明不符" if app.annual_reports_on_time else ""
                yield annual_reports_on_time.hit(
                    app.file,
                    ("eligibility", "annual_reports_on_time"),
                    "annual_reports_on_time",
                    year=year,
                    late_list="；".join(late),
                    contradiction=contradiction,
                )


@rule(
    "ELIG-004",
    ERROR,
    "三（一）",
    "内部管理规范：有理事会，章程等制度健全",
    "Governance: a council and rules (a charter among them)",
    checklist=checklist.GOVERNANCE,
    eligibility=True,
    messages={
        "": Message(
            "理事会人数为 0：学会须有理事会。", "The council has no members.", "请填写理事会实际人数。"
        ),
        "rules": Message(
            "制度清单中没有学会章程。",
            "The list of rules does not include the charter (章程).",
            "请在 rules 中列出学会章程及其他主要制度。",
        ),
    },
)
def governance(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (no charter among the rules)::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -     rules: [学会章程, 理事会议事规则, 财务管理办法]
        +     rules: [理事会议事规则, 财务管理办法]

    Passes::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -     rules: [学会章程, 理事会议事规则, 财务管理办法]
        +     rules: [武汉市机械工程学会章程]
    """
    for _cycle, app in data.applications():
        if app.council_members < 1:
            yield governance.hit(app.file, ("eligibility", "governance", "council_members"))
        if not any("章程" in r for r in app.governance_rules):
            yield governance.hit(app.file, ("eligibility", "governance", "rules"), "rules")


@rule(
    "ELIG-005",
    WARNING,
    "三（一）",
    "理事会按期换届（上次换届距申报截止不超过届期）",
    "The council was elected within its term before the deadline",
    checklist=checklist.GOVERNANCE,
    message=Message(
        "理事会于 {council_elected} 换届，至申报截止已超过 {years} 年，可能逾期未换届。",
        "The council was elected on {council_elected}, more than {years} years before the deadline.",
        "如已换届，请在学会简介中更新 council_elected；否则请说明情况。",
    ),
)
def council_term(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (council elected more than five years before the deadline)::

        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - council_elected: "2022-06-18"           # last 换届 (election of the council)
        + council_elected: "2021-10-30"           # last 换届 (election of the council)

    Passes::

        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - council_elected: "2022-06-18"           # last 换届 (election of the council)
        + council_elected: "2021-10-31"           # last 换届 (election of the council)
    """
    if data.programme is None:
        return
    years = data.programme.eligibility.council_term_years
    for _cycle, app, call in _with_call(data):
        society = data.societies.get(app.society)
        if society is None or society.council_elected is None:
            continue
        if add_years(society.council_elected, years) < _deadline_day(call, data):
            yield council_term.hit(
                app.file, ("society",), council_elected=society.council_elected, years=years
            )


@rule(
    "ELIG-006",
    ERROR,
    "三（一）",
    "配备专职或兼职秘书长（或副秘书长）",
    "A full-time or part-time secretary-general (or deputy)",
    checklist=checklist.STAFF,
    eligibility=True,
    message=Message(
        "没有填写秘书长或副秘书长（姓名与专职/兼职）。",
        "No secretary-general or deputy is given.",
        "请填写 secretary_general: {{name: 姓名, employment: 专职}} 或 deputy_secretary_general。",
    ),
)
def secretariat(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (no secretary-general or deputy)::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -     secretary_general: {name: 王敏, employment: 专职}   # 专职 | 兼职; a deputy may stand in: deputy_secretary_general

    Passes::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -     secretary_general: {name: 王敏, employment: 专职}   # 专职 | 兼职; a deputy may stand in: deputy_secretary_general
        +     deputy_secretary_general: {name: 王敏, employment: 兼职}   # 专职 | 兼职; a deputy may stand in: deputy_secretary_general
    """
    for _cycle, app in data.applications():
        if not any(p.name.strip() and p.employment in ("专职", "兼职") for p in app.secretariat):
            yield secretariat.hit(app.file, ("eligibility", "secretariat"))


@rule(
    "ELIG-007",
    ERROR,
    "三（一）",
    "学会工作人员（专职+兼职）不少于专项要求的人数",
    "Staff (full-time + part-time) at least the programme's minimum",
    checklist=checklist.STAFF,
    eligibility=True,
    message=Message(
        "学会工作人员共 {total} 人，少于要求的 {minimum} 人。",
        "{total} staff, fewer than the required {minimum}.",
        "请填写实际专职、兼职工作人员人数。",
    ),
)
def staff(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (no staff)::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -     staff: {full_time: 2, part_time: 3}
        +     staff: {full_time: 0, part_time: 0}

    Passes::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -     staff: {full_time: 2, part_time: 3}
        +     staff: {full_time: 0, part_time: 1}
    """
    minimum = data.programme.eligibility.min_staff if data.programme else 1
    for _cycle, app in data.applications():
        total = app.staff_full_time + app.staff_part_time
        if total < minimum:
            yield staff.hit(app.file, ("eligibility", "secretariat", "staff"), total=total, minimum=minimum)


@rule(
    "ELIG-008",
    ERROR,
    "三（一）",
    "财务健全：独立银行账户、财务人员、财务制度",
    "Sound finance: an independent account, finance staff and rules",
    checklist=checklist.FINANCES,
    eligibility=True,
    messages={
        "": Message(
            "学会没有独立的银行账户。", "No independent bank account.", "独立银行账户是申报条件之一。"
        ),
        "finance_staff": Message(
            "没有财务管理人员。", "No finance staff.", "请填写财务人员人数（至少 1 人）。"
        ),
        "finance_rules": Message(
            "没有列出财务管理制度。", "No finance rules are listed.", "请列出财务管理办法等制度名称。"
        ),
    },
)
def finance(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (no independent bank account)::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -     independent_bank_account: true
        +     independent_bank_account: false

    Passes::

        (the minimal tree)
    """
    for _cycle, app in data.applications():
        base = ("eligibility", "finance")
        if not app.independent_bank_account:
            yield finance.hit(app.file, (*base, "independent_bank_account"))
        if app.finance_staff < 1:
            yield finance.hit(app.file, (*base, "finance_staff"), "finance_staff")
        if not app.finance_rules:
            yield finance.hit(app.file, (*base, "finance_rules"), "finance_rules")


_VERIFIED = {
    "independent_bank_account": ("有独立的银行账户", "an independent bank account"),
    "finance_staff": ("有财务管理人员", "finance staff"),
}


def _declared(app: Application, key: str) -> bool:
    return app.independent_bank_account if key == "independent_bank_account" else app.finance_staff >= 1


@rule(
    "ELIG-009",
    ERROR,
    "三（一）",
    "财务条件的声明与专项办公室形式审查时的核实结果一致（独立银行账户、财务人员）",
    "The finance declarations agree with what the office verified at formal review",
    note_zh="申报书只作声明（共享仓库中不写银行账号）；专项办公室记录了对原件的核实结果后，与之不符的声明是错误，与其他自我声明与办公室记录不符时一样。",
    checklist=checklist.FINANCES,
    eligibility=True,
    message=Message(
        "申报书声明{zh}，但专项办公室形式审查核实未发现（见 {file} 的 formal_review.results.{society}.verified.{key}）。",
        "The application declares {en}; the office's formal review found none.",
        "请按实际情况更正声明，并向专项办公室补交开户许可证或财务人员的证明材料；声明与核实不符按弄虚作假处理（五（二））。",
    ),
)
def finance_verified(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """The application only declares (no account number in the shared tree); once the office records what
    it verified against the originals, a declaration it found untrue is an error, like any self-declaration
    that disagrees with the office's records.

    Fails (an account declared that the office found missing)::

        --- submissions/2026/decisions.yaml
        -     wuhan-mechanical-engineering: {passed: true, verified: {independent_bank_account: true, finance_staff: true}}
        +     wuhan-mechanical-engineering: {passed: true, verified: {independent_bank_account: false, finance_staff: true}}

    Passes::

        --- submissions/2026/decisions.yaml
        -     wuhan-mechanical-engineering: {passed: true, verified: {independent_bank_account: true, finance_staff: true}}
        +     wuhan-mechanical-engineering: {passed: true, verified: {independent_bank_account: true, finance_staff: true}}
    """
    for cycle, app in data.applications():
        decisions = cycle.decisions
        if decisions is None or app.society not in decisions.formal_results:
            continue
        verified = decisions.formal_results[app.society].verified
        for key, (zh, en) in _VERIFIED.items():
            if key in verified and _declared(app, key) and not verified[key]:
                yield finance_verified.hit(
                    app.file,
                    ("eligibility", "finance", key),
                    zh=zh,
                    file=decisions.file,
                    society=app.society,
                    key=key,
                    en=en,
                )


_DECLARATIONS = {
    "no_legal_violations": ("无违纪违法行为", "三（二）"),
    "no_sanctions": ("未受相关部门通报批评或处罚", "三（二）"),
    "entrusted_projects_completed": ("按要求完成市科协及相关部门委托项目", "三（二）"),
    "materials_truthful": ("申报材料真实、无弄虚作假", "五（二）"),
}


@rule(
    "EXCL-001",
    ERROR,
    "三（二）",
    "四项声明均为 true（无违纪违法、未受通报批评或处罚、完成委托项目、材料真实）",
    "All four declarations are true",
    checklist=checklist.CONDUCT,
    eligibility=True,
    message=Message(
        "未声明“{zh}”（{clause}）：存在该情形的申请不予受理。",
        "Declaration {key} is not true.",
        "如情况属实可声明，请改为 true；否则本年度不能申报。",
    ),
)
def declarations(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (materials not declared truthful)::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -   materials_truthful: true               # 材料真实，无弄虚作假
        +   materials_truthful: false               # 材料真实，无弄虚作假

    Passes::

        (the minimal tree)
    """
    for _cycle, app in data.applications():
        for key, (zh, clause) in _DECLARATIONS.items():
            if app.declarations.get(key) is not True:
                yield declarations.hit(app.file, ("declarations", key), zh=zh, clause=clause, key=key)


def _lookback_start(programme: Programme | None, year: int) -> date:
    years = programme.eligibility.sanction_lookback_years if programme else 2
    return date(year - years, 1, 1)


def _sanction_message(what: str, contradiction: str) -> Message:
    return Message(
        f"专项办公室记录：{{decided}} {what}（{{id}}：{{summary}}）{contradiction}。",
        "Office record {id} of {decided}: {kind}.",
        "{start} 至申报截止期间有此记录的学会，本年度申请不予受理。",
    )


def _sanction_messages(what: str) -> dict[str, Message]:
    """A sanction on record in the window; ``contradicts`` when the application declared there was none."""
    return {"": _sanction_message(what, ""), "contradicts": _sanction_message(what, "，与申报书的声明不符")}


def _sanction_hits(rule: Rule, data: Dataset, kinds: tuple[str, ...], declaration: str) -> Iterator[Hit]:
    sanctions = data.office.sanctions
    if not sanctions:
        return
    for cycle, app, call in _with_call(data):
        start = _lookback_start(data.programme, cycle.year)
        end = _deadline_day(call, data)
        for s in sanctions:
            if s.society == app.society and s.kind in kinds and start <= s.decided <= end:
                yield rule.hit(
                    app.file,
                    ("declarations", declaration),
                    "contradicts" if app.declarations.get(declaration) else "",
                    decided=s.decided,
                    id=s.id,
                    summary=s.summary.rstrip("。"),
                    kind=s.kind,
                    start=start,
                )


@rule(
    "EXCL-002",
    ERROR,
    "三（二）",
    "近两年（至申报截止）无违纪违法记录",
    "No violation of law or discipline on record in the lookback window",
    checklist=checklist.CONDUCT,
    eligibility=True,
    messages=_sanction_messages("有违纪违法行为"),
)
def no_violations(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a violation inside the lookback window)::

        --- submissions/office/sanctions.yaml
        - sanctions: []
        + sanctions:
        +   - {id: t-1, society: wuhan-mechanical-engineering, decided: "2024-01-01", kind: violation, summary: 测试记录, revoke_award: false, reclaim_amount: 0.00, bans_applications: false}

    Passes::

        --- submissions/office/sanctions.yaml
        - sanctions: []
        + sanctions:
        +   - {id: t-1, society: wuhan-mechanical-engineering, decided: "2023-12-31", kind: violation, summary: 测试记录, revoke_award: false, reclaim_amount: 0.00, bans_applications: false}
    """
    yield from _sanction_hits(no_violations, data, ("violation",), "no_legal_violations")


@rule(
    "EXCL-003",
    ERROR,
    "三（二）",
    "近两年（至申报截止）未受相关部门通报批评或处罚（含因弄虚作假受到的处理）",
    "No public criticism or penalty (fraud decisions included) on record in the lookback window",
    checklist=checklist.CONDUCT,
    eligibility=True,
    messages=_sanction_messages("受到通报批评或处理"),
)
def no_criticism(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a public criticism inside the lookback window)::

        --- submissions/office/sanctions.yaml
        - sanctions: []
        + sanctions:
        +   - {id: t-1, society: wuhan-mechanical-engineering, decided: "2025-05-10", kind: criticism, summary: 测试记录, revoke_award: false, reclaim_amount: 0.00, bans_applications: false}

    Passes::

        --- submissions/office/sanctions.yaml
        - sanctions: []
        + sanctions:
        +   - {id: t-1, society: wuhan-mechanical-engineering, decided: "2023-05-10", kind: criticism, summary: 测试记录, revoke_award: false, reclaim_amount: 0.00, bans_applications: false}
    """
    yield from _sanction_hits(no_criticism, data, ("criticism", "fraud"), "no_sanctions")


@rule(
    "EXCL-004",
    ERROR,
    "三（二）",
    "申报截止时没有逾期未完成或未通过的委托项目",
    "No entrusted project overdue or failed at the deadline",
    checklist=checklist.CONDUCT,
    eligibility=True,
    message=Message(
        "委托项目 {id}“{title}”{state}{contradiction}。",
        "Entrusted project {id} was not completed as required by the deadline.",
        "未按要求完成委托项目的学会，本年度申请不予受理；记录有误请联系专项办公室。",
    ),
)
def entrusted_projects(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (an entrusted project overdue at the deadline)::

        --- submissions/office/entrusted_projects.yaml
        -     status: completed            # completed | in_progress | overdue | failed
        -     completed: "2025-11-20"
        +     status: overdue            # completed | in_progress | overdue | failed

    Passes::

        --- submissions/office/entrusted_projects.yaml
        -     due: "2025-11-30"
        -     status: completed            # completed | in_progress | overdue | failed
        -     completed: "2025-11-20"
        +     due: "2026-12-31"
        +     status: in_progress            # completed | in_progress | overdue | failed
    """
    projects = data.office.projects
    if not projects:
        return
    for _cycle, app, call in _with_call(data):
        deadline = _deadline_day(call, data)
        for p in projects:
            if p.society != app.society or p.due >= deadline:
                continue
            if p.status == "failed":
                state = "未通过验收"
            elif p.status == "completed" and p.completed is not None and p.completed <= deadline:
                continue
            elif p.status == "completed" and p.completed is None:
                continue
            else:
                state = f"应于 {p.due} 完成，截至申报截止仍未完成"
            contradiction = (
                "，与申报书的声明不符" if app.declarations.get("entrusted_projects_completed") else ""
            )
            yield entrusted_projects.hit(
                app.file,
                ("declarations", "entrusted_projects_completed"),
                id=p.id,
                title=p.title,
                state=state,
                contradiction=contradiction,
            )


@rule(
    "BAN-001",
    ERROR,
    "五（二）",
    "因弄虚作假被取消申报资格的学会，在禁止期内不得申报",
    "A society barred for fraud may not apply during the ban",
    checklist=checklist.NOT_BANNED,
    eligibility=True,
    message=Message(
        "本学会因弄虚作假于 {decided} 被取消申报资格 {ban_years} 年（{value}），至 {until} 前发布的申报通知均不得申报。",
        "The society is barred from applying until {until} ({id}).",
        "禁止期内的申报不予受理。",
    ),
)
def ban_in_force(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a fraud ban still in force when the call was published)::

        --- submissions/office/sanctions.yaml
        - sanctions: []
        + sanctions:
        +   - {id: t-1, society: wuhan-mechanical-engineering, decided: "2023-09-02", kind: fraud, summary: 测试记录, revoke_award: false, reclaim_amount: 0.00, bans_applications: true}

    Passes::

        --- submissions/office/sanctions.yaml
        - sanctions: []
        + sanctions:
        +   - {id: t-1, society: wuhan-mechanical-engineering, decided: "2023-09-01", kind: fraud, summary: 测试记录, revoke_award: false, reclaim_amount: 0.00, bans_applications: true}
    """
    sanctions = data.office.sanctions
    if not sanctions:
        return
    ban_years = data.programme.eligibility.ban_years if data.programme else 3
    for _cycle, app, call in _with_call(data):
        for s in sanctions:
            if s.society != app.society or s.kind != "fraud" or not s.bans_applications:
                continue
            until = add_years(s.decided, ban_years)
            if s.decided <= call.published < until:
                yield ban_in_force.hit(
                    app.file,
                    ("society",),
                    decided=s.decided,
                    ban_years=ban_years,
                    value=s.doc_number or s.id,
                    until=until,
                    id=s.id,
                )


@rule(
    "PROC-001",
    ERROR,
    "四（一）",
    "申报经理事会（常务理事会）研究同意，且在申报截止前、不晚于当天",
    "The council agreed before the deadline (and not in the future)",
    checklist=checklist.PROCEDURE,
    eligibility=True,
    messages={
        "": Message(
            "理事会同意的日期 {board_date} 晚于申报截止日 {deadline}。",
            "The council agreed on {board_date}, after the deadline {deadline}.",
            "申报须在截止前经理事会（常务理事会）研究同意。",
        ),
        "date": Message(
            "理事会同意的日期 {board_date} 在今天（{today}）之后。",
            "The council approval date {board_date} is in the future.",
            "请填写理事会（常务理事会）实际作出决议的日期。",
        ),
        "resolution": Message(
            "没有填写理事会决议文号或会议纪要编号。",
            "No resolution number is given.",
            "请填写决议文号，如 武机学〔2026〕5号。",
        ),
    },
)
def board_approval(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (the council agreed after the deadline)::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -   date: "2026-09-20"
        +   date: "2026-11-01"

    Passes::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -   date: "2026-09-20"
        +   date: "2026-10-31"
    """
    for _cycle, app, call in _with_call(data):
        deadline = _deadline_day(call, data)
        today = data.today(ctx.now)
        if app.board_date > deadline:
            yield board_approval.hit(
                app.file, ("board_approval", "date"), board_date=app.board_date, deadline=deadline
            )
        elif app.board_date > today:
            yield board_approval.hit(
                app.file, ("board_approval", "date"), "date", board_date=app.board_date, today=today
            )
        if not app.board_resolution.strip():
            yield board_approval.hit(app.file, ("board_approval", "resolution"), "resolution")


@rule(
    "DEAD-001",
    ERROR,
    "四（一）",
    "申报书在申报通知规定的截止时间前提交（专项办公室更正除外）",
    "Applications are submitted before the call's deadline (office corrections excepted)",
    checklist=checklist.PROCEDURE,
    eligibility=True,
    messages={
        "": Message(
            "申报已于 {local} 截止，截止后提交或修改的申报书不予受理。",
            "The deadline {isoformat} has passed.",
            "如确需更正，请联系专项办公室，由办公室提交修改。",
        ),
        "supplement": Message(
            "申报已于 {local} 截止；形式审查要求的补正（{items_list}）期限为 {due}，已经过期，逾期补交不予受理。",
            "The deadline {isoformat} has passed and the 补正 was due on {due}.",
            "如有特殊情况，请联系专项办公室。",
        ),
    },
)
def deadline(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (submitted one minute after the deadline)::

        now: 2026-10-31T17:01:00+08:00
        submitted: submissions/2026/applications/wuhan-mechanical-engineering.yaml

    Passes::

        now: 2026-10-31T16:59:00+08:00
        submitted: submissions/2026/applications/wuhan-mechanical-engineering.yaml
        (the minimal tree)
    """
    if not ctx.submitted or ctx.actor_is_office:
        return
    today = data.today(ctx.now)
    for cycle, app, call in _with_call(data):
        if app.file in ctx.submitted and ctx.now > call.deadline:
            result = cycle.decisions.formal_results.get(app.society) if cycle.decisions else None
            sup = result.supplement if result is not None else None
            if sup is not None and sup.open_on(today):
                continue  # 补正 (四（二）): the office asked for the named items by their due date
            local = call.deadline_text(_tz(data))  # the programme's zone, whatever the zone of --now
            iso = call.deadline.isoformat()
            if sup is not None and today > sup.due:
                items_list = "、".join(sup.items)
                yield deadline.hit(
                    app.file,
                    ("cycle",),
                    "supplement",
                    local=local,
                    isoformat=iso,
                    due=sup.due,
                    items_list=items_list,
                )
            else:
                yield deadline.hit(app.file, ("cycle",), local=local, isoformat=iso)


@rule(
    "ACH-001",
    WARNING,
    "二（一）",
    "业绩的类别（kind）属于所列能力方面",
    "An achievement's kind belongs to the area it is listed under",
    messages={
        "": Message(
            "业绩类别“{kind}”不是专项设置中的类别。",
            "Unknown achievement kind {kind!r}.",
            "可用类别：{categories_list}。",
        ),
        "kind": Message(
            "业绩类别“{title}”属于“{belongs_zh}”，却列在“{listed_zh}”下。",
            "Kind {kind!r} belongs to {belongs}, listed under {listed}.",
            "请把该业绩移到对应的能力方面下，或更正类别。",
        ),
    },
)
def achievement_kinds(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (an achievement listed under the wrong area)::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -       kind: standards
        +       kind: journal

    Passes::

        (the minimal tree)
    """
    programme = data.programme
    if programme is None:
        return
    for _cycle, app in data.applications():
        for a in app.achievements:
            category = programme.categories.get(a.kind)
            if category is None:
                yield achievement_kinds.hit(
                    app.file,
                    ("achievements", a.area, a.index, "kind"),
                    kind=a.kind,
                    categories_list=", ".join(sorted(programme.categories)),
                )
            elif category.area != a.area:
                yield achievement_kinds.hit(
                    app.file,
                    ("achievements", a.area, a.index, "kind"),
                    "kind",
                    title=category.title,
                    belongs_zh=programme.areas.get(category.area, category.area),
                    listed_zh=programme.areas.get(a.area, a.area),
                    kind=a.kind,
                    belongs=category.area,
                    listed=a.area,
                )


@rule(
    "ACH-002",
    WARNING,
    "二（一）",
    "业绩发生在申报前两年内（至申报截止）",
    "Achievements fall within the two years before the deadline",
    message=Message(
        "业绩日期 {date} 不在申报统计期（{start} 至 {end}）内。",
        "Achievement date {date} is outside {start}..{end}.",
        "只填写近两年的业绩；日期有误请更正。",
    ),
)
def achievement_dates(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (an achievement older than two years)::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -       date: "2025-10-18"
        +       date: "2023-12-31"

    Passes::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -       date: "2025-10-18"
        +       date: "2024-01-01"
    """
    for cycle, app, call in _with_call(data):
        start = date(cycle.year - 2, 1, 1)
        end = _deadline_day(call, data)
        for a in app.achievements:
            if a.date is not None and not start <= a.date <= end:
                yield achievement_dates.hit(
                    app.file, ("achievements", a.area, a.index, "date"), date=a.date, start=start, end=end
                )


@rule(
    "ATT-001",
    ERROR,
    "四（一）",
    "申报书列出的附件已上传到对应的附件文件夹",
    "Attachments named in an application are in its attachments folder",
    message=Message(
        "附件“{name}”不存在（应在 {expected}）。",
        "Attachment {name!r} is missing ({expected}).",
        "请把附件上传到该文件夹，或删除这一项。",
    ),
)
def attachments_exist(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (an attachment named but not uploaded)::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -     - {category: governance,        item: 学会治理制度修订与培训,       amount: 30000.00}
        +     - {category: governance,        item: 学会治理制度修订与培训,       amount: 30000.00}
        + attachments:
        +   - {title: 年检结论, file: 年检结论.pdf}

    Passes::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -     - {category: governance,        item: 学会治理制度修订与培训,       amount: 30000.00}
        +     - {category: governance,        item: 学会治理制度修订与培训,       amount: 30000.00}
        + attachments:
        +   - {title: 年检结论, file: 年检结论.pdf}
        +++ submissions/2026/attachments/wuhan-mechanical-engineering/年检结论.pdf
        + %PDF-1.4
    """
    for cycle, app in data.applications():
        for i, (_title, name) in enumerate(app.attachments):
            expected = f"submissions/{cycle.year}/attachments/{app.society}/{name}"
            if expected not in data.attachments:
                yield attachments_exist.hit(
                    app.file, ("attachments", i, "file"), name=name, expected=expected
                )


RULES = (
    call_exists,
    inspections_declared,
    inspections_match_records,
    annual_reports_on_time,
    governance,
    council_term,
    secretariat,
    staff,
    finance,
    finance_verified,
    declarations,
    no_violations,
    no_criticism,
    entrusted_projects,
    ban_in_force,
    board_approval,
    deadline,
    achievement_kinds,
    achievement_dates,
    attachments_exist,
)
