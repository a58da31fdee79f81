"""Every rule with a check: one failing case (the rule fires, at the right file) and one passing case (a near
miss that must not fire). The baseline fixture itself must be clean.

A case's tree holds both repositories: the shared tree's paths, and the committee repository's under
``committee/`` (``xuehui check --committee``); a tree without committee files is checked alone. Unless a case
says otherwise, the office re-records the results after the case's edit (as ``rank --record`` would)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from generator.checker import CheckResult
from generator.findings import Severity
from generator.rules import ALL_RULES
from generator.rules.references import credit_code_check_char
from tests.helpers import (
    APP,
    CALL,
    DECISIONS,
    INSPECTIONS,
    MIDTERM,
    MINI,
    PLAN,
    PROJECTS,
    REPORTS,
    RESULTS,
    SANCTIONS,
    SOCIETY,
    VERIFIED,
    append,
    by_rule,
    edit,
    mini_committee,
    mini_results,
    mini_tree,
    run,
)

Tree = dict[str, bytes]


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    fail: Callable[[Tree], None]
    ok: Callable[[Tree], None]
    file: str = APP
    now: str = "2026-11-26"
    submitted: tuple[str, ...] = ()
    office: bool = False
    near_miss_clean: bool = True  # the near miss leaves the whole tree without errors
    awarded: bool = False  # start from the tree in which the proposed society was commended (helpers)
    rerecord: bool = True  # the office records the results again after the edit
    also: tuple[str, ...] = ()  # further files the rule flags (both files of a clash)
    publicised: bool = False  # a pull request whose base had publicised the minimal list (SUBST-005)


C = "committee/"  # the committee repository's files in a case's tree


def both_trees(awarded: bool = False) -> Tree:
    tree = mini_tree(awarded)
    tree.update({C + path: raw for path, raw in mini_committee().items()})
    return tree


def run_case(tree: Tree, case: Case, now: str) -> CheckResult:
    shared = {p: r for p, r in tree.items() if not p.startswith(C)}
    committee = {p.removeprefix(C): r for p, r in tree.items() if p.startswith(C)}
    if committee and case.rerecord and RESULTS in shared:
        shared[RESULTS] = mini_results(shared, committee)
    publicised = {2026: frozenset({"wuhan-mechanical-engineering"})} if case.publicised else None
    return run(
        shared,
        now=now,
        submitted=case.submitted,
        office=case.office,
        committee=committee or None,
        publicised=publicised,
    )


def valid_code(body: str) -> str:
    """A credit code with a correct check character: ``51420100`` + ``body`` (9 characters)."""
    first17 = "51420100" + body
    check = credit_code_check_char(first17)
    assert check is not None
    return first17 + check


OTHER_CODE = valid_code("500099991")


def nothing(tree: Tree) -> None:
    """The passing side of cases whose near miss is the untouched fixture."""


def sanction(kind: str, decided: str, bans: bool = False) -> Callable[[Tree], None]:
    def apply(tree: Tree) -> None:
        edit(
            tree,
            SANCTIONS,
            "sanctions: []",
            "sanctions:\n"
            f'  - {{id: t-1, society: wuhan-mechanical-engineering, decided: "{decided}", kind: {kind},'
            f" summary: 测试记录, revoke_award: false, reclaim_amount: 0.00, bans_applications: {str(bans).lower()}}}",
        )

    return apply


def project(status: str, due: str, completed: str | None = None) -> Callable[[Tree], None]:
    def apply(tree: Tree) -> None:
        edit(tree, PROJECTS, 'due: "2025-11-30"', f'due: "{due}"')
        edit(tree, PROJECTS, "status: completed", f"status: {status}")
        if completed is None:
            edit(tree, PROJECTS, '    completed: "2025-11-20"\n', "")
        else:
            edit(tree, PROJECTS, 'completed: "2025-11-20"', f'completed: "{completed}"')

    return apply


def second_society(slug: str, code: str, name: str | None = None) -> Callable[[Tree], None]:
    """A copy of the society's profile for ``slug``: its own credit code and name (by default one of its own)."""

    def apply(tree: Tree) -> None:
        text = tree[SOCIETY].decode()
        text = text.replace("slug: wuhan-mechanical-engineering", f"slug: {slug}")
        text = text.replace("51420100500012358X", code)
        text = text.replace("name: 武汉市机械工程学会", f"name: {name or '武汉市另一学会（' + slug + '）'}")
        tree[f"submissions/societies/{slug}.yaml"] = text.encode()

    return apply


def second_application(society_field: str) -> Callable[[Tree], None]:
    def apply(tree: Tree) -> None:
        second_society("wuhan-other", OTHER_CODE)(tree)
        text = (
            tree[APP].decode().replace("society: wuhan-mechanical-engineering", f"society: {society_field}")
        )
        tree["submissions/2026/applications/wuhan-other.yaml"] = text.encode()

    return apply


def move_application_to(year: int) -> Callable[[Tree], None]:
    def apply(tree: Tree) -> None:
        text = tree.pop(APP).decode().replace("cycle: 2026", f"cycle: {year}")
        tree[f"submissions/{year}/applications/wuhan-mechanical-engineering.yaml"] = text.encode()

    return apply


def attachment(with_file: bool) -> Callable[[Tree], None]:
    def apply(tree: Tree) -> None:
        append(tree, APP, "attachments:\n  - {title: 年检结论, file: 年检结论.pdf}\n")
        if with_file:
            tree["submissions/2026/attachments/wuhan-mechanical-engineering/年检结论.pdf"] = b"%PDF-1.4\n"

    return apply


def e(path: str, old: str, new: str) -> Callable[[Tree], None]:
    return lambda tree: edit(tree, path, old, new)


def both(*steps: Callable[[Tree], None]) -> Callable[[Tree], None]:
    def apply(tree: Tree) -> None:
        for step in steps:
            step(tree)

    return apply


REVIEW_ZHAO = C + "2026/reviews/expert-zhao.yaml"
REVIEW_QIAN = C + "2026/reviews/expert-qian.yaml"
REVIEW_SUN = C + "2026/reviews/expert-sun.yaml"
REVIEW_LI = C + "2026/reviews/expert-li.yaml"
REVIEW_ZHOU = C + "2026/reviews/expert-zhou.yaml"
COMMITTEE_FILE = C + "2026/committee.yaml"
OTHER = "wuhan-other"
OTHER_APPLICATION = f"submissions/2026/applications/{OTHER}.yaml"


LEGACY_TRIM = "  trim: 1                                  # with 5 or more reviewers, drop this many highest and lowest totals\n"
OTHER_CATEGORY_ALL_FIRST = "{tier: 一等, count: 3}, {tier: 二等, count: 0}"
OTHER_CATEGORY_REST = "{tier: 一等, count: 2}, {tier: 二等, count: 4}"


def categories(engineering: str, other: str | None = None) -> Callable[[Tree], None]:
    """The call's categories (分类实施): engineering with the given quotas, and another category if asked."""
    lines = f"  - {{id: engineering, name: 工程技术类, awards: [{engineering}]}}\n"
    if other is not None:
        lines += f"  - {{id: other, name: 其他, awards: [{other}]}}\n"
    return e(CALL, "publicity:\n", "categories:\n" + lines + "publicity:\n")


in_engineering = e(SOCIETY, "name: 武汉市机械工程学会\n", "name: 武汉市机械工程学会\ncategory: engineering\n")


def rubric(academic: int, transfer: int) -> Callable[[Tree], None]:
    """A rubric for the innovation area with two sub-items of the given maxima."""
    anchors = "anchors: {high: 高, middle: 中, low: 低}"
    return e(
        CALL,
        "  max_points: {innovation: 30, society_government: 30, scientists: 20, self_development: 20}\n",
        "  max_points: {innovation: 30, society_government: 30, scientists: 20, self_development: 20}\n"
        "  rubric:\n    innovation:\n"
        f"      - {{id: academic, name: 学术交流, max: {academic}, {anchors}}}\n"
        f"      - {{id: transfer, name: 成果转化, max: {transfer}, {anchors}}}\n",
    )


def review_file(expert: str, scores: str, conflicts: str = "[]") -> bytes:
    return (
        f"schema_version: 1\ncycle: 2026\nexpert: {expert}\nconflicts: {conflicts}\nscores:\n{scores}"
    ).encode()


def score_line(society: str, a: int, b: int, c: int, d: int) -> str:
    return (
        f"  - society: {society}\n"
        f"    points: {{innovation: {a}, society_government: {b}, scientists: {c}, self_development: {d}}}\n"
        "    comment: 测试评分\n"
    )


