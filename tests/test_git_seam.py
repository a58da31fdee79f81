"""Git behind one module: only ``generator/forge.py`` talks to git. Every other module of the package is read
with ``ast`` and may not import GitPython (``import git``, ``from git… import``, ``import_module("git")``),
reach through a repository handle (``repo.git.status(…)``, anything with ``.git.`` in its attribute chain),
open one (``Repo(…)``) or run the git program itself (``subprocess.run(["git", …])``)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import generator
from generator import forge
from tests.gitrepo import commit_all, git, make_repo, write
from tests.helpers import DECISIONS

PACKAGE = Path(generator.__file__).parent
SEAM = PACKAGE / "forge.py"


def _names_git(module: str | None) -> bool:
    return module is not None and (module == "git" or module.startswith("git."))


def _is_git_command(node: ast.expr) -> bool:
    """A command line written out whose program is git: ``["git", …]`` or ``("git", …)``."""
    return (
        isinstance(node, ast.List | ast.Tuple)
        and bool(node.elts)
        and isinstance(node.elts[0], ast.Constant)
        and node.elts[0].value == "git"
    )


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def git_uses(source: str) -> Iterator[tuple[int, str]]:
    """(line, what) for every place ``source`` talks to git without going through ``forge``."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _names_git(alias.name):
                    yield node.lineno, f"import {alias.name}"
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and _names_git(node.module):
                yield node.lineno, f"from {node.module} import …"
        elif isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Attribute) and node.value.attr == "git":
                yield node.lineno, f"….git.{node.attr}"
        elif isinstance(node, ast.Call):
            name = _call_name(node)
            first = node.args[0] if node.args else None
            if name == "Repo":
                yield node.lineno, "Repo(…)"
            elif name in ("import_module", "__import__") and isinstance(first, ast.Constant):
                if isinstance(first.value, str) and _names_git(first.value):
                    yield node.lineno, f"{name}({first.value!r})"
            elif first is not None and _is_git_command(first):
                yield node.lineno, f'{name}(["git", …])'


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p != SEAM)


def test_the_package_has_modules_to_read() -> None:
    found = {p.relative_to(PACKAGE).as_posix() for p in _modules()}
    assert {"cli.py", "committee.py", "checker.py", "site/build.py", "site/history.py"} <= found
    assert SEAM.is_file()


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_only_forge_talks_to_git(path: Path) -> None:
    uses = list(git_uses(path.read_text(encoding="utf-8")))
    assert not uses, f"{path.relative_to(PACKAGE)}: git outside generator/forge.py (use forge): {uses}"


@pytest.mark.parametrize(
    "source",
    [
        "import git",
        "import git.exc as errors",
        "from git import Repo",
        "from git.exc import GitCommandError",
        "def f():\n    import git\n    return git",
        "repo.git.status('--porcelain')",
        "self.repo.git.show('HEAD:x')",
        "x = repo.git.rev_parse",
        "Repo(path)",
        "git_module.Repo(path, search_parent_directories=True)",
        "importlib.import_module('git')",
        "__import__('git.cmd')",
        "subprocess.run(['git', '-C', root, 'status'])",
        "subprocess.check_output(('git', 'rev-parse', 'HEAD'))",
    ],
)
def test_the_seam_test_sees(source: str) -> None:
    assert list(git_uses(source))


@pytest.mark.parametrize(
    "source",
    [
        "from generator import forge\nforge.open_repo(root)",
        "from generator.forge import ForgeError, open_repo",
        "import gitlab",
        "from generator import git_helpers",
        "path.name == '.git'",
        "NOT_DATA = ('.gitignore', '.gitattributes')",
        "repo.gitignore.read()",
        "forge.work_tree_head(root)",
        "subprocess.run(['mkdocs', 'build'])",
        "print('git', 'status')",
    ],
)
def test_the_seam_test_lets_pass(source: str) -> None:
    assert not list(git_uses(source))


# ------------------------------------------------------------------ what forge answers for the others
def test_a_file_at_each_commit(tmp_path: Path) -> None:
    """``site.history`` reads the decisions file of every commit that changed it: bytes, or None when the
    commit has no file there."""
    root = make_repo(tmp_path)
    first = git(root, "rev-parse", "HEAD")
    content = (root / DECISIONS).read_bytes()
    (root / DECISIONS).unlink()
    gone = commit_all(root, "deleted")
    repo = forge.open_repo(root)
    assert forge.file_at(repo, first, DECISIONS) == content
    assert forge.file_at(repo, gone, DECISIONS) is None
    assert forge.file_at(repo, first, "submissions/no-such-file.yaml") is None
    assert forge.file_at(repo, first, "submissions") is None  # a folder is no file


def test_head_and_uncommitted_changes(tmp_path: Path) -> None:
    """``site.history.build_source``: HEAD's commit and time, and whether ``submissions/`` has changes."""
    empty = tmp_path / "empty"
    git(tmp_path, "init", "-q", str(empty))
    assert forge.head_of(forge.open_repo(empty)) is None
    root = make_repo(tmp_path)
    repo = forge.open_repo(root)
    head = forge.head_of(repo)
    assert head is not None and head.commit == git(root, "rev-parse", "HEAD")
    assert head.epoch == int(git(root, "log", "-1", "--format=%ct"))
    assert not forge.uncommitted(repo, "submissions")
    write(root, "generator/other.py", "x = 1\n")
    assert not forge.uncommitted(repo, "submissions")  # only that folder counts
    write(root, "submissions/new.yaml", "a: 1\n")
    assert forge.uncommitted(repo, "submissions")


def test_open_repo_only_at_the_top(tmp_path: Path) -> None:
    """``site.build`` reads history only when the folder built is the top of a repository."""
    root = make_repo(tmp_path)
    assert forge.open_repo(root, search_parents=False) is not None
    assert forge.open_repo(root / "submissions") is not None
    with pytest.raises(forge.ForgeError):
        forge.open_repo(root / "submissions", search_parents=False)


def test_work_tree_heads(tmp_path: Path) -> None:
    """``committee``: the shared tree's HEAD (clean or not), the committee repository's clean HEAD."""
    root = make_repo(tmp_path)
    commit = git(root, "rev-parse", "HEAD")
    assert forge.work_tree_head(root) == forge.clean_work_tree_head(root) == commit
    assert forge.work_tree_head(root / "submissions") is None
    assert forge.clean_work_tree_head(root / "submissions") is None
    plain = tmp_path / "plain"
    plain.mkdir()
    assert forge.work_tree_head(plain) is None and forge.clean_work_tree_head(plain) is None
    write(root, "notes.txt", "untracked\n")
    assert forge.work_tree_head(root) == commit
    assert forge.clean_work_tree_head(root) is None
