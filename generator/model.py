"""The programme's domain as frozen ``msgspec.Struct`` classes, built from schema-valid data.

Money is ``Decimal``; dates are ``datetime.date``; the call's deadline is an aware ``datetime``. Each object
remembers the repository-relative ``file`` it came from, so rules can point at it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from msgspec import Struct, field

from generator.clock import PROGRAMME_TZ, local_date, local_time_text

AREAS: tuple[str, ...] = ("innovation", "society_government", "scientists", "self_development")


def parse_date(value: Any) -> date | None:
    if value is None:
        return None
    return date.fromisoformat(str(value))


def parse_datetime(value: Any) -> datetime:
    return datetime.fromisoformat(str(value))


def money(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(int(value))


def two_decimals(value: Decimal) -> str:
    """The machine form of an amount or a score (two decimals, no separators): ``200000.00``. Used where a
    program reads the text back: CSV, JSON, recorded results and their fingerprints."""
    return f"{value:.2f}"


def fmt_money(value: Decimal) -> str:
    """Money as people read it (元, two decimals, thousands separated): ``Decimal('200000')`` → ``200,000.00``.
    The one money formatter of findings, reports and the site; a missing amount is the caller's to show."""
    return f"{value:,.2f}"


# --------------------------------------------------------------------------------------------- programme
class Category(Struct, frozen=True):
    key: str
    title: str
    area: str


class EligibilitySettings(Struct, frozen=True):
    annual_report_deadline: str  # "MM-DD"
    min_staff: int
    council_term_years: int
    ban_years: int
    sanction_lookback_years: int

    def report_due(self, year: int) -> date:
        month, day = (int(part) for part in self.annual_report_deadline.split("-"))
        return date(year, month, day)


class Programme(Struct, frozen=True):
    file: str
    name: str
    organiser: str
    office_name: str
    office_email: str
    office_phone: str
    office_address: str
    office_maintainers: tuple[str, ...]
    timezone: str
    site_title: str
    site_url: str
    objection_form: str
    areas: dict[str, str]
    categories: dict[str, Category]
    forbidden: dict[str, str]
    suspicious_words: dict[str, tuple[str, ...]]
    eligibility: EligibilitySettings
    performance: PerformanceSettings = field(default_factory=lambda: PerformanceSettings())


def build_programme(file: str, d: dict[str, Any]) -> Programme:
    elig = d["eligibility"]
    return Programme(
        file=file,
        name=d["name"],
        organiser=d["organiser"],
        office_name=d["office"]["name"],
        office_email=d["office"]["email"],
        office_phone=str(d["office"].get("phone", "")),
        office_address=d["office"].get("address", ""),
        office_maintainers=tuple(d["office"].get("maintainers", [])),
        timezone=d["timezone"],
        site_title=d["site"]["title"],
        site_url=d["site"]["url"],
        objection_form=d["site"].get("objection_form", ""),
        areas={k: v["title"] for k, v in d["areas"].items()},
        categories={k: Category(k, v["title"], v["area"]) for k, v in d["expense_categories"].items()},
        forbidden=dict(d["forbidden_categories"]),
        suspicious_words={k: tuple(v) for k, v in d.get("suspicious_words", {}).items()},
        eligibility=EligibilitySettings(
            annual_report_deadline=str(elig.get("annual_report_deadline", "12-31")),
            min_staff=int(elig.get("min_staff", 1)),
            council_term_years=int(elig.get("council_term_years", 5)),
            ban_years=int(elig.get("ban_years", 3)),
            sanction_lookback_years=int(elig.get("sanction_lookback_years", 2)),
        ),
        performance=build_performance_settings(d),
    )


class IndicatorSpec(Struct, frozen=True):
    """One indicator of the programme's standard set (``indicators`` in programme.yaml, 一（三）3、四（四）)."""

    id: str
    name: str
    unit: str
    area: str
    direction: str  # higher | lower: which way is better
    weight: Decimal


class PerformanceSettings(Struct, frozen=True):
    """What the office sets for 绩效考核 and dynamic management (programme.yaml; all optional)."""

    indicators: dict[str, IndicatorSpec] = field(default_factory=dict)
    pass_completion_percent: Decimal = Decimal(80)  # a 合格 below this weighted completion needs a reason
    experience_max_chars: int = 600
    midterm_days_after_midpoint: int = 60  # the midterm is due this many days after the period's midpoint
    final_days_after_end: int = 30  # the final is due this many days after the period ends
    reminder_days: int = 30  # a notice this many days before an inspection is due
    continued_support_cycles: int = 0  # after a final 合格: cycles of continued support (一（三）2)
    ineligible_cycles: int = 0  # after a final 不合格: cycles barred from applying (一（三）3)
    demonstration_min_cycles: int | None = None  # 示范学会: commended and passed in this many cycles


def build_performance_settings(d: dict[str, Any]) -> PerformanceSettings:
    assessment = d.get("assessment") or {}
    due = d.get("inspection_due") or {}
    consequences = d.get("final_consequences") or {}
    demo = d.get("demonstration") or {}
    return PerformanceSettings(
        indicators={
            key: IndicatorSpec(
                key, v["name"], v.get("unit", ""), v["area"], v.get("direction", "higher"), money(v["weight"])
            )
            for key, v in (d.get("indicators") or {}).items()
        },
        pass_completion_percent=money(assessment.get("pass_completion_percent", 80)),
        experience_max_chars=int(assessment.get("experience_max_chars", 600)),
        midterm_days_after_midpoint=int(due.get("midterm_days_after_midpoint", 60)),
        final_days_after_end=int(due.get("final_days_after_end", 30)),
        reminder_days=int(due.get("reminder_days", 30)),
        continued_support_cycles=int((consequences.get("合格") or {}).get("continued_support_cycles", 0)),
        ineligible_cycles=int((consequences.get("不合格") or {}).get("ineligible_cycles", 0)),
        demonstration_min_cycles=demo.get("min_cycles"),
    )


# --------------------------------------------------------------------------------------------- societies
class Society(Struct, frozen=True):
    file: str
    slug: str
    name: str
    credit_code: str
    founded: int | None
    supervisor: str
    website: str | None
    council_elected: date | None
    maintainers: tuple[str, ...]
    discipline: str | None = None
    introduction: str | None = None
    short_name: str | None = None
    email: str | None = None  # the society's public office e-mail (its website's domain)
    category: str | None = None  # 分类实施 一（三）1: the id of a category the calls define


