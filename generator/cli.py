"""The ``xuehui`` command: the only module that prints or exits.

Exit codes: 0 clean (warnings allowed); 1 at least one error finding, a refused action, or an action that
could not be completed (a full disk, a file that cannot be written); 2 usage (bad arguments; a path that
does not exist or cannot be used as asked: an output folder the build may not replace, a folder given as
an output file, a port in use; a git revision or repository that cannot be used); 3 internal bug only,
never a situation a user can cause; 130 interrupted (Ctrl+C), as shells count it.

``comment`` and ``commit-status`` (the forge adapter, ``generator.forgeapi``) use the same codes, plus one:
0 done; 1 the forge refused (401 token, 403 permission, 404 not found, 422 invalid, 423 archived, a redirect,
an answer that is not the API's); 2 usage (bad arguments, no ``XUEHUI_FORGE_TOKEN``, a body file without the
marker); 4 the forge is unreachable or busy after bounded retries (network error, 5xx, rate limit): trying
again later may succeed.
"""

from __future__ import annotations

import argparse
import errno
import gc
import os
import re
import stat
import sys
import traceback
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    import generator.forgeapi as forgeapi_types
    import generator.resources as resources_types
    from generator.authority import Authority
    from generator.checker import CheckResult
    from generator.model import Dataset

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_BUG = 3
EXIT_FORGE_UNAVAILABLE = 4


class UsageError(Exception):
    """Bad arguments or paths: exit 2 with the message."""


class ActionFailed(Exception):
    """An action that could not be completed (a full disk …): exit 1 with the message."""


# argparse's own messages (Python 3.11–3.14), in Chinese; anything not listed is shown as argparse wrote it.
_ARGPARSE_ZH: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.S), zh)
    for pattern, zh in (
        (r"^argument (?P<arg>.+?): (?P<rest>.*)$", "参数 {arg}：{rest}"),
        (r"^the following arguments are required: (?P<args>.*)$", "缺少必需的参数：{args}"),
        (r"^unrecognized arguments: (?P<args>.*)$", "不认识的参数：{args}"),
        (
            r"^invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)$",
            "无效的取值 {value}（可选：{choices}）",
        ),
        (r"^invalid (?P<type>\w+) value: (?P<value>.*)$", "无效的{type}值：{value}"),
        (r"^expected one argument$", "需要一个值"),
        (r"^expected at least one argument$", "至少需要一个值"),
        (r"^expected at most one argument$", "最多只能有一个值"),
        (r"^expected (?P<n>\d+) arguments?$", "需要 {n} 个值"),
        (
            r"^ambiguous option: (?P<opt>\S+) could match (?P<matches>.*)$",
            "选项 {opt} 有歧义，可能是：{matches}",
        ),
        (r"^not allowed with argument (?P<arg>.*)$", "不能与参数 {arg} 同时使用"),
        (r"^ignored explicit argument (?P<value>.*)$", "多余的值 {value}"),
    )
)
_TYPE_ZH = {"int": "整数", "float": "数字"}


def argparse_zh(message: str) -> str:
    """argparse's English complaint in Chinese (nested ``argument X: …`` parts too)."""
    for pattern, zh in _ARGPARSE_ZH:
        match = pattern.match(message)
        if match:
            parts = match.groupdict()
            if "rest" in parts:
                parts["rest"] = argparse_zh(parts["rest"])
            if "type" in parts:
                parts["type"] = _TYPE_ZH.get(parts["type"], parts["type"] + " ")
            return zh.format(**parts)
    return message


class _Formatter(argparse.HelpFormatter):
    """Help text with a Chinese usage prefix."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[Any],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Version(argparse.Action):
    """``--version``: ``generator.__version__``, which the package's metadata is built from."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        from generator import __version__

        sys.stdout.write(f"xuehui {__version__}\n")
        parser.exit(EXIT_OK)