def second_applicant(tree: Tree) -> None:
    """A second, complete applicant that every committee member scores lower than the first."""
    second_application(OTHER)(tree)
    edit(tree, "submissions/office/annual_inspections.yaml", "2024:\n", f"2024:\n    {OTHER}: 合格\n")
    edit(tree, "submissions/office/annual_inspections.yaml", "2025:\n", f"2025:\n    {OTHER}: 合格\n")
    edit(tree, REPORTS, "2024:\n", f'2024:\n    {OTHER}: {{summary: "2024-12-20", plan: "2024-12-20"}}\n')
    edit(tree, REPORTS, "2025:\n", f'2025:\n    {OTHER}: {{summary: "2025-12-20", plan: "2025-12-20"}}\n')
    edit(
        tree,
        DECISIONS,
        "    wuhan-mechanical-engineering: {passed: true" + VERIFIED + "}",
        f"    wuhan-mechanical-engineering: {{passed: true{VERIFIED}}}\n    {OTHER}: {{passed: true{VERIFIED}}}",
    )
    for path in (REVIEW_ZHAO, REVIEW_QIAN, REVIEW_LI, REVIEW_ZHOU):
        tree[path] = tree[path] + score_line(OTHER, 10, 10, 10, 10).encode()
    tree[REVIEW_SUN] = review_file(
        "expert-sun", score_line(OTHER, 10, 10, 10, 10), "[wuhan-mechanical-engineering]"
    )


def proposed(*entries: str) -> Callable[[Tree], None]:
    def apply(tree: Tree) -> None:
        second_applicant(tree)
        edit(
            tree,
            DECISIONS,
            "  - {society: wuhan-mechanical-engineering, tier: 一等}\n",
            "".join(f"  - {{society: {e}}}\n" for e in entries),
        )

    return apply


def objection(status: str, received: str, resolved: str | None = None) -> Callable[[Tree], None]:
    def apply(tree: Tree) -> None:
        extra = f', resolved: "{resolved}", outcome: 经核实不成立' if resolved else ""
        edit(
            tree,
            DECISIONS,
            "objections: []",
            "objections:\n"
            f'  - {{id: 2026-yy-01, received: "{received}", society: wuhan-mechanical-engineering,'
            f" summary: 反映参会人数不实, status: {status}{extra}}}",
        )

    return apply


def commendation(date: str, amount: str = "200000.00", tier: str = "一等") -> Callable[[Tree], None]:
    def apply(tree: Tree) -> None:
        edit(
            tree,
            DECISIONS,
            "  date: null\n  doc_number: null\n  awards: []",
            f'  date: "{date}"\n  doc_number: 武科协〔2026〕30号\n'
            f"  awards:\n    - {{society: wuhan-mechanical-engineering, tier: {tier}, amount: {amount}}}",
        )

    return apply


def restore(path: str) -> Callable[[Tree], None]:
    """Put a normative file back (the default tree leaves the 2026 plan and report out)."""
    return lambda tree: tree.__setitem__(path, (MINI / path).read_bytes())


def inspection(stage: str, day: str, result: str = "合格") -> Callable[[Tree], None]:
    return e(
        DECISIONS,
        f"  {stage}: {{}}",
        f'  {stage}: {{date: "{day}", results: {{wuhan-mechanical-engineering: {{result: {result}, note: 按计划推进}}}}}}',
    )


def revocation(cycle: int, decided: str, due: str | None = None) -> Callable[[Tree], None]:
    def apply(tree: Tree) -> None:
        repayment = f', repayment_due: "{due}"' if due else ""  # CLAW-001: a claw-back names its due date
        edit(
            tree,
            SANCTIONS,
            "sanctions: []",
            "sanctions:\n"
            f'  - {{id: t-9, society: wuhan-mechanical-engineering, decided: "{decided}", kind: fraud, cycle: {cycle},'
            f" summary: 虚报业绩, revoke_award: true, reclaim_amount: 33000.00, bans_applications: true{repayment}}}",
        )

    return apply


AFTER = "2027-08-01"


LINE_80K = "{category: academic_exchange, item: 第十三届华中机械工程学术年会, amount: 80000.00}"

