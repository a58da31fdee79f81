"""Git, through GitPython: what a pull request changes, the files of a revision read from its tree (never the
working copy), file modes, the history of a file and its content at each commit, and what the work tree
holds (HEAD, uncommitted changes).

Only this module talks to git (``tests/test_git_seam.py`` holds every other module to it): the others get
plain values (commit ids, paths, bytes, ``Change``, ``Entry``, ``Revision``, ``Head``) and pass the
repository handle ``open_repo`` gives back to them without looking inside. Paths come back as
repository-relative POSIX strings, exactly as git stores them (``-z`` everywhere, so odd names are never
quoted or mangled).

Every failure a user can cause (not a repository, an unknown ref, a shallow clone without the base commit,
two commits with no common history, a corrupt or missing object, a repository git refuses to read, no git
program) is a ``ForgeError`` whose Chinese message says what happened and what to do; the CLI turns it
into exit 2. Nothing git reports reaches the user as a traceback. Two questions about a folder rather than
a repository (``work_tree_head``, ``clean_work_tree_head``: is it the top of a work tree, and at which
commit) ask git itself, bounded in time, and answer None whenever git cannot answer.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.paths import SUBMISSIONS
from generator.repository import Source

MODE_FILE = "100644"
MODE_EXECUTABLE = "100755"
MODE_SYMLINK = "120000"
MODE_SUBMODULE = "160000"

_REFUSED_MODES = {
    MODE_EXECUTABLE: "这是一个可执行文件（文件权限为 755）",
    MODE_SYMLINK: "这是一个符号链接（symlink）",
    MODE_SUBMODULE: "这是一个子模块（submodule）",
}


class ForgeError(Exception):
    """A revision or repository that cannot be used (a usage error for the CLI)."""


_SHALLOW_HINT = (
    "这是一个浅克隆（shallow clone），只取回了最近的提交：请在 actions/checkout 中设置 fetch-depth: 0，"
    "或在本地运行 git fetch --unshallow 后重试。"
)
_FSCK_HINT = "请运行 git fsck 查看损坏情况，或重新克隆仓库；在 CI 中请重新运行任务。"
_CORRUPT_MARKS = (
    "corrupt",
    "unable to read",
    "unable to unpack",
    "bad object",
    "invalid object",
    "inflate",
    "bad tree",
    "missing",
    "could not be resolved",
    "broken",
    "packfile",
)


def _shown(text: str, limit: int = 120) -> str:
    """A ref or a line of git's output as it may appear in a message: one line, no control characters."""
    line = "".join(ch if ch.isprintable() else "?" for ch in text.strip().replace("\n", " "))
    return line if len(line) <= limit else line[: limit - 1] + "…"


def is_shallow(repo: Any) -> bool:
    try:
        return bool(repo.git.rev_parse("--is-shallow-repository").strip() == "true")
    except Exception:  # only used to choose a hint; a repository git cannot read is reported elsewhere
        return False


def _git_stderr(exc: Exception) -> str:
    """What git itself printed (GitPython wraps it in a line ``stderr: '…'``), or ""."""
    text = getattr(exc, "stderr", None)
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    if not isinstance(text, str):
        return ""
    return text.strip().removeprefix("stderr:").strip().strip("'").strip()


def _stderr(exc: Exception) -> str:
    return _git_stderr(exc) or str(exc)


def _explain(repo: Any, exc: Exception, doing: str) -> ForgeError:
    """What a failed git command means for the user, and what to do."""
    detail = _stderr(exc)
    lowered = detail.casefold()
    lines = [ln for ln in detail.splitlines() if ln.strip()] or [detail]
    last = _shown(next((ln for ln in lines if ln.startswith("fatal:")), lines[-1]))
    if "dubious ownership" in lowered or "safe.directory" in lowered:
        return ForgeError(
            f"git 拒绝读取这个仓库：仓库文件夹属于另一个系统用户（{last}）。请以仓库所有者的身份运行，"
            "或运行 git config --global --add safe.directory <仓库路径> 后重试。"
            " (git refuses a repository owned by another user.)"
        )
    if "not a git repository" in lowered:
        return ForgeError(f"当前文件夹不是 git 仓库（{last}）。请在仓库根目录运行。 (Not a git repository.)")
    if any(mark in lowered for mark in _CORRUPT_MARKS):
        hint = _SHALLOW_HINT if is_shallow(repo) else _FSCK_HINT
        return ForgeError(
            f"{doing}时发现仓库中有损坏或缺失的 git 对象（{last}）。{hint}"
            " (The repository has a corrupt or missing object.)"
        )
    return ForgeError(
        f"{doing}时 git 命令失败（{last}）。请确认仓库完整、提交存在后重试。 (A git command failed.)"
    )


