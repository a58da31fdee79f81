"""The check pipeline: sources → strict YAML → schema → model → rules → sorted findings.

Every step turns bad input into findings; one bad file never hides the others. The only exceptions that
escape are bugs (the CLI reports them as exit 3).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import InvalidOperation
from pathlib import Path
from typing import Any, overload

from msgspec import Struct, field
from msgspec.structs import replace

from generator import model
from generator.findings import Finding, Severity, format_data_path
from generator.kinds import FileKind, classify, expected_place_hint, spec_of
from generator.kinds.programme import KIND as PROGRAMME_KIND
from generator.kinds.spec import at
from generator.pdftext import pdf_text
from generator.progress import Progress, report
from generator.repository import Source, Unread, as_source
from generator.rules import ALL_RULES, RULES_BY_ID, files, format_schema, format_yaml
from generator.rules.base import Context, Hit, Rule
from generator.rules.privacy import (
    comment_candidates,
    file_candidates,
    name_candidates,
    path_hits,
    pdf_candidates,
    unread_pdf,
    unread_pdf_text,
)
from generator.schema import SCHEMA_DIR, SchemaProblem, validate
from generator.textsafe import character_name, unsafe_characters
from generator.yamlio import MAX_BYTES, DataPath, LoadedYaml, YamlProblem, load_yaml

PROGRAMME = PROGRAMME_KIND.path()  # the one file a tree cannot do without (FILE-006)


def size_cap(kind: FileKind | None) -> int:
    """The largest file of ``kind`` the loader reads (the office's records may be larger: ``KindSpec``)."""
    return spec_of(kind).max_bytes if kind is not None else MAX_BYTES


class ParsedFile(Struct):
    path: str
    kind: FileKind | None
    loaded: LoadedYaml | None
    findings: list[Finding] = field(default_factory=list)
    valid: bool = False
    personal: tuple[model.PersonalCandidate, ...] = ()  # what looks like personal data (rules/privacy.py)
    elsewhere: tuple[model.PlacedCandidate, ...] = ()  # the same in comments, names, PDF text (PRIV-005…007)


class Private(Struct, frozen=True):
    """What the files of a checked tree hold that no output may show, for the site's privacy scan
    (``site.privacy.Scanner``): each private value (a contact's name, phone and e-mail, a secretary's name, a
    bank account number, a maintainer's login) → what it is; and the societies' credit codes, public numbers
    shaped like private ones. Small: the parsed files it comes from are let go with the check."""

    values: dict[str, str] = field(default_factory=dict)
    credit_codes: frozenset[str] = frozenset()


class CheckResult(Struct, frozen=True):
    findings: tuple[Finding, ...]
    files: int
    # ``dataset``, ``reported`` and ``private`` are neither compared nor shown (``_compared``, ``__repr__``).
    dataset: model.Dataset | None = None
    reported: tuple[str, ...] = ()  # the files reported on
    private: Private = field(default_factory=Private)  # a whole tree's (``check``)
    # A pull request's findings its author cannot act on (``generator.pullrequest``): shown apart, never
    # counted (``errors`` and the verdict are about ``findings`` only).
    context: tuple[Finding, ...] = ()

    def _compared(self) -> tuple[object, ...]:
        return (self.findings, self.files, self.context)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, CheckResult)
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())

    def __repr__(self) -> str:
        return f"CheckResult(findings={self.findings!r}, files={self.files!r}, context={self.context!r})"

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    @property
    def notices(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.NOTICE)

    @property
    def ok(self) -> bool:
        return self.errors == 0


def make_finding(
    rule: Rule,
    file: str,
    line: int,
    column: int,
    path: DataPath,
    zh: str,
    en: str,
    hint: str,
    severity: Severity | None = None,
    clause: str | None = None,
) -> Finding:
    """A finding of ``rule`` (its declaration: id, severity and clause come from there) at a place."""
    return Finding(
        file=file,
        line=line,
        column=column,
        path=format_data_path(path),
        rule=rule.id,
        severity=severity or rule.severity,
        clause=clause or rule.clause,
        message_zh=zh,
        message_en=en,
        hint=hint,
    )