class _Parser(argparse.ArgumentParser):
    """argparse with Chinese headings, help and complaints (``argparse_zh``), and how to get help."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数 (positional arguments)"
        self._optionals.title = "选项 (options)"
        self.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS, help="显示此帮助并退出 (show this help)"
        )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(
            EXIT_USAGE,
            f"{self.prog}: 参数有误：{argparse_zh(message)}。运行 {self.prog} -h 查看用法。 (usage error)\n",
        )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="xuehui",
        description="学会能力提升专项：检查申报数据、查看规则、生成模板。"
        " (Society Capability Enhancement Programme: check submissions, list rules, scaffold files.)",
    )
    parser.add_argument("--version", action=_Version, help="显示 xuehui 的版本号并退出 (show the version)")
    sub = parser.add_subparsers(dest="command", metavar="命令", title="命令 (commands)")

    check = sub.add_parser("check", help="检查 submissions/ 下的数据文件 (check the data files)")
    check.add_argument(
        "paths", nargs="*", metavar="PATH", help="要检查的文件或文件夹（默认：整个 submissions/）"
    )
    check.add_argument(
        "--format",
        choices=("auto", "text", "github", "markdown", "json"),
        default="auto",
        help="输出格式；auto 在 GitHub Actions 中为 github，否则为 text",
    )
    check.add_argument(
        "--now", help="检查时刻，如 2026-11-26 或 2026-11-26T09:00（专项时区，默认为当前时间）"
    )
    check.add_argument("--output", help="把报告写入此文件（默认输出到终端）")
    check.add_argument(
        "--base", help="拉取请求的基准提交（如 origin/main）：只检查其后的改动，权限按基准提交判断"
    )
    check.add_argument("--head", default="HEAD", help="拉取请求的最新提交（默认 HEAD），文件从该提交读取")
    check.add_argument("--actor", help="提交拉取请求的平台账号（与 --base 一起使用）")
    check.add_argument(
        "--committee",
        metavar="PATH",
        help="评审委员会仓库的根目录：一并检查评分、回避、委员会名单和专家库，并核对共享仓库中记录的汇总结果",
    )
    check.add_argument(
        "--shared",
        metavar="PATH",
        help="与 --committee 一起使用：共享专项仓库的根目录（默认：委员会仓库 shared.yaml 的 path）",
    )
    check.add_argument(
        "--staged",
        action="store_true",
        help="提交前检查（pre-commit 钩子使用）：给出的文件中只有内容与 HEAD 提交不同的才算本次提交，"
        "截止时间等规则只看这些文件 (only files that differ from HEAD count as submitted now)",
    )
    check.add_argument(
        "--link-base",
        help="Markdown 报告中行号链接的前缀，如 https://forge.example.org/org/repo/blob/<提交>/（只接受 https）",
    )

    rules = sub.add_parser("rules", help="列出全部检查规则 (list the rule catalogue)")
    rules.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    rules.add_argument(
        "--explain",
        metavar="ID",
        help="详细说明一条规则：消息、提示、不通过与通过的示例 (explain one rule, e.g. FUND-002)",
    )

    rank = sub.add_parser("rank", help="专家评审排名 (the expert-review ranking of a cycle)")
    rank.add_argument("--cycle", type=int, required=True, help="年度，如 2026")
    rank.add_argument("--format", choices=("text", "markdown", "json", "csv"), default="text")
    rank.add_argument("--output", help="写入此文件（默认输出到终端）")
    rank.add_argument(
        "--committee",
        metavar="PATH",
        help="评审委员会仓库的根目录：按其中的评分重新计算（默认：显示共享仓库中记录的结果）",
    )
    rank.add_argument(
        "--shared", metavar="PATH", help="共享专项仓库的根目录（默认：委员会仓库 shared.yaml 的 path）"
    )
    rank.add_argument(
        "--record",
        action="store_true",
        help="把汇总结果和输入指纹写入共享仓库的 submissions/<年度>/results.yaml（需要 --committee）",
    )
    rank.add_argument("--now", help="记录日期所依据的时刻，如 2026-11-20（专项时区，默认为当前时间）")

    status = sub.add_parser("status", help="各申报所处阶段与公示状态 (stages and publicity)")
    status.add_argument("--cycle", type=int, help="年度（默认：当前年度）")
    status.add_argument("--now", help="查看时刻，如 2026-11-26（专项时区，默认为当前时间）")
    status.add_argument("--format", choices=("text", "json"), default="text")

    build = sub.add_parser("build", help="生成公示网站 (build the public site)")
    build.add_argument("--out", default="public", help="输出文件夹（默认 public/）；构建成功后整体替换")
    build.add_argument("--now", help="生成时刻，如 2026-11-26（专项时区，默认为当前时间）")

    serve = sub.add_parser("serve", help="生成网站并在本机预览 (build and preview on localhost)")
    serve.add_argument("--out", default="public", help="输出文件夹（默认 public/）")
    serve.add_argument("--now", help="生成时刻（默认为当前时间）")
    serve.add_argument("--port", type=int, default=8000, help="端口（默认 8000，只监听 127.0.0.1）")

    owners = sub.add_parser(
        "codeowners", help="生成 .github/CODEOWNERS (write CODEOWNERS from the maintainers)"
    )
    owners.add_argument(
        "--check",
        action="store_true",
        help="只检查：文件过期，或有决定资金与资格的文件不只归专项办公室所有时，退出码为 1",
    )

    audit = sub.add_parser("audit", help="合并后的权限审计 (post-merge audit of scope and authority)")
    audit.add_argument(
        "--base", required=True, help="权限依据的提交（合并的拉取请求的基准提交，或推送前的提交）"
    )
    audit.add_argument("--since", help="推送前的提交（默认与 --base 相同）：只审计其后的改动")
    audit.add_argument("--head", default="HEAD", help="推送后的提交（默认 HEAD）")
    audit.add_argument(
        "--actor",
        action="append",
        required=True,
        help="要核对的平台账号（可重复：拉取请求作者、各提交的作者与提交者）",
    )
    audit.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    audit.add_argument("--output", help="把报告写入此文件（默认输出到终端）")

    _forge_parsers(sub)

    new = sub.add_parser("new", help="生成填写模板 (write a template to fill in)")
    new.add_argument("what", choices=("application",), help="模板种类：application（申报书）")
    new.add_argument("--society", required=True, help="学会代号，如 wuhan-mechanical-engineering")
    new.add_argument("--cycle", required=True, type=int, help="申报年度，如 2026")
    new.add_argument("--root", default=".", help="仓库根目录（含 submissions/），默认当前目录")
    return parser


def _forge_parsers(sub: argparse._SubParsersAction[_Parser]) -> None:
    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--forge", choices=("github", "gitea"), required=True, help="平台：github 或 gitea（含 Forgejo）"
        )
        p.add_argument(
            "--api-url",
            required=True,
            help="API 根地址：https://api.github.com 或 https://主机/api/v1（令牌取自环境变量 XUEHUI_FORGE_TOKEN）",
        )
        p.add_argument("--repo", required=True, help="仓库：所有者/仓库名")

    comment = sub.add_parser(
        "comment", help="发布或更新拉取请求上的检查评论 (post or update the sticky check comment)"
    )
    common(comment)
    comment.add_argument("--pr", type=int, required=True, help="拉取请求编号")
    comment.add_argument(
        "--body-file", required=True, help="评论内容文件（UTF-8，以 <!-- xuehui-check --> 开头）"
    )
    comment.add_argument("--author", help="只更新此账号写的标记评论（默认：令牌所属账号）")

    status = sub.add_parser("commit-status", help="设置提交状态 (set a commit status)")
    common(status)
    status.add_argument("--sha", required=True, help="完整的 40 位提交号")
    status.add_argument(
        "--state",
        choices=("success", "failure", "error", "pending"),
        required=True,
        help="状态：success 通过、failure 未通过、error 出错、pending 进行中",
    )
    status.add_argument("--context", required=True, help="状态名称，如 xuehui/check")
    status.add_argument("--description", required=True, help="简短说明（超过 140 字会被截短）")
    status.add_argument("--target-url", help="详情链接（只接受 https）")

    actors = sub.add_parser(
        "audit-actors",
        help="合并后审计：这次推送合并了哪个拉取请求、要核对哪些账号 (who a push to main brought in)",
    )
    common(actors)
    actors.add_argument("--sha", required=True, help="推送后的完整提交号")
    actors.add_argument("--before", required=True, help="推送前的提交号（新建分支时全为 0）")
    actors.add_argument("--pusher", required=True, help="推送者账号（直接推送时核对它）")

    flows = sub.add_parser(
        "workflows", help="生成 Gitea/Forgejo 工作流 (write .gitea/ and .forgejo/ workflows)"
    )
    flows.add_argument("--check", action="store_true", help="只检查：生成的工作流与模板不一致时退出码为 1")


def _forge_failed(command: str, failure: forgeapi_types.Failure) -> int:
    sys.stderr.write(f"xuehui {command}: {failure.zh}\n  {failure.en}\n  请检查 (check): {failure.hint}\n")
    if failure.kind == "usage":
        return EXIT_USAGE
    return EXIT_FORGE_UNAVAILABLE if failure.temporary else EXIT_FINDINGS


def _forge_target(command: str, args: argparse.Namespace) -> tuple[forgeapi_types.Target, str] | int:
    from generator import forgeapi

    target = forgeapi.parse_target(args.forge, args.api_url, args.repo)
    if isinstance(target, forgeapi.Failure):
        return _forge_failed(command, target)
    token = forgeapi.read_token(os.environ)
    if isinstance(token, forgeapi.Failure):
        return _forge_failed(command, token)
    return target, token


def _cmd_comment(args: argparse.Namespace) -> int:
    from generator import forgeapi

    found = _forge_target("comment", args)
    if isinstance(found, int):
        return found
    target, token = found
    path = Path(args.body_file)
    try:
        if path.stat().st_size > 4 * forgeapi.MAX_BODY_CHARS:  # UTF-8: at most 4 bytes a character
            raise UsageError(f"评论文件 {args.body_file} 过大：上限为 {forgeapi.MAX_BODY_CHARS} 个字符。")
        body = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(
            f"读不了评论文件 {args.body_file}：{type(exc).__name__}（须为 UTF-8 文本）。"
        ) from None
    result = forgeapi.upsert_comment(target, token, args.pr, body, author=args.author, sleep=forgeapi.SLEEP)
    if isinstance(result, forgeapi.Failure):
        return _forge_failed("comment", result)
    done = "已更新" if result.action == "updated" else "已发布"
    sys.stdout.write(
        f"{done}拉取请求 #{args.pr} 的检查评论（编号 {result.comment_id}）。"
        f" ({result.action} comment {result.comment_id})\n"
    )
    return EXIT_OK


def _cmd_commit_status(args: argparse.Namespace) -> int:
    from generator import forgeapi

    found = _forge_target("commit-status", args)
    if isinstance(found, int):
        return found
    target, token = found
    result = forgeapi.create_status(
        target,
        token,
        args.sha,
        args.state,
        args.context,
        args.description,
        args.target_url,
        sleep=forgeapi.SLEEP,
    )
    if isinstance(result, forgeapi.Failure):
        return _forge_failed("commit-status", result)
    sys.stdout.write(f"已设置提交状态 {result.context} = {result.state}。 (status set)\n")
    return EXIT_OK


def _cmd_audit_actors(args: argparse.Namespace) -> int:
    from generator import forgeapi, forgeflows

    if args.forge != "gitea":
        raise UsageError("audit-actors 只用于 Gitea/Forgejo（GitHub 上由 main.yml 的 github-script 完成）。")
    found = _forge_target("audit-actors", args)
    if isinstance(found, int):
        return found
    target, token = found
    result = forgeflows.pushed(target, token, args.sha, args.before, args.pusher, sleep=forgeapi.SLEEP)
    if isinstance(result, forgeapi.Failure):
        return _forge_failed("audit-actors", result)
    if result is None:
        sys.stderr.write(
            "没有推送前的提交（新建的分支），跳过权限审计。No commit before the push: audit skipped.\n"
        )
    sys.stdout.write(forgeflows.outputs(result))
    return EXIT_OK


def _cmd_workflows(args: argparse.Namespace) -> int:
    from generator import forgeflows
    from generator.repository import find_root

    root = find_root(Path.cwd())
    if root is None:
        raise UsageError("当前目录及其上级目录中找不到 submissions/ 文件夹；请在仓库根目录运行。")
    expected = forgeflows.render()
    if args.check:
        current = {
            path: (
                (root / path).read_bytes().decode("utf-8", errors="replace")
                if (root / path).is_file()
                else None
            )
            for path in expected
        }
        stale = forgeflows.stale(current)
        for path in stale:
            sys.stdout.write(f"{path} 缺失或已过期：请运行 xuehui workflows 重新生成并提交。 (stale)\n")
        if stale:
            return EXIT_FINDINGS
        sys.stdout.write("Gitea/Forgejo 工作流与模板一致。 (workflows are current)\n")
        return EXIT_OK
    for path, text in expected.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        _write(text, str(root / path))
        sys.stdout.write(f"已写入 {path}。\n")
    return EXIT_OK


WRITE_BATCH_CHARS = 1 << 16


def _batches(text: str | Iterable[str]) -> Iterator[str]:
    """``text``, or the pieces of a text, joined into batches of about ``WRITE_BATCH_CHARS`` characters."""
    if isinstance(text, str):
        yield text
        return
    batch: list[str] = []
    size = 0
    for piece in text:
        batch.append(piece)
        size += len(piece)
        if size >= WRITE_BATCH_CHARS:
            yield "".join(batch)
            batch, size = [], 0
    if batch:
        yield "".join(batch)


def _write(text: str | Iterable[str], output: str | None) -> None:
    """Print ``text`` (a text, or its pieces as they are made), or write it to the file ``output`` whole (a
    new file beside it renamed over it, so a reader never sees half a report), or into ``output`` as it is
    when that is a device or a pipe (``/dev/stdout``). A path that cannot be written is a UsageError
    naming it; a write that fails midway (a full disk) is an ActionFailed, the old file left as it was."""
    if not output:
        for batch in _batches(text):
            sys.stdout.write(batch)
        sys.stdout.flush()
        return
    from generator.site.outdir import describe_os_error

    target = Path(output)
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise UsageError(f"无法写入 {output}：{describe_os_error(exc)}。请换一个文件路径。") from exc
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UsageError(f"--output {output} 是一个文件夹：请给出文件名，如 {target / 'report.md'}。")
    if info is not None and not stat.S_ISREG(info.st_mode):
        try:
            with open(target, "wb") as handle:
                for batch in _batches(text):
                    handle.write(batch.encode("utf-8"))
        except OSError as exc:
            raise ActionFailed(f"写入 {output} 失败：{describe_os_error(exc, with_path=False)}。") from exc
        return
    folder = target.parent
    if not folder.is_dir():
        raise UsageError(
            f"无法写入 {output}：文件夹 {folder} 不存在（或不是文件夹）。请先创建它，或换一个路径。"
        )
    tmp = folder / f".{target.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise UsageError(
            f"无法在文件夹 {folder} 中写入 {target.name}：{describe_os_error(exc, with_path=False)}。请换一个路径。"
        ) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            for batch in _batches(text):
                handle.write(batch.encode("utf-8"))
        os.replace(tmp, target)
    except OSError as exc:
        raise ActionFailed(
            f"写入 {output} 失败：{describe_os_error(exc, with_path=False)}。原有文件保持不变。"
        ) from exc
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


def _resolve_root(paths: Sequence[str]) -> tuple[Path, list[str]]:
    """The tree's root and the repository-relative selections (files or folders) to report on."""
    from generator.kinds import SUBMISSIONS
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