CASES: list[Case] = [
    Case(
        "FILE-002",
        "slug differs from file name",
        e(SOCIETY, "slug: wuhan-mechanical-engineering", "slug: wuhan-mech"),
        e(SOCIETY, "name: 武汉市机械工程学会", "name: 武汉市机械工程学会（更名）"),
        SOCIETY,
    ),
    Case("FILE-003", "cycle differs from folder", e(APP, "cycle: 2026", "cycle: 2025"), nothing),
    Case(
        "REF-001",
        "office record names an unknown society",
        e(PROJECTS, "society: wuhan-mechanical-engineering", "society: wuhan-nobody"),
        nothing,
        PROJECTS,
    ),
    Case(
        "REF-002",
        "committee names an unknown expert",
        e(COMMITTEE_FILE, "members: [expert-zhao,", "members: [expert-nobody,"),
        e(COMMITTEE_FILE, "members: [expert-zhao, expert-qian,", "members: [expert-qian, expert-zhao,"),
        COMMITTEE_FILE,
    ),
    Case(
        "SOC-001",
        "credit code check character wrong",
        e(SOCIETY, "51420100500012358X", "51420100500012358Y"),
        nothing,
        SOCIETY,
    ),
    Case(
        "SOC-002",
        "credit code of a company, not a social organisation",
        e(SOCIETY, "51420100500012358X", '"914403001922038216"'),
        nothing,
        SOCIETY,
    ),
    Case(
        "SOC-003",
        "two societies share a credit code",
        second_society("wuhan-other", "51420100500012358X"),
        second_society("wuhan-other", OTHER_CODE),
        "submissions/societies/wuhan-other.yaml",
    ),
    Case(
        "SOC-004",
        "a second society under the same name, written with a space",
        second_society("wuhan-other", OTHER_CODE, "武汉市 机械工程学会"),
        second_society("wuhan-other", OTHER_CODE, "武汉市机械工程学会分会"),
        "submissions/societies/wuhan-other.yaml",
        also=(SOCIETY,),
    ),
    Case(
        "SOC-004",
        "a short name that is another society's name (case and full-width folded)",
        both(
            second_society("wuhan-other", OTHER_CODE, "Wuhan ＡＩ Society"),
            e(SOCIETY, "name: 武汉市机械工程学会", "name: 武汉市机械工程学会\nshort_name: wuhan ai society"),
        ),
        second_society("wuhan-other", OTHER_CODE, "Wuhan AI Society"),
        SOCIETY,
        also=("submissions/societies/wuhan-other.yaml",),
    ),
    Case(
        "APP-001",
        "a second application for the same society",
        second_application("wuhan-mechanical-engineering"),
        second_application("wuhan-other"),
        "submissions/2026/applications/wuhan-other.yaml",
        near_miss_clean=False,  # the other society has no office records: other rules speak
    ),
    Case(
        "CALL-001",
        "an application for a cycle without a call",
        move_application_to(2027),
        nothing,
        "submissions/2027/applications/wuhan-mechanical-engineering.yaml",
    ),
    Case(
        "ELIG-001",
        "annual inspection 基本合格",
        e(APP, "{year: 2025, result: 合格}", "{year: 2025, result: 基本合格}"),
        nothing,
    ),
    Case(
        "ELIG-001",
        "a year missing",
        e(APP, "    - {year: 2024, result: 合格}\n", ""),
        nothing,
    ),
    Case(
        "ELIG-002",
        "declared 合格, office recorded 基本合格",
        e(
            "submissions/office/annual_inspections.yaml",
            "2025:\n    wuhan-mechanical-engineering: 合格",
            "2025:\n    wuhan-mechanical-engineering: 基本合格",
        ),
        nothing,
    ),
    Case(
        "ELIG-003",
        "the 2025 summary filed after 12-31",
        e(
            REPORTS,
            '{summary: "2025-12-26", plan: "2025-12-26"}',
            '{summary: "2026-01-05", plan: "2025-12-26"}',
        ),
        e(
            REPORTS,
            '{summary: "2025-12-26", plan: "2025-12-26"}',
            '{summary: "2025-12-31", plan: "2025-12-31"}',
        ),
    ),
    Case(
        "ELIG-003",
        "declared not on time",
        e(APP, "annual_reports_on_time: true", "annual_reports_on_time: false"),
        nothing,
    ),
    Case(
        "ELIG-004",
        "no charter among the rules",
        e(APP, "rules: [学会章程, 理事会议事规则, 财务管理办法]", "rules: [理事会议事规则, 财务管理办法]"),
        e(APP, "rules: [学会章程, 理事会议事规则, 财务管理办法]", "rules: [武汉市机械工程学会章程]"),
    ),
    Case(
        "ELIG-004",
        "a council with no members",
        e(APP, "council_members: 35", "council_members: 0"),
        e(APP, "council_members: 35", "council_members: 1"),
    ),
    Case(
        "ELIG-005",
        "council elected more than five years before the deadline",
        e(SOCIETY, 'council_elected: "2022-06-18"', 'council_elected: "2021-10-30"'),
        e(SOCIETY, 'council_elected: "2022-06-18"', 'council_elected: "2021-10-31"'),
    ),
    Case(
        "ELIG-006",
        "no secretary-general or deputy",
        e(
            APP,
            "    secretary_general: {name: 王敏, employment: 专职}   # 专职 | 兼职; a deputy may stand in: "
            "deputy_secretary_general\n",
            "",
        ),
        e(
            APP,
            "secretary_general: {name: 王敏, employment: 专职}",
            "deputy_secretary_general: {name: 王敏, employment: 兼职}",
        ),
    ),
    Case(
        "ELIG-007",
        "no staff",
        e(APP, "staff: {full_time: 2, part_time: 3}", "staff: {full_time: 0, part_time: 0}"),
        e(APP, "staff: {full_time: 2, part_time: 3}", "staff: {full_time: 0, part_time: 1}"),
    ),
    Case(
        "ELIG-008",
        "no independent bank account",
        e(APP, "independent_bank_account: true", "independent_bank_account: false"),
        nothing,
    ),
    Case(
        "ELIG-008",
        "no finance staff",
        e(APP, "finance_staff: 1", "finance_staff: 0"),
        e(APP, "finance_staff: 1", "finance_staff: 2"),
    ),
    Case(
        "ELIG-009",
        "an account declared that the office found missing",
        e(
            DECISIONS,
            "wuhan-mechanical-engineering: {passed: true" + VERIFIED + "}",
            "wuhan-mechanical-engineering: {passed: true, verified: {independent_bank_account: false, finance_staff: true}}",
        ),
        e(
            DECISIONS,
            "wuhan-mechanical-engineering: {passed: true" + VERIFIED + "}",
            "wuhan-mechanical-engineering: {passed: true, verified: {independent_bank_account: true, finance_staff: true}}",
        ),
    ),
    Case(
        "ELIG-009",
        "finance staff declared that the office found missing (not yet verified: the declaration stands)",
        e(
            DECISIONS,
            "wuhan-mechanical-engineering: {passed: true" + VERIFIED + "}",
            "wuhan-mechanical-engineering: {passed: true, verified: {finance_staff: false}}",
        ),
        e(
            DECISIONS,
            "wuhan-mechanical-engineering: {passed: true" + VERIFIED + "}",
            "wuhan-mechanical-engineering: {passed: true, verified: {independent_bank_account: true}}",
        ),
        near_miss_clean=False,  # passed with finance staff unverified: SUPP-003 speaks
    ),
    # PRIV (issue 11): the full matrix of kinds × file kinds is in tests/test_privacy_rules.py.
    Case(
        "PRIV-001",
        "a contact's mobile written into an achievement",
        e(APP, "参会代表420人，收录论文136篇。", "参会代表420人，收录论文136篇。报名请联系138-0000-0091。"),
        e(
            APP,
            "参会代表420人，收录论文136篇。",
            "参会代表420人，收录论文136篇。报名请致电学会办公室027-87654321。",
        ),
    ),
    Case(
        "PRIV-002",
        "an ID number in an achievement",
        e(APP, "参会代表420人，收录论文136篇。", "参会代表420人，负责人身份证11010519491231002X。"),
        e(APP, "参会代表420人，收录论文136篇。", "参会代表420人，统一社会信用代码51420100500012358X。"),
    ),
    Case(
        "PRIV-003",
        "an account number in an achievement",
        e(APP, "参会代表420人，收录论文136篇。", "参会代表420人，会费汇入6222 0000 0000 0000 191。"),
        e(
            APP,
            "参会代表420人，收录论文136篇。",
            "参会代表420人，经费150000000000.00元，2026-09-20 20261118103000。",
        ),
    ),
    Case(
        "PRIV-004",
        "a person's e-mail in an achievement",
        e(APP, "参会代表420人，收录论文136篇。", "参会代表420人，投稿 wangmin@mech.example.org。"),
        e(
            APP,
            "参会代表420人，收录论文136篇。",
            "参会代表420人，投稿 office@mech.example.org 或 xhzx@example.org。",
        ),
    ),
    Case(
        "PRIV-005",
        "a mobile in a YAML comment",
        e(APP, "参会代表420人，收录论文136篇。", "参会代表420人，收录论文136篇。  # 联系人 13800000091"),
        e(APP, "参会代表420人，收录论文136篇。", "参会代表420人，收录论文136篇。  # 学会办公室 027-87654321"),
    ),
    Case(
        "EXCL-001",
        "materials not declared truthful",
        e(APP, "materials_truthful: true", "materials_truthful: false"),
        nothing,
    ),
    Case(
        "EXCL-002",
        "a violation inside the lookback window",
        sanction("violation", "2024-01-01"),
        sanction("violation", "2023-12-31"),
    ),
    Case(
        "EXCL-002",
        "a violation decided after the deadline does not count for this cycle",
        sanction("violation", "2026-10-31"),
        sanction("violation", "2026-11-01"),
    ),
    Case(
        "EXCL-003",
        "a public criticism inside the lookback window",
        sanction("criticism", "2025-05-10"),
        sanction("criticism", "2023-05-10"),
    ),
    Case(
        "EXCL-003",
        "a fraud decision is a penalty too, even without a ban",
        sanction("fraud", "2025-05-10"),
        sanction("fraud", "2023-12-31"),
    ),
    Case(
        "EXCL-004",
        "an entrusted project overdue at the deadline",
        project("overdue", "2025-11-30"),
        project("in_progress", "2026-12-31"),
    ),
    Case(
        "EXCL-004",
        "a project completed only after the deadline was overdue at it",
        project("completed", "2026-06-30", "2026-11-15"),
        project("completed", "2026-06-30", "2026-10-30"),
    ),
    Case(
        "BAN-001",
        "a fraud ban still in force when the call was published",
        sanction("fraud", "2023-09-02", bans=True),
        sanction("fraud", "2023-09-01", bans=True),
    ),
    Case(
        "BAN-001",
        "a fraud sanction without a ban does not bar",
        sanction("fraud", "2025-09-02", bans=True),
        sanction("fraud", "2025-09-02", bans=False),
        near_miss_clean=False,  # the fraud decision itself still counts for EXCL-003
    ),
    Case(
        "PROC-001",
        "the council agreed after the deadline",
        e(APP, 'date: "2026-09-20"', 'date: "2026-11-01"'),
        e(APP, 'date: "2026-09-20"', 'date: "2026-10-31"'),
    ),
    Case(
        "DEAD-001",
        "submitted one minute after the deadline",
        nothing,
        nothing,
        now="2026-10-31T17:01:00+08:00",
        submitted=(APP,),
    ),
    Case(
        "ACH-001",
        "an achievement listed under the wrong area",
        e(APP, "kind: standards", "kind: journal"),
        nothing,
    ),
    Case(
        "ACH-002",
        "an achievement older than two years",
        e(APP, 'date: "2025-10-18"', 'date: "2023-12-31"'),
        e(APP, 'date: "2025-10-18"', 'date: "2024-01-01"'),
    ),
    Case("ATT-001", "an attachment named but not uploaded", attachment(False), attachment(True)),
    Case(
        "FUND-001",
        "a forbidden category",
        e(APP, "{category: governance,", "{category: personnel,"),
        nothing,
    ),
    Case(
        "FUND-001",
        "an unknown category",
        e(APP, "{category: governance,", "{category: travel,"),
        e(APP, "{category: governance,", "{category: secretariat_capacity,"),
    ),
    Case(
        "FUND-002",
        "lines do not add up to the total",
        e(APP, "amount: 30000.00}", "amount: 30000.01}"),
        e(APP, "amount: 30000.00}", "amount: 30000}"),
    ),
    Case(
        "FUND-003",
        "a request above the largest award",
        both(
            e(APP, "requested_total: 200000.00", "requested_total: 200000.01"),
            e(APP, "amount: 30000.00}", "amount: 30000.01}"),
        ),
        nothing,
    ),
    Case(
        "FUND-004",
        "no separate accounting",
        e(APP, "separate_accounting: true", "separate_accounting: false"),
        nothing,
    ),
    Case(
        "FUND-005",
        "a suspicious word in an allowed category",
        e(APP, "学会治理制度修订与培训", "秘书处办公室装修"),
        e(APP, "学会治理制度修订与培训", "学会治理制度修订研讨会"),
    ),
    Case(
        "FUND-006",
        "an amount with fractions of a fen",
        both(
            e(APP, "amount: 30000.00}", "amount: 29999.995}"),
            e(APP, LINE_80K, LINE_80K.replace("80000.00", "80000.005")),
        ),
        e(APP, "amount: 30000.00}", "amount: 30000.000}"),
    ),
    Case(
        "REV-001",
        "an expert scores a society they belong to",
        lambda t: t.__setitem__(
            REVIEW_SUN, review_file("expert-sun", score_line("wuhan-mechanical-engineering", 20, 20, 15, 15))
        ),
        lambda t: t.__setitem__(
            REVIEW_SUN,
            review_file("expert-sun", "  []\n", "[wuhan-mechanical-engineering]").replace(
                b"scores:\n  []", b"scores: []"
            ),
        ),
        REVIEW_SUN,
    ),
    Case(
        "REV-002",
        "a score above the area's maximum",
        e(REVIEW_QIAN, "innovation: 25", "innovation: 31"),
        e(REVIEW_QIAN, "innovation: 25", "innovation: 30"),
        REVIEW_QIAN,
    ),
    Case(
        "REV-003",
        "an expert scores the same application twice",
        lambda t: append(t, REVIEW_ZHOU, score_line("wuhan-mechanical-engineering", 20, 20, 15, 15)),
        nothing,
        REVIEW_ZHOU,
    ),
    Case(
        "REV-004",
        "a reviewer who is not on the committee",
        e(COMMITTEE_FILE, "expert-li, expert-zhou]", "expert-li]"),
        nothing,
        REVIEW_ZHOU,
        near_miss_clean=False,
    ),
    Case(
        "REV-005",
        "a committee member has not scored after the review date",
        lambda t: t.pop(REVIEW_LI),
        nothing,
        COMMITTEE_FILE,
    ),
    Case(
        "DEC-001",
        "formal review without a result for the application",
        e(DECISIONS, "    wuhan-mechanical-engineering: {passed: true" + VERIFIED + "}", "    {}"),
        e(DECISIONS, "{passed: true,", "{passed: true, reason: 材料齐全,"),
        DECISIONS,
    ),
    Case(
        "DEC-002",
        "a proposed society that failed formal review",
        e(DECISIONS, "{passed: true,", "{passed: false, reason: 材料不全,"),
        nothing,
        DECISIONS,
    ),
    Case(
        "DEC-003",
        "a tier the call does not have",
        e(DECISIONS, "tier: 一等}", "tier: 特等}"),
        e(DECISIONS, "tier: 一等}", "tier: 二等}"),
        DECISIONS,
    ),
    Case(
        "DEC-003",
        "more proposed than the tier's quota",
        both(
            e(CALL, "    count: 3\n", "    count: 1\n"),
            proposed("wuhan-mechanical-engineering, tier: 一等", f"{OTHER}, tier: 一等"),
        ),
        proposed("wuhan-mechanical-engineering, tier: 一等", f"{OTHER}, tier: 一等"),
        DECISIONS,
    ),
    Case(
        "DEC-004",
        "the proposed order contradicts the ranking",
        proposed(f"{OTHER}, tier: 一等", "wuhan-mechanical-engineering, tier: 一等"),
        proposed("wuhan-mechanical-engineering, tier: 一等", f"{OTHER}, tier: 一等"),
        DECISIONS,
    ),
    Case(
        "DEC-004",
        "a lower-ranked society proposed over a higher one",
        proposed(f"{OTHER}, tier: 一等"),
        proposed(f"{OTHER}, tier: 一等, reason: 评审委员会复议决定"),
        DECISIONS,
    ),
    Case(
        "DEC-004",
        "a lower tier listed before a higher one",
        proposed("wuhan-mechanical-engineering, tier: 二等", f"{OTHER}, tier: 一等"),
        proposed("wuhan-mechanical-engineering, tier: 一等", f"{OTHER}, tier: 二等"),
        DECISIONS,
    ),
    Case(
        "DEC-005",
        "publicity before the expert review",
        e(DECISIONS, 'start: "2026-11-25"', 'start: "2026-11-19"'),
        e(DECISIONS, 'start: "2026-11-25"', 'start: "2026-11-20"'),
        DECISIONS,
    ),
    Case(
        "DEC-006",
        "a pending objection with a resolution date",
        objection("pending", "2026-11-26", "2026-11-30"),
        objection("pending", "2026-11-26"),
        DECISIONS,
    ),
    Case(
        "DEC-006",
        "a dismissed objection resolved before it was received",
        objection("dismissed", "2026-11-26", "2026-11-25"),
        objection("dismissed", "2026-11-26", "2026-11-26"),
        DECISIONS,
    ),
    Case(
        "DEC-007",
        "commended on the last day of publicity",
        commendation("2026-12-04"),
        commendation("2026-12-05"),
        DECISIONS,
        now="2026-12-06",
    ),
    Case(
        "DEC-007",
        "an amount that is not the tier's",
        commendation("2026-12-05", amount="150000.00"),
        commendation("2026-12-05", amount="200000.00"),
        DECISIONS,
        now="2026-12-06",
    ),
    Case(
        "DEC-007",
        "commended despite a pending objection",
        both(objection("pending", "2026-11-26"), commendation("2026-12-05")),
        both(objection("dismissed", "2026-11-26", "2026-12-01"), commendation("2026-12-05")),
        DECISIONS,
        now="2026-12-06",
    ),
    Case(
        "DEC-008",
        "working days in a year the calendar data does not cover",
        both(
            e(CALL, "day_kind: calendar", "day_kind: working"),
            e(DECISIONS, 'start: "2026-11-25"', 'start: "2099-11-25"'),
        ),
        e(CALL, "day_kind: calendar", "day_kind: working"),
        DECISIONS,
    ),
    Case(
        "LIFE-001",
        "publicity ended without a commendation",
        nothing,
        commendation("2026-12-05"),
        DECISIONS,
        now="2026-12-05",
    ),
    Case(
        "LIFE-002",
        "an objection still pending after publicity",
        objection("pending", "2026-11-26"),
        objection("dismissed", "2026-11-26", "2026-12-01"),
        DECISIONS,
        now="2026-12-05",
    ),
    Case(
        "LIFE-003",
        "no formal review recorded after the deadline",
        e(
            DECISIONS,
            'formal_review:                           # 形式审查\n  date: "2026-11-06"\n  results:\n'
            "    wuhan-mechanical-engineering: {passed: true" + VERIFIED + "}\n",
            "",
        ),
        nothing,
        DECISIONS,
        near_miss_clean=False,
    ),
    Case("PLAN-001", "a plan from a society that was not commended", restore(PLAN), nothing, PLAN),
    Case(
        "PLAN-001",
        "an inspection dated before the commendation",
        inspection("midterm", "2026-12-01"),
        inspection("midterm", "2027-07-20"),
        DECISIONS,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "PLAN-002",
        "a plan filed after the due days",
        e(PLAN, 'filed: "2027-01-10"', 'filed: "2027-01-15"'),
        e(PLAN, 'filed: "2027-01-10"', 'filed: "2027-01-14"'),
        PLAN,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "PLAN-003",
        "fund directions above the award",
        e(
            PLAN,
            "{category: academic_exchange, amount: 80000.00}",
            "{category: academic_exchange, amount: 80000.01}",
        ),
        e(
            PLAN,
            "{category: academic_exchange, amount: 80000.00}",
            "{category: academic_exchange, amount: 79999.99}",
        ),
        PLAN,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "PLAN-003",
        "a forbidden fund direction",
        e(PLAN, "{category: governance,", "{category: construction,"),
        e(PLAN, "{category: governance,", "{category: secretariat_capacity,"),
        PLAN,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "PLAN-004",
        "a milestone after the implementation period",
        e(PLAN, 'due: "2027-10-31"', 'due: "2028-01-05"'),
        e(PLAN, 'due: "2027-10-31"', 'due: "2027-12-31"'),
        PLAN,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "RPT-001",
        "progress on an indicator the plan does not have",
        e(MIDTERM, "{name: 培训会员, actual: 120}", "{name: 培训学员, actual: 120}"),
        nothing,
        MIDTERM,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "RPT-001",
        "a report without a plan",
        lambda t: t.pop(PLAN),
        nothing,
        MIDTERM,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "RPT-002",
        "spending in a forbidden category",
        e(MIDTERM, "category: standards,", "category: fine,"),
        nothing,
        MIDTERM,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "RPT-003",
        "spending outside the plan's categories",
        e(MIDTERM, "category: standards,", "category: journal,"),
        e(MIDTERM, "category: standards,", "category: academic_exchange,"),
        MIDTERM,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "RPT-003",
        "a suspicious word in a spending item",
        e(MIDTERM, "团体标准研讨会", "团体标准研讨会会场装修"),
        nothing,
        MIDTERM,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "RPT-004",
        "spending above the award",
        e(MIDTERM, "amount: 12000.00}", "amount: 179000.01}"),
        e(MIDTERM, "amount: 12000.00}", "amount: 179000.00}"),
        MIDTERM,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "RPT-005",
        "spending before the implementation period",
        e(MIDTERM, 'date: "2027-05-20"', 'date: "2026-12-14"'),
        e(MIDTERM, 'date: "2027-05-20"', 'date: "2026-12-15"'),
        MIDTERM,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "SANC-001",
        "a revocation of an award the society never had",
        revocation(2025, "2027-03-01"),
        revocation(2026, "2027-07-20", due="2027-09-30"),  # after the midterm report's spending (PAY-005)
        SANCTIONS,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "LIFE-004",
        "no plan after the due days",
        both(lambda t: t.pop(PLAN), lambda t: t.pop(MIDTERM)),
        nothing,
        DECISIONS,
        now="2027-01-20",
        awarded=True,
    ),
    Case(
        "LIFE-005",
        "a midterm result without a midterm report",
        both(inspection("midterm", "2027-07-20"), lambda t: t.pop(MIDTERM)),
        inspection("midterm", "2027-07-20"),
        DECISIONS,
        now=AFTER,
        awarded=True,
    ),
]