def loader_finding(file: str, problem: YamlProblem) -> Finding:
    """A problem of the strict loader as a finding, in the words ``rules/format_yaml`` declares."""
    said = format_yaml.render(problem)
    return make_finding(
        RULES_BY_ID[said.rule],  # the loader names its problems by the ids rules/format_yaml declares
        file,
        said.line,
        said.column,
        said.path,
        said.message_zh,
        said.message_en,
        said.hint,
        Severity(said.severity),
    )


def schema_finding(file: str, line: int, column: int, problem: SchemaProblem) -> Finding:
    """A schema problem as a finding at ``line``/``column``, in the words ``rules/format_schema`` declares."""
    zh, en, hint = format_schema.render(problem)
    rule = RULES_BY_ID[problem.rule]  # named by the ids rules/format_schema declares
    return make_finding(rule, file, line, column, problem.path, zh, en, hint, clause=problem.clause)


def parse_source(
    source: Source,
    schema_dir: Path = SCHEMA_DIR,
    classifier: Callable[[str], FileKind | None] = classify,
    *,
    personal: bool = True,
) -> ParsedFile:
    """Classify, load and validate one file (pure; safe to run in a worker process). ``classifier`` names
    the file's kind from its path: the shared tree's by default (the committee repository has its own).
    A path holding a control or format character is an error besides whatever else is found (FILE-009).
    Without ``personal`` the file is not read for personal data: a file read only for what another file's
    findings depend on, whose own findings are never reported (``check_selection``)."""
    parsed = _parse(source, schema_dir, classifier, personal)
    unsafe = unsafe_path_finding(source.path)
    if unsafe is not None:
        parsed.findings.insert(0, unsafe)
    return parsed


def unsafe_path_finding(path: str) -> Finding | None:
    """FILE-009 when ``path`` holds a control or format character or a line or paragraph separator."""
    chars = unsafe_characters(path)
    if not chars:
        return None
    text = files.unsafe_path.text(chars="、".join(character_name(ch) for ch in chars))
    return make_finding(files.unsafe_path, path, 0, 0, (), *text)


def _parse(
    source: Source, schema_dir: Path, classifier: Callable[[str], FileKind | None], personal: bool = True
) -> ParsedFile:
    kind = classifier(source.path)
    names = name_candidates(source.path) if personal else ()  # every path under submissions/ (PRIV-006)
    if source.refusal is not None or source.raw is None or kind is None:
        return _not_data(source, kind, names)
    spec = spec_of(kind)
    if spec.schema is None:  # not data (an attachment): its place, and a PDF's text (PRIV-007/008)
        if not personal:  # read for another file's sake: its own text is never reported
            return ParsedFile(source.path, kind, None, [], True)
        return _attachment(source.path, source.raw, kind, names)
    cap = size_cap(kind)
    loaded = load_yaml(source.raw, with_marks=False, max_bytes=cap)
    placeholders = _placeholders(loaded.data) if _may_hold_placeholders(source.raw) else []
    problems = validate(spec.schema, loaded.data, schema_dir) if loaded.data is not None else []
    findings = [loader_finding(source.path, p) for p in loaded.problems]
    parsed = ParsedFile(
        source.path,
        kind,
        loaded,
        findings,
        personal=file_candidates(source.raw, loaded.data) if personal else (),
        elsewhere=names + comment_candidates(source.raw) if personal and len(source.raw) <= cap else names,
    )
    if loaded.data is None:
        return parsed
    findings.extend(_placeholder_findings(source.path, loaded, placeholders))
    unfilled = {path for path, _ in placeholders}
    for problem in problems:
        if problem.path in unfilled:
            continue  # "not filled in yet" says it better than the format message
        line, column = loaded.locate(problem.path)
        findings.append(schema_finding(source.path, line, column, problem))
    parsed.valid = not any(f.severity is Severity.ERROR for f in findings)
    if not parsed.valid:
        findings.append(make_finding(files.format_first, source.path, 0, 0, (), *files.format_first.text()))
    return parsed


