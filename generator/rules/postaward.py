"""After the award, 四（三）、四（四）、五（二）、五（三）: fund-management plans, midterm and final reports,
inspections and sanctions. Each award is judged by its own cycle's dates and implementation period."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

from generator.model import Award, Cycle, Dataset, Plan, fmt_money
from generator.rules.base import ERROR, WARNING, Context, Hit, Message, rule
from generator.rules.funds import CATEGORY_MESSAGES, SUSPICIOUS_MESSAGE, category_problem, suspicious_hits


def award_of(cycle: Cycle, society: str) -> Award | None:
    if cycle.decisions is None or cycle.decisions.commendation_date is None:
        return None
    return next((a for a in cycle.decisions.awards if a.society == society), None)


def period_of(cycle: Cycle) -> tuple[date, date] | None:
    """The implementation period: the call's, else from the commendation to the end of the next year."""
    call = cycle.call
    if call is not None and call.period_start is not None and call.period_end is not None:
        return call.period_start, call.period_end
    if cycle.decisions is not None and cycle.decisions.commendation_date is not None:
        return cycle.decisions.commendation_date, date(cycle.year + 1, 12, 31)
    return None


def plan_due(cycle: Cycle) -> date | None:
    if cycle.decisions is None or cycle.decisions.commendation_date is None:
        return None
    days = cycle.call.plan_due_days if cycle.call else 30
    return cycle.decisions.commendation_date + timedelta(days=days)


def _cycles(data: Dataset) -> Iterator[Cycle]:
    for year in sorted(data.cycles):
        yield data.cycles[year]


