"""The public site in a real browser (Debian's Chromium through Playwright): the publicity state for a
given ``--now``, search over Chinese names, no request leaves the local server, hostile text stays text,
a phone-width viewport, and screenshots for people to look at.

Each site is built with ``generator.site.build.build`` into ``tmp_path`` and served from a thread on
127.0.0.1. Chromium must be installed (``apt-get install chromium``): without it these tests fail.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser_support import (
    KNOWN_CONSOLE_ERROR,
    SEARCH_INPUT,
    build_site,
    copy_submissions,
    search,
    serve,
    write_tree,
)
from tests.helpers import REPO, SOCIETY, edit, mini_tree
from tests.test_rules import commendation

NOW = "2026-11-26"
MECH = "wuhan-mechanical-engineering"
MECH_NAME = "武汉市机械工程学会"
PUBLICITY = "cycles/2026/publicity.html"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}

Tree = dict[str, bytes]


@pytest.fixture(scope="module")
def full_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shipped example data (submissions/ of the repository) built at ``NOW`` and served; its base URL."""
    root = copy_submissions(REPO, tmp_path_factory.mktemp("full"))
    out = build_site(root, root / "public", NOW)
    with serve(out) as base:
        yield base


@pytest.fixture
def desktop(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=DESKTOP)
    try:
        yield context
    finally:
        context.close()


def built_mini(tmp_path: Path, now: str, *edits: Callable[[Tree], None]) -> Path:
    tree = mini_tree()
    for apply in edits:
        apply(tree)
    return build_site(write_tree(tree, tmp_path / "repo"), tmp_path / "public", now)


# 1. The publicity page for a given --now -------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "edits", "state", "label", "listed"),
    [
        pytest.param(NOW, (), "open", "公示中（剩余9天）", True, id="open"),
        pytest.param("2026-12-05", (), "ended", "公示期满", True, id="ended"),
        pytest.param("2026-11-24", (), "not-started", "待公示", False, id="before-start"),
        pytest.param(
            "2026-12-06", (commendation("2026-12-05"),), "commended", "已表彰", True, id="commended"
        ),
    ],
)
def test_publicity_page_shows_state_for_now(
    desktop: Any,
    tmp_path: Path,
    now: str,
    edits: tuple[Callable[[Tree], None], ...],
    state: str,
    label: str,
    listed: bool,
) -> None:
    out = built_mini(tmp_path, now, *edits)
    with serve(out) as base:
        page = desktop.new_page()
        response = page.goto(base + PUBLICITY)
        assert response is not None and response.status == 200
        text = page.locator("article").inner_text()
        assert "2026-11-25" in text and "2026-12-04" in text, text  # the publicity period
        society_links = page.locator(f'article a[href$="societies/{MECH}.html"]')
        if listed:
            assert "公示期：2026-11-25 至 2026-12-04" in text, text
            assert f"当前状态：{label}" in text, text
            badge = page.locator("article .xh-state")
            expect(badge).to_have_text(label)
            expect(badge).to_have_class(f"xh-state xh-state-{state}")
            expect(society_links).to_have_count(1)
            expect(society_links).to_have_text(MECH_NAME)
            society_links.click()  # the link works
            expect(page).to_have_url(base + f"societies/{MECH}.html")
        else:  # not public yet: the page says so (a sentence, or the 待公示 badge) and lists nobody
            assert "尚未公示" in text or label in text, text
            expect(society_links).to_have_count(0)
            assert MECH_NAME not in text


@pytest.mark.parametrize("path", [PUBLICITY, "notices/2026-publicity.html"])
def test_publicity_shows_working_mailto_and_tel_links(desktop: Any, tmp_path: Path, path: str) -> None:
    """Citizens without an account object by e-mail, phone or letter (issue 11): the office's contact from
    programme.yaml as real mailto:/tel: links with the postal address; the form stays as a further option."""
    from urllib.parse import parse_qs, unquote

    out = built_mini(tmp_path, NOW)
    with serve(out) as base:
        page = desktop.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(base + path)
        mail = page.locator('article a[href^="mailto:"]')
        expect(mail).to_have_count(1)
        expect(mail).to_be_visible()
        expect(mail).to_have_text("xhzx@example.org")
        href = mail.get_attribute("href") or ""
        address, _, query = href.removeprefix("mailto:").partition("?")
        assert address == "xhzx@example.org"
        assert parse_qs(query)["subject"] == ["2026年度拟表彰名单公示异议"], unquote(query)
        tel = page.locator('article a[href^="tel:"]')
        expect(tel).to_have_count(1)
        expect(tel).to_have_attribute("href", "tel:027-00000000")
        expect(tel).to_have_text("027-00000000")
        text = page.locator("article").inner_text()
        assert "武汉市江岸区示例路1号" in text and "不需要注册任何账号" in text
        assert "提出之后" in text and "不公开异议人身份" in text
        form = page.locator('article a[href^="https://forge.example.org/"]')
        expect(form).to_have_count(1)
        assert "在线表单提交的内容是公开的" in text
        # A click hands the link to the system's mail program: the page stays where it is.
        mail.click()
        tel.click()
        assert page.url == base + path
        assert [e for e in errors if KNOWN_CONSOLE_ERROR not in e] == []


