"""绩效考核与动态管理 · performance, inspections due, consequences of a final result and the showcase
(一（三）2、一（三）3、四（三）、四（四）、五（四）). The figures come from ``generator.performance``.

PERF: indicators chosen from the programme's standard set, milestones reported, the verdict against the
computed figures, the inspection notice's document number. INSP: every awardee's midterm and final, due from
the implementation period. CONT: what a final result means for later cycles. SHOW: the 典型经验 a final
report files for the showcase.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import Dataset
from generator.performance import (
    FAILED,
    PASSED,
    STAGE_ZH,
    assessment_of,
    consequence,
    inspections_due,
)
from generator.rules.base import ERROR, NOTICE, WARNING, Context, Hit, Message, rule

MINI_FINAL = """
    +++ submissions/2026/reports/wuhan-mechanical-engineering.final.yaml < submissions/2026/reports/wuhan-mechanical-engineering.midterm.yaml
    - stage: midterm                           # midterm | final
    + stage: final                           # midterm | final
"""


@rule(
    "PERF-001",
    ERROR,
    "四（三）",
    "资金管理办法的考核指标选自专项的标准考核指标",
    "A plan's indicators name the programme's standard indicators",
    message=Message(
        "考核指标“{name}”写的标准指标代码 {id} 不在专项设置（programme.yaml 的 indicators）中。",
        "Indicator {name} names {id}, which is not a standard indicator of the programme.",
        "请改为专项标准考核指标之一（{known}），或删去 id 作为学会自设指标（权重按 1 计）。",
    ),
)
def standard_indicators(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a plan names an indicator the programme does not have)::

        now: 2027-01-20
        awarded: yes
        --- submissions/2026/plans/wuhan-mechanical-engineering.yaml
        -   - {name: 培训会员, unit: 人次, target: 200}
        +   - {id: member_courses, name: 培训会员, unit: 人次, target: 200}

    Passes::

        now: 2027-01-20
        awarded: yes
    """
    if data.programme is None:
        return
    known = data.programme.performance.indicators
    names = "、".join(known) or "无"
    for year in sorted(data.cycles):
        for slug in sorted(data.cycles[year].plans):
            plan = data.cycles[year].plans[slug]
            for ind in plan.indicators:
                if ind.id is not None and ind.id not in known:
                    path = ("indicators", ind.index, "id")
                    yield standard_indicators.hit(plan.file, path, name=ind.name, id=ind.id, known=names)


@rule(
    "PERF-002",
    WARNING,
    "四（四）",
    "报告逐项说明资金管理办法中里程碑的进展",
    "Reports give the status of the plan's milestones",
    messages={
        "": Message(
            "报告中的里程碑“{task}”不在资金管理办法的里程碑中。",
            "Milestone {task} is not in the plan.",
            "milestones 的 task 须与资金管理办法 milestones 中的 task 一字不差。",
        ),
        "missing": Message(
            "总结报告没有说明里程碑“{task}”（计划 {due} 完成）的进展。",
            "The final report does not give the status of milestone {task} (due {due}).",
            "请在 milestones 中加一行 {{task: {task}, status: done}}（或 delayed、dropped，并写 note）。",
        ),
    },
)
def milestones_reported(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a milestone the plan does not have)::

        now: 2027-08-01
        awarded: yes
        --- submissions/2026/reports/wuhan-mechanical-engineering.midterm.yaml
        - summary: 培训班已完成一期，标准征求意见稿已形成。
        + summary: 培训班已完成一期，标准征求意见稿已形成。
        + milestones:
        +   - {task: 举办学术年会, status: done}

    Passes::

        now: 2027-08-01
        awarded: yes
        --- submissions/2026/reports/wuhan-mechanical-engineering.midterm.yaml
        - summary: 培训班已完成一期，标准征求意见稿已形成。
        + summary: 培训班已完成一期，标准征求意见稿已形成。
        + milestones:
        +   - {task: 完成团体标准征求意见稿, status: done}
    """
    for year in sorted(data.cycles):
        cycle = data.cycles[year]
        for (slug, stage), report in sorted(cycle.reports.items()):
            plan = cycle.plans.get(slug)
            if plan is None:
                continue
            tasks = {task for _, task in plan.milestones}
            for m in report.milestones:
                if m.task not in tasks:
                    yield milestones_reported.hit(report.file, ("milestones", m.index, "task"), task=m.task)
            if stage != "final":
                continue
            given = {m.task for m in report.milestones}
            for due, task in plan.milestones:
                if task not in given:
                    yield milestones_reported.hit(report.file, ("stage",), "missing", task=task, due=due)


VERDICT_FIGURES_DOC = (
    """Fails (合格 with most indicators unmet, no reason)::

    now: 2028-02-10
    awarded: yes
