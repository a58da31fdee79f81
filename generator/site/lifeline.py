"""Forked build workers end with the process that forked them.

``xuehui build`` forks mkdocs (``build.MkdocsRunner``), which forks the search indexer
(``searchworker.OffloadedIndex``). Killed at the wrong moment (``kill -9``, an out-of-memory kill, a closed
terminal) the parent leaves such a worker behind: about 100 MB each, waiting forever on a pipe nobody
writes to. So each worker, first thing:

- asks Linux to kill it when its parent goes (``prctl(PR_SET_PDEATHSIG, SIGKILL)``; the signal follows the
  thread that forked, which in the build is always the process's main thread);
- checks that the parent is still the one that forked it (it may have died before the ``prctl``);
- closes its copies of the pipe ends that belong to the other side (``close_unused``), so that on any
  system a worker waiting for a message gets end-of-file as soon as its parent is gone;
- ignores Ctrl+C: the terminal sends it to the whole process group, and the parent, which stops its
  workers itself, is the one to report it. The parent holds Ctrl+C back while it forks
  (``sigint_deferred``), so a worker never sees one before it has set that up, and the parent is never
  interrupted halfway through starting or stopping a process (which leaves multiprocessing's bookkeeping
  broken, and a traceback at exit).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int, *unused: Any) -> None:
    """Called first in a forked worker: tie its life to ``parent_pid`` and close ``unused`` connections."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # held back by the parent's fork
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:
        os._exit(1)
    close_unused(*unused)


def close_unused(*connections: Any) -> None:
    for connection in connections:
        try:
            connection.close()
        except OSError:
            pass


@contextmanager
def sigint_deferred() -> Iterator[None]:
    """Hold Ctrl+C back in this thread until the block ends (then it is raised as usual)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
