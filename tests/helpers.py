"""Shared test helpers: the small fixture programme as an in-memory tree, edits, and one-call checks."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from generator.checker import CheckResult, check
from generator.clock import parse_now
from generator.findings import Finding
from generator.repository import Source, read_folder
from generator.rules.base import Context

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
MINI = TESTS / "fixtures" / "mini"
MINI_COMMITTEE = TESTS / "fixtures" / "mini-committee"

APP = "submissions/2026/applications/wuhan-mechanical-engineering.yaml"
SOCIETY = "submissions/societies/wuhan-mechanical-engineering.yaml"
CALL = "submissions/2026/call.yaml"
DECISIONS = "submissions/2026/decisions.yaml"
INSPECTIONS = "submissions/office/annual_inspections.yaml"
REPORTS = "submissions/office/annual_reports.yaml"
PROJECTS = "submissions/office/entrusted_projects.yaml"
SANCTIONS = "submissions/office/sanctions.yaml"
RESULTS = "submissions/2026/results.yaml"
# The committee repository's side of the mini programme (paths relative to its root).
EXPERTS = "experts.yaml"
COMMITTEE = "2026/committee.yaml"
NORMATIVE_EXPERTS = "submissions/office/experts.yaml"
NORMATIVE_REVIEW = "submissions/2026/reviews/expert-zhao.yaml"
COMMITTEE_LINE = "  committee: [expert-zhao, expert-qian, expert-sun, expert-li, expert-zhou]\n"
PROGRAMME = "submissions/programme.yaml"


PLAN = "submissions/2026/plans/wuhan-mechanical-engineering.yaml"
MIDTERM = "submissions/2026/reports/wuhan-mechanical-engineering.midterm.yaml"
COMMENDED = "2026-12-15"
VERIFIED = ", verified: {independent_bank_account: true, finance_staff: true}"  # SUPP-003


def mini_committee() -> dict[str, bytes]:
    """The committee repository of the mini programme: the normative pool and review taken out of the shared
    tree, the committee membership out of decisions.yaml, and the other members' reviews
    (tests/fixtures/mini-committee)."""
    normative = {s.path: s.raw or b"" for s in read_folder(MINI)}
    tree = {
        EXPERTS: normative[NORMATIVE_EXPERTS],
        "2026/reviews/expert-zhao.yaml": normative[NORMATIVE_REVIEW],
    }
    from generator.committee import read_committee_folder

    tree.update({s.path: s.raw or b"" for s in read_committee_folder(MINI_COMMITTEE)})
    members = COMMITTEE_LINE.split(": ", 1)[1].strip()
    tree[COMMITTEE] = f"schema_version: 1\ncycle: 2026\nmembers: {members}\n".encode()
    tree["shared.yaml"] = b"schema_version: 1\nrepository: example/programme\ncommit: null\npath: ../shared\n"
    return tree


def mini_results(
    shared: dict[str, bytes], committee: dict[str, bytes], recorded: str = "2026-11-20"
) -> bytes:
    """The results file ``rank --record`` writes for these two trees."""
    from generator.checker import build_dataset, parse_all
    from generator.committee import merge, parse_committee
    from generator.results import document_for, recompute

    sources = [Source(p, r) for p, r in sorted(shared.items()) if p != RESULTS]
    data, _ = build_dataset(parse_all(sources, use_cache=False))
    merge(data, parse_committee([Source(p, r) for p, r in sorted(committee.items())]))
    return document_for(recompute(data, data.cycles[2026]), recorded, None).encode("utf-8")


NORMATIVE_CONTACT = (
    "contact:                                 # private: never published\n"
    '  name: 王敏\n  role: 秘书长\n  phone: "13800000000"\n  email: wangmin@mech.example.org\n\n'
)
NORMATIVE_BANK_ACCOUNT = (
    '    bank_account: {bank: 示例银行武汉分行, number: "6222000000000000000"}   # private\n'
)
NORMATIVE_WEBSITE = "website: https://mech.example.org/\n"
PUBLIC_EMAIL = (
    "email: office@mech.example.org           # the society's public office e-mail (same domain as the website);"
    " never a person's\n"
)


def mini_tree(awarded: bool = False) -> dict[str, bytes]:
    """The shared tree of the normative examples: the review and the expert pool move to the committee
    repository (``mini_committee``), the committee membership leaves decisions.yaml, and the 2026 results
    are recorded as ``rank --record`` would.

    The normative plan and midterm report sit in 2026 only to show their shape; a plan exists only after a
    commendation. So by default they are left out; ``awarded=True`` keeps them and records the
    commendation of the proposed society on ``COMMENDED`` (the plan, filed 2027-01-10, is then on time).
    """
    tree = {s.path: s.raw or b"" for s in read_folder(MINI)}
    del tree[NORMATIVE_EXPERTS], tree[NORMATIVE_REVIEW]
    # The application's contact person and bank account move to the committee repository as well
    # (``contacts/<cycle>.yaml``); the society's profile gains its public office e-mail.
    edit(tree, APP, NORMATIVE_CONTACT, "")
    edit(tree, APP, NORMATIVE_BANK_ACCOUNT, "")
    edit(tree, SOCIETY, NORMATIVE_WEBSITE, NORMATIVE_WEBSITE + PUBLIC_EMAIL)
    edit(tree, DECISIONS, COMMITTEE_LINE, "")
    edit(tree, DECISIONS, "{passed: true}", "{passed: true" + VERIFIED + "}")  # 三（一）: finances verified
    tree[RESULTS] = mini_results(tree, mini_committee())
    if awarded:
        edit(
            tree,
            DECISIONS,
            "  date: null\n  doc_number: null\n  awards: []",
            f'  date: "{COMMENDED}"\n  doc_number: 武科协〔2026〕30号\n'
            "  awards:\n    - {society: wuhan-mechanical-engineering, tier: 一等, amount: 200000.00}",
        )
    else:
        del tree[PLAN], tree[MIDTERM]
    return tree


def copy_mini(target: Path) -> None:
    """Write the completed mini programme under ``target/submissions``."""
    for path, raw in mini_tree().items():
        out = target / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(raw)


def edit(tree: dict[str, bytes], path: str, old: str, new: str, count: int = 1) -> None:
    text = tree[path].decode("utf-8")
    assert old in text, f"{old!r} not in {path}"
    tree[path] = text.replace(old, new, count).encode("utf-8")


def append(tree: dict[str, bytes], path: str, text: str) -> None:
    tree[path] = tree[path] + text.encode("utf-8")


def run(
    tree: dict[str, bytes],
    now: str = "2026-11-26",
    submitted: Iterable[str] = (),
    office: bool = False,
    committee: dict[str, bytes] | None = None,
    publicised: dict[int, frozenset[str]] | None = None,
) -> CheckResult:
    """Check the shared tree alone, or with a committee tree (``xuehui check --committee``);
    ``publicised``: a pull request's base lists, already publicised (SUBST-005)."""
    sources = [Source(path, raw) for path, raw in sorted(tree.items())]
    ctx = Context(
        now=parse_now(now), submitted=frozenset(submitted), actor_is_office=office, base_publicised=publicised
    )
    if committee is not None:
        from generator.committee import check_committee

        return check_committee(sources, [Source(p, r) for p, r in sorted(committee.items())], ctx)
    return check(sources, ctx)


