"""Recognising personal data in text: the normal form texts are compared in, and the shapes of personal
numbers. Base helpers, used both by the shared tree's privacy rules (``generator.rules.privacy``) and by the
privacy scan of the built site (``generator.site.privacy``), so that both read a text the same way.

Texts are compared after normalising them (``normalise``): JSON ``\\uXXXX`` escapes and HTML character
references are decoded (repeatedly, up to ``ENTITY_ROUNDS`` times, so ``&amp;#64;`` is ``@``), every
character is folded with NFKC and case folding (full-width ``１３８`` is ``138``, ``Ａ`` is ``a``) and format
characters (zero-width spaces, soft hyphens, joiners) are dropped. Numbers are then read across the
separators people write inside them (spaces, hyphens, dots, dashes; a no-break or an ideographic space folds
to a space): ``138-0000-0091``, ``138 0000 0091`` and ``6222 0000 0000 0000 191`` are the numbers they spell
(``digit_windows``). A normal form remembers where each block of it came from (``Normalised.origin``), so a
match can be mapped back to the original spelling.

Everything runs in time linear in the text: a case fold and a few regular expressions with no nested
repetition, block by block (about 64 KB each).
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from typing import Any

ENTITY_ROUNDS = 4  # &amp;amp;#64; is decoded in three rounds; a fourth is a margin
# Python's own pattern for a character reference (html.unescape), with the same bounds.
_CHARREF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
_JSON_ESCAPE = re.compile(
    r"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})"
)
# Separators people write inside a number (after folding: a no-break, thin or ideographic space is a space,
# a full-width hyphen or full stop is ASCII).
SEPARATORS = " -.\u2010\u2012\u2013\u2014\u2212"
_SEP = "[" + re.escape(SEPARATORS) + "]"
# Digit groups joined by one to three separators; an ID number may end in x (the text is case-folded).
# Groups and separators are disjoint, so each match is found in one pass.
_GROUPS = re.compile(rf"[0-9]+(?:{_SEP}{{1,3}}[0-9]+)*x?")
_GROUP = re.compile(r"[0-9]+x?")
_FIVE = re.compile(r"[0-9]{5}")
_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")
MOBILE = re.compile(r"1[3-9][0-9]{9}\Z")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
MAX_WINDOW_GROUPS = 8  # a number is written in at most this many groups (3-4-4, 4-4-4-4-3, 6-4-4-4 …)
# Where the original text is cut into blocks that normalise independently (no character reference or
# JSON escape contains one of these characters), so a match can be mapped back without redoing the file.
_CUT = re.compile("[ <&\n\t]")
_BLOCK = 1 << 16


# --------------------------------------------------------------------------------------------- numbers
def id_number_valid(text: str) -> bool:
    """GB 11643: the 18th character checks the first 17 digits."""
    if len(text) != 18 or not text[:17].isdigit():
        return False
    total = sum(int(c) * w for c, w in zip(text[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == text[17].upper()


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


# ----------------------------------------------------------------------------------------- normalising
# ASCII punctuation that no private value, number or label contains: a character folding to these only
# (，：；（）！？ in Chinese text) is left as written.
_UNMATCHED_PUNCTUATION = frozenset(",:;!?()[]{}\"'*/|~`^<>=%$&#")


@cache
def fold_char(ch: str) -> str:
    """One character as it is compared: NFKC, case-folded, NFKC again; a format character (Cf: zero-width
    spaces and joiners, soft hyphen, bidi marks, tag characters) is nothing. A character that folds to ASCII
    punctuation no match depends on (，：（） in Chinese text) is kept as written: most of the text is then
    left alone, and the fold stays cheap."""
    if unicodedata.category(ch) == "Cf":
        return ""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", ch).casefold())
    folded = "".join(c for c in folded if unicodedata.category(c) != "Cf")
    if folded and all(c in _UNMATCHED_PUNCTUATION for c in folded):
        return ch
    return folded


def _decoded(text: str) -> str:
    """A decoded character (JSON escape or HTML reference) never makes a line break, so the lines of a text
    and of its normal form correspond one to one."""
    return text.replace("\n", " ").replace("\r", " ")


def _json_char(match: re.Match[str]) -> str:
    if match.group(3) is not None:
        return _decoded(chr(int(match.group(3), 16)))
    high, low = int(match.group(1), 16), int(match.group(2), 16)
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def _entity(match: re.Match[str]) -> str:
    return _decoded(html.unescape(match.group()))


# Characters that never fold: ASCII (case folding is done for the whole text first) and the CJK ideographs.
_UNFOLDED = re.compile(r"[^\x00-\x7f\u3400-\u4dbf\u4e00-\u9fff]+")


def _fold_table(text: str) -> dict[str, str]:
    return {c: f for c in set("".join(_UNFOLDED.findall(text))) if (f := fold_char(c)) != c}


@cache
def _class_of(chars: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


# For the JSON escapes decoded at C speed: a backslash that starts no \uXXXX escape is doubled, an escaped
# line break is a space (``_decoded``), then Python's unicode_escape codec reads the text and escaped
# surrogate pairs are joined (as ``_json_char`` does, one escape at a time).
_NOT_U_ESCAPE = re.compile(r"\\(?!u[0-9a-fA-F]{4})")
_LINE_ESCAPE = re.compile(r"\\u000[aAdD]")


def _json_unescaped(text: str) -> str:
    text = _LINE_ESCAPE.sub(r"\\u0020", _NOT_U_ESCAPE.sub(r"\\\\", text))
    text = text.encode("latin-1", "backslashreplace").decode("unicode_escape")
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def _normalise_block(text: str) -> str:
    if "\\u" in text:
        text = _json_unescaped(text)
    for _ in range(ENTITY_ROUNDS):
        if "&" not in text:
            break
        decoded = _CHARREF.sub(_entity, text)
        if decoded == text:
            break
        text = decoded
    text = text.casefold()
    table = _fold_table(text)
    return _class_of(frozenset(table)).sub(lambda m: table[m.group()], text) if table else text


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Spans of ``text`` about ``_BLOCK`` long, each starting at a cut character (or 0)."""
    start, end = 0, len(text)
    while start < end:
        stop = start + _BLOCK
        if stop >= end:
            yield start, end
            return
        found = _CUT.search(text, stop)
        cut = found.start() if found else end
        yield start, cut
        start = cut