def _say_resources(found: resources_types.Resources, *, site: bool = False) -> None:
    """Which schemas (and site templates) this run used (``generator.resources``), in one line on stderr
    (the reports themselves stay as they are), said once the run got that far (an error stays one line)."""
    from generator.resources import describe

    for note in found.notes:
        sys.stderr.write(f"xuehui: {note}\n")
    sys.stderr.write(f"xuehui: {describe(found, site=site)}\n")


def _staged(root: Path, sources: Sequence[Any], selected: frozenset[str]) -> frozenset[str]:
    """Of the selected files, those whose content (as checked) is not the one in HEAD: a new file, a
    changed one. Everything when there is no commit yet."""
    from generator.forge import ForgeError, differing_from_head, open_repo

    try:
        repo = open_repo(root)
        return differing_from_head(repo, root, {s.path: s.raw for s in sources if s.path in selected})
    except ForgeError as exc:
        raise UsageError(f"--staged 需要 git 仓库：{exc}") from exc


def _cmd_check(args: argparse.Namespace) -> int:
    from generator.checker import check, check_selection
    from generator.repository import list_folder
    from generator.rules.base import Context

    now = _parse_now(args.now)
    if args.committee is not None:
        return _cmd_check_committee(args, now)
    if args.shared is not None:
        raise UsageError("--shared 只能与 --committee 一起使用。")
    if args.base is not None:
        return _cmd_check_pull_request(args, now)
    from generator.resources import for_repository

    root, selections = _resolve_root(args.paths)
    used = for_repository(root)
    # The check builds many small acyclic objects and exits: the cyclic collector only costs time
    # here (measured: about a fifth of a 1,000-file check). Reference counting still frees memory.
    gc.disable()
    explicit = [s for s in selections if s and s != "submissions"]

    def selected(path: str) -> bool:
        return any(path == s or path.startswith(s + "/") for s in explicit)

    if not explicit:
        result = check(list_folder(root), Context(now=now), schema_dir=used.schemas)
        _say_resources(used)
        return _emit(result, args)
    # Given files: read them, then only what their findings depend on (generator.needs).
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
    _say_resources(used)
    return _emit(result, args)


