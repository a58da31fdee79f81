"""Golden-file comparison: ``pytest --update-golden`` rewrites them; a diff otherwise fails the test."""

from __future__ import annotations

from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"


def compare(name: str, actual: str, update: bool) -> None:
    path = GOLDEN / name
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        if not update:
            raise AssertionError(f"golden file {name} was missing and has been written; check it and rerun")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its golden file (rerun with --update-golden if intended)"
