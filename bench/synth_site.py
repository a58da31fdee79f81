"""Deterministic synthetic programmes for the site benchmark (公示网站构建基准测试数据).

``make_programme(root, societies, cycles, seed)`` writes a complete, valid tree under ``root/submissions/``:
the programme settings, the office records (annual inspections and annual reports of the two years before
each cycle for the societies applying in it, a few completed entrusted projects, no sanctions),
``societies`` society profiles and ``cycles`` consecutive cycles ending with 2026 (``2017..2026`` for ten cycles). Every cycle has
its call (with an implementation period), about one application for every ten societies (at least 3,
rotating through the societies so that consecutive cycles overlap), scored by five committee experts
(who skip the societies they are affiliated with; the scores and the expert pool belong in the committee's
own repository, so only the resulting ranking is written here), and the office's decisions: formal review (all pass), expert review, the proposed list in exact
trimmed-mean rank order within the quota, publicity, and for every cycle but the last the commendation,
one dismissed objection, the awardees' fund-management plans, midterm and final reports, and both
inspections. The last cycle (2026) is in publicity at ``--now 2026-11-26``.

The applications come from ``synth.render_application`` (about 12 KB of distinct Chinese text each),
moved to their cycle's years, with the secretaries' names redrawn from given names
that cannot occur in public text (see ``SAFE_GIVEN``); society profiles and credit codes come from
``synth`` too. Nothing reads the
clock; the same ``(societies, cycles, seed)`` gives the same bytes.

The tree passes ``xuehui check --now 2026-11-26`` with no errors or warnings (one notice, COMM-001: the
review rules run in the committee repository).

Importing this module has no side effects.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import synth
from synth import SocietyInfo, flow_list, money, quoted, scalar

__all__ = ["LAST_CYCLE", "NOW", "ProgrammeShape", "make_programme", "shape", "shift_years"]

NOW = "2026-11-26"  # the --now the tree is valid for (the last cycle is in publicity then)
LAST_CYCLE = 2026
_SOURCE_CYCLE = synth.CYCLE  # the year synth.render_application writes (2026)
FIRST_AMOUNT = Decimal("200000.00")
SECOND_AMOUNT = Decimal("100000.00")
MAX_POINTS: dict[str, int] = {
    "innovation": 30,
    "society_government": 30,
    "scientists": 20,
    "self_development": 20,
}
TRIM, TRIM_MIN = 1, 5

EXPERTS: tuple[tuple[str, str, str, str], ...] = (  # id, name, login, field
    ("expert-zhao", "赵教授", "zhao-review", "机械工程"),
    ("expert-qian", "钱研究员", "qian-review", "材料科学"),
    ("expert-sun", "孙教授", "sun-review", "电子信息"),
    ("expert-li", "李高工", "li-review", "土木工程"),
    ("expert-zhou", "周教授", "zhou-review", "管理科学"),
)

# Plan indicators: name, unit, lowest and highest target.
INDICATORS: tuple[tuple[str, str, int, int], ...] = (
    ("学术会议参会人数", "人", 200, 900),
    ("科普活动受众", "人次", 1000, 20000),
    ("继续教育培训", "人次", 100, 800),
    ("团体标准发布", "项", 1, 4),
    ("决策咨询报告", "份", 1, 6),
    ("新发展会员", "名", 50, 400),
    ("技术服务企业", "家", 10, 80),
    ("学术诚信讲堂", "场", 2, 8),
    ("期刊发表论文", "篇", 30, 150),
    ("秘书处人员培训", "人次", 10, 60),
    ("成果对接项目", "项", 3, 20),
    ("青年人才推荐", "名", 3, 15),
)

OBJECTION_SUMMARIES: tuple[str, ...] = (
    "反映其申报的学术活动参会人数偏高",
    "反映其申报的科普活动受众人次与实际不符",
    "反映其申报的团体标准尚未正式发布",
    "反映其申报的决策咨询报告未获采纳",
)
OBJECTION_OUTCOMES: tuple[str, ...] = (
    "经核查签到记录和活动影像资料，相关数据与申报材料一致，反映情况不属实，维持拟表彰结果。",
    "经核查原始材料并听取学会说明，申报内容属实，异议不成立，维持拟表彰结果。",
)
FAILED_NOTE = "主要考核指标未完成，资金执行率偏低；依据实施方案终止资金支持。"
PASSED_NOTES: tuple[str, ...] = (
    "各项指标进度符合计划，资金使用规范。",
    "考核指标全部完成，资金单独核算、使用规范。",
    "工作按计划推进，档案资料齐全。",
    "指标完成情况良好，成果材料完整。",
)

# ---------------------------------------------------------------------------------------------------------
# Shape: who applies when, and the quota
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProgrammeShape:
    """How many cycles, which years, and how many applications and award places each cycle has."""

    societies: int
    years: tuple[int, ...]
    per_cycle: int
    first: int  # 一等 places
    second: int  # 二等 places

    @property
    def applications(self) -> int:
        return self.per_cycle * len(self.years)


def shape(societies: int, cycles: int = 10) -> ProgrammeShape:
    if societies < 1:
        raise ValueError("societies must be at least 1")
    if not 1 <= cycles <= 30:
        raise ValueError("cycles must be between 1 and 30")
    per_cycle = min(societies, max(3, round(societies * 0.1)))
    years = tuple(range(LAST_CYCLE - cycles + 1, LAST_CYCLE + 1))
    return ProgrammeShape(societies, years, per_cycle, max(1, per_cycle // 5), max(1, (2 * per_cycle) // 5))


def _applicants(societies: Sequence[SocietyInfo], per_cycle: int, cycle_index: int) -> list[SocietyInfo]:
    """``per_cycle`` consecutive societies (mod n), the window moving by three quarters of its width a
    cycle: consecutive cycles overlap a little, and over ten cycles most societies apply once or twice."""
    n = len(societies)
    step = max(1, (3 * per_cycle + 3) // 4)
    start = (cycle_index * step) % n
    return [societies[(start + j) % n] for j in range(per_cycle)]


# ---------------------------------------------------------------------------------------------------------
# Moving synth's 2026 application to another cycle
# ---------------------------------------------------------------------------------------------------------

_YEARS = re.compile(r"(?<![0-9])(?:(20[0-9]{2})-([0-9]{2})-([0-9]{2})|(2024|2025|2026))(?![0-9])")


def shift_years(text: str, delta: int) -> str:
    """``text`` with every ISO date and every bare year 2024-2026 moved by ``delta`` years (29 February
    becomes the 28th in a common year). Digits inside longer numbers (phones, accounts) are left alone."""
    if delta == 0:
        return text

    def move(match: re.Match[str]) -> str:
        if match.group(4) is not None:
            return str(int(match.group(4)) + delta)
        year, month, day = int(match.group(1)) + delta, int(match.group(2)), int(match.group(3))
        try:
            return date(year, month, day).isoformat()
        except ValueError:  # 29 February in a common year
            return date(year, month, day - 1).isoformat()

    return _YEARS.sub(move, text)


# Given names whose first character never occurs in the public site (its templates, the theme's
# strings, the phrase pools of synth): the build's privacy scan looks for every private name as a bare
# substring of every output file, so a two-character name such as 程文 or 叶文 (from synth.GIVEN) is
# "found" in 工程文献 or 茶叶文献 and stops the build. Private names are redrawn from these.
SAFE_GIVEN: tuple[str, ...] = (
    "伟", "芳", "静", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "霞", "刚", "桂英", "红", "志强",
    "晓东", "丽", "鹏", "婷", "春梅", "晨", "宇", "欣怡", "俊杰", "嘉怡", "浩然", "雨桐",
)  # fmt: skip
_SECRETARY_NAME = re.compile(r"(secretary_general: \{name: )([^,]+)(,)")


def _redraw_names(text: str, rng: random.Random) -> str:
    def person() -> str:
        return rng.choice(synth.SURNAMES) + rng.choice(SAFE_GIVEN)

    return _SECRETARY_NAME.sub(lambda m: m.group(1) + person() + m.group(3), text)


def _application(society: SocietyInfo, year: int, seed: int) -> str:
    # A different seed per cycle: a society that applies twice writes two different applications.
    text = synth.render_application(society, seed=seed * 10_000 + year)
    text = _redraw_names(text, random.Random(f"site-names-{seed}-{year}-{society.index}"))
    return shift_years(text, year - _SOURCE_CYCLE)


# ---------------------------------------------------------------------------------------------------------
# Fixed and office files
# ---------------------------------------------------------------------------------------------------------


def _call(year: int, first: int, second: int) -> str:
    return f"""\