def build_society(file: str, d: dict[str, Any]) -> Society:
    return Society(
        file=file,
        slug=d["slug"],
        name=d["name"],
        credit_code=d["credit_code"],
        founded=d.get("founded"),
        supervisor=d.get("supervisor", ""),
        website=d.get("website"),
        council_elected=parse_date(d.get("council_elected")),
        maintainers=tuple(d.get("maintainers", [])),
        discipline=d.get("discipline"),
        introduction=d.get("introduction"),
        short_name=d.get("short_name"),
        email=d.get("email"),
        category=d.get("category"),
    )


# --------------------------------------------------------------------------------------------- office
class Expert(Struct, frozen=True):
    id: str
    name: str
    field: str
    affiliations: tuple[str, ...]
    login: str | None = None
    other_fields: tuple[str, ...] = ()  # 四（二）: further fields the expert reviews in (panels.yaml)

    @property
    def fields(self) -> tuple[str, ...]:
        """Every field the expert reviews in: ``field`` first, then ``other_fields``."""
        return (self.field, *self.other_fields)


class AnnualReportFiling(Struct, frozen=True):
    summary: date | None
    plan: date | None


class EntrustedProject(Struct, frozen=True):
    index: int
    id: str
    society: str
    title: str
    entrusted_by: str
    due: date
    status: str
    completed: date | None


class Sanction(Struct, frozen=True):
    index: int
    id: str
    society: str
    decided: date
    kind: str
    cycle: int | None
    summary: str
    revoke_award: bool
    reclaim_amount: Decimal
    bans_applications: bool
    doc_number: str | None
    repayment_due: date | None = None  # 五（二）: when the reclaimed money must be back (PAYMENTS)
    repayments: tuple[Repayment, ...] = ()  # what came back: (date, amount)


class Correction(Struct, frozen=True):
    """The office's recorded reason for changing a closed or frozen file (``office/corrections.yaml``)."""

    index: int
    id: str
    date: date
    cycle: int
    path: str
    reason: str
    record: str | None


class HolidayEntry(Struct, frozen=True):
    """One day of the office's holiday table (``office/holidays.yaml``): a rest day or an adjusted working day."""

    index: int  # position in its list
    day: date
    name: str


class HolidayYear(Struct, frozen=True):
    """One year of the office's table of official holidays (放假) and adjusted working days (调休上班)."""

    year: int
    holidays: tuple[HolidayEntry, ...]
    workdays: tuple[HolidayEntry, ...]

    def is_workday(self, day: date) -> bool:
        if any(e.day == day for e in self.workdays):
            return True
        if any(e.day == day for e in self.holidays):
            return False
        return day.weekday() < 5


def build_holidays(d: dict[str, Any]) -> dict[int, HolidayYear]:
    out: dict[int, HolidayYear] = {}
    for year, lists in (d.get("years") or {}).items():
        lists = lists or {}
        out[int(year)] = HolidayYear(
            int(year),
            *(
                tuple(
                    HolidayEntry(i, date.fromisoformat(str(e["date"])), str(e.get("name", "")))
                    for i, e in enumerate(lists.get(part) or [])
                )
                for part in ("holidays", "workdays")
            ),
        )
    return out


class OfficeRecords(Struct):
    """Each part is None when its file is missing or unreadable (rules then say so once)."""

    inspections_file: str | None = None
    inspections: dict[int, dict[str, str]] | None = None
    reports_file: str | None = None
    reports: dict[int, dict[str, AnnualReportFiling]] | None = None
    projects_file: str | None = None
    projects: tuple[EntrustedProject, ...] | None = None
    sanctions_file: str | None = None
    sanctions: tuple[Sanction, ...] | None = None
    experts_file: str | None = None
    experts: dict[str, Expert] | None = None
    corrections_file: str | None = None
    corrections: tuple[Correction, ...] | None = None
    holidays_file: str | None = None
    holidays: dict[int, HolidayYear] | None = None  # the office's table for years chinese-calendar lacks


def build_inspections(d: dict[str, Any]) -> dict[int, dict[str, str]]:
    return {int(year): dict(results or {}) for year, results in d.get("years", {}).items()}


def build_annual_reports(d: dict[str, Any]) -> dict[int, dict[str, AnnualReportFiling]]:
    out: dict[int, dict[str, AnnualReportFiling]] = {}
    for year, filings in d.get("years", {}).items():
        out[int(year)] = {
            slug: AnnualReportFiling(parse_date(f.get("summary")), parse_date(f.get("plan")))
            for slug, f in (filings or {}).items()
        }
    return out


def build_projects(d: dict[str, Any]) -> tuple[EntrustedProject, ...]:
    return tuple(
        EntrustedProject(
            index=i,
            id=p["id"],
            society=p["society"],
            title=p["title"],
            entrusted_by=p.get("entrusted_by", ""),
            due=date.fromisoformat(p["due"]),
            status=p["status"],
            completed=parse_date(p.get("completed")),
        )
        for i, p in enumerate(d.get("projects", []))
    )


def build_sanctions(d: dict[str, Any]) -> tuple[Sanction, ...]:
    return tuple(
        Sanction(
            index=i,
            id=s["id"],
            society=s["society"],
            decided=date.fromisoformat(s["decided"]),
            kind=s["kind"],
            cycle=s.get("cycle"),
            summary=s.get("summary", ""),
            revoke_award=bool(s.get("revoke_award", False)),
            reclaim_amount=money(s.get("reclaim_amount", 0)),
            bans_applications=bool(s.get("bans_applications", False)),
            doc_number=s.get("doc_number"),
            repayment_due=parse_date(s.get("repayment_due")),
            repayments=tuple(
                Repayment(j, date.fromisoformat(r["date"]), money(r["amount"]))
                for j, r in enumerate(s.get("repayments", []) or [])
            ),
        )
        for i, s in enumerate(d.get("sanctions", []))
    )


