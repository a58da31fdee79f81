"""The committee repository (examples/committee/) and the one-way flow: its check against the shared tree, the
recorded results and their fingerprint, ``rank --record``, and both repositories' pull-request checks on
real temporary git repositories."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.checker import CheckResult, build_dataset, parse_all
from generator.clock import parse_now
from generator.committee import (
    check_committee,
    check_committee_pull_request,
    merge,
    parse_committee,
    read_committee_folder,
)
from generator.forge import open_repo
from generator.model import Dataset
from generator.pullrequest import check_pull_request
from generator.repository import Source, read_folder
from generator.results import canonical_inputs, fingerprint
from generator.rules.base import Context
from tests.gitrepo import branch, commit_all, replace
from tests.helpers import (
    APP,
    COMMITTEE,
    EXPERTS,
    REPO,
    RESULTS,
    commit_tree_to,
    mini_committee,
    mini_tree,
)

EXAMPLE = REPO / "examples" / "committee"
NOW = parse_now("2026-11-26")


def errors(result: CheckResult) -> list[tuple[str, str]]:
    return [(f.file, f.rule) for f in result.findings if f.severity.value == "error"]


def shipped_check(committee: Path = EXAMPLE, shared: Path = REPO) -> CheckResult:
    return check_committee(read_folder(shared), read_committee_folder(committee), Context(now=NOW))


def xuehui(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.fixture
def trees(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the shipped shared tree (submissions/) and of the example committee repository beside it."""
    shared = tmp_path / "shared"
    shutil.copytree(REPO / "submissions", shared / "submissions")
    committee = tmp_path / "committee"
    shutil.copytree(EXAMPLE, committee)
    return shared, committee


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# ------------------------------------------------------------------------------------ the shipped example
def test_the_shipped_committee_check_passes() -> None:
    result = shipped_check()
    assert result.errors == 0, [
        (f.file, f.rule, f.message_zh) for f in result.findings if f.severity.value == "error"
    ]
    assert "COMM-001" not in {f.rule for f in result.findings}
    assert result.dataset is not None and result.dataset.committee_loaded
    assert {y: len(result.dataset.cycles[y].reviews) for y in (2025, 2026)} == {2025: 5, 2026: 5}


