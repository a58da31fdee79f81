"""``xuehui build``: the public site, in one straight line.

1. read every file of the repository and check it (``checker``): a failing check publishes nothing;
2. project the public data and render the generated pages (``public``, ``pages``);
3. stage a plain mkdocs folder in a staging folder beside the output (``outdir``): the hand-written and the
   generated Markdown, the search's user dictionary (``searchwords``) and ``mkdocs.yml`` with the
   Content-Security-Policy, computed from the theme's templates (``stage_plain``);
4. build it with mkdocs-material, strict, through mkdocs' public interface (``load_config`` and ``build``,
   as its own ``mkdocs build`` does);
5. examine every file of the output: no inline script but the theme's, no injected markup, the policy in
   every page's head, no private value anywhere (``privacy``);
6. check the output folder once more and swap the new site in (``outdir.publish``).

Any failure, or Ctrl+C, leaves the previous output exactly as it was, and the staging folder is removed
(a killed build's staging folder is removed by the next build of the same output). The site is byte for
byte the one ``mkdocs build`` of the staged folder gives (tested).

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
import signal
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from generator import forge
from generator.checker import CheckResult, check
from generator.model import Dataset
from generator.progress import Progress, report
from generator.public import PublicSite, project
from generator.repository import list_folder
from generator.resources import for_repository, shipped
from generator.rules.base import Context
from generator.rules.privacy import official_addresses
from generator.schema import SCHEMA_DIR
from generator.site import searchscript
from generator.site.history import build_source, decisions_history
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
from generator.site.privacy import Leak, Scanner, scanned

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
    notes: tuple[str, ...] = ()  # what the reader should know about a finished build, in Chinese


def build(
    root: Path,
    out: Path,
    now: datetime,
    *,
    site_dir: Path | None = None,
    schema_dir: Path | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Build the site of ``root`` into ``out`` (see the module's docstring and ``outdir``): the output is
    replaced only when everything passed and ``out`` is a folder the build may replace. The site templates
    and schemas are the repository's own or the shipped ones (``resources``) unless given."""
    found = for_repository(root)
    site_dir = site_dir if site_dir is not None else found.site
    schema_dir = schema_dir if schema_dir is not None else found.schemas
    out = out.resolve()
    staging = open_staging(out)
    if isinstance(staging, BuildResult):
        return staging
    checked = CheckResult((), 0)
    try:
        # 1. Read and check (each file read as it is parsed; the parsed files are let go in the check).
        checked = check(list_folder(root), Context(now=now), schema_dir=schema_dir, progress=progress)
        data = checked.dataset
        if not checked.ok or data is None or data.programme is None:
            return BuildResult(False, checked, out, problem="数据检查未通过，未生成网站。")
        # 2. Project and render.
        report(progress, "生成页面", 1, 4)
        site, pages, epoch = render_markdown(root, data, now, schema_dir)
        notes = (NO_COMMIT_NOTE,) if _before_first_commit(root) else ()
        # 3. Stage the mkdocs folder, with the policy allowing the theme's inline scripts only.
        script_hashes = theme_script_hashes(site.programme.site_url)
        config_file = stage_plain(site, pages, staging, site_dir, script_hashes)
        official = official_addresses(data)  # the published addresses: the office's, societies' own-domain
        scanner = Scanner(checked.private.values, set(checked.private.credit_codes), official)  # for step 5
        del data, site, pages  # on disk now: mkdocs needs the memory
        # 4. Build with mkdocs.
        report(progress, "mkdocs 构建", 2, 4)
        error, warnings = run_mkdocs(config_file, epoch)
        if error is not None:
            return BuildResult(
                False, checked, out, problem=f"mkdocs 构建失败：{error}", details=tuple(warnings)
            )
        # 5. Examine the output.
        report(progress, "检查输出（隐私扫描）", 3, 4)
        output = staging / "site"
        refused = _examined(output, scanner, script_hashes, checked, out)
        if refused is not None:
            return refused
        # 6. Check the output folder again (it may have changed since the command began) and swap.
        vetted = vet_output(out, root, site_dir=site_dir)
        if isinstance(vetted, Refusal):
            return BuildResult(False, checked, out, problem=vetted.message, output_refused=True)
        count = sum(1 for page in output.rglob("*.html") if page.name != "404.html")
        with sigint_deferred():
            publish(output, out, staging)
        return BuildResult(True, checked, out, pages=count, details=tuple(warnings), notes=notes)
    except OSError as exc:  # writing the staging folder or the swap: a full disk, an I/O error
        return BuildResult(False, checked, out, problem=f"构建时读写文件失败：{describe_os_error(exc)}。")
    finally:
        with sigint_deferred():
            remove_staging(staging)