# 2. Search finds a society by its Chinese name ---------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "slug", "shortcut"),
    [
        pytest.param("光学学会", "wuhan-optics", True, id="name-without-city"),
        pytest.param("武汉市光学学会", "wuhan-optics", False, id="full-name-clicked"),
        # two-character words inside longer names (jieba segments the index at build time)
        pytest.param("光学", "wuhan-optics", True, id="word-in-name-optics"),
        pytest.param("作家", "wuhan-science-writers", True, id="word-in-name-writers"),
        pytest.param("化工", "wuhan-chemical", True, id="word-in-name-chemical"),
        pytest.param("土木", "wuhan-civil-engineering", True, id="word-in-name-civil"),
        # words inside compounds jieba keeps whole (机械工程, 土木建筑): split by the search's user dictionary
        pytest.param("工程", "wuhan-mechanical-engineering", True, id="word-inside-compound-engineering"),
        pytest.param("建筑", "wuhan-civil-engineering", True, id="word-inside-compound-building"),
        pytest.param("作家协会", "wuhan-science-writers", True, id="compound-whole"),
    ],
)
def test_search_finds_society_page(
    desktop: Any, full_site: str, query: str, slug: str, shortcut: bool
) -> None:
    page = desktop.new_page()
    page.goto(full_site)
    if not shortcut:
        page.locator(SEARCH_INPUT).click()
    links = search(page, query, shortcut=shortcut)
    paths = [urlsplit(link).path for link in links]
    assert f"/societies/{slug}.html" in paths, f"{query!r}: no result for societies/{slug}.html in {paths}"
    # the result is a working link to the society's page
    page.locator(f'.md-search-result__item a[href^="{full_site}societies/{slug}.html"]').first.click()
    expect(page.locator("article h1")).to_contain_text(query)
    assert urlsplit(page.url).path == f"/societies/{slug}.html"


# 3. Every request stays on the local server ------------------------------------------------------------

PAGES = [
    "",
    "notices/index.html",
    "notices/2026-publicity.html",
    "cycles/2026/index.html",
    PUBLICITY,
    "cycles/2026/history.html",
    "societies/index.html",
    "societies/wuhan-optics.html",
    "statistics.html",
    "rules.html",
    "guides/index.html",
    "guides/public.html",
    "data/index.html",
]


@dataclass
class Tour:
    """What the browser did while showing ``PAGES`` of the example site."""

    origin: str
    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # failed requests and HTTP errors
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    csp_outside_head: list[str] = field(default_factory=list)
    links: set[str] = field(default_factory=set)


