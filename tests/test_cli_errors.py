"""No exit 3 for anything a user can cause: each situation below, run through ``generator.cli.main``, ends
with exit 1 or 2 (130 for Ctrl+C) and a Chinese message naming the file or folder, never a traceback.

Tests run as root, so "cannot be written" is made with what even root cannot write: a path under a regular
file, ``/proc`` (no new entries), a full disk (``/dev/full``, a small tmpfs) and a read-only mount (the last
two in a mount namespace of their own, ``unshare``).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator import cli
from generator.site.outdir import OWN_CHECKOUT
from tests.helpers import copy_mini

NOW = "2026-11-26"
REVIEW = "submissions/2026/reviews/expert-li.yaml"


@dataclass(frozen=True)
class Env:
    root: Path  # a repository with the mini programme; the current folder
    tmp: Path  # outside it
    monkeypatch: pytest.MonkeyPatch
    values: dict[str, str] = field(default_factory=dict)  # more placeholders for the arguments


Setup = Callable[[Env], None]


@dataclass(frozen=True)
class Case:
    name: str
    argv: tuple[str, ...]  # {root}, {tmp} and the setup's values are filled in
    code: int
    names: str | None  # what the message must hold (the path); None: nothing to say
    setup: Setup | None = None


def file_at(rel: str, content: bytes = b"notes") -> Setup:
    def setup(env: Env) -> None:
        path = env.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)

    return setup


def folder_at(rel: str, *files: str) -> Setup:
    def setup(env: Env) -> None:
        (env.root / rel).mkdir(parents=True, exist_ok=True)
        for name in files:
            (env.root / rel / name).write_text("mine", encoding="utf-8")

    return setup


def elsewhere(env: Env) -> None:
    (env.tmp / "empty").mkdir()
    env.monkeypatch.chdir(env.tmp / "empty")


def token(env: Env) -> None:
    env.monkeypatch.setenv("XUEHUI_FORGE_TOKEN", "test-token-not-sent")


def no_token(env: Env) -> None:
    env.monkeypatch.delenv("XUEHUI_FORGE_TOKEN", raising=False)
    file_at("body.md", b"<!-- xuehui-check -->\n")(env)


def vanished_cwd(env: Env) -> None:
    gone = env.root / "gone"
    gone.mkdir()
    env.monkeypatch.chdir(gone)
    gone.rmdir()


def port_in_use(env: Env) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    env.values["port"] = str(listener.getsockname()[1])
    _OPEN.append(listener)


def free_port(env: Env) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        env.values["port"] = str(probe.getsockname()[1])


def interrupted(env: Env) -> None:
    def stop(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    env.monkeypatch.setattr("generator.site.build.build", stop)


def broken_pipe(env: Env) -> None:
    class Closed(io.StringIO):
        def write(self, _text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    env.monkeypatch.setattr(sys, "stdout", Closed())


def ascii_terminal(env: Env) -> None:
    env.monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="ascii"))


def no_cycles(env: Env) -> None:
    shutil.rmtree(env.root / "submissions" / "2026")


def new_root_in_proc(env: Env) -> None:
    (env.tmp / "procroot").mkdir()
    (env.tmp / "procroot" / "submissions").symlink_to("/proc")


_OPEN: list[socket.socket] = []

CASES = [
    # check
    Case(
        "check: --output in a folder that does not exist",
        ("check", "--now", NOW, "--output", "missing/r.md"),
        2,
        "missing",
    ),
    Case("check: --output is a folder", ("check", "--now", NOW, "--output", "submissions"), 2, "submissions"),
    Case("check: --output is the current folder", ("check", "--now", NOW, "--output", "."), 2, "--output ."),
    Case(
        "check: --output under a regular file",
        ("check", "--now", NOW, "--output", "notes.txt/r.md"),
        2,
        "notes.txt",
        file_at("notes.txt"),
    ),
    Case(
        "check: --output where nothing can be created",
        ("check", "--now", NOW, "--output", "/proc/r.md"),
        2,
        "/proc",
    ),
    Case("check: --output on a full disk", ("check", "--now", NOW, "--output", "/dev/full"), 1, "/dev/full"),
    Case(
        "check: a path that does not exist",
        ("check", "--now", NOW, "submissions/nothing.yaml"),
        2,
        "submissions/nothing.yaml",
    ),
    Case("check: a bad --now", ("check", "--now", "26/11/2026"), 2, "26/11/2026"),
    Case("check: outside a repository", ("check", "--now", NOW), 2, "submissions/", elsewhere),
    Case("check: a current folder that was deleted", ("check", "--now", NOW), 2, "当前文件夹", vanished_cwd),
    Case(
        "check: an http link base",
        ("check", "--now", NOW, "--format", "markdown", "--link-base", "http://x/"),
        2,
        "https://",
    ),
    # rules
    Case("rules: the reader closed the pipe", ("rules",), 1, None, broken_pipe),
    Case("rules: a terminal that cannot show Chinese", ("rules",), 2, "PYTHONIOENCODING", ascii_terminal),
    # rank
    Case("rank: a cycle with no data", ("rank", "--cycle", "1999"), 2, "submissions/1999/"),
    Case("rank: a cycle that is not a number", ("rank", "--cycle", "二〇二六"), 2, "--cycle"),
    Case(
        "rank: --output in a folder that does not exist",
        ("rank", "--cycle", "2026", "--output", "no/r.csv"),
        2,
        "no",
    ),
    Case(
        "rank: a broken review file", ("rank", "--cycle", "2026"), 1, REVIEW, file_at(REVIEW, b"scores: [\n")
    ),
    Case("rank: outside a repository", ("rank", "--cycle", "2026"), 2, "submissions/", elsewhere),
    # status
    Case("status: a cycle with no data", ("status", "--cycle", "1999", "--now", NOW), 2, "submissions/1999/"),
    Case("status: no cycle at all", ("status", "--now", NOW), 2, "submissions/", no_cycles),
    Case("status: a broken file", ("status", "--now", NOW), 1, REVIEW, file_at(REVIEW, b"\xff\xfe")),
    Case("status: a bad --now", ("status", "--now", "tomorrow"), 2, "tomorrow"),
    # letters
    Case(
        "letters: --committee is not a folder",
        ("letters", "--committee", "{tmp}/none", "--cycle", "2026", "--out", "{tmp}/letters"),
        2,
        "none",
    ),
    Case(
        "letters: --out inside the shared tree",
        (
            "letters",
            "--committee",
            "{tmp}",
            "--shared",
            "{root}",
            "--cycle",
            "2026",
            "--out",
            "{root}/submissions/l",
        ),
        2,
        "不能写入",
    ),
    # import-registers
    Case(
        "import-registers: a missing file",
        ("import-registers", "annual-inspections", "{tmp}/none.xlsx", "--now", NOW),
        2,
        "none.xlsx",
    ),
    Case(
        "import-registers: not a workbook",
        ("import-registers", "annual-inspections", "{root}/submissions/programme.yaml", "--now", NOW),
        1,
        "xlsx",
    ),
    # build
    Case("build: --out is the repository", ("build", "--now", NOW, "--out", "."), 2, "{root}"),
    Case(
        "build: --out is submissions/",
        ("build", "--now", NOW, "--out", "submissions"),
        2,
        "{root}/submissions",
    ),
    Case("build: --out is a parent of the repository", ("build", "--now", NOW, "--out", ".."), 2, "{tmp}"),
    Case(
        "build: --out is a file",
        ("build", "--now", NOW, "--out", "notes.txt"),
        2,
        "notes.txt",
        file_at("notes.txt"),
    ),
    Case(
        "build: --out under a file",
        ("build", "--now", NOW, "--out", "notes.txt/public"),
        2,
        "notes.txt",
        file_at("notes.txt"),
    ),
    Case(
        "build: --out is a folder someone filled",
        ("build", "--now", NOW, "--out", "mine"),
        2,
        "{root}/mine",
        folder_at("mine", "thesis.docx"),
    ),
    Case(
        "build: the --out parent cannot be written",
        ("build", "--now", NOW, "--out", "/proc/public"),
        2,
        "/proc",
    ),
    Case("build: a bad --now", ("build", "--now", "2026-02-30", "--out", "public"), 2, "2026-02-30"),
    Case("build: outside a repository", ("build", "--now", NOW), 2, "submissions/", elsewhere),
    Case("build: Ctrl+C", ("build", "--now", NOW, "--out", "public"), 130, "已中断", interrupted),
    # serve
    Case("serve: a port out of range", ("serve", "--now", NOW, "--port", "70000"), 2, "70000"),
    Case("serve: a port in use", ("serve", "--now", NOW, "--port", "{port}"), 2, "{port}", port_in_use),
    Case(
        "serve: --out is submissions/",
        ("serve", "--now", NOW, "--port", "{port}", "--out", "submissions"),
        2,
        "{root}/submissions",
        free_port,
    ),
    # codeowners
    Case("codeowners: .github is a file", ("codeowners",), 1, ".github", file_at(".github")),
    Case(
        "codeowners: CODEOWNERS is a folder",
        ("codeowners",),
        2,
        "CODEOWNERS",
        folder_at(".github/CODEOWNERS"),
    ),
    Case(
        "codeowners --check: CODEOWNERS is not UTF-8",
        ("codeowners", "--check"),
        1,
        "CODEOWNERS",
        file_at(".github/CODEOWNERS", b"\xff\xfe* @x\n"),
    ),
    Case("codeowners: outside a repository", ("codeowners",), 2, "submissions/", elsewhere),
    # audit (the root is a plain folder, not a git repository)
    Case(
        "audit: not in a git repository",
        ("audit", "--base", "HEAD", "--actor", "mech-secretariat"),
        2,
        "{root}",
    ),
    Case(
        "audit: outside any folder with data",
        ("audit", "--base", "HEAD", "--actor", "x"),
        2,
        "{tmp}",
        elsewhere,
    ),
    # comment and commit-status (the forge adapter; nothing is sent in these cases)
    Case(
        "comment: no token",
        (
            "comment",
            "--forge",
            "github",
            "--api-url",
            "https://api.github.com",
            "--repo",
            "org/repo",
            "--pr",
            "1",
            "--body-file",
            "body.md",
        ),
        2,
        "XUEHUI_FORGE_TOKEN",
        no_token,
    ),
    Case(
        "comment: the body file does not exist",
        (
            "comment",
            "--forge",
            "gitea",
            "--api-url",
            "https://git.example.org/api/v1",
            "--repo",
            "org/repo",
            "--pr",
            "1",
            "--body-file",
            "nothere.md",
        ),
        2,
        "nothere.md",
        token,
    ),
    Case(
        "comment: the body file is a folder",
        (
            "comment",
            "--forge",
            "github",
            "--api-url",
            "https://api.github.com",
            "--repo",
            "org/repo",
            "--pr",
            "1",
            "--body-file",
            "submissions",
        ),
        2,
        "submissions",
        token,
    ),
    Case(
        "commit-status: a branch name for --sha",
        (
            "commit-status",
            "--forge",
            "github",
            "--api-url",
            "https://api.github.com",
            "--repo",
            "org/repo",
            "--sha",
            "main",
            "--state",
            "success",
            "--context",
            "xuehui/verdict",
            "--description",
            "x",
        ),
        2,
        "main",
        token,
    ),
    Case(
        "audit-actors: GitHub is not for it",
        (
            "audit-actors",
            "--forge",
            "github",
            "--api-url",
            "https://api.github.com",
            "--repo",
            "org/repo",
            "--sha",
            "a" * 40,
            "--before",
            "b" * 40,
            "--pusher",
            "x",
        ),
        2,
        "Gitea",
        token,
    ),
    Case(
        "audit-actors: a branch name for --sha",
        (
            "audit-actors",
            "--forge",
            "gitea",
            "--api-url",
            "https://git.example.org/api/v1",
            "--repo",
            "org/repo",
            "--sha",
            "main",
            "--before",
            "b" * 40,
            "--pusher",
            "x",
        ),
        2,
        "main",
        token,
    ),
    # workflows
    Case("workflows: outside a repository", ("workflows",), 2, "submissions/", elsewhere),
    Case("workflows: .gitea is a file", ("workflows",), 1, ".gitea", file_at(".gitea")),
    # new
    Case(
        "new: --root without submissions/",
        ("new", "application", "--society", "wuhan-x", "--cycle", "2026", "--root", "{tmp}"),
        1,
        "{tmp}",
    ),
    Case(
        "new: a file where its folder goes",
        ("new", "report", "--society", "wuhan-mechanical-engineering", "--cycle", "2026"),
        1,
        "submissions/2026/reports",
        file_at("submissions/2026/reports"),
    ),
    Case(
        "new: a cycle without a call",
        ("new", "application", "--society", "wuhan-mechanical-engineering", "--cycle", "2027"),
        1,
        "submissions/2027/call.yaml",
    ),
    Case(
        "new: a society without a profile",
        ("new", "application", "--society", "wuhan-x", "--cycle", "2026"),
        1,
        "submissions/societies/wuhan-x.yaml",
    ),
    Case(
        "new: a root whose submissions/ is /proc (no such society there)",
        ("new", "application", "--society", "wuhan-x", "--cycle", "2026", "--root", "{tmp}/procroot"),
        1,
        "{tmp}/procroot/submissions",
        new_root_in_proc,
    ),
    Case(
        "new: a bad society code", ("new", "application", "--society", "武汉", "--cycle", "2026"), 1, "武汉"
    ),
    Case("new: a bad cycle", ("new", "application", "--society", "wuhan-x", "--cycle", "1800"), 1, "1800"),
    Case(
        "new: an unknown template", ("new", "budget", "--society", "wuhan-x", "--cycle", "2026"), 2, "budget"
    ),
    # office
    Case(
        "office: outside a repository",
        ("office", "open-cycle", "--year", "2027"),
        2,
        "submissions/",
        elsewhere,
    ),
    Case(
        "office: a date that does not exist",
        (
            "office",
            "publicity",
            "--cycle",
            "2026",
            "--start",
            "2026-02-30",
            "--doc-number",
            "x",
            "--now",
            NOW,
        ),
        1,
        "2026-02-30",
    ),
    Case(
        "office: a cycle that was not opened",
        ("office", "commend", "--cycle", "2030", "--date", "2030-12-01", "--doc-number", "x", "--now", NOW),
        1,
        "submissions/2030/decisions.yaml",
    ),
    # conflicts
    Case(
        "conflicts: --committee is not a folder",
        ("conflicts", "--committee", "{tmp}/nowhere", "--cycle", "2026"),
        2,
        "{tmp}/nowhere",
    ),
    Case(
        "conflicts: a committee folder without shared.yaml",
        ("conflicts", "--committee", "{tmp}", "--cycle", "2026"),
        2,
        "shared.yaml",
    ),
    Case(
        "conflicts: a cycle that is not a number",
        ("conflicts", "--committee", "{tmp}", "--cycle", "x"),
        2,
        "--cycle",
    ),
]


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Env]:
    root = tmp_path / "repo"
    copy_mini(root)
    monkeypatch.chdir(root)
    yield Env(root, tmp_path, monkeypatch)
    while _OPEN:
        _OPEN.pop().close()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_no_traceback_for_what_a_user_can_cause(
    env: Env, case: Case, capsys: pytest.CaptureFixture[str]
) -> None:
    if case.setup is not None:
        case.setup(env)
    values = {"root": str(env.root), "tmp": str(env.tmp), **env.values}
    code = cli.main([arg.format(**values) for arg in case.argv])
    out, err = capsys.readouterr()
    assert code == case.code, (out, err)
    assert code != cli.EXIT_BUG and "Traceback" not in err and "内部错误" not in err
    if case.names is not None:
        assert case.names.format(**values) in out + err, (out, err)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in err + out)  # said in Chinese


def test_every_command_has_a_case() -> None:
    (commands,) = [a.choices for a in cli._parser()._actions if isinstance(a, argparse._SubParsersAction)]
    assert set(commands) <= {case.argv[0] for case in CASES}


# ---------------------------------------------------------------------------------------------------------
# A full disk and a read-only folder, each in a mount namespace of its own (nothing mounted outside it).


def in_namespace(mount: str, folder: Path, argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """``generator.cli.main(argv)`` in a process that sees a fresh tmpfs at ``folder``, mounted with
    ``mount`` (a shell line run first, with $1 the folder)."""
    script = "import sys; from generator.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [
            "unshare",
            "--map-root-user",
            "--mount",
            "sh",
            "-c",
            f'{mount} && py="$2" && code="$3" && shift 3 && exec "$py" -c "$code" "$@"',
            "sh",
            str(folder),
            sys.executable,
            script,
            *argv,
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env=dict(os.environ, PYTHONPATH=str(OWN_CHECKOUT)),
    )


def namespace_or_skip(done: subprocess.CompletedProcess[str]) -> None:
    if done.returncode != 0 and ("unshare:" in done.stderr or "mount:" in done.stderr):
        pytest.skip(f"no mount namespace here: {done.stderr.strip()}")


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare")
def test_a_full_disk_fails_the_build_and_the_report_cleanly(env: Env) -> None:
    small = env.tmp / "small"
    small.mkdir()
    done = in_namespace(
        'mount -t tmpfs -o size=400k tmpfs "$1"',
        small,
        ["build", "--now", NOW, "--out", str(small / "public")],
        env.root,
    )
    namespace_or_skip(done)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "磁盘空间不足" in done.stderr and str(small / "public") in done.stderr

    done = in_namespace(
        'mount -t tmpfs -o size=8k tmpfs "$1" && head -c 8192 /dev/zero > "$1/filler"',
        small,
        ["check", "--now", NOW, "--format", "json", "--output", str(small / "report.json")],
        env.root,
    )
    namespace_or_skip(done)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "磁盘空间不足" in done.stderr and str(small / "report.json") in done.stderr


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare")
def test_a_read_only_folder_is_named(env: Env) -> None:
    frozen = env.tmp / "frozen"
    frozen.mkdir()
    mount = (
        'mount -t tmpfs tmpfs "$1" && mkdir -p "$1/repo/submissions/societies" "$1/repo/submissions/2026"'
        ' && touch "$1/repo/submissions/societies/wuhan-x.yaml" "$1/repo/submissions/2026/call.yaml"'
        ' && mount -o remount,ro "$1"'
    )
    cases = [
        (
            ["new", "application", "--society", "wuhan-x", "--cycle", "2026", "--root", str(frozen / "repo")],
            1,
            str(frozen / "repo" / "submissions" / "2026"),
        ),
        (["check", "--now", NOW, "--output", str(frozen / "report.md")], 2, str(frozen)),
        (["build", "--now", NOW, "--out", str(frozen / "public")], 2, str(frozen)),
    ]
    for argv, code, names in cases:
        done = in_namespace(mount, frozen, argv, env.root)
        namespace_or_skip(done)
        assert done.returncode == code and "Traceback" not in done.stderr, (argv, done.stderr)
        assert names in done.stderr and ("只读" in done.stderr or "read-only" in done.stderr.lower()), (
            done.stderr
        )