def build_corrections(d: dict[str, Any]) -> tuple[Correction, ...]:
    return tuple(
        Correction(
            index=i,
            id=c["id"],
            date=date.fromisoformat(c["date"]),
            cycle=int(c["cycle"]),
            path=c["path"],
            reason=c["reason"],
            record=c.get("record"),
        )
        for i, c in enumerate(d.get("corrections", []) or [])
    )


def build_experts(d: dict[str, Any]) -> dict[str, Expert]:
    return {
        e["id"]: Expert(
            e["id"],
            e.get("name", ""),
            e.get("field", ""),
            tuple(e.get("affiliations", [])),
            e.get("login"),
            tuple(e.get("other_fields", []) or []),
        )
        for e in d.get("experts", [])
    }


# --------------------------------------------------------------------------------------------- call
class AwardTier(Struct, frozen=True):
    tier: str
    count: int
    amount: Decimal


class CallCategory(Struct, frozen=True):
    """One category of the call (分类实施): its own quota per tier and its own panel."""

    index: int
    id: str
    name: str
    panel: str | None
    quotas: tuple[tuple[str, int], ...]  # (tier, count) in the listed order


class RubricItem(Struct, frozen=True):
    """One sub-item of an area's rubric: its maximum and the anchored descriptions (high, middle, low)."""

    index: int
    id: str
    name: str
    max: Decimal
    anchors: tuple[tuple[str, str], ...]  # (level, description), e.g. ("high", "…")


class Aggregation(Struct, frozen=True):
    """The one stated rule that turns the experts' totals into an application's total."""

    method: str  # "mean" | "trimmed_mean"
    trim: int  # how many highest and how many lowest are dropped (0 for "mean")


class Call(Struct, frozen=True):
    file: str
    cycle: int
    title: str
    doc_number: str
    published: date
    deadline: datetime
    awards: tuple[AwardTier, ...]
    max_points: dict[str, int]
    trim: int
    trim_min_reviewers: int
    publicity_days: int
    publicity_day_kind: str
    plan_due_days: int
    body: str
    issuer: str | None
    period_start: date | None
    period_end: date | None
    review: ReviewSettings | None = None  # 四（二）、五（二）: panels and assignment (``review:``)
    tranches: tuple[Tranche, ...] = ()  # 一（三）2: how an award is paid (call.payment); () → not checked
    categories: tuple[CallCategory, ...] = ()  # 分类实施 一（三）1; empty: one pool
    rubric: dict[str, tuple[RubricItem, ...]] = field(default_factory=dict)  # area -> sub-items
    aggregation: Aggregation | None = None  # scoring.aggregation; None: the legacy trim fields
    legacy_trim: bool = False  # the call still writes scoring.trim / trim_min_reviewers

    def category(self, cid: str) -> CallCategory | None:
        return next((c for c in self.categories if c.id == cid), None)

    # 复核 and 递补 (四（二）): days after a notice within which a society may ask for review; who moves up
    # when an upheld objection removes a proposed society (next_in_category | none).
    reconsideration_days: int | None = None
    substitution: str = "none"

    @property
    def largest_award(self) -> Decimal:
        return max((a.amount for a in self.awards), default=Decimal(0))

    def tier(self, name: str) -> AwardTier | None:
        return next((a for a in self.awards if a.tier == name), None)

    def deadline_date(self, tz: str) -> date:
        """The last day of applications in the programme's zone ``tz``: the one definition used by the
        rules, the lifecycle, closed records and the site."""
        return local_date(self.deadline, tz)

    def deadline_text(self, tz: str) -> str:
        """The deadline as people read it, in the programme's zone: ``2026-10-31 17:00``."""
        return local_time_text(self.deadline, tz)


def build_call(file: str, d: dict[str, Any]) -> Call:
    scoring = d.get("scoring", {})
    publicity = d.get("publicity", {})
    period = d.get("implementation_period") or {}
    return Call(
        file=file,
        cycle=int(d["cycle"]),
        title=d["title"],
        doc_number=d.get("doc_number", ""),
        published=date.fromisoformat(d["published"]),
        deadline=parse_datetime(d["deadline"]),
        awards=tuple(AwardTier(a["tier"], int(a["count"]), money(a["amount"])) for a in d["awards"]),
        max_points={k: int(v) for k, v in scoring.get("max_points", {}).items()},
        trim=int(scoring.get("trim", 0)),
        trim_min_reviewers=int(scoring.get("trim_min_reviewers", 5)),
        publicity_days=int(publicity.get("days", 10)),
        publicity_day_kind=publicity.get("day_kind", "calendar"),
        plan_due_days=int(d.get("plan_due_days", 30)),
        body=d.get("body", ""),
        issuer=d.get("issuer"),
        period_start=parse_date(period.get("start")),
        period_end=parse_date(period.get("end")),
        review=build_review_settings(d.get("review")),
        tranches=build_tranches(d.get("payment")),
        categories=_call_categories(d.get("categories") or []),
        rubric=_rubric(scoring.get("rubric") or {}),
        aggregation=_aggregation(scoring),
        legacy_trim="trim" in scoring or "trim_min_reviewers" in scoring,
        reconsideration_days=(
            int(publicity["reconsideration_days"])
            if publicity.get("reconsideration_days") is not None
            else None
        ),
        substitution=publicity.get("substitution", "none") or "none",
    )


def _call_categories(items: list[dict[str, Any]]) -> tuple[CallCategory, ...]:
    return tuple(
        CallCategory(
            i,
            c["id"],
            c.get("name", c["id"]),
            c.get("panel"),
            tuple((a["tier"], int(a["count"])) for a in c.get("awards", []) or []),
        )
        for i, c in enumerate(items)
    )


def _rubric(d: dict[str, Any]) -> dict[str, tuple[RubricItem, ...]]:
    return {
        area: tuple(
            RubricItem(
                i,
                item["id"],
                item.get("name", item["id"]),
                money(item["max"]),
                tuple((k, str(v)) for k, v in (item.get("anchors") or {}).items()),
            )
            for i, item in enumerate(items or [])
        )
        for area, items in d.items()
    }


def _aggregation(scoring: dict[str, Any]) -> Aggregation | None:
    agg = scoring.get("aggregation")
    if not agg:
        return None
    method = str(agg.get("method", "trimmed_mean"))
    return Aggregation(method, int(agg.get("trim", 0)) if method == "trimmed_mean" else 0)