@rule(
    "PLAN-001",
    ERROR,
    "四（三）",
    "资金管理办法、报告和检查结果只针对本年度受到表彰的学会",
    "Plans, reports and inspection results only for societies commended in that cycle",
    messages={
        "": Message(
            "学会“{society}”不是 {year} 年度受表彰的学会，不需要提交{what}。",
            "{society} was not commended in {year}.",
            "资金管理办法和中期、总结报告只由受表彰的学会在表彰之后提交；请核对年度和学会代号。",
        ),
        "results": Message(
            "学会“{society}”不是本年度受表彰的学会，不应有检查结果。",
            "{society} was not commended; no inspection applies.",
            "请核对学会代号。",
        ),
        "date": Message(
            "检查日期 {date} 不在表彰（{commendation_date}）之后。",
            "The inspection is dated before the commendation.",
            "请核对日期。",
        ),
        "date2": Message(
            "总结验收日期 {date} 不在中期检查（{midterm_date}）之后。",
            "The final inspection is dated before the midterm one.",
            "请核对日期。",
        ),
    },
)
def only_for_awardees(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a plan from a society that was not commended)::

        +++ submissions/2026/plans/wuhan-mechanical-engineering.yaml
        + # 实施阶段: the awarded society's fund-management plan, filed with the office (备案).
        + schema_version: 1
        + cycle: 2026
        + society: wuhan-mechanical-engineering
        + filed: "2027-01-10"
        + management_rules: 武汉市机械工程学会学会能力提升专项资金管理办法
        + approach: 以品牌学术会议为牵引，同步推进团体标准与青年人才培养。
        + focus: [品牌学术会议, 团体标准, 青年人才培养]
        + milestones:
        +   - {due: "2027-06-30", task: 完成团体标准征求意见稿}
        +   - {due: "2027-10-31", task: 举办第十三届华中机械工程学术年会}
        + indicators:                              # 年度考核指标
        +   - {name: 学术年会参会人数, unit: 人, target: 400}
        +   - {name: 发布团体标准, unit: 项, target: 1}
        +   - {name: 培训会员, unit: 人次, target: 200}
        + fund_directions:                         # 资金使用方向, within the award
        +   - {category: academic_exchange, amount: 80000.00}
        +   - {category: standards,         amount: 50000.00}
        +   - {category: training,          amount: 40000.00}
        +   - {category: governance,        amount: 30000.00}

    Passes::

        (the minimal tree)
    """
    for cycle in _cycles(data):
        items = [(p.file, p.society, "资金管理办法") for p in cycle.plans.values()]
        items += [(r.file, r.society, "报告") for r in cycle.reports.values()]
        for file, society, what in sorted(items):
            if award_of(cycle, society) is None:
                yield only_for_awardees.hit(file, ("society",), society=society, year=cycle.year, what=what)
        dec = cycle.decisions
        if dec is None:
            continue
        for stage, rnd in (("midterm", dec.midterm), ("final", dec.final)):
            for society in sorted(rnd.results):
                if award_of(cycle, society) is None:
                    yield only_for_awardees.hit(
                        dec.file, ("inspections", stage, "results", society), "results", society=society
                    )
            if (
                rnd.date is not None
                and dec.commendation_date is not None
                and rnd.date <= dec.commendation_date
            ):
                yield only_for_awardees.hit(
                    dec.file,
                    ("inspections", stage, "date"),
                    "date",
                    date=rnd.date,
                    commendation_date=dec.commendation_date,
                )
        if dec.midterm.date and dec.final.date and dec.final.date <= dec.midterm.date:
            yield only_for_awardees.hit(
                dec.file,
                ("inspections", "final", "date"),
                "date2",
                date=dec.final.date,
                midterm_date=dec.midterm.date,
            )


@rule(
    "PLAN-002",
    ERROR,
    "四（三）",
    "资金管理办法在表彰后、申报通知规定的天数内备案",
    "The plan is filed after the commendation, within the call's plan_due_days",
    messages={
        "": Message(
            "备案日期 {filed} 早于表彰日期 {commendation_date}。",
            "Filed before the commendation.",
            "请填写实际报送专项办公室备案的日期。",
        ),
        "filed": Message(
            "资金管理办法于 {filed} 备案，超过了表彰后 {days} 天的期限（{due}）。",
            "Filed on {filed}, after the due date {due}.",
            "逾期备案须向专项办公室说明情况。",
        ),
    },
)
def plan_on_time(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a plan filed after the due days)::

        now: 2027-08-01
        awarded: yes
        --- submissions/2026/plans/wuhan-mechanical-engineering.yaml
        - filed: "2027-01-10"
        + filed: "2027-01-15"

    Passes::

        now: 2027-08-01
        awarded: yes
        --- submissions/2026/plans/wuhan-mechanical-engineering.yaml
        - filed: "2027-01-10"
        + filed: "2027-01-14"
    """
    for cycle in _cycles(data):
        due = plan_due(cycle)
        dec = cycle.decisions
        if due is None or dec is None or dec.commendation_date is None:
            continue
        for plan in cycle.plans.values():
            if plan.filed < dec.commendation_date:
                yield plan_on_time.hit(
                    plan.file, ("filed",), filed=plan.filed, commendation_date=dec.commendation_date
                )
            elif plan.filed > due:
                yield plan_on_time.hit(
                    plan.file,
                    ("filed",),
                    "filed",
                    filed=plan.filed,
                    days=(due - dec.commendation_date).days,
                    due=due,
                )


def _plan_sum(plan: Plan) -> Decimal:
    return sum((d.amount for d in plan.fund_directions), Decimal(0))


