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
  workers itself, is the one to report it.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from typing import Any

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int, *unused: Any) -> None:
    """Called first in a forked worker: tie its life to ``parent_pid`` and close ``unused`` connections."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
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
