"""The pull-request authority matrix: who may change what, on REAL temporary git repositories.

Every row builds a base repository (the mini programme, a second society, expert logins, code-like files),
makes a pull-request branch with real git operations (edits, links, modes, renames, deletions, orphan
branches), then runs ``xuehui check --base … --head … --actor … --format json --now …`` through
``generator.cli.main`` and asserts the exit code (never 3) and the exact set of (rule, file) of every
finding. Authority is always read from the base revision, so no row can grant itself rights.

Rows for closed records (a profile edited after the deadline, attachments, files frozen by a recorded
decision or inspection, the office's corrections with and without a recorded reason) are part of the table.
"""

from __future__ import annotations

import json
import os
import shutil
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import cli
from tests.gitrepo import commit_all, git, replace, write
from tests.helpers import (
    APP,
    DECISIONS,
    INSPECTIONS,
    MIDTERM,
    PLAN,
    PROGRAMME,
    REPORTS,
    RESULTS,
    SANCTIONS,
    SOCIETY,
    VERIFIED,
    edit,
    mini_tree,
)
from tests.pdfmaker import make_pdf

PDF = make_pdf(["attachment"])  # a readable PDF (a stub would be an unreadable one: PRIV-008)

# ---- the base repository

MECH = "wuhan-mechanical-engineering"
AGRI = "wuhan-agriculture"
AGRI_PROFILE = f"submissions/societies/{AGRI}.yaml"
AGRI_APP = f"submissions/2026/applications/{AGRI}.yaml"
AGRI_PLAN = f"submissions/2026/plans/{AGRI}.yaml"
AGRI_REPORT = f"submissions/2026/reports/{AGRI}.midterm.yaml"
MECH_FILES = f"submissions/2026/attachments/{MECH}"
AGRI_FILES = f"submissions/2026/attachments/{AGRI}"
CALL = "submissions/2026/call.yaml"
OTHER_APP = "submissions/2026/applications/wuhan-other.yaml"  # a society with no profile
NEW_PROFILE = "submissions/societies/wuhan-new.yaml"
NEW_APP = "submissions/2026/applications/wuhan-new.yaml"

MECH_LOGIN = "mech-secretariat"
MECH_DEPUTY = "mech-deputy"
AGRI_LOGIN = "agri-secretariat"
OFFICE = "office-li"
ZHAO = "zhao-review"

BEFORE_DEADLINE = "2026-10-20"  # the call's deadline is 2026-10-31T17:00+08:00
AFTER_DEADLINE = "2026-11-02"
PLAN_TIME = "2027-01-20"  # commendation 2026-12-15, plan filed 2027-01-10
REPORT_TIME = "2027-07-20"  # midterm report as of 2027-07-15

CODE_FILES = {
    "schemas/application.schema.json": "{}\n",
    "generator/cli.py": "print('hi')\n",
    ".github/workflows/validate.yml": "name: v\n",
    ".github/CODEOWNERS": "* @office-li\n",
    "tests/test_example.py": "def test_x() -> None:\n    assert True\n",
    "site/docs/index.md": "# 首页\n",
    "pyproject.toml": "[project]\nname = 'x'\n",
}


def _agri(text: str) -> str:
    return text.replace(MECH, AGRI).replace("武汉市机械工程学会", "武汉市农学会")


def base_tree() -> dict[str, bytes]:
    """The awarded mini programme plus a second society (profile, application, attachment) and logins."""
    tree = mini_tree(awarded=True)
    profile = tree[SOCIETY].decode("utf-8")
    tree[SOCIETY] = profile.replace(
        f"maintainers: [{MECH_LOGIN}]", f"maintainers: [{MECH_LOGIN}, {MECH_DEPUTY}]"
    ).encode()
    agri = (
        _agri(profile)
        .replace("51420100500012358X", "51420100500011263J")
        .replace("mech.example", "agri.example")
    )
    tree[AGRI_PROFILE] = agri.replace(f"maintainers: [{MECH_LOGIN}]", f"maintainers: [{AGRI_LOGIN}]").encode()
    tree[AGRI_APP] = _agri(tree[APP].decode("utf-8")).encode()
    for year in (2024, 2025):  # the office's records know the second society too: its application is clean
        edit(tree, INSPECTIONS, f"  {year}:\n", f"  {year}:\n    {AGRI}: 合格\n")
        edit(
            tree,
            REPORTS,
            f"  {year}:\n",
            f'  {year}:\n    {AGRI}: {{summary: "{year}-12-20", plan: "{year}-12-20"}}\n',
        )
    edit(
        tree,
        DECISIONS,
        f"    {MECH}: {{passed: true{VERIFIED}}}",
        f"    {MECH}: {{passed: true{VERIFIED}}}\n    {AGRI}: {{passed: false, reason: 申报材料不全}}",
    )
    tree[f"{AGRI_FILES}/证明.pdf"] = PDF
    tree[f"{MECH_FILES}/证明.pdf"] = PDF
    tree[f"{MECH_FILES}/scan.pdf"] = PDF
    for path, text in CODE_FILES.items():
        tree[path] = text.encode()
    return tree


