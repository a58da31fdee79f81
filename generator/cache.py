"""A cache of parsed files, keyed by each file's path and content and by the code and schemas that parse
them, so checking or rebuilding an unchanged tree reads each file's strict-YAML and schema result instead
of computing it again.

The cache lives in the user's cache folder (``$XUEHUI_CACHE``, else ``$XDG_CACHE_HOME/xuehui``, else
``~/.cache/xuehui``), never inside the repository: a pull request could otherwise plant a cache file.
``XUEHUI_CACHE=0`` turns it off. A cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

FORMAT = 1


def cache_dir() -> Path | None:
    setting = os.environ.get("XUEHUI_CACHE", "")
    if setting in ("0", "off", "no", "false"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "xuehui"


@cache
def package_digest() -> str:
    """This code, by content: every module of the package (so no list of the modules a cached result
    depends on can fall out of date)."""
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    package = Path(__file__).resolve().parent
    for module in sorted(package.rglob("*.py")):
        name = module.relative_to(package).as_posix()
        digest.update(name.encode() + b"\0" + module.read_bytes())
    return digest.hexdigest()


@cache
def code_digest(schema_dir: Path) -> str:
    """What parsing depends on besides the file itself: this code (``package_digest``: the modules parsing
    uses and those holding its messages) and the schemas this run uses (the repository's own or the shipped
    ones, ``generator.resources``), by content."""
    digest = hashlib.sha256(package_digest().encode())
    for schema in sorted(schema_dir.glob("*.schema.json")):
        digest.update(schema.name.encode() + b"\0" + schema.read_bytes())
    return digest.hexdigest()


def entry_key(path: str, raw: bytes) -> str:
    return hashlib.sha256(path.encode("utf-8") + b"\0" + raw).hexdigest()


class ParseCache:
    def __init__(self, schema_dir: Path) -> None:
        folder = cache_dir()
        self.file = folder / f"parsed-{code_digest(schema_dir)[:24]}.pickle" if folder is not None else None
        self.entries: dict[str, Any] = {}
        self.loaded = 0

    def load(self) -> dict[str, Any]:
        if self.file is None or not self.file.is_file():
            return {}
        try:
            with self.file.open("rb") as handle:
                entries = pickle.load(handle)
        except Exception:
            return {}
        if not isinstance(entries, dict):
            return {}
        self.entries = entries
        self.loaded = len(entries)
        return entries

    def save(self, entries: dict[str, Any]) -> None:
        """Write the entries of this run (replacing the file in one step); silently skipped on failure."""
        if self.file is None:
            return
        if not write_quietly(
            self.file, lambda out: pickle.dump(entries, out, protocol=pickle.HIGHEST_PROTOCOL)
        ):
            return
        try:
            for old in self.file.parent.glob("parsed-*.pickle"):
                if old != self.file:
                    old.unlink(missing_ok=True)  # parsed by an older version of the code or schemas
        except OSError:
            return


def write_quietly(file: Path, write: Callable[[BinaryIO], object]) -> bool:
    """Write ``file`` in one step (``write`` fills a temporary file beside it, which is then renamed); False,
    with nothing left behind, when it cannot be written: a cache that cannot be written is simply not used."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=f".{file.name}-", dir=file.parent)
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
        os.replace(tmp, file)
    except (OSError, ValueError):  # a full disk; a value marshal cannot write
        Path(tmp).unlink(missing_ok=True)
        return False
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def stored_set(kind: str, wanted: Mapping[str, tuple[bytes, Callable[[], bytes]]]) -> dict[str, bytes]:
    """``stored_bytes`` for each of ``wanted`` (name → (key, make)), after which the entries of ``kind`` this
    call did not use are removed: a set made whole on every run (the site's workbooks) keeps only its
    latest entries instead of growing with every change."""
    folder = cache_dir()
    if folder is None:
        return {name: make() for name, (_key, make) in wanted.items()}
    entries = {name: (folder / kind / _entry_name(key), make) for name, (key, make) in wanted.items()}
    made = {name: _stored(entry, make) for name, (entry, make) in entries.items()}
    used = {entry.name for entry, _make in entries.values()}
    try:
        for old in (folder / kind).iterdir():
            if old.name not in used:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return made


def _entry_name(key: bytes) -> str:
    return hashlib.sha256(package_digest().encode() + b"\0" + key).hexdigest()


def stored_bytes(kind: str, key: bytes, make: Callable[[], bytes]) -> bytes:
    """What ``make`` gives for ``key``, kept in ``<cache>/<kind>/`` by the SHA-256 of this code and the key
    (the caller's key holds everything else the bytes depend on): a rebuild of an unchanged tree reads them
    instead of making them again. Without a usable cache folder, simply ``make()``."""
    folder = cache_dir()
    return make() if folder is None else _stored(folder / kind / _entry_name(key), make)


def _stored(entry: Path, make: Callable[[], bytes]) -> bytes:
    try:
        return entry.read_bytes()
    except OSError:
        pass
    made = make()
    write_quietly(entry, lambda out: out.write(made))
    return made