def _examined(
    output: Path, scanner: Scanner, script_hashes: set[str], checked: CheckResult, out: Path
) -> BuildResult | None:
    """Step 5: the refusal when the built output holds a script or markup the theme and templates do not
    make, or a private value; None when it may be published."""
    unexpected, leaks = examine_output(output, scanner, script_hashes)
    if unexpected:
        return BuildResult(
            False,
            checked,
            out,
            leaks=tuple(leaks),
            problem="页面中出现了主题和模板以外的脚本或标记（内联脚本、事件属性等），已停止发布。",
            details=tuple(unexpected),
        )
    if leaks:
        return BuildResult(
            False, checked, out, leaks=tuple(leaks), problem="输出中发现不应公开的信息，已停止发布。"
        )
    return None


# ---------------------------------------------------------------------------------------------------------
# The steps


def open_staging(out: Path) -> Path | BuildResult:
    """A new staging folder beside ``out``, after removing those of killed builds (``outdir``); or why not."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(out)
        with sigint_deferred():
            return make_staging(out)
    except OSError as exc:
        return BuildResult(
            False,
            CheckResult((), 0),
            out,
            problem=f"无法在 {out.parent} 中创建构建用的临时文件夹：{describe_os_error(exc, with_path=False)}。"
            "请用 --out 指定一个可以写入的位置。",
            output_refused=True,
        )


@contextmanager
def sigint_deferred() -> Iterator[None]:
    """Hold Ctrl+C back in this thread until the block ends (then it is raised as usual): creating the
    staging folder with its marker, the swap and the removal of the staging folder are never cut halfway."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


NO_COMMIT_NOTE = (
    "提示：这个 git 仓库还没有任何提交，网站按文件夹中现有的文件生成，页面上的“生成自提交”和修订记录暂时为空。"
    "提交（git add 与 git commit）之后再生成，就会带上提交编号和修订记录。"
)


def _before_first_commit(root: Path) -> bool:
    """Whether ``root`` is a git repository that has no commit yet (``git init`` and nothing committed)."""
    repo = open_repository(root)
    return repo is not None and forge.head_of(repo) is None


def open_repository(root: Path) -> Any:
    """The git repository holding ``root``, or None (a build from a plain folder has no history)."""
    try:
        return forge.open_repo(root, search_parents=False)
    except forge.ForgeError:
        return None


NAV: list[dict[str, Any]] = [
    {"首页": "index.md"},
    {"通知公告": "notices/index.md"},
    {"年度": "cycles/index.md"},
    {"学会": "societies/index.md"},
    {"统计": "statistics.md"},
    {"典型经验": "showcase/index.md"},
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
    {"搜索": "search.md"},
]


def user_dictionary_path(folder: Path) -> Path:
    """The search's jieba user dictionary (``searchwords``), written beside the configuration."""
    return folder / "search-words.txt"


def search_names(site: PublicSite) -> tuple[str, ...]:
    """The public names whose inner words the search should find: societies' names and short names."""
    return tuple(sorted({n for s in site.societies for n in (s.name, s.short_name) if n}))


def document_numbers(site: PublicSite) -> tuple[str, ...]:
    """The document numbers shown on the site (calls, publicity, commendations, decisions)."""
    found = {c.call.doc_number for c in site.cycles if c.call}
    for c in site.cycles:
        if c.decisions is not None:
            found.update((c.decisions.publicity_doc_number or "", c.decisions.commendation_doc_number or ""))
            found.update((c.decisions.midterm_doc_number or "", c.decisions.final_doc_number or ""))
    found.update(s.doc_number or "" for s in site.sanctions)
    return tuple(sorted(n for n in found if n))


def _config(site_dir: Path, folder: Path, site_url: str, policy: str) -> dict[str, Any]:
    """The mkdocs configuration: ``site/mkdocs.yml`` with the folders (``folder/docs``, ``folder/site``),
    navigation, address, CSP, theme overrides and the search's user dictionary filled in."""
    with (site_dir / "mkdocs.yml").open(encoding="utf-8") as handle:
        config: dict[str, Any] = yaml.safe_load(handle)
    config.setdefault("extra", {})["xuehui_csp"] = policy
    config["docs_dir"] = str(folder / "docs")
    config["site_dir"] = str(folder / "site")
    config["site_url"] = site_url
    config["theme"]["custom_dir"] = str(site_dir / "overrides")
    config["nav"] = NAV
    config["hooks"] = [str(Path(searchscript.__file__).resolve())]  # the search index as a script too
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "search" in plugin:
            plugin["search"]["jieba_dict_user"] = str(user_dictionary_path(folder))
    return config