def shared_only(tree: Tree) -> None:
    for path in [p for p in tree if p.startswith(C)]:
        del tree[path]


CASES += [
    Case("COMM-001", "the shared tree checked alone", shared_only, nothing, RESULTS),
    Case(
        "COMM-002",
        "a score changed after the results were recorded",
        e(REVIEW_QIAN, "innovation: 25", "innovation: 24"),
        e(REVIEW_QIAN, "comment:", "comment: 复核无误。"),
        RESULTS,
        rerecord=False,
    ),
    Case("COMM-003", "reviews without recorded results", lambda t: t.pop(RESULTS), nothing, COMMITTEE_FILE),
    # 分类实施 (categories), the rubric and the one aggregation rule (rules/categories.py, rules/rubric.py)
    Case(
        "CAT-001",
        "the call defines categories; the applicant's profile names none",
        categories("{tier: 一等, count: 3}, {tier: 二等, count: 7}"),
        both(categories("{tier: 一等, count: 3}, {tier: 二等, count: 7}"), in_engineering),
        SOCIETY,
    ),
    Case(
        "CAT-002",
        "the categories' 二等 quotas sum to 6, the awards say 7",
        both(categories("{tier: 一等, count: 3}, {tier: 二等, count: 6}"), in_engineering),
        both(categories("{tier: 一等, count: 3}, {tier: 二等, count: 7}"), in_engineering),
        CALL,
    ),
    Case(
        "CAT-003",
        "a 一等 place proposed in a category whose 一等 quota is 0",
        both(
            categories("{tier: 一等, count: 0}, {tier: 二等, count: 7}", OTHER_CATEGORY_ALL_FIRST),
            in_engineering,
        ),
        both(
            categories("{tier: 一等, count: 1}, {tier: 二等, count: 3}", OTHER_CATEGORY_REST), in_engineering
        ),
        DECISIONS,
    ),
    Case(
        "CAT-004",
        "results recorded in one pool, the call now has categories",
        both(categories("{tier: 一等, count: 3}, {tier: 二等, count: 7}"), in_engineering),
        nothing,
        RESULTS,
        rerecord=False,
    ),
    Case(
        "RUBR-001",
        "the innovation sub-items sum to 25, the area's maximum is 30",
        rubric(15, 10),
        rubric(15, 15),
        CALL,
        near_miss_clean=False,  # the reviews still give one number for innovation (RUBR-002)
    ),
    Case(
        "RUBR-002",
        "a rubric for innovation; the reviews give one number",
        rubric(15, 15),
        nothing,
        REVIEW_QIAN,
        also=(REVIEW_ZHAO, REVIEW_LI, REVIEW_ZHOU),
    ),
    Case(
        "RUBR-003",
        "both the old trim and scoring.aggregation",
        e(CALL, LEGACY_TRIM, LEGACY_TRIM + "  aggregation: {method: trimmed_mean, trim: 1}\n"),
        e(CALL, LEGACY_TRIM, "  aggregation: {method: trimmed_mean, trim: 1}\n"),
        CALL,
    ),
    Case(
        "RUBR-004",
        "dropping 2 and 2 needs 5 scorers; one of 5 members is in conflict",
        e(CALL, LEGACY_TRIM, "  aggregation: {method: trimmed_mean, trim: 2}\n"),
        e(CALL, LEGACY_TRIM, "  aggregation: {method: trimmed_mean, trim: 1}\n"),
        COMMITTEE_FILE,
    ),
]

