"""The public projection: typed ``Public*`` objects holding only fields the schemas mark ``"x-public": true``.

Site templates receive only these objects (never the model or raw data), so a field that is private in the
schemas cannot reach a page by accident. ``SOURCES`` names, for every field, the schema property it comes
from (each kind declares its projection: ``KindSpec.public``); a test checks each one is public. Fields not listed there are computed here (stages, windows, totals).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property

from generator.decision import decision_sentences
from generator.disclosure import CycleDisclosure, disclose
from generator.funding import STATES, cycle_funding
from generator.kinds import SHARED, classify, spec_of
from generator.lifecycle import RECONSIDERATION_STATES, STAGES, current_cycle, cycle_status
from generator.model import AREAS, Achievement, Call, Cycle, Dataset, Decisions, InspectionRound, Substitution
from generator.performance import PerformanceView
from generator.performance import view as performance_view

# (schema kind, property path) for every field copied from the data, by class and field name: what each
# kind declares (``KindSpec.public``).
SOURCES: dict[str, dict[str, tuple[str, str]]] = {
    projection.cls: {name: (spec.name, prop) for name, prop in projection.fields.items()}
    for spec in SHARED
    for projection in spec.public
}

SANCTION_KIND_ZH = {"fraud": "弄虚作假、虚报业绩", "violation": "违纪违法", "criticism": "通报批评或处罚"}
OBJECTION_STATUS_ZH = {"pending": "处理中", "upheld": "异议成立", "dismissed": "异议不成立"}


@dataclass(frozen=True, slots=True)
class PublicProgramme:
    name: str
    organiser: str
    office_name: str
    office_email: str
    office_phone: str
    office_address: str
    site_title: str
    site_url: str
    objection_form: str
    areas: tuple[tuple[str, str], ...]
    categories: tuple[tuple[str, str, str], ...]  # (key, title, area)
    forbidden: tuple[tuple[str, str], ...]
    ban_years: int


@dataclass(frozen=True, slots=True)
class PublicSociety:
    slug: str
    name: str
    short_name: str | None
    credit_code: str
    founded: int | None
    supervisor: str
    website: str | None
    discipline: str | None
    introduction: str | None
    council_elected: date | None
    category: str | None = None  # 分类实施: the category id the calls define


@dataclass(frozen=True, slots=True)
class PublicTier:
    tier: str
    count: int
    amount: Decimal


@dataclass(frozen=True, slots=True)
class PublicCall:
    cycle: int
    title: str
    doc_number: str
    issuer: str | None
    published: date
    deadline: datetime
    awards: tuple[PublicTier, ...]
    max_points: tuple[tuple[str, int], ...]
    publicity_days: int
    publicity_day_kind: str
    plan_due_days: int
    body: str
    period_start: date | None
    period_end: date | None
    categories: tuple[PublicCategory, ...] = ()  # 分类实施 一（三）1
    rubric: tuple[PublicRubricArea, ...] = ()  # 评分细则
    aggregation: str = ""  # the stated aggregation rule, in words

    def category_name(self, cid: str | None) -> str:
        """A category's name for a society's ``category`` (``""`` when the call does not define it)."""
        return next((c.name for c in self.categories if c.id == cid), "")


@dataclass(frozen=True, slots=True)
class PublicCategory:
    id: str
    name: str
    quotas: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class PublicRubricItem:
    name: str
    max: Decimal
    anchors: tuple[tuple[str, str], ...]  # (高|中|低, description)


@dataclass(frozen=True, slots=True)
class PublicRubricArea:
    title: str
    max: int
    items: tuple[PublicRubricItem, ...]


ANCHOR_ZH = {"high": "高", "middle": "中", "low": "低"}


def _aggregation_zh(call: Call) -> str:
    agg = call.aggregation
    if agg is None:
        return ""
    if agg.method == "mean" or agg.trim == 0:
        return "各位专家总分的算术平均，对每份申报一律适用。"
    return (
        f"每份申报一律去掉 {agg.trim} 个最高和 {agg.trim} 个最低的专家总分，其余取平均"
        f"（评分专家至少 {2 * agg.trim + 1} 人），与回避人数无关；各方面平均分按同样保留的专家计算，合计等于总分。"
    )


def _public_rubric(call: Call, areas: dict[str, str]) -> tuple[PublicRubricArea, ...]:
    return tuple(
        PublicRubricArea(
            areas.get(area, area),
            call.max_points.get(area, 0),
            tuple(
                PublicRubricItem(i.name, i.max, tuple((ANCHOR_ZH.get(k, k), v) for k, v in i.anchors))
                for i in call.rubric[area]
            ),
        )
        for area in AREAS
        if area in call.rubric
    )


def _public_call(call: Call, data: Dataset) -> PublicCall:
    """The call as the site shows it: its public fields, categories, rubric and aggregation rule in words."""
    return PublicCall(
        cycle=call.cycle,
        title=call.title,
        doc_number=call.doc_number,
        issuer=call.issuer,
        published=call.published,
        deadline=call.deadline,
        awards=tuple(PublicTier(t.tier, t.count, t.amount) for t in call.awards),
        max_points=tuple(call.max_points.items()),
        publicity_days=call.publicity_days,
        publicity_day_kind=call.publicity_day_kind,
        plan_due_days=call.plan_due_days,
        body=call.body,
        period_start=call.period_start,
        period_end=call.period_end,
        categories=tuple(PublicCategory(c.id, c.name, c.quotas) for c in call.categories),
        rubric=_public_rubric(call, data.programme.areas if data.programme else {}),
        aggregation=_aggregation_zh(call),
    )


@dataclass(frozen=True, slots=True)
class PublicLine:
    category: str
    category_title: str
    area_title: str
    item: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class PublicAchievement:
    area_title: str
    title: str
    date: date | None
    description: str
    evidence: tuple[str, ...] = ()  # the public web pages the society names as evidence (https)
    area: str = ""  # the area's key, to group claims by area


@dataclass(frozen=True, slots=True)
class PublicApplication:
    society: str
    name: str
    requested_total: Decimal
    board_body: str
    board_date: date
    approach: str
    focus: tuple[str, ...]
    budget: tuple[PublicLine, ...]
    achievements: tuple[PublicAchievement, ...]
    stage: str
    stage_zh: str


@dataclass(frozen=True, slots=True)
class PublicObjection:
    id: str
    received: date
    society: str
    summary: str
    status: str
    status_zh: str
    resolved: date | None
    outcome: str | None


@dataclass(frozen=True, slots=True)
class PublicInspection:
    society: str
    result: str
    note: str


@dataclass(frozen=True, slots=True)
class PublicDecisions:
    formal_review_date: date | None
    formal_results: tuple[tuple[str, bool, str | None], ...]
    expert_review_date: date | None
    proposed: tuple[tuple[str, str], ...]  # (society, tier) in list order
    publicity_start: date | None
    publicity_channels: tuple[str, ...]
    publicity_doc_number: str | None
    publicity_title: str | None
    objections: tuple[PublicObjection, ...]
    commendation_date: date | None
    commendation_doc_number: str | None
    awards: tuple[tuple[str, str, Decimal], ...]  # (society, tier, amount)
    midterm: tuple[date | None, tuple[PublicInspection, ...]]
    final: tuple[date | None, tuple[PublicInspection, ...]]
    midterm_doc_number: str | None = None  # the inspection notices' document numbers
    final_doc_number: str | None = None
    supplements: tuple[PublicSupplement, ...] = ()  # 补正 at formal review
    reconsiderations: tuple[PublicReconsideration, ...] = ()  # 复核
    substitutions: tuple[PublicSubstitution, ...] = ()  # 递补, each with its own publicity
    left_out: tuple[tuple[str, str], ...] = ()  # (society, reason): proposed, not commended
    committee_words: tuple[str, ...] = ()  # the committee's decision in words, once the list is publicised


@dataclass(frozen=True, slots=True)
class PublicSupplement:
    society: str
    requested: date
    items: tuple[str, ...]
    due: date
    received: date | None  # known by today
    state_zh: str  # computed: 补正中 / 已补正 / 逾期补正 / 未补正


@dataclass(frozen=True, slots=True)
class PublicReconsideration:
    id: str
    society: str
    concerning: str  # formal_review | an objection id
    received: date
    status: str  # as known by today
    status_zh: str
    resolved: date | None
    outcome: str | None


@dataclass(frozen=True, slots=True)
class PublicSubstitution:
    society: str
    tier: str
    replaces: str
    decided: date
    reason: str
    publicity_start: date | None
    publicity_end: date | None  # computed from the call's days
    publicity_label: str  # computed: 待公示 / 公示中（剩余N天）/ 公示期满 / 已表彰
    publicity_doc_number: str | None
    publicity_title: str | None
    publicity_channels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PublicPlan:
    society: str
    filed: date
    management_rules: str
    approach: str
    focus: tuple[str, ...]
    milestones: tuple[tuple[date, str], ...]
    indicators: tuple[tuple[str, str, Decimal], ...]  # (name, unit, target)


@dataclass(frozen=True, slots=True)
class PublicReport:
    society: str
    stage: str
    as_of: date
    indicators: tuple[tuple[str, Decimal], ...]
    summary: str


@dataclass(frozen=True, slots=True)
class PublicSanction:
    id: str
    society: str
    decided: date
    kind: str
    kind_zh: str
    cycle: int | None
    summary: str
    revoke_award: bool
    reclaim_amount: Decimal
    bans_applications: bool
    ban_until: date | None
    doc_number: str | None
    repayment_due: date | None = None  # 五（二）: when the reclaimed money is due back
    repaid: Decimal = Decimal(0)  # computed: returned by the site's day


@dataclass(frozen=True, slots=True)
class PublicCorrection:
    """An office correction of a closed or frozen file (``office/corrections.yaml``), shown once dated."""

    id: str
    date: date
    cycle: int
    path: str
    reason: str
    record: str | None
    what: str  # computed: which material, in Chinese (学会名称的申报书 …)


@dataclass(frozen=True, slots=True)
class PublicPublicity:
    start: date | None
    end: date | None
    state: str  # not_started | open | ended | commended
    label: str  # 待公示 / 公示中（剩余N天）/ 公示期满 / 已表彰
    days_left: int | None
    error: str | None


@dataclass(frozen=True, slots=True)
class PublicCycle:
    year: int
    call: PublicCall | None
    applications: tuple[PublicApplication, ...]
    decisions: PublicDecisions | None
    plans: tuple[PublicPlan, ...]
    reports: tuple[PublicReport, ...]
    publicity: PublicPublicity
    disclosure: CycleDisclosure
    timeline: tuple[tuple[str, date | None, str], ...]  # (label, date, done|current|todo)
    corrections: tuple[PublicCorrection, ...] = ()  # newest first
    money: PublicMoney | None = None  # payments, funding decisions, each award's support (generator.funding)


@dataclass(frozen=True)
class PublicSite:
    now: datetime
    today: date
    timezone: str  # the programme's zone: every time on the site is shown in it (computed, not a page value)
    programme: PublicProgramme
    societies: tuple[PublicSociety, ...]
    cycles: tuple[PublicCycle, ...]
    sanctions: tuple[PublicSanction, ...]
    current: int | None
    performance: PerformanceView | None = None  # 绩效考核、持续支持、示范学会 (generator.performance)

    @cached_property
    def _by_slug(self) -> dict[str, PublicSociety]:
        return {s.slug: s for s in self.societies}

    def society(self, slug: str) -> PublicSociety | None:
        return self._by_slug.get(slug)

    def name_of(self, slug: str) -> str:
        found = self.society(slug)
        return found.name if found else slug


def _programme(data: Dataset) -> PublicProgramme:
    p = data.programme
    assert p is not None
    return PublicProgramme(
        name=p.name,
        organiser=p.organiser,
        office_name=p.office_name,
        office_email=p.office_email,
        office_phone=p.office_phone,
        office_address=p.office_address,
        site_title=p.site_title,
        site_url=p.site_url,
        objection_form=p.objection_form,
        areas=tuple((k, p.areas[k]) for k in AREAS if k in p.areas),
        categories=tuple((c.key, c.title, c.area) for c in p.categories.values()),
        forbidden=tuple(p.forbidden.items()),
        ban_years=p.eligibility.ban_years,
    )


def publicity_label(state: str, days_left: int | None, commended: bool) -> tuple[str, str]:
    if commended:
        return "commended", "已表彰"
    if state == "open":
        return state, f"公示中（剩余{days_left}天）"
    return state, {"not_started": "待公示", "ended": "公示期满"}[state]


def project(data: Dataset, now: datetime) -> PublicSite:
    """The whole public site's data as of ``now`` (records dated later are not shown yet)."""
    programme = data.programme
    assert programme is not None, "the build refuses a tree without a valid programme.yaml"
    tz = programme.timezone
    today = data.today(now)
    categories = programme.categories
    areas = programme.areas

    def cat_title(key: str) -> str:
        if key in categories:
            return categories[key].title
        return programme.forbidden.get(key, key)

    def area_title(key: str) -> str:
        return areas.get(categories[key].area, "") if key in categories else ""

    societies = tuple(
        PublicSociety(
            s.slug,
            s.name,
            s.short_name,
            s.credit_code,
            s.founded,
            s.supervisor,
            s.website,
            s.discipline,
            s.introduction,
            s.council_elected,
            s.category,
        )
        for _, s in sorted(data.societies.items())
    )
    names = {s.slug: s.name for s in societies}
    cycles: list[PublicCycle] = []
    for year in sorted(data.cycles):
        cycle = data.cycles[year]
        if cycle.call is None or cycle.call.published > today:
            continue
        call = cycle.call
        status = cycle_status(data, year, now)
        stages = dict(status.applications)
        apps = tuple(
            PublicApplication(
                society=a.society,
                name=names.get(a.society, a.society),
                requested_total=a.requested_total,
                board_body=a.board_body,
                board_date=a.board_date,
                approach=a.plan_approach,
                focus=a.plan_focus,
                budget=tuple(
                    PublicLine(
                        line.category,
                        cat_title(line.category),
                        area_title(line.category),
                        line.item,
                        line.amount,
                    )
                    for line in a.budget
                ),
                achievements=tuple(_achievement(x, areas) for x in a.achievements),
                stage=stages.get(a.society, "submitted"),
                stage_zh=STAGES[stages.get(a.society, "submitted")],
            )
            for _, a in sorted(cycle.applications.items())
        )
        dec = cycle.decisions
        public_dec = (
            _with_steps(_decisions(dec, today, decision_sentences(cycle, names)), cycle, today)
            if dec is not None
            else None
        )
        p = status.publicity
        commended = public_dec is not None and public_dec.commendation_date is not None
        state, label = publicity_label(p.state, p.days_left, commended)
        publicity = PublicPublicity(p.start, p.end, state, label, p.days_left, p.error)
        plans = tuple(
            PublicPlan(
                pl.society,
                pl.filed,
                pl.management_rules,
                pl.approach,
                pl.focus,
                pl.milestones,
                tuple((i.name, i.unit, i.target) for i in pl.indicators),
            )
            for _, pl in sorted(cycle.plans.items())
            if pl.filed <= today
        )
        reports = tuple(
            PublicReport(r.society, r.stage, r.as_of, r.indicators, r.summary)
            for _, r in sorted(cycle.reports.items())
            if r.as_of <= today
        )
        cycles.append(
            PublicCycle(
                year=year,
                call=_public_call(call, data),
                applications=apps,
                decisions=public_dec,
                plans=plans,
                reports=reports,
                publicity=publicity,
                disclosure=disclose(data, year, today),
                timeline=_timeline(call, public_dec, publicity, today, tz),
                corrections=_corrections(data, year, today, names),
                money=public_money(data, year, today),
            )
        )
    sanctions = _sanctions(data, today, programme.eligibility.ban_years)
    return PublicSite(
        now=now,
        today=today,
        timezone=data.timezone,
        programme=_programme(data),
        societies=societies,
        cycles=tuple(cycles),
        sanctions=sanctions,
        current=current_cycle(data, today),
        performance=performance_view(data, today),
    )


