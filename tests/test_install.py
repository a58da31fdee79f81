"""A normal (non-editable) install works: the wheel built (through the sdist) from this checkout, installed in a fresh
virtualenv (dependencies from the package index, pip's cache reused), checks and builds a copy of the
repository's data, with the repository's own ``schemas/`` and ``site/`` and without them (the copies shipped
inside the package are used then, and ``check`` says so). Installed with the extra ``[site]`` it builds;
installed as the verdict job installs it (requirements/verdict.txt with its hashes, then the wheel
``--no-deps``: the core only) it checks, and ``build`` says which command installs the site's stack. About
a minute and a half with pip's cache warm."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.helpers import REPO

NOW = "2026-11-26"


def source_copy(dest: Path) -> Path:
    """This checkout's files as they are now (tracked and new, not ignored) copied to ``dest``: builds and
    installs never write into the checkout."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO,
            capture_output=True,
            check=True,
        )
        .stdout.decode("utf-8")
        .split("\0")
    )
    for rel in filter(None, listed):
        if (REPO / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / rel, dest / rel)
    return dest


CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of this checkout, built through its sdist."""
    base = tmp_path_factory.mktemp("install")
    dist = base / "dist"
    built = subprocess.run(
        # python -m build: the sdist first, then the wheel built from the unpacked sdist (both paths)
        [sys.executable, "-m", "build", "--outdir", str(dist), str(source_copy(base / "source"))],
        check=True,
        env=CLEAN_ENV,
        capture_output=True,
        timeout=600,
    )
    # every folder of the bundled site is listed in pyproject.toml: no warning per folder (issue 25)
    assert b"absent from the `packages` configuration" not in built.stdout + built.stderr
    wheels = sorted(dist.glob("xuehui-*.whl"))
    assert len(wheels) == 1
    sdist = tarfile.open(next(dist.glob("xuehui-*.tar.gz"))).getnames()
    assert any(n.endswith("/schemas/application.schema.json") for n in sdist)
    assert any(n.endswith("/site/mkdocs.yml") for n in sdist) and any(n.endswith("/LICENSE") for n in sdist)
    names = zipfile.ZipFile(wheels[0]).namelist()
    assert "generator/_bundled/schemas/application.schema.json" in names
    assert "generator/_bundled/site/mkdocs.yml" in names
    assert "generator/_bundled/site/overrides/main.html" in names
    assert any(n.startswith("generator/_bundled/site/docs/guides/") for n in names)
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    return wheels[0]


def venv_with(where: Path, *installs: list[str]) -> Path:
    """The ``bin`` folder of a fresh virtualenv at ``where`` after each ``pip install`` of ``installs``."""
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True, timeout=300)
    for args in installs:
        subprocess.run(
            [str(where / "bin" / "python"), "-m", "pip", "install", "-q", *args],
            check=True,
            env=CLEAN_ENV,
            capture_output=True,
            timeout=900,
        )
    return where / "bin"


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` folder of a fresh virtualenv with the wheel and its extra [site] installed."""
    return venv_with(tmp_path_factory.mktemp("site") / "venv", [f"{wheel}[site]"])