# 绩效考核与动态管理 (generator/rules/performance.py): the programme's settings are added by the cases
# themselves (the normative examples have none).
FINAL_REPORT = "submissions/2026/reports/wuhan-mechanical-engineering.final.yaml"
APP_2027 = "submissions/2027/applications/wuhan-mechanical-engineering.yaml"


def final_report(tree: Tree) -> None:
    tree[FINAL_REPORT] = tree[MIDTERM].replace(b"stage: midterm", b"stage: final")


def final_result(result: str, extra: str = "") -> Callable[[Tree], None]:
    return e(
        DECISIONS,
        "  final: {}",
        f'  final: {{date: "2028-01-20", doc_number: 武科协〔2028〕3号, '
        f"results: {{wuhan-mechanical-engineering: {{result: {result}{extra}}}}}}}",
    )


def consequences(tree: Tree) -> None:
    append(
        tree,
        "submissions/programme.yaml",
        "final_consequences:\n  合格: {continued_support_cycles: 2}\n  不合格: {ineligible_cycles: 1}\n",
    )


def apply_2027(tree: Tree) -> None:
    tree[APP_2027] = tree[APP].replace(b"cycle: 2026", b"cycle: 2027")


def report_line(path: str, text: str) -> Callable[[Tree], None]:
    return lambda tree: append(tree, path, text)


MIDTERM_RECORDED = '  midterm: {date: "2027-07-20", doc_number: 武科协〔2027〕20号, results: {wuhan-mechanical-engineering: {result: 合格}}}'

CASES += [
    Case(
        "PERF-001",
        "a plan names an unknown standard indicator",
        e(PLAN, "{name: 培训会员,", "{id: member_courses, name: 培训会员,"),
        nothing,
        PLAN,
        now="2027-01-20",
        awarded=True,
    ),
    Case(
        "PERF-002",
        "a report names a milestone the plan does not have",
        report_line(MIDTERM, "milestones:\n  - {task: 举办学术年会, status: done}\n"),
        report_line(MIDTERM, "milestones:\n  - {task: 完成团体标准征求意见稿, status: done}\n"),
        MIDTERM,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "PERF-003",
        "a final 合格 far below the threshold without a reason",
        both(final_report, final_result("合格")),
        both(final_report, final_result("合格", ", reason: 年会顺延至次年一月")),
        DECISIONS,
        now="2028-02-10",
        awarded=True,
        near_miss_clean=False,
    ),
    Case(
        "PERF-004",
        "an inspection without its notice's number",
        inspection("midterm", "2027-07-20"),
        e(DECISIONS, "  midterm: {}", MIDTERM_RECORDED),
        DECISIONS,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "INSP-001",
        "the midterm is overdue and not recorded",
        nothing,
        e(DECISIONS, "  midterm: {}", MIDTERM_RECORDED),
        DECISIONS,
        now="2027-09-01",
        awarded=True,
    ),
    Case(
        "CONT-001",
        "an application the year after a failed final",
        both(consequences, final_result("不合格"), apply_2027),
        both(consequences, final_result("合格"), apply_2027),
        APP_2027,
        now="2028-02-10",
        awarded=True,
        near_miss_clean=False,
    ),
    Case(
        "CONT-002",
        "an application the year after a passed final",
        both(consequences, final_result("合格"), apply_2027),
        both(final_result("合格"), apply_2027),
        APP_2027,
        now="2028-02-10",
        awarded=True,
        near_miss_clean=False,
    ),
    Case(
        "SHOW-001",
        "an experience account in a midterm report",
        report_line(MIDTERM, "experience: 以标准研制带动会员培训。\n"),
        nothing,
        MIDTERM,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "SHOW-002",
        "a final report without an experience account",
        final_report,
        both(final_report, report_line(FINAL_REPORT, "experience: 以标准研制带动会员培训。\n")),
        FINAL_REPORT,
        now="2028-02-10",
        awarded=True,
        near_miss_clean=False,
    ),
]