# yaml-language-server: $schema=../../schemas/call.schema.json
# 申报通知（基准测试合成数据）。
schema_version: 1
cycle: {year}
title: 关于开展{year}年度学会能力提升专项申报工作的通知
doc_number: 武科协〔{year}〕18号
issuer: 武汉市科学技术协会
published: "{year}-09-01"
deadline: "{year}-10-31T17:00:00+08:00"
awards:
  - tier: 一等
    count: {first}
    amount: {money(FIRST_AMOUNT)}
  - tier: 二等
    count: {second}
    amount: {money(SECOND_AMOUNT)}
scoring:
  max_points: {{innovation: 30, society_government: 30, scientists: 20, self_development: 20}}
  trim: {TRIM}
  trim_min_reviewers: {TRIM_MIN}
publicity:
  days: 10
  day_kind: calendar
plan_due_days: 30
implementation_period:
  start: "{year + 1}-01-01"
  end: "{year + 1}-10-31"
body: |
  各市属学会：
  为引导学会提升服务创新、服务社会和政府、服务科技工作者以及自我发展四个方面的能力，市科协决定开展{year}年度学会能力提升专项申报工作。本年度采取以奖代补方式，拟表彰一等奖{first}个（每个奖励20万元）、二等奖{second}个（每个奖励10万元）。

  一、申报条件。申报学会须为市科协所属市级学会，{year - 2}、{year - 1}年度社团年检均为合格，并在当年年底前报送年度工作总结和下一年度工作计划；内部管理规范，财务制度健全。

  二、提交方式。各学会在专项代码仓库中新建 submissions/{year}/applications/学会代号.yaml，以拉取请求方式提交，截止时间为{year}年10月31日17时（北京时间）。

  三、评审与实施。专项办公室先行形式审查，再组织专家评审；拟表彰名单公示10天。受表彰学会须在表彰后30日内报送资金管理办法备案，项目实施期为{year + 1}年1月1日至{year + 1}年10月31日。
