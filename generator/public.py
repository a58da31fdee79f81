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
from generator.kinds import SHARED, classify, spec_of
from generator.lifecycle import STAGES, cycle_status
from generator.model import AREAS, Achievement, Call, Dataset, Decisions, InspectionRound

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
    committee_words: tuple[str, ...] = ()  # the committee's decision in words, once the list is publicised


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
    from generator.clock import add_years
    from generator.lifecycle import current_cycle

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
        public_dec = _decisions(dec, today, decision_sentences(cycle, names)) if dec is not None else None
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
                call=PublicCall(
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
                ),
                applications=apps,
                decisions=public_dec,
                plans=plans,
                reports=reports,
                publicity=publicity,
                disclosure=disclose(data, year, today),
                timeline=_timeline(call, public_dec, publicity, today, tz),
                corrections=_corrections(data, year, today, names),
            )
        )
    sanctions = tuple(
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
            add_years(s.decided, programme.eligibility.ban_years) if s.bans_applications else None,
            s.doc_number,
        )
        for s in sorted(data.office.sanctions or (), key=lambda s: (s.decided, s.id))
        if s.decided <= today
    )
    return PublicSite(
        now=now,
        today=today,
        timezone=data.timezone,
        programme=_programme(data),
        societies=societies,
        cycles=tuple(cycles),
        sanctions=sanctions,
        current=current_cycle(data, today),
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
        committee_words=tuple(words) if publicity else (),
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
