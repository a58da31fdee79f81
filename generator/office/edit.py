"""The office engine: a round-trip edit of a YAML record (ruamel.yaml keeps comments, quotes and layout),
the check of the tree as it would be, the refusal when the change brings new errors, the diff, the commit
message and the atomic write. A command's builder (one module of this package per command) only reads the
``Workspace``, edits ``Record``s or makes new files, and returns a ``Draft``; this module does the rest.

Adding a command for a new record is a builder of about thirty lines: open the record
(``workspace.record(path)``), validate the arguments (raise ``Refused`` with a Chinese message), change
``record.data`` with ``quoted``/``flow``/``money`` values, and return ``Draft(command, subject, body,
(record.change(),))``; then one parser entry in ``commands/office.py``.
"""

from __future__ import annotations

import difflib
import io
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from generator.checker import CheckResult, check
from generator.committee import check_committee, read_committee_folder
from generator.findings import Finding, Severity
from generator.model import Dataset, two_decimals
from generator.repository import Source, Unread, list_folder
from generator.resources import for_repository
from generator.rules.base import Context

TRAILER = "Xuehui-Office"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


class Refused(Exception):
    """The command's input cannot be recorded: the message says what is wrong and how to fix it."""


def _represent_decimal(representer: RoundTripRepresenter, value: Decimal) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:float", str(two_decimals(value)))


