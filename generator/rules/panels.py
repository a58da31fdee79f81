"""Review panels, assignments and conflicts of interest, 四（二）、五（二）: panels whose members cover the fields
they need (PANEL), who scores which application within the call's limits (ASSIGN), and each expert's declared
conflicts, the office's recusals and waivers and the applicants' avoid requests (COI).

All of it is the committee repository's (``xuehui check --committee``): in a check of the shared tree alone
these rules find nothing to look at. A cycle without ``<cycle>/assignments.yaml`` is reviewed the old way
(every committee member scores every application; REV-005), and the ASSIGN rules leave it alone."""

from __future__ import annotations

from collections.abc import Iterator

from generator.conflicts import assigned_to, barred, category_panels, conflicts_of, panel_of, workload
from generator.model import Cycle, Dataset
from generator.rules.base import ERROR, WARNING, Context, Hit, Message, rule
from generator.scoring import conflicted, ranked_societies

CALL_LINE = "plan_due_days: 30                          # 实施阶段: fund-management plan due this many days after commendation"
REVIEW_BLOCK = f"""
        --- submissions/2026/call.yaml
        - {CALL_LINE}
        + review: {{min_scorers: 4, max_assignments_per_expert: 1, max_avoided_experts: 1}}
        + {CALL_LINE}"""
MECH = "wuhan-mechanical-engineering"
FOUR = "[expert-zhao, expert-qian, expert-li, expert-zhou]"


def _panels(fields: str = "[机械工程]", members: str = FOUR, panel_id: str = "engineering") -> str:
    return f"""
        +++ committee/2026/panels.yaml
        + schema_version: 1
        + cycle: 2026
        + panels:
        +   - {{id: {panel_id}, name: 工程技术类评审组, fields: {fields}, members: {members}}}"""


def _assignments(*entries: str) -> str:
    lines = "".join(f"\n        +   - {e}" for e in entries)
    return f"""
        +++ committee/2026/assignments.yaml
        + schema_version: 1
        + cycle: 2026
        + assignments:{lines}"""


def _mech(experts: str = FOUR, panel: str = "engineering") -> str:
    return f"{{society: {MECH}, panel: {panel}, experts: {experts}}}"


def _conflicts(*lines: str) -> str:
    body = "".join(f"\n        + {line}" for line in lines)
    return f"""
        +++ committee/2026/conflicts.yaml
        + schema_version: 1
        + cycle: 2026{body}"""


def _declaration(expert: str, *conflicts: str) -> str:
    listed = "".join(f"\n        +   - {c}" for c in conflicts) if conflicts else ""
    return f"""
        +++ committee/2026/declarations/{expert}.yaml
        + schema_version: 1
        + cycle: 2026
        + expert: {expert}
        + declared: "2026-11-07"
        + conflicts:{listed or " []"}"""


def _doc(intro: str, fails: str, passes: str) -> str:
    return f"""{intro}

    Fails::
{fails}

    Passes::
{passes}
    """


def _cycles(data: Dataset) -> Iterator[Cycle]:
    for year in sorted(data.cycles):
        yield data.cycles[year]


