"""Fund use, 五（三）: what the award may pay for, and exact money arithmetic on budgets."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from decimal import Decimal

from generator.model import Dataset, Programme, fmt_money
from generator.rules import checklist
from generator.rules.base import ERROR, WARNING, Context, Hit, Message, Rule, rule
from generator.yamlio import DataPath

# The messages of every rule that checks an expense category (FUND-001, PLAN-003, RPT-002).
CATEGORY_MESSAGES = {
    "forbidden": Message(
        "专项资金不得用于“{title}”（{category}）。",
        "The award may not pay for {category} ({title}).",
        "请删除这一项，或改用学会自有资金支出。",
    ),
    "unknown_close": Message(
        "支出类别“{category}”不是专项设置中的类别。",
        "Unknown expense category {category!r}.",
        "是不是想写 {close}？（区分大小写）",
    ),
    "unknown": Message(
        "支出类别“{category}”不是专项设置中的类别。",
        "Unknown expense category {category!r}.",
        "可用类别：{options}。",
    ),
}

# The message of every rule that reads line items for forbidden uses (FUND-005, RPT-003).
SUSPICIOUS_MESSAGE = Message(
    "“{text}”含有“{found}”，可能属于不得列支的“{title}”，请评审时留意。",
    "{text!r} mentions {found_en}: possibly {forbidden}, which the award may not pay for.",
    "如确属“{category}”类业务支出，请把事项写具体（用途、对象）；否则请删除。",
)


def category_problem(programme: Programme, category: str) -> tuple[str, dict[str, str]] | None:
    """(message variant of ``CATEGORY_MESSAGES``, its values) when ``category`` is forbidden or unknown;
    None when it is allowed."""
    if category in programme.categories:
        return None
    if category in programme.forbidden:
        return "forbidden", {"title": programme.forbidden[category], "category": category}
    options = sorted(programme.categories)
    close = difflib.get_close_matches(category.lower(), options, n=1)
    if close:
        return "unknown_close", {"category": category, "close": close[0]}
    return "unknown", {"category": category, "options": ", ".join(options)}


@rule(
    "FUND-001",
    ERROR,
    "五（三）",
    "预算只列专项允许的支出类别（不得用于人员、日常办公、捐款、赞助、罚款、还贷、对外投资、基建及无关支出）",
    "Budget lines use allowed categories only (never forbidden or unknown ones)",
    checklist=checklist.BUDGET,
    messages=CATEGORY_MESSAGES,
)
def budget_categories(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a forbidden category)::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -     - {category: governance,        item: 学会治理制度修订与培训,       amount: 30000.00}
        +     - {category: personnel,        item: 学会治理制度修订与培训,       amount: 30000.00}

    Passes::

        (the minimal tree)
    """
    programme = data.programme
    if programme is None:
        return
    for _cycle, app in data.applications():
        for line in app.budget:
            problem = category_problem(programme, line.category)
            if problem:
                variant, values = problem
                path = ("budget", "lines", line.index, "category")
                yield Hit(app.file, path, *budget_categories.text(variant, **values))


def _difference(diff: Decimal) -> str:
    """How the lines' sum differs from the total, in words that never print "-0.00": which is larger, by
    how much, and for less than a fen the exact amount."""
    side = "合计比申请总额少" if diff > 0 else "合计比申请总额多"
    if abs(diff) < Decimal("0.01"):
        return f"{side} {abs(diff).normalize():f} 元，不到 1 分；金额最多写到分（两位小数）"
    return f"{side} {fmt_money(abs(diff))} 元"


