"""``xuehui new <kind>``: a commented Chinese template at the right path, never overwriting. Each kind a
society or an expert fills in (application, plan, report, review) declares its template (``KindSpec.template``,
in ``generator/templates/``); this module renders it and refuses a society that has no profile, a cycle
without a call, an expert outside the pool and a file that exists."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator.kinds.application import KIND as APPLICATION
from generator.kinds.call import KIND as CALL
from generator.kinds.committee_review import KIND as REVIEW
from generator.kinds.plan import KIND as PLAN
from generator.kinds.report import KIND as REPORT
from generator.kinds.society import KIND as SOCIETY
from generator.kinds.spec import KindSpec
from generator.paths import SLUG, SUBMISSIONS
from generator.yamlio import load_yaml

_SLUG = re.compile(rf"{SLUG}\Z")
# What ``xuehui new`` writes: the kind each name stands for.
TEMPLATED: dict[str, KindSpec] = {
    "application": APPLICATION,
    "plan": PLAN,
    "report": REPORT,
    "review": REVIEW,
}
STAGES_ZH = {"midterm": "中期检查", "final": "总结验收"}
EXPERTS = "experts.yaml"


class ScaffoldError(Exception):
    """The template cannot be written (bad slug or year, no such society or call, the file already exists,
    a folder that cannot be written): the message says which path and what to do."""


def render(kind: KindSpec, **values: Any) -> str:
    """The kind's template filled with ``values`` (cycle, society or expert, stage)."""
    template = kind.template
    if template is None:
        raise ValueError(f"the kind {kind.name!r} declares no template")
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    if "stage" in values:
        values.setdefault("stage_zh", STAGES_ZH.get(str(values["stage"]), ""))
    return env.get_template(template).render(**values)


# The templates a browser-only secretary copies from the repository (``templates/``): each kind's template
# filled with example values to replace (``tests/test_new.py`` keeps the files equal to these).
REPOSITORY_TEMPLATES = "templates"
EXAMPLE_SOCIETY = "wuhan-example"
EXAMPLE_EXPERT = "expert-example"
EXAMPLE_CYCLE = 2027


def repository_templates() -> dict[str, str]:
    """``templates/<file name>`` → its text."""
    society = {"society": EXAMPLE_SOCIETY, "cycle": EXAMPLE_CYCLE}
    return {
        "application.yaml": render(APPLICATION, **society),
        "plan.yaml": render(PLAN, **society),
        "report.midterm.yaml": render(REPORT, stage="midterm", **society),
        "report.final.yaml": render(REPORT, stage="final", **society),
        "review.yaml": render(REVIEW, expert=EXAMPLE_EXPERT, cycle=EXAMPLE_CYCLE),
    }


def write_repository_templates(root: str | Path) -> list[Path]:
    """Write ``templates/`` under ``root`` from the kinds' templates (the maintainers' regeneration step)."""
    written: list[Path] = []
    for name, text in repository_templates().items():
        target = Path(root) / REPOSITORY_TEMPLATES / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        written.append(target)
    return written


def render_application(society: str, cycle: int) -> str:
    return render(APPLICATION, society=society, cycle=cycle)


def write_application(root: Path, society: str, cycle: int) -> Path:
    return write_new(root, "application", cycle, society=society)


def write_new(
    root: Path, what: str, cycle: int, *, society: str = "", expert: str = "", stage: str = "midterm"
) -> Path:
    """Write the template of ``what`` for ``cycle`` and the society (or, for a review, the expert): in the
    shared repository ``root``, or for a review in the committee repository ``root``."""
    kind = TEMPLATED[what]
    who = expert if kind is REVIEW else society
    if not _SLUG.match(who):
        raise ScaffoldError(
            f"{'专家编号' if kind is REVIEW else '学会代号'}“{who}”无效：只能用小写英文字母、数字和连字符，"
            "如 wuhan-mechanical-engineering 或 expert-zhao。"
        )
    if not 2000 <= cycle <= 2100:
        raise ScaffoldError(f"年度 {cycle} 无效。")
    if kind is REVIEW:
        _vet_expert(root, expert)
        target = root / REVIEW.path(cycle, expert)
        text = render(REVIEW, expert=expert, cycle=cycle)
    else:
        _vet_society(root, society, cycle)
        target = root / kind.path(cycle, society, stage if kind is REPORT else None)
        text = render(kind, society=society, cycle=cycle, stage=stage)
    if target.exists():
        raise ScaffoldError(f"{target} 已存在，不会覆盖。请直接编辑它。")
    _create(target, text)
    return target


def _vet_society(root: Path, society: str, cycle: int) -> None:
    if not (root / SUBMISSIONS).is_dir():
        raise ScaffoldError(f"{root} 中没有 {SUBMISSIONS}/ 文件夹：请在仓库根目录运行。")
    profile = root / SOCIETY.path(slug=society)
    if not profile.is_file():
        raise ScaffoldError(
            f"没有学会 {society}：{profile} 不存在。请核对学会代号（文件名见 {SUBMISSIONS}/societies/）；"
            "新学会先由专项办公室建立学会档案。"
        )
    call = root / CALL.path(cycle)
    if not call.is_file():
        raise ScaffoldError(
            f"{cycle} 年度还没有申报通知（{call} 不存在），不能为它生成文件。请核对年度，或等专项办公室发布通知。"
        )


def _vet_expert(root: Path, expert: str) -> None:
    pool = root / EXPERTS
    if not pool.is_file():
        raise ScaffoldError(
            f"{root} 中没有 {EXPERTS}：评分表写在评审委员会仓库中，请用 --root 指定它的根目录。"
        )
    data = load_yaml(pool.read_bytes()).data
    listed = data.get("experts") if isinstance(data, dict) else None
    ids = {e.get("id") for e in listed if isinstance(e, dict)} if isinstance(listed, list) else set()
    if expert not in ids:
        raise ScaffoldError(f"专家库 {pool} 中没有专家 {expert}：请核对专家编号。")


def _create(target: Path, text: str) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError as exc:
        if exc.filename is not None and Path(exc.filename) != target:
            raise ScaffoldError(f"无法创建文件夹 {exc.filename}：已有同名文件。请把它移走后重试。") from exc
        raise ScaffoldError(f"{target} 已存在，不会覆盖。") from exc
    except OSError as exc:
        where = exc.filename if exc.filename is not None else target
        raise ScaffoldError(
            f"无法写入 {where}：{exc.strerror or exc}。请确认该文件夹存在且可以写入（不是只读的），或用 --root 指定仓库根目录。"
        ) from exc
