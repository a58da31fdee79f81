"""The hashed requirements the workflows install from (requirements/*.txt, made by ``make requirements``):
every entry pinned with ``==`` and hashed; verdict.txt holds the core's dependencies and everything they
need, site.txt the core's and [site]'s, publish.txt PyYAML only (plus, in each, the build backend the
workflows build the package with, ``--no-build-isolation``); pyproject's lists and the files agree; and
every job installs from the file meant for it, then the package ``--no-deps``."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.helpers import REPO

REQS = REPO / "requirements"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
REGENERATE = "requirements/ is behind pyproject.toml or the installed packages: run `make requirements`"
# The runners' platform the files are compiled for (the Makefile's REQS_PIN); markers are read for it.
RUNNER = {
    "python_version": "3.11",
    "python_full_version": "3.11.0",
    "sys_platform": "linux",
    "platform_system": "Linux",
    "platform_machine": "x86_64",
    "os_name": "posix",
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
}
ENTRY = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+) \\\n(?P<hashes>(?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)",
    re.MULTILINE,
)


def pins(name: str) -> dict[str, tuple[Version, tuple[str, ...]]]:
    """Each entry of requirements/``name``: canonical name → (version, sha256 hashes); every line accounted for."""
    text = (REQS / name).read_text(encoding="utf-8")
    found = {
        canonicalize_name(m["name"]): (Version(m["version"]), tuple(re.findall(r"[0-9a-f]{64}", m["hashes"])))
        for m in ENTRY.finditer(text)
    }
    rest = ENTRY.sub("", text)
    assert all(not line.strip() or line.lstrip().startswith("#") for line in rest.splitlines()), (
        f"{name}: a line that is neither a pinned, hashed entry nor a comment:\n{rest}"
    )
    return found


def core() -> list[Requirement]:
    return [Requirement(r) for r in PYPROJECT["project"]["dependencies"]]


def extra(name: str) -> list[Requirement]:
    return [Requirement(r) for r in PYPROJECT["project"]["optional-dependencies"][name]]


BUILD_BACKEND = [Requirement(r) for r in PYPROJECT["build-system"]["requires"]]


def closure(roots: list[Requirement]) -> set[str]:
    """The names ``roots`` need on the runner, read from the installed packages' metadata."""
    seen: set[str] = set()
    todo = [r for r in roots if r.marker is None or r.marker.evaluate(RUNNER)]
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        if name in seen:
            continue
        seen.add(name)
        try:
            needs = metadata.requires(req.name) or []
        except metadata.PackageNotFoundError:
            if name in {canonicalize_name(r.name) for r in BUILD_BACKEND}:
                continue  # a venv of Python 3.12+ has no setuptools; it needs nothing to run
            pytest.fail(f"{req.name} is not installed here: pip install -e '.[site,test]'")
        for text in needs:
            sub = Requirement(text)
            wanted = {**RUNNER, "extra": ""}
            extras = req.extras or {""}
            if sub.marker is None or any(sub.marker.evaluate({**wanted, "extra": e}) for e in extras):
                todo.append(sub)
    return seen