@pytest.fixture(scope="module")
def base_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("matrix") / "repo"
    for path, raw in base_tree().items():
        target = repo / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)
    git(repo.parent, "init", "-q", "-b", "main", str(repo))
    commit_all(repo, "base")
    return repo


# ---- edits a pull request makes (each works in the checked-out PR branch)

Edit = Callable[[Path], None]


def touch(path: str, line: str = "# 改动\n") -> Edit:
    def run(repo: Path) -> None:
        target = repo / path
        old = target.read_text(encoding="utf-8") if target.exists() else ""
        write(repo, path, old + line)

    return run


def change(path: str, old: str, new: str) -> Edit:
    return lambda repo: replace(repo, path, old, new)


def create(path: str, text: str | bytes) -> Edit:
    def run(repo: Path) -> None:
        target = repo / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))

    return run


def copy_as(source: str, target: str, transform: Callable[[str], str] = _agri) -> Edit:
    def run(repo: Path) -> None:
        write(repo, target, transform((repo / source).read_text(encoding="utf-8")))

    return run


def remove(path: str) -> Edit:
    return lambda repo: git(repo, "rm", "-q", path)


def rename(old: str, new: str) -> Edit:
    return lambda repo: git(repo, "mv", old, new)


def symlink(path: str, points_to: str) -> Edit:
    def run(repo: Path) -> None:
        target = repo / path
        if target.exists() or target.is_symlink():
            target.unlink()
        target.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(points_to, target)

    return run


def chmod(path: str, mode: int) -> Edit:
    return lambda repo: (repo / path).chmod(mode)


def submodule(path: str) -> Edit:
    """An embedded repository: ``git add`` records it as a gitlink (mode 160000), as a submodule is."""

    def run(repo: Path) -> None:
        inner = repo / path
        inner.mkdir(parents=True)
        git(inner.parent, "init", "-q", "-b", "main", str(inner))
        write(inner, "x.pdf", PDF.decode("ascii"))
        commit_all(inner, "inner")

    return run


# ---- the matrix


@dataclass(frozen=True)
class Row:
    name: str
    actor: str
    now: str
    edits: tuple[Edit, ...]
    expected: frozenset[tuple[str, str]]  # (rule, file) of every finding, any severity
    code: int = 1
    branch: str = "pr"
    message: str = ""  # for exit 2: what stderr must say
    orphan: bool = False  # the PR branch shares no history with main
    base: str = "main"
    head: str = ""  # default: the PR branch


def ok(name: str, actor: str, now: str, *edits: Edit, branch: str = "pr") -> Row:
    return Row(name, actor, now, edits, frozenset(), code=0, branch=branch)


def bad(
    name: str, actor: str, now: str, expected: set[tuple[str, str]], *edits: Edit, branch: str = "pr"
) -> Row:
    return Row(name, actor, now, edits, frozenset(expected), branch=branch)


def aside(
    name: str, actor: str, now: str, expected: set[tuple[str, str]], *edits: Edit, branch: str = "pr"
) -> Row:
    """Allowed, with findings in files the author may not change: context, listed but never blocking."""
    return Row(name, actor, now, edits, frozenset(expected), code=0, branch=branch)


CORRECTIONS = "submissions/office/corrections.yaml"


def corrections(*entries: tuple[str, str, str]) -> str:
    """The office's corrections record: (id, date, path) each, cycle 2026, with a reason."""
    lines = ["schema_version: 1", "corrections:"]
    for cid, day, path in entries:
        lines += [
            f"  - id: {cid}",
            f'    date: "{day}"',
            "    cycle: 2026",
            f"    path: {path}",
            "    reason: 依据原件更正录入错误",
        ]
    return "\n".join(lines) + "\n"