@pytest.fixture(scope="module")
def tour(browser: Any, full_site: str) -> Tour:
    """Open every page of ``PAGES`` at once (one tab each), then wait until each has had no traffic for
    500 ms, so that the search worker's requests and the favicon are recorded too."""
    seen = Tour(urlsplit(full_site).netloc)
    context = browser.new_context(viewport=DESKTOP)

    def watch(page: Any) -> None:
        page.on("console", lambda m: m.type == "error" and seen.errors.append(f"{page.url}: {m.text}"))
        page.on("pageerror", lambda exc: seen.errors.append(f"{page.url}: uncaught {exc}"))

    context.on("page", watch)
    context.on("request", lambda request: seen.requests.append(request.url))
    context.on("requestfailed", lambda request: seen.failures.append(f"{request.url}: {request.failure}"))
    context.on("response", lambda r: r.status >= 400 and seen.failures.append(f"{r.status} {r.url}"))
    try:
        pages = []
        for path in PAGES:
            page = context.new_page()
            response = page.goto(full_site + path, wait_until="commit")
            assert response is not None and response.status == 200, f"/{path}: {response and response.status}"
            pages.append(page)
        for path, page in zip(PAGES, pages, strict=True):
            page.wait_for_load_state("networkidle")
            if not page.evaluate(
                "document.head.querySelector('meta[http-equiv=\"Content-Security-Policy\"]')"
            ):
                seen.csp_outside_head.append(path)
            seen.links.update(page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"))
    finally:
        context.close()
    return seen


def test_every_request_stays_on_the_local_server(tour: Tour) -> None:
    elsewhere = sorted(
        {u for u in tour.requests if urlsplit(u).scheme != "http" or urlsplit(u).netloc != tour.origin}
    )
    assert elsewhere == [], f"requests that left {tour.origin}"
    assert any(u.endswith("/search/search_index.json") for u in tour.requests), (
        "the search worker's fetch was not seen"
    )
    assert tour.csp_outside_head == [], "pages whose Content-Security-Policy <meta> is not in <head>"
    assert [f for f in tour.failures if "favicon" not in f] == []
    unexpected = [
        e for e in tour.errors if KNOWN_CONSOLE_ERROR not in e and not ("favicon" in e and "404" in e)
    ]
    assert unexpected == []


def test_internal_links_resolve(tour: Tour, full_site: str) -> None:
    """Every same-site link on the visited pages answers 200 (no dead links); the others are https, or the
    office's mailto:/tel:."""
    internal = sorted({h.split("#")[0].split("?")[0] for h in tour.links if h.startswith(full_site)})
    assert len(internal) > 30, internal

    def status(url: str) -> int:
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:
                return int(answer.status)
        except urllib.error.HTTPError as error:
            return error.code

    assert [f"{code} {url}" for url in internal if (code := status(url)) != 200] == []
    external = sorted(h for h in tour.links if not h.startswith(full_site))
    # Besides https, only the office's own mailto:/tel: links (issue 11), built from programme.yaml.
    office = ("mailto:xhzx@example.org", "tel:027-00000000")
    assert [h for h in external if not h.startswith(("https://", *office))] == []
    assert [h for h in external if h.startswith("tel:") and h != "tel:027-00000000"] == []


# 4. Hostile text stays text ----------------------------------------------------------------------------

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=2">'
LINK = "[点我](javascript:window.__pwned=3)"
ATTR = '{: onclick="window.__pwned=4" }'
TITLE_BREAKOUT = '</title><img src=x onerror="window.__pwned=5">'
EVERYTHING = f"{SCRIPT} {IMG} {LINK} {ATTR}"

# (name, discipline, introduction): the schema allows 100 characters for the name and the discipline, so
# the payloads are spread over the three fields of the society profile.
HOSTILE = {
    "tags-in-name": (f"{SCRIPT} {IMG}", f"{LINK} {ATTR}", EVERYTHING),
    "markdown-in-name": (f"{LINK} {ATTR}", f"{SCRIPT} {IMG}", EVERYTHING),
    "title-breakout": (TITLE_BREAKOUT, f"{SCRIPT} {IMG}", f"{EVERYTHING} {TITLE_BREAKOUT}"),
}

DOM_PROBLEMS = """() => {
  const problems = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.toLowerCase().startsWith('on')) problems.push(`${el.tagName} ${attr.name}=${attr.value}`);
    }
  }
  for (const a of document.querySelectorAll('a[href]')) {
    if (/^\\s*javascript:/i.test(a.getAttribute('href'))) problems.push(`A href=${a.getAttribute('href')}`);
  }
  for (const s of document.querySelectorAll('script')) {
    if (s.textContent.includes('__pwned')) problems.push(`SCRIPT ${s.textContent}`);
  }
  for (const img of document.querySelectorAll('img')) {
    if (img.getAttribute('src') === 'x') problems.push('IMG src=x');
  }
  if (!document.head.querySelector('meta[http-equiv="Content-Security-Policy"]')) {
    problems.push('the Content-Security-Policy <meta> is not in <head> (the browser ignores it)');
  }
  return problems;
}"""


def hostile_tree(name: str, discipline: str, introduction: str) -> Callable[[Tree], None]:
    def apply(tree: Tree) -> None:
        fields = {"name": name, "discipline": discipline, "introduction": introduction}
        # JSON strings are YAML double-quoted scalars: every quote and backslash is escaped
        lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields.items())
        edit(tree, SOCIETY, f"name: {MECH_NAME}\n", lines)

    return apply