# --------------------------------------------------------------------------------------------- application
class BudgetLine(Struct, frozen=True):
    index: int
    category: str
    item: str
    amount: Decimal


class Achievement(Struct, frozen=True):
    area: str
    index: int
    title: str
    date: date | None
    kind: str
    description: str
    evidence: tuple[str, ...]


class Person(Struct, frozen=True):
    role: str  # secretary_general | deputy_secretary_general
    name: str
    employment: str


class Application(Struct, frozen=True):
    file: str
    cycle: int
    society: str
    board_body: str
    board_date: date
    board_resolution: str
    declared_inspections: tuple[tuple[int, str], ...]
    annual_reports_on_time: bool
    council_members: int
    standing_council_members: int
    governance_rules: tuple[str, ...]
    secretariat: tuple[Person, ...]
    staff_full_time: int
    staff_part_time: int
    independent_bank_account: bool
    finance_staff: int
    finance_rules: tuple[str, ...]
    declarations: dict[str, bool]
    achievements: tuple[Achievement, ...]
    plan_approach: str
    plan_focus: tuple[str, ...]
    requested_total: Decimal
    separate_accounting: bool
    budget: tuple[BudgetLine, ...]
    attachments: tuple[tuple[str, str], ...] = field(default=())

    @property
    def budget_sum(self) -> Decimal:
        return sum((line.amount for line in self.budget), Decimal(0))


def build_application(file: str, d: dict[str, Any]) -> Application:
    elig = d["eligibility"]
    gov = elig.get("governance", {})
    sec = elig.get("secretariat", {})
    fin = elig.get("finance", {})
    staff = sec.get("staff", {})
    people = tuple(
        Person(role, sec[role].get("name", ""), sec[role].get("employment", ""))
        for role in ("secretary_general", "deputy_secretary_general")
        if isinstance(sec.get(role), dict)
    )
    achievements = tuple(
        Achievement(
            area=area,
            index=i,
            title=a.get("title", ""),
            date=parse_date(a.get("date")),
            kind=a.get("kind", ""),
            description=a.get("description", ""),
            evidence=tuple(a.get("evidence", [])),
        )
        for area, items in (d.get("achievements") or {}).items()
        for i, a in enumerate(items or [])
    )
    budget = d["budget"]
    board = d["board_approval"]
    return Application(
        file=file,
        cycle=int(d["cycle"]),
        society=d["society"],
        board_body=board["body"],
        board_date=date.fromisoformat(board["date"]),
        board_resolution=board.get("resolution", ""),
        declared_inspections=tuple((int(x["year"]), x["result"]) for x in elig.get("annual_inspections", [])),
        annual_reports_on_time=bool(elig.get("annual_reports_on_time", False)),
        council_members=int(gov.get("council_members", 0)),
        standing_council_members=int(gov.get("standing_council_members", 0)),
        governance_rules=tuple(gov.get("rules", [])),
        secretariat=people,
        staff_full_time=int(staff.get("full_time", 0)),
        staff_part_time=int(staff.get("part_time", 0)),
        independent_bank_account=bool(fin.get("independent_bank_account", False)),
        finance_staff=int(fin.get("finance_staff", 0)),
        finance_rules=tuple(fin.get("finance_rules", [])),
        declarations={k: bool(v) for k, v in (d.get("declarations") or {}).items()},
        achievements=achievements,
        plan_approach=(d.get("plan") or {}).get("approach", ""),
        plan_focus=tuple((d.get("plan") or {}).get("focus", [])),
        requested_total=money(budget["requested_total"]),
        separate_accounting=bool(budget.get("separate_accounting", False)),
        budget=tuple(
            BudgetLine(i, line["category"], line.get("item", ""), money(line["amount"]))
            for i, line in enumerate(budget.get("lines", []))
        ),
        attachments=tuple((a.get("title", ""), a["file"]) for a in d.get("attachments", []) or []),
    )


# --------------------------------------------------------------------------------------------- reviews
class Score(Struct, frozen=True):
    index: int
    society: str
    points: dict[str, Decimal]  # area -> points (the sum of its sub-items when they are scored)
    comment: str
    items: dict[str, dict[str, Decimal]] = field(default_factory=dict)  # area -> sub-item -> points

    @property
    def total(self) -> Decimal:
        return sum(self.points.values(), Decimal(0))


class Review(Struct, frozen=True):
    file: str
    cycle: int
    expert: str
    conflicts: tuple[str, ...]
    scores: tuple[Score, ...]


def build_review(file: str, d: dict[str, Any]) -> Review:
    return Review(
        file=file,
        cycle=int(d["cycle"]),
        expert=d["expert"],
        conflicts=tuple(d.get("conflicts", []) or []),
        scores=tuple(_score(i, s) for i, s in enumerate(d.get("scores", []) or [])),
    )


def _score(i: int, s: dict[str, Any]) -> Score:
    """One score: an area is a number (no rubric) or a mapping of sub-items, whose sum is the area's points."""
    points: dict[str, Decimal] = {}
    items: dict[str, dict[str, Decimal]] = {}
    for area, value in s["points"].items():
        if isinstance(value, dict):
            items[area] = {k: money(v) for k, v in value.items()}
            points[area] = sum(items[area].values(), Decimal(0))
        else:
            points[area] = money(value)
    return Score(i, s["society"], points, s.get("comment", ""), items)


# --------------------------------------------------------------------------------------------- decisions
class FormalResult(Struct, frozen=True):
    passed: bool
    reason: str | None
    # 三（一）: what the office verified against the originals (independent_bank_account, finance_staff);
    # a key is absent until the office records it.
    verified: dict[str, bool] = field(default_factory=dict)
    supplement: Supplement | None = None  # 补正 requested at formal review


class Supplement(Struct, frozen=True):
    """补正: missing material the office asked for at formal review, by a due date."""

    requested: date
    items: tuple[str, ...]
    due: date
    received: date | None

    def open_on(self, today: date) -> bool:
        """The society may still hand in the named items (the request is made, not answered, not past due)."""
        return bool(self.items) and self.received is None and self.requested <= today <= self.due


class Reconsideration(Struct, frozen=True):
    """复核: a society's request to review its formal rejection or an objection's outcome."""

    index: int
    id: str
    society: str
    concerning: str  # formal_review | an objection id
    received: date
    status: str  # pending | upheld | dismissed
    resolved: date | None
    outcome: str | None