def auth(*paths: str) -> set[tuple[str, str]]:
    return {("AUTH-001", p) for p in paths}


MORE_PEOPLE = "approach: 围绕智能制造"

# What losing a readable application breaks elsewhere: the base already records its formal review (DEC-001).
# (Its recorded results stay: the reviews are the committee repository's, checked there.) A pull request is
# answered for every new error it causes, in files it does not touch too.
MECH_RECORDS = {("DEC-001", DECISIONS)}
AGRI_RECORD = {("DEC-001", DECISIONS)}  # the formal review names it
# A new application nobody expected: no office records (ELIG-002/003), no formal review (DEC-001).
UNEXPECTED_APPLICATION = {("DEC-001", DECISIONS)}
NFD_NAME = f"{MECH_FILES}/{unicodedata.normalize('NFD', 'é.pdf')}"

ROWS: list[Row] = [
    # -- a society's own files: allowed
    ok("own profile", MECH_LOGIN, BEFORE_DEADLINE, change(SOCIETY, "founded: 1979", "founded: 1980")),
    ok("own application", MECH_LOGIN, BEFORE_DEADLINE, change(APP, MORE_PEOPLE, "approach: 聚焦智能制造")),
    ok("own plan", MECH_LOGIN, PLAN_TIME, change(PLAN, "同步推进团体标准", "同时推进团体标准")),
    ok("own report", MECH_LOGIN, REPORT_TIME, change(MIDTERM, "培训班已完成一期", "培训班已顺利完成一期")),
    ok("own attachment", MECH_LOGIN, BEFORE_DEADLINE, create(f"{MECH_FILES}/章程.pdf", PDF)),
    ok(
        "own login in another case",
        "Mech-Secretariat",
        BEFORE_DEADLINE,
        change(APP, MORE_PEOPLE, "approach: 改"),
    ),
    ok("second maintainer", MECH_DEPUTY, BEFORE_DEADLINE, change(APP, MORE_PEOPLE, "approach: 副秘书长修改")),
    # -- another society's files: refused
    bad(
        "other's profile",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        auth(AGRI_PROFILE),
        change(AGRI_PROFILE, "founded: 1979", "founded: 1990"),
    ),
    bad(
        "other's application",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        auth(AGRI_APP),
        change(AGRI_APP, MORE_PEOPLE, "approach: 代改"),
    ),
    # (PLAN-001: a plan or report for a society that was not commended)
    bad(
        "other's plan",
        MECH_LOGIN,
        PLAN_TIME,
        auth(AGRI_PLAN) | {("PLAN-001", AGRI_PLAN)},
        copy_as(PLAN, AGRI_PLAN),
    ),
    bad(
        "other's report",
        MECH_LOGIN,
        REPORT_TIME,
        auth(AGRI_REPORT) | {("PLAN-001", AGRI_REPORT)},
        copy_as(MIDTERM, AGRI_REPORT),
    ),
    bad(
        "other's attachment",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        auth(f"{AGRI_FILES}/假证明.pdf"),
        create(f"{AGRI_FILES}/假证明.pdf", PDF),
    ),
    bad(
        "new application for another",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        auth(OTHER_APP)
        | UNEXPECTED_APPLICATION
        | {("REF-001", OTHER_APP), ("ELIG-002", OTHER_APP), ("ELIG-003", OTHER_APP)},
        copy_as(APP, OTHER_APP, lambda t: t.replace(MECH, "wuhan-other")),
    ),
    # -- office records, decisions, call, programme, code: refused to societies
    bad("office inspections", MECH_LOGIN, BEFORE_DEADLINE, auth(INSPECTIONS), touch(INSPECTIONS)),
    bad("office sanctions", MECH_LOGIN, BEFORE_DEADLINE, auth(SANCTIONS), touch(SANCTIONS)),
    bad(
        "recorded review results",
        MECH_LOGIN,
        AFTER_DEADLINE,
        auth(RESULTS) | {("COMM-001", RESULTS)},
        change(RESULTS, 'total: "', 'total: "9'),
    ),
    bad("decisions", MECH_LOGIN, BEFORE_DEADLINE, auth(DECISIONS), touch(DECISIONS)),
    bad("call", MECH_LOGIN, BEFORE_DEADLINE, auth(CALL), touch(CALL)),
    bad("programme", MECH_LOGIN, BEFORE_DEADLINE, auth(PROGRAMME), touch(PROGRAMME)),
    bad(
        "schemas",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        auth("schemas/application.schema.json"),
        create("schemas/application.schema.json", '{"x": 1}\n'),
    ),
    bad("generator code", MECH_LOGIN, BEFORE_DEADLINE, auth("generator/cli.py"), touch("generator/cli.py")),
    bad(
        "workflow",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        auth(".github/workflows/validate.yml"),
        touch(".github/workflows/validate.yml"),
    ),
    bad(
        "new workflow",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        auth(".github/workflows/evil.yml"),
        create(".github/workflows/evil.yml", "on: push\n"),
    ),
    bad(
        "CODEOWNERS",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        auth(".github/CODEOWNERS"),
        touch(".github/CODEOWNERS", "* @mech-secretariat\n"),
    ),
    bad("tests", MECH_LOGIN, BEFORE_DEADLINE, auth("tests/test_example.py"), touch("tests/test_example.py")),
    bad(
        "site",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        auth("site/docs/index.md"),
        touch("site/docs/index.md", "<script>x</script>\n"),
    ),
    bad("build config", MECH_LOGIN, BEFORE_DEADLINE, auth("pyproject.toml"), touch("pyproject.toml")),
    # -- maintainers
    bad(
        "adds a friend to own maintainers",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        {("AUTH-002", SOCIETY)},
        change(
            SOCIETY,
            f"maintainers: [{MECH_LOGIN}, {MECH_DEPUTY}]",
            f"maintainers: [{MECH_LOGIN}, {MECH_DEPUTY}, friend]",
        ),
    ),
    bad(
        "removes another maintainer",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        {("AUTH-002", SOCIETY)},
        change(SOCIETY, f"maintainers: [{MECH_LOGIN}, {MECH_DEPUTY}]", f"maintainers: [{MECH_LOGIN}]"),
    ),
    bad(
        "adds itself to another society",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        auth(AGRI_PROFILE),
        change(AGRI_PROFILE, f"maintainers: [{AGRI_LOGIN}]", f"maintainers: [{AGRI_LOGIN}, {MECH_LOGIN}]"),
    ),
    bad(
        "outsider adds itself and edits",
        "intruder",
        BEFORE_DEADLINE,
        auth(SOCIETY, APP),
        change(
            SOCIETY,
            f"maintainers: [{MECH_LOGIN}, {MECH_DEPUTY}]",
            f"maintainers: [{MECH_LOGIN}, {MECH_DEPUTY}, intruder]",
        ),
        change(APP, MORE_PEOPLE, "approach: 入侵者修改"),
    ),
    bad(
        "self-granted through a profile the PR adds",
        "intruder",
        BEFORE_DEADLINE,
        auth(NEW_PROFILE, NEW_APP)
        | UNEXPECTED_APPLICATION
        | {
            ("ELIG-002", NEW_APP),
            ("ELIG-003", NEW_APP),
            ("SOC-003", NEW_PROFILE),
            ("SOC-004", NEW_PROFILE),
            ("SOC-004", SOCIETY),
        },  # SOC-003: a copied credit code; SOC-004: a copied name (both profiles are flagged)
        copy_as(
            SOCIETY,
            NEW_PROFILE,
            lambda t: t.replace(MECH, "wuhan-new").replace(f"[{MECH_LOGIN}, {MECH_DEPUTY}]", "[intruder]"),
        ),
        copy_as(APP, NEW_APP, lambda t: t.replace(MECH, "wuhan-new")),
    ),
    ok(
        "office changes maintainers",
        OFFICE,
        BEFORE_DEADLINE,
        change(
            SOCIETY,
            f"maintainers: [{MECH_LOGIN}, {MECH_DEPUTY}]",
            f"maintainers: [{MECH_LOGIN}, new-secretary]",
        ),
    ),
    # -- experts
    # (experts have no rights in the shared repository: their reviews are the committee repository's,
    # tests/test_committee.py checks its pull requests)
    bad(
        "expert edits an application",
        ZHAO,
        BEFORE_DEADLINE,
        auth(APP),
        change(APP, MORE_PEOPLE, "approach: 专家改"),
    ),
    bad(
        "expert adds a review to the shared repository",
        ZHAO,
        AFTER_DEADLINE,
        auth("submissions/2026/reviews/expert-zhao.yaml")
        | {("FILE-001", "submissions/2026/reviews/expert-zhao.yaml")},
        create("submissions/2026/reviews/expert-zhao.yaml", b"schema_version: 1\n"),
    ),
    # -- the office may change anything
    ok(
        "office edits everything (the closed application with a recorded correction)",
        OFFICE,
        AFTER_DEADLINE,
        touch(DECISIONS),
        touch(INSPECTIONS),
        touch("generator/cli.py"),
        touch(".github/workflows/validate.yml"),
        touch(".github/CODEOWNERS", "* @office-bot\n"),
        change(APP, MORE_PEOPLE, "approach: 办公室更正"),
        create(CORRECTIONS, corrections(("2026-gz-001", AFTER_DEADLINE, APP))),
    ),
    bad(
        "office edits a closed application without a recorded reason",
        OFFICE,
        AFTER_DEADLINE,
        {("LOCK-004", APP)},
        touch(DECISIONS),
        change(APP, MORE_PEOPLE, "approach: 办公室更正"),
    ),
    ok("office login in another case", "OFFICE-LI", BEFORE_DEADLINE, touch(CALL)),
    bad("look-alike office login", "office\u200b-li", BEFORE_DEADLINE, auth(CALL), touch(CALL)),
    # -- links, submodules, modes
    bad(
        "symlink to .git/config",
        OFFICE,
        BEFORE_DEADLINE,
        {("FILE-004", "submissions/societies/evil.yaml")},
        symlink("submissions/societies/evil.yaml", "../../.git/config"),
    ),
    bad(
        "symlink by a society",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        {("FILE-004", f"{MECH_FILES}/passwd.pdf")},
        symlink(f"{MECH_FILES}/passwd.pdf", "/etc/passwd"),
    ),
    bad(
        "symlink outside submissions by a society",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        auth("site/docs/secret.md"),
        symlink("site/docs/secret.md", "../../.git/config"),
    ),
    bad(
        "own application made a link to another's",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        {("FILE-004", APP)} | MECH_RECORDS,
        symlink(APP, f"{AGRI}.yaml"),
    ),
    bad(
        "submodule in own folder",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        {("FILE-004", f"{MECH_FILES}/子模块.pdf")},
        submodule(f"{MECH_FILES}/子模块.pdf"),
    ),
    bad(
        "submodule elsewhere",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        {("FILE-004", "submissions/vendor"), ("AUTH-001", "submissions/vendor")},
        submodule("submissions/vendor"),
    ),
    bad(
        "executable data file",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        {("FILE-004", APP)} | MECH_RECORDS,
        change(APP, MORE_PEOPLE, "approach: 改"),
        chmod(APP, 0o755),
    ),
    bad(
        "mode change only", MECH_LOGIN, BEFORE_DEADLINE, {("FILE-004", APP)} | MECH_RECORDS, chmod(APP, 0o755)
    ),
    bad(
        "executable attachment",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        {("FILE-004", f"{MECH_FILES}/scan.pdf")},
        chmod(f"{MECH_FILES}/scan.pdf", 0o755),
    ),
    # -- twin names
    bad(
        "case twin",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        {("FILE-008", f"{MECH_FILES}/Scan.pdf")},
        create(f"{MECH_FILES}/Scan.pdf", PDF),
    ),
    # (an upper-case extension is also no known place: FILE-001, and so the office's alone: AUTH-001)
    bad(
        "case twin of the extension",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        {
            ("FILE-008", f"{MECH_FILES}/证明.PDF"),
            ("FILE-001", f"{MECH_FILES}/证明.PDF"),
            ("AUTH-001", f"{MECH_FILES}/证明.PDF"),
        },
        create(f"{MECH_FILES}/证明.PDF", PDF),
    ),
    bad(
        "NFD twin",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        {("FILE-008", NFD_NAME), ("FILE-008", f"{MECH_FILES}/é.pdf")},
        create(f"{MECH_FILES}/é.pdf", PDF),
        create(NFD_NAME, PDF),
    ),
    bad(
        "NFD name alone",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        {("FILE-008", NFD_NAME)},
        create(NFD_NAME, PDF),
    ),
    # -- renames (no rename detection: a deletion and an addition)
    # (FILE-002: the society named inside differs from the file name)
    bad(
        "own file renamed to another society's name",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        auth(AGRI_APP) | {("FILE-002", AGRI_APP)} | AGRI_RECORD,
        remove(AGRI_APP),
        rename(APP, AGRI_APP),
    ),
    bad(
        "another's file renamed to own name",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        auth(AGRI_APP) | {("FILE-002", APP)} | AGRI_RECORD | MECH_RECORDS,
        remove(APP),
        rename(AGRI_APP, APP),
    ),
    bad(
        "own attachment renamed into another's folder",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        auth(f"{AGRI_FILES}/scan.pdf"),
        rename(f"{MECH_FILES}/scan.pdf", f"{AGRI_FILES}/scan.pdf"),
    ),
    # -- deletions
    ok("own attachment deleted", MECH_LOGIN, BEFORE_DEADLINE, remove(f"{MECH_FILES}/scan.pdf")),
    aside(
        "own application deleted (no AUTH: only the records it breaks, the office's: context)",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        MECH_RECORDS,
        remove(APP),
    ),
    bad(
        "another's application deleted",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        auth(AGRI_APP) | AGRI_RECORD,
        remove(AGRI_APP),
    ),
    bad("office file deleted", MECH_LOGIN, BEFORE_DEADLINE, auth(SANCTIONS), remove(SANCTIONS)),
    # -- the deadline
    bad(
        "late application by the society",
        MECH_LOGIN,
        AFTER_DEADLINE,
        {("DEAD-001", APP)},
        change(APP, MORE_PEOPLE, "approach: 截止后修改"),
    ),
    ok(
        "late correction by the office",
        OFFICE,
        AFTER_DEADLINE,
        change(APP, MORE_PEOPLE, "approach: 截止后更正"),
        create(CORRECTIONS, corrections(("2026-gz-001", AFTER_DEADLINE, APP))),
    ),
    bad(
        "late correction by the office dated before the deadline",
        OFFICE,
        AFTER_DEADLINE,
        {("LOCK-004", APP)},
        change(APP, MORE_PEOPLE, "approach: 截止后更正"),
        create(CORRECTIONS, corrections(("2026-gz-001", "2026-10-01", APP))),
    ),
    # -- closed records: after the deadline, what an application is judged by stays as it was
    bad(
        "judged profile field edited after the deadline",
        MECH_LOGIN,
        AFTER_DEADLINE,
        {("LOCK-001", SOCIETY)},
        change(SOCIETY, 'council_elected: "2022-06-18"', 'council_elected: "2022-07-18"'),
    ),
    ok(
        "judged profile field edited before the deadline",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        change(SOCIETY, 'council_elected: "2022-06-18"', 'council_elected: "2022-07-18"'),
    ),
    ok(
        "profile field no rule reads edited after the deadline",
        MECH_LOGIN,
        AFTER_DEADLINE,
        change(SOCIETY, "https://mech.example.org/", "https://www.mech.example.org/"),
    ),
    # (the second society's code: a duplicate as well, SOC-003)
    bad(
        "credit code edited after the deadline",
        MECH_LOGIN,
        AFTER_DEADLINE,
        {("LOCK-001", SOCIETY), ("SOC-003", SOCIETY)},
        change(SOCIETY, "51420100500012358X", "51420100500011263J"),
    ),
    bad(
        "attachment added after the deadline",
        MECH_LOGIN,
        AFTER_DEADLINE,
        {("LOCK-002", f"{MECH_FILES}/补充.pdf")},
        create(f"{MECH_FILES}/补充.pdf", PDF),
    ),
    bad(
        "attachment removed after the deadline",
        MECH_LOGIN,
        AFTER_DEADLINE,
        {("LOCK-002", f"{MECH_FILES}/scan.pdf")},
        remove(f"{MECH_FILES}/scan.pdf"),
    ),
    ok(
        "attachment added before the deadline",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        create(f"{MECH_FILES}/补充.pdf", PDF),
    ),
    bad(
        "a society writes its own correction",
        MECH_LOGIN,
        AFTER_DEADLINE,
        auth(CORRECTIONS) | {("LOCK-001", SOCIETY)},
        change(SOCIETY, 'council_elected: "2022-06-18"', 'council_elected: "2022-07-18"'),
        create(CORRECTIONS, corrections(("2026-gz-001", AFTER_DEADLINE, SOCIETY))),
    ),
    bad(
        "application edited after its formal review is recorded",
        MECH_LOGIN,
        "2026-11-10",
        {("DEAD-001", APP), ("LOCK-003", APP)},
        change(APP, MORE_PEOPLE, "approach: 审查后修改"),
    ),
    bad(
        "attachment renamed after the formal review",
        MECH_LOGIN,
        "2026-11-10",
        {("LOCK-003", f"{MECH_FILES}/scan.pdf"), ("LOCK-003", f"{MECH_FILES}/scan2.pdf")},
        rename(f"{MECH_FILES}/scan.pdf", f"{MECH_FILES}/scan2.pdf"),
    ),
    ok(
        "office corrects a judged profile field with a reason",
        OFFICE,
        AFTER_DEADLINE,
        change(SOCIETY, 'council_elected: "2022-06-18"', 'council_elected: "2022-07-18"'),
        create(CORRECTIONS, corrections(("2026-gz-001", AFTER_DEADLINE, SOCIETY))),
    ),
    bad(
        "one minute late",
        MECH_LOGIN,
        "2026-10-31T17:01:00+08:00",
        {("DEAD-001", APP)},
        change(APP, MORE_PEOPLE, "approach: 迟了"),
    ),
    ok(
        "one minute early",
        MECH_LOGIN,
        "2026-10-31T16:59:00+08:00",
        change(APP, MORE_PEOPLE, "approach: 赶上了"),
    ),
    # -- hostile names
    bad(
        "hostile actor",
        "@wuhan/office <script>alert(1)</script>",
        BEFORE_DEADLINE,
        auth(APP),
        change(APP, MORE_PEOPLE, "approach: 改"),
        branch="x;touch${IFS}pwned",
    ),
    ok(
        "hostile file name in own folder",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        create(f"{MECH_FILES}/$(touch pwned) `x` \"q\" 'a' b.pdf", PDF),
    ),
    bad(  # a line break in a name is refused (FILE-009), and still never runs anything
        "hostile file name with a line break in own folder",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        {("FILE-009", f"{MECH_FILES}/$(touch pwned) `x` \"q\" 'a'\nb.pdf")},
        create(f"{MECH_FILES}/$(touch pwned) `x` \"q\" 'a'\nb.pdf", PDF),
    ),
    ok(
        "hostile branch name",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        change(APP, MORE_PEOPLE, "approach: 改"),
        branch="$(touch${IFS}pwned)`touch${IFS}pwned`",
    ),
    # -- nothing to check, or nothing to compare
    ok("empty pull request", MECH_LOGIN, BEFORE_DEADLINE),
    Row(
        "no merge base",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        (change(APP, MORE_PEOPLE, "approach: 孤儿分支"),),
        frozenset(),
        code=2,
        orphan=True,
        message="没有共同的历史",
    ),
    Row(
        "unknown base",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        (),
        frozenset(),
        code=2,
        base="origin/no-such-branch",
        message="找不到提交 origin/no-such-branch",
    ),
    Row(
        "unknown head",
        MECH_LOGIN,
        BEFORE_DEADLINE,
        (),
        frozenset(),
        code=2,
        head="deadbeef" * 5,
        message="找不到提交 deadbeef",
    ),
]