"""


def _office_files(
    societies: Sequence[SocietyInfo], years: Sequence[int], needed: dict[int, set[str]], seed: int
) -> tuple[dict[str, str], dict[str, set[str]]]:
    """The office records and each expert's affiliations. A year's annual inspections and reports list the
    societies that apply in one of the two following cycles (``needed``): the office files hold one line
    per society and year, and with every society every year the annual reports of 2,000 societies over
    eleven years (1.5 MB) would exceed the 1 MiB file limit of the check (YAML-005)."""
    rng = random.Random(f"site-office-{seed}")
    record_years = range(years[0] - 2, years[-1])  # every cycle needs the two years before it
    inspections = [
        "# yaml-language-server: $schema=../../schemas/annual-inspections.schema.json",
        "# 社团年检结果（基准测试合成数据）。",
        "schema_version: 1",
        "years:",
    ]
    reports = [
        "# yaml-language-server: $schema=../../schemas/annual-reports.schema.json",
        "# 年度工作总结和下一年度计划的报送日期（基准测试合成数据）。",
        "schema_version: 1",
        "years:",
    ]
    for year in record_years:
        inspections.append(f"  {year}:")
        reports.append(f"  {year}:")
        for s in societies:
            if s.slug not in needed.get(year, set()):
                continue
            inspections.append(f"    {s.slug}: 合格")
            summary = synth._rand_date(rng, date(year, 11, 15), date(year, 12, 31))
            plan = synth._rand_date(rng, summary, date(year, 12, 31))
            reports.append(
                f"    {s.slug}: {{summary: {quoted(summary.isoformat())}, plan: {quoted(plan.isoformat())}}}"
            )
    entries: list[str] = []
    for s in societies:
        if rng.random() < 0.3:
            due = synth._rand_date(rng, date(years[0] - 2, 6, 1), date(LAST_CYCLE, 6, 30))
            done = due - timedelta(days=rng.randint(0, 60))
            entries += [
                f"  - id: {due.year}-wt-{s.index:04d}",
                f"    society: {s.slug}",
                f"    title: 武汉市{s.discipline}行业{rng.choice(synth.TOPICS)}调研",
                f"    entrusted_by: {rng.choice(synth.PARTNERS)}",
                f"    due: {quoted(due.isoformat())}",
                "    status: completed",
                f"    completed: {quoted(done.isoformat())}",
            ]
    projects = [
        "# yaml-language-server: $schema=../../schemas/entrusted-projects.schema.json",
        "# 委托项目（基准测试合成数据）。",
        "schema_version: 1",
        *(["projects:", *entries] if entries else ["projects: []"]),
    ]
    affiliations: dict[str, set[str]] = {}
    free = list(societies)  # a society is affiliated with one expert at most: four or five score it
    for ident, _name, _login, _field in EXPERTS:
        chosen = rng.sample(free, min(len(free), rng.randint(0, 2)))
        free = [s for s in free if s not in chosen]
        slugs = sorted(s.slug for s in chosen)
        affiliations[ident] = set(slugs)
    sanctions = [
        "# yaml-language-server: $schema=../../schemas/sanctions.schema.json",
        "# 处理决定（公开；基准测试合成数据）。",
        "schema_version: 1",
        "sanctions: []",
    ]
    files = {
        "office/annual_inspections.yaml": "\n".join(inspections) + "\n",
        "office/annual_reports.yaml": "\n".join(reports) + "\n",
        "office/entrusted_projects.yaml": "\n".join(projects) + "\n",
        "office/sanctions.yaml": "\n".join(sanctions) + "\n",
    }
    return files, affiliations


# ---------------------------------------------------------------------------------------------------------
# Reviews and the ranking
# ---------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Ranked:
    society: SocietyInfo
    totals: list[Decimal] = field(default_factory=list)

    @property
    def score(self) -> Fraction:
        """The trimmed mean of the experts' totals (generator.scoring.aggregate)."""
        totals = sorted(Fraction(t) for t in self.totals)
        n = len(totals)
        kept = totals[TRIM : n - TRIM] if TRIM > 0 and n >= TRIM_MIN and n - 2 * TRIM >= 1 else totals
        return sum(kept, Fraction(0)) / len(kept)