def _committee_trees(committee: str, shared: str | None) -> tuple[Path, Path]:
    """(committee root, shared root): the shared tree from --shared, else from shared.yaml's path."""
    from generator.committee import SHARED_REF, read_committee_folder, shared_ref
    from generator.kinds import SUBMISSIONS

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


def _cmd_check_committee(args: argparse.Namespace, now: datetime) -> int:
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
    root, shared_root = _committee_trees(args.committee, args.shared)
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


def _cmd_check_pull_request(args: argparse.Namespace, now: datetime) -> int:
    from generator.forge import ForgeError, open_repo
    from generator.pullrequest import check_pull_request

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
    from generator.resources import shipped

    _say_resources(
        shipped()
    )  # a pull request's files are data: the schemas are xuehui's own, never the head's
    return _emit(result, args)


def _emit(result: CheckResult, args: argparse.Namespace) -> int:
    if args.link_base and not args.link_base.startswith("https://"):
        raise UsageError("--link-base 只接受 https:// 开头的地址。")
    fmt = args.format
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    report: str | Iterable[str]
    if fmt == "markdown":
        from generator.report.markdown import render as render_markdown

        report = render_markdown(result, link_base=args.link_base)
    elif fmt == "json":
        from generator.report.json import render_chunks

        report = render_chunks(result)  # written as it is encoded
    elif fmt == "github":
        from generator.report.github import render as render_github
        from generator.report.text import summary_line

        report = render_github(result) + summary_line(result) + "\n"
    else:
        from generator.report.text import render as render_text

        report = render_text(result)
    _write(report, args.output)
    return EXIT_OK if result.ok else EXIT_FINDINGS


