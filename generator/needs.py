"""What a check of some files must read: the files their findings can depend on.

A check given files (``xuehui check <paths>``, the pre-commit hook's ``--staged``) reports findings only
on those files. A finding on a file depends on the file itself and on what the rules that report on its
kind read from the rest of the tree; each kind declares that in its module (``KindSpec.needs``, gathered
in ``NEEDS``), rule by rule. A kind that declares nothing needs the whole tree (a society profile's SOC-003
compares every profile's credit code, a decisions file's DEC-001 lists every application, the office
records speak of every society...); an attachment declares that it needs nothing else.

``needed`` turns the table into paths: each entry names a kind and which files of that kind count:

- ``all``: every file of the kind;
- ``cycle``: those of the selected file's cycle;
- ``society``: those of the selected file's society (its file name and the ``society`` it declares), in
  every cycle;
- ``society-cycle``: those of its society in its cycle (an attachment folder);
- ``cycle-if-renamed``: every file of the kind in its cycle when the file declares a ``society`` other than
  its file name (APP-001 then compares it with every application of the cycle), else none;
- ``all-if-personal``: every file of the kind when the file holds something that looks like personal data
  (``ParsedFile.personal``, or ``elsewhere``: in a comment, its path's names or a PDF's text; the privacy
  rules' exemptions then need the whole tree), else none. A file of no kind whose name holds some needs the
  whole tree.

``tests/test_needs.py`` checks, for every file of every shipped tree and of a synthetic one, that the
findings of a check reading only ``needed`` equal those of the whole-tree check.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from typing import Any

from generator.kinds import SHARED, FileKind, classify, spec_of
from generator.kinds.spec import Need

__all__ = ["NEEDS", "Need", "needed"]

# The kinds whose check reads part of the tree besides the file itself, with what each declares.
NEEDS: dict[str, tuple[Need, ...]] = {spec.name: spec.needs for spec in SHARED if spec.needs}


def _declared_society(data: Any) -> str | None:
    society = data.get("society") if isinstance(data, dict) else None
    return society if isinstance(society, str) else None


def needed(
    paths: Iterable[str],
    selected: Iterable[str],
    contents: Mapping[str, Any],
    personal: Container[str] = frozenset(),
) -> frozenset[str] | None:
    """The paths (of ``paths``, the whole tree's) a check of ``selected`` must read, or None for all of
    them. ``contents`` holds the loaded data of the selected files (None for one that did not load: then
    only its file name says which society it is); ``personal``, those that hold what looks like personal
    data."""
    tree: dict[str, list[tuple[str, FileKind]]] = {}  # by kind: a need looks only at its kind's files
    for p in paths:
        other = classify(p)
        if other is not None:
            tree.setdefault(other.kind, []).append((p, other))
    wanted: set[str] = set()
    for path in selected:
        wanted.add(path)
        kind = classify(path)
        if kind is None:
            if path in personal:
                return None  # its name holds what looks like personal data: the exemptions need the tree
            continue  # findings of its own only (FILE-001)
        needs = spec_of(kind).needs
        if needs is None:
            return None
        declared = _declared_society(contents.get(path))
        societies = {s for s in (kind.slug, declared) if s}
        held = path in personal
        for need in needs:
            wanted.update(
                p
                for p, other in tree.get(need.kind, ())
                if _counts(need, kind, other, societies, declared, held)
            )
    return frozenset(wanted)


def _counts(
    need: Need, kind: FileKind, other: FileKind, societies: set[str], declared: str | None, personal: bool
) -> bool:
    if other.kind != need.kind:
        return False
    scope = need.scope
    if scope == "all":
        return True
    if scope == "cycle":
        return other.cycle == kind.cycle
    if scope == "society":
        return other.slug in societies
    if scope == "society-cycle":
        return other.cycle == kind.cycle and other.slug in societies
    if scope == "all-if-personal":
        return personal
    if scope == "cycle-if-renamed":
        return declared is not None and declared != kind.slug and other.cycle == kind.cycle
    raise ValueError(f"unknown scope {scope!r}")
