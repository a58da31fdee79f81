"""A build that never destroys: which folders ``xuehui build`` may replace, its staging folders, and a build
killed at random moments or stopped with Ctrl+C (no process left alive, no staging folder left after the
next run, the output always one complete site)."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import cli
from generator.clock import parse_now
from generator.site import outdir
from generator.site.build import build
from generator.site.outdir import (
    MARKER,
    MARKER_TEXT,
    OWN_CHECKOUT,
    STAGING_INFIX,
    STAGING_MARKER,
    Refusal,
    make_staging,
    publish,
    remove_stale_staging,
    stale_staging,
    vet_output,
)
from tests.helpers import mini_tree, write_tree

NOW = "2026-11-26T10:00:00+08:00"
LATER = "2026-11-27T10:00:00+08:00"  # another day: another publicity count, so another site


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def staging_folders(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}{STAGING_INFIX}"))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    write_tree(root, mini_tree())
    for name in ("schemas", "generator", "site", ".github", "tests", "docs", ".git"):
        (root / name).mkdir()
        (root / name / "keep.txt").write_text("mine", encoding="utf-8")
    return root


def marked(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    (folder / "index.html").write_text("old site", encoding="utf-8")
    return folder


# ---------------------------------------------------------------------------------------------------------
# Which folders the build may replace


REFUSED: list[tuple[str, str, str]] = [
    # (case, --out relative to the repository, words the Chinese message must hold)
    ("the repository root", ".", "仓库的根目录"),
    ("the root spelt with ..", "submissions/..", "仓库的根目录"),
    ("submissions/", "submissions", "submissions/"),
    ("a folder inside submissions/", "submissions/site", "submissions/"),
    ("submissions/ spelt with ..", "public/../submissions", "submissions/"),
    ("schemas/", "schemas", "schemas/"),
    ("generator/", "generator", "generator/"),
    ("site/", "site", "site/"),
    (".github/", ".github", ".github/"),
    ("tests/", "tests", "tests/"),
    ("docs/", "docs", "docs/"),
    (".git", ".git", ".git/"),
    ("inside .git", ".git/public", ".git/"),
    ("the repository's parent", "..", "上级文件夹"),
    ("the file system's root", "/", "根目录"),
    ("a symlink to submissions/", "link-to-submissions", "submissions/"),
    ("a symlink to the parent", "link-to-parent", "上级文件夹"),
    ("a file", "notes.txt", "是一个文件"),
    ("under a file", "notes.txt/public", "是一个文件"),
    ("a folder someone else filled", "mine", "不是 xuehui 生成的"),
    ("a marker with other content", "fake-marker", "不是 xuehui 生成的"),
    ("a marker that is a symlink", "linked-marker", "不是 xuehui 生成的"),
    ("a marker planted in submissions/", "submissions", "submissions/"),
]


@pytest.mark.parametrize(("case", "given", "words"), REFUSED, ids=[c[0] for c in REFUSED])
def test_the_build_refuses_folders_it_may_not_replace(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, given: str, words: str
) -> None:
    (repo / "link-to-submissions").symlink_to(repo / "submissions")
    (repo / "link-to-parent").symlink_to(repo.parent)
    (repo / "notes.txt").write_text("notes", encoding="utf-8")
    (repo / "mine").mkdir()
    (repo / "mine" / "thesis.docx").write_text("years of work", encoding="utf-8")
    marked(repo / "fake-marker")
    (repo / "fake-marker" / MARKER).write_text("xuehui-site 2\n", encoding="utf-8")
    (repo / "linked-marker").mkdir()
    (repo / "linked-marker" / MARKER).symlink_to(marked(tmp_path / "elsewhere") / MARKER)
    (repo / "submissions" / MARKER).write_text(MARKER_TEXT, encoding="utf-8")  # a hostile PR could add it
    before = snapshot(repo)
    vetted = vet_output(Path(given), repo, cwd=repo, home=tmp_path / "home")
    assert isinstance(vetted, Refusal), case
    assert words in vetted.message and "--out" in vetted.message
    assert str(vetted.folder) in vetted.message  # the folder, resolved, is named

    monkeypatch.chdir(repo)
    assert cli.main(["build", "--now", NOW, "--out", given]) == 2
    assert snapshot(repo) == before
    assert staging_folders(repo / "public") == []


def test_home_the_current_folder_and_the_generators_own_folders_are_refused(
    repo: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    elsewhere = tmp_path / "work" / "sub"
    elsewhere.mkdir(parents=True)
    assert isinstance(vet_output(home, repo, cwd=repo, home=home), Refusal)
    refusal = vet_output(Path("."), repo, cwd=elsewhere, home=home)
    assert isinstance(refusal, Refusal) and "当前所在的文件夹" in refusal.message
    assert isinstance(vet_output(Path(".."), repo, cwd=elsewhere, home=home), Refusal)
    for name in ("generator", "site", "tests", "schemas", ".git"):  # of the checkout this code runs from
        if (OWN_CHECKOUT / name).exists():
            refusal = vet_output(OWN_CHECKOUT / name, repo, cwd=repo, home=home)
            assert isinstance(refusal, Refusal) and f"{name}/" in refusal.message
    assert isinstance(vet_output(OWN_CHECKOUT, repo, cwd=repo, home=home), Refusal)


@pytest.mark.parametrize("given", ["public", "build/site", "empty", "made-by-xuehui", "../beside-the-repo"])
def test_new_empty_and_marked_folders_are_accepted(repo: Path, tmp_path: Path, given: str) -> None:
    (repo / "empty").mkdir()
    marked(repo / "made-by-xuehui")
    vetted = vet_output(Path(given), repo, cwd=repo, home=tmp_path / "home")
    assert vetted == (repo / given).resolve()


@pytest.mark.skipif(
    shutil.which("unshare") is None or not sys.platform.startswith("linux"), reason="needs unshare"
)
def test_another_name_for_a_protected_folder_is_the_same_folder(repo: Path, tmp_path: Path) -> None:
    """Folders are compared as what they are (device, inode), not by spelling: a bind mount gives
    ``submissions/`` a second name, as a case-insensitive disk gives it ``Submissions``."""
    alias = tmp_path / "Submissions"
    alias.mkdir()
    script = (
        "import sys; from pathlib import Path; from generator.site.outdir import Refusal, vet_output; "
        f"r = vet_output(Path({str(alias)!r}), Path({str(repo)!r}), cwd=Path({str(repo)!r})); "
        "print(isinstance(r, Refusal) and 'submissions/' in r.message)"
    )
    done = subprocess.run(
        [
            "unshare",
            "--map-root-user",
            "--mount",
            "sh",
            "-c",
            'mount --bind "$1" "$2" && exec "$3" -c "$4"',
            "sh",
            str(repo / "submissions"),
            str(alias),
            sys.executable,
            script,
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=OWN_CHECKOUT,
    )
    if done.returncode != 0 and "mount" in done.stderr:
        pytest.skip(f"no bind mount here: {done.stderr.strip()}")
    assert done.stdout.strip() == "True", done.stderr


def test_a_build_replaces_its_own_output_and_marks_it(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write_tree(root, mini_tree())
    out = tmp_path / "public"
    assert build(root, out, parse_now(NOW)).ok
    assert (out / MARKER).read_text(encoding="utf-8") == MARKER_TEXT
    first = snapshot(out)
    assert vet_output(out, root, cwd=root) == out  # the next build may replace it
    assert build(root, out, parse_now(LATER)).ok
    assert snapshot(out) != first and (out / MARKER).read_text(encoding="utf-8") == MARKER_TEXT
    assert staging_folders(out) == []


def test_the_library_build_checks_the_folder_again_before_the_swap(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write_tree(root, mini_tree())
    out = tmp_path / "public"
    out.mkdir()
    (out / "thesis.docx").write_text("years of work", encoding="utf-8")
    result = build(root, out, parse_now(NOW))
    assert not result.ok and result.output_refused and "不是 xuehui 生成的" in (result.problem or "")
    assert [p.name for p in out.iterdir()] == ["thesis.docx"]
    assert staging_folders(out) == []


# ---------------------------------------------------------------------------------------------------------
# Staging folders and the swap


def dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    return int(done.stdout)


def fake_staging(out: Path, pid: int, *, host: str | None = None, folder_name: str | None = None) -> Path:
    import socket

    folder = out.parent / f".{out.name}{STAGING_INFIX}{pid}-0000abcd"
    folder.mkdir()
    (folder / "site").mkdir()
    (folder / "site" / "index.html").write_text("half a site", encoding="utf-8")
    owner = {
        "xuehui": "staging",
        "folder": folder_name or folder.name,
        "pid": pid,
        "start": None,
        "host": host or socket.gethostname(),
    }
    (folder / STAGING_MARKER).write_text(json.dumps(owner), encoding="utf-8")
    return folder


def test_only_stale_staging_folders_this_program_made_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "public"
    gone = dead_pid()
    stale = fake_staging(out, gone)
    alive = fake_staging(out, os.getpid())
    other_host = fake_staging(out, gone + 1, host="another-machine")
    other_host.rename(other_host.with_name(other_host.name.replace("0000abcd", "0000beef")))
    moved = fake_staging(out, gone + 2, folder_name="a-copy-of-another-marker")
    unmarked = tmp_path / f".public{STAGING_INFIX}{gone}-ffff0000"
    unmarked.mkdir()
    (unmarked / "notes.txt").write_text("not ours", encoding="utf-8")
    empty = tmp_path / f".public{STAGING_INFIX}{gone}-eeee0000"  # killed before its marker was written
    empty.mkdir()
    legacy = tmp_path / ".public.staging-k3j2"  # an older version's: unmarked, so not provably ours
    legacy.mkdir()
    other_output = tmp_path / f".other{STAGING_INFIX}{gone}-0000abcd"
    other_output.mkdir()

    assert stale_staging(out) == sorted([stale, empty])
    assert remove_stale_staging(out) == sorted([stale, empty])
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(
        p.name
        for p in (
            alive,
            other_host.with_name(other_host.name.replace("0000abcd", "0000beef")),
            moved,
            unmarked,
            legacy,
            other_output,
        )
    )


def test_a_staging_folder_is_marked_with_its_owner_from_the_start(tmp_path: Path) -> None:
    out = tmp_path / "public"
    staging = make_staging(out)
    assert staging.parent == tmp_path and staging.name.startswith(f".public{STAGING_INFIX}{os.getpid()}-")
    owner = json.loads((staging / STAGING_MARKER).read_text(encoding="utf-8"))
    assert owner["pid"] == os.getpid() and owner["folder"] == staging.name
    assert stale_staging(out) == []  # its owner (this process) runs


def test_two_renames_killed_midway_are_repaired_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where there is no atomic exchange, the old output waits in the staging folder between two renames;
    a run killed there leaves no output, and the next run puts the old one back before anything else."""
    out = marked(tmp_path / "public")
    old = snapshot(out)
    staging = fake_staging(out, dead_pid())
    shutil.rmtree(staging / "site")
    out.rename(staging / outdir.PREVIOUS)  # the state between the two renames
    assert remove_stale_staging(out) == [staging]
    assert snapshot(out) == old and staging_folders(out) == []

    new = tmp_path / "new"
    new.mkdir()
    (new / "index.html").write_text("new site", encoding="utf-8")
    monkeypatch.setattr(outdir, "_exchange", lambda a, b: False)
    own = make_staging(out)
    publish(new, out, own)
    assert (out / "index.html").read_text(encoding="utf-8") == "new site" and (out / MARKER).is_file()
    assert (own / outdir.PREVIOUS / "index.html").read_text(encoding="utf-8") == "old site"