@pytest.fixture(scope="module")
def core(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """As the verdict job installs: the hashed core requirements, then the wheel alone."""
    return venv_with(
        tmp_path_factory.mktemp("core") / "venv",
        ["--require-hashes", "-r", str(REPO / "requirements" / "verdict.txt")],
        ["--no-deps", str(wheel)],
    )


def xuehui(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["XUEHUI_CACHE"] = "0"
    return subprocess.run(
        [str(bin_dir / "xuehui"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_the_package_runs_from_the_virtualenv(installed: Path, tmp_path: Path) -> None:
    where = subprocess.run(
        [str(installed / "python"), "-c", "import generator; print(generator.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where.startswith(str(installed.parent)), where
    version = xuehui(installed, tmp_path, "--version")
    assert version.returncode == 0 and version.stdout.strip().startswith("xuehui 0.")


@pytest.mark.parametrize("own", [True, False], ids=["own-schemas-and-site", "shipped-schemas-and-site"])
def test_check_and_build_a_copy_of_the_repository(installed: Path, tmp_path: Path, own: bool) -> None:
    data = tmp_path / "programme"
    shutil.copytree(REPO / "submissions", data / "submissions")
    if own:
        shutil.copytree(REPO / "schemas", data / "schemas")
        shutil.copytree(REPO / "site", data / "site")
    checked = xuehui(installed, data, "check", "--now", NOW, "--format", "text")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    if own:
        assert "使用本仓库的 schemas/" in checked.stderr
    else:
        assert "自带的 schemas/" in checked.stderr and "shipped with xuehui" in checked.stderr
    built = xuehui(installed, data, "build", "--out", str(tmp_path / "public"), "--now", NOW)
    assert built.returncode == 0, built.stdout + built.stderr
    said = "使用本仓库的 schemas/、本仓库的 site/" if own else "自带的 schemas/、xuehui"
    assert said in built.stderr, built.stderr
    assert (tmp_path / "public" / "index.html").is_file()
    assert (tmp_path / "public" / "guides" / "societies.html").is_file()


def test_the_core_install_checks_and_build_says_what_to_install(core: Path, tmp_path: Path) -> None:
    pip_check = subprocess.run(
        [str(core / "python"), "-m", "pip", "check"],
        capture_output=True,
        text=True,
        env=CLEAN_ENV,
        check=False,
    )
    assert pip_check.returncode == 0, pip_check.stdout  # verdict.txt holds every dependency of the wheel
    for module in ("mkdocs", "material", "jieba"):
        absent = subprocess.run(
            [str(core / "python"), "-c", f"import {module}"], capture_output=True, check=False
        )
        assert absent.returncode != 0, module
    data = tmp_path / "programme"
    shutil.copytree(REPO / "submissions", data / "submissions")
    checked = xuehui(core, data, "check", "--now", NOW, "--format", "text")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "检查通过" in checked.stdout
    built = xuehui(core, data, "build", "--out", str(tmp_path / "public"), "--now", NOW)
    assert built.returncode == 2, built.stdout + built.stderr
    assert "Traceback" not in built.stderr and "pip install 'xuehui[site]'" in built.stderr
    assert not (tmp_path / "public").exists()


# --- which schemas and site a run uses (generator.resources), in-process ------------------------------


def test_a_repository_with_its_own_complete_folders_uses_them(tmp_path: Path) -> None:
    from generator.resources import describe, for_repository

    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    shutil.copytree(REPO / "site", tmp_path / "site")
    found = for_repository(tmp_path)
    assert (found.schemas, found.site) == (tmp_path / "schemas", tmp_path / "site")
    assert found.own_schemas and found.own_site and found.notes == ()
    assert describe(found, site=True).startswith("使用本仓库的 schemas/、本仓库的 site/")


def test_an_incomplete_folder_is_not_used_and_the_reason_is_said(tmp_path: Path) -> None:
    from generator.resources import describe, for_repository, shipped

    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    (tmp_path / "schemas" / "review.schema.json").unlink()
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    found = for_repository(tmp_path)
    assert (found.schemas, found.site) == (shipped().schemas, shipped().site)
    assert not found.own_schemas and not found.own_site
    assert any("review.schema.json" in note for note in found.notes)
    assert any("overrides" in note and "docs" in note for note in found.notes)
    assert "自带的 schemas/" in describe(found)


def test_the_parse_cache_key_follows_the_schemas_used(tmp_path: Path) -> None:
    from generator.cache import code_digest

    for name in ("a", "b", "c"):
        shutil.copytree(REPO / "schemas", tmp_path / name)
    target = tmp_path / "c" / "society.schema.json"
    target.write_text(target.read_text(encoding="utf-8").replace("}", " }", 1), encoding="utf-8")
    assert code_digest(tmp_path / "a") == code_digest(tmp_path / "b")  # same schemas, another folder
    assert code_digest(tmp_path / "a") != code_digest(tmp_path / "c")


def test_check_on_the_repositorys_own_schemas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An office's stricter schema is the one applied, and the run says so."""
    from generator.cli import main

    shutil.copytree(REPO / "submissions", tmp_path / "submissions")
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    target = tmp_path / "schemas" / "society.schema.json"
    schema = target.read_text(encoding="utf-8")
    target.write_text(
        schema.replace('"required": [', '"required": ["office_only_field", ', 1), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XUEHUI_CACHE", "0")
    assert main(["check", "--now", NOW, "--format", "text"]) == 1
    captured = capsys.readouterr()
    assert "使用本仓库的 schemas/" in captured.err and "office_only_field" in captured.out


# --- --version and argparse's own text in Chinese -----------------------------------------------------


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    from generator.cli import main

    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_version_comes_from_the_package_metadata(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    assert cli(capsys, "--version") == (0, f"xuehui {version('xuehui')}\n", "")


def test_help_is_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "--help")
    assert code == 0
    assert out.startswith("用法：xuehui ")
    assert "选项 (options):" in out and "命令 (commands):" in out and "显示此帮助并退出" in out
    assert "usage:" not in out and "show this help message" not in out
    code, out, _ = cli(capsys, "check", "--help")
    assert code == 0 and out.startswith("用法：xuehui check ")
    assert "位置参数 (positional arguments):" in out and "--staged" in out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--bogus"], "不认识的参数：--bogus"),
        (["check", "--frmat", "json"], "不认识的参数：--frmat"),
        (["rank"], "缺少必需的参数：--cycle"),
        (["rank", "--cycle", "x"], "参数 --cycle：无效的整数值：'x'"),
        (["chek"], "参数 命令：无效的取值 'chek'（可选：'check', "),
        (["check", "--format", "xml"], "参数 --format：无效的取值 'xml'（可选："),
        (["check", "--now"], "参数 --now：需要一个值"),
    ],
)
def test_argparse_complaints_are_chinese(
    capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    code, out, err = cli(capsys, *args)
    assert code == 2 and out == ""
    assert "用法：xuehui" in err and "参数有误：" in err and said in err, err
    assert "usage:" not in err and "error:" not in err and "invalid" not in err and "required" not in err


def test_every_site_folder_is_a_listed_package() -> None:
    """pyproject.toml lists each folder under site/ as a package of data (setuptools warns about every folder
    that is not listed, once per build: `make site` printed hundreds of such lines)."""
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    folders = {
        "generator._bundled.site" + "".join("." + part for part in d.relative_to(REPO / "site").parts)
        for d in (REPO / "site").rglob("*")
        if d.is_dir() and "__pycache__" not in d.parts
    }
    assert folders - listed == set()
    assert folders <= set(config["package-data"])