def _ranking(
    year: int, applicants: Sequence[SocietyInfo], affiliations: dict[str, set[str]], seed: int
) -> list[_Ranked]:
    """Every application's totals from the committee's experts, in rank order. The review files and the
    expert pool live in the committee's own repository, not in this tree: only the ranking (the proposed
    list) reaches ``decisions.yaml``."""
    rng = random.Random(f"site-reviews-{seed}-{year}")
    quality = {s.slug: rng.uniform(0.6, 0.92) for s in applicants}
    ranked = {s.slug: _Ranked(s) for s in applicants}
    for ident, _name, _login, _field in EXPERTS:
        bias = rng.uniform(-0.04, 0.04)
        for s in sorted(applicants, key=lambda x: x.slug):
            if s.slug in affiliations[ident]:
                continue
            points: dict[str, Decimal] = {}
            for area, top in MAX_POINTS.items():
                share = min(1.0, max(0.0, quality[s.slug] + bias + rng.gauss(0, 0.04)))
                points[area] = Decimal(round(top * share * 2)) / 2
            ranked[s.slug].totals.append(sum(points.values(), Decimal(0)))
    return sorted(ranked.values(), key=lambda r: (-r.score, r.society.slug))


# ---------------------------------------------------------------------------------------------------------
# After the award: plans and reports
# ---------------------------------------------------------------------------------------------------------