def _sanctions(data: Dataset, today: date, ban_years: int) -> tuple[PublicSanction, ...]:
    """The sanctions decided by ``today``, oldest first, with what was repaid by then."""
    from generator.clock import add_years

    return tuple(
        PublicSanction(
            s.id,
            s.society,
            s.decided,
            s.kind,
            SANCTION_KIND_ZH.get(s.kind, s.kind),
            s.cycle,
            s.summary,
            s.revoke_award,
            s.reclaim_amount,
            s.bans_applications,
            add_years(s.decided, ban_years) if s.bans_applications else None,
            s.doc_number,
            s.repayment_due,
            sum((r.amount for r in s.repayments if r.date <= today), Decimal(0)),
        )
        for s in sorted(data.office.sanctions or (), key=lambda s: (s.decided, s.id))
        if s.decided <= today
    )


def _corrections(
    data: Dataset, year: int, today: date, names: dict[str, str]
) -> tuple[PublicCorrection, ...]:
    """The office's corrections concerning cycle ``year`` dated up to ``today``, newest first."""

    def what(path: str) -> str:
        kind = classify(path)
        if kind is None:
            return "文件"
        material = spec_of(kind).title(kind)
        return f"{names.get(kind.slug, kind.slug)}的{material}" if kind.slug else material

    found = [c for c in data.office.corrections or () if c.cycle == year and c.date <= today]
    found.sort(key=lambda c: (c.date, c.index), reverse=True)
    return tuple(
        PublicCorrection(c.id, c.date, c.cycle, c.path, c.reason, c.record, what(c.path)) for c in found
    )