def _represent_none(representer: RoundTripRepresenter, value: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(Decimal, _represent_decimal)
    yaml.representer.add_representer(type(None), _represent_none)
    yaml.representer.ignore_aliases = lambda data: True  # the strict loader refuses anchors and aliases
    return yaml


def load(text: str) -> Any:
    try:
        return _yaml().load(text)
    except YAMLError as exc:
        raise Refused(f"无法读取 YAML：{exc}。请先用 xuehui check 找出并修正格式问题。") from exc


def dump(data: Any) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def edited(original: str, data: Any) -> str:
    """``data`` written back over ``original``: the lines the edit did not touch stay exactly as they were
    (ruamel.yaml would re-align flow mappings), the changed ones are ruamel.yaml's."""
    before = dump(load(original))
    after = dump(data)
    if before == original:
        return after
    lines, old, new = (t.splitlines(keepends=True) for t in (original, before, after))
    if len(lines) != len(old):
        return after
    out: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        out += lines[i1:i2] if tag == "equal" else new[j1:j2]
    return "".join(out)


def quoted(text: str) -> str:
    """A string written in double quotes (dates, as the strict loader wants them)."""
    out: str = DoubleQuotedScalarString(text)
    return out


def flow(items: Mapping[str, Any]) -> CommentedMap:
    """A mapping written on one line, ``{key: value, …}``, as the records' short entries are."""
    out = CommentedMap(items)
    out.fa.set_flow_style()
    return out


def block(items: Mapping[str, Any]) -> CommentedMap:
    return CommentedMap(items)


def seq(items: Iterable[Any], *, one_line: bool = False) -> CommentedSeq:
    out = CommentedSeq(items)
    if one_line:
        out.fa.set_flow_style()
    return out


def money(text: str, what: str) -> Decimal:
    try:
        value = Decimal(text)
    except ArithmeticError as exc:
        raise Refused(f"{what}“{text}”不是金额：请写成数字，如 60000.00。") from exc
    if not value.is_finite() or value < 0:
        raise Refused(f"{what}“{text}”不是有效金额：请写成不小于 0 的数字，如 60000.00。")
    return value.quantize(Decimal("0.01"))


def iso_date(text: str, what: str) -> str:
    """A date argument (YYYY-MM-DD) checked as a real date, written quoted."""
    try:
        if not _DATE.match(text):
            raise ValueError(text)
        date.fromisoformat(text)
    except ValueError as exc:
        raise Refused(f"{what}“{text}”不是有效日期：请写成 YYYY-MM-DD，如 2027-11-06。") from exc
    return quoted(text)


@dataclass(frozen=True, slots=True)
class Change:
    """One file written: its repository's root, its path there, what it held (None: a new file) and what
    it will hold."""

    root: Path
    path: str
    before: bytes | None
    after: bytes


@dataclass(frozen=True, slots=True)
class Draft:
    """What a command wants to write, and the commit message's subject and body lines."""

    command: str
    subject: str
    body: tuple[str, ...]
    changes: tuple[Change, ...]

    @property
    def message(self) -> str:
        lines = "\n".join(f"- {line}" for line in self.body)
        return f"{self.subject}\n\n{lines}\n\n{TRAILER}: {self.command}\n"


@dataclass
class Record:
    """An existing YAML record opened for a round-trip edit."""

    root: Path
    path: str
    original: bytes
    data: Any

    def change(self) -> Change:
        text = edited(self.original.decode("utf-8"), self.data)
        return Change(self.root, self.path, self.original, text.encode("utf-8"))


def new_file(root: Path, path: str, text: str) -> Change:
    """A file the command creates; refused when it exists (nothing is overwritten)."""
    if (root / path).exists():
        raise Refused(f"{path} 已存在，不会覆盖。请直接编辑它，或先核对为什么它已经存在。")
    return Change(root, path, None, text.encode("utf-8"))


class Workspace:
    """The trees a command reads (the shared repository, and the committee's when given) at ``now``."""

    def __init__(self, shared: Path, now: datetime, committee: Path | None = None) -> None:
        self.shared = shared
        self.committee = committee
        self.now = now

    def record(self, path: str, *, committee: bool = False) -> Record:
        root = self.committee if committee and self.committee is not None else self.shared
        target = root / path
        if not target.is_file():
            raise Refused(f"{path} 不存在：请先创建它（开启年度用 xuehui office open-cycle）。")
        raw = target.read_bytes()
        data = load(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise Refused(f"{path} 不是一个 YAML 映射：请先用 xuehui check 修正它。")
        return Record(root, path, raw, data)

    @cached_property
    def before(self) -> CheckResult:
        return self.check(())

    @property
    def data(self) -> Dataset:
        data = self.before.dataset
        if data is None:  # the check always builds one; None only for a tree it could not read at all
            raise Refused("无法读取数据树：请先运行 xuehui check 查看问题。")
        return data

    def check(self, changes: Sequence[Change]) -> CheckResult:
        """The same check ``xuehui check`` (with ``--committee`` when there is one) runs, on the trees with
        ``changes`` applied."""
        ctx = Context(now=self.now)
        shared = _with(list_folder(self.shared), [c for c in changes if c.root == self.shared])
        if self.committee is None:
            return check(shared, ctx, schema_dir=for_repository(self.shared).schemas)
        theirs = _with(
            read_committee_folder(self.committee), [c for c in changes if c.root == self.committee]
        )
        return check_committee([_read(s) for s in shared], [_read(s) for s in theirs], ctx)


def _read(item: Source | Unread) -> Source:
    return item if isinstance(item, Source) else item.read()


def _with(items: Sequence[Source | Unread], changes: Sequence[Change]) -> list[Source | Unread]:
    changed = {c.path: Source(c.path, c.after) for c in changes}
    kept: list[Source | Unread] = [i for i in items if i.path not in changed]
    return sorted([*kept, *changed.values()], key=lambda i: i.path)


def _key(finding: Finding) -> tuple[str, str, str, str]:
    return (finding.file, finding.rule, finding.path, finding.message_zh)


@dataclass(frozen=True, slots=True)
class Reviewed:
    """A draft checked: the errors it would bring (none: it may be written), its diff and message."""

    draft: Draft
    new_errors: tuple[Finding, ...]
    diff: str

    @property
    def ok(self) -> bool:
        return not self.new_errors


def review(workspace: Workspace, draft: Draft) -> Reviewed:
    """Check the trees as they would be and keep the errors that are not there now."""
    old = {_key(f) for f in workspace.before.findings if f.severity is Severity.ERROR}
    after = workspace.check(draft.changes)
    new = tuple(f for f in after.findings if f.severity is Severity.ERROR and _key(f) not in old)
    return Reviewed(draft, new, diff_of(draft.changes))


def diff_of(changes: Iterable[Change]) -> str:
    parts: list[str] = []
    for change in changes:
        before = change.before.decode("utf-8").splitlines(keepends=True) if change.before is not None else []
        after = change.after.decode("utf-8").splitlines(keepends=True)
        parts.extend(
            difflib.unified_diff(
                before,
                after,
                fromfile="/dev/null" if change.before is None else f"a/{change.path}",
                tofile=f"b/{change.path}",
            )
        )
    return "".join(line if line.endswith("\n") else line + "\n" for line in parts)


def write(changes: Iterable[Change]) -> None:
    """Each file written to a temporary file beside it and renamed over it: nothing is half-written. A
    file that changed since it was read (or appeared, for a new one) is refused before anything is written."""
    changes = tuple(changes)
    for change in changes:
        target = change.root / change.path
        current = target.read_bytes() if target.exists() else None
        if current != change.before:
            raise Refused(f"{change.path} 在读取之后被改动过（或已被创建）：请重新运行命令。")
    for change in changes:
        target = change.root / change.path
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        handle, temporary = tempfile.mkstemp(prefix=".xuehui-office-", dir=target.parent)
        try:
            os.chmod(temporary, mode)
            with os.fdopen(handle, "wb") as out:
                out.write(change.after)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def cycle_record(workspace: Workspace, cycle: int) -> Record:
    """The cycle's ``decisions.yaml``, opened for editing (refused when the cycle was not opened)."""
    from generator.kinds.decisions import KIND as DECISIONS

    return workspace.record(DECISIONS.path(cycle))


DECISIONS_ORDER = (
    "schema_version",
    "cycle",
    "formal_review",
    "expert_review",
    "proposed",
    "publicity",
    "objections",
    "reconsiderations",
    "substitutions",
    "commendation",
    "inspections",
)


def put(mapping: CommentedMap, key: str, value: Any, order: Sequence[str] = DECISIONS_ORDER) -> None:
    """Set ``key``: in place when it is there, else after the last key that comes before it in ``order``
    (at the end when ``order`` does not name it)."""
    if key in mapping:
        mapping[key] = value
        return
    if key not in order:
        mapping[key] = value
        return
    earlier = set(order[: order.index(key)])
    position = 0
    for index, existing in enumerate(mapping):
        if existing in earlier:
            position = index + 1
    mapping.insert(position, key, value)


def societies_of(data: Dataset) -> set[str]:
    return set(data.societies)


def known_society(workspace: Workspace, slug: str) -> str:
    """``slug`` when the tree has its profile; else refused."""
    if slug not in workspace.data.societies:
        raise Refused(f"没有学会 {slug}（submissions/societies/{slug}.yaml）：请核对学会代号。")
    return slug


def listed(record: Record, key: str) -> CommentedSeq:
    """The list at ``key`` of a cycle's decisions, made (in its place, ``put``) when the file has none."""
    entries = record.data.get(key)
    if entries is None:
        entries = seq([])
        put(record.data, key, entries)
    return entries  # type: ignore[no-any-return]


def append_new(record: Record, key: str, entry: Mapping[str, Any], noun: str) -> None:
    """Append ``entry`` (with its ``id``) to the list at ``key``; refused when that id is taken."""
    entries = listed(record, key)
    if any(isinstance(e, dict) and e.get("id") == entry["id"] for e in entries):
        raise Refused(f"{noun}编号 {entry['id']} 已存在：每条{noun}用一个新的编号。")
    entries.append(block(entry))


def settle(record: Record, key: str, ident: str, noun: str, command: str, outcome: Mapping[str, str]) -> None:
    """Give the still pending entry ``ident`` of the list at ``key`` its ``outcome`` (status, resolved,
    outcome); refused when there is no such entry (``command`` records one) or it is already settled."""
    cycle = record.data.get("cycle")
    found = [e for e in record.data.get(key) or [] if isinstance(e, dict) and e.get("id") == ident]
    if not found:
        raise Refused(f"{cycle} 年度没有编号为 {ident} 的{noun}：请先用 xuehui office {command} 记录它。")
    entry = found[0]
    if entry.get("status") != "pending":
        raise Refused(f"{noun} {ident} 已有结论（{entry.get('status')}）：要改正，请按更正程序编辑文件。")
    entry.update(outcome)


def applicants(data: Dataset, cycle: int) -> set[str]:
    found = data.cycles.get(cycle)
    return set(found.applications) if found is not None else set()


def pairs(values: Sequence[str], what: str) -> list[tuple[str, str]]:
    """``SLUG=text`` arguments as (slug, text)."""
    out: list[tuple[str, str]] = []
    for value in values:
        slug, sep, text = value.partition("=")
        if not sep or not slug.strip() or not text.strip():
            raise Refused(f"{what}“{value}”的格式应为 学会代号=内容，如 wuhan-geology=申报材料不全。")
        out.append((slug.strip(), text.strip()))
    return out


__all__ = [
    "TRAILER",
    "Change",
    "Draft",
    "Record",
    "Refused",
    "Reviewed",
    "Workspace",
    "append_new",
    "applicants",
    "block",
    "cycle_record",
    "diff_of",
    "dump",
    "edited",
    "flow",
    "iso_date",
    "known_society",
    "listed",
    "load",
    "money",
    "new_file",
    "pairs",
    "put",
    "quoted",
    "review",
    "seq",
    "settle",
    "societies_of",
    "write",
]
