"""The core and the extra [site]: the check runs and gives the same verdict without the site's stack
(mkdocs, mkdocs-material, jieba); ``build`` and ``serve`` then say which command installs it and exit 2, no
traceback; ``comment`` and ``commit-status`` (the publish job) need the standard library and PyYAML only
(requirements/publish.in says why PyYAML). Each runs in a subprocess where the missing modules are simulated
(a ``sys.modules`` entry set to None), or with ``python -S`` (no site-packages, so no ``.pth`` hooks) and an
import hook that refuses every module outside the standard library, the package and what is allowed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.forgeapi import MARKER, TOKEN_ENV
from tests.forge_server import FakeForge, ForgeKind
from tests.helpers import REPO

NOW = "2026-11-26"
SITE_MODULES = ("mkdocs", "material", "jieba", "pypinyin")
TOKEN = "tok_extras-0123456789abcdef"
SHA = "89abcdef0123456789abcdef0123456789abcdef"
PUBLISH = ("yaml",)  # the import names of requirements/publish.in (PyYAML): nothing else may load


# Run with ``only``: site-packages is put back at the end of the path, and this hook refuses what is not allowed.
ONLY_HOOK = """
import importlib.abc, sysconfig
sys.path.append(sysconfig.get_path("platlib"))
class Only(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] not in ALLOWED:
            raise ModuleNotFoundError(f"not allowed here: {name}", name=name)
        return None
ALLOWED = set(sys.stdlib_module_names) | {"generator", *ONLY}
sys.meta_path.insert(0, Only())
"""


def run_without(
    missing: tuple[str, ...], *args: str, cwd: Path = REPO, only: tuple[str, ...] | None = None
) -> subprocess.CompletedProcess[str]:
    """``xuehui *args`` in a fresh interpreter where importing any of ``missing`` fails as if not installed;
    with ``only``, every module outside the standard library, the package and ``only`` fails so."""
    script = (
        "import sys\n"
        f"sys.path.insert(0, {str(REPO)!r})\n"
        f"sys.modules.update(dict.fromkeys({list(missing)!r}))\n"
        + ("" if only is None else f"ONLY = {list(only)!r}\n{ONLY_HOOK}")
        + "from generator.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "loaded = {m.partition('.')[0] for m, mod in sys.modules.items() if mod is not None}\n"
        # the interpreter's and Cython's own entries (made by a C extension, not imported) are not modules
        "internal = {'generator', '__main__', 'cython_runtime'}\n"
        "outside = sorted(m for m in loaded - set(sys.stdlib_module_names) - internal"
        " if not m.startswith(('_sysconfigdata', '_cython_')))\n"
        "print('OUTSIDE-STDLIB:', ' '.join(outside), file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    env.update(XUEHUI_CACHE="0", PYTHONIOENCODING="utf-8", **{TOKEN_ENV: TOKEN})
    return subprocess.run(
        [sys.executable, *(() if only is None else ("-S",)), "-c", script, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def outside_stdlib(stderr: str) -> list[str]:
    line = next(x for x in stderr.splitlines() if x.startswith("OUTSIDE-STDLIB:"))
    return line.removeprefix("OUTSIDE-STDLIB:").split()


def test_the_check_gives_the_same_verdict_without_the_site_stack() -> None:
    args = ("check", "--now", NOW, "--format", "json")
    core = run_without(SITE_MODULES, *args)
    full = run_without((), *args)
    assert core.returncode == full.returncode == 0, core.stderr
    assert core.stdout == full.stdout and core.stdout.startswith("{")
    assert "Traceback" not in core.stderr
    assert not set(SITE_MODULES) & set(outside_stdlib(core.stderr))


@pytest.mark.parametrize("module", SITE_MODULES)
@pytest.mark.parametrize("command", ["build", "serve"])
def test_build_and_serve_name_the_extra_when_part_of_it_is_missing(
    command: str, module: str, tmp_path: Path
) -> None:
    where = ("--out", str(tmp_path / "public")) + (("--now", NOW) if command == "build" else ("--port", "0"))
    done = run_without((module,), command, *where)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    said = done.stderr
    assert f"xuehui {command}: 生成网站需要网站组件 xuehui[site]" in said
    assert "pip install 'xuehui[site]'" in said and "pip install -e '.[site]'" in said
    dist = {"material": "mkdocs-material"}.get(module, module)
    assert f"缺少 {dist}。" in said
    assert not (tmp_path / "public").exists()


def test_the_whole_stack_missing_is_said_in_one_message(tmp_path: Path) -> None:
    done = run_without(SITE_MODULES, "build", "--out", str(tmp_path / "public"), "--now", NOW)
    assert done.returncode == 2
    assert "缺少 mkdocs、mkdocs-material、jieba、pypinyin。" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("kind", ["github", "gitea"])
def test_comment_and_commit_status_need_only_the_standard_library_and_pyyaml(
    kind: ForgeKind, tmp_path: Path
) -> None:
    """As in the publish job, which installs requirements/publish.txt and the package ``--no-deps``."""
    body = tmp_path / "comment.md"
    body.write_text(MARKER + "\n## 检查结果\n\n✅ 检查通过。\n", encoding="utf-8")
    with FakeForge(kind) as forge:
        forge.add_account(TOKEN, "xuehui-bot")
        forge.add_repo("wast", "xuehui", prs=(7,), commits=(SHA,))
        target = ("--forge", kind, "--api-url", forge.api_url, "--repo", "wast/xuehui")
        comment = run_without((), "comment", *target, "--pr", "7", "--body-file", str(body), only=PUBLISH)
        status = run_without(
            (),
            "commit-status",
            *target,
            "--sha",
            SHA,
            "--state",
            "success",
            "--context",
            "xuehui/verdict",
            "--description",
            "检查通过 (all checks passed)",
            only=PUBLISH,
        )
        posted = forge.comments_of("wast", "xuehui", 7)
    for done in (comment, status):
        assert done.returncode == 0, done.stdout + done.stderr
        assert set(outside_stdlib(done.stderr)) <= set(PUBLISH)
    assert len(posted) == 1