def _git(repo: Any, command: str, *args: str, doing: str, **kwargs: Any) -> Any:
    """``git <command> <args>`` through GitPython; any failure becomes a ``ForgeError`` (see ``_explain``)."""
    import git

    try:
        return getattr(repo.git, command)(*args, **kwargs)
    except (git.CommandError, OSError, ValueError) as exc:
        raise _explain(repo, exc, doing) from exc


class NoMergeBase(ForgeError):
    """The two commits share no history (an orphan branch, a rewritten main, another repository)."""


@dataclass(frozen=True, slots=True)
class Change:
    status: str  # A (added), M (modified), D (deleted), T (type changed)
    path: str


@dataclass(frozen=True, slots=True)
class Entry:
    path: str
    mode: str
    sha: str


def open_repo(path: Path, *, search_parents: bool = True) -> Any:
    """The repository holding ``path`` (with ``search_parents=False``: only one whose top is ``path``)."""
    try:
        import git
    except ImportError as exc:  # GitPython refuses to load when it finds no git program
        raise ForgeError(
            "找不到 git 程序：请先安装 git（https://git-scm.com），并确认它在 PATH 中。"
        ) from exc
    try:
        return git.Repo(path, search_parent_directories=search_parents)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as exc:
        raise ForgeError(
            f"{_shown(str(path))} 不是 git 仓库（也不在 git 仓库中）：请在仓库根目录运行。"
        ) from exc
    except (git.GitError, OSError, ValueError) as exc:
        raise ForgeError(f"无法打开 {_shown(str(path))} 处的 git 仓库（{_shown(str(exc))}）。") from exc