class Substitution(Struct, frozen=True):
    """递补: a society moved up in place of one removed, publicised on its own."""

    index: int
    society: str
    tier: str
    replaces: str
    decided: date
    reason: str
    publicity_start: date | None
    publicity_doc_number: str | None
    publicity_title: str | None
    publicity_channels: tuple[str, ...]


class LeftOut(Struct, frozen=True):
    """A proposed society not commended, with the recorded reason."""

    index: int
    society: str
    reason: str


class Proposal(Struct, frozen=True):
    index: int
    society: str
    tier: str
    reason: str | None


class Objection(Struct, frozen=True):
    index: int
    id: str
    received: date
    society: str
    summary: str
    status: str
    resolved: date | None
    outcome: str | None


class Award(Struct, frozen=True):
    index: int
    society: str
    tier: str
    amount: Decimal
    support_years: int = 1  # multi-year support the office chose (一（三）2): later years released on a 合格


class InspectionRound(Struct, frozen=True):
    date: date | None
    results: dict[str, tuple[str, str]]  # society -> (合格|不合格, note)
    doc_number: str | None = None  # the inspection notice's document number
    scores: dict[str, Decimal] = field(default_factory=dict)  # society -> the panel's score
    reasons: dict[str, str] = field(
        default_factory=dict
    )  # society -> why the verdict departs from the figures


class Decisions(Struct, frozen=True):
    file: str
    cycle: int
    formal_review_date: date | None
    formal_results: dict[str, FormalResult]
    expert_review_date: date | None
    proposed: tuple[Proposal, ...]
    publicity_start: date | None
    publicity_channels: tuple[str, ...]
    publicity_doc_number: str | None
    publicity_title: str | None
    objections: tuple[Objection, ...]
    commendation_date: date | None
    commendation_doc_number: str | None
    awards: tuple[Award, ...]
    midterm: InspectionRound
    final: InspectionRound
    followups: dict[str, MidtermFollowup] = field(default_factory=dict)  # midterm 整改 and 复查 by society
    reconsiderations: tuple[Reconsideration, ...] = ()
    substitutions: tuple[Substitution, ...] = ()
    left_out: tuple[LeftOut, ...] = ()
    committee_decision: CommitteeDecision | None = None  # expert_review's meeting, cut-offs and reasons


def _supplement(d: dict[str, Any] | None) -> Supplement | None:
    if not d:
        return None
    return Supplement(
        date.fromisoformat(d["requested"]),
        tuple(d.get("items", []) or []),
        date.fromisoformat(d["due"]),
        parse_date(d.get("received")),
    )


def _reconsiderations(d: dict[str, Any]) -> tuple[Reconsideration, ...]:
    return tuple(
        Reconsideration(
            i,
            r["id"],
            r["society"],
            r["concerning"],
            date.fromisoformat(r["received"]),
            r["status"],
            parse_date(r.get("resolved")),
            r.get("outcome"),
        )
        for i, r in enumerate(d.get("reconsiderations", []) or [])
    )


def _substitutions(d: dict[str, Any]) -> tuple[Substitution, ...]:
    out = []
    for i, s in enumerate(d.get("substitutions", []) or []):
        pub = s.get("publicity") or {}
        out.append(
            Substitution(
                i,
                s["society"],
                s["tier"],
                s["replaces"],
                date.fromisoformat(s["decided"]),
                s.get("reason", ""),
                parse_date(pub.get("start")),
                pub.get("doc_number"),
                pub.get("title"),
                tuple(pub.get("channels", []) or []),
            )
        )
    return tuple(out)


class Cutoff(Struct, frozen=True):
    """A cut-off the committee set: the lowest total (inclusive) for a tier within a category."""

    index: int
    category: str
    tier: str
    score: Decimal


class Unfilled(Struct, frozen=True):
    index: int
    category: str
    tier: str
    places: int
    reason: str


class Departure(Struct, frozen=True):
    index: int
    society: str
    reason: str


class CommitteeDecision(Struct, frozen=True):
    """The committee's decision with its reasons (``expert_review`` in decisions.yaml), 四（二）: members
    present (a count; names stay in the committee repository), consensus or a vote, cut-offs, unfilled
    places and departures from the ranking. ``present`` is None when no meeting is recorded."""

    present: int | None
    decision: str | None  # consensus | vote
    votes: tuple[int, int, int] | None  # (for, against, abstain)
    cutoffs: tuple[Cutoff, ...]
    unfilled: tuple[Unfilled, ...]
    departures: tuple[Departure, ...]


def build_committee_decision(expert: dict[str, Any]) -> CommitteeDecision | None:
    meeting = expert.get("meeting") or {}
    keys = ("meeting", "cutoffs", "unfilled", "departures")
    if not any(expert.get(k) for k in keys):
        return None
    votes = meeting.get("votes")
    return CommitteeDecision(
        present=meeting.get("present"),
        decision=meeting.get("decision"),
        votes=None if not votes else (int(votes["for"]), int(votes["against"]), int(votes["abstain"])),
        cutoffs=tuple(
            Cutoff(i, c["category"], c["tier"], Decimal(str(c["score"])))
            for i, c in enumerate(expert.get("cutoffs") or [])
        ),
        unfilled=tuple(
            Unfilled(i, u["category"], u["tier"], int(u["places"]), u["reason"])
            for i, u in enumerate(expert.get("unfilled") or [])
        ),
        departures=tuple(
            Departure(i, x["society"], x["reason"]) for i, x in enumerate(expert.get("departures") or [])
        ),
    )


def _inspection_round(d: dict[str, Any] | None) -> InspectionRound:
    d = d or {}
    return InspectionRound(
        date=parse_date(d.get("date")),
        results={
            slug: (r["result"], r.get("note", "") or "") for slug, r in (d.get("results") or {}).items()
        },
        doc_number=d.get("doc_number"),
        scores={
            s: money(r["score"]) for s, r in (d.get("results") or {}).items() if r.get("score") is not None
        },
        reasons={s: r["reason"] for s, r in (d.get("results") or {}).items() if r.get("reason")},
    )