# The hand-written pages name the office's contacts by these words, filled in from programme.yaml when the site
# is staged: a programme whose office has its own address gets its own in the guides (and the output scan, which
# stops a page holding an address no record makes official, passes whatever the addresses are).
CONTACT_WORDS = ("{{office.name}}", "{{office.email}}", "{{office.phone}}", "{{office.address}}")


def contact_values(site: PublicSite) -> dict[str, str]:
    p = site.programme
    return dict(
        zip(CONTACT_WORDS, (p.office_name, p.office_email, p.office_phone, p.office_address), strict=True)
    )


def write_docs(
    pages: Mapping[str, str], docs: Path, site_dir: Path = SITE_DIR, contacts: Mapping[str, str] | None = None
) -> None:
    """The docs folder: the hand-written pages (``site/docs``, the office's contacts filled in) and the
    generated ones."""
    shutil.copytree(site_dir / "docs", docs)
    for page in sorted(docs.rglob("*.md")) if contacts is not None else ():
        text = page.read_text(encoding="utf-8")
        filled = text
        for word, value in (contacts or {}).items():
            filled = filled.replace(word, value)
        if filled != text:
            page.write_text(filled, encoding="utf-8", newline="\n")
    for rel, text in sorted(pages.items()):
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")


def write_config(folder: Path, site_dir: Path, site_url: str, script_hashes: set[str]) -> Path:
    """``folder/mkdocs.yml`` (see ``_config``); returns its path."""
    config_file = folder / "mkdocs.yml"
    config = _config(site_dir, folder, site_url, content_security_policy(script_hashes))
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=True), encoding="utf-8")
    return config_file


def stage_plain(
    site: PublicSite,
    pages: Mapping[str, str],
    folder: Path,
    site_dir: Path = SITE_DIR,
    script_hashes: set[str] | None = None,
) -> Path:
    """Write ``folder`` so that ``mkdocs build -f folder/mkdocs.yml`` builds the site into ``folder/site``:
    the docs, the search's user dictionary, the configuration (with the policy of ``script_hashes``, by
    default the theme's: ``theme_script_hashes``). Returns the configuration's path. The build stages its
    own folder with it; the benchmark and the tests stage the same one to build it with plain mkdocs."""
    from generator.site.searchwords import write_user_dictionary
    from generator.site.workbooks import workbooks

    url = site.programme.site_url
    write_docs(pages, folder / "docs", site_dir, contact_values(site))
    for rel, raw in workbooks(pages, site.now).items():  # the open data's .xlsx beside each CSV
        (folder / "docs" / rel).write_bytes(raw)
    write_user_dictionary(user_dictionary_path(folder), search_names(site), document_numbers(site))
    return write_config(folder, site_dir, url, script_hashes or theme_script_hashes(url))


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


@contextmanager
def _jieba_kept(dictionary: Path) -> Iterator[None]:
    """The search plugin loads the user dictionary into jieba's one global tokenizer: put back afterwards
    what loading it changes (each word's frequency and its prefixes', and the total), so that a later build
    in this process segments as the first did. While the build runs, ``jieba.cut`` (which the plugin calls
    for every Chinese run of every page) remembers the words of each text (``searchwords.memoised_cut``)."""
    import jieba

    from generator.site.searchwords import load_jieba, memoised_cut

    jieba.setLogLevel(logging.WARNING)
    load_jieba()
    words = [line.split(" ", 1)[0] for line in dictionary.read_text(encoding="utf-8").splitlines() if line]
    touched = {word[:end] for word in words for end in range(1, len(word) + 1)}
    saved, total = {key: jieba.dt.FREQ.get(key) for key in touched}, jieba.dt.total
    cut = jieba.cut
    jieba.cut = memoised_cut(cut, jieba.dt)
    try:
        yield
    finally:
        jieba.cut = cut
        for key, frequency in saved.items():
            if frequency is None:
                jieba.dt.FREQ.pop(key, None)
            else:
                jieba.dt.FREQ[key] = frequency
        jieba.dt.total = total