def commit_of(repo: Any, ref: str) -> str:
    """The full commit id a ref names."""
    import git

    try:
        sha: str = repo.git.rev_parse("--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    except (git.CommandError, OSError, ValueError) as exc:
        if getattr(exc, "status", None) != 1 or _git_stderr(exc):  # --quiet: a plain "no such commit" is 1
            raise _explain(repo, exc, f"读取提交 {_shown(ref)} ") from exc
        hint = _SHALLOW_HINT if is_shallow(repo) else "请确认分支名或提交号拼写正确，并已用 git fetch 取回。"
        raise ForgeError(f"找不到提交 {_shown(ref)}。{hint} (Unknown revision.)") from exc
    return sha.strip()


def merge_base(repo: Any, base: str, head: str) -> str:
    """The commit ``head`` left ``base`` at; a ``ForgeError`` when the two share no history."""
    import git

    try:
        found: str = repo.git.merge_base("--end-of-options", base, head)
    except (git.CommandError, OSError, ValueError) as exc:
        if getattr(exc, "status", None) != 1 or _git_stderr(exc):  # no merge base: status 1, nothing said
            raise _explain(repo, exc, "查找共同的历史") from exc
        shallow = is_shallow(repo)
        because = (
            f"很可能是因为{_SHALLOW_HINT}"
            if shallow
            else "拉取请求的分支不是从基准分支分出来的（例如用 git checkout --orphan 新建，或从另一个仓库推来）。"
            "请从最新的基准分支新建分支（git switch -c 新分支名 origin/main），把改动的文件复制过去，"
            "提交后重新发起拉取请求。"
        )
        raise NoMergeBase(
            f"基准提交 {base[:12]} 与拉取请求的提交 {head[:12]} 没有共同的历史，无法判断拉取请求改动了哪些文件。"
            f"{because} (No merge base between base and head.)"
        ) from exc
    return found.strip()


def changes(repo: Any, base: str, head: str) -> list[Change]:
    """Paths changed on ``head`` since it left ``base`` (as ``base...head``), no rename detection."""
    since = merge_base(repo, base, head)
    out: str = _git(
        repo, "diff", "--name-status", "--no-renames", "-z", since, head, "--", doing="比较两次提交"
    )
    parts = out.split("\0")
    found: list[Change] = []
    i = 0
    while i + 1 < len(parts):
        status, path = parts[i], parts[i + 1]
        if not status:
            break
        found.append(Change(status[0], path))
        i += 2
    return found


def entries(repo: Any, commit: str, prefix: str | None = SUBMISSIONS) -> dict[str, Entry]:
    """Every entry (files, links, submodules) of a revision's tree, optionally below one folder."""
    args = ["-r", "-z", "--full-tree", commit]
    if prefix:
        args += ["--", prefix]
    out: str = _git(repo, "ls_tree", *args, doing=f"读取提交 {commit[:12]} 的文件列表")
    found: dict[str, Entry] = {}
    for record in out.split("\0"):
        if not record:
            continue
        meta, _, path = record.partition("\t")
        mode, _kind, sha = meta.split(" ")
        found[path] = Entry(path, mode, sha)
    return found


def read_blobs(repo: Any, wanted: Iterable[Entry]) -> dict[str, bytes]:
    """Contents of regular files, read from the object database (one ``cat-file --batch`` process)."""
    import git

    out: dict[str, bytes] = {}
    for entry in wanted:
        try:
            stream = repo.odb.stream(bytes.fromhex(entry.sha))
            out[entry.path] = stream.read()
        except (git.CommandError, OSError, ValueError) as exc:  # cat-file says only "<sha> missing"
            hint = _SHALLOW_HINT if is_shallow(repo) else _FSCK_HINT
            raise ForgeError(
                f"读取文件 {_shown(entry.path)} 时发现仓库中有损坏或缺失的 git 对象（{entry.sha}）。{hint}"
                " (The repository has a corrupt or missing object.)"
            ) from exc
    return out


def sources_at(repo: Any, commit: str) -> list[Source]:
    """The ``submissions/`` tree of a revision as sources; anything but a plain file is a refusal."""
    tree = entries(repo, commit)
    plain = [e for e in tree.values() if e.mode == MODE_FILE]
    blobs = read_blobs(repo, plain)
    sources: list[Source] = []
    for path in sorted(tree):
        entry = tree[path]
        if entry.mode == MODE_FILE:
            sources.append(Source(path, blobs[path]))
        else:
            sources.append(
                Source(path, None, _REFUSED_MODES.get(entry.mode, f"不支持的文件类型（{entry.mode}）"))
            )
    return sources


@dataclass(frozen=True, slots=True)
class Revision:
    commit: str
    date: str  # ISO 8601 with offset, the committer's
    subject: str
    office: str | None = (
        None  # the value of the trailer ``Xuehui-Office:`` (the office command that wrote it)
    )


OFFICE_TRAILER = "Xuehui-Office"  # a commit an office command made carries ``Xuehui-Office: <subcommand>``


def history(repo: Any, path: str, rev: str = "HEAD") -> list[Revision]:
    """The commits that changed ``path`` up to ``rev``, newest first (no renames followed). A repository
    before its first commit has no history: none (git itself answers "bad revision 'HEAD'")."""
    if rev == "HEAD" and _unborn(repo):
        return []
    out: str = _git(
        repo,
        "log",
        "-z",
        f"--format=%H%x1f%cI%x1f%s%x1f%(trailers:key={OFFICE_TRAILER},valueonly,separator=%x1e)",
        rev,
        "--",
        path,
        doing=f"读取 {_shown(path)} 的修改历史",
    )
    revisions: list[Revision] = []
    for record in out.split("\0"):
        if not record.strip():
            continue
        commit, date, subject, office = record.strip("\n").split("\x1f", 3)
        revisions.append(Revision(commit, date, subject, office.split("\x1e")[0].strip() or None))
    return revisions


def differing_from_head(repo: Any, root: Path, paths: Iterable[str]) -> frozenset[str]:
    """Of ``paths`` (relative to ``root``, the folder holding ``submissions/``), those whose working-tree
    content is not HEAD's: new, untracked or changed files (git's own comparison, so line-ending filters
    count as git counts them). All of them before the first commit."""
    wanted = sorted(set(paths))
    if not wanted:
        return frozenset()
    try:
        born = bool(repo.head.is_valid())
    except (ValueError, OSError):
        born = False
    if not born:
        return frozenset(wanted)
    top = Path(str(repo.working_tree_dir)).resolve()
    try:
        prefix = root.resolve().relative_to(top).as_posix()
    except ValueError as exc:
        raise ForgeError(f"{_shown(str(root))} 不在 git 仓库 {_shown(str(top))} 中。") from exc
    at_top = "" if prefix == "." else prefix + "/"
    head = commit_of(repo, "HEAD")
    folder = at_top + SUBMISSIONS
    tracked = entries(repo, head, prefix=folder)
    out: str = _git(
        repo, "diff", "--name-only", "--no-renames", "-z", head, "--", folder, doing="比较工作区与 HEAD"
    )
    changed = {p for p in out.split("\0") if p}
    return frozenset(p for p in wanted if at_top + p not in tracked or at_top + p in changed)


def file_at(repo: Any, commit: str, path: str) -> bytes | None:
    """The content of ``path`` in ``commit``'s tree; None when the commit has no file there."""
    entry = entries(repo, commit, prefix=path).get(path)
    if entry is None or entry.mode == MODE_SUBMODULE:
        return None
    return read_blobs(repo, [entry])[path]


@dataclass(frozen=True, slots=True)
class Head:
    commit: str
    epoch: int  # the committer's time, in seconds since 1970


def _unborn(repo: Any) -> bool:
    """Whether HEAD names no commit yet (``git init``, nothing committed). A HEAD whose commit is damaged is
    not unborn: reading its history fails, as it should."""
    import git

    try:
        repo.git.rev_parse("--verify", "--quiet", "HEAD")
    except git.GitCommandError:
        return True
    return False


def head_of(repo: Any) -> Head | None:
    """HEAD's commit and when it was committed; None before the first commit."""
    import git

    try:
        commit = repo.head.commit
    except ValueError:  # GitPython's word for "HEAD names no commit yet"
        return None
    try:
        return Head(str(commit.hexsha), int(commit.committed_date))
    except (git.GitError, OSError, ValueError) as exc:
        raise _explain(repo, exc, "读取 HEAD 提交") from exc


def uncommitted(repo: Any, folder: str) -> bool:
    """Whether anything below ``folder`` (relative to the top of the work tree) differs from HEAD, as
    ``git status`` counts it: a changed, added, deleted or untracked file."""
    out: str = _git(repo, "status", "--porcelain", "--", folder, doing="查看工作区的修改")
    return bool(out)


def _plain_git(root: Path, *args: str) -> str | None:
    """What ``git -C root <args>`` prints, or None when it fails in any way. For questions about a folder
    whose answer is "no" whenever git cannot give one: git itself, no repository handle, bounded in time."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=False, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def work_tree_head(root: Path) -> str | None:
    """HEAD's commit when ``root`` is the top of a git work tree (clean or not); None otherwise (a plain
    folder, a folder inside a work tree, no commit yet, no git program)."""
    out = _plain_git(root, "rev-parse", "--show-toplevel", "HEAD")
    lines = out.split() if out is not None else []
    if len(lines) != 2 or Path(lines[0]).resolve() != root.resolve():
        return None
    return lines[1]


def clean_work_tree_head(root: Path) -> str | None:
    """HEAD's commit when ``root`` is the top of a git work tree in which nothing differs from HEAD
    (untracked files included); None otherwise, as ``work_tree_head``."""
    top = _plain_git(root, "rev-parse", "--show-toplevel")
    if top is None or Path(top.strip()).resolve() != root.resolve():
        return None
    status = _plain_git(root, "status", "--porcelain", "--untracked-files=all")
    if status is None or status.strip():
        return None
    commit = (_plain_git(root, "rev-parse", "HEAD") or "").strip()
    return commit if re.fullmatch(r"[0-9a-f]{40}", commit) else None


def commit_paths(root: Path, paths: Iterable[str], message: str) -> str:
    """Commit exactly ``paths`` (repository-relative to ``root``, new files added) with ``message``, as the
    person whose git identity this machine has (``xuehui office --commit``); the new commit's id. Anything
    else staged stays staged and out of this commit. A failure is a ``ForgeError`` saying git's reason."""
    wanted = list(paths)
    steps = (
        ["add", "--", *wanted],
        ["commit", "-q", "--only", "-F", "-", "--", *wanted],
    )
    for step in steps:
        try:
            done = subprocess.run(
                ["git", "-C", str(root), *step],
                input=message if step[0] == "commit" else None,
                capture_output=True,
                text=True,
                check=False,
                timeout=60,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise ForgeError(f"无法运行 git（{exc}）：请确认已安装 git。改动已写入文件，尚未提交。") from exc
        if done.returncode != 0:
            raise ForgeError(
                f"git {step[0]} 失败：{_shown(done.stderr.strip() or done.stdout.strip())}。"
                f"改动已写入文件，尚未提交：请处理后用 git 提交。"
            )
    head = (_plain_git(root, "rev-parse", "HEAD") or "").strip()
    return head