"""
    + MINI_FINAL
    + """
    --- submissions/2026/decisions.yaml
    -   final: {}
    +   final: {date: "2028-01-20", doc_number: 武科协〔2028〕3号, results: {wuhan-mechanical-engineering: {result: 合格}}}

Passes::

    now: 2028-02-10
    awarded: yes
"""
    + MINI_FINAL
    + """
    --- submissions/2026/decisions.yaml
    -   final: {}
    +   final: {date: "2028-01-20", doc_number: 武科协〔2028〕3号, results: {wuhan-mechanical-engineering: {result: 合格, reason: 年会因场馆原因顺延至次年一月举办，已签订场地合同}}}
"""
)


@rule(
    "PERF-003",
    ERROR,
    "四（四）",
    "总结验收结论与计算的完成情况不一致时写明理由",
    "A final verdict that contradicts the computed figures gives a reason",
    messages={
        "": Message(
            "“{society}”总结验收结论为合格，但加权完成率只有 {weighted}%，低于专项设定的 {threshold}%，且没有写明理由。",
            "{society} passed the final with a weighted completion of {weighted}% (below {threshold}%) and no reason.",
            "请在该学会的结论中写 reason，说明为何仍判定合格（依据实施方案一（三）3 注重实效）；或改为不合格。",
        ),
        "met": Message(
            "“{society}”总结验收结论为不合格，但考核指标全部完成（加权完成率 {weighted}%），且没有写明理由。",
            "{society} failed the final although every indicator was met ({weighted}%), with no reason.",
            "请在该学会的结论中写 reason（例如资金使用不规范、资金执行率过低），或核对结论。",
        ),
    },
    doc=VERDICT_FIGURES_DOC,
)
def verdict_figures(data: Dataset, ctx: Context) -> Iterator[Hit]:
    if data.programme is None:
        return
    threshold = data.programme.performance.pass_completion_percent
    for year in sorted(data.cycles):
        cycle = data.cycles[year]
        dec = cycle.decisions
        if dec is None:
            continue
        for slug in sorted(dec.final.results):
            result = dec.final.results[slug][0]
            figures = assessment_of(data, cycle, slug, "final")
            if figures is None or figures.weighted is None or slug in dec.final.reasons:
                continue
            path = ("inspections", "final", "results", slug, "result")
            if result == PASSED and figures.weighted < threshold:
                variant = ""
            elif result == FAILED and figures.all_met:
                variant = "met"
            else:
                continue
            yield verdict_figures.hit(
                dec.file, path, variant, society=slug, weighted=figures.weighted, threshold=threshold
            )


@rule(
    "PERF-004",
    WARNING,
    "四（四）",
    "检查结果通知写明文号",
    "An inspection's notice carries its document number",
    message=Message(
        "{year} 年度的{what}结果没有写通知文号（doc_number）。",
        "The {year} {stage} inspection has no document number.",
        "请在 inspections.{stage} 中写 doc_number，例如 武科协〔{year}〕15号；网站的检查结果通知会引用它。",
    ),
)
def inspection_doc_number(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a midterm recorded without its notice's number)::

        now: 2027-08-01
        awarded: yes
        --- submissions/2026/decisions.yaml
        -   midterm: {}                            # {date, results: {society: {result: 合格, note: …}}}
        +   midterm: {date: "2027-07-20", results: {wuhan-mechanical-engineering: {result: 合格, note: 按计划推进}}}

    Passes::

        now: 2027-08-01
        awarded: yes
        --- submissions/2026/decisions.yaml
        -   midterm: {}                            # {date, results: {society: {result: 合格, note: …}}}
        +   midterm: {date: "2027-07-20", doc_number: 武科协〔2027〕20号, results: {wuhan-mechanical-engineering: {result: 合格, note: 按计划推进}}}
    """
    for year in sorted(data.cycles):
        dec = data.cycles[year].decisions
        if dec is None:
            continue
        for stage, rnd in (("midterm", dec.midterm), ("final", dec.final)):
            if rnd.date is not None and rnd.results and not rnd.doc_number:
                path = ("inspections", stage, "date")
                yield inspection_doc_number.hit(dec.file, path, year=year, what=STAGE_ZH[stage], stage=stage)


