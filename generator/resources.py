"""Where the JSON Schemas and the site templates come from: the one module that decides.

xuehui ships its own copies inside the package (``generator/_bundled/schemas`` and ``generator/_bundled/site``,
copied there from the repository's top-level ``schemas/`` and ``site/`` when the wheel is built; see
``pyproject.toml``). Inside a programme repository that has its own complete ``schemas/`` or ``site/``
folder, that folder is used instead (the office may change them). From a source checkout (an editable
install) the shipped copies are the checkout's own top-level folders.

Each folder is decided on its own; ``describe`` says in one line (Chinese, English beside it) which were used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

import generator
from generator import __version__

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

SCHEMAS = "schemas"
SITE = "site"
SITE_PARTS = ("mkdocs.yml", "overrides", "docs")  # what a site folder must hold to be used


class Resources(Struct, frozen=True):
    schemas: Path
    site: Path
    own_schemas: bool = False  # the repository's own schemas/ (else the copies shipped with xuehui)
    own_site: bool = False
    notes: tuple[str, ...] = ()  # why a repository's folder was not used


def _shipped_root() -> Path:
    """The folder holding the shipped ``schemas/`` and ``site/``: inside the installed package, or the source
    checkout's root when the package runs from a checkout (nothing was copied then)."""
    bundled = _package_files().joinpath("_bundled")
    if isinstance(bundled, Path) and (bundled / SCHEMAS).is_dir():
        return bundled
    return Path(str(_package_files())).resolve().parent


def _package_files() -> Path | Traversable:
    """The package's files: its folder when it is imported from the file system (what
    ``importlib.resources.files`` gives then, without importing that machinery: a few milliseconds of every
    run), else what ``importlib.resources`` gives (a zip import)."""
    origin = getattr(generator, "__file__", None)
    if origin and Path(origin).is_file():
        return Path(origin).parent
    import importlib.resources

    return importlib.resources.files("generator")


def shipped() -> Resources:
    """The copies shipped with xuehui."""
    root = _shipped_root()
    return Resources(root / SCHEMAS, root / SITE)


def schema_kinds(folder: Path) -> frozenset[str]:
    return frozenset(p.name for p in folder.glob("*.schema.json") if p.is_file())


def for_repository(root: Path | None) -> Resources:
    """The schemas and site a run on the repository at ``root`` uses: its own folders when complete."""
    packaged = shipped()
    if root is None:
        return packaged
    notes: list[str] = []
    schemas, own_schemas = packaged.schemas, False
    candidate = root / SCHEMAS
    if candidate.is_dir() and candidate.resolve() != packaged.schemas.resolve():
        missing = sorted(schema_kinds(packaged.schemas) - schema_kinds(candidate))
        if missing:
            notes.append(
                f"本仓库的 schemas/ 缺少 {'、'.join(missing)}，改用 xuehui 自带的 schemas/"
                f" (this repository's schemas/ lacks {', '.join(missing)}: the shipped ones are used)"
            )
        else:
            schemas, own_schemas = candidate, True
    elif candidate.is_dir():
        own_schemas = True  # the source checkout itself
    site, own_site = packaged.site, False
    candidate = root / SITE
    if candidate.is_dir() and candidate.resolve() != packaged.site.resolve():
        absent = [part for part in SITE_PARTS if not (candidate / part).exists()]
        if absent:
            notes.append(
                f"本仓库的 site/ 缺少 {'、'.join(absent)}，改用 xuehui 自带的 site/"
                f" (this repository's site/ lacks {', '.join(absent)}: the shipped one is used)"
            )
        else:
            site, own_site = candidate, True
    elif candidate.is_dir():
        own_site = True
    return Resources(schemas, site, own_schemas, own_site, tuple(notes))


def describe(resources: Resources, *, site: bool = False) -> str:
    """One line: which schemas (and, for a build, which site templates) this run uses."""

    def which(own: bool, name: str) -> tuple[str, str]:
        if own:
            return f"本仓库的 {name}/", f"this repository's {name}/"
        return f"xuehui {__version__} 自带的 {name}/", f"the {name}/ shipped with xuehui {__version__}"

    parts = [which(resources.own_schemas, SCHEMAS)]
    if site:
        parts.append(which(resources.own_site, SITE))
    zh = "、".join(p[0] for p in parts)
    en = " and ".join(p[1] for p in parts)
    return f"使用{'' if resources.own_schemas else ' '}{zh} (using {en})"
