"""``xuehui check``: the data files of a tree (all, or the given ones and what they depend on), of a pull
request (``--base``), or of a committee repository and its shared one (``--committee``)."""

from __future__ import annotations

import argparse
import gc
import os
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.commands.common import committee_trees, parse_now, say_resources
from generator.commands.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from generator.commands.output import write

if TYPE_CHECKING:
    from generator.checker import CheckResult


def run(args: argparse.Namespace) -> int:
    now = parse_now(args.now)
    if args.committee is not None:
        return _committee(args, now)
    if args.shared is not None:
        raise UsageError("--shared 只能与 --committee 一起使用。")
    if args.base is not None:
        return _pull_request(args, now)
    return _tree(args, now)


def _tree(args: argparse.Namespace, now: datetime) -> int:
    """The whole tree, or the given files and only what their findings depend on (``generator.needs``)."""
    # The check builds many small acyclic objects and exits: the cyclic collector only costs time
    # here (measured: about a fifth of a 1,000-file check, and 2 % of checking one file's imports).
    # Reference counting still frees memory.
    gc.disable()
    from generator.checker import check, check_selection
    from generator.repository import list_folder
    from generator.resources import for_repository
    from generator.rules.base import Context

    root, selections = _resolve_root(args.paths)
    used = for_repository(root)
    explicit = [s for s in selections if s and s != "submissions"]

    def selected(path: str) -> bool:
        return any(path == s or path.startswith(s + "/") for s in explicit)

    if not explicit:
        from generator.commands.progress import progress_for

        with progress_for(args, human=_human(args)) as progress:
            result = check(list_folder(root), Context(now=now), schema_dir=used.schemas, progress=progress)
        say_resources(used)
        return _emit(result, args)
    listed = list_folder(root)  # one walk of the tree serves the paths, the chosen files and what they need
    paths = [u.path for u in listed]
    chosen = [u.read() for u in listed if selected(u.path)]
    submitted = frozenset(s.path for s in chosen if not s.path.endswith("/"))
    if args.staged:
        submitted = _staged(root, chosen, submitted)
    ctx = Context(now=now, submitted=submitted)
    result = check_selection(
        chosen, paths, lambda wanted: [u for u in listed if wanted(u.path)], ctx, schema_dir=used.schemas
    )
    say_resources(used)
    return _emit(result, args)


def _resolve_root(paths: Sequence[str]) -> tuple[Path, list[str]]:
    """The tree's root and the repository-relative selections (files or folders) to report on."""
    from generator.paths import SUBMISSIONS
    from generator.repository import find_root

    if not paths:
        root = find_root(Path.cwd())
        if root is None:
            raise UsageError(
                "当前目录及其上级目录中找不到 submissions/ 文件夹；请在仓库根目录运行，或给出路径。"
            )
        return root, []
    roots: set[Path] = set()
    selections: list[str] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"路径不存在：{raw}")
        root = find_root(path if path.is_dir() else path.parent)
        if root is None:
            raise UsageError(f"{raw} 不在某个含 submissions/ 的仓库中。")
        roots.add(root)
        absolute = path.parent.resolve() / path.name if path.is_symlink() else path.resolve()
        rel = absolute.relative_to(root).as_posix() if absolute != root else ""
        if rel and rel != SUBMISSIONS and not rel.startswith(SUBMISSIONS + "/"):
            raise UsageError(f"{raw} 不在 submissions/ 文件夹中。")
        selections.append(rel)
    if len(roots) > 1:
        raise UsageError("一次只能检查一个仓库中的路径。")
    return roots.pop(), selections


def _staged(root: Path, sources: Sequence[Any], selected: frozenset[str]) -> frozenset[str]:
    """Of the selected files, those whose content (as checked) is not the one in HEAD: a new file, a
    changed one. Everything when there is no commit yet."""
    from generator.forge import ForgeError, differing_from_head, open_repo

    try:
        repo = open_repo(root)
        return differing_from_head(repo, root, {s.path: s.raw for s in sources if s.path in selected})
    except ForgeError as exc:
        raise UsageError(f"--staged 需要 git 仓库：{exc}") from exc


def _committee(args: argparse.Namespace, now: datetime) -> int:
    """The committee repository with its shared one, whole or as a pull request (``--base``)."""
    from generator.committee import (
        check_committee,
        check_committee_pull_request,
        read_committee_folder,
    )
    from generator.forge import ForgeError, open_repo, work_tree_head
    from generator.repository import read_folder
    from generator.rules.base import Context

    if args.paths:
        raise UsageError("--committee 与路径不能同时使用：委员会检查总是检查两个仓库的全部数据。")
    root, shared_root = committee_trees(args.committee, args.shared)
    shared = read_folder(shared_root)
    head = work_tree_head(shared_root)
    gc.disable()
    if args.base is not None:
        if not args.actor:
            raise UsageError("--base 需要同时给出 --actor（提交拉取请求的平台账号），以便判断修改权限。")
        try:
            repo = open_repo(root)
            result = check_committee_pull_request(repo, args.base, args.head, args.actor, shared, now, head)
        except ForgeError as exc:
            raise UsageError(str(exc)) from exc
        return _emit(result, args)
    return _emit(check_committee(shared, read_committee_folder(root), Context(now=now), head), args)


def _pull_request(args: argparse.Namespace, now: datetime) -> int:
    """The changes between ``--base`` and ``--head``, with the authority of the base."""
    from generator.forge import ForgeError, open_repo
    from generator.pullrequest import check_pull_request
    from generator.resources import shipped

    if args.paths:
        raise UsageError("--base 与路径不能同时使用：拉取请求模式检查两次提交之间的全部改动。")
    if args.staged:
        raise UsageError("--base 与 --staged 不能同时使用。")
    if not args.actor:
        raise UsageError("--base 需要同时给出 --actor（提交拉取请求的平台账号），以便判断修改权限。")
    gc.disable()
    try:
        repo = open_repo(Path.cwd())
        result, _pr = check_pull_request(repo, args.base, args.head, args.actor, now)
    except ForgeError as exc:
        raise UsageError(str(exc)) from exc
    say_resources(
        shipped()
    )  # a pull request's files are data: the schemas are xuehui's own, never the head's
    return _emit(result, args)


def _human(args: argparse.Namespace) -> bool:
    """The report is text for people (progress may then be shown on standard error)."""
    return args.format == "text" or (args.format == "auto" and os.environ.get("GITHUB_ACTIONS") != "true")


def _emit(result: CheckResult, args: argparse.Namespace) -> int:
    """Write the report in the format asked (``auto``: ``github`` under GitHub Actions, else ``text``)."""
    if args.link_base and not args.link_base.startswith("https://"):
        raise UsageError("--link-base 只接受 https:// 开头的地址。")
    fmt = args.format
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    write(_report(result, fmt, args.link_base), args.output)
    return EXIT_OK if result.ok else EXIT_FINDINGS


def _report(result: CheckResult, fmt: str, link_base: str | None) -> str | Iterable[str]:
    if fmt == "markdown":
        from generator.report.markdown import render as render_markdown

        return render_markdown(result, link_base=link_base)
    if fmt == "json":
        from generator.report.json import render_chunks

        return render_chunks(result)  # written as it is encoded
    if fmt == "github":
        from generator.report.github import render as render_github
        from generator.report.text import summary_line

        return render_github(result) + summary_line(result) + "\n"
    from generator.report.text import render as render_text

    return render_text(result)