@rule(
    "PLAN-003",
    ERROR,
    "五（三）",
    "资金使用方向只列允许的类别，合计不超过奖励金额，指标名称不重复",
    "Fund directions use allowed categories and stay within the award; indicator names are unique",
    messages={
        **CATEGORY_MESSAGES,
        "over_award": Message(
            "资金使用方向合计 {total_yuan} 元，超过奖励金额 {award_yuan} 元。",
            "Directions total {total}, above the award {award}.",
            "请把各方向金额调整到奖励金额以内。",
        ),
        "indicator_repeats": Message(
            "考核指标“{name}”重复。",
            "Indicator {name!r} repeats.",
            "每个指标只列一次，报告中按名称填写进度。",
        ),
    },
)
def plan_content(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (fund directions above the award)::

        now: 2027-08-01
        awarded: yes
        --- submissions/2026/plans/wuhan-mechanical-engineering.yaml
        -   - {category: academic_exchange, amount: 80000.00}
        +   - {category: academic_exchange, amount: 80000.01}

    Passes::

        now: 2027-08-01
        awarded: yes
        --- submissions/2026/plans/wuhan-mechanical-engineering.yaml
        -   - {category: academic_exchange, amount: 80000.00}
        +   - {category: academic_exchange, amount: 79999.99}
    """
    programme = data.programme
    for cycle in _cycles(data):
        for plan in cycle.plans.values():
            if programme is not None:
                for d in plan.fund_directions:
                    problem = category_problem(programme, d.category)
                    if problem:
                        variant, values = problem
                        path = ("fund_directions", d.index, "category")
                        yield Hit(plan.file, path, *plan_content.text(variant, **values))
            award = award_of(cycle, plan.society)
            total = _plan_sum(plan)
            if award is not None and total > award.amount:
                yield plan_content.hit(
                    plan.file,
                    ("fund_directions",),
                    "over_award",
                    total_yuan=fmt_money(total),
                    award_yuan=fmt_money(award.amount),
                    total=total,
                    award=award.amount,
                )
            names = Counter(i.name for i in plan.indicators)
            for indicator in plan.indicators:
                if names[indicator.name] > 1:
                    yield plan_content.hit(
                        plan.file,
                        ("indicators", indicator.index, "name"),
                        "indicator_repeats",
                        name=indicator.name,
                    )


@rule(
    "PLAN-004",
    WARNING,
    "四（三）",
    "工作进度（里程碑）安排在实施期内",
    "Milestones fall within the implementation period",
    message=Message(
        "里程碑“{task}”的日期 {due} 不在实施期（{start} 至 {end}）内。",
        "Milestone {due} is outside {start}..{end}.",
        "请把工作进度安排在实施期内。",
    ),
)
def milestones_in_period(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a milestone after the implementation period)::

        now: 2027-08-01
        awarded: yes
        --- submissions/2026/plans/wuhan-mechanical-engineering.yaml
        -   - {due: "2027-10-31", task: 举办第十三届华中机械工程学术年会}
        +   - {due: "2028-01-05", task: 举办第十三届华中机械工程学术年会}

    Passes::

        now: 2027-08-01
        awarded: yes
        --- submissions/2026/plans/wuhan-mechanical-engineering.yaml
        -   - {due: "2027-10-31", task: 举办第十三届华中机械工程学术年会}
        +   - {due: "2027-12-31", task: 举办第十三届华中机械工程学术年会}
    """
    for cycle in _cycles(data):
        period = period_of(cycle)
        if period is None:
            continue
        start, end = period
        for plan in cycle.plans.values():
            for i, (due, task) in enumerate(plan.milestones):
                if not start <= due <= end:
                    yield milestones_in_period.hit(
                        plan.file, ("milestones", i, "due"), task=task, due=due, start=start, end=end
                    )


@rule(
    "RPT-001",
    ERROR,
    "四（四）",
    "报告按资金管理办法中的考核指标填写进度（有对应的备案计划，指标名称一致）",
    "Reports give progress on the plan's indicators (a plan exists, names match)",
    messages={
        "": Message(
            "没有找到本会已备案的资金管理办法，无法核对考核指标。",
            "No plan is filed for this society.",
            "请先提交 {year}/plans/{slug}.yaml。",
        ),
        "name": Message(
            "指标“{name}”不是资金管理办法中的考核指标。",
            "{name!r} is not an indicator of the plan.",
            "可用指标：{planned_list}。",
        ),
        "indicators": Message(
            "缺少考核指标“{name}”的进度。",
            "No progress is given for {name!r}.",
            "请填写该指标的实际完成值（未开展填 0）。",
        ),
    },
)
def report_indicators(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (progress on an indicator the plan does not have)::

        now: 2027-08-01
        awarded: yes
        --- submissions/2026/reports/wuhan-mechanical-engineering.midterm.yaml
        -   - {name: 培训会员, actual: 120}
        +   - {name: 培训学员, actual: 120}

    Passes::

        now: 2027-08-01
        awarded: yes
        (the minimal tree)
    """
    for cycle in _cycles(data):
        for (slug, _stage), report in sorted(cycle.reports.items()):
            if award_of(cycle, slug) is None:
                continue  # PLAN-001 says it
            plan = cycle.plans.get(slug)
            if plan is None:
                yield report_indicators.hit(report.file, ("society",), year=cycle.year, slug=slug)
                continue
            planned = {i.name for i in plan.indicators}
            reported = [name for name, _ in report.indicators]
            for i, name in enumerate(reported):
                if name not in planned:
                    yield report_indicators.hit(
                        report.file,
                        ("indicators", i, "name"),
                        "name",
                        name=name,
                        planned_list="、".join(sorted(planned)),
                    )
            for name in sorted(planned - set(reported)):
                yield report_indicators.hit(
                    report.file, ("indicators",), "indicators", name=name, severity=WARNING
                )


@rule(
    "RPT-002",
    ERROR,
    "五（三）",
    "实际支出只列允许的类别（不得用于人员、日常办公、捐款、赞助、罚款、还贷、对外投资、基建等）",
    "Spending lines use allowed categories only",
    messages=CATEGORY_MESSAGES,
)
def spending_categories(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (spending in a forbidden category)::

        now: 2027-08-01
        awarded: yes
        --- submissions/2026/reports/wuhan-mechanical-engineering.midterm.yaml
        -   - {date: "2027-06-18", category: standards, item: 团体标准研讨会,                amount: 12000.00}
        +   - {date: "2027-06-18", category: fine, item: 团体标准研讨会,                amount: 12000.00}

    Passes::

        now: 2027-08-01
        awarded: yes
        (the minimal tree)
    """
    programme = data.programme
    if programme is None:
        return
    for cycle in _cycles(data):
        for report in cycle.reports.values():
            for s in report.spending:
                problem = category_problem(programme, s.category)
                if problem:
                    variant, values = problem
                    path = ("spending", s.index, "category")
                    yield Hit(report.file, path, *spending_categories.text(variant, **values))


@rule(
    "RPT-003",
    WARNING,
    "五（三）",
    "实际支出的类别在资金管理办法的资金使用方向之内；事项文字不像不得列支的用途",
    "Spending stays in the plan's categories; items do not read like a forbidden use",
    messages={
        "": Message(
            "支出类别“{category}”不在资金管理办法的资金使用方向中。",
            "{category} is not among the plan's fund directions.",
            "计划外支出须说明理由，必要时向专项办公室报备调整。",
        ),
        "suspicious": SUSPICIOUS_MESSAGE,
    },
)
def spending_in_plan(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (spending outside the plan's categories)::

        now: 2027-08-01
        awarded: yes
        --- submissions/2026/reports/wuhan-mechanical-engineering.midterm.yaml
        -   - {date: "2027-06-18", category: standards, item: 团体标准研讨会,                amount: 12000.00}
        +   - {date: "2027-06-18", category: journal, item: 团体标准研讨会,                amount: 12000.00}

    Passes::

        now: 2027-08-01
        awarded: yes
        --- submissions/2026/reports/wuhan-mechanical-engineering.midterm.yaml
        -   - {date: "2027-06-18", category: standards, item: 团体标准研讨会,                amount: 12000.00}
        +   - {date: "2027-06-18", category: academic_exchange, item: 团体标准研讨会,                amount: 12000.00}
    """
    programme = data.programme
    for cycle in _cycles(data):
        for (slug, _stage), report in sorted(cycle.reports.items()):
            plan = cycle.plans.get(slug)
            planned = {d.category for d in plan.fund_directions} if plan else None
            for s in report.spending:
                allowed = programme is not None and s.category in programme.categories
                if planned is not None and allowed and s.category not in planned:
                    yield spending_in_plan.hit(
                        report.file, ("spending", s.index, "category"), category=s.category
                    )
                if programme is not None and allowed:
                    yield from suspicious_hits(
                        spending_in_plan,
                        programme,
                        report.file,
                        ("spending", s.index, "item"),
                        s.item,
                        programme.categories[s.category].title,
                    )


@rule(
    "RPT-004",
    ERROR,
    "五（三）",
    "累计支出不超过奖励金额",
    "Cumulative spending does not exceed the award",
    message=Message(
        "累计支出 {total_yuan} 元，超过奖励金额 {amount_yuan} 元。",
        "Spending {total} exceeds the award {amount}.",
        "超出部分不得在专项资金中列支，请改由学会自有资金承担。",
    ),
)
def spending_within_award(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (spending above the award)::

        now: 2027-08-01
        awarded: yes
        --- submissions/2026/reports/wuhan-mechanical-engineering.midterm.yaml
        -   - {date: "2027-06-18", category: standards, item: 团体标准研讨会,                amount: 12000.00}
        +   - {date: "2027-06-18", category: standards, item: 团体标准研讨会,                amount: 179000.01}

    Passes::

        now: 2027-08-01
        awarded: yes
        --- submissions/2026/reports/wuhan-mechanical-engineering.midterm.yaml
        -   - {date: "2027-06-18", category: standards, item: 团体标准研讨会,                amount: 12000.00}
        +   - {date: "2027-06-18", category: standards, item: 团体标准研讨会,                amount: 179000.00}
    """
    for cycle in _cycles(data):
        for (slug, _stage), report in sorted(cycle.reports.items()):
            award = award_of(cycle, slug)
            if award is None:
                continue
            total = sum((s.amount for s in report.spending), Decimal(0))
            if total > award.amount:
                yield spending_within_award.hit(
                    report.file,
                    ("spending",),
                    total_yuan=fmt_money(total),
                    amount_yuan=fmt_money(award.amount),
                    total=total,
                    amount=award.amount,
                )


@rule(
    "RPT-005",
    ERROR,
    "五（三）",
    "支出日期在实施期内且不晚于报告截止日；总结报告在中期报告之后",
    "Spending dates fall inside the implementation period and by the report date; final after midterm",
    messages={
        "": Message(
            "支出日期 {date} 不在实施期（{start} 至 {end}）内。",
            "{date} is outside the implementation period.",
            "实施期外的支出不得在专项资金中列支。",
        ),
        "date": Message(
            "支出日期 {date} 晚于报告截止日 {as_of}。",
            "Spending is dated after the report's as_of date.",
            "请核对日期。",
        ),
        "as_of": Message(
            "总结报告截止日 {as_of} 不在中期报告（{midterm_as_of}）之后。",
            "The final report is not after the midterm report.",
            "请核对日期。",
        ),
    },
)
def spending_dates(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (spending before the implementation period)::

        now: 2027-08-01
        awarded: yes
        --- submissions/2026/reports/wuhan-mechanical-engineering.midterm.yaml
        -   - {date: "2027-05-20", category: training,  item: 青年科技工作者培训班场地与讲课费, amount: 21000.00}
        +   - {date: "2026-12-14", category: training,  item: 青年科技工作者培训班场地与讲课费, amount: 21000.00}

    Passes::

        now: 2027-08-01
        awarded: yes
        --- submissions/2026/reports/wuhan-mechanical-engineering.midterm.yaml
        -   - {date: "2027-05-20", category: training,  item: 青年科技工作者培训班场地与讲课费, amount: 21000.00}
        +   - {date: "2026-12-15", category: training,  item: 青年科技工作者培训班场地与讲课费, amount: 21000.00}
    """
    for cycle in _cycles(data):
        period = period_of(cycle)
        for (slug, stage), report in sorted(cycle.reports.items()):
            for s in report.spending:
                if period is not None and not period[0] <= s.date <= period[1]:
                    yield spending_dates.hit(
                        report.file,
                        ("spending", s.index, "date"),
                        date=s.date,
                        start=period[0],
                        end=period[1],
                    )
                elif s.date > report.as_of:
                    yield spending_dates.hit(
                        report.file, ("spending", s.index, "date"), "date", date=s.date, as_of=report.as_of
                    )
            if stage == "final":
                midterm = cycle.reports.get((slug, "midterm"))
                if midterm is not None and report.as_of <= midterm.as_of:
                    yield spending_dates.hit(
                        report.file, ("as_of",), "as_of", as_of=report.as_of, midterm_as_of=midterm.as_of
                    )


@rule(
    "SANC-001",
    ERROR,
    "五（二）",
    "撤销奖励的处理决定针对该学会受表彰的年度，在表彰之后作出，收回金额不超过奖励金额",
    "A revocation concerns a cycle the society was commended in, after it, reclaiming at most the award",
    messages={
        "": Message(
            "处理决定 {id} 撤销或收回的是“{society}”在 {cycle} 年度的奖励，但该年度没有这项表彰。",
            "{id}: {society} was not commended in {cycle}.",
            "请在 cycle 中填写受表彰的年度。",
        ),
        "decided": Message(
            "处理决定日期 {decided} 早于表彰日期 {commended}。",
            "The decision predates the commendation.",
            "请核对日期。",
        ),
        "reclaim_amount": Message(
            "收回金额 {reclaim_amount_yuan} 元超过奖励金额 {amount_yuan} 元。",
            "The amount reclaimed exceeds the award.",
            "收回的是已拨付的专项资金，不超过奖励金额。",
        ),
    },
)
def sanctions_consistent(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a revocation of an award the society never had)::

        now: 2027-08-01
        awarded: yes
        --- submissions/office/sanctions.yaml
        - sanctions: []
        + sanctions:
        +   - {id: t-9, society: wuhan-mechanical-engineering, decided: "2027-03-01", kind: fraud, cycle: 2025, summary: 虚报业绩, revoke_award: true, reclaim_amount: 33000.00, bans_applications: true}

    Passes::

        now: 2027-08-01
        awarded: yes
        --- submissions/office/sanctions.yaml
        - sanctions: []
        + sanctions:
        +   - {id: t-9, society: wuhan-mechanical-engineering, decided: "2027-03-01", kind: fraud, cycle: 2026, summary: 虚报业绩, revoke_award: true, reclaim_amount: 33000.00, bans_applications: true}
    """
    sanctions = data.office.sanctions
    file = data.office.sanctions_file
    if not sanctions or file is None:
        return
    for s in sanctions:
        base = ("sanctions", s.index)
        if not s.revoke_award and s.reclaim_amount == 0:
            continue
        cycle = data.cycles.get(s.cycle) if s.cycle is not None else None
        award = award_of(cycle, s.society) if cycle is not None else None
        if award is None or cycle is None or cycle.decisions is None:
            yield sanctions_consistent.hit(file, (*base, "cycle"), id=s.id, society=s.society, cycle=s.cycle)
            continue
        commended = cycle.decisions.commendation_date
        if commended is not None and s.decided < commended:
            yield sanctions_consistent.hit(
                file, (*base, "decided"), "decided", decided=s.decided, commended=commended
            )
        if s.reclaim_amount > award.amount:
            yield sanctions_consistent.hit(
                file,
                (*base, "reclaim_amount"),
                "reclaim_amount",
                reclaim_amount_yuan=fmt_money(s.reclaim_amount),
                amount_yuan=fmt_money(award.amount),
            )


RULES = (
    only_for_awardees,
    plan_on_time,
    plan_content,
    milestones_in_period,
    report_indicators,
    spending_categories,
    spending_in_plan,
    spending_within_award,
    spending_dates,
    sanctions_consistent,
)