def build_decisions(file: str, d: dict[str, Any]) -> Decisions:
    formal = d.get("formal_review") or {}
    expert = d.get("expert_review") or {}
    publicity = d.get("publicity") or {}
    commendation = d.get("commendation") or {}
    inspections = d.get("inspections") or {}
    return Decisions(
        file=file,
        cycle=int(d["cycle"]),
        formal_review_date=parse_date(formal.get("date")),
        formal_results={
            slug: FormalResult(
                bool(r.get("passed")),
                r.get("reason"),
                {k: bool(v) for k, v in (r.get("verified") or {}).items()},
                _supplement(r.get("supplement")),
            )
            for slug, r in (formal.get("results") or {}).items()
        },
        expert_review_date=parse_date(expert.get("date")),
        proposed=tuple(
            Proposal(i, p["society"], p["tier"], p.get("reason"))
            for i, p in enumerate(d.get("proposed", []) or [])
        ),
        publicity_start=parse_date(publicity.get("start")),
        publicity_channels=tuple(publicity.get("channels", []) or []),
        publicity_doc_number=publicity.get("doc_number"),
        publicity_title=publicity.get("title"),
        objections=tuple(
            Objection(
                i,
                o["id"],
                date.fromisoformat(o["received"]),
                o["society"],
                o.get("summary", ""),
                o["status"],
                parse_date(o.get("resolved")),
                o.get("outcome"),
            )
            for i, o in enumerate(d.get("objections", []) or [])
        ),
        commendation_date=parse_date(commendation.get("date")),
        commendation_doc_number=commendation.get("doc_number"),
        awards=tuple(
            Award(i, a["society"], a["tier"], money(a["amount"]), int(a.get("support_years", 1)))
            for i, a in enumerate(commendation.get("awards", []) or [])
        ),
        midterm=_inspection_round(inspections.get("midterm")),
        final=_inspection_round(inspections.get("final")),
        followups=build_followups(inspections.get("midterm")),
        reconsiderations=_reconsiderations(d),
        substitutions=_substitutions(d),
        left_out=tuple(
            LeftOut(i, x["society"], x.get("reason", ""))
            for i, x in enumerate(commendation.get("left_out", []) or [])
        ),
        committee_decision=build_committee_decision(expert),
    )


# --------------------------------------------------------------------------------------------- results
class RecordedStanding(Struct, frozen=True):
    """One application's aggregated review result as the office recorded it (``<cycle>/results.yaml``)."""

    index: int
    society: str
    count: int
    area_means: dict[str, Decimal]
    total: Decimal | None
    total_exact: Fraction | None
    trimmed: bool
    rank: int | None
    tied: bool
    tier: str | None
    tier_note: str
    category: str | None = None  # 分类实施: the category the rank and tier are within


class Results(Struct, frozen=True):
    """The aggregated expert-review results of a cycle, recorded from the committee repository."""

    file: str
    cycle: int
    recorded: date
    recorded_by: str
    committee_commit: str | None
    fingerprint: str
    seal: str
    standings: tuple[RecordedStanding, ...]

    def by_society(self) -> dict[str, RecordedStanding]:
        return {s.society: s for s in self.standings}


def _fraction(value: Any) -> Fraction | None:
    return None if value is None else Fraction(str(value))


def build_results(file: str, d: dict[str, Any]) -> Results:
    return Results(
        file=file,
        cycle=int(d["cycle"]),
        recorded=date.fromisoformat(d["recorded"]),
        recorded_by=d.get("recorded_by", ""),
        committee_commit=d.get("committee_commit"),
        fingerprint=d["fingerprint"],
        seal=d["seal"],
        standings=tuple(
            RecordedStanding(
                index=i,
                society=s["society"],
                count=int(s["count"]),
                area_means={k: Decimal(str(v)) for k, v in (s.get("area_means") or {}).items()},
                total=None if s.get("total") is None else Decimal(str(s["total"])),
                total_exact=_fraction(s.get("total_exact")),
                trimmed=bool(s.get("trimmed", False)),
                rank=s.get("rank"),
                tied=bool(s.get("tied", False)),
                tier=s.get("tier"),
                tier_note=s.get("tier_note", "") or "",
                category=s.get("category"),
            )
            for i, s in enumerate(d.get("standings", []) or [])
        ),
    )


# --------------------------------------------------------------------------------------------- plans, reports
class Indicator(Struct, frozen=True):
    index: int
    name: str
    unit: str
    target: Decimal
    id: str | None = None  # the programme's standard indicator it measures (programme.yaml ``indicators``)


class FundDirection(Struct, frozen=True):
    index: int
    category: str
    amount: Decimal


class Plan(Struct, frozen=True):
    file: str
    cycle: int
    society: str
    filed: date
    management_rules: str
    approach: str
    focus: tuple[str, ...]
    milestones: tuple[tuple[date, str], ...]
    indicators: tuple[Indicator, ...]
    fund_directions: tuple[FundDirection, ...]


def build_plan(file: str, d: dict[str, Any]) -> Plan:
    return Plan(
        file=file,
        cycle=int(d["cycle"]),
        society=d["society"],
        filed=date.fromisoformat(d["filed"]),
        management_rules=d.get("management_rules", ""),
        approach=d.get("approach", ""),
        focus=tuple(d.get("focus", []) or []),
        milestones=tuple(
            (date.fromisoformat(m["due"]), m.get("task", "")) for m in d.get("milestones", []) or []
        ),
        indicators=tuple(
            Indicator(i, x["name"], x.get("unit", ""), money(x["target"]), x.get("id"))
            for i, x in enumerate(d.get("indicators", []) or [])
        ),
        fund_directions=tuple(
            FundDirection(i, x["category"], money(x["amount"]))
            for i, x in enumerate(d.get("fund_directions", []) or [])
        ),
    )


class Spending(Struct, frozen=True):
    index: int
    date: date
    category: str
    item: str
    amount: Decimal


class Report(Struct, frozen=True):
    file: str
    cycle: int
    society: str
    stage: str
    as_of: date
    indicators: tuple[tuple[str, Decimal], ...]
    spending: tuple[Spending, ...]
    summary: str
    milestones: tuple[MilestoneStatus, ...] = ()  # the plan's milestones as reported (绩效考核)
    experience: str = ""  # 典型经验 (final report): the short account shown on the showcase (五（四）)


