"""The site as a citizen reads it (issue 25), in Debian's Chromium: opened from disk (file://) as the build's
closing message suggests, and served; at 360 px and at 1280 px. Every link names an .html file, the search
page finds a document number from disk, nothing is wider than the screen, the timeline's dates are legible
and marked with today's step, the header's title is whole. Screenshots of the changed pages are written to
``tmp_path`` for people to look at."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser_support import build_site, copy_submissions, search, serve
from tests.helpers import REPO

NOW = "2026-11-26"
DOC_NUMBER = "武科协〔2026〕25号"  # the publicity's number in the shipped data
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
CHANGED = ("index.html", "statistics.html", "cycles/2026/index.html", "societies/index.html", "search.html")

# the rendered size of the visible timeline's dates: the font size times the drawing's scale on screen
DATE_SIZES = """() => Array.from(document.querySelectorAll('svg.xh-timeline'))
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .flatMap(svg => Array.from(svg.querySelectorAll('text[fill="#555"]'))
    .map(t => parseFloat(t.getAttribute('font-size')) * svg.getScreenCTM().a))"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_submissions(REPO, tmp_path_factory.mktemp("disk"))
    return build_site(root, root / "public", NOW)


def _context(browser: Any, viewport: dict[str, int]) -> Any:
    phone = viewport["width"] < 600
    return browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)


def test_every_link_from_disk_names_a_page(browser: Any, site: Path) -> None:
    """Opened from disk, a link to a folder shows a folder listing: every same-site link names a file."""
    context = _context(browser, DESKTOP)
    try:
        page = context.new_page()
        page.goto(site.as_uri() + "/index.html")
        links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href.split('#')[0])")
        local = sorted({link for link in links if link.startswith("file:")})
        assert len(local) > 10, local
        assert [link for link in local if not link.endswith((".html", ".xml"))] == []
        page.locator("nav.md-tabs").get_by_role("link", name="学会", exact=True).click()
        expect(page.locator("article h1")).to_have_text("学会")
        assert page.url.endswith("/societies/index.html")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_search_from_disk_finds_a_document_number(browser: Any, site: Path, viewport: dict[str, int]) -> None:
    """From disk the theme's search cannot start (its web worker): the header's box hands the query to the
    search page, which reads the index written as a script."""
    context = _context(browser, viewport)
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(site.as_uri() + "/societies/index.html")
        if viewport is PHONE:
            page.locator('label.md-header__button[for="__search"]').click()
        box = page.locator("input.md-search__input")
        box.click()
        box.fill(DOC_NUMBER)
        box.press("Enter")
        page.wait_for_url("**/search.html?q=*")
        expect(page.locator("#xh-search-status")).to_contain_text("找到")
        hrefs = page.eval_on_selector_all("#xh-search-results a", "els => els.map(e => e.href)")
        assert any(h.split("#")[0].endswith("/notices/2026-publicity.html") for h in hrefs), hrefs
        assert not any("/search.html" in h for h in hrefs), hrefs  # not the search page's own example
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], width
        page.locator("#xh-search-results a").first.click()
        expect(page.locator("article")).to_contain_text(DOC_NUMBER)
        assert errors == []
    finally:
        context.close()


def test_the_served_search_finds_a_document_number(browser: Any, site: Path) -> None:
    context = _context(browser, DESKTOP)
    try:
        with serve(site) as base:
            page = context.new_page()
            page.goto(base + "index.html")
            paths = [urlsplit(link).path for link in search(page, DOC_NUMBER)]
            assert "/notices/2026-publicity.html" in paths, paths
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_changed_pages_fit_and_read_well(
    browser: Any, site: Path, viewport: dict[str, int], tmp_path: Path
) -> None:
    context = _context(browser, viewport)
    try:
        with serve(site) as base:
            page = context.new_page()
            for path in CHANGED:
                page.goto(base + path, wait_until="networkidle")
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= viewport["width"], f"{path}: {width}px wide at {viewport['width']}px"
                shot = tmp_path / f"{path.replace('/', '_')}-{viewport['width']}.png"
                page.screenshot(path=str(shot), full_page=True)
                assert shot.stat().st_size > 10_000
            # the header's title is whole (not cut with an ellipsis)
            title = page.locator(".md-header__topic .md-ellipsis").first
            assert title.evaluate(
                "e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight + 2"
            )
            # the statistics table: no header or label squeezed to one character a line, nothing cut
            page.goto(base + "statistics.html")
            cells = page.locator("table.xh-stack th:visible, table.xh-stack td:visible")
            heights = cells.evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
            assert heights and max(heights) < 60, heights
            assert page.evaluate(
                "Array.from(document.querySelectorAll('table.xh-stack td, table.xh-stack th'))"
                ".every(e => e.getBoundingClientRect().right <= document.documentElement.clientWidth + 0.5)"
            )
            # the timeline: dates at 12 px or more, today's step is 公示中, and a legend
            page.goto(base + "cycles/2026/index.html")
            sizes = page.evaluate(DATE_SIZES)
            assert sizes and min(sizes) >= 12, sizes
            current = page.locator("svg.xh-timeline:visible text[font-weight='700']")
            expect(current).to_have_text("公示中")
            expect(page.locator(".xh-timeline-legend")).to_contain_text("当前环节")
            # charts say their unit
            page.goto(base + "statistics.html")
            expect(page.locator(".xh-chart-title").first).to_contain_text("单位：元")
            bars = page.locator("svg.xh-chart rect.xh-bar-planned")  # drawn inside the chart, not moved out
            assert bars.count() > 3 and bars.first.bounding_box() is not None
    finally:
        context.close()


def test_societies_are_listed_in_chinese_order(browser: Any, site: Path) -> None:
    from generator.site.pages import chinese_order

    context = _context(browser, DESKTOP)
    try:
        page = context.new_page()
        page.goto(site.as_uri() + "/societies/index.html")
        names = page.locator("article table tbody tr td:first-child").all_inner_texts()
        assert len(names) > 5 and names == sorted(names, key=chinese_order), names
    finally:
        context.close()


def test_a_missing_page_is_explained_in_chinese(browser: Any, site: Path) -> None:
    context = _context(browser, DESKTOP)
    try:
        with serve(site) as base:
            page = context.new_page()
            response = page.goto(base + "404.html")
            assert response is not None
            expect(page.locator("article h1")).to_have_text("找不到页面（404）")
            assert "Not found" not in page.locator("article").inner_text()
    finally:
        context.close()
