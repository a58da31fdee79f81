"""What a file kind is: the declaration (``KindSpec``) each kind's module makes, and the small types it uses.

A kind's declaration says everything the rest of the package asks of a file of that kind: where it lives
(``pattern``) and how a command names it (``writes``), its Chinese name, its schema and size cap, how a
schema-valid file goes into the ``Dataset`` (``place``), who may write it besides the office (``owner``), when
it closes (``deadline_locks``, ``frozen_locks``), its public projection (``public``), what a check of it
must read (``needs``) and what private values the site's privacy scan looks for in it (``private``). The
code that uses a declaration never compares kind names: it reads a field of the spec.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from enum import Enum
from typing import Any

from msgspec import Struct, field

from generator.model import Cycle, Dataset
from generator.yamlio import MAX_BYTES

OFFICE_MAX_BYTES = 8 * 1024 * 1024  # the office's year-by-year records list every society: they may be larger
CYCLE = r"(?P<cycle>20[0-9]{2})"  # a cycle's folder in a path pattern


class FileKind(Struct, frozen=True):
    """A path's kind, and the cycle, society (or expert) and stage its place names."""

    kind: str
    cycle: int | None = None
    slug: str | None = None
    stage: str | None = None


class Owner(Enum):
    """Who may write a file of a kind besides the office (which may write every file)."""

    OFFICE = "office"  # nobody else
    SOCIETY = "society"  # the society the path names (its maintainers, from its profile)
    EXPERT = "expert"  # the expert the path names (committee repository: their login in the pool)


class LockReason(Enum):
    """Why a path is closed to a society (``generator.closed`` maps each to its LOCK rule)."""

    PROFILE = "profile"  # the profile fields an application under judgement is judged by (LOCK-001)
    DEADLINE = "deadline"  # the call's deadline passed while the application is under judgement (LOCK-002)
    FROZEN = "frozen"  # a recorded formal review or inspection judged it (LOCK-003)


class Lock(Struct, frozen=True):
    """Why one path (or every path below a folder, ``prefix``) is closed, since when, and by what."""

    path: str
    prefix: bool
    reason: LockReason  # what closed it; generator.closed names the rule of each reason
    since: date  # the day it closed, in the programme's time zone
    why: str  # Chinese: what closed it
    what: str = ""  # Chinese: what the closed file is (named in the LOCK-002 message)
    deletion_only: bool = False  # only deleting it is a LOCK finding (editing it is judged by a rule)


class Need(Struct, frozen=True):
    """Files a check of a file of the declaring kind must read (``generator.needs`` turns it into paths)."""

    kind: str
    scope: str  # all | cycle | society | society-cycle | cycle-if-renamed | all-if-personal
    why: str  # the rules that read it


class Projection(Struct, frozen=True):
    """A ``Public*`` class of ``generator.public`` and, for each field copied from the data, the schema
    property (a dotted path) it comes from; every one must be ``x-public`` in the kind's schema."""

    cls: str
    fields: Mapping[str, str]


class PrivateValue(Struct, frozen=True):
    """A private value of the data the built site must never show (``generator.site.privacy``)."""

    path: tuple[str, ...]  # keys from the document's root; "*" is every item of a list
    what: str  # Chinese: what it is, named in a leak
    min_chars: int | None  # shorter values are not looked for; None: a person's name (the scan's minimum)


# (dataset, kind, repository path, schema-valid content) → None: builds the file's object and puts it in.
Place = Callable[[Dataset, FileKind, str, Any], None]
# (cycle's year, society, the day the deadline passed, why) → the paths the call's deadline closes.
DeadlineLocks = Callable[[int, str, date, str], list[Lock]]
# (cycle, society, today) → the paths the cycle's recorded decisions have frozen by today.
FrozenLocks = Callable[[Cycle, str, date], list[Lock]]


class KindSpec(Struct, frozen=True, eq=False):
    """One kind of file. ``pattern`` is relative to the registry's root (``submissions/`` for the shared
    tree, the committee repository's root for its own) and may name the ``cycle``, ``slug`` and ``stage``;
    ``writes`` is its inverse: the repository path of a ``FileKind`` of this kind."""

    name: str
    zh: str
    pattern: re.Pattern[str]
    schema: str | None  # the schema's name (schemas/<name>.schema.json); None: not data (attachments)
    place: Place | None  # None: the file is checked but goes nowhere in the dataset
    writes: Callable[[FileKind], str] | None = None
    template: str | None = None  # the ``xuehui new`` template (generator/templates/) where there is one
    max_bytes: int = MAX_BYTES
    owner: Owner = Owner.OFFICE
    maintainers: tuple[str, ...] | None = None  # where the file lists its owner's maintainers (logins)
    deadline_locks: DeadlineLocks | None = None
    frozen_locks: FrozenLocks | None = None
    formally_reviewed: bool = False  # the formal review judges it: once rejected, its eligibility is moot
    public: tuple[Projection, ...] = ()
    needs: tuple[Need, ...] | None = None  # None: a check of it reads the whole tree; (): nothing else
    private: tuple[PrivateValue, ...] = ()
    public_numbers: tuple[tuple[str, ...], ...] = ()  # numbers published on purpose (the privacy scan allows)
    stages: Mapping[str, str] = field(default_factory=dict)  # stage → Chinese name of such a file

    def path(self, cycle: int | None = None, slug: str | None = None, stage: str | None = None) -> str:
        """Where a command writes the file of this kind for ``cycle``, ``slug`` and ``stage``."""
        if self.writes is None:
            raise ValueError(f"no command writes a file of kind {self.name!r}")
        return self.writes(FileKind(self.name, cycle, slug, stage))

    def title(self, kind: FileKind) -> str:
        """The Chinese name of one file of this kind (a report is a midterm or a final report)."""
        return self.stages.get(kind.stage or "", self.zh)


def at(data: Any, path: tuple[str, ...]) -> list[Any]:
    """The values at ``path`` in loaded data ("*" steps into every item of a list); a step that finds no
    mapping (or no list for "*") ends that branch. A missing key gives None, as ``dict.get`` does."""
    found = [data]
    for step in path:
        if step == "*":
            found = [item for value in found if isinstance(value, list) for item in value]
        else:
            found = [value.get(step) for value in found if isinstance(value, dict)]
    return found
