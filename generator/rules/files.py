"""FILE-* and TPL-001: where a file sits, what it is called, whether it can be taken and read into the model.

FILE-002 and FILE-003 are rules over the dataset; the others are found by the checker (``generator.checker``:
refused, unknown, unreadable files, unsafe characters in a path, placeholders, the programme file), the committee check
(``generator.committee``) and a pull request's scope check (``generator.authority``: twin names), which
fill in the messages declared here.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import Application, Call, Dataset, Decisions, Plan, Report, Review
from generator.rules.base import ERROR, FORMAT_CLAUSE, NOTICE, Context, Hit, Message, declare, rule

unknown_place = declare(
    "FILE-001",
    ERROR,
    FORMAT_CLAUSE,
    "submissions/ 下的文件放在约定位置、使用约定文件名",
    "Files under submissions/ are in a known place with a known name",
    note_zh="提示会写出这个文件名应放在哪个文件夹。",
    messages={
        "": Message(
            "这个文件不在约定的位置或文件名不符合约定，系统无法识别它是什么材料。",
            "The file is not in a known place or has an unknown name.",
            "{expected}",
        ),
        "committee": Message(
            "这个文件不在评审委员会仓库约定的位置，系统无法识别它是什么材料。",
            "The file is not in a known place of the committee repository.",
            "评审委员会仓库只放 shared.yaml、experts.yaml、<年度>/committee.yaml、"
            "<年度>/reviews/<专家编号>.yaml 和 contacts/<年度>.yaml（见 examples/committee/README.md）。",
        ),
    },
    doc="""The hint names where a file of that name would go (``kinds.expected_place_hint``).

    Fails (a file in no known place)::

        +++ submissions/2026/notes.yaml
        + schema_version: 1

    Passes::

        (the minimal tree)
    """,
)

refused = declare(
    "FILE-004",
    ERROR,
    FORMAT_CLAUSE,
    "不接受符号链接、子模块、可执行文件及无法读取的文件",
    "No symlinks, submodules, executables or unreadable files",
    note_zh="读取文件树（文件夹或某个 git 提交）时拒收这类条目，并写明原因。",
    message=Message(
        "不接受这个文件：{reason}。",
        "File refused: {reason}.",
        "只提交普通文件（不要提交符号链接、子模块或可执行文件）。",
    ),
    doc="""The reader of the tree (a folder, a git revision) refuses such an entry with a reason.

    Fails (a symbolic link)::

        refused submissions/societies/evil.yaml: 这不是普通文件（符号链接或特殊文件）

    Passes::

        (the minimal tree)
    """,
)

unreadable = declare(
    "FILE-005",
    ERROR,
    FORMAT_CLAUSE,
    "文件内容可转换为专项数据模型",
    "The content can be read into the programme's model",
    note_zh="兜底检查：文件通过了格式检查，却仍无法转换为专项数据模型时报告（请把文件和这条消息发给专项办公室）。",
    messages={
        "": Message(
            "文件内容无法转换为专项数据（{error}: {detail}）。",
            "The content cannot be read into the model: {error}.",
            "请对照示例检查字段；若确认无误，请把此信息反馈给专项办公室。",
        ),
        "committee": Message(
            "文件内容无法转换为专项数据（{error}）。",
            "The content cannot be read into the model: {error}.",
            "请对照 examples/committee/ 中的示例检查字段。",
        ),
    },
    doc="""A safety net: a file that passes its schema but still cannot be built into the model.

    Fails (the year 0000: a valid RFC 3339 date that no Python date can hold)::

        --- submissions/2026/call.yaml
        - published: "2026-09-01"
        + published: "0000-09-01"

    Passes::

        (the minimal tree)
    """,
)

programme_missing = declare(
    "FILE-006",
    ERROR,
    FORMAT_CLAUSE,
    "专项设置文件（programme.yaml）存在且有效，其余检查依赖它",
    "programme.yaml exists and is valid; other checks depend on it",
    messages={
        "invalid": Message(
            "专项设置文件缺失或无效，依赖它的检查（支出类别、申报条件等）无法进行。",
            "programme.yaml is missing or invalid.",
            "请专项办公室提交有效的 programme.yaml。",
        ),
        "missing": Message(
            "缺少专项设置文件 submissions/programme.yaml。",
            "programme.yaml is missing or invalid.",
            "请专项办公室提交有效的 programme.yaml。",
        ),
    },
    doc="""Fails (no programme file)::

        del submissions/programme.yaml

    Passes::

        (the minimal tree)
    """,
)

format_first = declare(
    "FILE-007",
    NOTICE,
    FORMAT_CLAUSE,
    "格式问题修正后才进行申报条件、预算等规则检查",
    "Rule checks run once a file's format problems are fixed",
    message=Message(
        "这个文件有格式问题（见本文件的其他错误），修正后系统才会检查申报条件、预算等内容。",
        "Rule checks of this file run once its format problems are fixed.",
        "请先修改本文件的格式问题，再提交一次。",
    ),
    doc="""Fails (a call whose cycle is not a number)::

        --- submissions/2026/call.yaml
        - cycle: 2026
        + cycle: 二〇二六

    Passes::

        (the minimal tree)
    """,
)

twin_name = declare(
    "FILE-008",
    ERROR,
    FORMAT_CLAUSE,
    "文件名不得与已有文件只差大小写或 Unicode 形式，且为 NFC 形式",
    "No file names that differ from another only by case or Unicode form",
    note_zh="在拉取请求中检查：git 能同时保存两个只差大小写或 Unicode 形式的文件名，Windows 和 macOS 上签出时却会合成一个。",
    messages={
        "twin": Message(
            "文件名与已有的“{twin}”只差大小写或 Unicode 形式，会被当作另一个文件。",
            "The file name differs from another only by case or Unicode form (or is not NFC).",
            "请使用约定的小写文件名，并删除重复的文件。",
        ),
        "not_nfc": Message(
            "文件名不是 Unicode NFC 形式，会被当作另一个文件。",
            "The file name differs from another only by case or Unicode form (or is not NFC).",
            "请使用约定的小写文件名，并删除重复的文件。",
        ),
    },
    doc="""Checked on a pull request (git keeps both names; a checkout on Windows or macOS would not).

    Fails (two attachments whose names differ only by case)::

        pr: mech-secretariat
        now: 2026-10-20
        +++ submissions/2026/attachments/wuhan-mechanical-engineering/证明.pdf
        + %PDF-1.4
        +++ submissions/2026/attachments/wuhan-mechanical-engineering/证明.PDF
        + %PDF-1.4

    Passes::

        pr: mech-secretariat
        now: 2026-10-20
        +++ submissions/2026/attachments/wuhan-mechanical-engineering/证明.pdf
        + %PDF-1.4
    """,
)

unsafe_path = declare(
    "FILE-009",
    ERROR,
    FORMAT_CLAUSE,
    "文件路径不含控制字符、格式字符（零宽、方向控制等）或行、段分隔符",
    "Paths hold no control or format character and no line or paragraph separator",
    message=Message(
        "文件路径含有看不见或会改变显示的字符：{chars}。这样的名称在报告、网页和日志中会被误读。",
        "The path holds control or format characters: {chars}.",
        "请给文件改一个只含普通文字、数字、连字符和点的名称（在网页编辑器中删除后重新上传即可）。",
    ),
    doc="""Found where a file's place is judged (``checker.parse_source``: every file under ``submissions/``
    of a whole tree or a pull request) and where a pull request's or a push's names are checked
    (``authority.twin_findings``: every path it changes); ``chars`` names each character with its code
    point (``U+000A 换行``).

    Fails (an attachment whose name carries a line break and a workflow command)::

        pr: mech-secretariat
        now: 2026-10-20
        +++ submissions/2026/attachments/wuhan-mechanical-engineering/证明\\u000A::error file=x::.pdf
        + %PDF-1.4

    Passes::

        pr: mech-secretariat
        now: 2026-10-20
        +++ submissions/2026/attachments/wuhan-mechanical-engineering/证明.pdf
        + %PDF-1.4
    """,
)

placeholder = declare(
    "TPL-001",
    ERROR,
    FORMAT_CLAUSE,
    "模板中的占位文字（请填写、YYYY-MM-DD）已全部替换为实际内容",
    "Template placeholders (请填写, YYYY-MM-DD) are all replaced",
    note_zh="每种占位文字一条消息，列出它所在的全部行；日期占位另有日期格式的提示。",
    messages={
        "": Message(
            "“{text}”是模板中的占位文字，还有 {count} 处尚未填写实际内容：第 {lines} 行。",
            "{count} template placeholder(s) {text!r} not filled in (lines {lines}).",
            "请把这些行中的“{text}”逐一换成实际内容（名称、编号、说明等，按每行注释填写）。",
        ),
        "date": Message(
            "“{text}”是模板中的日期占位，还有 {count} 处尚未填写实际日期：第 {lines} 行。",
            "{count} date placeholder(s) {text!r} not filled in (lines {lines}).",
            '请把这些行中的 {text} 逐一换成实际日期，写成 "2026-09-20" 这样的格式。',
        ),
    },
    doc="""One finding per kind of placeholder, at its first place, naming every line that still holds it;
    the date placeholder's hint shows the date format.

    Fails (a date left as the template wrote it)::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -   date: "2026-09-20"
        +   date: YYYY-MM-DD

    Passes::

        (the minimal tree)
    """,
)


@rule(
    "FILE-002",
    ERROR,
    FORMAT_CLAUSE,
    "文件名与文件中的学会代号（slug/society）、专家代号一致",
    "The file name matches the slug, society or expert inside",
    messages={
        "": Message(
            "{what}中的 {name}“{inside}”与文件名中的“{from_file}”不一致。",
            "{name} {inside!r} differs from the file name {from_file!r}.",
            "每个{what}以自己的代号命名：请把 {name} 改为 {from_file}，或把文件改名为 {inside}。",
        ),
        "stage": Message(
            "报告阶段“{stage}”与文件名（.{from_file}.yaml）不一致。",
            "stage {stage!r} differs from the file name ({from_file}).",
            "中期报告文件名以 .midterm.yaml 结尾、stage: midterm；总结报告为 .final.yaml、stage: final。",
        ),
    },
)
def names_match_files(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (slug differs from file name)::

        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - slug: wuhan-mechanical-engineering      # = file name; lowercase ASCII words joined by '-'
        + slug: wuhan-mech      # = file name; lowercase ASCII words joined by '-'

    Passes::

        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - name: 武汉市机械工程学会
        + name: 武汉市机械工程学会（更名）
    """
    # (file, field, value inside, name the file gives, what the file is)
    checks: list[tuple[str, str, str, str, str]] = []
    for slug, society in data.societies.items():
        checks.append((society.file, "slug", society.slug, slug, "学会简介"))
    for cycle in data.cycles.values():
        for slug, app in cycle.applications.items():
            checks.append((app.file, "society", app.society, slug, "申报书"))
        for expert, review in cycle.reviews.items():
            checks.append((review.file, "expert", review.expert, expert, "专家评分表"))
        for slug, plan in cycle.plans.items():
            checks.append((plan.file, "society", plan.society, slug, "资金管理办法"))
        for (slug, stage), report in cycle.reports.items():
            checks.append((report.file, "society", report.society, slug, "报告"))
            if report.stage != stage:
                yield names_match_files.hit(
                    report.file, ("stage",), "stage", stage=report.stage, from_file=stage
                )
    for file, name, inside, from_file, what in checks:
        if inside != from_file:
            yield names_match_files.hit(
                file, (name,), what=what, name=name, inside=inside, from_file=from_file
            )


