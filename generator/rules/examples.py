"""A rule's failing and passing example, read from its docstring, and applied to a tree (pure).

A rule's docstring (``Rule.doc``) holds two literal blocks, ``Fails (what is wrong)::`` and ``Passes::``. Each block is a
few settings followed by edits to the minimal tree of the programme (the normative examples: the shared tree
and, under ``committee/``, the committee repository; ``tests/helpers.mini_tree``)::

    now: 2027-01-20               settings: now, submitted, office, awarded, rerecord, pr, shared-head
    --- submissions/2026/call.yaml  change a file: each run of "- " lines is replaced by the "+ " lines
    - quota: 3
    + quota: 0
    +++ submissions/x.yaml < submissions/y.yaml   a new file (a copy of y, then changed), or from "+ " lines
    del submissions/2026/results.yaml              remove a file
    refused submissions/a.yaml: 原因              the file cannot be taken (a symlink …)
    === head                      in a pull request: the edits above make its base, those below its head

In ``- ``/``+ `` lines (and the path of a new file) ``\\t``, ``\\uXXXX`` and ``\\xNN`` (one raw byte) write
what a docstring cannot show. ``pr: <login>`` turns the example into a pull request by that login: the tree
as given is the base, the edits make the head. An empty block (or ``(the minimal tree)``) is the tree unchanged.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field

SETTINGS = ("now", "submitted", "office", "awarded", "rerecord", "pr", "shared-head")
_HEADING = re.compile(r"^(Fails|Passes)\b\s*(?:\((.*)\))?::$")
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|t|\\)")


@dataclass(frozen=True, slots=True)
class Edit:
    op: str  # change | create | delete | refuse
    path: str
    hunks: tuple[tuple[bytes, bytes], ...] = ()  # (old, new) for change and create-from-copy
    source: str | None = None  # create: the file copied first
    content: bytes | None = None  # create from "+ " lines
    reason: str = ""  # refuse


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    settings: dict[str, str] = field(default_factory=dict)
    edits: tuple[Edit, ...] = ()
    base_edits: tuple[Edit, ...] = ()  # a pull request's: edits before "=== head" make its base

    @property
    def now(self) -> str:
        return self.settings.get("now", "2026-11-26")

    @property
    def submitted(self) -> tuple[str, ...]:
        value = self.settings.get("submitted", "")
        return tuple(p for p in value.split() if p)

    def flag(self, name: str) -> bool:
        return self.settings.get(name, "no") in ("yes", "")


class ExampleError(ValueError):
    """A docstring example that cannot be read or applied (a bug in the declaration)."""


def unescape(text: str) -> bytes:
    out = bytearray()
    pos = 0
    for m in _ESCAPE.finditer(text):
        out += text[pos : m.start()].encode("utf-8")
        code = m.group(1)
        if code == "t":
            out += b"\t"
        elif code == "\\":
            out += b"\\"
        elif code[0] == "x":
            out.append(int(code[1:], 16))
        else:
            out += chr(int(code[1:], 16)).encode("utf-8")
        pos = m.end()
    return bytes(out + text[pos:].encode("utf-8"))


def blocks(doc: str) -> dict[str, str]:
    """The literal blocks of a docstring by their heading (``Fails``, ``Passes``), dedented."""
    lines = inspect.cleandoc(doc).splitlines()
    found: dict[str, str] = {}
    i = 0
    while i < len(lines):
        head = _HEADING.match(lines[i].strip())
        if head:
            indent = len(lines[i]) - len(lines[i].lstrip())
            body: list[str] = []
            i += 1
            while i < len(lines) and (
                not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent
            ):
                body.append(lines[i])
                i += 1
            while body and not body[-1].strip():
                body.pop()
            while body and not body[0].strip():
                body.pop(0)
            margin = min((len(b) - len(b.lstrip()) for b in body if b.strip()), default=0)
            found[head.group(1)] = "\n".join(b[margin:] for b in body)
            continue
        i += 1
    return found


def described(doc: str) -> tuple[str, dict[str, str]]:
    """The docstring's text before its examples (one paragraph, joined), and what each example shows (the
    words in brackets after ``Fails``/``Passes``)."""
    intro: list[str] = []
    titles: dict[str, str] = {}
    for line in inspect.cleandoc(doc).splitlines():
        head = _HEADING.match(line.strip())
        if head:
            titles[head.group(1)] = head.group(2) or ""
        elif not titles:
            intro.append(line.strip())
    return " ".join(p for p in intro if p), titles


def _hunks(lines: list[str], path: str) -> tuple[tuple[bytes, bytes], ...]:
    hunks: list[tuple[bytes, bytes]] = []
    old: list[str] = []
    new: list[str] = []

    def flush() -> None:
        if old or new:
            if not old:
                raise ExampleError(f"{path}: a hunk needs at least one '- ' line to anchor it")
            hunks.append(
                (b"".join(unescape(o) + b"\n" for o in old), b"".join(unescape(n) + b"\n" for n in new))
            )
        old.clear()
        new.clear()

    for line in lines:
        mark, text = line[:1], line[2:]
        if mark == "-":
            if new:
                flush()
            old.append(text)
        elif mark == "+":
            new.append(text)
        else:
            raise ExampleError(f"{path}: unexpected line {line!r}")
    flush()
    return tuple(hunks)


def parse(text: str) -> Example:
    settings: dict[str, str] = {}
    edits: list[Edit] = []
    current: tuple[str, str, str | None] | None = None  # (op, path, source)
    body: list[str] = []
    base_edits: list[Edit] = []

    def close() -> None:
        if current is None:
            return
        op, path, source = current
        if op == "create" and source is None:
            if any(not b.startswith("+") for b in body):
                raise ExampleError(f"{path}: a new file is written as '+ ' lines")
            edits.append(Edit("create", path, content=b"".join(unescape(b[2:]) + b"\n" for b in body)))
        else:
            edits.append(Edit(op, path, _hunks(body, path), source))
        body.clear()

    for line in text.splitlines():
        if not line.strip() or line.strip() == "(the minimal tree)":
            continue
        if line.strip() == "=== head":
            close()
            current = None
            base_edits, edits = edits, []
        elif line.startswith("--- "):
            close()
            current = ("change", line[4:].strip(), None)
        elif line.startswith("+++ "):
            close()
            path, _, source = line[4:].partition(" < ")
            current = ("create", unescape(path.strip()).decode("utf-8"), source.strip() or None)
        elif line.startswith("del "):
            close()
            current = None
            edits.append(Edit("delete", line[4:].strip()))
        elif line.startswith("refused "):
            close()
            current = None
            path, _, reason = line[8:].partition(": ")
            edits.append(Edit("refuse", path.strip(), reason=reason.strip()))
        elif current is not None and line[:1] in "-+":
            body.append(line)
        elif current is None and not edits and not base_edits:
            key, _, value = line.partition(":")
            if key.strip() not in SETTINGS:
                raise ExampleError(f"unknown setting {key.strip()!r}")
            settings[key.strip()] = value.strip()
        else:
            raise ExampleError(f"unexpected line {line!r}")
    close()
    return Example(text, settings, tuple(edits), tuple(base_edits))


def examples(doc: str) -> tuple[Example, Example]:
    """(failing, passing) example of a rule's docstring; ExampleError when either is missing."""
    found = blocks(doc)
    if "Fails" not in found or "Passes" not in found:
        raise ExampleError("a rule's docstring needs a 'Fails::' and a 'Passes::' block")
    return parse(found["Fails"]), parse(found["Passes"])


def apply(
    example: Example, tree: dict[str, bytes], base: bool = False
) -> tuple[dict[str, bytes], dict[str, str]]:
    """The tree after the example's edits (``base``: its pull request's base edits), and the files refused
    (path → reason)."""
    out = dict(tree)
    refused: dict[str, str] = {}
    for edit in example.base_edits if base else example.edits:
        if edit.op == "delete":
            if edit.path not in out:
                raise ExampleError(f"del {edit.path}: no such file")
            del out[edit.path]
        elif edit.op == "refuse":
            out.pop(edit.path, None)
            refused[edit.path] = edit.reason
        elif edit.op == "create" and edit.source is None:
            out[edit.path] = edit.content or b""
        else:
            start = edit.source if edit.op == "create" else edit.path
            raw = out.get(
                start or "", tree.get(start or "")
            )  # a copy may be made of a file the example removes
            if raw is None:
                raise ExampleError(f"{edit.path}: no such file {start}")
            for old, new in edit.hunks:
                if old not in raw:
                    raise ExampleError(f"{edit.path}: {old.decode('utf-8', 'replace')!r} not found")
                raw = raw.replace(old, new, 1)
            out[edit.path] = raw
    return out, refused