def _cmd_rules(args: argparse.Namespace) -> int:
    from generator.catalogue import close_ids, explain, find, render

    if args.explain is None:
        sys.stdout.write(render(args.format))
        return EXIT_OK
    rule = find(args.explain)
    if rule is None:
        close = close_ids(args.explain)
        hint = f"相近的编号：{'、'.join(close)}。" if close else "全部编号见 xuehui rules。"
        from generator.textsafe import clean, truncate

        raise UsageError(f"没有编号为 {truncate(clean(args.explain.strip()), 40)} 的规则。{hint}")
    sys.stdout.write(explain(rule, args.format))
    return EXIT_OK


def _load_tree(root: Path | None = None) -> tuple[Path, Dataset]:
    """The tree's dataset, for ``rank`` and ``status``: refused (ActionFailed) while a file cannot be read or
    breaks its schema, since the file would be left out silently (a missing review changes a ranking)."""
    from generator.checker import build_dataset, parse_all
    from generator.findings import Severity
    from generator.repository import find_root, read_folder

    root = root or find_root(Path.cwd())
    if root is None:
        raise UsageError("当前目录及其上级目录中找不到 submissions/ 文件夹；请在仓库根目录运行。")
    from generator.resources import for_repository

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


def _parse_now(text: str | None) -> datetime:
    from generator.clock import parse_now, system_now

    try:
        return parse_now(text) if text else system_now()
    except ValueError as exc:
        raise UsageError(
            f"--now 的时间格式无效：{text}（示例：2026-11-26 或 2026-11-26T09:00+08:00）"
        ) from exc