@rule(
    "FILE-003",
    ERROR,
    FORMAT_CLAUSE,
    "文件中的年度（cycle）与所在文件夹一致",
    "cycle matches the folder",
    message=Message(
        "年度 cycle: {cycle} 与所在文件夹 {year}/ 不一致。",
        "cycle {cycle} differs from the folder {year}.",
        "请把 cycle 改为 {year}，或把文件移到 {cycle}/ 文件夹。",
    ),
)
def cycles_match_folders(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (cycle differs from folder)::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        - cycle: 2026
        + cycle: 2025

    Passes::

        (the minimal tree)
    """
    for year, cycle in data.cycles.items():
        items: list[Call | Decisions | Application | Review | Plan | Report] = [
            *([cycle.call] if cycle.call else []),
            *([cycle.decisions] if cycle.decisions else []),
            *cycle.applications.values(),
            *cycle.reviews.values(),
            *cycle.plans.values(),
            *cycle.reports.values(),
        ]
        for item in items:
            if item.cycle != year:
                yield cycles_match_folders.hit(item.file, ("cycle",), cycle=item.cycle, year=year)


RULES = (
    unknown_place,
    names_match_files,
    cycles_match_folders,
    refused,
    unreadable,
    programme_missing,
    format_first,
    placeholder,
    twin_name,
    unsafe_path,
)