def _prepare(base_repo: Path, tmp_path: Path, row: Row) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(base_repo, repo, symlinks=True)
    if row.orphan:
        git(repo, "checkout", "-q", "--orphan", row.branch)
    else:
        git(repo, "checkout", "-q", "-b", row.branch)
    for step in row.edits:
        step(repo)
    commit_all(repo, f"{row.name} $(touch pwned) `touch pwned`")
    return repo


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_authority_matrix(
    row: Row,
    base_repo: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    repo = _prepare(base_repo, tmp_path, row)
    monkeypatch.chdir(repo)
    capsys.readouterr()
    argv = ["check", "--base", row.base, "--head", row.head or row.branch, "--actor", row.actor]
    code = cli.main([*argv, "--format", "json", "--now", row.now])
    out, err = capsys.readouterr()
    assert code != 3, err
    assert code == row.code, (out, err)
    assert not (repo / "pwned").exists() and not (tmp_path / "pwned").exists()
    if code == 2:
        assert row.message in err and "Traceback" not in err, err
        return
    findings = json.loads(out)["findings"]
    assert {(f["rule"], f["file"]) for f in findings} == row.expected
    if row.code == 0:  # what an allowed change leaves is context only (files its author may not change)
        assert all(f["context"] for f in findings), findings


def test_the_matrix_is_big_enough() -> None:
    assert len(ROWS) >= 35
    assert len({r.name for r in ROWS}) == len(ROWS)
