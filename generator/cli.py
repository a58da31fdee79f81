"""The ``xuehui`` command: the parser table, the dispatch of each subcommand to
``generator.commands.<name>.run`` (its module imported only when that command runs), and the one mapping
from errors to exit codes. The commands print their own output; this module prints only argparse's help and
complaints and what an error that reaches it means.

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
import importlib
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from generator.commands.committee_cli import confidential_parsers
from generator.commands.errors import (
    EXIT_BUG,
    EXIT_FINDINGS,
    EXIT_FORGE_UNAVAILABLE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    ActionFailed,
    UsageError,
)
from generator.commands.new_cli import new_parser
from generator.commands.office_cli import office_parsers
from generator.commands.parsing import Formatter

__all__ = [
    "COMMANDS",
    "EXIT_BUG",
    "EXIT_FINDINGS",
    "EXIT_FORGE_UNAVAILABLE",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "ActionFailed",
    "UsageError",
    "argparse_zh",
    "main",
]

# Each subcommand and the module of ``generator.commands`` whose ``run(args) -> int`` carries it out.
COMMANDS: dict[str, str] = {
    "check": "check",
    "rules": "rules",
    "rank": "rank",
    "status": "status",
    "build": "build",
    "serve": "serve",
    "codeowners": "codeowners",
    "audit": "audit",
    "comment": "comment",
    "commit-status": "commit_status",
    "audit-actors": "audit_actors",
    "workflows": "workflows",
    "new": "new",
    "office": "office",
    "conflicts": "conflicts",
    "letters": "letters",
    "import-registers": "import_registers",
}


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
        kwargs.setdefault("formatter_class", Formatter)
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


def _parser(only_check: bool = False) -> argparse.ArgumentParser:
    """The parser table: every subcommand and its arguments, in the order ``xuehui -h`` lists them.

    ``only_check``: the table with ``check`` alone, for a command line starting with it (the command run
    most, one application at a time): it parses, helps and complains the same (the top-level usage names no
    subcommand, ``命令 ...``), and the other commands' parsers (~5 ms) are not built."""
    parser = _Parser(
        prog="xuehui",
        description="学会能力提升专项：检查申报数据、查看规则、生成模板。"
        " (Society Capability Enhancement Programme: check submissions, list rules, scaffold files.)",
    )
    parser.add_argument("--version", action=_Version, help="显示 xuehui 的版本号并退出 (show the version)")
    sub = parser.add_subparsers(dest="command", metavar="命令", title="命令 (commands)")
    _check_parser(sub)
    if only_check:
        return parser
    _result_parsers(sub)
    _site_parsers(sub)
    _trust_parsers(sub)
    _forge_parsers(sub)
    new_parser(sub)
    office_parsers(sub)
    confidential_parsers(sub)
    return parser


XLSX = "输出格式；xlsx（Excel/WPS 工作簿）需要 --output 文件名.xlsx 或重定向到文件"
QUIET = "不显示进度（进度只写到标准错误）"


def _check_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
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
    check.add_argument("--quiet", action="store_true", help=QUIET)
    check.add_argument(
        "--link-base",
        help="Markdown 报告中行号链接的前缀，如 https://forge.example.org/org/repo/blob/<提交>/（只接受 https）",
    )


def _result_parsers(sub: argparse._SubParsersAction[_Parser]) -> None:
    rules = sub.add_parser("rules", help="列出全部检查规则 (list the rule catalogue)")
    rules.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    rules.add_argument(
        "--explain",
        metavar="ID",
        help="详细说明一条规则：消息、提示、不通过与通过的示例 (explain one rule, e.g. FUND-002)",
    )

    rank = sub.add_parser("rank", help="专家评审排名 (the expert-review ranking of a cycle)")
    rank.add_argument("--cycle", type=int, required=True, help="年度，如 2026")
    rank.add_argument(
        "--format", choices=("text", "markdown", "json", "csv", "xlsx"), default="text", help=XLSX
    )
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
    rank.add_argument(
        "--sensitivity",
        action="store_true",
        help="敏感性分析（只给评审委员会看，从不公开）：按算术平均、汇总规则、按专家标准化各排一次，标出由方法决定的名次（需要 --committee）",
    )

    status = sub.add_parser("status", help="各申报所处阶段与公示状态 (stages and publicity)")
    status.add_argument("--cycle", type=int, help="年度（默认：当前年度）")
    status.add_argument("--now", help="查看时刻，如 2026-11-26（专项时区，默认为当前时间）")
    status.add_argument("--format", choices=("text", "json", "xlsx"), default="text", help=XLSX)
    status.add_argument("--output", help="写入此文件（默认输出到终端）")


def _site_parsers(sub: argparse._SubParsersAction[_Parser]) -> None:
    build = sub.add_parser("build", help="生成公示网站 (build the public site)")
    build.add_argument("--out", default="public", help="输出文件夹（默认 public/）；构建成功后整体替换")
    build.add_argument("--now", help="生成时刻，如 2026-11-26（专项时区，默认为当前时间）")
    build.add_argument("--quiet", action="store_true", help=QUIET)

    serve = sub.add_parser("serve", help="生成网站并在本机预览 (build and preview on localhost)")
    serve.add_argument("--out", default="public", help="输出文件夹（默认 public/）")
    serve.add_argument("--now", help="生成时刻（默认为当前时间）")
    serve.add_argument("--port", type=int, default=8000, help="端口（默认 8000，只监听 127.0.0.1）")


def _trust_parsers(sub: argparse._SubParsersAction[_Parser]) -> None:
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
    comment.add_argument(
        "--head-sha", help="本次检查的提交号：拉取请求已有更新的提交时不覆盖评论（记录在评论的隐藏标记中）"
    )

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


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    parser = _parser(only_check=bool(words) and words[0] == "check")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage message
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        os.getcwd()
    except OSError:
        sys.stderr.write(
            f"xuehui {args.command}: 当前文件夹已不存在（也许已被删除）：请进入仓库根目录后重新运行。\n"
        )
        return EXIT_USAGE
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    """The command's exit code, or the one what it raised maps to (the one place errors become exit codes)."""
    try:
        run: Callable[[argparse.Namespace], int] = importlib.import_module(
            f"generator.commands.{COMMANDS[args.command]}"
        ).run
        return run(args)
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
        return EXIT_INTERRUPTED
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
        return _unexpected(args.command, exc)


def _unexpected(command: str, exc: Exception) -> int:
    """A repository git cannot read (e.g. the history while building) is usage; anything else is a bug."""
    from generator.forge import ForgeError

    if isinstance(exc, ForgeError):
        sys.stderr.write(f"xuehui {command}: {exc}\n")
        return EXIT_USAGE
    sys.stderr.write(
        "xuehui: 内部错误（程序缺陷，不是您的数据问题）。请把以下信息反馈给专项办公室。\n"
        "xuehui: internal error (a bug in this program).\n"
    )
    import traceback  # only for a bug: its import costs every run otherwise

    traceback.print_exc(file=sys.stderr)
    return EXIT_BUG