def _achievement(x: Achievement, areas: dict[str, str]) -> PublicAchievement:
    return PublicAchievement(areas.get(x.area, x.area), x.title, x.date, x.description, x.evidence, x.area)


def _decisions(dec: Decisions, today: date, words: list[str]) -> PublicDecisions:
    """The public decisions; the committee's decision in words (``words``) once the list is publicised."""

    def known(day: date | None) -> bool:
        return day is not None and day <= today

    def inspections(rnd: InspectionRound) -> tuple[date | None, tuple[PublicInspection, ...]]:
        if not known(rnd.date):
            return None, ()
        return rnd.date, tuple(PublicInspection(s, r, n) for s, (r, n) in sorted(rnd.results.items()))

    formal = known(dec.formal_review_date)
    publicity = known(dec.publicity_start)
    commended = known(dec.commendation_date)
    return PublicDecisions(
        formal_review_date=dec.formal_review_date if formal else None,
        formal_results=tuple((s, r.passed, r.reason) for s, r in sorted(dec.formal_results.items()))
        if formal
        else (),
        expert_review_date=dec.expert_review_date if known(dec.expert_review_date) else None,
        proposed=tuple((p.society, p.tier) for p in dec.proposed) if publicity else (),
        publicity_start=dec.publicity_start if publicity else None,
        publicity_channels=dec.publicity_channels if publicity else (),
        publicity_doc_number=dec.publicity_doc_number if publicity else None,
        publicity_title=dec.publicity_title if publicity else None,
        objections=tuple(
            PublicObjection(
                o.id,
                o.received,
                o.society,
                o.summary,
                o.status if known(o.resolved) or o.status == "pending" else "pending",
                OBJECTION_STATUS_ZH[o.status if known(o.resolved) or o.status == "pending" else "pending"],
                o.resolved if known(o.resolved) else None,
                o.outcome if known(o.resolved) else None,
            )
            for o in dec.objections
            if o.received <= today
        ),
        commendation_date=dec.commendation_date if commended else None,
        commendation_doc_number=dec.commendation_doc_number if commended else None,
        awards=tuple((a.society, a.tier, a.amount) for a in dec.awards) if commended else (),
        midterm=inspections(dec.midterm),
        final=inspections(dec.final),
        midterm_doc_number=dec.midterm.doc_number if known(dec.midterm.date) else None,
        final_doc_number=dec.final.doc_number if known(dec.final.date) else None,
        committee_words=tuple(words) if publicity else (),
    )


