"""Reading a spreadsheet (.xlsx) as rows of values (openpyxl, read-only, values only)."""

from __future__ import annotations
