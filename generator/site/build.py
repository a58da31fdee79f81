"""``xuehui build``: check, project, render the Markdown pages, build them with mkdocs-material (``--strict``)
into a staging folder, with the Content-Security-Policy computed beforehand, scan the output for private
values and foreign markup, then replace the output folder. Any failure leaves the previous output exactly
as it was. The output folder is only ever one the build may replace, and the swap is atomic (``outdir``);
the forked workers end with the build (``lifeline``).

mkdocs runs in a process forked at the start (its imports and jieba's dictionary load while the data is
read); the generated pages reach it in memory (``generated``), the search plugin's work runs in one more
process (``searchworker``), and the check and the scan of each written file run here meanwhile. The site
is byte for byte the one a plain mkdocs-material build of the same Markdown gives (tested).

Deterministic: the same commit and the same ``--now`` give byte-identical output (inputs sorted;
``SOURCE_DATE_EPOCH`` from the HEAD commit, or from ``--now`` outside git).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from generator.checker import CheckResult, build_dataset, check, parse_all
from generator.findings import Severity
from generator.model import Dataset
from generator.public import PublicSite, project
from generator.repository import read_folder
from generator.resources import for_repository, shipped
from generator.rules.base import Context
from generator.schema import SCHEMA_DIR
from generator.site.history import build_source, decisions_history
from generator.site.lifeline import sigint_deferred
from generator.site.outdir import (
    Refusal,
    describe_os_error,
    make_staging,
    publish,
    remove_staging,
    remove_stale_staging,
    vet_output,
)
from generator.site.pages import build_pages
from generator.site.privacy import Leak, Scanner, credit_codes, private_values, scanned

SITE_DIR = shipped().site  # the templates shipped with xuehui; a repository's own: ``resources``
_INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S
)


@dataclass(frozen=True, slots=True)
class BuildResult:
    ok: bool
    check: CheckResult
    out: Path
    pages: int = 0
    leaks: tuple[Leak, ...] = ()
    problem: str | None = None  # why the build stopped (mkdocs, CSP), in Chinese
    details: tuple[str, ...] = field(default=())
    output_refused: bool = False  # the output folder cannot be used (``outdir``): a usage error


NAV: list[dict[str, Any]] = [
    {"首页": "index.md"},
    {"通知公告": "notices/index.md"},
    {"年度": "cycles/index.md"},
    {"学会": "societies/index.md"},
    {"统计": "statistics.md"},
    {"规则": "rules.md"},
    {
        "指南": [
            "guides/index.md",
            {"学会申报指南": "guides/societies.md"},
            {"评审专家指南": "guides/experts.md"},
            {"公众监督指南": "guides/public.md"},
            {"专项办公室工作指南": "guides/office.md"},
        ]
    },
    {"开放数据": "data/index.md"},
]


def open_repository(root: Path) -> Any:
    """The git repository holding ``root``, or None (a build from a plain folder has no history)."""
    try:
        import git

        repo = git.Repo(root, search_parent_directories=False)
        return repo
    except Exception:
        return None


def _config(
    site_dir: Path, staging: Path, site_url: str, policy: str, docs_dir: Path | None = None
) -> dict[str, Any]:
    """The mkdocs configuration: ``site/mkdocs.yml`` with the folders, navigation, address, CSP and the
    search's user dictionary (``user_dictionary_path``, written by ``run_mkdocs``) filled in. The docs folder is the hand-written one (the generated pages come in memory) unless ``docs_dir`` says
    otherwise (the benchmark's plain mkdocs build reads everything from disk)."""
    with (site_dir / "mkdocs.yml").open(encoding="utf-8") as handle:
        config: dict[str, Any] = yaml.safe_load(handle)
    config.setdefault("extra", {})["xuehui_csp"] = policy
    config["docs_dir"] = str(docs_dir if docs_dir is not None else site_dir / "docs")
    config["site_dir"] = str(staging / "site")
    config["site_url"] = site_url
    config["theme"]["custom_dir"] = str(site_dir / "overrides")
    config["nav"] = NAV
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "search" in plugin:
            plugin["search"]["jieba_dict_user"] = str(user_dictionary_path(staging))
    return config


@contextmanager
def _environment(epoch: int) -> Iterator[list[str]]:
    """SOURCE_DATE_EPOCH for the build, quiet loggers, and the warnings mkdocs logs (returned)."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                messages.append(record.getMessage())

    handler = Collect()
    mkdocs_logger = logging.getLogger("mkdocs")
    previous_level = mkdocs_logger.level
    mkdocs_logger.addHandler(handler)
    mkdocs_logger.setLevel(logging.INFO)
    mkdocs_logger.propagate = False
    logging.getLogger("jieba").setLevel(logging.WARNING)
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield messages
    finally:
        mkdocs_logger.removeHandler(handler)
        mkdocs_logger.setLevel(previous_level)
        mkdocs_logger.propagate = True
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


@dataclass(frozen=True, slots=True)
class MkdocsJob:
    """One mkdocs build: its configuration file, SOURCE_DATE_EPOCH, the generated pages (docs path → text,
    handed over in memory) and the public names the search's user dictionary is made from."""

    config_file: Path
    epoch: int
    pages: Mapping[str, str]
    names: tuple[str, ...]


def user_dictionary_path(staging: Path) -> Path:
    """The search's jieba user dictionary (``searchwords``), written beside the configuration."""
    return staging / "search-words.txt"


def search_names(site: PublicSite) -> tuple[str, ...]:
    """The public names whose inner words the search should find: societies' names and short names."""
    return tuple(sorted({n for s in site.societies for n in (s.name, s.short_name) if n}))


@contextmanager
def _jieba_kept() -> Iterator[None]:
    """For a build in this process: the search plugin loads the user dictionary into jieba's one global
    tokenizer; put its word frequencies back afterwards, so a later build here segments as the first."""
    import jieba

    jieba.initialize()
    frequencies, total = dict(jieba.dt.FREQ), jieba.dt.total
    try:
        yield
    finally:
        jieba.dt.FREQ.clear()
        jieba.dt.FREQ.update(frequencies)
        jieba.dt.total = total


def run_mkdocs(job: MkdocsJob) -> tuple[str | None, list[str]]:
    """Build with mkdocs in this process (strict): (the error or None, the warnings it logged)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from generator.site import generated, searchworker
    from generator.site.searchwords import write_user_dictionary

    with _environment(job.epoch) as messages:
        try:
            write_user_dictionary(user_dictionary_path(job.config_file.parent), job.names)
            config = load_config(config_file=str(job.config_file))
            config.plugins[generated.PLUGIN_KEY] = generated.GeneratedPagesPlugin(job.pages)
            if searchworker.usable():
                config.plugins[searchworker.PLUGIN_KEY] = searchworker.SearchWorkerPlugin()
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
        except OSError as exc:  # a full disk, an I/O error: say which file, in Chinese
            return describe_os_error(exc), messages
        except Exception as exc:
            return str(exc) or type(exc).__name__, messages
    return None, messages


def _mkdocs_child(conn: Any, parent_pid: int, parent_end: Any) -> None:
    """In a forked process: import mkdocs and load jieba's dictionary now, build when told to. Ends with its
    parent (``lifeline``): killed with it on Linux, and on end-of-file anywhere while it waits."""
    from generator.site.lifeline import die_with_parent

    die_with_parent(parent_pid, parent_end)
    try:
        import jieba
        import material.plugins.search.plugin  # noqa: F401 - imported ahead of the build
        import mkdocs.commands.build  # noqa: F401

        from generator.site import generated, searchworker  # noqa: F401 - imported ahead of the build

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        message = conn.recv()
        if message is None:
            return
        conn.send(run_mkdocs(message))
    except (EOFError, OSError):
        return  # the parent is gone
    finally:
        conn.close()


class MkdocsRunner:
    """mkdocs in a forked process that gets its imports and jieba's dictionary (about a second) done while
    this process checks the data and writes the pages; in this process where ``fork`` is unavailable."""

    def __init__(self) -> None:
        import multiprocessing

        self._conn: Any = None
        self._proc: Any = None
        if "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1:
            context = multiprocessing.get_context("fork")
            with sigint_deferred():
                parent, child = context.Pipe()
                self._proc = context.Process(target=_mkdocs_child, args=(child, os.getpid(), parent))
                try:
                    self._proc.start()
                except OSError:  # no process to be had (a process or memory limit): build in this one
                    self._proc = None
                    parent.close()
                else:
                    self._conn = parent
                child.close()

    def run(
        self, job: MkdocsJob, while_waiting: Callable[[], None] | None = None
    ) -> tuple[str | None, list[str]]:
        """Build; call ``while_waiting`` repeatedly until mkdocs has finished (when it runs elsewhere)."""
        if self._proc is None:
            with _jieba_kept():
                return run_mkdocs(job)
        try:
            self._conn.send(job)
            while not self._conn.poll(0.2):
                if while_waiting is not None:
                    while_waiting()
                if not self._proc.is_alive() and not self._conn.poll():
                    raise EOFError
            result: tuple[str | None, list[str]] = self._conn.recv()
        except (EOFError, OSError):
            result = ("mkdocs 构建进程意外退出", [])
        self.close()
        return result

    def close(self, abort: bool = False) -> None:
        """Stop the mkdocs process: asked to finish, or at once (``abort``: the build was interrupted)."""
        if self._proc is None:
            return
        with sigint_deferred():
            if self._proc.is_alive() and not abort:
                try:
                    self._conn.send(None)
                except OSError:
                    pass
                self._proc.join(timeout=10)
            if self._proc.is_alive():
                self._proc.terminate()
                self._proc.join()
            self._conn.close()
            self._proc = None


def _script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


# Markup that neither the theme nor our templates ever produce: only injected content could. Searched in
# the whole lower-cased page (a tag may span lines; lower-casing once is much faster than re.IGNORECASE).
_FORBIDDEN_MARKUP: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<[a-z][^<>]*\son[a-z]+\s*="), "事件处理属性"),
    (re.compile(r"(?:href|src|action)\s*=\s*[\"']?\s*(?:javascript|vbscript|data):"), "脚本链接"),
    (re.compile(r"<(?:iframe|object|embed|base|frame|applet)\b"), "不允许的标签"),
)


def theme_script_hashes(site_url: str, max_depth: int = 8) -> set[str]:
    """The hashes of every inline script mkdocs-material's templates can put in one of our pages: their
    ``{{ … }}`` parts are a page's relative ``base_url`` (``.``, ``..``, ``../..`` …) or the site's path."""
    from urllib.parse import urlsplit

    import material

    templates = Path(material.__file__).parent / "templates"
    bases = [
        ".",
        "/",
        urlsplit(site_url).path or "/",
        *("/".join([".."] * d) for d in range(1, max_depth + 1)),
    ]
    hashes: set[str] = set()
    for template in sorted(templates.rglob("*.html")):
        for body in re.findall(r"<script>(.*?)</script>", template.read_text(encoding="utf-8"), re.S):
            pieces = re.split(r"\{\{.*?\}\}", body)
            for base in bases if len(pieces) > 1 else ["."]:
                hashes.add(_script_hash(base.join(pieces)))
    return hashes


def content_security_policy(script_hashes: set[str]) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' " + " ".join(sorted(script_hashes)),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'none'",
        ]
    )


def output_path(doc: str) -> str:
    """Where mkdocs (``use_directory_urls``) writes a file of the docs folder, relative to the site."""
    if not doc.endswith(".md"):
        return doc
    stem = doc[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


class Examiner:
    """Checks markup and scans for private values, file by file, while mkdocs is still writing the site.

    mkdocs writes each page once; while it runs, the files ``expected`` (the pages and data files made from
    our docs folder) are examined as soon as the bytes read match their size on disk. After mkdocs has
    finished, every file of the site is looked at: one not yet examined, or whose size or time changed
    since, is examined then. So most of the privacy scan runs on a core mkdocs leaves idle, and nothing is
    missed. The privacy scan skips lines already scanned (headers, navigation, footers repeat on every page);
    the markup checks read each page whole, since a tag may span lines.

    A file caught in the middle of being written can look complete (its size matches what was read). What
    is found in such a beginning of a file (a private value, foreign markup) is in the whole file too, so it
    stands; where the policy sits is decided on the latest reading, and the file is read again at the end
    because its size has changed since.
    """

    def __init__(
        self,
        site: Path,
        scanner: Callable[[], Scanner],
        script_hashes: set[str],
        expected: Iterable[str] = (),
    ) -> None:
        self.site = site
        self._make_scanner = scanner
        self._scanner: Scanner | None = None
        self.script_hashes = script_hashes
        self.pending = sorted(set(expected))
        self.seen: set[str] = set()
        self.signatures: dict[str, tuple[int, int]] = {}
        self.unexpected: set[str] = set()
        # Decided on each file's latest reading: a page read while still being written has no </head> yet.
        self.policy_misplaced: dict[str, bool] = {}
        self.leaks: set[Leak] = set()

    @property
    def scanner(self) -> Scanner:
        if self._scanner is None:
            self._scanner = self._make_scanner()
        return self._scanner

    def _files(self) -> list[str]:
        found: list[str] = []
        for folder, _dirs, names in os.walk(self.site):
            for name in names:
                rel = os.path.relpath(os.path.join(folder, name), self.site).replace(os.sep, "/")
                if scanned(rel):
                    found.append(rel)
        return sorted(found)

    def sweep(self, final: bool = False) -> None:
        """Examine the files that are new or changed: while mkdocs runs, the expected files completely
        written so far; at the end (``final``) every file of the site."""
        if final:
            candidates = self._files() if self.site.is_dir() else []
        else:
            candidates = [rel for rel in self.pending if scanned(rel)]
        waiting: list[str] = []
        for rel in candidates:
            path = self.site / rel
            try:
                before = path.stat()
                if self.signatures.get(rel) == (before.st_size, before.st_mtime_ns):
                    continue
                raw = path.read_bytes()
                after = path.stat()
            except OSError:
                waiting.append(rel)
                continue
            signature = (after.st_size, after.st_mtime_ns)
            complete = len(raw) == after.st_size and before.st_mtime_ns == after.st_mtime_ns and len(raw) > 0
            if not complete and not final:
                waiting.append(rel)
                continue
            self._examine(rel, raw.decode("utf-8", errors="replace"))
            self.signatures[rel] = signature
        if not final:
            self.pending = waiting

    def _examine(self, rel: str, text: str) -> None:
        fresh = []
        for line in text.splitlines():
            if line not in self.seen:
                self.seen.add(line)
                fresh.append(line)
        chunk = "\n".join(fresh)
        self.leaks.update(self.scanner.scan(rel, chunk))
        if not rel.endswith(".html"):
            return
        lowered = text.lower()
        for pattern, what in _FORBIDDEN_MARKUP:
            hit = pattern.search(lowered)
            if hit:
                self.unexpected.add(f"{rel}: {what}: {hit.group()[:60]}")
        policy_at = text.find('http-equiv="Content-Security-Policy"')
        self.policy_misplaced[rel] = not 0 <= policy_at < text.find("</head>")
        for match in _INLINE_SCRIPT.finditer(text):
            script = match.group(1)
            if script.strip() and _script_hash(script) not in self.script_hashes:
                self.unexpected.add(f"{rel}: 内联脚本: {script.strip()[:60]}")

    def finish(self) -> tuple[list[str], list[Leak]]:
        """After mkdocs: examine what is left. Returns (unexpected markup, leaks)."""
        self.sweep(final=True)
        misplaced = {
            f"{rel}: 内容安全策略不在 <head> 中（页面头部被提前结束）"
            for rel, bad in self.policy_misplaced.items()
            if bad
        }
        unexpected = sorted(self.unexpected | misplaced)
        leaks = sorted(self.leaks, key=lambda leak: (leak.file, leak.what, leak.sample))
        return unexpected, leaks


def render_markdown(
    root: Path, data: Dataset, now: datetime, schema_dir: Path = SCHEMA_DIR
) -> tuple[PublicSite, dict[str, str], int]:
    """The public projection, the generated pages (docs path → text) and the build's SOURCE_DATE_EPOCH
    (the HEAD commit's time; ``now`` outside git or with uncommitted changes). The schemas used are
    published with the open data."""
    repo = open_repository(root)
    source = build_source(repo)
    if source.commit:
        commit = source.commit[:12] + ("（另有未提交的修改）" if source.dirty else "")
    else:
        commit = "（未从 git 提交生成）"
    epoch = source.epoch if source.epoch is not None and not source.dirty else int(now.timestamp())
    site = project(data, now)
    names = {s.slug: s.name for s in site.societies}
    histories = {
        c.year: decisions_history(repo, f"submissions/{c.year}/decisions.yaml", names) for c in site.cycles
    }
    schemas = {p.name: p.read_text(encoding="utf-8") for p in sorted(schema_dir.glob("*.schema.json"))}
    return site, build_pages(site, commit=commit, histories=histories, schema_files=schemas), epoch


def write_docs(pages: Mapping[str, str], docs: Path, site_dir: Path = SITE_DIR) -> None:
    """The docs folder a plain mkdocs build of the same site reads: the hand-written pages and the generated
    ones (``xuehui build`` itself hands the generated pages to mkdocs in memory)."""
    shutil.copytree(site_dir / "docs", docs)
    for rel, text in sorted(pages.items()):
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")


def write_config(
    staging: Path, site_dir: Path, site_url: str, script_hashes: set[str], docs_dir: Path | None = None
) -> Path:
    """``staging/mkdocs.yml`` (see ``_config``); returns its path."""
    config_file = staging / "mkdocs.yml"
    config = _config(site_dir, staging, site_url, content_security_policy(script_hashes), docs_dir)
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=True), encoding="utf-8")
    return config_file


def stage_plain(site: PublicSite, pages: Mapping[str, str], folder: Path, site_dir: Path = SITE_DIR) -> Path:
    """Write ``folder`` so that a plain ``mkdocs build -f folder/mkdocs.yml`` builds the site ``build``
    makes (the benchmark's reference and the tests' comparison): the docs on disk, the search's user
    dictionary, the configuration. Returns the configuration's path. Needs jieba (the dictionary)."""
    from generator.site.searchwords import write_user_dictionary

    write_docs(pages, folder / "docs", site_dir)
    write_user_dictionary(user_dictionary_path(folder), search_names(site))
    url = site.programme.site_url
    return write_config(folder, site_dir, url, theme_script_hashes(url), docs_dir=folder / "docs")


def build(
    root: Path, out: Path, now: datetime, *, site_dir: Path | None = None, schema_dir: Path | None = None
) -> BuildResult:
    """Build the site of ``root`` into ``out`` (see the module's docstring and ``outdir``): the output is
    replaced only when everything passed and ``out`` is a folder the build may replace. The site templates
    and schemas are the repository's own or the shipped ones (``resources``) unless given."""
    found = for_repository(root)
    site_dir = site_dir if site_dir is not None else found.site
    schema_dir = schema_dir if schema_dir is not None else found.schemas
    out = out.resolve()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(out)
        with sigint_deferred():
            staging = make_staging(out)
    except OSError as exc:
        return BuildResult(
            False,
            CheckResult((), 0),
            out,
            problem=f"无法在 {out.parent} 中创建构建用的临时文件夹：{describe_os_error(exc, with_path=False)}。"
            "请用 --out 指定一个可以写入的位置。",
            output_refused=True,
        )
    runner: MkdocsRunner | None = None
    finished = False
    try:
        runner = MkdocsRunner()
        result = _build(root, out, now, site_dir, schema_dir, runner, staging)
        finished = True
        return result
    finally:
        with sigint_deferred():
            if runner is not None:
                runner.close(abort=not finished)
            remove_staging(staging)


def _build(
    root: Path,
    out: Path,
    now: datetime,
    site_dir: Path,
    schema_dir: Path,
    runner: MkdocsRunner,
    staging: Path,
) -> BuildResult:
    sources = read_folder(root)
    parsed = parse_all(sources, schema_dir)
    built = build_dataset(parsed)
    data = built[0]
    checked: list[CheckResult] = []

    def run_check() -> CheckResult:
        """The full check, done once: while mkdocs builds when it runs in its own process."""
        if not checked:
            checked.append(check(sources, Context(now=now), parse=lambda _sources: parsed, built=built))
        return checked[0]

    def refused(result: CheckResult) -> BuildResult:
        return BuildResult(False, result, out, problem="数据检查未通过，未生成网站。")

    if data.programme is None or any(f.severity is Severity.ERROR for p in parsed for f in p.findings):
        return refused(run_check())
    try:
        site, pages, epoch = render_markdown(root, data, now, schema_dir)
    except Exception:
        if not run_check().ok:
            return refused(run_check())  # the data is inconsistent: its findings say why
        raise
    try:
        script_hashes = theme_script_hashes(site.programme.site_url)
        config_file = write_config(staging, site_dir, site.programme.site_url, script_hashes)
        output = staging / "site"
        expected = [output_path(rel) for rel in pages]
        expected += [
            output_path(p.relative_to(site_dir / "docs").as_posix())
            for p in (site_dir / "docs").rglob("*")
            if p.is_file()
        ]
        examiner = Examiner(
            output, lambda: Scanner(private_values(parsed), credit_codes(parsed)), script_hashes, expected
        )

        def while_mkdocs_builds() -> None:
            run_check()
            examiner.sweep()

        job = MkdocsJob(config_file, epoch, pages, search_names(site))
        error, warnings = runner.run(job, while_mkdocs_builds)
        result = run_check()
        if not result.ok:
            return refused(result)
        if error is not None:
            return BuildResult(
                False, result, out, problem=f"mkdocs 构建失败：{error}", details=tuple(warnings)
            )
        unexpected, leaks = examiner.finish()
        if unexpected:
            return BuildResult(
                False,
                result,
                out,
                leaks=tuple(leaks),
                problem="页面中出现了主题和模板以外的脚本或标记（内联脚本、事件属性等），已停止发布。",
                details=tuple(unexpected),
            )
        if leaks:
            return BuildResult(
                False, result, out, leaks=tuple(leaks), problem="输出中发现不应公开的信息，已停止发布。"
            )
        count = sum(1 for _ in output.rglob("index.html"))
        vetted = vet_output(out, root, site_dir=site_dir)
        if isinstance(vetted, Refusal):  # checked again at the last moment: the folder may have changed
            return BuildResult(False, result, out, problem=vetted.message, output_refused=True)
        with sigint_deferred():
            publish(output, out, staging)
        return BuildResult(True, result, out, pages=count, details=tuple(warnings))
    except OSError as exc:  # writing the staging folder or the swap: a full disk, an I/O error
        return BuildResult(
            False,
            checked[0] if checked else CheckResult((), 0),
            out,
            problem=f"构建时读写文件失败：{describe_os_error(exc)}。",
        )