def _supplement_state(received: date | None, due: date, today: date) -> str:
    if received is not None:
        return "已补正" if received <= due else "逾期补正"
    return "补正中" if today <= due else "未补正"


def _public_substitution(cycle: Cycle, sub: Substitution, today: date, commended: bool) -> PublicSubstitution:
    from generator.calendar import CalendarError
    from generator.lifecycle import substitution_window

    try:
        win = substitution_window(cycle, sub)
    except CalendarError:
        win = None
    started = win is not None and win.start <= today
    label = (
        "待公示"
        if not started or win is None
        else publicity_label(win.state(today), win.days_left(today), commended)[1]
    )
    return PublicSubstitution(
        sub.society,
        sub.tier,
        sub.replaces,
        sub.decided,
        sub.reason,
        sub.publicity_start,
        win.end if win is not None else None,
        label,
        sub.publicity_doc_number,
        sub.publicity_title,
        sub.publicity_channels,
    )


def _with_steps(public: PublicDecisions, cycle: Cycle, today: date) -> PublicDecisions:
    """补正, 复核, 递补 and the left-out reasons known by ``today`` (四（二）)."""
    from dataclasses import replace

    dec = cycle.decisions
    assert dec is not None
    formal = dec.formal_review_date is not None and dec.formal_review_date <= today
    supplements = tuple(
        PublicSupplement(
            society,
            sup.requested,
            sup.items,
            sup.due,
            sup.received if sup.received is not None and sup.received <= today else None,
            _supplement_state(
                sup.received if sup.received and sup.received <= today else None, sup.due, today
            ),
        )
        for society, r in sorted(dec.formal_results.items())
        if (sup := r.supplement) is not None and formal and sup.requested <= today
    )
    reconsiderations = tuple(
        PublicReconsideration(
            r.id,
            r.society,
            r.concerning,
            r.received,
            status := (r.status if r.resolved is not None and r.resolved <= today else "pending"),
            RECONSIDERATION_STATES[status],
            r.resolved if status != "pending" else None,
            r.outcome if status != "pending" else None,
        )
        for r in dec.reconsiderations
        if r.received <= today
    )
    awarded = {a[0] for a in public.awards}
    substitutions = tuple(
        _public_substitution(cycle, sub, today, sub.society in awarded)
        for sub in dec.substitutions
        if sub.decided <= today
    )
    left_out = tuple((x.society, x.reason) for x in dec.left_out) if public.commendation_date else ()
    return replace(
        public,
        supplements=supplements,
        reconsiderations=reconsiderations,
        substitutions=substitutions,
        left_out=left_out,
    )


