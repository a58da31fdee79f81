"""What several commands share: the moment of the run (``--now``), the repository they run in, the trees they
read (the shared programme's dataset, the committee repository beside it), the line that says which schemas
were used, and the forge's arguments (``comment``, ``commit-status``, ``audit-actors``). Each helper imports
what it needs when it is called, so a command pays only for what it uses."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands.errors import (
    EXIT_FINDINGS,
    EXIT_FORGE_UNAVAILABLE,
    EXIT_USAGE,
    ActionFailed,
    UsageError,
)

if TYPE_CHECKING:
    import generator.forgeapi as forgeapi_types
    import generator.resources as resources_types
    from generator.model import Dataset

NO_ROOT = "当前目录及其上级目录中找不到 submissions/ 文件夹；请在仓库根目录运行。"


def parse_now(text: str | None) -> datetime:
    """The moment ``--now`` names, or the system's clock without it. A date (or a time without an offset)
    is read in the programme's zone: the one ``submissions/programme.yaml`` of the repository the command
    runs in names (``programme_zone``)."""
    from generator.clock import parse_now as parse
    from generator.clock import system_now

    try:
        return parse(text, programme_zone()) if text else system_now()
    except ValueError as exc:
        raise UsageError(
            f"--now 的时间格式无效：{text}（示例：2026-11-26 或 2026-11-26T09:00+08:00）"
        ) from exc


def programme_zone(start: Path | None = None) -> str:
    """The time zone ``programme.yaml`` names in the repository holding ``start`` (the current folder), or
    ``clock.PROGRAMME_TZ`` where there is none or it names no zone this machine knows."""
    from zoneinfo import ZoneInfo

    from generator.clock import PROGRAMME_TZ
    from generator.kinds.programme import KIND as PROGRAMME
    from generator.repository import find_root
    from generator.yamlio import load_yaml

    root = find_root(start or Path.cwd())
    try:
        raw = (root / PROGRAMME.path()).read_bytes() if root is not None else b""
        data = load_yaml(raw).data if raw else None
        name = data.get("timezone") if isinstance(data, dict) else None
        if isinstance(name, str) and name:
            ZoneInfo(name)
            return name
    except (OSError, ValueError, KeyError):
        pass
    return PROGRAMME_TZ


def repository_root() -> Path:
    """The repository (the folder holding ``submissions/``) the current folder is in."""
    from generator.repository import find_root

    root = find_root(Path.cwd())
    if root is None:
        raise UsageError(NO_ROOT)
    return root


def say_resources(found: resources_types.Resources, *, site: bool = False) -> None:
    """Which schemas (and site templates) this run used (``generator.resources``), in one line on stderr
    (the reports themselves stay as they are), said once the run got that far (an error stays one line)."""
    from generator.resources import describe

    for note in found.notes:
        sys.stderr.write(f"xuehui: {note}\n")
    sys.stderr.write(f"xuehui: {describe(found, site=site)}\n")


def load_tree(root: Path | None = None) -> tuple[Path, Dataset]:
    """The tree's dataset, for ``rank`` and ``status``: refused (ActionFailed) while a file cannot be read or
    breaks its schema, since the file would be left out silently (a missing review changes a ranking)."""
    from generator.checker import build_dataset, parse_all
    from generator.findings import Severity
    from generator.repository import read_folder
    from generator.resources import for_repository

    root = root or repository_root()
    parsed = parse_all(read_folder(root), for_repository(root).schemas)
    broken = [p.path for p in parsed if any(f.severity is Severity.ERROR for f in p.findings)]
    if broken:
        shown = "、".join(broken[:5]) + (f" 等 {len(broken)} 个文件" if len(broken) > 5 else "")
        raise ActionFailed(
            f"{shown} 有错误，结果会缺少这些文件的内容，所以不输出结果。请先运行 xuehui check 查看并修正。"
            " (files with errors: run xuehui check)"
        )
    data, _ = build_dataset(parsed)
    return root, data


def committee_trees(committee: str, shared: str | None) -> tuple[Path, Path]:
    """(committee root, shared root): the shared tree from --shared, else from shared.yaml's path."""
    from generator.committee import SHARED_REF, read_committee_folder, shared_ref
    from generator.paths import SUBMISSIONS

    root = Path(committee)
    if not root.is_dir():
        raise UsageError(f"--committee {committee} 不是一个文件夹：请给出评审委员会仓库的根目录。")
    if shared is not None:
        shared_root = Path(shared)
    else:
        ref = shared_ref(s for s in read_committee_folder(root) if s.path == SHARED_REF)
        if ref is None:
            raise UsageError(
                f"{root / SHARED_REF} 缺失或无效，不知道共享仓库在哪里：请修正它，或用 --shared 给出共享仓库的根目录。"
            )
        shared_root = (root / ref.path).resolve()
    if not (shared_root / SUBMISSIONS).is_dir():
        raise UsageError(
            f"共享仓库 {shared_root} 中没有 submissions/ 文件夹：请用 --shared 给出共享仓库的根目录。"
        )
    return root, shared_root


def forge_failed(command: str, failure: forgeapi_types.Failure) -> int:
    """Say what the forge refused (or why it could not be asked) and return its exit code."""
    sys.stderr.write(f"xuehui {command}: {failure.zh}\n  {failure.en}\n  请检查 (check): {failure.hint}\n")
    if failure.kind == "usage":
        return EXIT_USAGE
    return EXIT_FORGE_UNAVAILABLE if failure.temporary else EXIT_FINDINGS


def forge_target(command: str, args: argparse.Namespace) -> tuple[forgeapi_types.Target, str] | int:
    """The repository on the forge (``--forge``, ``--api-url``, ``--repo``) and the token from the
    environment, or the exit code when either is missing or wrong (said on stderr)."""
    from generator import forgeapi

    target = forgeapi.parse_target(args.forge, args.api_url, args.repo)
    if isinstance(target, forgeapi.Failure):
        return forge_failed(command, target)
    token = forgeapi.read_token(os.environ)
    if isinstance(token, forgeapi.Failure):
        return forge_failed(command, token)
    return target, token