@dataclass(frozen=True, slots=True)
class Normalised:
    """A text in normal form, with where each block of it came from in the original."""

    original: str
    text: str
    starts: tuple[int, ...]  # where each block starts in ``text``
    sources: tuple[tuple[int, int], ...]  # the block's span in ``original``

    def origin(self, start: int, stop: int) -> str:
        """The original text that the normal form's ``text[start:stop]`` was made from."""
        if not self.starts or start >= len(self.text):
            return ""
        first = bisect_right(self.starts, start) - 1
        last = bisect_right(self.starts, max(stop - 1, start)) - 1
        o_start, _ = self.sources[first]
        _, o_stop = self.sources[last]
        spans = _precise(self.original[o_start:o_stop])
        base = self.starts[first]
        a, b = start - base, stop - base
        if not spans or a >= len(spans):
            return self.original[o_start:o_stop]
        lo = spans[a][0]
        hi = spans[min(b, len(spans)) - 1][1]
        return self.original[o_start + lo : o_start + hi]


def normalise(text: str) -> Normalised:
    """The normal form of ``text`` (see the module's description), block by block."""
    starts: list[int] = []
    sources: list[tuple[int, int]] = []
    parts: list[str] = []
    length = 0
    for start, stop in _blocks(text):
        starts.append(length)
        sources.append((start, stop))
        part = _normalise_block(text[start:stop])
        parts.append(part)
        length += len(part)
    return Normalised(text, "".join(parts), tuple(starts), tuple(sources))


