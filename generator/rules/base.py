"""What a rule is: a small function with a permanent id, a severity, the clause it enforces and its text.

A rule's ``check`` looks at the whole ``Dataset`` and yields ``Hit``s (which file, which data path, what is
wrong, how to fix it); the engine turns hits into findings, adding the rule id, clause, severity, line and
column. Rules never read files, print or raise on bad data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from generator.findings import Severity
from generator.model import Dataset
from generator.yamlio import DataPath

# Clauses of the programme (the seed's own headings) and the one label for technical file requirements.
FORMAT_CLAUSE = "格式要求"


@dataclass(frozen=True, slots=True)
class Context:
    """What a check knows besides the data: the moment it runs, and which files are being submitted.

    ``submitted`` holds the repository paths a society is handing in now (the files named on the command
    line, or a pull request's changed files); deadline rules look only at those.
    """

    now: datetime
    submitted: frozenset[str] = frozenset()
    actor: str | None = None
    actor_is_office: bool = False


@dataclass(frozen=True, slots=True)
class Hit:
    file: str
    path: DataPath
    zh: str
    en: str
    hint: str
    severity: Severity | None = None  # None: the rule's own severity


Check = Callable[[Dataset, Context], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    clause: str
    zh: str  # what the rule checks, for the catalogue
    en: str
    check: Check | None = None  # None: findings come from the loader or the schema check
    eligibility: bool = False  # downgraded to a notice once formal review records the application as rejected
    examples: tuple[str, ...] = field(default=())


def rule(
    id: str,
    severity: Severity,
    clause: str,
    zh: str,
    en: str,
    *,
    eligibility: bool = False,
) -> Callable[[Check], Rule]:
    """Decorator: ``@rule("FUND-001", ERROR, "五（三）", "…", "…")`` over ``def check(data, ctx)``."""

    def wrap(check: Check) -> Rule:
        return Rule(id, severity, clause, zh, en, check, eligibility)

    return wrap


ERROR = Severity.ERROR
WARNING = Severity.WARNING
NOTICE = Severity.NOTICE


def each(iterable: Iterable[Hit] | None) -> Iterator[Hit]:
    if iterable is not None:
        yield from iterable