FILES = {
    "verdict.txt": lambda: core() + BUILD_BACKEND,
    "site.txt": lambda: core() + extra("site") + BUILD_BACKEND,
    "publish.txt": lambda: [Requirement("pyyaml"), *BUILD_BACKEND],
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_entry_is_pinned_and_hashed(name: str) -> None:
    found = pins(name)
    assert found, name
    for dist, (_, hashes) in found.items():
        assert hashes and len(set(hashes)) == len(hashes), dist


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_file_holds_exactly_what_the_job_needs(name: str) -> None:
    """Complete (pip refuses a missing dependency in hash-checking mode) and nothing more."""
    assert set(pins(name)) == closure(FILES[name]()), REGENERATE


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_pins_satisfy_pyproject(name: str) -> None:
    found = pins(name)
    for req in FILES[name]():
        version, _ = found[canonicalize_name(req.name)]
        assert req.specifier.contains(version, prereleases=True), (req, version, REGENERATE)


def test_the_core_list_and_verdict_txt_agree() -> None:
    """Every core dependency is pinned in verdict.txt, and the site's stack is not."""
    found = pins("verdict.txt")
    assert {canonicalize_name(r.name) for r in core()} <= set(found)
    assert not {canonicalize_name(r.name) for r in extra("site")} & set(found)
    assert {canonicalize_name(r.name) for r in extra("site")} <= set(pins("site.txt"))


def test_the_files_agree_with_each_other() -> None:
    """A package in two files is the same release with the same hashes in both."""
    site = pins("site.txt")
    for name in ("verdict.txt", "publish.txt"):
        for dist, pinned in pins(name).items():
            assert site[dist] == pinned, (name, dist)


def test_publish_in_takes_pyyaml_as_pyproject_does() -> None:
    (pyyaml,) = [r for r in core() if canonicalize_name(r.name) == "pyyaml"]
    lines = (REQS / "publish.in").read_text(encoding="utf-8").splitlines()
    assert str(pyyaml) in lines and "-r build.in" in lines
    assert [str(r) for r in BUILD_BACKEND] == [
        line for line in (REQS / "build.in").read_text(encoding="utf-8").splitlines() if line[:1].isalpha()
    ]


# --- which job installs what ---------------------------------------------------------------------------

GITHUB = REPO / ".github" / "workflows"
SELF_HOSTED = [REPO / ".gitea" / "workflows", REPO / ".forgejo" / "workflows"]
# (workflow file, job) → (requirements file, the package as installed); the package always --no-deps.
JOBS = {
    (GITHUB / "verdict.yml", "check"): ("code/requirements/verdict.txt", "-e ./code"),
    (GITHUB / "verdict.yml", "publish"): ("code/requirements/publish.txt", "-e ./code"),
    (GITHUB / "main.yml", "check"): ("requirements/verdict.txt", "-e ."),
    (GITHUB / "main.yml", "audit"): ("requirements/verdict.txt", "-e ."),
    (GITHUB / "pages.yml", "build"): ("requirements/site.txt", "-e ."),
} | {
    (folder / file, job): target
    for folder in SELF_HOSTED
    for file, job, target in (
        ("verdict.yml", "check", ("code/requirements/verdict.txt", "-e ./code")),
        ("verdict.yml", "publish", ("code/requirements/publish.txt", "-e ./code")),
        ("main.yml", "check", ("requirements/verdict.txt", "-e .")),
        ("main.yml", "audit", ("requirements/verdict.txt", "-e .")),
        ("publish.yml", "publish", ("requirements/site.txt", "-e .")),
    )
}
PIP = "python -m pip install --disable-pip-version-check"


def install_lines(path: Path, job: str) -> list[str]:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    runs = [str(s["run"]) for s in workflow["jobs"][job]["steps"] if "run" in s]
    return [line.strip() for run in runs for line in run.splitlines() if "pip install" in line]


@pytest.mark.parametrize("key", sorted(JOBS), ids=lambda k: f"{k[0].relative_to(REPO).as_posix()}:{k[1]}")
def test_each_job_installs_its_hashed_requirements_then_the_package_alone(key: tuple[Path, str]) -> None:
    requirements, package = JOBS[key]
    assert install_lines(*key) == [
        f"{PIP} --require-hashes -r {requirements}",
        f"{PIP} --no-deps --no-build-isolation {package}",
    ]
    assert (REPO / requirements.removeprefix("code/")).is_file()


def test_no_other_job_installs_anything() -> None:
    for path in [*sorted(GITHUB.glob("*.yml")), *(p for f in SELF_HOSTED for p in sorted(f.glob("*.yml")))]:
        for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"]:
            if (path, job) not in JOBS:
                assert install_lines(path, job) == [], (path, job)


def test_the_runner_python_is_the_one_the_files_are_compiled_for() -> None:
    setups = re.findall(r'python-version: "([0-9.]+)"', "".join(p.read_text() for p in GITHUB.glob("*.yml")))
    assert setups and set(setups) == {RUNNER["python_version"]}
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert f"--python-version {RUNNER['python_version']} --python-platform x86_64-manylinux" in makefile