class MilestoneStatus(Struct, frozen=True):
    index: int
    task: str
    status: str  # done | in_progress | delayed | dropped
    note: str = ""


def build_report(file: str, d: dict[str, Any]) -> Report:
    return Report(
        file=file,
        cycle=int(d["cycle"]),
        society=d["society"],
        stage=d["stage"],
        as_of=date.fromisoformat(d["as_of"]),
        indicators=tuple((x["name"], money(x["actual"])) for x in d.get("indicators", []) or []),
        spending=tuple(
            Spending(i, date.fromisoformat(s["date"]), s["category"], s.get("item", ""), money(s["amount"]))
            for i, s in enumerate(d.get("spending", []) or [])
        ),
        summary=d.get("summary", ""),
        milestones=tuple(
            MilestoneStatus(i, m["task"], m["status"], m.get("note", "") or "")
            for i, m in enumerate(d.get("milestones", []) or [])
        ),
        experience=d.get("experience", "") or "",
    )


# --------------------------------------------------------------------------------------------- cycle, dataset
class Cycle(Struct):
    year: int
    call: Call | None = None
    decisions: Decisions | None = None
    applications: dict[str, Application] = field(default_factory=dict)  # by file name slug
    reviews: dict[str, Review] = field(default_factory=dict)  # by expert id: committee repository only
    committee: tuple[str, ...] | None = None  # the committee's membership: committee repository only
    committee_file: str | None = None
    results: Results | None = None  # the recorded aggregated results (shared tree)
    plans: dict[str, Plan] = field(default_factory=dict)
    reports: dict[tuple[str, str], Report] = field(default_factory=dict)  # (slug, stage)
    # Panels, assignments and conflicts of interest (committee repository only; generator.conflicts)
    panels: Panels | None = None
    assignments: Assignments | None = None
    declarations: dict[str, Declaration] = field(default_factory=dict)  # by expert id (file name)
    conflict_records: ConflictRecords | None = None
    payments: Payments | None = None  # the office's payments and funding decisions (<cycle>/payments.yaml)


class PersonalCandidate(Struct, frozen=True):
    """A scalar of a data file that looks like personal data (``generator.rules.privacy.candidates``)."""

    path: tuple[str | int, ...]
    rule: str  # PRIV-001 mobile, PRIV-002 ID number, PRIV-003 account number, PRIV-004 e-mail address
    key: str  # the digits (upper-cased) or the address, in normal form: what the exemptions compare
    masked: str


class PlacedCandidate(Struct, frozen=True):
    """What looks like personal data outside a data file's values (``generator.rules.privacy``, PRIV-005…007):
    in a YAML comment (``place`` "comment", at ``line`` and ``column``), in a file or folder name of the
    file's path ("file", "folder": ``name`` is which one) or in a PDF attachment's text ("pdf", on ``line``,
    the page)."""

    place: str
    candidate: PersonalCandidate
    line: int = 0
    column: int = 0
    name: str = ""


class Dataset(Struct):
    """Everything the rules look at: the whole tree, loaded once."""

    programme: Programme | None = None
    societies: dict[str, Society] = field(default_factory=dict)  # by file name slug
    office: OfficeRecords = field(default_factory=OfficeRecords)
    cycles: dict[int, Cycle] = field(default_factory=dict)
    attachments: set[str] = field(default_factory=set)  # repository paths of attachment files
    unreadable: set[str] = field(default_factory=set)  # files present but not loaded (their findings say why)
    committee_loaded: bool = (
        False  # the committee repository's files are merged in (xuehui check --committee)
    )
    # What looks like personal data in each data file (valid or not, of every kind, the office's records
    # included), found when the file was parsed: the privacy rules (PRIV) apply the tree's exemptions.
    personal: dict[str, tuple[PersonalCandidate, ...]] = field(default_factory=dict)
    # The same outside the values (comments, file and folder names, PDF text), of every file under
    # submissions/ (PRIV-005…007).
    personal_elsewhere: dict[str, tuple[PlacedCandidate, ...]] = field(default_factory=dict)

    def has_society(self, slug: str) -> bool:
        """A profile exists: loaded, or present with problems of its own (not reported twice)."""
        return slug in self.societies or f"submissions/societies/{slug}.yaml" in self.unreadable

    @property
    def timezone(self) -> str:
        """The programme's time zone (``clock.PROGRAMME_TZ`` when programme.yaml is missing or invalid)."""
        return self.programme.timezone if self.programme is not None else PROGRAMME_TZ

    def today(self, now: datetime) -> date:
        """The programme's calendar date at ``now``, in its time zone: the one definition of "today"."""
        return local_date(now, self.timezone)

    def applications(self) -> Iterator[tuple[Cycle, Application]]:
        """Every application with its cycle, in a stable order (cycle, then file name)."""
        for year in sorted(self.cycles):
            cycle = self.cycles[year]
            for slug in sorted(cycle.applications):
                yield cycle, cycle.applications[slug]

    def cycle(self, year: int) -> Cycle:
        found = self.cycles.get(year)
        if found is None:
            found = self.cycles[year] = Cycle(year)
        return found


# --------------------------------------------------------------------------------------------- panels, conflicts
# 四（二）、五（二）: review panels by field, who scores which application, each expert's declared conflicts of
# the cycle and the office's recusals, waivers and applicants' avoid requests (committee repository only).
RELATIONSHIPS: tuple[str, ...] = (
    "member",
    "officer",
    "employer",
    "supervising_unit",
    "collaborator",
    "relative",
)
WAIVABLE: tuple[str, ...] = ("member", "collaborator")  # the relationships the office may waive


class ReviewSettings(Struct, frozen=True):
    """The call's ``review:`` block (None values: not set)."""

    min_scorers: int | None
    max_assignments_per_expert: int | None
    max_avoided_experts: int | None


def build_review_settings(d: Any) -> ReviewSettings | None:
    if not isinstance(d, dict):
        return None

    def number(key: str) -> int | None:
        value = d.get(key)
        return int(value) if value is not None else None

    return ReviewSettings(
        number("min_scorers"), number("max_assignments_per_expert"), number("max_avoided_experts")
    )


