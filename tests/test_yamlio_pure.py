"""The loader's own tests (``tests/test_yamlio.py``, ``tests/test_yamlio_positions.py``) once more on the
pure-Python path, when the compiled clean path (``generator._yamlcore``) is what they ran on by default.
Where it is not built they already ran on the pure path, so they are not repeated."""

from __future__ import annotations

import pytest

from generator import yamlio
from tests import test_yamlio, test_yamlio_positions

pytestmark = pytest.mark.skipif(
    yamlio.native_loader() is None, reason="the pure path is already the default here"
)

globals().update(
    {
        name: getattr(module, name)
        for module in (test_yamlio, test_yamlio_positions)
        for name in dir(module)
        if name.startswith("test_")
    }
)


@pytest.fixture(autouse=True)
def pure_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "_NATIVE_LOAD", None)