def _not_data(source: Source, kind: FileKind | None, names: tuple[model.PlacedCandidate, ...]) -> ParsedFile:
    """A file that is not read as data: refused (FILE-004) or of no kind (FILE-001); its names are read."""
    if source.refusal is not None or source.raw is None:
        reason = source.refusal or "无法读取"
        return ParsedFile(
            source.path,
            kind,
            None,
            [make_finding(files.refused, source.path, 0, 0, (), *files.refused.text(reason=reason))],
            elsewhere=names,
        )
    expected = expected_place_hint(source.path)  # of no kind: its place is unknown
    return ParsedFile(
        source.path,
        None,
        None,
        [
            make_finding(
                files.unknown_place, source.path, 0, 0, (), *files.unknown_place.text(expected=expected)
            )
        ],
        elsewhere=names,
    )


def _attachment(
    path: str, raw: bytes, kind: FileKind, names: tuple[model.PlacedCandidate, ...]
) -> ParsedFile:
    """An attachment: a PDF's text is read for personal data (a notice when it cannot be)."""
    if not path.endswith(".pdf"):
        return ParsedFile(path, kind, None, [], True, elsewhere=names)
    text = pdf_text(raw)
    said = unread_pdf_text(text)
    findings = [] if said is None else [make_finding(unread_pdf, path, 0, 0, (), *said)]
    return ParsedFile(path, kind, None, findings, True, elsewhere=names + pdf_candidates(text))


DATE_PLACEHOLDER = "YYYY-MM-DD"
PLACEHOLDERS = ("请填写", DATE_PLACEHOLDER)
_PLACEHOLDER_BYTES = tuple(p.encode("utf-8") for p in PLACEHOLDERS)
MAX_LISTED_LINES = 30  # a placeholder's finding names at most this many lines (then 等 N 处)


def _may_hold_placeholders(raw: bytes) -> bool:
    return any(p in raw for p in _PLACEHOLDER_BYTES)


