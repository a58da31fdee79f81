from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(autouse=True)
def no_parse_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read or write the user's parse cache (tests/test_cache.py points it at a temp folder)."""
    monkeypatch.setenv("XUEHUI_CACHE", "0")


@pytest.fixture(scope="module")
def synth() -> Iterator[ModuleType]:
    """``bench/synth.py``, the benchmark's generator of synthetic trees, as a module."""
    sys.path.insert(0, str(BENCH))
    try:
        import synth as module
    finally:
        sys.path.remove(str(BENCH))
    yield module


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's chromium, headless, for one test module (``tests/browser_support.launch``: never a downloaded
    browser); playwright is imported only by the modules that ask for it."""
    from playwright.sync_api import sync_playwright

    from tests.browser_support import launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        try:
            yield chromium
        finally:
            chromium.close()