@rule(
    "FUND-002",
    ERROR,
    "五（三）",
    "预算各项金额之和与申请总额完全相等",
    "Budget lines sum exactly to the requested total",
    checklist=checklist.BUDGET,
    message=Message(
        "预算各项合计 {total_yuan} 元，与申请总额 {requested_total_yuan} 元不符（{difference}）。",
        "Lines sum to {total}, the requested total is {requested_total}.",
        "请核对各项金额或申请总额，使两者完全相等。",
    ),
)
def budget_sum(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (lines do not add up to the total)::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -     - {category: governance,        item: 学会治理制度修订与培训,       amount: 30000.00}
        +     - {category: governance,        item: 学会治理制度修订与培训,       amount: 30000.01}

    Passes::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -     - {category: governance,        item: 学会治理制度修订与培训,       amount: 30000.00}
        +     - {category: governance,        item: 学会治理制度修订与培训,       amount: 30000}
    """
    for _cycle, app in data.applications():
        total = app.budget_sum
        if total != app.requested_total:
            diff = app.requested_total - total
            yield budget_sum.hit(
                app.file,
                ("budget", "requested_total"),
                total_yuan=fmt_money(total),
                requested_total_yuan=fmt_money(app.requested_total),
                difference=_difference(diff),
                total=total,
                requested_total=app.requested_total,
            )


@rule(
    "FUND-003",
    ERROR,
    "五（三）",
    "申请总额不超过申报通知中最高一档奖励金额",
    "The request does not exceed the call's largest award",
    checklist=checklist.BUDGET,
    message=Message(
        "申请总额 {requested_total_yuan} 元超过本年度最高奖励 {largest_yuan} 元。",
        "The request {requested_total} exceeds the largest award {largest}.",
        "请把申请总额及预算调整到 {largest_yuan} 元以内。",
    ),
)
def request_within_award(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a request above the largest award)::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -   requested_total: 200000.00
        +   requested_total: 200000.01
        -     - {category: governance,        item: 学会治理制度修订与培训,       amount: 30000.00}
        +     - {category: governance,        item: 学会治理制度修订与培训,       amount: 30000.01}

    Passes::

        (the minimal tree)
    """
    for _cycle, app in data.applications():
        cycle = data.cycles.get(app.cycle)
        call = cycle.call if cycle else None
        if call is None or not call.awards:
            continue
        largest = call.largest_award
        if app.requested_total > largest:
            yield request_within_award.hit(
                app.file,
                ("budget", "requested_total"),
                requested_total_yuan=fmt_money(app.requested_total),
                largest_yuan=fmt_money(largest),
                requested_total=app.requested_total,
                largest=largest,
            )


@rule(
    "FUND-004",
    ERROR,
    "五（三）",
    "专项资金纳入学会财务统一管理、单独核算",
    "The award is accounted for separately",
    checklist=checklist.BUDGET,
    message=Message(
        "没有承诺对专项资金单独核算。",
        "The budget does not commit to separate accounting.",
        "专项资金须纳入学会财务统一管理、单独核算、专款专用：请改为 true。",
    ),
)
def separate_accounting(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (no separate accounting)::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -   separate_accounting: true              # 纳入学会财务统一管理，单独核算
        +   separate_accounting: false              # 纳入学会财务统一管理，单独核算

    Passes::

        (the minimal tree)
    """
    for _cycle, app in data.applications():
        if not app.separate_accounting:
            yield separate_accounting.hit(app.file, ("budget", "separate_accounting"))


def suspicious_hits(
    rule: Rule, programme: Programme, file: str, path: DataPath, text: str, category: str
) -> Iterator[Hit]:
    """``rule``'s hits (its ``suspicious`` message) for words of a forbidden use in ``text``."""
    for forbidden, words in sorted(programme.suspicious_words.items()):
        found = [w for w in words if w in text]
        if found:
            yield rule.hit(
                file,
                path,
                "suspicious",
                text=text,
                found="、".join(found),
                found_en=", ".join(found),
                title=programme.forbidden.get(forbidden, forbidden),
                forbidden=forbidden,
                category=category,
            )


@rule(
    "FUND-005",
    WARNING,
    "五（三）",
    "支出事项的文字不像不得列支的用途（工资、装修、罚款等），供评审参考",
    "Line items do not read like a forbidden use (wages, renovation, fines …)",
    checklist=checklist.BUDGET,
    messages={"suspicious": SUSPICIOUS_MESSAGE},
)
def suspicious_words(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a suspicious word in an allowed category)::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -     - {category: governance,        item: 学会治理制度修订与培训,       amount: 30000.00}
        +     - {category: governance,        item: 秘书处办公室装修,       amount: 30000.00}

    Passes::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -     - {category: governance,        item: 学会治理制度修订与培训,       amount: 30000.00}
        +     - {category: governance,        item: 学会治理制度修订研讨会,       amount: 30000.00}
    """
    programme = data.programme
    if programme is None:
        return
    for _cycle, app in data.applications():
        for line in app.budget:
            if line.category in programme.categories:
                yield from suspicious_hits(
                    suspicious_words,
                    programme,
                    app.file,
                    ("budget", "lines", line.index, "item"),
                    line.item,
                    programme.categories[line.category].title,
                )


def _money_fields(data: Dataset) -> Iterator[tuple[str, DataPath, Decimal]]:
    for _cycle, app in data.applications():
        yield app.file, ("budget", "requested_total"), app.requested_total
        for line in app.budget:
            yield app.file, ("budget", "lines", line.index, "amount"), line.amount
    for year in sorted(data.cycles):
        cycle = data.cycles[year]
        if cycle.call:
            for i, tier in enumerate(cycle.call.awards):
                yield cycle.call.file, ("awards", i, "amount"), tier.amount
        if cycle.decisions:
            for award in cycle.decisions.awards:
                yield cycle.decisions.file, ("commendation", "awards", award.index, "amount"), award.amount
        for plan in cycle.plans.values():
            for d in plan.fund_directions:
                yield plan.file, ("fund_directions", d.index, "amount"), d.amount
        for report in cycle.reports.values():
            for s in report.spending:
                yield report.file, ("spending", s.index, "amount"), s.amount
    if data.office.sanctions and data.office.sanctions_file:
        for sanction in data.office.sanctions:
            yield (
                data.office.sanctions_file,
                ("sanctions", sanction.index, "reclaim_amount"),
                sanction.reclaim_amount,
            )


@rule(
    "FUND-006",
    ERROR,
    "五（三）",
    "金额为不小于 0 的数，最多两位小数（精确到分）",
    "Amounts are ≥ 0 with at most two decimals",
    checklist=checklist.BUDGET,
    message=Message(
        "金额 {amount} 不是精确到分的非负数。",
        "Amount {amount} is not a non-negative amount in yuan and fen.",
        "金额以元为单位，最多两位小数，如 80000.00。",
    ),
)
def money_precision(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (an amount with fractions of a fen)::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -     - {category: academic_exchange, item: 第十三届华中机械工程学术年会, amount: 80000.00}
        +     - {category: academic_exchange, item: 第十三届华中机械工程学术年会, amount: 80000.005}
        -     - {category: governance,        item: 学会治理制度修订与培训,       amount: 30000.00}
        +     - {category: governance,        item: 学会治理制度修订与培训,       amount: 29999.995}

    Passes::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -     - {category: governance,        item: 学会治理制度修订与培训,       amount: 30000.00}
        +     - {category: governance,        item: 学会治理制度修订与培训,       amount: 30000.000}
    """
    for file, path, amount in _money_fields(data):
        exponent = amount.as_tuple().exponent
        if (
            not amount.is_finite()
            or amount < 0
            or (isinstance(exponent, int) and exponent < -2 and amount != amount.quantize(Decimal("0.01")))
        ):
            yield money_precision.hit(file, path, amount=amount)


RULES = (
    budget_categories,
    budget_sum,
    request_within_award,
    separate_accounting,
    suspicious_words,
    money_precision,
)
