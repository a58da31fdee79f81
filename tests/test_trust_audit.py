"""The audit after a push to main, on real temporary git repositories: what the push brought in is checked
against the authority of a trusted revision, for every account that brought it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.audit import MARKER, audit, render
from generator.cli import main
from generator.forge import open_repo
from tests.gitrepo import branch, commit_all, git, make_repo, replace, write
from tests.helpers import APP, SOCIETY

SOCIETY_LOGIN = "mech-secretariat"
OFFICE_LOGIN = "office-li"
OTHER_APP = "submissions/2026/applications/wuhan-other.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


def merge(repo: Path, name: str) -> tuple[str, str]:
    """Merge branch ``name`` into main with a merge commit; returns (before, after)."""
    git(repo, "checkout", "-q", "main")
    before = git(repo, "rev-parse", "HEAD")
    git(repo, "merge", "-q", "--no-ff", "-m", f"Merge {name}", name)
    return before, git(repo, "rev-parse", "HEAD")


def errors(result: object) -> set[tuple[str, str]]:
    from generator.audit import Audit

    assert isinstance(result, Audit)
    return {(f.file, f.rule) for f in result.findings if f.severity.value == "error"}


def test_a_merged_out_of_scope_change_fails_with_auth_findings(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    branch(repo, "sneaky")
    replace(repo, APP, "approach: 围绕智能制造", "approach: 聚焦智能制造")
    write(repo, OTHER_APP, "society: wuhan-other\n")
    (repo / "generator" / "cli.py").write_text("print('always pass')\n", encoding="utf-8")
    commit_all(repo, "sneaky")
    before, after = merge(repo, "sneaky")
    result = audit(open_repo(repo), base, before, after, (SOCIETY_LOGIN,))
    assert not result.ok
    assert errors(result) == {(OTHER_APP, "AUTH-001"), ("generator/cli.py", "AUTH-001")}
    assert {c.path for c in result.changes} == {APP, OTHER_APP, "generator/cli.py"}


def test_a_clean_merge_passes(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    branch(repo, "update")
    replace(repo, APP, "approach: 围绕智能制造", "approach: 聚焦智能制造")
    commit_all(repo, "update application")
    before, after = merge(repo, "update")
    result = audit(open_repo(repo), base, before, after, (SOCIETY_LOGIN,))
    assert result.ok and result.findings == ()
    assert "✅" in render(result, "markdown")


def test_every_account_of_a_merged_pr_is_checked(repo: Path) -> None:
    """A co-author from another society makes the same change out of scope for them: it is flagged."""
    base = git(repo, "rev-parse", "HEAD")
    branch(repo, "together")
    replace(repo, APP, "approach: 围绕智能制造", "approach: 聚焦智能制造")
    commit_all(repo, "update application")
    before, after = merge(repo, "together")
    result = audit(open_repo(repo), base, before, after, (SOCIETY_LOGIN, "other-society-login"))
    assert errors(result) == {(APP, "AUTH-001")}
    assert "other-society-login" in result.findings[0].message_zh


def test_authority_comes_from_the_base_not_from_the_merge(repo: Path) -> None:
    """A PR that adds its author as a maintainer is judged by the maintainers before it."""
    base = git(repo, "rev-parse", "HEAD")
    branch(repo, "grab")
    replace(repo, SOCIETY, "maintainers: [mech-secretariat]", "maintainers: [mech-secretariat, intruder]")
    replace(repo, APP, "approach: 围绕智能制造", "approach: 由入侵者修改")
    commit_all(repo, "add myself")
    before, after = merge(repo, "grab")
    result = audit(open_repo(repo), base, before, after, ("intruder",))
    assert errors(result) == {(SOCIETY, "AUTH-001"), (APP, "AUTH-001")}


def test_only_what_the_push_brought_in_is_audited(repo: Path) -> None:
    """Changes merged earlier (by the office) are not blamed on the next pull request's author."""
    base = git(repo, "rev-parse", "HEAD")
    branch(repo, "society")
    replace(repo, APP, "approach: 围绕智能制造", "approach: 聚焦智能制造")
    commit_all(repo, "society work")
    git(repo, "checkout", "-q", "main")
    replace(repo, "submissions/2026/decisions.yaml", "objections: []", "objections: []  # 暂无异议")
    commit_all(repo, "office work, pushed directly")
    before, after = merge(repo, "society")
    result = audit(open_repo(repo), base, before, after, (SOCIETY_LOGIN,))
    assert result.ok, errors(result)
    assert {c.path for c in result.changes} == {APP}


def test_a_direct_push_by_a_non_office_actor_is_flagged(repo: Path) -> None:
    before = git(repo, "rev-parse", "HEAD")
    replace(repo, "submissions/2026/decisions.yaml", "objections: []", "objections: [伪造]")
    after = commit_all(repo, "direct push")
    assert audit(open_repo(repo), before, before, after, (OFFICE_LOGIN,)).ok
    result = audit(open_repo(repo), before, before, after, (SOCIETY_LOGIN,))
    assert errors(result) == {("submissions/2026/decisions.yaml", "AUTH-001")}


def test_cli_exit_codes_and_formats(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = git(repo, "rev-parse", "HEAD")
    write(repo, ".github/workflows/validate.yml", "name: forged\n")
    after = commit_all(repo, "direct push of a workflow")
    cwd = Path.cwd()
    os.chdir(repo)
    try:
        assert main(["audit", "--base", before, "--head", after, "--actor", OFFICE_LOGIN]) == 0
        assert "✅" in capsys.readouterr().out
        assert (
            main(["audit", "--base", before, "--head", after, "--actor", SOCIETY_LOGIN, "--format", "json"])
            == 1
        )
        report = json.loads(capsys.readouterr().out)
        assert report["ok"] is False and report["actors"] == [SOCIETY_LOGIN]
        assert [(f["file"], f["rule"]) for f in report["findings"]] == [
            (".github/workflows/validate.yml", "AUTH-001")
        ]
        out = repo / "audit.md"
        code = main(
            [
                "audit",
                "--base",
                before,
                "--since",
                before,
                "--head",
                after,
                "--actor",
                SOCIETY_LOGIN,
                "--actor",
                OFFICE_LOGIN,
                "--format",
                "markdown",
                "--output",
                str(out),
            ]
        )
        assert code == 1
        text = out.read_text(encoding="utf-8")
        assert text.startswith(MARKER) and "❌" in text and "AUTH&#45;001" in text
        assert main(["audit", "--base", "no-such-commit", "--actor", SOCIETY_LOGIN]) == 2
        assert "找不到提交" in capsys.readouterr().err
    finally:
        os.chdir(cwd)


def test_a_rewritten_history_is_a_clear_refusal_not_a_crash(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "--orphan", "rewritten")
    after = commit_all(repo, "unrelated history")
    cwd = Path.cwd()
    os.chdir(repo)
    try:
        assert main(["audit", "--base", before, "--head", after, "--actor", OFFICE_LOGIN]) == 2
        assert "没有共同的祖先" in capsys.readouterr().err
    finally:
        os.chdir(cwd)
