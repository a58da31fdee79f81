"""A pull request reports what its author can act on (issue 25): findings in files the author may not
change (the office's formal-review record that cannot yet name a new application) are context, shown apart
and never blocking; the comment's counts match its tables; the JSON report marks context findings."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.clock import parse_now
from generator.forge import open_repo
from generator.pullrequest import check_pull_request
from generator.report import json as json_report
from generator.report import markdown, text
from tests.gitrepo import branch, commit_all, git
from tests.helpers import REPO

NEW_APP = "submissions/2026/applications/wuhan-optics.yaml"
OPTICS = "optics-secretariat"


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """The shipped tree in a git repository, and a branch where the optics society applies for 2026."""
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "submissions", repo / "submissions")
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    commit_all(repo, "base")
    branch(repo, "apply")
    model = (repo / "submissions/2026/applications/wuhan-materials.yaml").read_text(encoding="utf-8")
    application = model.replace("wuhan-materials", "wuhan-optics").replace("武汉市材料学会", "武汉市光学学会")
    (repo / NEW_APP).write_text(application, encoding="utf-8")
    commit_all(repo, "apply")
    return repo


def test_a_new_application_is_not_blamed_for_the_offices_later_formal_review(shipped: Path) -> None:
    result, _ = check_pull_request(open_repo(shipped), "main", "HEAD", OPTICS, parse_now("2026-10-15"))
    assert all(f.file == NEW_APP for f in result.findings)
    assert [(f.file, f.rule) for f in result.context] == [("submissions/2026/decisions.yaml", "DEC-001")]
    assert result.errors == sum(1 for f in result.findings if f.severity.value == "error")
    comment = markdown.render(result)
    assert "供参考" in comment
    body, aside = comment.split("## 供参考", 1)
    assert "decisions" not in body and "decisions" in aside
    assert f"本次改动了 {result.files} 个文件" in body
    tables = body.count("<summary>submissions")
    assert f"在下表的 {tables} 个文件中" in body
    said = text.render(result)
    assert "供参考" in said and "另有 1 项仅供参考" in said
    payload = json.loads(json_report.render(result))
    marked = [(f["file"], f["context"]) for f in payload["findings"]]
    assert ("submissions/2026/decisions.yaml", True) in marked
    assert all(context is False for file, context in marked if file == NEW_APP)
    assert payload["summary"]["context"] == 1
    assert payload["summary"]["errors"] == result.errors


def test_an_application_that_does_not_parse_does_not_blame_the_formal_review(shipped: Path) -> None:
    target = shipped / NEW_APP
    target.write_text(target.read_text(encoding="utf-8").replace("cycle:", "cycle：", 1), encoding="utf-8")
    commit_all(shipped, "broken")
    result, _ = check_pull_request(open_repo(shipped), "main", "HEAD", OPTICS, parse_now("2026-10-15"))
    assert {f.file for f in result.findings} == {NEW_APP}
    assert "YAML-006" in {f.rule for f in result.findings}
    assert {f.file for f in result.context} <= {"submissions/2026/decisions.yaml"}


def test_the_office_acts_on_every_file(shipped: Path) -> None:
    office = "office-li"
    result, _ = check_pull_request(open_repo(shipped), "main", "HEAD", office, parse_now("2026-10-15"))
    if result.context:
        pytest.fail(f"the office was shown context: {result.context}")
