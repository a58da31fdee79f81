"""Git failures a user can cause are clear refusals (exit 2, a Chinese message saying what to do), never a
traceback: real temporary repositories broken the way real ones break (orphan branches, shallow clones,
deleted or damaged objects, a repository owned by someone else)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import cli, forge
from tests.gitrepo import branch, commit_all, git, make_repo, replace
from tests.helpers import APP, DECISIONS

NOW = "2026-10-20"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = make_repo(tmp_path)
    branch(repo, "pr")
    replace(repo, APP, "approach: 围绕智能制造", "approach: 聚焦智能制造")
    commit_all(repo, "update")
    git(repo, "checkout", "-q", "main")
    return repo


def check(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str]:
    monkeypatch.chdir(repo)
    capsys.readouterr()
    code = cli.main(["check", *args, "--actor", "mech-secretariat", "--now", NOW, "--format", "json"])
    err = capsys.readouterr().err
    assert "Traceback" not in err and "内部错误" not in err, err
    return code, err


def damage(repo: Path, sha: str, content: bytes | None) -> None:
    """Delete (``None``) or overwrite a loose object."""
    path = repo / ".git" / "objects" / sha[:2] / sha[2:]
    path.chmod(0o644)
    if content is None:
        path.unlink()
    else:
        path.write_bytes(content)


def test_no_merge_base(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    git(repo, "checkout", "-q", "--orphan", "orphan")
    commit_all(repo, "orphan")
    code, err = check(repo, monkeypatch, capsys, "--base", "main", "--head", "orphan")
    assert code == 2
    assert "基准提交" in err and "没有共同的历史" in err and "git switch -c" in err
    assert "浅克隆" not in err  # a full clone: the cause is the branch, not the clone


def test_unknown_refs(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = check(repo, monkeypatch, capsys, "--base", "origin/main", "--head", "pr")
    assert code == 2 and "找不到提交 origin/main" in err and "git fetch" in err
    code, err = check(repo, monkeypatch, capsys, "--base", "main", "--head", "0" * 40)
    assert code == 2 and "找不到提交 0000" in err


def test_hostile_ref_is_shown_inert(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    planted = tmp_path / "planted"
    code, err = check(repo, monkeypatch, capsys, f"--base=--output={planted}", "--head", "main")
    assert code == 2 and "找不到提交 --output=" in err and not planted.exists()  # a ref, never an option
    code, err = check(repo, monkeypatch, capsys, "--base", "main", "--head", "main\n\x1b[31mred")
    assert code == 2 and "找不到提交 main ?[31mred" in err
    assert "\x1b" not in err and err.count("\n") == 1  # one line, no terminal escape


def test_shallow_clone_without_the_base(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "pr", f"file://{repo}", str(clone))
    code, err = check(clone, monkeypatch, capsys, "--base", "origin/main")
    assert code == 2 and "找不到提交 origin/main" in err and "fetch-depth: 0" in err
    # the base fetched, but not the history joining it to the head
    git(clone, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main")
    code, err = check(clone, monkeypatch, capsys, "--base", "origin/main")
    assert code == 2 and "没有共同的历史" in err and "浅克隆" in err and "fetch-depth: 0" in err
    # after unshallowing, the same check runs
    git(clone, "fetch", "-q", "--unshallow", "origin", "main:refs/remotes/origin/main")
    code, _ = check(clone, monkeypatch, capsys, "--base", "origin/main")
    assert code == 0


@pytest.mark.parametrize(
    ("what", "how"),
    [
        ("blob", None),
        ("blob", b"garbage"),
        ("tree", None),
        ("tree", b"garbage"),
        ("commit", b"garbage"),
    ],
)
def test_damaged_objects(
    repo: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    what: str,
    how: bytes | None,
) -> None:
    sha = {"blob": f"pr:{APP}", "tree": "pr^{tree}", "commit": "pr"}[what]
    damage(repo, git(repo, "rev-parse", sha), how)
    code, err = check(repo, monkeypatch, capsys, "--base", "main", "--head", "pr")
    assert code == 2
    assert "损坏或缺失的 git 对象" in err and "git fsck" in err, err


def test_not_a_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    code, err = check(plain, monkeypatch, capsys, "--base", "main")
    assert code == 2 and "不是 git 仓库" in err


def test_repository_owned_by_someone_else(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")  # git's own switch for "dubious ownership"
    code, err = check(repo, monkeypatch, capsys, "--base", "main", "--head", "pr")
    assert code == 2 and "safe.directory" in err and "另一个系统用户" in err


def test_history_of_a_damaged_repository_is_a_forge_error(repo: Path) -> None:
    replace(repo, DECISIONS, "objections: []", "objections: []  # 暂无")
    sha = commit_all(repo, "second")
    damage(repo, sha, b"garbage")
    with pytest.raises(forge.ForgeError, match="修改历史"):
        forge.history(forge.open_repo(repo), DECISIONS)


def test_a_forge_error_anywhere_is_exit_2(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``build`` reads the publicity list's history from git: a damaged repository is a refusal there too."""
    replace(repo, DECISIONS, "objections: []", "objections: []  # 暂无")
    damage(repo, commit_all(repo, "second"), b"garbage")
    monkeypatch.chdir(repo)
    code = cli.main(["build", "--out", str(repo.parent / "out")])
    err = capsys.readouterr().err
    assert code == 2 and "修改历史" in err and "Traceback" not in err


def test_the_happy_path_still_works(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = check(repo, monkeypatch, capsys, "--base", "main", "--head", "pr")
    assert code == 0
    found = forge.changes(forge.open_repo(repo), forge.commit_of(forge.open_repo(repo), "main"), "pr")
    assert [(c.status, c.path) for c in found] == [("M", APP)]
