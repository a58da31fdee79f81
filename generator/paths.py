"""Where the shared tree's files live: the folder and the form of a society's or an expert's code."""

from __future__ import annotations

SUBMISSIONS = "submissions"

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"  # a society's or an expert's code, as a regular expression
