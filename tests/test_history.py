"""The public revision history (issue 24): each entry explained in Chinese — the subject an office command
wrote (trailer ``Xuehui-Office:``), else what changed in the decisions file — and never a developer's English
commit subject; commits touching code alone are not listed. On a real temporary git repository."""

from __future__ import annotations

from pathlib import Path

from generator import forge
from generator.site.history import decisions_history
from tests.gitrepo import commit_all, git, make_repo, replace, write
from tests.helpers import DECISIONS

NAMES = {"wuhan-mechanical-engineering": "武汉市机械工程学会"}
TZ = "Asia/Shanghai"
OBJECTION = (
    'objections:\n  - {id: 2026-yy-01, received: "2026-11-27", society: wuhan-mechanical-engineering,'
    " summary: 反映参会人数不实, status: pending}\n"
)


def history(repo: Path) -> list[tuple[str, tuple[str, ...]]]:
    revisions = decisions_history(forge.open_repo(repo), DECISIONS, NAMES, TZ)
    return [(r.subject, r.changes) for r in revisions]


def test_entries_are_explained_in_chinese_never_by_english_subjects(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    replace(repo, DECISIONS, "objections: []\n", OBJECTION)
    commit_all(repo, "Merge minimum personal data handling into decisions")
    write(repo, "generator/cli.py", "print('changed')\n")
    commit_all(repo, "Schemas for every file kind: refactor")  # code only: not in the history
    replace(repo, DECISIONS, 'start: "2026-11-25"', 'start: "2026-11-26"')
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "2026年度：更正公示开始日期\n\nXuehui-Office: publicity")
    replace(repo, DECISIONS, "  channels: [武汉科协官网, 本站]", "  channels: [武汉科协官网]")
    git(repo, "add", "-A")
    git(
        repo, "commit", "-q", "-m", "Tidy channels\n\nXuehui-Office: publicity"
    )  # a trailer, an English subject
    replace(repo, DECISIONS, "# The office's record", "# The office's own record")
    commit_all(repo, "Comment wording")

    entries = history(repo)
    assert len(entries) == 5  # the base commit, four changes of the file; the code-only commit is absent
    comment, tidy, office, objection, base = entries
    assert objection == ("2026年度决定：收到异议 2026-yy-01", ("收到异议 2026-yy-01",))
    assert office[0] == "2026年度：更正公示开始日期"
    assert office[1] == ("公示开始日期：2026-11-25 → 2026-11-26",)
    assert tidy == ("2026年度决定：公示记录更新", ("公示记录更新",))
    assert comment[0] == "2026年度决定：格式或注释调整（数据未变）"
    assert base[0].startswith(
        "2026年度决定：公示开始日期：无 → 2026-11-25；拟表彰名单新增：武汉市机械工程学会（一等）"
    )
    assert "形式审查：武汉市机械工程学会 通过" in base[1]
    shown = " ".join(s + " ".join(c) for s, c in entries)
    for english in ("Merge", "Schemas", "Tidy", "Comment", "base", "其他内容更新"):
        assert english not in shown


def test_the_trailer_is_read_from_git(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    replace(repo, DECISIONS, "objections: []\n", OBJECTION)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "收到异议\n\n正文。\n\nXuehui-Office: objection")
    newest, base = forge.history(forge.open_repo(repo), DECISIONS)
    assert newest.office == "objection" and newest.subject == "收到异议"
    assert base.office is None
