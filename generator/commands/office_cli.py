"""The parser table of ``xuehui office`` (its subcommands and their Chinese help), kept beside ``cli.py``'s
table so that one stays short; ``commands/office.py`` carries the subcommands out."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any


def _office_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--now", help="检查所依据的时刻，如 2027-11-06（专项时区，默认为当前时间）")
    p.add_argument("--dry-run", action="store_true", help="只显示改动和提交说明，不写入")
    p.add_argument("--commit", action="store_true", help="写入后用显示的提交说明提交（只提交这些文件）")


def office_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    """``xuehui office …`` and ``xuehui import-registers``: the office's commands that write its records."""
    office_parser(sub)
    import_parser(sub)


def office_parser(sub: argparse._SubParsersAction[Any]) -> None:
    office = sub.add_parser(
        "office",
        help="专项办公室记录各环节（写入前检查，保留注释） (the office's records, checked before writing)",
    )
    osub = office.add_subparsers(dest="office", metavar="办公室命令", title="办公室命令 (office commands)")

    add = _adder(osub)
    _cycle_parsers(add)
    _publicity_parsers(add)
    _after_parsers(add)


Add = Callable[[str, str], argparse.ArgumentParser]


def _adder(osub: argparse._SubParsersAction[Any]) -> Add:
    def add(name: str, text: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = osub.add_parser(name, help=text, description=text)
        _office_common(p)
        return p

    return add


def _cycle_parsers(add: Add) -> None:
    p = add("open-cycle", "开启新年度：依上一年度申报通知生成新通知（日期顺延，待确认）和空的 decisions.yaml")
    p.add_argument("--year", type=int, required=True, help="新年度，如 2027")
    p.add_argument("--from", dest="source", type=int, help="作为依据的年度（默认：新年度的前一年）")
    p = add("publish-call", "发布申报通知：确认发布日期和文号（网站据此发布通知公告）")
    p.add_argument("--cycle", type=int, required=True, help="年度")
    p.add_argument("--published", required=True, help="发布日期 YYYY-MM-DD")
    p.add_argument("--doc-number", required=True, help="文号，如 武科协〔2027〕18号")
    p = add("formal-review", "记录形式审查结果（四（一））")
    p.add_argument("--cycle", type=int, required=True, help="年度")
    p.add_argument("--date", required=True, help="形式审查日期 YYYY-MM-DD")
    p.add_argument("--passed", nargs="+", default=[], metavar="学会代号", help="通过的学会")
    p.add_argument(
        "--failed", action="append", default=[], metavar="学会代号=理由", help="不通过的学会及理由（可重复）"
    )
    p.add_argument("--verified", action="store_true", help="已核实通过学会的独立银行账户和财务人员")
    p = add("committee", "组建评审委员会：名单和每位委员一份空评分表（写入评审委员会仓库）")
    p.add_argument("--cycle", type=int, required=True, help="年度")
    p.add_argument("--committee", required=True, metavar="PATH", help="评审委员会仓库的根目录")
    p.add_argument("--member", nargs="+", required=True, metavar="专家编号", help="委员（专家库中的编号）")


def _supplement_parser(add: Add) -> None:
    p = add("supplement", "形式审查补正：提出补正要求，或记录收到补正材料（四（二））")
    p.add_argument("--cycle", type=int, required=True, help="年度")
    p.add_argument("--society", required=True, help="学会代号")
    p.add_argument("--requested", help="提出补正的日期 YYYY-MM-DD（提出补正时）")
    p.add_argument("--due", help="补正期限 YYYY-MM-DD（提出补正时）")
    p.add_argument("--item", action="append", default=[], help="需要补交的材料（可重复）")
    p.add_argument("--received", help="收到补正材料的日期 YYYY-MM-DD")
    p.add_argument("--failed", metavar="理由", help="补正后形式审查不通过及理由（默认：结论不变）")


def _payment_parser(add: Add) -> None:
    p = add("payment", "记录一次奖励资金拨付（一（三）2、五（三）），写入该年度的 payments.yaml")
    p.add_argument("--cycle", type=int, required=True, help="受表彰的年度")
    p.add_argument("--society", required=True, help="学会代号")
    p.add_argument("--tranche", type=int, required=True, help="第几期（从 1 开始）")
    p.add_argument("--date", required=True, help="拨付日期 YYYY-MM-DD")
    p.add_argument("--amount", required=True, help="金额（元，最多两位小数）")
    p.add_argument("--doc-number", required=True, help="拨付文件的文号")


def _publicity_parsers(add: Add) -> None:
    _supplement_parser(add)
    p = add("publicity", "公示拟表彰名单（四（三））")
    p.add_argument("--cycle", type=int, required=True, help="年度")
    p.add_argument("--start", required=True, help="公示开始日期 YYYY-MM-DD")
    p.add_argument("--doc-number", required=True, help="公示文号")
    p.add_argument("--title", help="公示标题（默认：关于<年度>年度学会能力提升专项拟表彰学会名单的公示）")
    p.add_argument("--channel", action="append", help="公示渠道（可重复；默认：武汉科协官网、本站）")
    p = add("objection", "记录公示期收到的异议（不记录异议人身份）")
    p.add_argument("--cycle", type=int, required=True, help="年度")
    p.add_argument("--id", required=True, metavar="编号", help="异议编号，如 2027-yy-01")
    p.add_argument("--received", required=True, help="收到日期 YYYY-MM-DD")
    p.add_argument("--society", required=True, help="涉及的学会代号")
    p.add_argument("--summary", required=True, help="反映的问题（概括）")
    p = add("objection-outcome", "记录异议的核查结论")
    p.add_argument("--cycle", type=int, required=True, help="年度")
    p.add_argument("--id", required=True, metavar="编号", help="异议编号")
    p.add_argument(
        "--status",
        required=True,
        choices=("upheld", "dismissed"),
        help="结论：upheld 成立 | dismissed 不成立",
    )
    p.add_argument("--resolved", required=True, help="办结日期 YYYY-MM-DD")
    p.add_argument("--outcome", required=True, help="核查经过和结论")
    _review_step_parsers(add)
    p = add(
        "commend",
        "通报表彰：依公示过的名单（异议成立者除外，递补者须单独公示期满），金额取自申报通知（四（四））",
    )
    p.add_argument("--cycle", type=int, required=True, help="年度")
    p.add_argument("--date", required=True, help="表彰日期 YYYY-MM-DD")
    p.add_argument("--doc-number", required=True, help="表彰决定文号")
    p.add_argument(
        "--left-out",
        action="append",
        default=[],
        metavar="学会代号=理由",
        help="列入名单但本次不表彰的学会及理由（如递补公示尚未期满；可重复）",
    )


def _review_step_parsers(add: Add) -> None:
    """复核 and 递补 (四（二））."""
    p = add("reconsideration", "记录学会对形式审查或异议处理结论的复核申请（四（二））")
    p.add_argument("--cycle", type=int, required=True, help="年度")
    p.add_argument("--id", required=True, metavar="编号", help="复核编号，如 2027-fh-01")
    p.add_argument("--society", required=True, help="申请复核的学会代号")
    p.add_argument(
        "--concerning",
        required=True,
        help="复核对象：formal_review（形式审查结论）或异议编号（如 2027-yy-01）",
    )
    p.add_argument("--received", required=True, help="收到日期 YYYY-MM-DD")
    p = add("reconsideration-outcome", "记录复核结论（将公开）")
    p.add_argument("--cycle", type=int, required=True, help="年度")
    p.add_argument("--id", required=True, metavar="编号", help="复核编号")
    p.add_argument(
        "--status",
        required=True,
        choices=("upheld", "dismissed"),
        help="结论：upheld 复核成立（原结论改变）| dismissed 维持原结论",
    )
    p.add_argument("--resolved", required=True, help="办结日期 YYYY-MM-DD")
    p.add_argument("--outcome", required=True, help="复核经过和结论")
    p = add(
        "substitution", "递补：由同一类别排名最高的未列入学会替代被移出名单的学会，并单独公示（四（二））"
    )
    p.add_argument("--cycle", type=int, required=True, help="年度")
    p.add_argument("--society", required=True, help="递补学会的代号")
    p.add_argument("--replaces", required=True, help="被移出拟表彰名单的学会代号（档次随之沿用）")
    p.add_argument("--decided", required=True, help="递补决定日期 YYYY-MM-DD")
    p.add_argument("--reason", required=True, help="递补依据，如 异议2027-yy-01成立，按同类别排名依次递补")
    p.add_argument("--start", required=True, help="递补公示开始日期 YYYY-MM-DD（公示天数按申报通知）")
    p.add_argument("--doc-number", help="递补公示文号（可选）")
    p.add_argument("--title", help="公示标题（默认：关于<年度>年度学会能力提升专项递补拟表彰学会的公示）")
    p.add_argument("--channel", action="append", help="公示渠道（可重复；默认：武汉科协官网、本站）")


def _after_parsers(add: Add) -> None:
    _payment_parser(add)
    p = add("inspection", "记录中期检查或总结验收结果（一（三）3）")
    p.add_argument("--cycle", type=int, required=True, help="受表彰的年度")
    p.add_argument(
        "--stage", required=True, choices=("midterm", "final"), help="阶段：midterm 中期检查 | final 总结验收"
    )
    p.add_argument("--date", required=True, help="检查日期 YYYY-MM-DD")
    p.add_argument(
        "--passed", action="append", default=[], metavar="学会代号=意见", help="合格的学会及意见（可重复）"
    )
    p.add_argument(
        "--failed", action="append", default=[], metavar="学会代号=意见", help="不合格的学会及意见（可重复）"
    )
    p = add("sanction", "记录对学会的处理决定（三（二）、五（二））")
    p.add_argument("--id", required=True, metavar="编号", help="编号，如 2027-cf-001")
    p.add_argument("--society", required=True, help="学会代号")
    p.add_argument("--decided", required=True, help="决定日期 YYYY-MM-DD")
    p.add_argument(
        "--kind",
        required=True,
        choices=("fraud", "violation", "criticism"),
        help="种类：fraud 弄虚作假 | violation 违纪违法 | criticism 通报批评或处罚",
    )
    p.add_argument("--summary", required=True, help="查实的事实")
    p.add_argument("--doc-number", required=True, help="处理决定文号")
    p.add_argument("--cycle", type=int, help="所涉及奖励的年度")
    p.add_argument("--revoke-award", action="store_true", help="撤销奖励")
    p.add_argument("--reclaim", default="0", help="收回金额（元），默认 0")
    p.add_argument("--ban", action="store_true", help="取消申报资格")
    p = add("correction", "记录对已截止或已冻结文件的更正（与被更正的改动一起提交）")
    p.add_argument("--id", required=True, metavar="编号", help="编号，如 2027-gz-001")
    p.add_argument("--date", required=True, help="更正日期 YYYY-MM-DD")
    p.add_argument("--cycle", type=int, required=True, help="所涉及的年度")
    p.add_argument(
        "--path",
        required=True,
        help="被更正文件的仓库路径，如 submissions/2026/reports/wuhan-medical.final.yaml",
    )
    p.add_argument("--reason", required=True, help="改了什么、依据什么、是否影响结论")
    p.add_argument("--record", help="所涉及的记录，如 2026年度总结验收")


def import_parser(sub: argparse._SubParsersAction[Any]) -> None:
    imp = sub.add_parser(
        "import-registers", help="从 Excel 导入登记表：年检、年度报告、委托项目 (from .xlsx)"
    )
    registers = ("annual-inspections", "annual-reports", "entrusted-projects")
    imp.add_argument("register", choices=registers, help="社团年检结果、年度工作总结与计划报送、委托项目")
    imp.add_argument("file", metavar="FILE.xlsx", help="要导入的 Excel 工作簿（.xlsx）")
    imp.add_argument("--sheet", help="工作表名称（默认：第一个工作表）")
    imp.add_argument("--write", action="store_true", help="写入 YAML 文件（默认只预览将有哪些改动）")
    imp.add_argument("--now", help="检查所依据的时刻，如 2026-11-26（专项时区，默认为当前时间）")
    imp.add_argument("--quiet", action="store_true", help="不显示进度（进度只写到标准错误）")