# ------------------------------------------------------------------------------------------ PANEL
@rule(
    "PANEL-001",
    ERROR,
    "四（二）",
    "评审组成员是专家库中的专家、本年度评审委员会成员；评审组编号不重复",
    "Panel members are in the pool and on the cycle's committee; panel ids are unique",
    messages={
        "pool": Message(
            "评审组“{panel}”的成员 {expert} 不在专家库（experts.yaml）中。",
            "Panel {panel}: {expert} is not in the expert pool.",
            "请核对专家编号，或由专项办公室先把这位专家登记到 experts.yaml。",
        ),
        "committee": Message(
            "评审组“{panel}”的成员 {expert} 不在 {year} 年度评审委员会名单（{year}/committee.yaml）中。",
            "Panel {panel}: {expert} is not on the {year} committee.",
            "评审组成员须是本年度评审委员会成员：请把这位专家加入 committee.yaml 的 members，或从评审组中删去。",
        ),
        "category": Message(
            "申报通知的申报类别“{category}”由评审组“{panel}”评审，但 {year}/panels.yaml 中没有这个评审组。",
            "The call's category {category} names panel {panel}, which panels.yaml lacks.",
            "请在 panels.yaml 中为每个申报类别建立申报通知所写的评审组（四（二）分类评审）。",
        ),
        "twice": Message(
            "评审组编号“{panel}”在 {year}/panels.yaml 中出现了不止一次。",
            "Panel id {panel} appears more than once.",
            "每个评审组一个编号；请合并或改名。",
        ),
    },
    doc=_doc(
        "A panel member who is not on the committee (expert-wu is not in the mini committee).",
        _panels(members="[expert-zhao, expert-wu]"),
        _panels(members="[expert-zhao]"),
    ),
)
def panel_members(data: Dataset, ctx: Context) -> Iterator[Hit]:
    pool = data.office.experts
    for cycle in _cycles(data):
        if cycle.panels is None:
            continue
        seen: set[str] = set()
        file = cycle.panels.file
        for panel in cycle.panels.panels:
            if panel.id in seen:
                yield panel_members.hit(
                    file, ("panels", panel.index, "id"), "twice", panel=panel.id, year=cycle.year
                )
            seen.add(panel.id)
            for j, expert in enumerate(panel.members):
                where = ("panels", panel.index, "members", j)
                if pool is not None and expert not in pool:
                    yield panel_members.hit(file, where, "pool", panel=panel.id, expert=expert)
                elif cycle.committee and expert not in cycle.committee:
                    yield panel_members.hit(
                        file, where, "committee", panel=panel.id, expert=expert, year=cycle.year
                    )
        known = {panel.id for panel in cycle.panels.panels}
        for category, panel_id in sorted(category_panels(cycle.call).items()):
            if panel_id not in known:
                yield panel_members.hit(
                    file, ("panels",), "category", category=category, panel=panel_id, year=cycle.year
                )


@rule(
    "PANEL-002",
    ERROR,
    "四（二）",
    "评审组需要的每个专业领域都有成员覆盖（专家库中的 field 或 other_fields）",
    "Every field a panel needs is covered by a member's field or other_fields",
    message=Message(
        "评审组“{panel}”需要“{field}”领域的专家，但没有成员的专业领域（experts.yaml 的 field 或 other_fields）是“{field}”。",
        "Panel {panel} needs the field {field}, which no member covers.",
        "请增加这一领域的专家为评审组成员，或在专家库中如实补充成员的 other_fields；实施方案要求由相关领域专家评审。",
    ),
    doc=_doc(
        "A needed field nobody on the panel covers.",
        _panels(fields="[机械工程, 临床医学]", members="[expert-zhao]"),
        _panels(fields="[机械工程]", members="[expert-zhao]"),
    ),
)
def panel_fields(data: Dataset, ctx: Context) -> Iterator[Hit]:
    pool = data.office.experts
    if pool is None:
        return
    for cycle in _cycles(data):
        if cycle.panels is None:
            continue
        for panel in cycle.panels.panels:
            covered = {f for e in panel.members if e in pool for f in pool[e].fields}
            for j, needed in enumerate(panel.fields):
                if needed not in covered:
                    yield panel_fields.hit(
                        cycle.panels.file, ("panels", panel.index, "fields", j), panel=panel.id, field=needed
                    )


