"""``xuehui new application``: a commented Chinese template at the right path, never overwriting."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator.kinds.application import KIND as APPLICATION
from generator.paths import SLUG, SUBMISSIONS

_SLUG = re.compile(rf"{SLUG}\Z")


class ScaffoldError(Exception):
    """The template cannot be written (bad slug or year, the file already exists, a folder that cannot be
    written): the message says which path and what to do."""


def render_application(society: str, cycle: int) -> str:
    template = APPLICATION.template
    assert template is not None, "the application kind declares its template"
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    return env.get_template(template).render(society=society, cycle=cycle)


def write_application(root: Path, society: str, cycle: int) -> Path:
    if not _SLUG.match(society):
        raise ScaffoldError(
            f"学会代号“{society}”无效：只能用小写英文字母、数字和连字符，如 wuhan-mechanical-engineering。"
        )
    if not 2000 <= cycle <= 2100:
        raise ScaffoldError(f"年度 {cycle} 无效。")
    if not (root / SUBMISSIONS).is_dir():
        raise ScaffoldError(f"{root} 中没有 {SUBMISSIONS}/ 文件夹：请在仓库根目录运行。")
    target = root / APPLICATION.path(cycle, society)
    if target.exists():
        raise ScaffoldError(f"{target} 已存在，不会覆盖。请直接编辑它。")
    text = render_application(society, cycle)
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
    return target