class Panel(Struct, frozen=True):
    index: int
    id: str
    name: str
    category: str | None
    fields: tuple[str, ...]
    members: tuple[str, ...]


class Panels(Struct, frozen=True):
    file: str
    panels: tuple[Panel, ...]

    def get(self, panel_id: str) -> Panel | None:
        return next((p for p in self.panels if p.id == panel_id), None)


def build_panels(file: str, d: dict[str, Any]) -> Panels:
    return Panels(
        file,
        tuple(
            Panel(
                i,
                p["id"],
                p.get("name", ""),
                p.get("category"),
                tuple(p.get("fields", []) or []),
                tuple(p.get("members", []) or []),
            )
            for i, p in enumerate(d.get("panels", []) or [])
        ),
    )


class Assignment(Struct, frozen=True):
    index: int
    society: str
    panel: str
    experts: tuple[str, ...]


class Assignments(Struct, frozen=True):
    file: str
    assignments: tuple[Assignment, ...]

    def of(self, society: str) -> Assignment | None:
        return next((a for a in self.assignments if a.society == society), None)


def build_assignments(file: str, d: dict[str, Any]) -> Assignments:
    return Assignments(
        file,
        tuple(
            Assignment(i, a["society"], a["panel"], tuple(a.get("experts", []) or []))
            for i, a in enumerate(d.get("assignments", []) or [])
        ),
    )


class DeclaredConflict(Struct, frozen=True):
    index: int
    society: str
    relationship: str
    note: str


class Declaration(Struct, frozen=True):
    file: str
    cycle: int
    expert: str
    declared: date | None
    conflicts: tuple[DeclaredConflict, ...]


def build_declaration(file: str, d: dict[str, Any]) -> Declaration:
    return Declaration(
        file,
        int(d["cycle"]),
        d["expert"],
        parse_date(d.get("declared")),
        tuple(
            DeclaredConflict(i, c["society"], c["relationship"], c.get("note", ""))
            for i, c in enumerate(d.get("conflicts", []) or [])
        ),
    )


class OfficeRuling(Struct, frozen=True):
    """A recusal (the expert may not score the application) or a waiver (a declared conflict, an affiliation
    or an applicant's avoid request does not bar the expert), with the office's reason."""

    index: int
    expert: str
    society: str
    reason: str
    decided: date | None


class AvoidRequest(Struct, frozen=True):
    """An applicant's written request not to be reviewed by some experts: those in the pool by id, the
    others only counted (``others``; minimum necessary)."""

    index: int
    society: str
    received: date | None
    experts: tuple[str, ...]
    others: int

    @property
    def named(self) -> int:
        return len(self.experts) + self.others


class ConflictRecords(Struct, frozen=True):
    file: str
    recusals: tuple[OfficeRuling, ...]
    waivers: tuple[OfficeRuling, ...]
    avoid_requests: tuple[AvoidRequest, ...]


def _rulings(items: Any) -> tuple[OfficeRuling, ...]:
    return tuple(
        OfficeRuling(i, r["expert"], r["society"], r.get("reason", ""), parse_date(r.get("decided")))
        for i, r in enumerate(items or [])
    )


def build_conflict_records(file: str, d: dict[str, Any]) -> ConflictRecords:
    return ConflictRecords(
        file,
        _rulings(d.get("recusals")),
        _rulings(d.get("waivers")),
        tuple(
            AvoidRequest(
                i,
                a["society"],
                parse_date(a.get("received")),
                tuple(a.get("experts", []) or []),
                int(a.get("others", 0) or 0),
            )
            for i, a in enumerate(d.get("avoid_requests", []) or [])
        ),
    )


# --------------------------------------------------------------------------------------------- payments
class Tranche(Struct, frozen=True):
    """One instalment of every award of a cycle (call.payment.tranches): its share and its condition."""

    number: int  # 1-based
    share: Decimal
    after: str  # commendation | midterm_passed | final_passed


def build_tranches(d: dict[str, Any] | None) -> tuple[Tranche, ...]:
    return tuple(
        Tranche(i + 1, Decimal(str(t["share"])), t["after"])
        for i, t in enumerate((d or {}).get("tranches", []))
    )


class Repayment(Struct, frozen=True):
    index: int
    date: date
    amount: Decimal


class MidtermFollowup(Struct, frozen=True):
    """A failed midterm's 整改 (items, due) and its 复查 (date, result, note), each absent until recorded."""

    items: tuple[str, ...]
    due: date | None
    reinspection_date: date | None
    reinspection_result: str | None
    reinspection_note: str


def build_followups(d: dict[str, Any] | None) -> dict[str, MidtermFollowup]:
    out: dict[str, MidtermFollowup] = {}
    for slug, r in ((d or {}).get("results") or {}).items():
        rect, again = r.get("rectification") or {}, r.get("reinspection") or {}
        if rect or again:
            out[slug] = MidtermFollowup(
                tuple(rect.get("items", []) or []),
                parse_date(rect.get("due")),
                parse_date(again.get("date")),
                again.get("result"),
                again.get("note", "") or "",
            )
    return out


class Payment(Struct, frozen=True):
    index: int
    society: str
    tranche: int
    date: date
    amount: Decimal
    doc_number: str


class FundingDecision(Struct, frozen=True):
    index: int
    society: str
    decided: date
    action: str  # release | reduce | stop
    amount: Decimal | None
    reason: str
    doc_number: str


class Payments(Struct, frozen=True):
    file: str
    cycle: int
    payments: tuple[Payment, ...]
    decisions: tuple[FundingDecision, ...]


def build_payments(file: str, d: dict[str, Any]) -> Payments:
    return Payments(
        file=file,
        cycle=int(d["cycle"]),
        payments=tuple(
            Payment(
                i,
                p["society"],
                int(p["tranche"]),
                date.fromisoformat(p["date"]),
                money(p["amount"]),
                p["doc_number"],
            )
            for i, p in enumerate(d.get("payments", []) or [])
        ),
        decisions=tuple(
            FundingDecision(
                i,
                f["society"],
                date.fromisoformat(f["decided"]),
                f["action"],
                money(f["amount"]) if f.get("amount") is not None else None,
                f["reason"],
                f["doc_number"],
            )
            for i, f in enumerate(d.get("funding_decisions", []) or [])
        ),
    )
