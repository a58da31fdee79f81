"""Which kind of file a path under ``submissions/`` is, from its place in the tree alone."""

from __future__ import annotations

import re
from dataclasses import dataclass

SUBMISSIONS = "submissions"

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"  # a society's or an expert's code, as a regular expression
_SLUG = SLUG
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("programme", re.compile(r"programme\.yaml")),
    ("society", re.compile(rf"societies/(?P<slug>{_SLUG})\.yaml")),
    ("annual-inspections", re.compile(r"office/annual_inspections\.yaml")),
    ("annual-reports", re.compile(r"office/annual_reports\.yaml")),
    ("entrusted-projects", re.compile(r"office/entrusted_projects\.yaml")),
    ("sanctions", re.compile(r"office/sanctions\.yaml")),
    ("corrections", re.compile(r"office/corrections\.yaml")),
    ("call", re.compile(r"(?P<cycle>20[0-9]{2})/call\.yaml")),
    ("decisions", re.compile(r"(?P<cycle>20[0-9]{2})/decisions\.yaml")),
    ("application", re.compile(rf"(?P<cycle>20[0-9]{{2}})/applications/(?P<slug>{_SLUG})\.yaml")),
    ("results", re.compile(r"(?P<cycle>20[0-9]{2})/results\.yaml")),
    ("plan", re.compile(rf"(?P<cycle>20[0-9]{{2}})/plans/(?P<slug>{_SLUG})\.yaml")),
    (
        "report",
        re.compile(rf"(?P<cycle>20[0-9]{{2}})/reports/(?P<slug>{_SLUG})\.(?P<stage>midterm|final)\.yaml"),
    ),
    (
        "attachment",
        re.compile(rf"(?P<cycle>20[0-9]{{2}})/attachments/(?P<slug>{_SLUG})/[^/]+\.(?:pdf|png|jpe?g)"),
    ),
)

KINDS: tuple[str, ...] = tuple(kind for kind, _ in _PATTERNS if kind != "attachment")

KIND_ZH: dict[str, str] = {
    "programme": "专项设置",
    "society": "学会简介",
    "annual-inspections": "年检记录",
    "annual-reports": "年度总结与计划报送记录",
    "entrusted-projects": "委托项目记录",
    "sanctions": "处理决定记录",
    "corrections": "更正记录",
    "call": "申报通知",
    "decisions": "评审与表彰决定",
    "application": "申报书",
    "results": "专家评审汇总结果",
    "plan": "资金管理办法与实施计划",
    "report": "中期/总结报告",
    "attachment": "附件",
}


@dataclass(frozen=True, slots=True)
class FileKind:
    kind: str
    cycle: int | None = None
    slug: str | None = None
    stage: str | None = None


def classify(path: str) -> FileKind | None:
    """``path`` is repository-relative and POSIX (``submissions/2026/call.yaml``)."""
    prefix = SUBMISSIONS + "/"
    if not path.startswith(prefix):
        return None
    return match_kind(path[len(prefix) :], _PATTERNS)


def match_kind(path: str, patterns: tuple[tuple[str, re.Pattern[str]], ...]) -> FileKind | None:
    """The first of ``patterns`` (kind, whole-path pattern with optional cycle/slug/stage groups) that
    ``path`` matches, as a ``FileKind``; shared by this tree's and the committee repository's layouts."""
    for kind, pattern in patterns:
        match = pattern.fullmatch(path)
        if match:
            groups = match.groupdict()
            cycle = groups.get("cycle")
            return FileKind(kind, int(cycle) if cycle else None, groups.get("slug"), groups.get("stage"))
    return None


def expected_place_hint(path: str) -> str:
    """A Chinese hint for a file in no known place: the likely intended name."""
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".yml"):
        return f"文件扩展名请用 .yaml（把 {name} 改名为 {name[:-4]}.yaml）。"
    if name.lower() != name and name.lower().endswith(".yaml"):
        return "文件名请全部使用小写英文字母、数字和连字符（-），如 wuhan-mechanical-engineering.yaml。"
    return (
        "数据文件只能放在约定位置：societies/<学会代号>.yaml、<年度>/applications/<学会代号>.yaml、"
        "<年度>/plans/…、<年度>/reports/<学会代号>.midterm.yaml 等（见 docs/data-contract.md）。"
    )
