"""What a rule is: a small function with a permanent id, a severity, the clause it enforces and its text.

A rule's ``check`` looks at the whole ``Dataset`` and yields ``Hit``s (which file, which data path, what is
wrong, how to fix it); the engine turns hits into findings, adding the rule id, clause, severity, line and
column. Rules never read files, print or raise on bad data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from types import MappingProxyType

from msgspec import Struct, field

from generator.findings import Severity
from generator.model import Dataset
from generator.yamlio import DataPath

# Clauses of the programme (the seed's own headings) and the one label for technical file requirements.
FORMAT_CLAUSE = "格式要求"


class Context(Struct, frozen=True):
    """What a check knows besides the data: the moment it runs, and which files are being submitted.

    ``submitted`` holds the repository paths a society is handing in now (the files named on the command
    line, or a pull request's changed files); deadline rules look only at those.

    ``reported`` says which files' findings are wanted (None: every file's). The checker drops the others'
    in any case; a rule that would build many hits on files nobody reads (an office record naming every
    society, when one application is checked) may skip them, and only such a rule looks at it.

    ``base_websites`` (society slug → website) holds the websites recorded at a pull request's base
    (``generator.pullrequest``): the privacy rules exempt a society's e-mail on its own domain by these, so
    a pull request cannot grant itself the exemption by changing ``website``. None: the data's own.
    """

    now: datetime
    submitted: frozenset[str] = frozenset()
    actor: str | None = None
    actor_is_office: bool = False
    reported: Callable[[str], bool] | None = None
    base_websites: Mapping[str, str | None] | None = None
    # 四（二）: per cycle, the proposed list at a pull request's base once its publicity had started by the
    # check's day (``generator.pullrequest``): a society added to it afterwards was never publicised
    # (SUBST-005). None: no base to compare with.
    base_publicised: Mapping[int, frozenset[str]] | None = None


class Hit(Struct, frozen=True):
    file: str
    path: DataPath
    zh: str
    en: str
    hint: str
    severity: Severity | None = None  # None: the rule's own severity
    at: tuple[int, int] | None = None  # line and column where no data path says it (a comment, a name: 0, 0)


Check = Callable[[Dataset, Context], Iterable[Hit]]


class Message(Struct, frozen=True):
    """What a finding says: Chinese and English templates and a hint, with named ``{placeholders}`` that the
    code finding the problem fills in (``str.format`` syntax: ``{total}``, ``{value!r}``)."""

    zh: str
    en: str
    hint: str

    def render(self, values: Mapping[str, object]) -> tuple[str, str, str]:
        return (self.zh.format_map(values), self.en.format_map(values), self.hint.format_map(values))


DEFAULT = ""  # the name of a rule's only (or main) message variant


class ChecklistLine(Struct, frozen=True):
    """One line of the reviewer's checklist (``generator.rules.checklist``): a condition, by clause."""

    order: int
    label: str
    clause: str


class Rule(Struct, frozen=True):
    """One finding id, declared once: severity, clause, what it checks, its messages and its examples.

    ``messages`` maps a variant name (``DEFAULT`` for a rule with one situation) to its ``Message``;
    ``doc`` holds the rule's explanation with a failing and a passing example (``generator.rules.examples``
    reads them; the check function's docstring for rules declared with ``@rule``).
    """

    id: str
    severity: Severity
    clause: str
    zh: str  # what the rule checks, for the catalogue
    en: str
    check: Check | None = None  # None: findings come from the loader, the schema check, the engine …
    eligibility: bool = False  # downgraded to a notice once formal review records the application as rejected
    messages: Mapping[str, Message] = field(default_factory=dict)  # not compared (``_compared``)
    doc: str = ""  # not compared
    checklist: ChecklistLine | None = None  # the line of the reviewer's checklist this rule answers
    note_zh: str = ""  # the Chinese 说明 where the docstring's note is English; not compared

    def _compared(self) -> tuple[object, ...]:
        """What equality and the hash look at: not the texts (``messages``, ``doc``, ``note_zh``)."""
        return (
            self.id,
            self.severity,
            self.clause,
            self.zh,
            self.en,
            self.check,
            self.eligibility,
            self.checklist,
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Rule)
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())

    def message(self, variant: str = DEFAULT) -> Message:
        return self.messages[variant]

    def text(self, variant: str = DEFAULT, /, **values: object) -> tuple[str, str, str]:
        """(zh, en, hint) of one message variant with its placeholders filled in."""
        return self.messages[variant].render(values)

    def hit(
        self,
        file: str,
        path: DataPath,
        variant: str = DEFAULT,
        /,
        severity: Severity | None = None,
        **values: object,
    ) -> Hit:
        return Hit(file, path, *self.text(variant, **values), severity=severity)


def _variants(message: Message | None, messages: Mapping[str, Message] | None) -> Mapping[str, Message]:
    table = dict(messages or {})
    if message is not None:
        table[DEFAULT] = message
    return MappingProxyType(table)


def declare(
    id: str,
    severity: Severity,
    clause: str,
    zh: str,
    en: str,
    *,
    message: Message | None = None,
    messages: Mapping[str, Message] | None = None,
    doc: str = "",
    note_zh: str = "",
) -> Rule:
    """A rule whose findings are made outside the rule engine (loader, schema check, checker, authority)."""
    return Rule(id, severity, clause, zh, en, None, False, _variants(message, messages), doc, note_zh=note_zh)


def rule(
    id: str,
    severity: Severity,
    clause: str,
    zh: str,
    en: str,
    *,
    eligibility: bool = False,
    checklist: ChecklistLine | None = None,
    message: Message | None = None,
    messages: Mapping[str, Message] | None = None,
    doc: str | None = None,
    note_zh: str = "",
) -> Callable[[Check], Rule]:
    """Decorator: ``@rule("FUND-001", ERROR, "五（三）", "…", "…", message=Message(…))`` over
    ``def check(data, ctx)``; the function's docstring (or ``doc``) holds the rule's examples."""

    def wrap(check: Check) -> Rule:
        return Rule(
            id,
            severity,
            clause,
            zh,
            en,
            check,
            eligibility,
            _variants(message, messages),
            doc or check.__doc__ or "",
            checklist,
            note_zh,
        )

    return wrap


ERROR = Severity.ERROR
WARNING = Severity.WARNING
NOTICE = Severity.NOTICE


def each(iterable: Iterable[Hit] | None) -> Iterator[Hit]:
    if iterable is not None:
        yield from iterable
