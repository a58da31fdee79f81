"""Where the comments of a YAML text are: the text after a ``#`` that starts a line or follows white space,
outside every scalar, with its line and column.

libyaml's scanner drops comments, so they are found around its tokens: a ``#`` is a comment when no token's
span holds it (a ``#`` inside a quoted string, a plain scalar such as ``a#b``, a flow collection's quoted
item or a block scalar's lines is part of that scalar). A block scalar's token starts at its indicator and
spans its header line, where a comment may follow the indicators (``key: |  # note``): that line is left
out of the span. Where the scanner stops on a syntax error, a ``#`` past the last token it gave is taken
only when it starts its line (after blanks): past an error nothing tells a quoted ``#`` from a comment.

Pure and cheap for the caller's common case: ``comments`` first finds every ``#`` that could start a
comment, keeps those whose text ``wanted`` accepts, and runs the scanner only when one is left.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from typing import Any

from msgspec import Struct

_BREAK_CHARS = "\r\n"  # LF, CRLF and a lone CR end a line, as for the loader (the others are refused)
_BREAK = re.compile(r"\r\n|[\r\n]")
# A # at the start of the text or after a blank or a line break, with the rest of its line (looked ahead,
# so that a # inside a quoted string does not swallow a comment after the string on the same line).
_HASH = re.compile(rf"(?:(?<=[ \t{_BREAK_CHARS}])|^)#(?=([^{_BREAK_CHARS}]*))")


class Comment(Struct, frozen=True):
    line: int  # 1-based, as the loader's positions
    column: int  # 1-based, of the #
    text: str  # what follows the #


def comments(text: str, wanted: Callable[[str], bool] | None = None) -> list[Comment]:
    """Every comment of ``text`` (those whose text ``wanted`` accepts), in order. Never raises."""
    hashes = list(_HASH.finditer(text))
    if not any(wanted is None or wanted(m.group(1)) for m in hashes):
        return []
    spans, scanned_to = _token_spans(text)
    starts = [start for start, _ in spans]
    line_starts = [0, *(m.end() for m in _BREAK.finditer(text))]
    found: list[Comment] = []
    for match in hashes:
        at = match.start()
        line = bisect_right(line_starts, at)
        if found and found[-1].line == line:
            continue  # a # inside a comment
        if scanned_to is not None and at >= scanned_to:
            if text[line_starts[line - 1] : at].strip(" \t"):
                continue  # past a syntax error: only a comment that starts its line
        else:
            i = bisect_right(starts, at) - 1
            if i >= 0 and at < spans[i][1]:
                continue  # inside a token: part of a scalar (or an anchor, a tag)
        found.append(Comment(line, at - line_starts[line - 1] + 1, match.group(1)))
    return [c for c in found if wanted is None or wanted(c.text)]


def _token_spans(text: str) -> tuple[list[tuple[int, int]], int | None]:
    """The (start, end) character spans of the scanner's tokens, sorted, and None, or, when the scanner
    stopped on an error, the end of the last token it gave."""
    import yaml  # only when comments are read: a one-file check mostly reads none
    from yaml._yaml import CParser

    spans: list[tuple[int, int]] = []
    parser = CParser(text)
    try:
        while (token := parser.get_token()) is not None:
            span = _span(text, token)
            if span is not None:
                spans.append(span)
    except (yaml.YAMLError, RecursionError, MemoryError, ValueError, TypeError):
        return spans, max((end for _, end in spans), default=0)
    finally:
        parser.dispose()
    return spans, None


def _span(text: str, token: Any) -> tuple[int, int] | None:
    import yaml

    start: int = token.start_mark.index
    end: int = token.end_mark.index
    if end <= start:
        return None
    if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">"):
        header_end = _BREAK.search(text, start)  # the header line may hold a comment
        start = header_end.start() if header_end is not None else end
        if end <= start:
            return None
    return (start, end)