def _placeholders(data: Any) -> list[tuple[DataPath, str]]:
    """Every string value still holding a placeholder of the ``xuehui new`` template, with the placeholder
    it holds (the first of ``PLACEHOLDERS`` in it), in the file's order."""
    found: list[tuple[DataPath, str]] = []
    stack: list[tuple[DataPath, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            kind = next((p for p in PLACEHOLDERS if p in value), None)
            if kind is not None:
                found.append((path, kind))
        elif isinstance(value, dict):
            stack.extend(reversed([((*path, k), v) for k, v in value.items()]))
        elif isinstance(value, list):
            stack.extend(reversed([((*path, i), v) for i, v in enumerate(value)]))
    return found


def _placeholder_findings(
    file: str, loaded: LoadedYaml, placeholders: list[tuple[DataPath, str]]
) -> Iterator[Finding]:
    """TPL-001: one finding per kind of placeholder, at its first place, naming every line that holds it."""
    for kind in PLACEHOLDERS:
        places = sorted(
            ((loaded.locate(path), path) for path, held in placeholders if held == kind), key=lambda p: p[0]
        )
        if not places:
            continue
        lines = sorted({line for (line, _), _ in places})
        listed = "、".join(str(n) for n in lines[:MAX_LISTED_LINES])
        if len(lines) > MAX_LISTED_LINES:
            listed += f" 等 {len(lines)} 行"
        (line, column), path = places[0]
        variant = "date" if kind == DATE_PLACEHOLDER else ""
        text = files.placeholder.text(variant, text=kind, count=len(places), lines=listed)
        yield make_finding(files.placeholder, file, line, column, path, *text)


# Forked parse workers (``workers`` ≥ 2) are a seam beside the plain path, off unless asked for: they add
# CPU time (each result is pickled back) and, on a machine whose cores are busy, wall time too (measured on
# 1,000 applications at load 3 on 2 cores: 3.5-3.8 s CPU and 5.8-7.1 s wall with 2 workers against
# 2.9-3.2 s and 4.7 s in one process). ``tests/test_checker.py`` checks both give the same results.
PARALLEL_MIN_FILES = 300  # with workers=None asked of a caller that wants them: below this, one process


def _parse_many(
    sources: Sequence[Source | Unread], schema_dir: Path, *, personal: bool = True
) -> list[ParsedFile]:
    return [parse_source(as_source(s), schema_dir, personal=personal) for s in sources]


def parse_all(
    sources: Sequence[Source | Unread],
    schema_dir: Path = SCHEMA_DIR,
    workers: int | None = 1,
    use_cache: bool = True,
) -> list[ParsedFile]:
    """Parse every source, reusing the results cached for unchanged files (``generator.cache``).

    Each file is parsed independently (``parse_source`` is pure), so the result depends neither on how the
    work is split nor on the cache. With ``workers`` ≥ 2 (or None: one per core for a large tree) the work
    is shared between this process and forked workers; where ``fork`` is not available (Windows, macOS
    defaults) it stays here. By default (1) it stays here, and a file not read yet (``Unread``) is read just
    before it is parsed, so that only one file's bytes are held at a time.
    """
    if not use_cache or len(sources) < CACHE_MIN_FILES:
        return _parse_fresh(sources, schema_dir, workers)
    from generator.cache import ParseCache, cache_dir, entry_key

    if cache_dir() is None:  # turned off (``XUEHUI_CACHE=0``): no key would be looked up or stored
        return _parse_fresh(sources, schema_dir, workers)
    store = ParseCache(schema_dir)
    cached = store.load()
    keys: dict[str, str] = {}
    hits: list[ParsedFile] = []
    fresh: list[ParsedFile] = []
    misses: list[Source] = []  # for the workers, which share them out at once
    for item in sources:
        source = as_source(item)
        if source.raw is not None:
            key = keys[source.path] = entry_key(source.path, source.raw)
            hit = cached.get(key)
            if hit is not None:
                hits.append(hit)
                continue
        if workers is not None and workers <= 1:  # parsed here at once, as ``_parse_fresh`` would
            fresh.append(parse_source(source, schema_dir))
        else:
            misses.append(source)
    if misses:
        fresh.extend(_parse_fresh(misses, schema_dir, workers))
    if fresh or len(cached) != len(hits):
        by_path = {p.path: p for p in fresh}
        store.save(
            {
                **{k: cached[k] for k in keys.values() if k in cached},
                **{keys[p]: by_path[p] for p in keys if p in by_path},
            }
        )
    parsed = hits + fresh
    parsed.sort(key=lambda p: p.path)
    return parsed


CACHE_MIN_FILES = 200  # a small tree parses faster than a cache file loads


class Counted(Sequence[Source | Unread]):
    """The sources of a check, telling ``progress`` of each one as it is taken up for reading."""

    def __init__(self, items: Sequence[Source | Unread], progress: Progress) -> None:
        self._items, self._progress = items, progress

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> Source | Unread: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Source | Unread]: ...
    def __getitem__(self, index: int | slice) -> Source | Unread | Sequence[Source | Unread]:
        return self._items[index]

    def __iter__(self) -> Iterator[Source | Unread]:
        total = len(self._items)
        for done, item in enumerate(self._items, start=1):
            report(self._progress, "读取文件", done, total)
            yield item


def _parse_fresh(
    sources: Sequence[Source | Unread], schema_dir: Path, workers: int | None
) -> list[ParsedFile]:
    import os

    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(sources) >= PARALLEL_MIN_FILES else 1
    if workers <= 1:
        return sorted(_parse_many(sources, schema_dir), key=lambda p: p.path)
    import multiprocessing  # only here: importing it costs a small check a fifth of its start

    if "fork" not in multiprocessing.get_all_start_methods():
        return sorted(_parse_many(sources, schema_dir), key=lambda p: p.path)
    # Balance by size: largest first, dealt round-robin.
    ordered = sorted((as_source(s) for s in sources), key=lambda s: len(s.raw or b""), reverse=True)
    shares = [ordered[i::workers] for i in range(workers)]
    context = multiprocessing.get_context("fork")
    with context.Pool(workers - 1) as pool:
        pending = [pool.apply_async(_parse_many, (share, schema_dir)) for share in shares[1:]]
        parsed = _parse_many(shares[0], schema_dir)
        for job in pending:
            parsed.extend(job.get())
    parsed.sort(key=lambda p: p.path)
    return parsed


def build_dataset(parsed: Iterable[ParsedFile]) -> tuple[model.Dataset, list[Finding]]:
    data = model.Dataset()
    findings: list[Finding] = []
    programme_seen = False
    for item in sorted(parsed, key=lambda p: p.path):
        if item.elsewhere:
            data.personal_elsewhere[item.path] = item.elsewhere
        if item.kind is None:
            continue
        spec = spec_of(item.kind)
        if item.path == PROGRAMME:
            programme_seen = True
        if spec.schema is None:  # not data (attachments): placed by its path alone, never loaded
            if spec.place is not None:
                spec.place(data, item.kind, item.path, None)
            continue
        if item.kind.cycle is not None:
            data.cycle(item.kind.cycle)
        if item.personal:
            data.personal[item.path] = item.personal
        if not item.valid or item.loaded is None or item.loaded.data is None:
            data.unreadable.add(item.path)
            continue
        try:
            if spec.place is not None:  # builds the file's object and puts it into the dataset
                spec.place(data, item.kind, item.path, item.loaded.data)
        except (KeyError, TypeError, ValueError, AttributeError, InvalidOperation) as exc:
            findings.append(
                make_finding(
                    files.unreadable,
                    item.path,
                    1,
                    1,
                    (),
                    *files.unreadable.text(error=type(exc).__name__, detail=str(exc)[:80]),
                )
            )
    if data.programme is None:
        findings.append(
            make_finding(
                files.programme_missing,
                PROGRAMME,
                0,
                0,
                (),
                *files.programme_missing.text("invalid" if programme_seen else "missing"),
            )
        )
    return data, findings


def run_rules(data: model.Dataset, ctx: Context, progress: Progress | None = None) -> list[tuple[str, Hit]]:
    hits: list[tuple[str, Hit]] = []
    for done, rule in enumerate(ALL_RULES, start=1):
        report(progress, "规则", done, len(ALL_RULES))
        if rule.check is None:
            continue
        hits.extend((rule.id, hit) for hit in rule.check(data, ctx))
    hits.extend(path_hits(data))  # PRIV-006/007: on a path (line 0), declared without a check
    return hits


def _rejected(data: model.Dataset, file: str) -> tuple[model.Decisions, str] | None:
    kind = classify(file)
    if kind is None or not spec_of(kind).formally_reviewed or kind.cycle is None or kind.slug is None:
        return None
    cycle = data.cycles.get(kind.cycle)
    if cycle is None or cycle.decisions is None:
        return None
    result = cycle.decisions.formal_results.get(kind.slug)
    if result is None or result.passed:
        return None
    return cycle.decisions, (result.reason or "").strip().rstrip("。；;.")


class Locator:
    """Lines and columns for rule hits, from the positions each file's one read recorded.

    Locating a path walks the file's data; a file many hits speak about (a decisions file listing every
    society) has its positions spelled out by path once (``LoadedYaml.all_positions``), kept until the
    Locator goes, so that each further hit is one lookup."""

    SPELL_OUT_AFTER = 8  # hits located by walking before a file's positions are spelled out

    def __init__(self, parsed: Iterable[ParsedFile]) -> None:
        self._loaded = {p.path: p.loaded for p in parsed if p.loaded is not None}
        self._walked: dict[str, int] = {}
        self._spelled: dict[str, dict[DataPath, tuple[int, int]]] = {}

    def __call__(self, file: str, path: DataPath) -> tuple[int, int]:
        loaded = self._loaded.get(file)
        if loaded is None:
            return (0, 0)
        marks = self._spelled.get(file)
        if marks is None:
            walked = self._walked[file] = self._walked.get(file, 0) + 1
            if walked <= self.SPELL_OUT_AFTER or loaded.marks or loaded.data is None:
                return loaded.locate(path)
            marks = self._spelled[file] = loaded.all_positions()
        for end in range(len(path), -1, -1):
            mark = marks.get(path[:end])
            if mark is not None:
                return mark
        return (1, 1)


def hits_to_findings(
    data: model.Dataset, hits: Sequence[tuple[str, Hit]], locate: Callable[[str, DataPath], tuple[int, int]]
) -> list[Finding]:
    findings: list[Finding] = []
    for rule_id, hit in hits:
        line, column = hit.at if hit.at is not None else locate(hit.file, hit.path)
        severity = hit.severity
        zh = hit.zh
        rule = RULES_BY_ID[rule_id]
        if rule.eligibility:
            rejected = _rejected(data, hit.file)
            if rejected is not None:
                decisions, reason = rejected
                when = decisions.formal_review_date or "形式审查"
                severity = Severity.NOTICE
                zh = f"{zh}（专项办公室已于 {when} 形式审查记为不通过{f'：{reason}' if reason else ''}；仅作记录。）"
        findings.append(make_finding(rule, hit.file, line, column, hit.path, zh, hit.en, hit.hint, severity))
    return findings


def check(
    sources: Sequence[Source | Unread],
    ctx: Context,
    *,
    report_on: Callable[[str], bool] | None = None,
    schema_dir: Path = SCHEMA_DIR,
    progress: Progress | None = None,
) -> CheckResult:
    """Check a whole tree; report findings only for files ``report_on`` accepts (default: all).

    The one entry for a whole check: besides the findings, the result carries what the site builds from
    (the ``dataset``, and the ``private`` values its privacy scan looks for); the parsed files are let go.
    ``progress`` (optional) hears of each file read and each rule run.
    """
    if progress is not None:
        sources = Counted(sources, progress)
    parsed = parse_all(sources, schema_dir)
    reported = tuple(s.path for s in sources if report_on is None or report_on(s.path))
    # The files' bytes are not needed past parsing (positions were recorded): files handed over unread
    # (``check(list_folder(root), ...)``) were read one at a time while parsing, and a caller that handed
    # over its only reference to a list of read ones lets them go here, before the dataset.
    del sources
    result = _judge(parsed, reported, ctx, report_on, progress)
    return replace(result, private=Private(private_values(parsed), frozenset(credit_codes(parsed))))


def _judge(
    parsed: Sequence[ParsedFile],
    reported: tuple[str, ...],
    ctx: Context,
    report_on: Callable[[str], bool] | None,
    progress: Progress | None = None,
) -> CheckResult:
    """The findings of parsed files: theirs, the dataset's and the rules', those of ``report_on``'s files."""
    findings: list[Finding] = [f for p in parsed for f in p.findings]
    data, model_findings = build_dataset(parsed)
    findings.extend(model_findings)
    findings = titled_categories(findings, parsed, data)
    hits = run_rules(data, replace(ctx, reported=report_on) if report_on is not None else ctx, progress)
    if report_on is not None:
        hits = [h for h in hits if report_on(h[1].file)]  # located only when reported
    findings.extend(hits_to_findings(data, hits, Locator(parsed)))
    if report_on is not None:
        findings = [f for f in findings if report_on(f.file)]
    unique = sorted(set(findings), key=Finding.sort_key)
    return CheckResult(tuple(unique), len(reported), data, reported)


def titled_categories(
    findings: list[Finding], parsed: Sequence[ParsedFile], data: model.Dataset
) -> list[Finding]:
    """An expense category (a budget line's ``category``, an achievement's ``kind``) written as its Chinese
    title (``继续教育与培训``) fails the schema's code pattern before any rule can read it; once the programme
    is known, that finding names the code the title means."""
    rule = format_schema.invalid_value
    wrong = {(f.file, f.path) for f in findings if f.rule == rule.id and f.path.endswith(CODED_KEYS)}
    programme = data.programme
    if not wrong or programme is None:
        return findings
    codes = {_title_key(c.title): (code, c.title) for code, c in programme.categories.items()}
    codes.update({_title_key(title): (code, title) for code, title in programme.forbidden.items()})
    written = {
        (p.path, where): value
        for p in parsed
        if p.loaded is not None and any(file == p.path for file, _ in wrong)
        for where, value in _categories(p.loaded.data, ())
    }
    out: list[Finding] = []
    for f in findings:
        value = written.get((f.file, f.path)) if (f.file, f.path) in wrong else None
        named = codes.get(_title_key(value)) if value is not None else None
        if named is None:
            out.append(f)
            continue
        zh, en, hint = rule.text("programme_title", value=value, code=named[0], title=named[1])
        out.append(replace(f, message_zh=zh, message_en=en, hint=hint))
    return out


def _title_key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


CODED_KEYS = (".category", ".kind")  # the keys whose values are expense-category codes


def _categories(data: Any, path: DataPath) -> Iterator[tuple[str, str]]:
    """(data path as findings write it, value) of every text under a ``category`` or ``kind`` key."""
    if isinstance(data, dict):
        for key, value in data.items():
            if f".{key}" in CODED_KEYS and isinstance(value, str):
                yield format_data_path((*path, key)), value
            else:
                yield from _categories(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _categories(value, (*path, index))


def check_selection(
    chosen: Sequence[Source],
    paths: Sequence[str],
    read: Callable[[Callable[[str], bool]], Sequence[Source | Unread]],
    ctx: Context,
    *,
    schema_dir: Path = SCHEMA_DIR,
) -> CheckResult:
    """Check the ``chosen`` files of a tree whose files are ``paths``, reading (with ``read``) only what
    their findings depend on (``generator.needs``); the findings are those of ``check`` on the whole tree
    with ``report_on`` the chosen files."""
    from generator.needs import needed

    names = frozenset(s.path for s in chosen)
    first = {s.path: parse_source(s, schema_dir) for s in chosen}
    contents = {p: f.loaded.data if f.loaded is not None else None for p, f in first.items()}
    wanted = needed(paths, names, contents, {p for p, f in first.items() if f.personal or f.elsewhere})
    more = read(lambda p: p not in names and (wanted is None or p in wanted))
    sources = sorted([*chosen, *more], key=lambda s: s.path)
    rest = [s for s in sources if s.path not in first]
    parsed = [
        *first.values(),
        # what is read only for the chosen files' sake is not scanned for personal data: never reported
        *(parse_all(rest, schema_dir) if wanted is None else _parse_many(rest, schema_dir, personal=False)),
    ]
    parsed.sort(key=lambda p: p.path)
    reported = tuple(s.path for s in sources if s.path in names)
    return _judge(parsed, reported, ctx, names.__contains__)


# ---------------------------------------------------------------------------------------------------------
# What the site's privacy scan looks for (``Private``): the private fields of every file as parsed, valid or
# not (a value in a file the check refuses is private all the same), read without trusting their shape.

MIN_NAME_CHARS = 2  # a one-character "name" cannot be told from text


def private_values(parsed: Iterable[ParsedFile]) -> dict[str, str]:
    """Value → what it is, from every private field each kind declares (``KindSpec.private``); a value of
    the wrong shape (a file that failed its schema) is passed over, never a crash."""
    found: dict[str, str] = {}

    def add(value: object, what: str, minimum: int) -> None:
        if isinstance(value, str):
            text = value.strip()
            if len("".join(text.split())) >= minimum:
                found[text.replace(" ", "") if text.replace(" ", "").isdigit() else text] = what

    for item in parsed:
        if item.kind is None or item.loaded is None or item.loaded.data is None:
            continue
        for private in spec_of(item.kind).private:
            minimum = MIN_NAME_CHARS if private.min_chars is None else private.min_chars
            for value in at(item.loaded.data, private.path):
                add(value, private.what, minimum)
    return found


def credit_codes(parsed: Iterable[ParsedFile]) -> set[str]:
    """The numbers the data publishes on purpose (``KindSpec.public_numbers``: the societies' credit codes)."""
    return {
        str(value)
        for p in parsed
        if p.kind is not None and p.loaded is not None and p.loaded.data is not None
        for where in spec_of(p.kind).public_numbers
        for value in at(p.loaded.data, where)
    }