# ------------------------------------------------------------------------------------------ ASSIGN
@rule(
    "ASSIGN-001",
    ERROR,
    "四（二）",
    "每条分配指向进入专家评审的申报和已有的评审组，评分专家是该评审组成员，每份申报只分配一次",
    "Each assignment names an application under review and a known panel whose members score it, once",
    messages={
        "panel": Message(
            "学会“{society}”的申报分配给了评审组“{panel}”，但 {year}/panels.yaml 中没有这个评审组。",
            "{society} is assigned to panel {panel}, which does not exist.",
            "请在 panels.yaml 中建立该评审组，或改为已有的评审组编号。",
        ),
        "member": Message(
            "专家 {expert} 不是评审组“{panel}”的成员，不能被分配评审学会“{society}”的申报。",
            "{expert} is not a member of panel {panel}.",
            "请先把这位专家加入评审组（panels.yaml），或改为分配该组成员。",
        ),
        "society": Message(
            "学会“{society}”在 {year} 年度没有进入专家评审的申报，不需要分配评分专家。",
            "{society} has no application under review in {year}.",
            "请核对学会代号；只为通过形式审查的申报分配专家。",
        ),
        "category": Message(
            "学会“{society}”属于由评审组“{expected}”评审的申报类别，却分配给了评审组“{panel}”。",
            "{society} belongs to panel {expected}'s category but is assigned to {panel}.",
            "请改为该学会所属类别的评审组（见申报通知 categories 和学会档案的 category）。",
        ),
        "twice": Message(
            "学会“{society}”的申报在 {year}/assignments.yaml 中分配了不止一次。",
            "{society} is assigned more than once.",
            "每份申报只写一条分配，把评分专家合并到一条中。",
        ),
    },
    doc=_doc(
        "An assigned expert who is not on the panel.",
        _panels(members="[expert-zhao, expert-qian, expert-li]") + _assignments(_mech()),
        _panels() + _assignments(_mech()),
    ),
)
def assignment_targets(data: Dataset, ctx: Context) -> Iterator[Hit]:
    for cycle in _cycles(data):
        if cycle.assignments is None:
            continue
        reviewed = set(ranked_societies(cycle))
        seen: set[str] = set()
        file, year = cycle.assignments.file, cycle.year
        for a in cycle.assignments.assignments:
            where = ("assignments", a.index)
            if a.society in seen:
                yield assignment_targets.hit(file, (*where, "society"), "twice", society=a.society, year=year)
            seen.add(a.society)
            if data.has_society(a.society) and a.society not in reviewed:
                yield assignment_targets.hit(
                    file, (*where, "society"), "society", society=a.society, year=year
                )
            expected = panel_of(data, cycle, a.society)
            if expected is not None and expected != a.panel:
                yield assignment_targets.hit(
                    file, (*where, "panel"), "category", society=a.society, panel=a.panel, expected=expected
                )
            panel = cycle.panels.get(a.panel) if cycle.panels is not None else None
            if panel is None:
                yield assignment_targets.hit(
                    file, (*where, "panel"), "panel", society=a.society, panel=a.panel, year=year
                )
                continue
            for j, expert in enumerate(a.experts):
                if expert not in panel.members:
                    yield assignment_targets.hit(
                        file,
                        (*where, "experts", j),
                        "member",
                        expert=expert,
                        panel=a.panel,
                        society=a.society,
                    )


@rule(
    "ASSIGN-002",
    ERROR,
    "五（二）",
    "每位专家的分配数不超过申报通知的 review.max_assignments_per_expert",
    "No expert is assigned more applications than the call's review.max_assignments_per_expert",
    message=Message(
        "专家 {expert} 在 {year} 年度被分配了 {count} 份申报，超过申报通知规定的每人最多 {limit} 份。",
        "{expert} is assigned {count} applications; the call allows {limit}.",
        "请把部分申报改分配给同一评审组的其他成员（review.max_assignments_per_expert 见 {year} 年度申报通知）。",
    ),
    doc=_doc(
        "Two assignments for one expert where the call allows one.",
        REVIEW_BLOCK
        + _panels()
        + _assignments(_mech(), "{society: wuhan-materials, panel: engineering, experts: [expert-zhao]}"),
        REVIEW_BLOCK + _panels() + _assignments(_mech()),
    ),
)
def workload_limit(data: Dataset, ctx: Context) -> Iterator[Hit]:
    for cycle in _cycles(data):
        settings = cycle.call.review if cycle.call is not None else None
        if cycle.assignments is None or settings is None or settings.max_assignments_per_expert is None:
            continue
        limit = settings.max_assignments_per_expert
        counts = workload(cycle)
        reported: set[str] = set()
        for a in cycle.assignments.assignments:
            for j, expert in enumerate(a.experts):
                if counts[expert] > limit and expert not in reported:
                    reported.add(expert)
                    yield workload_limit.hit(
                        cycle.assignments.file,
                        ("assignments", a.index, "experts", j),
                        expert=expert,
                        count=counts[expert],
                        limit=limit,
                        year=cycle.year,
                    )