def _timeline(
    call: Call, dec: PublicDecisions | None, publicity: PublicPublicity, today: date, tz: str
) -> tuple[tuple[str, date | None, str], ...]:
    deadline = call.deadline_date(tz)
    steps: list[tuple[str, date | None]] = [
        ("发布通知", call.published),
        ("申报截止", deadline),
        ("形式审查", dec.formal_review_date if dec else None),
        ("专家评审", dec.expert_review_date if dec else None),
        ("公示", publicity.start),
        ("公示期满", publicity.end),
        ("通报表彰", dec.commendation_date if dec else None),
        ("中期检查", dec.midterm[0] if dec else None),
        ("总结验收", dec.final[0] if dec else None),
    ]
    out: list[tuple[str, date | None, str]] = []
    current_set = False
    for label, day in steps:
        if label == "公示" and publicity.state == "open":  # today's step: the list is being publicised
            out.append(("公示中", day, "current"))
            current_set = True
        elif label == "公示期满" and day is not None and publicity.state == "open":
            out.append((label, day, "todo"))  # the end day is still inside the period (含首尾两日)
        elif day is not None and day <= today:
            out.append((label, day, "done"))
        elif not current_set:
            out.append((label, day, "current"))
            current_set = True
        else:
            out.append((label, day, "todo"))
    return tuple(out)