# Panels, assignments and conflicts of interest (generator/rules/panels.py): committee files added to the tree.
PANELS = C + "2026/panels.yaml"
ASSIGNMENTS = C + "2026/assignments.yaml"
CONFLICTS = C + "2026/conflicts.yaml"
MECH = "wuhan-mechanical-engineering"
FOUR = "[expert-zhao, expert-qian, expert-li, expert-zhou]"
CALL_LINE = "plan_due_days: 30 "


def panels_file(members: str = FOUR, fields: str = "[机械工程]") -> Callable[[Tree], None]:
    text = f"schema_version: 1\ncycle: 2026\npanels:\n  - {{id: engineering, name: 工程技术类评审组, fields: {fields}, members: {members}}}\n"
    return lambda tree: tree.__setitem__(PANELS, text.encode())


def assignments_file(*entries: str) -> Callable[[Tree], None]:
    listed = "".join(f"  - {entry}\n" for entry in entries)
    text = f"schema_version: 1\ncycle: 2026\nassignments:\n{listed}"
    return lambda tree: tree.__setitem__(ASSIGNMENTS, text.encode())


def mech(experts: str = FOUR) -> str:
    return f"{{society: {MECH}, panel: engineering, experts: {experts}}}"


def declarations(*experts: str, conflict: str = "") -> Callable[[Tree], None]:
    def apply(tree: Tree) -> None:
        for expert in experts:
            listed = f"\n  - {conflict}" if conflict and expert == experts[0] else " []"
            tree[C + f"2026/declarations/{expert}.yaml"] = (
                f'schema_version: 1\ncycle: 2026\nexpert: {expert}\ndeclared: "2026-11-07"\nconflicts:{listed}\n'
            ).encode()

    return apply


def conflicts_file(*lines: str) -> Callable[[Tree], None]:
    text = "schema_version: 1\ncycle: 2026\n" + "".join(f"{line}\n" for line in lines)
    return lambda tree: tree.__setitem__(CONFLICTS, text.encode())


def review_block(min_scorers: int = 4, most: int = 1, avoided: int = 1) -> Callable[[Tree], None]:
    block = f"review: {{min_scorers: {min_scorers}, max_assignments_per_expert: {most}, max_avoided_experts: {avoided}}}\n"
    return e(CALL, CALL_LINE, block + CALL_LINE)


ALL_DECLARED = declarations("expert-zhao", "expert-qian", "expert-li", "expert-zhou")


def set_up(min_scorers: int = 4) -> Callable[[Tree], None]:
    return both(review_block(min_scorers), panels_file(), assignments_file(mech()), ALL_DECLARED)


SET_UP = set_up()
WAIVER = (
    f'  - {{expert: expert-zhou, society: {MECH}, reason: 合作为联合调研不涉利益, decided: "2026-11-08"}}'
)

CASES += [
    Case(
        "PANEL-001",
        "a panel member off the committee",
        panels_file("[expert-zhao, expert-wu]"),
        panels_file("[expert-zhao]"),
        PANELS,
    ),
    Case(
        "PANEL-002",
        "a needed field no member covers",
        panels_file("[expert-zhao]", "[机械工程, 临床医学]"),
        panels_file("[expert-zhao]"),
        PANELS,
    ),
    Case(
        "ASSIGN-001",
        "an assigned expert off the panel",
        both(SET_UP, panels_file("[expert-zhao, expert-qian, expert-li]")),
        SET_UP,
        ASSIGNMENTS,
    ),
    Case(
        "ASSIGN-002",
        "two assignments where the call allows one",
        both(
            SET_UP,
            assignments_file(mech(), "{society: wuhan-other, panel: engineering, experts: [expert-zhao]}"),
        ),
        SET_UP,
        ASSIGNMENTS,
        near_miss_clean=True,
    ),
    Case(
        "ASSIGN-003",
        "three clear scorers where four are asked",
        set_up(5),
        SET_UP,
        ASSIGNMENTS,
    ),
    Case(
        "ASSIGN-004",
        "a score for an unassigned application",
        both(SET_UP, assignments_file(mech("[expert-zhao, expert-qian, expert-li]"))),
        SET_UP,
        REVIEW_ZHOU,
        near_miss_clean=True,
    ),
    Case(
        "COI-001",
        "a score despite a declared employer",
        both(SET_UP, declarations("expert-zhou", conflict=f"{{society: {MECH}, relationship: employer}}")),
        both(
            SET_UP,
            declarations("expert-zhou", conflict=f"{{society: {MECH}, relationship: collaborator}}"),
            conflicts_file("waivers:", WAIVER),
        ),
        REVIEW_ZHOU,
    ),
    Case(
        "COI-002",
        "an assigned expert without a declaration",
        both(SET_UP, lambda t: t.pop(C + "2026/declarations/expert-qian.yaml")),
        SET_UP,
        ASSIGNMENTS,
    ),
    Case(
        "COI-003",
        "an avoid request naming too many",
        both(
            SET_UP,
            conflicts_file(
                "avoid_requests:",
                f'  - {{society: {MECH}, received: "2026-10-30", experts: [expert-sun], others: 1}}',
            ),
        ),
        both(
            SET_UP,
            conflicts_file(
                "avoid_requests:", f'  - {{society: {MECH}, received: "2026-10-30", experts: [expert-sun]}}'
            ),
        ),
        CONFLICTS,
    ),
    Case(
        "COI-004",
        "a waiver of a pool affiliation",
        both(SET_UP, conflicts_file("waivers:", WAIVER.replace("expert-zhou", "expert-sun"))),
        both(
            SET_UP,
            declarations("expert-zhou", conflict=f"{{society: {MECH}, relationship: collaborator}}"),
            conflicts_file("waivers:", WAIVER),
        ),
        CONFLICTS,
    ),
    Case(
        "COI-005",
        "an application assigned to a conflicted expert",
        both(
            SET_UP,
            panels_file("[expert-zhao, expert-qian, expert-sun, expert-li, expert-zhou]"),
            assignments_file(mech("[expert-zhao, expert-qian, expert-sun, expert-li, expert-zhou]")),
        ),
        SET_UP,
        ASSIGNMENTS,
    ),
]

# ------------------------------------------------------------------------------------------ payments (PAY, RECT, CLAW)
PAYMENTS_FILE = "submissions/2026/payments.yaml"
SOC_M = "wuhan-mechanical-engineering"
TRANCHES = e(
    CALL,
    "plan_due_days: 30",
    'payment: {tranches: [{share: "0.6", after: commendation}, {share: "0.4", after: midterm_passed}]}\n'
    "plan_due_days: 30",
)


def paid(*rows: tuple[int, str, str], decisions: tuple[str, ...] = ()) -> Callable[[Tree], None]:
    def apply(tree: Tree) -> None:
        body = "schema_version: 1\ncycle: 2026\npayments:" + (
            "".join(
                f'\n  - {{society: {SOC_M}, tranche: {n}, date: "{day}", amount: {amount}, doc_number: 武科协财〔2027〕1号}}'
                for n, day, amount in rows
            )
            or " []"
        )
        if decisions:
            body += "\nfunding_decisions:" + "".join(
                f"\n  - {{society: {SOC_M}, {d}, reason: 复查, doc_number: 武科协〔2027〕6号}}"
                for d in decisions
            )
        tree[PAYMENTS_FILE] = (body + "\n").encode()

    return apply


def failed_midterm(*extra: str) -> Callable[[Tree], None]:
    lines = [
        "  midterm:",
        '    date: "2027-07-20"',
        "    results:",
        f"      {SOC_M}:",
        "        result: 不合格",
    ]
    lines += ["        note: 进度滞后", *(f"        {x}" for x in extra)]
    return e(DECISIONS, "  midterm: {}", "\n".join(lines))


RECTIFY = 'rectification: {items: [发布征求意见稿], due: "2027-07-30"}'
AGAIN = 'reinspection: {date: "2027-07-29", result: 合格}'
FIRST = (1, "2026-12-20", "120000.00")