@rule(
    "ASSIGN-003",
    ERROR,
    "四（二）",
    "每份进入专家评审的申报至少分配给申报通知 review.min_scorers 名无利益冲突的专家",
    "Every application under review has at least the call's review.min_scorers non-conflicted assigned scorers",
    messages={
        "": Message(
            "学会“{society}”的申报只分配了 {clear} 名无利益冲突的评分专家，少于申报通知规定的 {minimum} 名{barred_note}。",
            "{society} has {clear} non-conflicted scorers; the call asks for {minimum}.",
            "请在 {year}/assignments.yaml 中为它增加同一评审组中无利益冲突的专家。",
        ),
        "no_file": Message(
            "{year} 年度申报通知规定了评审组织要求（review），但评审委员会仓库中没有 {year}/assignments.yaml（评审分配）。",
            "{year}: the call sets review requirements but there is no assignments file.",
            "请专项办公室建立 {year}/panels.yaml 和 {year}/assignments.yaml（见 site/docs/guides/office.md）。",
        ),
    },
    doc=_doc(
        "Three clear scorers where the call asks for four.",
        REVIEW_BLOCK.replace("max_assignments_per_expert: 1", "max_assignments_per_expert: 2").replace(
            "min_scorers: 4", "min_scorers: 5"
        )
        + _panels()
        + _assignments(_mech()),
        REVIEW_BLOCK + _panels() + _assignments(_mech()),
    ),
)
def enough_scorers(data: Dataset, ctx: Context) -> Iterator[Hit]:
    if not data.committee_loaded:
        return
    for cycle in _cycles(data):
        settings = cycle.call.review if cycle.call is not None else None
        if settings is None or settings.min_scorers is None:
            continue
        if cycle.assignments is None:
            if cycle.reviews and cycle.committee_file is not None:
                yield enough_scorers.hit(
                    cycle.committee_file, (), "no_file", severity=WARNING, year=cycle.year
                )
            continue
        for society in ranked_societies(cycle):
            a = cycle.assignments.of(society)
            experts = a.experts if a is not None else ()
            clear = [e for e in experts if society not in barred(data, cycle, e)]
            if len(clear) < settings.min_scorers:
                where = ("assignments", a.index, "experts") if a is not None else ("assignments",)
                note = (
                    f"（另有 {len(experts) - len(clear)} 名因利益冲突不计）"
                    if len(clear) < len(experts)
                    else ""
                )
                yield enough_scorers.hit(
                    cycle.assignments.file,
                    where,
                    society=society,
                    clear=len(clear),
                    minimum=settings.min_scorers,
                    barred_note=note,
                    year=cycle.year,
                )


@rule(
    "ASSIGN-004",
    ERROR,
    "四（二）",
    "专家只为分配给自己的申报评分",
    "An expert scores only the applications assigned to them",
    message=Message(
        "专家 {expert} 为学会“{society}”评了分，但 {year}/assignments.yaml 没有把这份申报分配给他（她）。",
        "{expert} scored {society}, which is not assigned to them.",
        "请删除这一条评分；如确需由这位专家评审，请专项办公室先修改评审分配。",
    ),
    doc=_doc(
        "expert-zhou scores the application but is not assigned to it.",
        _panels() + _assignments(_mech("[expert-zhao, expert-qian, expert-li]")),
        _panels() + _assignments(_mech()),
    ),
)
def scores_assigned(data: Dataset, ctx: Context) -> Iterator[Hit]:
    for cycle in _cycles(data):
        for expert in sorted(cycle.reviews):
            mine = assigned_to(cycle, expert)
            if mine is None:
                break
            review = cycle.reviews[expert]
            for score in review.scores:
                if score.society not in mine:
                    yield scores_assigned.hit(
                        review.file,
                        ("scores", score.index, "society"),
                        expert=expert,
                        society=score.society,
                        year=cycle.year,
                    )


# ------------------------------------------------------------------------------------------ COI
@rule(
    "COI-001",
    ERROR,
    "五（二）",
    "专家不为本人声明有利益冲突、申报学会请求回避（未豁免）或专项办公室决定回避的申报评分",
    "An expert does not score an application barred by their declaration, the applicant's request or a recusal",
    message=Message(
        "专家 {expert} 与学会“{society}”有利益冲突（{why}），不得为其评分。",
        "{expert} has a conflict with {society} ({source}) and may not score it.",
        "请删除这一条评分；评审委员会按其余专家的评分计算。如认为关系不妨碍评分，由专项办公室在 conflicts.yaml 中记录豁免及理由（只能豁免会员、合作者关系和回避请求）。",
    ),
    doc=_doc(
        "expert-zhou declares the applicant as their employer and still scores it.",
        _declaration("expert-zhou", f"{{society: {MECH}, relationship: employer}}"),
        _declaration("expert-zhou", f"{{society: {MECH}, relationship: collaborator}}")
        + _conflicts(
            "waivers:",
            f'  - {{expert: expert-zhou, society: {MECH}, reason: 合作为市科协组织的联合调研, decided: "2026-11-08"}}',
        ),
    ),
)
def conflicted_score(data: Dataset, ctx: Context) -> Iterator[Hit]:
    for cycle in _cycles(data):
        for expert in sorted(cycle.reviews):
            review = cycle.reviews[expert]
            blocked = barred(data, cycle, expert)
            reported = conflicted(data, expert, review.conflicts)  # REV-001 reports these
            for score in review.scores:
                found = blocked.get(score.society)
                if found is None or score.society in reported:
                    continue
                yield conflicted_score.hit(
                    review.file,
                    ("scores", score.index, "society"),
                    expert=expert,
                    society=score.society,
                    why=found.zh,
                    source=found.source,
                )


