"""Showing the progress of a long command (a check of the whole tree, a build, an import) on standard error,
so that standard output (a report, JSON) stays byte for byte what it would be without it.

On a terminal: one line that overwrites itself (carriage return), shown once the work has taken more than
``TTY_DELAY`` seconds and redrawn at most every ``TTY_INTERVAL``, cleared at the end. Elsewhere (CI, a pipe):
a plain line once the work has taken more than ``PLAIN_DELAY`` seconds, then one whenever a stage changes or
``PLAIN_INTERVAL`` seconds have passed, so a long run shows it is alive and a short one stays silent. Nothing
with ``--quiet`` or machine output (``--format`` other than text)."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from generator.progress import Progress

TTY_DELAY, TTY_INTERVAL = 0.5, 0.1
PLAIN_DELAY, PLAIN_INTERVAL = 2.0, 5.0
HUMAN_FORMATS = ("text",)


class Reporter:
    """A ``generator.progress.Progress`` that writes to ``stream``."""

    def __init__(self, stream: TextIO, tty: bool, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream, self.tty, self.clock = stream, tty, clock
        self.started = clock()
        self.last = -1.0e9
        self.stage = ""
        self.width = 0  # of the line drawn on a terminal (0: none)

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = self.clock()
        elapsed = now - self.started
        if self.tty:
            if elapsed < TTY_DELAY or (now - self.last < TTY_INTERVAL and done != total):
                return
            line = _line(stage, done, total, elapsed)
            self.stream.write("\r" + line + " " * max(0, self.width - len(line)))
            self.width = len(line)
        else:
            fresh = stage != self.stage
            if elapsed < PLAIN_DELAY or (not fresh and now - self.last < PLAIN_INTERVAL):
                return
            self.stream.write(_line(stage, done, total, elapsed) + "\n")
        self.stage, self.last = stage, now
        self.stream.flush()

    def finish(self) -> None:
        if self.tty and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0


def _line(stage: str, done: int, total: int, elapsed: float) -> str:
    if total > 0:
        return f"进度：{stage} {done}/{total}（{done * 100 // total}%），已用 {elapsed:.0f} 秒"
    return f"进度：{stage} {done}，已用 {elapsed:.0f} 秒"


def wanted(args: argparse.Namespace) -> bool:
    """Progress is shown unless ``--quiet`` or a machine format was asked for."""
    if getattr(args, "quiet", False):
        return False
    fmt = getattr(args, "format", "text")
    return fmt in HUMAN_FORMATS


@contextmanager
def progress_for(args: argparse.Namespace, human: bool | None = None) -> Iterator[Progress | None]:
    """The progress callback for a command (None when none is wanted), cleared when the block ends."""
    if not (wanted(args) if human is None else human and not getattr(args, "quiet", False)):
        yield None
        return
    reporter = Reporter(sys.stderr, sys.stderr.isatty())
    try:
        yield reporter
    finally:
        reporter.finish()