CASES += [
    Case(
        "PAY-001",
        "tranche shares that do not add up to 1",
        both(TRANCHES, e(CALL, '"0.4"', '"0.3"')),
        TRANCHES,
        CALL,
    ),
    Case(
        "PAY-002",
        "a first tranche over its share",
        both(TRANCHES, paid((1, "2026-12-20", "130000.00"))),
        both(TRANCHES, paid(FIRST)),
        PAYMENTS_FILE,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "PAY-003",
        "the second tranche before the midterm",
        both(TRANCHES, paid(FIRST, (2, "2027-03-01", "80000.00"))),
        both(TRANCHES, paid(FIRST)),
        PAYMENTS_FILE,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "PAY-004",
        "spending beyond what was paid",
        paid((1, "2026-12-20", "20000.00")),
        paid(FIRST),
        MIDTERM,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "PAY-005",
        "spending after a stop",
        paid(FIRST, decisions=('decided: "2027-06-01", action: stop',)),
        paid(FIRST, decisions=('decided: "2027-07-01", action: stop',)),
        MIDTERM,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "PAY-006",
        "a reduction without its amount",
        paid(FIRST, decisions=('decided: "2027-07-25", action: reduce',)),
        paid(FIRST, decisions=('decided: "2027-07-25", action: reduce, amount: 40000.00',)),
        PAYMENTS_FILE,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "RECT-001",
        "a failed midterm without rectification",
        failed_midterm(),
        failed_midterm(RECTIFY, AGAIN),
        DECISIONS,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "RECT-002",
        "a rectification overdue without re-inspection",
        failed_midterm(RECTIFY),
        failed_midterm(RECTIFY, AGAIN),
        DECISIONS,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "RECT-003",
        "a re-inspection without a funding decision",
        both(TRANCHES, paid(FIRST), failed_midterm(RECTIFY, AGAIN)),
        both(
            TRANCHES,
            paid(FIRST, decisions=('decided: "2027-07-31", action: release',)),
            failed_midterm(RECTIFY, AGAIN),
        ),
        DECISIONS,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "CLAW-001",
        "a claw-back without a due date",
        revocation(2026, "2027-07-20"),
        revocation(2026, "2027-07-20", due="2027-09-30"),
        SANCTIONS,
        now=AFTER,
        awarded=True,
    ),
    Case(
        "CLAW-002",
        "a claw-back overdue and unpaid",
        revocation(2026, "2027-07-20", due="2027-07-31"),
        revocation(2026, "2027-07-20", due="2027-09-30"),
        SANCTIONS,
        now=AFTER,
        awarded=True,
    ),
]


# 补正, 复核, 递补 and publicity (issue 22 items 7 and 8): SUPP, RECON, SUBST, PUBL. More in tests/test_publicity_rules.py.
def call_rules(substitution: str = "next_in_category", days: int | None = 15) -> Callable[[Tree], None]:
    extra = f"\n  substitution: {substitution}" + (f"\n  reconsideration_days: {days}" if days else "")
    return e(CALL, "  day_kind: calendar", "  day_kind: calendar" + extra + "\n ")


def append_decisions(text: str) -> Callable[[Tree], None]:
    return lambda tree: append(tree, DECISIONS, text)


def supplement(sup: str) -> Callable[[Tree], None]:
    return e(DECISIONS, "{passed: true,", f"{{passed: true, supplement: {{{sup}}},")


UPHELD = objection("upheld", "2026-11-26", "2026-12-01")


def substitute(start: str = "2026-12-04", society: str = OTHER) -> Callable[[Tree], None]:
    return append_decisions(
        "substitutions:\n"
        f'  - {{society: {society}, tier: 一等, replaces: wuhan-mechanical-engineering, decided: "2026-12-02",'
        f' reason: 异议成立后依次递补, publicity: {{start: "{start}", channels: [本站]}}}}\n'
    )


def reconsider(concerning: str) -> Callable[[Tree], None]:
    return append_decisions(
        "reconsiderations:\n"
        f'  - {{id: 2026-fh-01, society: wuhan-mechanical-engineering, concerning: {concerning}, received: "2026-12-03",'
        ' status: dismissed, resolved: "2026-12-05", outcome: 经复核维持原处理结论}\n'
    )


def commend(*awards: str, left_out: str = "") -> Callable[[Tree], None]:
    lines = "".join(
        f"    - {{society: {a}, amount: {'200000.00' if '一等' in a else '100000.00'}}}\n" for a in awards
    )
    return e(
        DECISIONS,
        "  date: null\n  doc_number: null\n  awards: []",
        f'  date: "2026-12-15"\n  doc_number: 武科协〔2026〕30号\n{left_out}  awards:\n{lines.rstrip()}',
    )


SUBSTITUTED = both(second_applicant, call_rules(), UPHELD, substitute())
BOTH_PROPOSED = proposed("wuhan-mechanical-engineering, tier: 一等", f"{OTHER}, tier: 二等")
AWARDS = "wuhan-mechanical-engineering, tier: 一等"

CASES += [
    Case(
        "PUBL-001",
        "publicity of five days",
        e(CALL, "days: 10", "days: 5"),
        e(CALL, "days: 10", "days: 12"),
        CALL,
    ),
    Case(
        "PUBL-002",
        "the call's text names another deadline",
        e(CALL, "截止时间为2026年10月31日", "截止时间为2026年11月30日"),
        e(
            CALL,
            "截止时间为2026年10月31日",
            "拟表彰一等奖3个（每个奖励20万元），公示十天，截止时间为2026年10月31日",
        ),
        CALL,
    ),
    Case(
        "PUBL-003",
        "the office has not entered 2025 in its annual inspections",
        e(INSPECTIONS, "  2025:\n", "  2023:\n"),
        nothing,
        INSPECTIONS,
    ),
    Case(
        "SUPP-001",
        "a 补正 due after the expert review",
        supplement(
            'requested: "2026-11-03", items: [理事会决议扫描件], due: "2026-11-25", received: "2026-11-05"'
        ),
        supplement(
            'requested: "2026-11-03", items: [理事会决议扫描件], due: "2026-11-10", received: "2026-11-05"'
        ),
        DECISIONS,
    ),
    Case(
        "SUPP-002",
        "passed although the 补正 never came",
        supplement('requested: "2026-11-03", items: [理事会决议扫描件], due: "2026-11-10"'),
        supplement(
            'requested: "2026-11-03", items: [理事会决议扫描件], due: "2026-11-10", received: "2026-11-10"'
        ),
        DECISIONS,
    ),
    Case(
        "SUPP-003",
        "passed with the bank account unverified",
        e(DECISIONS, "independent_bank_account: true, ", ""),
        nothing,
        DECISIONS,
    ),
    Case(
        "RECON-001",
        "a review of an objection that does not exist",
        both(call_rules(), UPHELD, reconsider("2026-yy-02")),
        both(call_rules(), UPHELD, reconsider("2026-yy-01")),
        DECISIONS,
    ),
    Case(
        "RECON-002",
        "a review the call sets no window for",
        both(call_rules(days=None), UPHELD, reconsider("2026-yy-01")),
        both(call_rules(), UPHELD, reconsider("2026-yy-01")),
        DECISIONS,
    ),
    Case(
        "SUBST-001",
        "a substitution the call does not allow",
        both(second_applicant, call_rules("none"), UPHELD, substitute()),
        SUBSTITUTED,
        DECISIONS,
        now="2026-12-20",
    ),
    Case(
        "SUBST-002",
        "a substitute who is not the next one",
        both(second_applicant, call_rules(), UPHELD, substitute(society="wuhan-nobody")),
        SUBSTITUTED,
        DECISIONS,
        now="2026-12-20",
    ),
    Case(
        "SUBST-003",
        "a substitute commended before its own publicity ends",
        both(
            second_applicant, call_rules(), UPHELD, substitute("2026-12-10"), commend(f"{OTHER}, tier: 一等")
        ),
        both(SUBSTITUTED, commend(f"{OTHER}, tier: 一等")),
        DECISIONS,
        now="2026-12-20",
    ),
    Case(
        "SUBST-004",
        "a proposed society left out without a reason",
        both(BOTH_PROPOSED, commend(AWARDS)),
        both(
            BOTH_PROPOSED,
            commend(
                AWARDS, left_out=f"  left_out:\n    - {{society: {OTHER}, reason: 核实材料期间暂缓表彰}}\n"
            ),
        ),
        DECISIONS,
        now="2026-12-20",
    ),
    Case(
        "SUBST-005",
        "the next society appended to the publicised list and commended the same week",
        both(BOTH_PROPOSED, UPHELD, commend(f"{OTHER}, tier: 二等")),
        both(second_applicant, call_rules(), UPHELD, substitute()),
        DECISIONS,
        now="2026-12-06",
        publicised=True,
    ),
]

# The committee's decision with its reasons (CDEC): the minimal tree proposes one 一等 of 3 + 7 places.
EXPERT_DATE = '  date: "2026-11-20"\n'
MEETING = "  meeting: {present: 5, decision: consensus}\n"
UNFILLED = (
    "  unfilled:\n    - {category: all, tier: 一等, places: 2, reason: 其余学会未达到分数线}\n"
    "    - {category: all, tier: 二等, places: 7, reason: 其余学会未达到分数线}\n"
)


def decision(*lines: str) -> Callable[[Tree], None]:
    return e(DECISIONS, EXPERT_DATE, EXPERT_DATE + "".join(lines))