@rule(
    "COI-002",
    WARNING,
    "五（二）",
    "每位被分配评审的专家提交本年度的利益冲突声明（没有冲突也要声明），声明中的专家编号与文件名一致",
    "Every assigned expert files this cycle's conflict declaration, under their own id",
    messages={
        "": Message(
            "专家 {expert} 被分配了 {year} 年度的评审，但还没有提交利益冲突声明（{year}/declarations/{expert}.yaml）。",
            "{expert} is assigned but has no {year} declaration.",
            "请专家本人提交声明：与申报学会有关系的逐项写明关系类型，没有写 conflicts: []（见 site/docs/guides/experts.md）。",
        ),
        "name": Message(
            "声明文件名是 {slug}，但其中的 expert 写的是 {expert}。",
            "The declaration of {slug} names {expert}.",
            "expert 须与文件名相同：每位专家只在本人的声明文件中声明。",
        ),
    },
    doc=_doc(
        "Assigned experts without declarations.",
        _panels() + _assignments(_mech()),
        _panels()
        + _assignments(_mech())
        + _declaration("expert-zhao")
        + _declaration("expert-qian")
        + _declaration("expert-li")
        + _declaration("expert-zhou"),
    ),
)
def declaration_filed(data: Dataset, ctx: Context) -> Iterator[Hit]:
    for cycle in _cycles(data):
        for slug, declaration in sorted(cycle.declarations.items()):
            if declaration.expert != slug:
                yield declaration_filed.hit(
                    declaration.file,
                    ("expert",),
                    "name",
                    severity=ERROR,
                    slug=slug,
                    expert=declaration.expert,
                )
        if cycle.assignments is None:
            continue
        reported: set[str] = set()
        for a in cycle.assignments.assignments:
            for j, expert in enumerate(a.experts):
                if expert not in cycle.declarations and expert not in reported:
                    reported.add(expert)
                    yield declaration_filed.hit(
                        cycle.assignments.file,
                        ("assignments", a.index, "experts", j),
                        expert=expert,
                        year=cycle.year,
                    )


@rule(
    "COI-003",
    ERROR,
    "五（二）",
    "申报学会请求回避的专家不超过申报通知 review.max_avoided_experts 名，录入的是专家库中的专家",
    "An applicant's avoid request names at most review.max_avoided_experts experts, those recorded in the pool",
    messages={
        "": Message(
            "学会“{society}”请求回避 {named} 名专家，超过申报通知规定的最多 {limit} 名。",
            "{society} asks to avoid {named} experts; the call allows {limit}.",
            "请专项办公室与该学会核对，只录入其指定的不超过 {limit} 名专家（其余请求不予采纳）。",
        ),
        "unknown": Message(
            "学会“{society}”的回避请求中录入的 {expert} 不在专家库中。",
            "{expert} in the avoid request of {society} is not in the pool.",
            "不在专家库中的人只计入 others（人数），不录入编号或姓名。",
        ),
    },
    doc=_doc(
        "Two experts named where the call allows one.",
        REVIEW_BLOCK
        + _conflicts(
            "avoid_requests:",
            f'  - {{society: {MECH}, received: "2026-10-30", experts: [expert-sun], others: 1}}',
        ),
        REVIEW_BLOCK
        + _conflicts(
            "avoid_requests:", f'  - {{society: {MECH}, received: "2026-10-30", experts: [expert-sun]}}'
        ),
    ),
)
def avoid_requests(data: Dataset, ctx: Context) -> Iterator[Hit]:
    pool = data.office.experts
    for cycle in _cycles(data):
        records = cycle.conflict_records
        if records is None:
            continue
        settings = cycle.call.review if cycle.call is not None else None
        limit = settings.max_avoided_experts if settings is not None else None
        for request in records.avoid_requests:
            where = ("avoid_requests", request.index)
            if limit is not None and request.named > limit:
                yield avoid_requests.hit(
                    records.file,
                    (*where, "experts"),
                    society=request.society,
                    named=request.named,
                    limit=limit,
                )
            for j, expert in enumerate(request.experts):
                if pool is not None and expert not in pool:
                    yield avoid_requests.hit(
                        records.file,
                        (*where, "experts", j),
                        "unknown",
                        society=request.society,
                        expert=expert,
                    )