def by_rule(result: CheckResult, rule: str) -> list[Finding]:
    return [f for f in result.findings if f.rule == rule]


def rules_of(result: CheckResult) -> set[str]:
    return {f.rule for f in result.findings}


def write_tree(root: Path, tree: dict[str, bytes]) -> None:
    """Write an in-memory tree under ``root`` (paths are repository-relative)."""
    for path, raw in tree.items():
        out = root / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(raw)


def commit_tree_to(repo: Path, tree: dict[str, bytes]) -> Path:
    """A git repository at ``repo`` holding ``tree`` in one commit (fixed author and date)."""
    from tests.gitrepo import commit_all, git

    repo.mkdir(parents=True)
    write_tree(repo, tree)
    git(repo.parent, "init", "-q", "-b", "main", str(repo))
    commit_all(repo, "示例数据")
    return repo


def modules_after(code: str, cwd: Path, out: Path) -> set[str]:
    """The modules loaded once ``code`` ran in a fresh interpreter (in ``cwd``)."""
    listing = out / "modules.txt"
    script = f"import sys\n{code}\nopen({str(listing)!r}, 'w').write('\\n'.join(sorted(sys.modules)))\n"
    subprocess.run(
        [sys.executable, "-c", script],
        cwd=cwd,
        capture_output=True,
        check=True,
        env=dict(os.environ, PYTHONPATH=str(REPO), XUEHUI_CACHE="0"),
    )
    return set(listing.read_text().split("\n"))
