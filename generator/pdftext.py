"""The text of a PDF attachment, page by page, with bounded work and never an exception.

A society's attachment (``submissions/<cycle>/attachments/<slug>/*.pdf``) is read by every society in the
shared repository, so the privacy rules read its text as they read the data files' values. The text is
extracted with pypdf (pure Python, maintained), which already limits how far a compressed stream may
expand; on top of that a file larger than ``MAX_PDF_BYTES`` is not opened, only the first ``MAX_PAGES``
pages are read and each page's text is cut at ``MAX_PAGE_CHARS``. A file pypdf cannot open, an encrypted
one and any error while extracting come back as a ``problem`` (what was read before stays), never raised:
an attachment is untrusted input.
"""

from __future__ import annotations

import io
import warnings

from msgspec import Struct

MAX_PDF_BYTES = 12 * 1024 * 1024
MAX_PAGES = 40
MAX_PAGE_CHARS = 20_000

# Why a PDF was not (wholly) read: the variants of the privacy rules' notice (``generator.rules.privacy``).
TOO_LARGE = "too_large"
ENCRYPTED = "encrypted"
UNREADABLE = "unreadable"
TOO_MANY_PAGES = "too_many_pages"


class PdfText(Struct, frozen=True):
    pages: tuple[str, ...]  # the text of the pages read, in order (page n is pages[n - 1])
    problem: str | None = None  # TOO_LARGE, ENCRYPTED, UNREADABLE or TOO_MANY_PAGES
    page_count: int = 0  # how many pages the file has (0 when it could not be opened)


def pdf_text(raw: bytes) -> PdfText:
    """The text of ``raw``'s pages (at most ``MAX_PAGES``), or why not. Never raises."""
    if len(raw) > MAX_PDF_BYTES:
        return PdfText((), TOO_LARGE)
    import logging  # here: a check without PDF attachments does not load it

    log = logging.getLogger("pypdf")  # its modules' loggers inherit its level
    level = log.level
    log.setLevel(logging.CRITICAL + 1)  # pypdf logs what it repairs; a check's output is its findings
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _read(raw)
    finally:
        log.setLevel(level)


def _read(raw: bytes) -> PdfText:
    from pypdf import PdfReader  # only here: most checks read no PDF

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            return PdfText((), ENCRYPTED)
        count = len(reader.pages)
    except Exception:  # a hostile or broken file: pypdf's errors are many and not all its own
        return PdfText((), UNREADABLE)
    pages: list[str] = []
    for number in range(min(count, MAX_PAGES)):
        try:
            text = reader.pages[number].extract_text() or ""
        except Exception:
            return PdfText(tuple(pages), UNREADABLE, count)
        pages.append(text[:MAX_PAGE_CHARS])
    return PdfText(tuple(pages), TOO_MANY_PAGES if count > MAX_PAGES else None, count)
