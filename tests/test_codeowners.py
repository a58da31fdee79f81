"""CODEOWNERS: the office is the only code owner of everything that decides money or eligibility, read the way
GitHub reads the file (the last matching pattern wins), and ``xuehui codeowners --check`` enforces it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator import codeowners
from generator.authority import Authority, authority_from
from generator.cli import main
from generator.repository import read_folder
from tests.helpers import REPO, copy_mini

OFFICE = frozenset({"office-bot", "office-li"})
AUTHORITY = Authority(
    OFFICE,
    {"wuhan-mechanical-engineering": frozenset({"mech-secretariat", "mech-second"})},
)


def paths() -> list[tuple[str, str]]:
    return codeowners.decisive_paths(AUTHORITY, {2026}, [])


# GitHub's documented examples and the behaviour of its matcher (``*`` never crosses ``/``; ``docs/*`` only
# direct children; a pattern naming a folder owns everything below it; no leading slash and one segment:
# anywhere).
@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("*", "a/b/c.yaml", True),
        ("*.js", "src/app.js", True),
        ("*.js", "src/app.jsx", False),
        ("/docs/", "docs/a/b.md", True),
        ("/docs/", "x/docs/a.md", False),
        ("docs/*", "docs/getting-started.md", True),
        ("docs/*", "docs/build-app/troubleshooting.md", False),
        ("apps/", "x/apps/a.txt", True),
        ("apps/", "apps", False),
        ("/apps/github", "apps/github/x.rb", True),
        ("/apps/github", "apps/githubber", False),
        ("**/logs", "deep/down/logs/x.log", True),
        ("/build/logs/", "build/logs/2026/a.log", True),
        ("/submissions/*/applications/x.yaml", "submissions/2026/applications/x.yaml", True),
        ("/submissions/*/applications/x.yaml", "submissions/2026/extra/applications/x.yaml", False),
        ("/submissions/*/reports/x.*.yaml", "submissions/2026/reports/x.final.yaml", True),
        ("/submissions/programme.yaml", "submissions/programme.yaml", True),
        ("f?o", "foo", True),
        ("f\\*o", "foo", False),
    ],
)
def test_patterns_match_as_github_does(pattern: str, path: str, matches: bool) -> None:
    assert bool(codeowners.pattern_regex(pattern).match(path)) is matches


def test_the_last_matching_pattern_wins() -> None:
    rules, problems = codeowners.parse(
        "* @office-li\n/submissions/ @someone  # a comment\n/submissions/office/ @office-li\n"
    )
    assert problems == []
    rule = codeowners.owner_of("submissions/2026/call.yaml", rules)
    assert rule is not None and rule.line == 2 and rule.owners == ("@someone",)
    rule = codeowners.owner_of("submissions/office/experts.yaml", rules)
    assert rule is not None and rule.line == 3


def test_the_rendered_file_gives_everything_to_the_office_only() -> None:
    text = codeowners.render(AUTHORITY)
    assert codeowners.ownership_problems(text, OFFICE, paths()) == []
    rules, _ = codeowners.parse(text)
    assert {o for r in rules for o in r.owners} == {"@office-bot", "@office-li"}
    assert (
        "wuhan-mechanical-engineering: mech-second, mech-secretariat" in text
    )  # listed for information, in a comment
    assert "zhao-review" not in text  # who reviews is the committee's business, not the shared repository's


def test_a_second_maintainer_of_the_same_society_is_not_a_code_owner() -> None:
    old_style = codeowners.render(AUTHORITY) + (
        "/submissions/*/applications/wuhan-mechanical-engineering.yaml @mech-second @office-li\n"
    )
    (problem,) = codeowners.ownership_problems(old_style, OFFICE, paths())
    assert problem.line == len(old_style.splitlines())
    assert "@mech-second" in problem.message_zh and "第" in problem.message_zh
    assert "wuhan-mechanical-engineering" in problem.message_zh


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("/submissions/societies/ @mech-secretariat", "@mech-secretariat"),
        ("/generator/", "没有列出任何所有者"),
        ("*.yaml @wuhan-kx/societies", "@wuhan-kx/societies"),
        ("/.github/ someone@example.org", "someone@example.org"),
        ("/submissions/2026/results.yaml @zhao-review", "@zhao-review"),
    ],
)
def test_any_owner_outside_the_office_fails(line: str, fragment: str) -> None:
    text = codeowners.render(AUTHORITY) + line + "\n"
    problems = codeowners.ownership_problems(text, OFFICE, paths())
    assert [p.line for p in problems] == [len(text.splitlines())]
    assert fragment in problems[0].message_zh


def test_unsupported_syntax_and_unowned_paths_fail() -> None:
    problems = codeowners.ownership_problems("!/generator/ @office-li\n", OFFICE, paths())
    assert any(p.line == 1 and "不支持" in p.message_zh for p in problems)
    assert any(p.line == 0 and "没有代码所有者" in p.message_zh for p in problems)
    assert codeowners.ownership_problems("* @office-li\n", frozenset(), paths())[0].line == 0


def test_the_shipped_file_passes_the_check() -> None:
    sources = read_folder(REPO)
    authority = authority_from(sources)
    text = (REPO / codeowners.PATH).read_text(encoding="utf-8")
    assert text == codeowners.render(authority)
    present = [s.path for s in sources]
    assert (
        codeowners.ownership_problems(
            text, authority.office, codeowners.decisive_paths(authority, {2025, 2026}, present)
        )
        == []
    )


def _programme(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    copy_mini(root)
    (root / "generator").mkdir()
    (root / "generator" / "cli.py").write_text("print()\n", encoding="utf-8")
    shutil.copytree(REPO / ".github" / "workflows", root / ".github" / "workflows")
    return root


def test_cli_check_fails_on_a_society_owner_even_when_not_stale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _programme(tmp_path)
    cwd = Path.cwd()
    os.chdir(root)
    try:
        assert main(["codeowners", "--check"]) == 1
        assert "不存在" in capsys.readouterr().out
        assert main(["codeowners"]) == 0
        capsys.readouterr()
        assert main(["codeowners", "--check"]) == 0
        assert "只归专项办公室所有" in capsys.readouterr().out
        target = root / codeowners.PATH
        target.write_text(
            target.read_text(encoding="utf-8") + "/submissions/societies/ @mech-secretariat\n",
            encoding="utf-8",
        )
        assert main(["codeowners", "--check"]) == 1
        out = capsys.readouterr().out
        line = len(target.read_text(encoding="utf-8").splitlines())
        assert f"{codeowners.PATH}:{line}:" in out and f"第 {line} 行" in out and "@mech-secretariat" in out
        assert "已过期" in out
    finally:
        os.chdir(cwd)