def _cmd_rank(args: argparse.Namespace) -> int:
    from generator.report.ranking import render
    from generator.scoring import recorded_standings

    if args.committee is None:
        if args.record or args.shared:
            raise UsageError("--record 和 --shared 需要 --committee（评审委员会仓库的根目录）。")
        _root, data = _load_tree()
        cycle = data.cycles.get(args.cycle)
        if cycle is None:
            raise UsageError(f"没有 {args.cycle} 年度的数据（submissions/{args.cycle}/）。")
        if cycle.results is None:
            raise ActionFailed(
                f"共享仓库中还没有 {args.cycle} 年度的汇总结果（submissions/{args.cycle}/results.yaml）；"
                "评分在评审委员会仓库中：请用 --committee <委员会仓库> 计算。 (no recorded results)"
            )
        names = {slug: s.name for slug, s in data.societies.items()}
        _write(render(recorded_standings(cycle.results), names, args.cycle, args.format), args.output)
        return EXIT_OK
    return _rank_committee(args)


def _rank_committee(args: argparse.Namespace) -> int:
    from generator.checker import parse_source
    from generator.committee import (
        merge,
        parse_committee,
        plan_record,
        read_committee_folder,
    )
    from generator.findings import Severity
    from generator.forge import clean_work_tree_head
    from generator.kinds import SUBMISSIONS
    from generator.report.ranking import render
    from generator.repository import Source
    from generator.results import document_for, recompute

    now = _parse_now(args.now)
    root, shared_root = _committee_trees(args.committee, args.shared)
    _shared, data = _load_tree(shared_root)
    parsed = parse_committee(read_committee_folder(root))
    broken = [p.path for p in parsed if any(f.severity is Severity.ERROR for f in p.findings)]
    if broken:
        raise ActionFailed(
            f"评审委员会仓库中的 {'、'.join(broken[:5])} 有错误，排名会缺少这些文件的内容，所以不输出结果。"
            f"请先运行 xuehui check --committee {args.committee}。 (committee files with errors)"
        )
    merge(data, parsed)
    cycle = data.cycles.get(args.cycle)
    if cycle is None or (cycle.call is None and not cycle.reviews):
        raise UsageError(
            f"没有 {args.cycle} 年度的数据（共享仓库 submissions/{args.cycle}/ 或委员会仓库 {args.cycle}/）。"
        )
    fresh = recompute(data, cycle)
    names = {slug: s.name for slug, s in data.societies.items()}
    _write(render(list(fresh.standings), names, args.cycle, args.format), args.output)
    if not args.record:
        return EXIT_OK
    rel = f"{SUBMISSIONS}/{args.cycle}/results.yaml"
    target = shared_root / rel
    text = document_for(fresh, data.today(now).isoformat(), clean_work_tree_head(root))
    check = parse_source(Source(rel, text.encode("utf-8")))
    if not check.valid:  # a bug, never the user's data: the document is generated
        raise RuntimeError(
            f"generated results do not pass their schema: {[f.message_zh for f in check.findings]}"
        )
    existing = target.read_bytes() if target.is_file() else None
    found = None
    if existing is not None:
        old = parse_source(Source(rel, existing))
        if old.valid and old.loaded is not None and isinstance(old.loaded.data, dict):
            from generator.model import build_results

            found = build_results(rel, old.loaded.data)
    plan = plan_record(existing, rel, text, found)
    if plan.action == "refuse":
        raise ActionFailed(
            f"不写入 {rel}：{plan.reason}。汇总结果只由 xuehui rank --record 写入；请核对该文件，确认后删除它再记录。"
            " (refused: the existing results file was not written by xuehui rank)"
        )
    if plan.action == "unchanged":
        sys.stderr.write(f"{rel} 已是最新（指纹 {fresh.fingerprint}），未改动。 (unchanged)\n")
        return EXIT_OK
    _write(text, str(target))
    done = "已写入" if plan.action == "create" else f"已更新（{plan.reason}）"
    sys.stderr.write(f"{done} {rel}，指纹 {fresh.fingerprint}。 (recorded)\n")
    return EXIT_OK


def _cmd_status(args: argparse.Namespace) -> int:
    from generator.lifecycle import current_cycle, cycle_status
    from generator.report.status import render

    now = _parse_now(args.now)
    _root, data = _load_tree()
    year = args.cycle if args.cycle is not None else current_cycle(data, data.today(now))
    if year is None:
        raise UsageError("submissions/ 中还没有任何年度的数据（如 submissions/2026/call.yaml）。")
    if year not in data.cycles:
        raise UsageError(f"没有 {year} 年度的数据（submissions/{year}/）。")
    names = {slug: s.name for slug, s in data.societies.items()}
    sys.stdout.write(render(cycle_status(data, year, now), args.format, names))
    return EXIT_OK


