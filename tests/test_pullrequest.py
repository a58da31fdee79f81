"""Pull-request checks on real temporary git repositories: scope and authority from the base revision, file
modes, twin names, the deadline, and hostile names that stay inert."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from generator.checker import CheckResult
from generator.clock import parse_now
from generator.forge import changes, open_repo
from generator.pullrequest import check_pull_request
from generator.report import markdown
from tests.gitrepo import branch, commit_all, git, make_repo, replace, write
from tests.golden import compare
from tests.helpers import APP, SOCIETY

BEFORE_DEADLINE = "2026-10-20"
AFTER_DEADLINE = "2026-11-02"
SOCIETY_LOGIN = "mech-secretariat"
OFFICE_LOGIN = "office-li"
OTHER_APP = "submissions/2026/applications/wuhan-other.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


def pr(repo: Path, actor: str, now: str = BEFORE_DEADLINE, head: str = "HEAD") -> CheckResult:
    result, _ = check_pull_request(open_repo(repo), "main", head, actor, parse_now(now))
    return result


def rules(result: CheckResult) -> set[str]:
    return {f.rule for f in result.findings}


def errors(result: CheckResult) -> list[tuple[str, str]]:
    return [(f.file, f.rule) for f in result.findings if f.severity.value == "error"]


def test_society_changing_its_own_application_passes(repo: Path) -> None:
    branch(repo, "update")
    replace(repo, APP, "approach: 围绕智能制造", "approach: 聚焦智能制造")
    commit_all(repo, "update application")
    result = pr(repo, SOCIETY_LOGIN)
    assert errors(result) == []
    assert result.reported == (APP,)


def test_society_fixing_its_profile_passes(repo: Path) -> None:
    branch(repo, "profile")
    replace(repo, SOCIETY, "founded: 1979", "founded: 1980")
    commit_all(repo, "profile")
    assert errors(pr(repo, SOCIETY_LOGIN)) == []


@pytest.mark.parametrize(
    "path",
    [
        "submissions/office/annual_inspections.yaml",
        "submissions/2026/decisions.yaml",
        "submissions/2026/call.yaml",
        "submissions/programme.yaml",
        ".github/workflows/validate.yml",
        "schemas/application.schema.json",
        "generator/cli.py",
        "submissions/2026/results.yaml",
    ],
)
def test_society_may_not_touch_office_files_or_code(repo: Path, path: str) -> None:
    branch(repo, "sneaky")
    target = repo / path
    target.write_text(target.read_text(encoding="utf-8") + "\n# 改动\n", encoding="utf-8")
    commit_all(repo, "sneaky")
    result = pr(repo, SOCIETY_LOGIN)
    assert ("AUTH-001" in rules(result)) and (path, "AUTH-001") in errors(result)


def test_society_may_not_touch_another_society(repo: Path) -> None:
    branch(repo, "other")
    text = (
        (repo / APP)
        .read_text(encoding="utf-8")
        .replace("society: wuhan-mechanical-engineering", "society: wuhan-other")
    )
    write(repo, OTHER_APP, text)
    commit_all(repo, "apply for someone else")
    result = pr(repo, SOCIETY_LOGIN)
    assert (OTHER_APP, "AUTH-001") in errors(result)


def test_a_pull_request_cannot_grant_itself_rights(repo: Path) -> None:
    branch(repo, "grab")
    replace(repo, SOCIETY, "maintainers: [mech-secretariat]", "maintainers: [mech-secretariat, intruder]")
    replace(repo, APP, "approach: 围绕智能制造", "approach: 由入侵者修改")
    commit_all(repo, "add myself")
    result = pr(repo, "intruder")
    assert (SOCIETY, "AUTH-001") in errors(result)
    assert (APP, "AUTH-001") in errors(result)


def test_maintainers_change_needs_the_office(repo: Path) -> None:
    branch(repo, "grant")
    replace(repo, SOCIETY, "maintainers: [mech-secretariat]", "maintainers: [mech-secretariat, friend]")
    commit_all(repo, "add a friend")
    assert (SOCIETY, "AUTH-002") in errors(pr(repo, SOCIETY_LOGIN))
    assert errors(pr(repo, OFFICE_LOGIN)) == []


def test_the_office_may_change_anything(repo: Path) -> None:
    branch(repo, "office")
    replace(repo, "submissions/2026/decisions.yaml", "objections: []", "objections: []  # 暂无异议")
    (repo / "generator" / "cli.py").write_text("print('new')\n", encoding="utf-8")
    replace(repo, APP, "approach: 围绕智能制造", "approach: 办公室更正：围绕智能制造")
    write(
        repo, "submissions/office/corrections.yaml", correction(APP, "2026-11-02")
    )  # closed: needs a reason
    commit_all(repo, "office work")
    result = pr(repo, OFFICE_LOGIN, now=AFTER_DEADLINE)
    assert errors(result) == []


def test_late_application_fails_but_the_office_may_correct(repo: Path) -> None:
    branch(repo, "late")
    replace(repo, APP, "approach: 围绕智能制造", "approach: 截止后修改")
    commit_all(repo, "late edit")
    assert (APP, "DEAD-001") in errors(pr(repo, SOCIETY_LOGIN, now=AFTER_DEADLINE))
    assert errors(pr(repo, SOCIETY_LOGIN, now="2026-10-31T16:59:00+08:00")) == []
    assert [rule for _, rule in errors(pr(repo, OFFICE_LOGIN, now=AFTER_DEADLINE))] == ["LOCK-004"]
    write(repo, "submissions/office/corrections.yaml", correction(APP, "2026-11-02"))
    commit_all(repo, "office correction, with its reason")
    assert errors(pr(repo, OFFICE_LOGIN, now=AFTER_DEADLINE)) == []


def correction(path: str, day: str) -> str:
    """An office corrections record with one entry for ``path`` (see tests/test_closed_records.py)."""
    return (
        "schema_version: 1\ncorrections:\n"
        f'  - {{id: 2026-gz-001, date: "{day}", cycle: 2026, path: {path}, reason: 依据理事会决议原件更正}}\n'
    )


def test_symlink_is_refused(repo: Path) -> None:
    branch(repo, "link")
    os.symlink("../../.git/config", repo / "submissions/societies/evil.yaml")
    commit_all(repo, "link")
    result = pr(repo, OFFICE_LOGIN)
    assert ("submissions/societies/evil.yaml", "FILE-004") in errors(result)


def test_executable_is_refused(repo: Path) -> None:
    branch(repo, "exec")
    (repo / APP).chmod(0o755)
    commit_all(repo, "chmod")
    assert (APP, "FILE-004") in errors(pr(repo, SOCIETY_LOGIN))


def test_case_and_unicode_twins_are_refused(repo: Path) -> None:
    folder = "submissions/2026/attachments/wuhan-mechanical-engineering"
    write(repo, f"{folder}/证明.pdf", "%PDF-1.4\n")
    commit_all(repo, "attachment")
    branch(repo, "twins")
    write(repo, f"{folder}/证明.PDF", "%PDF-1.4\n")
    nfd = unicodedata.normalize("NFD", "é.pdf")
    write(repo, f"{folder}/{nfd}", "%PDF-1.4\n")
    commit_all(repo, "twins")
    result = pr(repo, SOCIETY_LOGIN)
    flagged = {f.file for f in result.findings if f.rule == "FILE-008"}
    assert flagged == {f"{folder}/证明.PDF", f"{folder}/{nfd}"}


def test_breaking_another_file_is_reported(repo: Path) -> None:
    branch(repo, "break")
    git(repo, "rm", "-q", SOCIETY)
    commit_all(repo, "remove profile")
    result = pr(repo, OFFICE_LOGIN)
    assert (APP, "REF-001") in errors(result)


def test_changed_paths_use_nul_separation(repo: Path) -> None:
    branch(repo, "odd")
    odd = 'submissions/2026/attachments/wuhan-mechanical-engineering/带 空格 与"引号".pdf'
    write(repo, odd, "%PDF\n")
    commit_all(repo, "odd name")
    found = changes(open_repo(repo), "main", "HEAD")
    assert [c.path for c in found] == [odd]


def test_hostile_branch_names_and_actor_are_inert(repo: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    name = f"x;touch${{IFS}}{marker}"
    branch(repo, name)
    replace(repo, APP, "approach: 围绕智能制造", "approach: 改")
    commit_all(repo, "$(touch pwned) `touch pwned`")
    actor = "@wuhan/office <script>alert(1)</script>"
    result = pr(repo, actor, head=name)
    assert not marker.exists()
    out = markdown.render(result)
    for dangerous in ("<script>", "@wuhan", "](javascript"):
        assert dangerous not in out


def test_pull_request_comment_golden(repo: Path, update_golden: bool) -> None:
    branch(repo, "comment")
    replace(repo, APP, "{category: governance,", "{category: personnel,")
    replace(repo, APP, "学会治理制度修订与培训", "秘书处办公室装修")
    replace(repo, APP, "{year: 2025, result: 合格}", "{year: 2025, result: 基本合格}")
    commit_all(repo, "comment")
    result = pr(repo, SOCIETY_LOGIN)
    text = markdown.render(result, link_base="https://forge.example.org/org/awards/blob/0123abcd/")
    assert len(text) < markdown.LIMIT
    assert "申报书摘要" in text and "❌" in text
    assert "(https://forge.example.org/org/awards/blob/0123abcd/submissions/2026/applications/" in text
    compare("pr-comment.md", text, update_golden)


def test_unsafe_link_base_is_ignored() -> None:
    assert markdown.safe_link_base("javascript:alert(1)//") is None
    assert markdown.safe_link_base("http://forge.example.org/x/") is None
    assert markdown.safe_link_base("https://forge.example.org/a b/") is None
    assert (
        markdown.safe_link_base("https://forge.example.org/o/r/blob/abc")
        == "https://forge.example.org/o/r/blob/abc/"
    )


def test_cli_pull_request_mode(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from generator import cli

    branch(repo, "cli")
    replace(repo, APP, "separate_accounting: true", "separate_accounting: false")
    commit_all(repo, "cli")
    monkeypatch.chdir(repo)
    code = cli.main(
        ["check", "--base", "main", "--actor", SOCIETY_LOGIN, "--now", BEFORE_DEADLINE, "--format", "json"]
    )
    payload = json.loads(capsys.readouterr().out)
    assert code == 1
    assert {(f["file"], f["rule"]) for f in payload["findings"]} == {(APP, "FUND-004")}
    assert cli.main(["check", "--base", "main", "--now", BEFORE_DEADLINE]) == 2
    assert cli.main(["check", "--base", "no-such-ref", "--actor", "x", "--now", BEFORE_DEADLINE]) == 2
    assert cli.main(["check", "--base", "main", "--actor", "x", "--link-base", "http://x/"]) == 2
    err = capsys.readouterr().err
    assert "--actor" in err and "no-such-ref" in err and "https" in err


def test_a_new_society_cannot_take_another_ones_name(repo: Path) -> None:
    """Whichever profile sorts first, the pull request that brings in the clash is stopped, and the hint
    names the other file (SOC-004)."""
    branch(repo, "copycat")
    text = (repo / SOCIETY).read_text(encoding="utf-8")
    text = text.replace("slug: wuhan-mechanical-engineering", "slug: wuhan-aaa")
    text = text.replace("51420100500012358X", "51420100500099991Y")
    text = text.replace("name: 武汉市机械工程学会", "name: 武汉市　机械工程学会")
    write(repo, "submissions/societies/wuhan-aaa.yaml", text)
    commit_all(repo, "a copycat society")
    result = pr(repo, OFFICE_LOGIN)
    clash = [f for f in result.findings if f.rule == "SOC-004"]
    assert {f.file for f in clash} == {"submissions/societies/wuhan-aaa.yaml", SOCIETY}
    new = next(f for f in clash if f.file.endswith("wuhan-aaa.yaml"))
    assert SOCIETY in new.hint and "武汉市机械工程学会" in new.message_zh


def _profile_findings(before: bytes | None, after: bytes | None) -> list[tuple[str, str]]:
    from generator.authority import Authority, scope_findings
    from generator.forge import Change

    authority = Authority(
        frozenset({OFFICE_LOGIN}), {"wuhan-mechanical-engineering": frozenset({SOCIETY_LOGIN})}
    )
    found = scope_findings(
        [Change("M", SOCIETY)], SOCIETY_LOGIN, authority, {SOCIETY: before}, {SOCIETY: after}
    )
    return [(f.rule, f.message_zh) for f in found]


PROFILE = (Path(__file__).parent / "fixtures" / "mini" / SOCIETY).read_bytes()


def test_maintainers_unchanged_give_nothing() -> None:
    assert _profile_findings(PROFILE, PROFILE.replace(b"founded: 1979", b"founded: 1980")) == []


def test_maintainers_changed_is_auth_002() -> None:
    after = PROFILE.replace(b"maintainers: [mech-secretariat]", b"maintainers: [mech-secretariat, friend]")
    assert [rule for rule, _ in _profile_findings(PROFILE, after)] == ["AUTH-002"]


@pytest.mark.parametrize(
    ("before", "after", "when"),
    [
        (PROFILE, PROFILE.replace(b"founded: 1979", b"founded: [1979"), "改动后"),
        (PROFILE.replace(b"founded: 1979", b"founded: [1979"), PROFILE, "改动前"),
        (PROFILE, b"- a list\n", "改动后"),
    ],
)
def test_a_profile_that_does_not_load_is_auth_003_not_002(before: bytes, after: bytes, when: str) -> None:
    found = _profile_findings(before, after)
    assert [rule for rule, _ in found] == ["AUTH-003"]
    assert f"学会简介{when}无法读取" in found[0][1]


def test_a_broken_profile_in_a_pull_request_is_auth_003(repo: Path) -> None:
    branch(repo, "broken")
    replace(repo, SOCIETY, "founded: 1979", "founded: [1979")
    commit_all(repo, "broken profile")
    found = rules(pr(repo, SOCIETY_LOGIN))
    assert "AUTH-003" in found and "AUTH-002" not in found
    assert "AUTH-003" not in rules(pr(repo, OFFICE_LOGIN))