CASES += [
    Case(
        "CDEC-001",
        "places left empty without a reason",
        decision(MEETING),
        decision(MEETING, UNFILLED),
        DECISIONS,
    ),
    Case(
        "CDEC-002",
        "a society below the cut-off proposed",
        decision(MEETING, UNFILLED, "  cutoffs: [{category: all, tier: 一等, score: 85.00}]\n"),
        decision(
            MEETING,
            UNFILLED,
            "  cutoffs: [{category: all, tier: 一等, score: 85.00}]\n",
            "  departures: [{society: wuhan-mechanical-engineering, reason: 评审委员会复议决定}]\n",
        ),
        DECISIONS,
    ),
    Case(
        "CDEC-003",
        "more votes than members present",
        decision(
            "  meeting: {present: 5, decision: vote, votes: {for: 5, against: 1, abstain: 0}}\n", UNFILLED
        ),
        decision(
            "  meeting: {present: 5, decision: vote, votes: {for: 4, against: 1, abstain: 0}}\n", UNFILLED
        ),
        DECISIONS,
    ),
    Case(
        "CDEC-004",
        "a higher tier's cut-off below a lower tier's",
        decision(
            MEETING,
            UNFILLED,
            "  cutoffs: [{category: all, tier: 一等, score: 70.00}, {category: all, tier: 二等, score: 80.00}]\n",
        ),
        decision(
            MEETING,
            UNFILLED,
            "  cutoffs: [{category: all, tier: 一等, score: 80.00}, {category: all, tier: 二等, score: 70.00}]\n",
        ),
        DECISIONS,
    ),
]

# The office's holiday table (issue 24): each HOL rule on one mistake, and the table without it.
HOLIDAYS = "submissions/office/holidays.yaml"
WHOLE_2027 = (
    "schema_version: 1\nyears:\n  2027:\n    holidays:\n"
    '      - {date: "2027-01-01", name: 元旦}\n      - {date: "2027-02-06", name: 春节}\n'
    '      - {date: "2027-04-05", name: 清明节}\n      - {date: "2027-05-01", name: 劳动节}\n'
    '      - {date: "2027-06-09", name: 端午节}\n      - {date: "2027-09-15", name: 中秋节}\n'
    '      - {date: "2027-10-01", name: 国庆节}\n    workdays: [{date: "2027-02-14", name: 春节调休}]\n'
)


def holiday_table(old: str = "", new: str = "") -> Callable[[Tree], None]:
    def apply(tree: Tree) -> None:
        tree[HOLIDAYS] = WHOLE_2027.replace(old, new).encode()

    return apply


CASES += [
    Case("HOL-001", "a date twice", holiday_table('"2027-02-14"', '"2027-02-06"'), holiday_table(), HOLIDAYS),
    Case(
        "HOL-002",
        "a 调休 day on a weekday",
        holiday_table('"2027-02-14"', '"2027-02-03"'),
        holiday_table(),
        HOLIDAYS,
    ),
    Case(
        "HOL-003",
        "a date of another year",
        holiday_table('"2027-09-15"', '"2028-09-15"'),
        holiday_table(),
        HOLIDAYS,
    ),
    Case(
        "HOL-004",
        "a known year contradicted",
        holiday_table(
            "    workdays:", '  2026:\n    holidays: [{date: "2026-10-09", name: 国庆节}]\n    workdays:'
        ),
        holiday_table(),
        HOLIDAYS,
    ),
    Case("HOL-005", "a year partly entered", holiday_table("端午节", "龙舟节"), holiday_table(), HOLIDAYS),
]


CASE_IDS = [f"{c.rule}:{c.name}" for c in CASES]


def test_the_fixture_is_clean() -> None:
    result = run(mini_tree(), committee=mini_committee())
    assert result.findings == ()
    assert result.files == len(mini_tree()) + len(mini_committee())
    alone = run(mini_tree())  # the shared tree alone: one notice says what was left to the committee check
    assert [(f.rule, f.file, f.severity) for f in alone.findings] == [("COMM-001", RESULTS, Severity.NOTICE)]


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_rule_fires(case: Case) -> None:
    tree = both_trees(case.awarded)
    case.fail(tree)
    result = run_case(tree, case, case.now)
    hits = by_rule(result, case.rule)
    assert hits, f"{case.rule} did not fire; findings: {[(f.rule, f.message_zh) for f in result.findings]}"
    assert {f.file for f in hits} == {path.removeprefix(C) for path in (case.file, *case.also)}
    for finding in hits:
        assert finding.line >= 1 and finding.column >= 1
        assert finding.message_zh and finding.message_en and finding.hint


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_rule_passes_near_miss(case: Case) -> None:
    tree = both_trees(case.awarded)
    case.ok(tree)
    now = case.now if not case.submitted else "2026-10-31T16:59:00+08:00"
    result = run_case(tree, case, now)
    assert by_rule(result, case.rule) == []
    if case.near_miss_clean:
        assert result.errors == 0, [(f.rule, f.message_zh) for f in result.findings]


def test_every_rule_with_a_check_has_a_case() -> None:
    checked = {r.id for r in ALL_RULES if r.check is not None}
    assert checked <= {c.rule for c in CASES}


def test_office_may_correct_after_the_deadline() -> None:
    result = run(mini_tree(), now="2026-11-02", submitted=(APP,), office=True)
    assert by_rule(result, "DEAD-001") == []


def test_only_submitted_files_are_held_to_the_deadline() -> None:
    assert by_rule(run(mini_tree(), now="2026-11-02"), "DEAD-001") == []


def test_unknown_category_suggests_the_right_case() -> None:
    tree = mini_tree()
    edit(tree, APP, "{category: governance,", "{category: standard,")
    (hit,) = by_rule(run(tree), "FUND-001")
    assert "standards" in hit.hint


def test_budget_sum_is_exact_and_names_the_difference() -> None:
    tree = mini_tree()
    edit(tree, APP, "amount: 30000.00}", "amount: 30000.01}")
    (hit,) = by_rule(run(tree), "FUND-002")
    assert "200,000.01" in hit.message_zh and "0.01" in hit.message_zh
    assert hit.path == "budget.requested_total"


def test_finding_points_at_the_line() -> None:
    tree = mini_tree()
    edit(tree, APP, "{category: governance,", "{category: personnel,")
    (hit,) = by_rule(run(tree), "FUND-001")
    line = tree[APP].decode().splitlines()[hit.line - 1]
    assert "personnel" in line
    assert hit.path == "budget.lines[3].category"


def test_rejected_application_findings_become_notices() -> None:
    tree = mini_tree()
    edit(tree, APP, "materials_truthful: true", "materials_truthful: false")
    edit(
        tree,
        DECISIONS,
        "wuhan-mechanical-engineering: {passed: true,",
        "wuhan-mechanical-engineering: {passed: false, reason: 材料不实,",
    )
    result = run(tree)
    (hit,) = by_rule(result, "EXCL-001")
    assert hit.severity is Severity.NOTICE
    assert "2026-11-06" in hit.message_zh and "材料不实" in hit.message_zh
    assert [f for f in result.findings if f.file == APP and f.severity is Severity.ERROR] == []


def test_a_later_sanction_never_turns_an_old_cycle_red() -> None:
    tree = mini_tree()
    sanction("violation", "2026-12-01")(tree)
    sanction_fraud = "2026-12-01"
    edit(tree, SANCTIONS, "kind: violation", "kind: fraud")
    edit(tree, SANCTIONS, "bans_applications: false", "bans_applications: true")
    result = run(tree, now="2027-01-10")
    assert result.errors == 0, (sanction_fraud, [(f.rule, f.message_zh) for f in result.findings])


def test_call_deadline_drives_the_window() -> None:
    tree = mini_tree()
    edit(tree, CALL, 'deadline: "2026-10-31T17:00:00+08:00"', 'deadline: "2026-11-30T17:00:00+08:00"')
    sanction("violation", "2026-11-15")(tree)
    assert by_rule(run(tree), "EXCL-002")


def test_two_societies_may_share_a_short_name_but_not_a_name() -> None:
    tree = mini_tree()
    second_society("wuhan-other", OTHER_CODE, "江岸区机械工程学会")(tree)
    for path in (SOCIETY, "submissions/societies/wuhan-other.yaml"):
        edit(tree, path, "credit_code:", "short_name: 机械工程学会\ncredit_code:")
    assert by_rule(run(tree), "SOC-004") == []
    edit(tree, SOCIETY, "short_name: 机械工程学会", "short_name: ＪＩＡＮＧ’AN 区机械工程学会")
    edit(
        tree,
        "submissions/societies/wuhan-other.yaml",
        "name: 江岸区机械工程学会",
        "name: jiang’an区 机械工程学会",
    )
    clash = by_rule(run(tree), "SOC-004")
    assert {(f.file, f.path) for f in clash} == {
        (SOCIETY, "short_name"),
        ("submissions/societies/wuhan-other.yaml", "name"),
    }