# ---------------------------------------------------------------------------------------------------------
# A build killed at random moments


def processes_in_group(pgid: int) -> list[int]:
    """Living processes (not zombies) of a process group, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_bytes().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] not in (b"Z", b"X"):
            found.append(int(entry.name))
    return found


def build_command(out: Path, now: str) -> list[str]:
    return [
        sys.executable,
        "-c",
        "import sys; from generator.cli import main; sys.exit(main(sys.argv[1:]))",
        "build",
        "--now",
        now,
        "--out",
        str(out),
    ]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_build_killed_at_random_moments_leaves_nothing_behind(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write_tree(root, mini_tree())
    out = tmp_path / "public"
    env = dict(os.environ, PYTHONPATH=str(OWN_CHECKOUT))
    started = time.monotonic()
    subprocess.run(build_command(out, NOW), cwd=root, env=env, check=True, capture_output=True)
    duration = time.monotonic() - started
    sites = {NOW: snapshot(out)}
    assert build(root, tmp_path / "reference", parse_now(LATER)).ok
    sites[LATER] = snapshot(tmp_path / "reference")
    assert sites[NOW] != sites[LATER]

    rng = random.Random(20261126)
    moments = [duration * (i + rng.random()) / 8 for i in range(8)]  # one in each eighth of the build
    stale_left = 0
    for i, moment in enumerate(moments):
        now = LATER if i % 2 == 0 else NOW  # the output holds the other site
        process = subprocess.Popen(
            build_command(out, now),
            cwd=root,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(moment)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + 5
        while processes_in_group(process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        outlived = processes_in_group(process.pid)
        for pid in outlived:  # never leave them running, even when the test fails
            os.kill(pid, signal.SIGKILL)
        assert outlived == [], f"processes outlived the build killed at {moment:.2f}s"
        assert snapshot(out) in (sites[NOW], sites[LATER]), (
            f"killed at {moment:.2f}s: the output is not one site"
        )
        left = staging_folders(out)
        for name in left:
            assert name.startswith(f".public{STAGING_INFIX}{process.pid}-")
        stale_left += bool(left)

        result = build(root, out, parse_now(now))  # the next run
        assert result.ok, (result.problem, result.details)
        assert snapshot(out) == sites[now]
        assert staging_folders(out) == [], f"killed at {moment:.2f}s: a staging folder outlived the next run"
    print(
        f"killed at {[round(m, 2) for m in moments]} of {duration:.2f}s: {stale_left} left a staging folder"
    )
    assert stale_left >= 2, stale_left  # the kills did hit builds at work


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_ctrl_c_stops_the_build_and_leaves_the_output(tmp_path: Path) -> None:
    """Ctrl+C reaches the terminal's process group while mkdocs builds: the build removes its staging folder
    and says so (exit 130), without a traceback, and leaves the output as it was."""
    root = tmp_path / "repo"
    write_tree(root, mini_tree())
    out = marked(tmp_path / "public")
    before = snapshot(out)
    env = dict(os.environ, PYTHONPATH=str(OWN_CHECKOUT))
    process = subprocess.Popen(
        build_command(out, NOW),
        cwd=root,
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60

    def mkdocs_at_work() -> bool:
        """The configuration is staged and the old site still in place: mkdocs builds."""
        staged = any((out.parent / name / "mkdocs.yml").is_file() for name in staging_folders(out))
        return staged and snapshot(out) == before

    while not mkdocs_at_work():
        assert process.poll() is None and time.monotonic() < deadline, (
            "the build ended before it could be stopped"
        )
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130 and "已中断" in err and "Traceback" not in err, (
        process.returncode,
        err,
        _out,
    )
    deadline = time.monotonic() + 5
    while processes_in_group(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert processes_in_group(process.pid) == []
    assert staging_folders(out) == [] and snapshot(out) == before


def test_no_process_to_be_had_builds_in_this_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build needs no other process: with starting one refused (a process or memory limit) it builds."""
    import multiprocessing.process

    def refuse(_self: object) -> None:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    root = tmp_path / "repo"
    write_tree(root, mini_tree())
    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", refuse)
    result = build(root, tmp_path / "public", parse_now(NOW))
    assert result.ok, (result.problem, result.details)
    assert (tmp_path / "public" / "index.html").is_file() and staging_folders(tmp_path / "public") == []