def _cmd_build(args: argparse.Namespace) -> int:
    from generator.report.text import render as render_text
    from generator.repository import find_root
    from generator.site.build import build
    from generator.site.outdir import Refusal, vet_output

    now = _parse_now(args.now)
    root = find_root(Path.cwd())
    if root is None:
        raise UsageError("当前目录及其上级目录中找不到 submissions/ 文件夹；请在仓库根目录运行。")
    from generator.resources import for_repository

    used = for_repository(root)
    out = vet_output(Path(args.out), root, site_dir=used.site)
    if isinstance(out, Refusal):
        raise UsageError(out.message)
    _say_resources(used, site=True)
    gc.disable()
    result = build(root, out, now, site_dir=used.site, schema_dir=used.schemas)
    if result.output_refused:
        raise UsageError(result.problem or "")
    if not result.check.ok:
        sys.stdout.write(render_text(result.check))
    if not result.ok:
        sys.stderr.write(f"xuehui build: {result.problem}\n")
        for line in result.details:
            sys.stderr.write(f"  {line}\n")
        for leak in result.leaks:
            sys.stderr.write(f"  {leak.file}: {leak.what}（{leak.sample}）\n")
        sys.stderr.write(f"原有的 {result.out} 保持不变。\n")
        return EXIT_FINDINGS
    sys.stdout.write(
        f"网站已生成：{result.out}（{result.pages} 个页面）。用浏览器打开 {result.out / 'index.html'}，或运行 xuehui serve 预览。\n"
    )
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    """Listen first (a port in use is said at once, not after the build), then build, then serve."""
    import functools
    import http.server

    from generator.site.outdir import describe_os_error

    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port} 无效：端口应在 1 到 65535 之间，如 --port 8000。")
    folder = Path(args.out).resolve()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(
                f"端口 {args.port} 已被占用（也许另一个 xuehui serve 还在运行）：请用 --port 换一个端口，"
                f"如 --port {args.port + 1 if args.port < 65535 else 8000}。"
            ) from exc
        raise UsageError(
            f"无法在 127.0.0.1:{args.port} 上监听：{describe_os_error(exc)}。请用 --port 换一个端口。"
        ) from exc
    with server:
        code = _cmd_build(args)
        if code != EXIT_OK:
            return code
        sys.stdout.write(f"预览地址：http://127.0.0.1:{args.port}/（按 Ctrl+C 停止）\n")
        sys.stdout.flush()
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return EXIT_OK


def _repository_files(
    root: Path, folders: tuple[str, ...] = ("generator", "schemas", "site", ".github", "tests")
) -> list[str]:
    """Files of the code folders (for the CODEOWNERS check), repository-relative, caches left out."""
    found: list[str] = []
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(root / folder):
            dirnames[:] = [d for d in dirnames if d != "__pycache__" and not d.startswith(".")]
            for name in filenames:
                found.append((Path(dirpath) / name).relative_to(root).as_posix())
    return found


def _cmd_codeowners(args: argparse.Namespace) -> int:
    from generator import codeowners
    from generator.authority import authority_from
    from generator.repository import find_root, read_folder

    root = find_root(Path.cwd())
    if root is None:
        raise UsageError("当前目录及其上级目录中找不到 submissions/ 文件夹；请在仓库根目录运行。")
    sources = read_folder(root)
    authority = authority_from(sources)
    expected = codeowners.render(authority)
    target = root / codeowners.PATH
    current = target.read_bytes().decode("utf-8", errors="replace") if target.is_file() else None
    if args.check:
        if current is None:
            sys.stdout.write(f"{codeowners.PATH} 不存在：请运行 xuehui codeowners 生成并提交。 (missing)\n")
            return EXIT_FINDINGS
        years = {int(m.group(1)) for s in sources if (m := re.match(r"submissions/(\d{4})/", s.path))}
        paths = codeowners.decisive_paths(
            authority, years, [s.path for s in sources] + _repository_files(root)
        )
        problems = codeowners.ownership_problems(current, authority.office, paths)
        for problem in problems:
            sys.stdout.write(
                f"{codeowners.PATH}:{problem.line}: {problem.message_zh} ({problem.message_en})\n"
            )
        if current != expected:
            sys.stdout.write(f"{codeowners.PATH} 已过期：请运行 xuehui codeowners 重新生成并提交。 (stale)\n")
        gitea_failed = _check_gitea_codeowners(root, authority, years, [s.path for s in sources])
        if problems or current != expected or gitea_failed:
            return EXIT_FINDINGS
        sys.stdout.write(f"{codeowners.PATH} 是最新的，决定资金与资格的文件都只归专项办公室所有。\n")
        return EXIT_OK
    target.parent.mkdir(parents=True, exist_ok=True)
    _write(expected, str(target))
    sys.stdout.write(f"已写入 {codeowners.PATH}。\n")
    (root / codeowners.GITEA_PATH).parent.mkdir(parents=True, exist_ok=True)
    _write(codeowners.render_gitea(authority), str(root / codeowners.GITEA_PATH))
    sys.stdout.write(f"已写入 {codeowners.GITEA_PATH}（Gitea 与 Forgejo）。\n")
    return EXIT_OK


