"""The exit codes and the two errors a command raises for ``generator.cli`` to turn into them."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_BUG = 3
EXIT_FORGE_UNAVAILABLE = 4
EXIT_INTERRUPTED = 130  # as shells count Ctrl+C


class UsageError(Exception):
    """Bad arguments or paths: exit 2 with the message."""


class ActionFailed(Exception):
    """An action that could not be completed (a full disk …): exit 1 with the message."""