@pytest.mark.parametrize("layout", list(HOSTILE))
def test_hostile_text_stays_text(browser: Any, tmp_path: Path, layout: str) -> None:
    name, discipline, introduction = HOSTILE[layout]
    out = built_mini(tmp_path, NOW, hostile_tree(name, discipline, introduction))
    # where each field is shown: the society page, the list of societies, the cycle, the publicity list and notice
    shown = {
        f"societies/{MECH}.html": (name, discipline, introduction),
        "societies/index.html": (name, discipline),
        "cycles/2026/index.html": (name,),
        PUBLICITY: (name,),
        "notices/2026-publicity.html": (name,),
    }
    context = browser.new_context(viewport=DESKTOP)
    dialogs: list[str] = []
    context.on("page", lambda page: page.on("dialog", lambda d: dialogs.append(d.message) or d.dismiss()))

    def assert_inert(page: Any, where: str) -> None:
        pwned = page.evaluate("typeof window.__pwned === 'undefined' ? null : String(window.__pwned)")
        assert pwned is None, f"{where}: a payload ran (window.__pwned = {pwned})"
        assert page.evaluate(DOM_PROBLEMS) == [], where

    try:
        with serve(out) as base:
            for path, values in shown.items():
                page = context.new_page()
                response = page.goto(base + path)
                assert response is not None and response.status == 200
                assert_inert(page, path)
                text = page.locator("article").inner_text()
                for value in values:
                    assert value in text, f"{path}: {value!r} is not shown as text"
                if path == f"societies/{MECH}.html":
                    assert page.title().startswith(name), f"{path}: document.title is {page.title()!r}"
                    page.locator("article").get_by_text("点我").first.click()
                    assert_inert(page, f"{path} after clicking 点我")
                    # the search renders its results as HTML: the hostile entry must stay text there too
                    links = search(page, "点我")
                    assert base + f"societies/{MECH}.html" in [link.split("?")[0] for link in links], links
                    result = page.locator(
                        f'.md-search-result__item:has(a[href^="{base}societies/{MECH}.html"])'
                    )
                    assert name in result.inner_text().replace("\u200b", ""), (
                        "the search result does not show the name"
                    )
                    assert_inert(page, f"{path} search results")
                page.close()
    finally:
        context.close()
    assert dialogs == []


# 5. A phone-width viewport -----------------------------------------------------------------------------


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    try:
        yield context
    finally:
        context.close()


def test_phone_width_has_no_sideways_scroll_and_a_menu(phone: Any, full_site: str) -> None:
    page = phone.new_page()
    for path in ("", PUBLICITY, "statistics.html", "societies/wuhan-optics.html"):
        page.goto(full_site + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"] + 1, (
            f"/{path}: the page is {width}px wide on a {PHONE['width']}px screen"
        )
        menu = page.locator('label.md-header__button[for="__drawer"]')
        expect(menu).to_be_visible()
    # the menu opens the navigation
    menu.click()
    expect(page.locator("#__drawer")).to_be_checked()
    expect(
        page.locator("nav.md-nav--primary").get_by_role("link", name="学会", exact=True).first
    ).to_be_visible()


def test_timeline_runs_down_the_page_on_phones_and_across_on_desktops(
    phone: Any, desktop: Any, full_site: str
) -> None:
    for context, shown, hidden in (
        (phone, ".xh-timeline-down", ".xh-wide-only"),
        (desktop, ".xh-wide-only .xh-timeline", ".xh-timeline-down"),
    ):
        page = context.new_page()
        page.goto(full_site)
        expect(page.locator(shown).first).to_be_visible()
        expect(page.locator(hidden).first).to_be_hidden()
        box = page.locator(shown).first.bounding_box()
        assert box is not None and box["width"] <= page.viewport_size["width"], box
        page.close()


def test_chart_labels_stay_legible_on_phones(phone: Any, full_site: str) -> None:
    """The bar charts are drawn narrow enough that their labels are not shrunk below 11 px at 360 px."""
    page = phone.new_page()
    page.goto(full_site + "statistics.html")
    sizes = page.eval_on_selector_all(
        ".xh-chart text", "els => els.map(e => e.getBoundingClientRect().height)"
    )
    assert sizes and min(sizes) >= 11, sizes


# 6. Screenshots for people to look at ------------------------------------------------------------------


def test_screenshots(browser: Any, full_site: str, tmp_path: Path) -> None:
    shots: list[Path] = []
    for device, options in (
        ("desktop", {"viewport": DESKTOP}),
        ("phone", {"viewport": PHONE, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}),
    ):
        context = browser.new_context(**options)
        try:
            page = context.new_page()
            for name, path in (("home", ""), ("publicity", PUBLICITY)):
                page.goto(full_site + path, wait_until="networkidle")
                target = tmp_path / f"{name}-{device}.png"
                page.screenshot(path=str(target), full_page=True)
                shots.append(target)
        finally:
            context.close()
    for shot in shots:
        data = shot.read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000, f"{shot}: {len(data)} bytes"