def _check_gitea_codeowners(root: Path, authority: Authority, years: set[int], data_paths: list[str]) -> bool:
    """Report what is wrong with ``.gitea/CODEOWNERS`` (missing, stale, shadowed, or a decisive path owned by
    anyone outside the office); True when anything is."""
    from generator import codeowners

    path = codeowners.GITEA_PATH
    target = root / path
    if not target.is_file():
        sys.stdout.write(
            f"{path} 不存在：请运行 xuehui codeowners 生成并提交（Gitea 与 Forgejo 读取它）。 (missing)\n"
        )
        return True
    current = target.read_bytes().decode("utf-8", errors="replace")
    failed = False
    for shadow in codeowners.GITEA_SHADOWS:
        if (root / shadow).exists():
            failed = True
            sys.stdout.write(
                f"{shadow} 存在：Gitea 与 Forgejo 会先读它而不读 {path}，请删除它。 (shadows {path})\n"
            )
    present = data_paths + _repository_files(root) + _repository_files(root, (".gitea", ".forgejo"))
    paths = codeowners.gitea_decisive_paths(authority, years, present)
    for problem in codeowners.gitea_ownership_problems(current, authority.office, paths):
        failed = True
        sys.stdout.write(f"{path}:{problem.line}: {problem.message_zh} ({problem.message_en})\n")
    if current != codeowners.render_gitea(authority):
        failed = True
        sys.stdout.write(f"{path} 已过期：请运行 xuehui codeowners 重新生成并提交。 (stale)\n")
    if not failed:
        sys.stdout.write(
            f"{path} 是最新的，决定资金与资格的文件都只归专项办公室所有（Gitea/Forgejo 规则）。\n"
        )
    return failed


def _cmd_audit(args: argparse.Namespace) -> int:
    from generator.audit import audit, render
    from generator.forge import ForgeError, open_repo

    try:
        repo = open_repo(Path.cwd())
        result = audit(repo, args.base, args.since or args.base, args.head, tuple(args.actor))
    except ForgeError as exc:
        raise UsageError(str(exc)) from exc
    _write(render(result, args.format), args.output)
    return EXIT_OK if result.ok else EXIT_FINDINGS


def _cmd_new(args: argparse.Namespace) -> int:
    from generator.scaffold import ScaffoldError, write_application

    try:
        path = write_application(Path(args.root), args.society, args.cycle)
    except ScaffoldError as exc:
        sys.stderr.write(f"xuehui new: {exc}\n")
        return EXIT_FINDINGS
    sys.stdout.write(
        f"已生成申报书模板：{path}\n请按文件中的注释逐项填写，然后运行 xuehui check {path} 检查。\n"
    )
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage message
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    handlers = {
        "check": _cmd_check,
        "rules": _cmd_rules,
        "new": _cmd_new,
        "codeowners": _cmd_codeowners,
        "audit": _cmd_audit,
        "rank": _cmd_rank,
        "status": _cmd_status,
        "build": _cmd_build,
        "serve": _cmd_serve,
        "comment": _cmd_comment,
        "commit-status": _cmd_commit_status,
        "audit-actors": _cmd_audit_actors,
        "workflows": _cmd_workflows,
    }
    try:
        os.getcwd()
    except OSError:
        sys.stderr.write(
            f"xuehui {args.command}: 当前文件夹已不存在（也许已被删除）：请进入仓库根目录后重新运行。\n"
        )
        return EXIT_USAGE
    try:
        return handlers[args.command](args)
    except UsageError as exc:
        sys.stderr.write(f"xuehui {args.command}: {exc}\n")
        return EXIT_USAGE
    except ActionFailed as exc:
        sys.stderr.write(f"xuehui {args.command}: {exc}\n")
        return EXIT_FINDINGS
    except KeyboardInterrupt:
        sys.stderr.write(
            f"xuehui {args.command}: 已中断（Ctrl+C），已写好的文件和网站文件夹保持原样。 (interrupted)\n"
        )
        return 130
    except BrokenPipeError:
        # whoever read the output stopped reading (``xuehui rules | head``): nothing more to say
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return EXIT_FINDINGS
    except UnicodeEncodeError as exc:
        sys.stderr.write(
            f"xuehui {args.command}: 输出的编码（{exc.encoding}）无法表示中文：请使用 UTF-8 终端，"
            "或设置 PYTHONIOENCODING=utf-8。 (the output encoding cannot show Chinese)\n"
        )
        return EXIT_USAGE
    except OSError as exc:
        from generator.site.outdir import describe_os_error

        sys.stderr.write(
            f"xuehui {args.command}: 读写文件失败：{describe_os_error(exc)}。请检查这个路径（是否存在、"
            "是否是文件夹、能否写入）和磁盘空间后重试。 (a file could not be read or written)\n"
        )
        return EXIT_FINDINGS
    except Exception as exc:
        from generator.forge import ForgeError

        if isinstance(exc, ForgeError):  # a repository git cannot read (e.g. the history while building)
            sys.stderr.write(f"xuehui {args.command}: {exc}\n")
            return EXIT_USAGE
        sys.stderr.write(
            "xuehui: 内部错误（程序缺陷，不是您的数据问题）。请把以下信息反馈给专项办公室。\n"
            "xuehui: internal error (a bug in this program).\n"
        )
        traceback.print_exc(file=sys.stderr)
        return EXIT_BUG
