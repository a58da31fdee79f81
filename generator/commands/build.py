"""``xuehui build``: the public site, built beside the output folder and swapped in whole when it passed.

The site's stack (mkdocs, mkdocs-material, jieba, pypinyin) is the extra ``xuehui[site]``, not the core: without it,
``build`` and ``serve`` say which command installs it and exit 2 (the environment lacks a part)."""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands.common import parse_now, repository_root, say_resources
from generator.commands.errors import EXIT_FINDINGS, EXIT_OK, UsageError

if TYPE_CHECKING:
    from generator.site.build import BuildResult

# The modules of the extra [site] the build imports, and the distribution each comes from.
SITE_MODULES: dict[str, str] = {
    "mkdocs": "mkdocs",
    "material": "mkdocs-material",
    "jieba": "jieba",
    "pypinyin": "pypinyin",
}


def require_site_stack() -> None:
    """Raise ``UsageError`` naming the extra and the command that installs it when a module of it is missing."""
    missing = [dist for module, dist in SITE_MODULES.items() if not _importable(module)]
    if missing:
        raise UsageError(
            f"生成网站需要网站组件 xuehui[site]（mkdocs、mkdocs-material、jieba、pypinyin），当前的 Python 环境缺少 "
            f"{'、'.join(missing)}。请先安装：pip install 'xuehui[site]'；在源码目录中：pip install -e '.[site]'"
            f"（有多个 Python 环境时，把 pip 换成 {sys.executable} -m pip）。检查数据（xuehui check）不需要它。"
            " (the site needs the extra [site]: pip install 'xuehui[site]', or pip install -e '.[site]' in a checkout)"
        )


def _importable(module: str) -> bool:
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


def run(args: argparse.Namespace) -> int:
    require_site_stack()
    from generator.report.text import render as render_text
    from generator.resources import for_repository
    from generator.site.build import build
    from generator.site.outdir import Refusal, vet_output

    now = parse_now(args.now)
    root = repository_root()
    used = for_repository(root)
    out = vet_output(Path(args.out), root, site_dir=used.site)
    if isinstance(out, Refusal):
        raise UsageError(out.message)
    say_resources(used, site=True)
    gc.disable()
    from generator.commands.progress import progress_for

    with progress_for(args, human=True) as progress:
        result = build(root, out, now, site_dir=used.site, schema_dir=used.schemas, progress=progress)
    if result.output_refused:
        raise UsageError(result.problem or "")
    if not result.check.ok:
        sys.stdout.write(render_text(result.check))
    if not result.ok:
        _say_failed(result)
        return EXIT_FINDINGS
    for note in result.notes:
        sys.stderr.write(note + "\n")
    sys.stdout.write(
        f"网站已生成：{result.out}（{result.pages} 个页面）。\n"
        f"直接用浏览器打开 {result.out / 'index.html'} 即可浏览（从硬盘打开时，搜索框输入后按回车键，"
        "在“搜索”页显示结果）；或运行 xuehui serve，在 http://127.0.0.1:8000/ 预览。\n"
    )
    return EXIT_OK


def _say_failed(result: BuildResult) -> None:
    sys.stderr.write(f"xuehui build: {result.problem}\n")
    for line in result.details:
        sys.stderr.write(f"  {line}\n")
    for leak in result.leaks:
        sys.stderr.write(f"  {leak.file}: {leak.what}（{leak.sample}）\n")
    sys.stderr.write(f"原有的 {result.out} 保持不变。\n")