def run_mkdocs(config_file: Path, epoch: int) -> tuple[str | None, list[str]]:
    """mkdocs-material on a staged folder, in this process, the way its ``mkdocs build`` command does it
    (``strict`` comes from the configuration): (the error or None, the warnings it logged)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    with _environment(epoch) as messages, _jieba_kept(user_dictionary_path(config_file.parent)):
        try:
            config = load_config(config_file=str(config_file))
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


# ---------------------------------------------------------------------------------------------------------
# The Content-Security-Policy and the examination of the output


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


def examine_output(site: Path, scanner: Scanner, script_hashes: set[str]) -> tuple[list[str], list[Leak]]:
    """Every file of the built site, in path order: (unexpected markup, leaks). Every text file is scanned
    for private values (``privacy.scanned``), reading each line once (headers, navigation and footers repeat
    on every page); every page is checked whole for markup (a tag may span lines)."""
    seen: set[str] = set()
    unexpected: set[str] = set()
    leaks: set[Leak] = set()
    files = _site_files(site)
    derived = _derived_index(site, files)
    for rel in files:
        if rel == derived:
            continue
        text = (site / rel).read_bytes().decode("utf-8", errors="replace")
        fresh = []
        for line in text.splitlines():
            if line not in seen:
                seen.add(line)
                fresh.append(line)
        leaks.update(scanner.scan(rel, "\n".join(fresh)))
        if rel.endswith(".html"):
            unexpected.update(foreign_markup(rel, text, script_hashes))
    if derived is not None:  # the index's leaks are the script's; and the words around it, scanned once
        leaks.update(
            Leak(derived, x.what, x.sample) for x in list(leaks) if x.file == searchscript.INDEX_JSON
        )
        leaks.update(scanner.scan(derived, searchscript.index_script("")))
    return sorted(unexpected), sorted(leaks, key=lambda leak: (leak.file, leak.what, leak.sample))


def _derived_index(site: Path, files: list[str]) -> str | None:
    """``search/search_index.js`` when it is exactly what the hook makes of ``search/search_index.json``
    (``searchscript.index_script``: the same JSON, ``<`` written ``\\u003c``, which the normal form reads
    back, inside two constant lines): it then holds what the JSON holds, and scanning the JSON (with the
    script's constant words) scans it; else None, and it is scanned like any other file."""
    script, index = searchscript.INDEX_SCRIPT, searchscript.INDEX_JSON
    if script not in files or index not in files:
        return None
    written = (site / script).read_bytes().decode("utf-8", errors="replace")
    expected = searchscript.index_script((site / index).read_bytes().decode("utf-8", errors="replace"))
    return script if written == expected else None


def _site_files(site: Path) -> list[str]:
    found: list[str] = []
    for folder, _dirs, names in os.walk(site):
        for name in names:
            rel = os.path.relpath(os.path.join(folder, name), site).replace(os.sep, "/")
            if scanned(rel):
                found.append(rel)
    return sorted(found)


def foreign_markup(rel: str, text: str, script_hashes: set[str]) -> list[str]:
    """What in a page neither the theme nor our templates produce: an inline script not in
    ``script_hashes``, an event attribute, a script link, a forbidden tag, or the policy outside the head."""
    found: list[str] = []
    lowered = text.lower()
    for pattern, what in _FORBIDDEN_MARKUP:
        hit = pattern.search(lowered)
        if hit:
            found.append(f"{rel}: {what}: {hit.group()[:60]}")
    policy_at = text.find('http-equiv="Content-Security-Policy"')
    if not 0 <= policy_at < text.find("</head>"):
        found.append(f"{rel}: 内容安全策略不在 <head> 中（页面头部被提前结束）")
    for match in _INLINE_SCRIPT.finditer(text):
        script = match.group(1)
        if script.strip() and _script_hash(script) not in script_hashes:
            found.append(f"{rel}: 内联脚本: {script.strip()[:60]}")
    return found


# ---------------------------------------------------------------------------------------------------------
# The pages


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
    elif repo is not None:
        commit = "（仓库还没有提交）"
    else:
        commit = "（未从 git 提交生成）"
    epoch = source.epoch if source.epoch is not None and not source.dirty else int(now.timestamp())
    site = project(data, now)
    names = {s.slug: s.name for s in site.societies}
    histories = {
        c.year: decisions_history(repo, f"submissions/{c.year}/decisions.yaml", names, site.timezone)
        for c in site.cycles
    }
    schemas = {p.name: p.read_text(encoding="utf-8") for p in sorted(schema_dir.glob("*.schema.json"))}
    return site, build_pages(site, commit=commit, histories=histories, schema_files=schemas), epoch
