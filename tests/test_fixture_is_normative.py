"""``tests/fixtures/mini`` is a verbatim copy of the programme's normative examples (``shared/spec/examples``).
Where the shared folder sits beside the checkout (developers' machines and CI), the copy must not drift."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import MINI, REPO

SHARED = REPO.parent / "shared" / "spec" / "examples" / "submissions"


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared/spec is not beside this checkout")
def test_fixture_matches_the_normative_examples() -> None:
    assert files(MINI / "submissions") == files(SHARED)
