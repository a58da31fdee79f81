"""Progress of a long piece of work (a check of the whole tree, a build, an import), as plain values.

Lower layers take an optional ``Progress`` callback, default None (no cost): they call it with what they are
doing, how far they are and how much there is. Only the command layer prints (``commands/progress.py``):
a line that overwrites itself on a terminal, a plain line every so often in CI, nothing with ``--quiet`` or
machine output.
"""

from __future__ import annotations

from collections.abc import Callable

# (stage in Chinese, done, total): ``total`` 0 when unknown.
Progress = Callable[[str, int, int], None]


def report(progress: Progress | None, stage: str, done: int, total: int) -> None:
    """Tell ``progress`` (when there is one) that ``done`` of ``total`` of ``stage`` are done."""
    if progress is not None:
        progress(stage, done, total)