@rule(
    "COI-004",
    ERROR,
    "五（二）",
    "专项办公室只豁免可豁免的利益冲突（会员、合作者关系和回避请求）",
    "The office waives only waivable conflicts (member, collaborator, avoid requests)",
    messages={
        "": Message(
            "豁免无效：专家 {expert} 与学会“{society}”的利益冲突（{why}）不可豁免。",
            "The waiver of {expert} for {society} lifts a conflict that cannot be waived ({source}).",
            "工作单位、任职、业务主管或挂靠单位、近亲属关系、专家库所属学会和办公室回避决定不能豁免：请删除这条豁免，另行分配专家。",
        ),
        "nothing": Message(
            "专家 {expert} 与学会“{society}”没有记录在案的利益冲突，这条豁免没有对象。",
            "The waiver of {expert} for {society} lifts nothing.",
            "请核对专家编号和学会代号，或删除这条豁免。",
        ),
    },
    doc=_doc(
        "A waiver of a pool affiliation (expert-sun belongs to the applicant).",
        _conflicts(
            "waivers:",
            f'  - {{expert: expert-sun, society: {MECH}, reason: 已卸任理事两年, decided: "2026-11-08"}}',
        ),
        _declaration("expert-zhou", f"{{society: {MECH}, relationship: collaborator}}")
        + _conflicts(
            "waivers:",
            f'  - {{expert: expert-zhou, society: {MECH}, reason: 合作为联合调研不涉利益, decided: "2026-11-08"}}',
        ),
    ),
)
def waivers_valid(data: Dataset, ctx: Context) -> Iterator[Hit]:
    for cycle in _cycles(data):
        records = cycle.conflict_records
        if records is None:
            continue
        for waiver in records.waivers:
            mine = [c for c in conflicts_of(data, cycle, waiver.expert) if c.society == waiver.society]
            where = ("waivers", waiver.index)
            if not mine:
                yield waivers_valid.hit(
                    records.file,
                    where,
                    "nothing",
                    severity=WARNING,
                    expert=waiver.expert,
                    society=waiver.society,
                )
                continue
            fixed = next((c for c in mine if not c.waivable), None)
            if fixed is not None and not any(c.waivable for c in mine):
                yield waivers_valid.hit(
                    records.file,
                    where,
                    expert=waiver.expert,
                    society=waiver.society,
                    why=fixed.zh,
                    source=fixed.source,
                )


@rule(
    "COI-005",
    ERROR,
    "五（二）",
    "不把申报分配给与之有利益冲突（未豁免）的专家",
    "No application is assigned to an expert with an unwaived conflict with it",
    message=Message(
        "学会“{society}”的申报分配给了专家 {expert}，但二者有利益冲突（{why}）。",
        "{society} is assigned to {expert}, who has a conflict with it.",
        "请从这条分配中删去这位专家，改由同一评审组中无利益冲突的成员评审。",
    ),
    doc=_doc(
        "expert-sun (who belongs to the applicant in the pool) is assigned to it.",
        _panels(members="[expert-zhao, expert-qian, expert-sun, expert-li, expert-zhou]")
        + _assignments(_mech("[expert-zhao, expert-qian, expert-sun, expert-li, expert-zhou]")),
        _panels(members="[expert-zhao, expert-qian, expert-sun, expert-li, expert-zhou]")
        + _assignments(_mech()),
    ),
)
def conflicted_assignment(data: Dataset, ctx: Context) -> Iterator[Hit]:
    for cycle in _cycles(data):
        if cycle.assignments is None:
            continue
        for a in cycle.assignments.assignments:
            for j, expert in enumerate(a.experts):
                found = barred(data, cycle, expert).get(a.society)
                if found is not None:
                    yield conflicted_assignment.hit(
                        cycle.assignments.file,
                        ("assignments", a.index, "experts", j),
                        society=a.society,
                        expert=expert,
                        why=found.zh,
                    )


RULES = (
    panel_members,
    panel_fields,
    assignment_targets,
    workload_limit,
    enough_scorers,
    scores_assigned,
    conflicted_score,
    declaration_filed,
    avoid_requests,
    waivers_valid,
    conflicted_assignment,
)