# --------------------------------------------------------------------------------------------- money (PAYMENTS)
ACTION_ZH = {"release": "恢复拨付", "reduce": "减少拨付", "stop": "终止支持"}


@dataclass(frozen=True, slots=True)
class PublicPayment:
    society: str
    tranche: int
    date: date
    amount: Decimal
    doc_number: str


@dataclass(frozen=True, slots=True)
class PublicFundingDecision:
    society: str
    decided: date
    action: str
    action_zh: str  # computed
    amount: Decimal | None
    reason: str
    doc_number: str


@dataclass(frozen=True, slots=True)
class PublicFunding:
    """One award's money by the site's day (computed by ``generator.funding``)."""

    society: str
    amount: Decimal
    paid: Decimal
    withheld: Decimal
    returned: Decimal
    state: str
    state_zh: str


@dataclass(frozen=True, slots=True)
class PublicMoney:
    payments: tuple[PublicPayment, ...]
    decisions: tuple[PublicFundingDecision, ...]
    awards: tuple[PublicFunding, ...]

    def of(self, society: str) -> PublicFunding | None:
        return next((a for a in self.awards if a.society == society), None)


def public_money(data: Dataset, year: int, today: date) -> PublicMoney | None:
    """What was paid, decided and withheld for the cycle's awards, up to ``today`` (None: no payment record)."""
    cycle = data.cycles.get(year)
    record = cycle.payments if cycle is not None else None
    if record is None:
        return None
    return PublicMoney(
        tuple(
            PublicPayment(p.society, p.tranche, p.date, p.amount, p.doc_number)
            for p in sorted(record.payments, key=lambda p: (p.date, p.index))
            if p.date <= today
        ),
        tuple(
            PublicFundingDecision(
                d.society, d.decided, d.action, ACTION_ZH[d.action], d.amount, d.reason, d.doc_number
            )
            for d in sorted(record.decisions, key=lambda d: (d.decided, d.index))
            if d.decided <= today
        ),
        tuple(
            PublicFunding(f.society, f.amount, f.paid, f.withheld, f.returned, f.state, STATES[f.state])
            for f in cycle_funding(data, year, today)
        ),
    )