def test_the_cli_committee_check_passes_and_the_shared_check_says_what_it_left() -> None:
    done = xuehui(
        "check", "--committee", "examples/committee", "--now", "2026-11-26", "--format", "json", cwd=REPO
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "COMM-001" not in done.stdout
    alone = xuehui("check", "--now", "2026-11-26", "--format", "json", cwd=REPO)
    assert alone.returncode == 0, alone.stdout + alone.stderr
    notices = [f for f in json.loads(alone.stdout)["findings"] if f["rule"] == "COMM-001"]
    assert len(notices) == 1 and notices[0]["severity"] == "notice"
    assert "REV-001…005" in notices[0]["message_zh"]


def test_rank_reproduces_the_shipped_2025_results_exactly(trees: tuple[Path, Path]) -> None:
    shared, committee = trees
    target = shared / "submissions" / "2025" / "results.yaml"
    shipped = target.read_bytes()
    target.unlink()
    done = xuehui(
        "rank",
        "--committee",
        str(committee),
        "--shared",
        str(shared),
        "--cycle",
        "2025",
        "--record",
        "--now",
        "2025-11-20",
        "--format",
        "json",
        cwd=shared,
    )
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == shipped
    assert "已写入" in done.stderr
    recorded = xuehui("rank", "--cycle", "2025", "--format", "json", cwd=shared)  # the shared tree alone
    committee_view = json.loads(done.stdout)
    for row in committee_view["standings"]:
        row.pop("formation", None)  # how each total was formed: the committee's output only
    assert recorded.returncode == 0 and json.loads(recorded.stdout) == committee_view
    again = xuehui(
        "rank",
        "--committee",
        str(committee),
        "--shared",
        str(shared),
        "--cycle",
        "2025",
        "--record",
        "--now",
        "2026-01-05",
        cwd=shared,
    )
    assert again.returncode == 0 and "已是最新" in again.stderr
    assert target.read_bytes() == shipped  # nothing new to record: the file keeps its date


def test_record_writes_only_the_results_file(trees: tuple[Path, Path]) -> None:
    shared, committee = trees
    (shared / RESULTS).unlink()
    before_shared, before_committee = files(shared), files(committee)
    done = xuehui(
        "rank",
        "--committee",
        str(committee),
        "--shared",
        str(shared),
        "--cycle",
        "2026",
        "--record",
        "--now",
        "2026-11-20",
        cwd=shared,
    )
    assert done.returncode == 0, done.stderr
    after = files(shared)
    assert set(after) - set(before_shared) == {RESULTS}
    assert {p: after[p] for p in before_shared} == before_shared
    assert files(committee) == before_committee
    assert after[RESULTS] == (REPO / RESULTS).read_bytes()


def test_record_refuses_a_file_it_did_not_write_and_replaces_its_own(trees: tuple[Path, Path]) -> None:
    shared, committee = trees
    target = shared / "submissions" / "2025" / "results.yaml"
    review = committee / "2025" / "reviews" / "expert-li.yaml"
    review.write_text(
        review.read_text(encoding="utf-8").replace(
            "innovation: {academic: 11,", "innovation: {academic: 10,", 1
        ),
        encoding="utf-8",
    )
    edited = target.read_text(encoding="utf-8").replace('total: "89.50"', 'total: "99.50"')
    target.write_text(edited, encoding="utf-8")
    args = (
        "rank",
        "--committee",
        str(committee),
        "--shared",
        str(shared),
        "--cycle",
        "2025",
        "--record",
        "--now",
        "2025-11-21",
    )
    refused = xuehui(*args, cwd=shared)
    assert refused.returncode == 1 and "手工修改" in refused.stderr and "Traceback" not in refused.stderr
    assert target.read_text(encoding="utf-8") == edited
    target.write_bytes((REPO / "submissions" / "2025" / "results.yaml").read_bytes())  # rank's own file again
    replaced = xuehui(*args, cwd=shared)
    assert replaced.returncode == 0 and "已更新" in replaced.stderr and "原指纹" in replaced.stderr
    assert 'recorded: "2025-11-21"' in target.read_text(encoding="utf-8")
    assert shipped_check(committee, shared).errors == 0


def test_rank_without_committee_needs_recorded_results(tmp_path: Path) -> None:
    tree = mini_tree()
    del tree[RESULTS]
    root = tmp_path / "shared"
    for path, raw in tree.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(raw)
    done = xuehui("rank", "--cycle", "2026", cwd=root)
    assert done.returncode == 1 and "--committee" in done.stderr
    usage = xuehui("rank", "--cycle", "2026", "--record", cwd=root)
    assert usage.returncode == 2


# ------------------------------------------------------------------------------------ the fingerprint
def _scores(committee: Path) -> list[tuple[str, int]]:
    """(review file, line) of the first score of every shipped review file."""
    found = []
    for path in sorted(committee.glob("20*/reviews/*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines()
        index = next(i for i, line in enumerate(lines) if "innovation: {" in line)
        found.append((path.relative_to(committee).as_posix(), index))
    return found


def test_changing_any_one_score_fails_on_the_recorded_results() -> None:
    shared = read_folder(REPO)
    base = {s.path: s.raw or b"" for s in read_committee_folder(EXAMPLE)}
    checked = 0
    for rel, index in _scores(EXAMPLE):
        committee = dict(base)
        lines = committee[rel].decode("utf-8").split("\n")
        lines[index] = (
            lines[index].replace("{academic: ", "{academic: 0", 1).replace("{academic: 0", "{academic: 1", 1)
        )
        committee[rel] = "\n".join(lines).encode("utf-8")
        result = check_committee(
            shared, [Source(p, r) for p, r in sorted(committee.items())], Context(now=NOW)
        )
        year = rel.split("/", 1)[0]
        comm = [f for f in result.findings if f.rule == "COMM-002"]
        assert comm, rel
        assert {f.file for f in comm} == {f"submissions/{year}/results.yaml"}
        (print_,) = [f for f in comm if f.path == "fingerprint"]
        assert "记录的指纹 sha256:" in print_.message_zh and "重新计算的指纹 sha256:" in print_.message_zh
        checked += 1
    assert checked == 10


def _dataset(committee: list[Source]) -> Dataset:
    data, _ = build_dataset(parse_all(read_folder(REPO), use_cache=False))
    merge(data, parse_committee(committee))
    return data


POINTS = re.compile(
    r"points:\n(      innovation: .*\n)(      society_government: .*\n)(      scientists: .*\n)(      self_development: .*\n)"
)


def _reordered(text: str) -> str:
    """The same review with its scores in reverse order and the keys of each ``points`` reversed."""
    head, _, body = text.partition("scores:\n")
    entries = ["  - " + e for e in body.split("  - ") if e.strip()]
    flipped = [POINTS.sub(r"points:\n\4\3\2\1", e) for e in reversed(entries)]
    assert all("points:\n      self_development:" in e for e in flipped)
    return head + "scores:\n" + "".join(flipped)


def test_the_fingerprint_is_stable_under_file_and_key_order() -> None:
    sources = read_committee_folder(EXAMPLE)
    data = _dataset(sources)
    prints = {y: fingerprint(data, data.cycles[y]) for y in (2025, 2026)}
    shuffled = [
        Source(
            s.path,
            _reordered((s.raw or b"").decode("utf-8")).encode("utf-8") if "/reviews/" in s.path else s.raw,
        )
        for s in reversed(sources)
    ]
    assert shuffled != list(reversed(sources))
    other = _dataset(shuffled)
    assert {y: fingerprint(other, other.cycles[y]) for y in (2025, 2026)} == prints
    canonical = json.dumps(
        canonical_inputs(data, data.cycles[2025]), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    assert prints[2025] == "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    assert '"comment"' not in canonical and '"name"' not in canonical and '"login"' not in canonical


# ------------------------------------------------------------------------------------ the one-way flow
def test_the_shared_tree_holds_nothing_of_the_committee() -> None:
    pool = (EXAMPLE / "experts.yaml").read_text(encoding="utf-8")
    logins = {line.split("login: ")[1].split(",")[0] for line in pool.splitlines() if "{id: " in line}
    ids = {line.split("id: ")[1].split(",")[0] for line in pool.splitlines() if "{id: " in line}
    assert len(logins) == 7 and len(ids) == 7
    for source in read_folder(REPO):
        text = (source.raw or b"").decode("utf-8", errors="replace")
        assert not any(x in text for x in logins | ids), source.path
        assert "/reviews/" not in source.path and not source.path.endswith("experts.yaml")


# ------------------------------------------------------------------------------------ pull requests
OFFICE = "office-li"
ZHAO, QIAN = "zhao-review", "qian-review"
SOCIETY_LOGIN = "mech-secretariat"
REVIEW_ZHAO = "2026/reviews/expert-zhao.yaml"


def committee_with_logins() -> dict[str, bytes]:
    tree = mini_committee()
    text = tree[EXPERTS].decode("utf-8")
    text = text.replace("{id: expert-zhao, name: 赵教授,", f"{{id: expert-zhao, name: 赵教授, login: {ZHAO},")
    text = text.replace(
        "{id: expert-qian, name: 钱研究员,", f"{{id: expert-qian, name: 钱研究员, login: {QIAN},"
    )
    tree[EXPERTS] = text.encode("utf-8")
    return tree


@pytest.fixture
def two_repos(tmp_path: Path) -> tuple[Path, Path]:
    """The shared repository (before the 2026 results are recorded) and the committee repository."""
    shared = mini_tree()
    del shared[RESULTS]
    return commit_tree_to(tmp_path / "shared", shared), commit_tree_to(
        tmp_path / "committee", committee_with_logins()
    )


def committee_pr(repos: tuple[Path, Path], actor: str) -> CheckResult:
    shared, committee = repos
    return check_committee_pull_request(open_repo(committee), "main", "HEAD", actor, read_folder(shared), NOW)


def test_an_expert_edits_their_own_review(two_repos: tuple[Path, Path]) -> None:
    _shared, committee = two_repos
    branch(committee, "rescore")
    replace(committee, REVIEW_ZHAO, "innovation: 26", "innovation: 27")
    commit_all(committee, "rescore")
    assert errors(committee_pr(two_repos, ZHAO)) == []
    assert errors(committee_pr(two_repos, OFFICE)) == []
    assert (REVIEW_ZHAO, "AUTH-001") in errors(committee_pr(two_repos, QIAN))  # another expert
    assert (REVIEW_ZHAO, "AUTH-001") in errors(committee_pr(two_repos, SOCIETY_LOGIN))  # a society


@pytest.mark.parametrize("path", [EXPERTS, COMMITTEE, "shared.yaml", "2026/reviews/expert-qian.yaml"])
def test_an_expert_may_not_touch_the_pool_the_committee_or_another_review(
    two_repos: tuple[Path, Path], path: str
) -> None:
    _shared, committee = two_repos
    branch(committee, "sneaky")
    target = committee / path
    target.write_text(target.read_text(encoding="utf-8") + "\n# 改动\n", encoding="utf-8")
    commit_all(committee, "sneaky")
    assert (path, "AUTH-001") in errors(committee_pr(two_repos, ZHAO))
    assert (path, "AUTH-001") not in errors(committee_pr(two_repos, OFFICE))


def test_authority_comes_from_the_base_pool(two_repos: tuple[Path, Path]) -> None:
    _shared, committee = two_repos
    branch(committee, "grab")
    replace(committee, EXPERTS, f"login: {QIAN},", f"login: {ZHAO},")  # zhao claims qian's entry
    replace(committee, "2026/reviews/expert-qian.yaml", "innovation: 25", "innovation: 24")
    commit_all(committee, "grab")
    found = errors(committee_pr(two_repos, ZHAO))
    assert (EXPERTS, "AUTH-001") in found and ("2026/reviews/expert-qian.yaml", "AUTH-001") in found


def test_scores_are_frozen_once_results_are_recorded(two_repos: tuple[Path, Path]) -> None:
    shared, committee = two_repos
    (shared / RESULTS).write_bytes(mini_tree()[RESULTS])
    commit_all(shared, "results recorded")
    branch(committee, "late")
    replace(committee, REVIEW_ZHAO, "innovation: 26", "innovation: 27")
    commit_all(committee, "late rescore")
    assert (RESULTS, "COMM-002") in errors(committee_pr(two_repos, ZHAO))


def test_the_cli_runs_the_committee_pull_request_check(two_repos: tuple[Path, Path]) -> None:
    shared, committee = two_repos
    branch(committee, "rescore")
    replace(committee, REVIEW_ZHAO, "innovation: 26", "innovation: 27")
    commit_all(committee, "rescore")
    args = (
        "check",
        "--committee",
        ".",
        "--shared",
        str(shared),
        "--base",
        "main",
        "--now",
        "2026-11-26",
        "--format",
        "json",
    )
    own = xuehui(*args, "--actor", ZHAO, cwd=committee)
    assert own.returncode == 0, own.stdout + own.stderr
    other = xuehui(*args, "--actor", QIAN, cwd=committee)
    assert other.returncode == 1
    assert ("AUTH-001", REVIEW_ZHAO) in {(f["rule"], f["file"]) for f in json.loads(other.stdout)["findings"]}


def test_in_the_shared_repository_a_society_may_not_edit_results(two_repos: tuple[Path, Path]) -> None:
    shared, _committee = two_repos
    (shared / RESULTS).write_bytes(mini_tree()[RESULTS])
    commit_all(shared, "results recorded")
    branch(shared, "results")
    replace(shared, RESULTS, 'total: "', 'total: "9')
    replace(shared, APP, "approach: 围绕智能制造", "approach: 聚焦智能制造")
    commit_all(shared, "edit results")
    result, _ = check_pull_request(open_repo(shared), "main", "HEAD", SOCIETY_LOGIN, parse_now("2026-10-20"))
    assert (RESULTS, "AUTH-001") in errors(result)
    assert (APP, "AUTH-001") not in errors(result)


def test_a_shared_tree_at_another_commit_than_the_pin_is_a_warning(two_repos: tuple[Path, Path]) -> None:
    shared, committee = two_repos
    from tests.gitrepo import git

    pinned = git(shared, "rev-parse", "HEAD")
    ref = f'schema_version: 1\nrepository: example/programme\ncommit: "{pinned}"\npath: ../shared\n'
    (committee / "shared.yaml").write_text(ref, encoding="utf-8")
    commit_all(committee, "pin")
    args = ("check", "--committee", ".", "--now", "2026-11-26", "--format", "json")
    at_pin = xuehui(*args, cwd=committee)
    assert at_pin.returncode == 0, at_pin.stdout + at_pin.stderr
    assert "COMM-004" not in at_pin.stdout
    replace(shared, APP, "approach: 围绕智能制造", "approach: 聚焦智能制造")
    commit_all(shared, "later")
    moved = xuehui(*args, cwd=committee)
    found = [f for f in json.loads(moved.stdout)["findings"] if f["rule"] == "COMM-004"]
    assert [(f["file"], f["severity"]) for f in found] == [("shared.yaml", "warning")]
    assert pinned[:12] in found[0]["message_zh"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("check", "--shared", "."), "--shared 只能与 --committee 一起使用"),
        (("check", "--committee", "no-such-folder"), "不是一个文件夹"),
        (("check", "--committee", "examples/committee", "submissions"), "不能同时使用"),
        (("check", "--committee", "examples/committee", "--shared", "examples"), "没有 submissions/"),
        (("rank", "--cycle", "2025", "--record"), "需要 --committee"),
        (("rank", "--committee", "examples/committee", "--cycle", "2019"), "没有 2019 年度的数据"),
    ],
)
def test_committee_usage_errors(args: tuple[str, ...], message: str) -> None:
    done = xuehui(*args, cwd=REPO)
    assert done.returncode == 2, done.stdout + done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr


def test_a_committee_without_shared_yaml_needs_shared(tmp_path: Path) -> None:
    committee = tmp_path / "committee"
    shutil.copytree(EXAMPLE, committee)
    (committee / "shared.yaml").unlink()
    done = xuehui("check", "--committee", str(committee), cwd=REPO)
    assert done.returncode == 2 and "--shared" in done.stderr
    ok = xuehui(
        "check", "--committee", str(committee), "--shared", str(REPO), "--now", "2026-11-26", cwd=REPO
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