def _split(rng: random.Random, total_cents: int, parts: int, minimum: int) -> list[int]:
    """``total_cents`` in ``parts`` positive amounts (each ≥ ``minimum`` cents) summing to it exactly."""
    weights = [rng.uniform(0.5, 2.0) for _ in range(parts)]
    scale = sum(weights)
    spare = total_cents - minimum * parts
    amounts = [minimum + int(spare * w / scale) for w in weights]
    amounts[-1] += total_cents - sum(amounts)
    return amounts


def _item(rng: random.Random, filler: synth._Filler, category: str) -> str:
    while True:
        item = filler.fill(rng.choice(synth.ITEMS[category]))
        if not synth._has_suspicious(item):
            return item


def _after_award(
    s: SocietyInfo, year: int, award: Decimal, commended: date, seed: int
) -> tuple[dict[str, str], bool]:
    """The plan, the midterm and the final report of one awardee; and whether the final check passes."""
    rng = random.Random(f"site-award-{seed}-{year}-{s.index}")
    filler = synth._Filler(rng, s)
    start, end = date(year + 1, 1, 1), date(year + 1, 10, 31)
    midterm_as_of, final_as_of = date(year + 1, 7, 10), date(year + 1, 10, 31)
    filed = commended + timedelta(days=rng.randint(5, 28))
    indicators = rng.sample(INDICATORS, rng.randint(3, 5))
    targets = [rng.randint(lo, hi) for _, _, lo, hi in indicators]
    categories = rng.sample(sorted(synth.CATEGORY_AREA), rng.randint(3, 6))
    award_cents = int(award * 100)
    planned_cents = award_cents - rng.randrange(0, award_cents // 10 + 1, 100_00)  # whole hundreds of yuan
    directions = _split(rng, planned_cents, len(categories), 5_000_00)
    directions = [d - d % 100_00 for d in directions]  # fund directions in whole hundreds of yuan
    tasks = sorted(synth._rand_date(rng, start, end) for _ in range(3))
    focus = rng.sample(synth.FOCUS, rng.randint(3, 4))
    approach = filler.fill(rng.choice(synth.APPROACH))
    plan = [
        "# yaml-language-server: $schema=../../../schemas/plan.schema.json",
        "# 资金管理办法（基准测试合成数据）。",
        "schema_version: 1",
        f"cycle: {year}",
        f"society: {s.slug}",
        f"filed: {quoted(filed.isoformat())}",
        f"management_rules: {scalar(s.name + '能力提升专项资金管理办法')}",
        f"approach: {scalar(approach)}",
        f"focus: {flow_list(focus)}",
        "milestones:",
        *(
            f"  - {{due: {quoted(day.isoformat())}, task: {scalar(f'完成{name}阶段任务', flow=True)}}}"
            for day, (name, _, _, _) in zip(tasks, indicators, strict=False)
        ),
        "indicators:",
        *(
            f"  - {{name: {name}, unit: {unit}, target: {target}}}"
            for (name, unit, _, _), target in zip(indicators, targets, strict=True)
        ),
        "fund_directions:",
        *(
            f"  - {{category: {c}, amount: {money(Decimal(a) / 100)}}}"
            for c, a in zip(categories, directions, strict=True)
        ),
    ]
    failed = rng.random() < 0.07
    spending: list[tuple[date, str, str, int]] = []
    for category, planned in zip(categories, directions, strict=True):
        spent = int(planned * rng.uniform(0.35, 0.6) if failed else planned * rng.uniform(0.85, 1.0))
        for amount in _split(rng, spent, rng.randint(1, 3), 500_00):
            day = synth._rand_date(rng, start + timedelta(days=14), end - timedelta(days=1))
            spending.append((day, category, _item(rng, filler, category), amount))
    spending.sort()
    files = {f"{year}/plans/{s.slug}.yaml": "\n".join(plan) + "\n"}
    for stage, as_of in (("midterm", midterm_as_of), ("final", final_as_of)):
        done = 0.3 if failed else 1.0
        share = rng.uniform(0.35, 0.6) if stage == "midterm" else rng.uniform(1.0, 1.2) * done
        lines = [s_ for s_ in spending if s_[0] <= as_of]
        total = sum(a for *_, a in lines)
        summary = (
            f"截至{as_of.year}年{as_of.month}月{as_of.day}日，{'、'.join(n for n, *_ in indicators[:2])}等指标"
            f"{'按计划推进' if stage == 'midterm' else ('未全部完成' if failed else '全部完成')}，"
            f"累计支出{money(Decimal(total) / 100)}元。"
        )
        report = [
            "# yaml-language-server: $schema=../../../schemas/report.schema.json",
            f"# {'中期' if stage == 'midterm' else '总结'}报告（基准测试合成数据）。",
            "schema_version: 1",
            f"cycle: {year}",
            f"society: {s.slug}",
            f"stage: {stage}",
            f"as_of: {quoted(as_of.isoformat())}",
            "indicators:",
            *(
                f"  - {{name: {name}, actual: {int(target * share)}}}"
                for (name, _, _, _), target in zip(indicators, targets, strict=True)
            ),
            "spending:" if lines else "spending: []",
            *(
                f"  - {{date: {quoted(day.isoformat())}, category: {c}, item: {scalar(item, flow=True)}, "
                f"amount: {money(Decimal(a) / 100)}}}"
                for day, c, item, a in lines
            ),
            f"summary: {scalar(summary)}",
        ]
        files[f"{year}/reports/{s.slug}.{stage}.yaml"] = "\n".join(report) + "\n"
    return files, not failed


# ---------------------------------------------------------------------------------------------------------
# One cycle
# ---------------------------------------------------------------------------------------------------------


def _cycle(
    year: int,
    applicants: Sequence[SocietyInfo],
    plan: ProgrammeShape,
    affiliations: dict[str, set[str]],
    seed: int,
    complete: bool,
) -> dict[str, str]:
    files: dict[str, str] = {f"{year}/call.yaml": _call(year, plan.first, plan.second)}
    for s in applicants:
        files[f"{year}/applications/{s.slug}.yaml"] = _application(s, year, seed)
    order = _ranking(year, applicants, affiliations, seed)
    proposed = [
        (r.society, "一等" if i < plan.first else "二等", FIRST_AMOUNT if i < plan.first else SECOND_AMOUNT)
        for i, r in enumerate(order[: plan.first + plan.second])
    ]
    rng = random.Random(f"site-decisions-{seed}-{year}")
    lines = [
        "# yaml-language-server: $schema=../../schemas/decisions.schema.json",
        "# 专项办公室的决定记录（基准测试合成数据）。",
        "schema_version: 1",
        f"cycle: {year}",
        "formal_review:",
        f'  date: "{year}-11-06"',
        "  results:",
        *(
            f"    {s.slug}: {{passed: true, verified: {{independent_bank_account: true, finance_staff: true}}}}"
            for s in sorted(applicants, key=lambda x: x.slug)
        ),
        "expert_review:",
        f'  date: "{year}-11-20"',
        "proposed:",
        *(f"  - {{society: {s.slug}, tier: {tier}}}" for s, tier, _ in proposed),
        "publicity:",
        f'  start: "{year}-11-25"',
        "  channels: [武汉科协官网, 本站]",
        f"  doc_number: 武科协〔{year}〕25号",
        f"  title: 关于{year}年度学会能力提升专项拟表彰学会名单的公示",
    ]
    if not complete:
        lines += [
            "objections: []",
            "commendation:",
            "  date: null",
            "  doc_number: null",
            "  awards: []",
            "inspections:",
            "  midterm: {}",
            "  final: {}",
        ]
        return {**files, f"{year}/decisions.yaml": "\n".join(lines) + "\n"}
    target = rng.choice(proposed)[0]
    received = date(year, 11, 25) + timedelta(days=rng.randint(1, 6))
    resolved = received + timedelta(days=rng.randint(1, 3))
    commended = date(year, 12, 10)
    lines += [
        "objections:",
        f"  - id: {year}-yy-01",
        f"    received: {quoted(received.isoformat())}",
        f"    society: {target.slug}",
        f"    summary: {rng.choice(OBJECTION_SUMMARIES)}",
        "    status: dismissed",
        f"    resolved: {quoted(resolved.isoformat())}",
        f"    outcome: {rng.choice(OBJECTION_OUTCOMES)}",
        "commendation:",
        f'  date: "{commended.isoformat()}"',
        f"  doc_number: 武科协〔{year}〕28号",
        "  awards:",
        *(
            f"    - {{society: {s.slug}, tier: {tier}, amount: {money(amount)}}}"
            for s, tier, amount in proposed
        ),
    ]
    passed: dict[str, bool] = {}
    for s, _tier, amount in proposed:
        award_files, passed[s.slug] = _after_award(s, year, amount, commended, seed)
        files.update(award_files)
    lines += ["inspections:", "  midterm:", f'    date: "{year + 1}-07-20"', "    results:"]
    lines += [f"      {s.slug}: {{result: 合格, note: {rng.choice(PASSED_NOTES)}}}" for s, _, _ in proposed]
    lines += ["  final:", f'    date: "{year + 1}-11-16"', "    results:"]
    lines += [
        f"      {s.slug}: {{result: 合格, note: {rng.choice(PASSED_NOTES)}}}"
        if passed[s.slug]
        else f"      {s.slug}: {{result: 不合格, note: {FAILED_NOTE}}}"
        for s, _, _ in proposed
    ]
    files[f"{year}/decisions.yaml"] = "\n".join(lines) + "\n"
    return files


# ---------------------------------------------------------------------------------------------------------
# The tree
# ---------------------------------------------------------------------------------------------------------


def make_programme(root: Path, societies: int, cycles: int = 10, seed: int = 0) -> None:
    """Write a complete valid programme of ``societies`` societies and ``cycles`` cycles (the last one
    2026, in publicity) under ``root/submissions/``."""
    plan = shape(societies, cycles)
    base = Path(root) / "submissions"
    infos = synth._societies(societies, seed)
    applicants = {year: _applicants(infos, plan.per_cycle, i) for i, year in enumerate(plan.years)}
    needed: dict[int, set[str]] = {}
    for year, group in applicants.items():
        for record_year in (year - 2, year - 1):
            needed.setdefault(record_year, set()).update(s.slug for s in group)
    files: dict[str, str] = {"programme.yaml": synth.PROGRAMME_YAML}
    office, affiliations = _office_files(infos, plan.years, needed, seed)
    files.update(office)
    for s in infos:
        files[f"societies/{s.slug}.yaml"] = synth.render_society(s, seed)
    for year, group in applicants.items():
        files.update(_cycle(year, group, plan, affiliations, seed, complete=year != LAST_CYCLE))
    for rel in sorted(files):
        synth._write(base / rel, files[rel])