def normal_form(text: str) -> str:
    return normalise(text).text


@lru_cache(maxsize=16)  # many leaks in one block (a search index) map it once
def _precise(text: str) -> tuple[tuple[int, int], ...]:
    """For each character of ``_normalise_block(text)``: the span of ``text`` it was made from. The same
    steps as ``_normalise_block``, one piece at a time (slow: used only to report a leak)."""
    chars: list[str] = list(text)
    spans: list[tuple[int, int]] = [(i, i + 1) for i in range(len(text))]

    def step(pattern: re.Pattern[str], replace: Any) -> bool:
        nonlocal chars, spans
        current = "".join(chars)
        new_chars: list[str] = []
        new_spans: list[tuple[int, int]] = []
        pos = 0
        changed = False
        for match in pattern.finditer(current):
            new_chars.extend(chars[pos : match.start()])
            new_spans.extend(spans[pos : match.start()])
            out = replace(match)
            pos = match.end()
            if (
                out == match.group()
            ):  # left as it was (an unknown entity name): its characters keep their spans
                new_chars.extend(chars[match.start() : pos])
                new_spans.extend(spans[match.start() : pos])
                continue
            changed = True
            new_chars.extend(out)
            new_spans.extend([(spans[match.start()][0], spans[pos - 1][1])] * len(out))
        new_chars.extend(chars[pos:])
        new_spans.extend(spans[pos:])
        chars, spans = new_chars, new_spans
        return changed

    if "\\u" in text:
        step(_JSON_ESCAPE, _json_char)
    for _ in range(ENTITY_ROUNDS):
        if "&" not in "".join(chars) or not step(_CHARREF, _entity):
            break
    out_spans: list[tuple[int, int]] = []
    for ch, span in zip(chars, spans, strict=True):
        folded = "".join(c if c.isascii() else fold_char(c) for c in ch.casefold())
        out_spans.extend([span] * len(folded))
    return tuple(out_spans)


def digit_windows(
    text: str, sizes: frozenset[int] = frozenset(range(5, 41))
) -> Iterator[tuple[int, int, list[tuple[int, int]], bool]]:
    """Every digit group of the normal form ``text`` of at least five characters, and every window of two
    to ``MAX_WINDOW_GROUPS`` consecutive groups with as many digits as one of ``sizes``: (start, stop, the
    groups' spans, whether the separators between them are all the same). A run touching a letter or digit
    is not a number of its own (a hex fingerprint): the touching group is left out."""
    end = len(text)
    shortest = min(sizes, default=5)
    for match in _GROUPS.finditer(text):
        start, stop = match.span()
        if stop - start < 5:
            continue
        run = match.group()
        if run.isdigit() or (run[:-1].isdigit() and run[-1] == "x"):  # one group, the common case
            if (start and text[start - 1] in _ALNUM) or (stop < end and text[stop] in _ALNUM):
                continue
            yield start, stop, [(start, stop)], True
            continue
        if stop - start < shortest and not _FIVE.search(run):
            continue  # too short for a window worth a look, and no group of five digits (a date)
        groups = [m.span() for m in _GROUP.finditer(text, start, stop)]
        if start and text[start - 1] in _ALNUM:
            groups = groups[1:]
        if stop < end and text[stop] in _ALNUM:
            groups = groups[:-1]
        lengths = [b - a for a, b in groups]
        seps = [text[a[1] : b[0]] for a, b in pairwise(groups)]
        for i in range(len(groups)):
            if lengths[i] >= 5:
                yield groups[i][0], groups[i][1], groups[i : i + 1], True
            size = lengths[i]
            for j in range(i + 1, min(len(groups), i + MAX_WINDOW_GROUPS)):
                size += lengths[j]
                if size in sizes:
                    yield groups[i][0], groups[j][1], groups[i : j + 1], len(set(seps[i:j])) <= 1