@rule(
    "INSP-001",
    WARNING,
    "四（四）",
    "提醒：每个受表彰学会都要进行中期检查和总结验收",
    "Reminder: every awardee has a midterm check and a final acceptance",
    messages={
        "": Message(
            "“{society}”{year} 年度的{what}应在 {due} 前完成，目前还没有记录（到期前提醒）。",
            "{society}'s {stage} inspection of {year} is due by {due} and not recorded yet.",
            "请专项办公室安排{what}，并在 decisions.yaml 的 inspections.{stage}.results 中记录结论。",
        ),
        "late": Message(
            "“{society}”{year} 年度的{what}应在 {due} 前完成，已逾期，仍没有记录。",
            "{society}'s {stage} inspection of {year} was due by {due} and is not recorded.",
            "请尽快进行{what}并在 decisions.yaml 的 inspections.{stage}.results 中记录结论（四（四）要求每个受表彰学会都接受检查）。",
        ),
    },
)
def inspections_recorded(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (the midterm is overdue)::

        now: 2027-09-01
        awarded: yes

    Passes::

        now: 2027-09-01
        awarded: yes
        --- submissions/2026/decisions.yaml
        -   midterm: {}                            # {date, results: {society: {result: 合格, note: …}}}
        +   midterm: {date: "2027-07-20", doc_number: 武科协〔2027〕20号, results: {wuhan-mechanical-engineering: {result: 合格, note: 按计划推进}}}
    """
    for due in inspections_due(data, data.today(ctx.now)):
        dec = data.cycles[due.cycle].decisions
        assert dec is not None
        yield inspections_recorded.hit(
            dec.file,
            ("commendation", "awards", due.award_index, "society"),
            "late" if due.overdue else "",
            severity=WARNING if due.overdue else NOTICE,
            society=due.society,
            year=due.cycle,
            what=STAGE_ZH[due.stage],
            stage=due.stage,
            due=due.due,
        )


FINAL_FAILED = """
    --- submissions/programme.yaml
    -   ban_years: 3                      # 五（二）: fraud bars a society from applying for 3 years
    +   ban_years: 3                      # 五（二）: fraud bars a society from applying for 3 years
    + final_consequences:
    +   合格: {continued_support_cycles: 2}
    +   不合格: {ineligible_cycles: 1}
    --- submissions/2026/decisions.yaml
    -   final: {}
    +   final: {date: "2027-11-20", doc_number: 武科协〔2027〕40号, results: {wuhan-mechanical-engineering: {result: 不合格, note: 主要指标未完成}}}
    +++ submissions/2027/applications/wuhan-mechanical-engineering.yaml < submissions/2026/applications/wuhan-mechanical-engineering.yaml
    - cycle: 2026
    + cycle: 2027
"""


BARRED_AFTER_FINAL_DOC = (
    """Fails (an application the year after a failed final)::

    now: 2028-01-10
    awarded: yes
"""
    + FINAL_FAILED
    + """
Passes::

    now: 2028-01-10
    awarded: yes
"""
    + FINAL_FAILED.replace("result: 不合格", "result: 合格")
    + """
"""
)


@rule(
    "CONT-001",
    ERROR,
    "一（三）",
    "总结验收不合格的学会在专项规定的年度内不得申报",
    "A society whose final was 不合格 may not apply within the programme's window",
    message=Message(
        "“{society}”{source} 年度总结验收不合格（{doc}，{date}），依据实施方案一（三）3，{source_next}—{until} 年度不得申报。",
        "{society} failed its {source} final ({doc}); it may not apply until after {until}.",
        "本申报不予受理；{after} 年度起可再申报。",
    ),
    doc=BARRED_AFTER_FINAL_DOC,
)
def barred_after_final(data: Dataset, ctx: Context) -> Iterator[Hit]:
    today = data.today(ctx.now)
    for cycle, app in data.applications():
        found = consequence(data, app.society, cycle.year, today)
        if found is None or found.kind != "ineligible":
            continue
        yield barred_after_final.hit(
            app.file,
            ("society",),
            society=app.society,
            source=found.source_cycle,
            source_next=found.source_cycle + 1,
            doc=found.doc_number or "未写文号",
            date=found.final_date,
            until=found.until,
            after=found.until + 1,
        )


CONTINUED_SUPPORT_DOC = (
    """Fails (an application the year after a passed final)::

    now: 2028-01-10
    awarded: yes
"""
    + FINAL_FAILED.replace("result: 不合格", "result: 合格")
    + """
Passes::

    now: 2028-01-10
    awarded: yes
"""
)


@rule(
    "CONT-002",
    NOTICE,
    "一（三）",
    "总结验收合格的学会在专项规定的年度内列为持续支持",
    "A society that passed its final is marked for continued support",
    message=Message(
        "“{society}”{source} 年度总结验收合格（{doc}），依据实施方案一（三）2 稳定支持，至 {until} 年度列为持续支持。",
        "{society} passed its {source} final ({doc}): continued support until {until}.",
        "评审和表彰时可参考；持续支持不代替评审。",
    ),
    doc=CONTINUED_SUPPORT_DOC,
)
def continued_support(data: Dataset, ctx: Context) -> Iterator[Hit]:
    today = data.today(ctx.now)
    for cycle, app in data.applications():
        found = consequence(data, app.society, cycle.year, today)
        if found is None or found.kind != "continued":
            continue
        yield continued_support.hit(
            app.file,
            ("society",),
            society=app.society,
            source=found.source_cycle,
            doc=found.doc_number or "未写文号",
            until=found.until,
        )


@rule(
    "SHOW-001",
    ERROR,
    "五（四）",
    "典型经验只写在总结报告中，且不超过专项规定的字数",
    "The 典型经验 is written in the final report only, within the programme's length",
    messages={
        "": Message(
            "典型经验有 {length} 个字，超过专项设定的 {limit} 个字。",
            "The experience has {length} characters, over the limit of {limit}.",
            "请精简到 {limit} 字以内，写最值得推广的做法和成效。",
        ),
        "midterm": Message(
            "中期报告中写了典型经验（experience）。",
            "A midterm report carries an experience account.",
            "典型经验只在总结报告（.final.yaml）中填写；请从中期报告中删去。",
        ),
    },
)
def experience_size(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (experience in a midterm report)::

        now: 2027-08-01
        awarded: yes
        --- submissions/2026/reports/wuhan-mechanical-engineering.midterm.yaml
        - summary: 培训班已完成一期，标准征求意见稿已形成。
        + summary: 培训班已完成一期，标准征求意见稿已形成。
        + experience: 以标准研制带动会员培训。

    Passes::

        now: 2027-08-01
        awarded: yes
    """
    if data.programme is None:
        return
    limit = data.programme.performance.experience_max_chars
    for year in sorted(data.cycles):
        for (_slug, stage), report in sorted(data.cycles[year].reports.items()):
            if not report.experience:
                continue
            if stage != "final":
                yield experience_size.hit(report.file, ("experience",), "midterm")
            elif len(report.experience) > limit:
                length = len(report.experience)
                yield experience_size.hit(report.file, ("experience",), length=length, limit=limit)


EXPERIENCE_GIVEN_DOC = (
    """Fails (a final report without an experience account)::

    now: 2028-01-10
    awarded: yes
"""
    + MINI_FINAL
    + """
Passes::

    now: 2028-01-10
    awarded: yes
"""
    + MINI_FINAL
    + """    - summary: 培训班已完成一期，标准征求意见稿已形成。
    + summary: 培训班已完成一期，标准征求意见稿已形成。
    + experience: 以标准研制带动会员培训，培训内容随标准征求意见稿同步更新。
"""
)


@rule(
    "SHOW-002",
    NOTICE,
    "五（四）",
    "提醒：总结报告写明可供宣传推广的典型经验（总结验收不合格的除外）",
    "Reminder: a final report gives the society's experience for the showcase",
    message=Message(
        "总结报告没有写典型经验（experience）。",
        "The final report has no experience account.",
        "请在总结报告中加 experience:，用几段话写最值得推广的做法和成效（不超过 {limit} 字，不写个人联系方式）；"
        "网站的典型经验页面会展示它。",
    ),
    doc=EXPERIENCE_GIVEN_DOC,
)
def experience_given(data: Dataset, ctx: Context) -> Iterator[Hit]:
    if data.programme is None:
        return
    limit = data.programme.performance.experience_max_chars
    for year in sorted(data.cycles):
        dec = data.cycles[year].decisions
        for (slug, stage), report in sorted(data.cycles[year].reports.items()):
            failed = dec is not None and dec.final.results.get(slug, ("",))[0] == FAILED
            if stage == "final" and not report.experience and not failed:
                yield experience_given.hit(report.file, ("summary",), limit=limit)


RULES = (
    standard_indicators,
    milestones_reported,
    verdict_figures,
    inspection_doc_number,
    inspections_recorded,
    barred_after_final,
    continued_support,
    experience_size,
    experience_given,
)
