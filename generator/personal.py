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
import os
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
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
MIN_ACCOUNT_DIGITS = 12  # a run of this many digits is an account number (unless a date or an amount)
_AMOUNT_TAIL = re.compile(r"\.[0-9]{1,2}(?![0-9])")
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


def compact_date(digits: str) -> bool:
    """``202611181030`` or ``20261118103000``: a date with a time of day, not an account."""
    if len(digits) not in (12, 14):
        return False
    try:
        date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return False
    hour, minute, second = int(digits[8:10]), int(digits[10:12]), int(digits[12:14] or 0)
    return 1900 <= int(digits[:4]) <= 2100 and hour < 24 and minute < 60 and second < 60


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


@cache
def _class_of(chars: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def _fold_table(text: str) -> dict[str, str]:
    return {c: f for c in set("".join(_UNFOLDED.findall(text))) if (f := fold_char(c)) != c}


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
    rest: dict[str, str] = {}
    for char, folded in table.items():
        if folded:
            rest[char] = folded
        else:  # a format character (the search index's zero-width spaces between words): at C speed
            text = text.replace(char, "")
    return _class_of(frozenset(rest)).sub(lambda m: rest[m.group()], text) if rest else text


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


# ------------------------------------------------------------------------------------------ recogniser
# One recogniser of personal numbers and e-mail addresses (``recognise``), used by the shared tree's PRIV
# rules and by the site's output scan alike. It reads a normal form (``normal_form``): full-width, circled
# and superscript digits are ASCII there already. Digits are every character Unicode knows as a decimal
# digit (``unicodedata.decimal``: Arabic-Indic, Devanagari …), the Chinese numerals, their financial forms
# and the forms used when reading numbers aloud (幺 1, 两 2, 洞 0, 拐 7, 勾 9), and the letter o for a zero
# inside a run of digits. A run of digits of one script is a group; groups form a chain when at most
# ``MAX_GAP`` characters lie between them and none is a letter, a digit or a line break (any separator:
# spaces, - . / , 、 * ~ ( ) …). A number is a window of whole groups of a chain whose digits are valid (a
# mobile number 1[3-9] + 9 digits, an ID number with its GB 11643 check character and a real date of
# birth, a card number passing Luhn) and whose grouping is one people write (``_shape_ok``). Every pattern
# here is a character class, a fixed alternation or a bounded count: no repetition inside repetition, so
# each runs in time linear in the text.
CHINESE_DIGITS = {
    **dict.fromkeys("〇○零洞", "0"), **dict.fromkeys("一幺壹", "1"), **dict.fromkeys("二两貳贰", "2"),
    **dict.fromkeys("三叁參", "3"), **dict.fromkeys("四肆", "4"), **dict.fromkeys("五伍", "5"),
    **dict.fromkeys("六陆陸", "6"), **dict.fromkeys("七拐柒", "7"), **dict.fromkeys("八捌", "8"),
    **dict.fromkeys("九勾玖", "9"),
}  # fmt: skip
MAX_GAP = 4  # characters between two groups of one number (four spaces, " - ", "）（")
_CHINESE_CLASS = "".join(CHINESE_DIGITS)
_RUN = re.compile(rf"[\do]+x?|[{_CHINESE_CLASS}]+x?")
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_LIST_MARKS = frozenset(",，、;；")
_DIGIT_TABLE = str.maketrans({"o": "0", **CHINESE_DIGITS})
_MOBILE_SIZES = frozenset({11, 13, 15})  # 138…, 86 138…, 0086 138…
MAX_WINDOW_DIGITS = 40  # the longest account number read across groups
MAX_NUMBER_GROUPS = 20  # a separator between every digit of a 19-digit card, and one more


@dataclass(frozen=True, slots=True)
class Recognised:
    """One piece of personal data in a normal form: its kind (``mobile``, ``id``, ``card``, ``account``,
    ``email``), its value (the digits, an ID's check character upper-case; the address as
    local@domain) and its span in the normal form."""

    kind: str
    value: str
    start: int
    stop: int


@dataclass(frozen=True, slots=True)
class _Group:
    digits: str
    start: int
    stop: int


def placeholder_number(digits: str) -> bool:
    """A number that is no one's by construction: at most three leading digits, then at least seven zeros
    (13000000000, 13800000000, 6200000000000000000). Documents and schema examples use these."""
    rest = digits.rstrip("0")
    return len(rest) <= 3 and len(digits) - len(rest) >= 7


def birth_date_valid(id_number: str) -> bool:
    """The date of birth in an ID number (characters 7–14) is a real date between 1900 and 2100."""
    try:
        born = date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return False
    return 1900 <= born.year <= 2100


def _digits_of(core: str) -> str:
    out = core.translate(_DIGIT_TABLE)
    if out.isascii():
        return out
    return "".join(c if c.isascii() else str(unicodedata.decimal(c, 0)) for c in out)


def _gap_ok(gap: str) -> bool:
    return len(gap) <= MAX_GAP and not any(c.isalnum() or c in _LINE_BREAKS for c in gap)


def _group_of(text: str, match: re.Match[str]) -> _Group | None:
    """The group a run of digits spells, or None when it is no number of its own: it touches a letter (a
    hex fingerprint, a word: the o of "no" is no zero), or it is o's alone."""
    raw = match.group()
    start, stop = match.span()
    check = raw.endswith("x")
    core = raw[:-1] if check else raw
    if not core.strip("o") or (check and core.endswith("o")):
        return None
    if (start and text[start - 1] in _LETTERS) or (stop < len(text) and text[stop] in _LETTERS):
        return None
    return _Group(_digits_of(core) + ("x" if check else ""), start, stop)


def digit_chains(
    text: str, start: int = 0, stop: int | None = None
) -> Iterator[tuple[list[_Group], list[str]]]:
    """The chains of digit groups of a normal form (or of ``text[start:stop]``, read in its place: what
    touches the span still counts), each with the gaps between its groups."""
    groups: list[_Group] = []
    gaps: list[str] = []
    for match in _RUN.finditer(text, start, len(text) if stop is None else stop):
        group = _group_of(text, match)
        if group is not None and groups and _gap_ok(gap := text[groups[-1].stop : group.start]):
            groups.append(group)
            gaps.append(gap)
            continue
        if groups:
            yield groups, gaps
        groups, gaps = ([group], []) if group is not None else ([], [])
    if groups:
        yield groups, gaps


def _mobile(digits: str) -> str:
    """The national mobile number ``digits`` spell (also after 86 or 0086), else ''."""
    national = digits[2:] if len(digits) == 13 and digits.startswith("86") else digits
    national = digits[4:] if len(digits) == 15 and digits.startswith("0086") else national
    return national if MOBILE.match(national) and not placeholder_number(national) else ""


def _by_digits(digits: str) -> str | None:
    """What ``digits`` are by themselves: "mobile" or "id"; "" when they cannot be a card or an account
    either (not all digits, too short, a placeholder); None when they may be one (the caller decides)."""
    if len(digits) in _MOBILE_SIZES and _mobile(digits):
        return "mobile"
    if len(digits) == 18 and id_number_valid(digits) and birth_date_valid(digits):
        return "id"
    if not digits.isdigit() or len(digits) < MIN_ACCOUNT_DIGITS or placeholder_number(digits):
        return ""
    return None


def _single(text: str, group: _Group) -> str:
    """The kind of personal number one group spells, written as one run of digits, else ''."""
    digits = group.digits.upper()
    known = _by_digits(digits)
    if known is not None:
        return known
    if 16 <= len(digits) <= 19 and luhn_valid(digits):
        return "card"
    if _AMOUNT_TAIL.match(text, group.stop) or (group.start and text[group.start - 1] == "."):
        return ""  # an amount (150000000000.00), or the decimals of one
    return "" if compact_date(digits) else "account"


def _shape_ok(kind: str, groups: list[_Group], gaps: list[str], edges: tuple[str | None, str | None]) -> bool:
    """Whether digits written in groups of ``sizes`` with ``gaps`` between them are written as a number of
    ``kind`` is: one separator throughout (``uniform``) in any grouping, the whole run of that separator
    (``whole``: what lies beyond either end is another separator or nothing) when its groups are short;
    groups of at least three digits with mixed separators (``138(0000)0091``), not a list (, 、 ;). Not
    an amount in thousands (13,800,000,091) nor a list of years (2023/2024/2025/2026)."""
    sizes = [len(g.digits) for g in groups]
    years = [g.digits for g in groups]
    uniform = len(set(gaps)) == 1
    whole = uniform and all(edge is None or edge != gaps[0] for edge in edges)
    fours = uniform and all(s == 4 for s in sizes[:-1]) and sizes[-1] <= 4
    wide = min(sizes) >= 3 and not any(c in _LIST_MARKS for gap in gaps for c in gap)
    if uniform and gaps[0].strip() in (",", "，") and max(sizes[1:]) == min(sizes[1:]) == 3:
        return False  # thousands: 13,800,000,091
    if all(s == 4 for s in sizes) and all(y.startswith(("19", "20")) for y in years):
        return False  # years: 2023/2024/2025/2026
    if kind == "mobile":
        return (uniform and (min(sizes) >= 3 or whole)) or wide
    if kind == "id":  # the last group may be short: 110105 19491231 002 x
        return uniform or (min(sizes[:-1]) >= 3 and not any(c in _LIST_MARKS for gap in gaps for c in gap))
    if kind == "card":
        return fours or whole
    return fours  # an account number: 6222 0000 0000 0000 191


def _window_kind(digits: str) -> str:
    known = _by_digits(digits)
    if known is not None:
        return known
    return "card" if 16 <= len(digits) <= 19 and luhn_valid(digits) else "account"


def _windows(text: str, groups: list[_Group], gaps: list[str], *, prune: bool = True) -> Iterator[Recognised]:
    """Every number in one chain: each group alone, and each window of two or more whole groups (without
    ``prune`` every window is tried: the plain path, which tests/test_recogniser.py compares)."""
    for i, group in enumerate(groups):
        if len(group.digits) >= 5 and (kind := _single(text, group)):
            yield Recognised(kind, _value(kind, group.digits), group.start, group.stop)
        total = len(group.digits)
        uniform, shortest_head, listed = True, MAX_WINDOW_DIGITS, False
        for j in range(i + 1, min(len(groups), i + MAX_NUMBER_GROUPS)):
            if "x" in groups[j - 1].digits:
                break  # a check character ends a number
            total += len(groups[j].digits)
            if total > MAX_WINDOW_DIGITS:
                break
            # What every kind's shape needs (``_shape_ok``): one separator throughout, or groups of three
            # digits or more but the last with no list mark between them. A longer window from the same
            # group keeps every gap and group of this one: once neither holds, no longer window is a number.
            uniform = uniform and gaps[j - 1] == gaps[i]
            shortest_head = min(shortest_head, len(groups[j - 1].digits))
            listed = listed or any(c in _LIST_MARKS for c in gaps[j - 1])
            if prune and not uniform and (shortest_head < 3 or listed):
                break
            if total < 11:
                continue
            digits = "".join(g.digits for g in groups[i : j + 1]).upper()
            kind = _window_kind(digits)
            edges = (gaps[i - 1] if i else None, gaps[j] if j < len(gaps) else None)
            if kind and _shape_ok(kind, groups[i : j + 1], gaps[i:j], edges):
                yield Recognised(kind, _value(kind, digits), group.start, groups[j].stop)


def _value(kind: str, digits: str) -> str:
    return _mobile(digits) if kind == "mobile" else digits.upper()


# Where a chain of ``digit_chains`` can lie: runs joined by gaps ``_gap_ok`` accepts (at most four characters,
# none a letter, digit or line break: ``[\W_]`` is what ``str.isalnum`` rejects). Each match is a whole
# stretch of runs and acceptable gaps, so no chain crosses its ends; a stretch shorter than eleven characters
# holds no chain of eleven digits and is passed over without looking at its runs one by one. The look-ahead
# after the first digit passes over most short stretches inside the regular-expression engine: where ten
# characters runs or gaps are made of do not follow, no later place of the stretch can start a match either.
_GAP_CHAR = r"(?:[^\w\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]|_)"
_RUN_CHAR = rf"[\do{_CHINESE_CLASS}]"
_CHAIN_STRETCH = re.compile(
    rf"{_RUN_CHAR}(?=(?:[\do{_CHINESE_CLASS}x]|{_GAP_CHAR}){{10}}){_RUN_CHAR}*x?(?:{_GAP_CHAR}{{0,4}}{_RUN_CHAR}+x?)*"
)


def _numbers_of_chain(text: str, groups: list[_Group], gaps: list[str]) -> list[Recognised]:
    if sum(len(g.digits) for g in groups) < 11:
        return []
    kept: list[Recognised] = []
    for item in sorted(_windows(text, groups, gaps), key=lambda r: (r.start, -r.stop)):
        if not any(k.start <= item.start and item.stop <= k.stop for k in kept):
            kept.append(item)
    return kept


def recognise_numbers(text: str) -> list[Recognised]:
    """The personal numbers in a normal form, a number inside a longer one left out (86 138 0000 0091 is
    one mobile number, 1101 0519 4912 3100 2x one ID number). Only the stretches where a chain of eleven
    digits can lie are read (``_CHAIN_STRETCH``); the same as ``recognise_numbers_plain`` (tested)."""
    found: list[Recognised] = []
    for stretch in _CHAIN_STRETCH.finditer(text):
        start, stop = stretch.span()
        if stop - start >= 11:
            for groups, gaps in digit_chains(text, start, stop):
                found += _numbers_of_chain(text, groups, gaps)
    return found


def recognise_numbers_plain(text: str) -> list[Recognised]:
    """``recognise_numbers`` reading every chain of the whole text: the reference."""
    found: list[Recognised] = []
    for groups, gaps in digit_chains(text):
        found += _numbers_of_chain(text, groups, gaps)
    return found


# -------------------------------------------------------------------------------------------- e-mail
# After normalising (case-folded, NFKC: ＠ and ﹫ are @, ． is .): an @ or its disguises ([at], (at), （at）,
# 【at】, " at ", 艾特, 小老鼠, 圈a, # between two address characters), and a dot or its disguises (。, [dot],
# (dot), " dot ", 点). Brackets are ASCII or full-width (which the normal form keeps as written).
_OPEN_CHARS = "[(（【［<＜{｛〔「"
_OPEN = f"[{re.escape(_OPEN_CHARS)}]"
_CLOSE = r"[\])）】］>＞}｝〕」]"
_AT_PLAIN = re.compile(
    rf" ?{_OPEN} ?(?:at|艾特) ?{_CLOSE} ?|@| at |艾特|小老鼠|圈a|(?<=[a-z0-9])[#＃](?=[a-z0-9])"
)
# The same marks, each alternative starting with one character written out, in the same order at every
# place (a bracketed "at" after a space before " at "): the regular-expression engine then skips every place
# that starts none of them without trying the alternatives there. ``_AT_PLAIN`` is the statement it equals
# (tests/test_recogniser.py).
_AT = re.compile(
    "|".join(
        [
            rf" (?:{_OPEN} ?(?:at|艾特) ?{_CLOSE} ?|at )",
            *(rf"{re.escape(o)} ?(?:at|艾特) ?{_CLOSE} ?" for o in _OPEN_CHARS),
            "@",
            "艾特",
            "小老鼠",
            "圈a",
            *(rf"{h}(?<=[a-z0-9]{h})(?=[a-z0-9])" for h in "#＃"),
        ]
    )
)
_DOT = re.compile(rf" ?{_OPEN} ?(?:dot|点) ?{_CLOSE} ?| dot |\.|。|点")
_LABEL = re.compile(r"[a-z0-9\-]{1,63}")
_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._%+-")
MAX_LOCAL = 64
# The last label of a disguised address (written with [at], " at ", # …) must be one of these: "available
# at example.org" in English text is no address, "zhangsan at qq dot com" is.
MAIL_TLDS = frozenset(
    "com cn net org edu gov info biz io me cc tv co uk hk tw mo jp kr sg us de fr email mail top xyz vip ac".split()
)


def _local_before(text: str, at: int) -> int:
    """Where the local part ending at ``at`` starts (``at`` itself when there is none), at most
    ``MAX_LOCAL`` characters back."""
    start = at
    while start > 0 and at - start < MAX_LOCAL and text[start - 1] in _LOCAL_CHARS:
        start -= 1
    while start < at and text[start] == ".":
        start += 1
    return start


def _domain_after(text: str, pos: int) -> tuple[list[str], int]:
    """The labels of a domain starting at ``pos`` (joined by dots or their disguises) and where it ends."""
    labels: list[str] = []
    while (label := _LABEL.match(text, pos)) is not None:
        labels.append(label.group())
        pos = label.end()
        dot = _DOT.match(text, pos)
        if dot is None or _LABEL.match(text, dot.end()) is None:
            break
        pos = dot.end()
    return labels, pos


PLACEHOLDER_LOCALS = frozenset({"zhangsan", "lisi", "wangwu", "someone", "example", "user", "name", "office"})
EXAMPLE_DOMAINS = frozenset({"example.org", "example.com", "example.net"})


def placeholder_address(address: str) -> bool:
    """An address that is no one's by construction: a placeholder name (zhangsan, the 张三 of the forms'
    examples; office, a role) at a domain reserved for examples (RFC 2606: example.org …). Schema examples use
    these: the published schemas are part of every site, whatever the programme's own addresses are."""
    local, _, domain = address.partition("@")
    return local in PLACEHOLDER_LOCALS and domain in EXAMPLE_DOMAINS


def _disguise_ok(mark: str, local: str, labels: list[str], domain: str) -> bool:
    """A disguised @ makes an address only before a mail domain (a known last label, no www). Spelt " at "
    (English text: "available at example.org" is a website), also only when the local part is no plain
    word (it has a digit, . _ or -), the domain is a public mail provider's, or the dot is disguised too."""
    if labels[-1] not in MAIL_TLDS or labels[0] == "www":
        return False
    if mark != " at ":
        return True
    plain_word = local.isalpha()
    return not plain_word or public_mail_domain(".".join(labels)) or "." not in domain


def recognise_emails(text: str) -> list[Recognised]:
    """The e-mail addresses in a normal form, written plainly or with the @ and the dots disguised."""
    found: list[Recognised] = []
    for mark in _AT.finditer(text):
        start = _local_before(text, mark.start())
        local = text[start : mark.start()].rstrip(".")
        labels, stop = _domain_after(text, mark.end())
        if not local or len(labels) < 2:
            continue
        if mark.group() != "@" and not _disguise_ok(mark.group(), local, labels, text[mark.end() : stop]):
            continue
        address = f"{local}@{'.'.join(labels)}"
        if not placeholder_address(address):
            found.append(Recognised("email", address, start, stop))
    return found


def recognise(text: str) -> list[Recognised]:
    """Every piece of personal data in a normal form (``normal_form``): numbers, then addresses."""
    return recognise_numbers(text) + recognise_emails(text)


# --------------------------------------------------------------------------------- public mail providers
# Domains anyone can get an address at: an address there is a person's, whatever a profile's website says.
PUBLIC_MAIL_DOMAINS = frozenset(
    """qq.com vip.qq.com foxmail.com 163.com 126.com yeah.net 188.com vip.163.com vip.126.com netease.com
    sina.com sina.cn vip.sina.com sohu.com 139.com 189.cn wo.cn aliyun.com tom.com 21cn.com 263.net
    gmail.com googlemail.com outlook.com hotmail.com live.com msn.com yahoo.com yahoo.com.cn icloud.com
    me.com mac.com aol.com proton.me protonmail.com gmx.com mail.com yandex.com zoho.com""".split()
)


def public_mail_domain(domain: str) -> bool:
    """Whether ``domain`` is a public mail provider's or one of its subdomains (mail.qq.com)."""
    labels = domain.lower().strip(".").split(".")
    return any(".".join(labels[i:]) in PUBLIC_MAIL_DOMAINS for i in range(len(labels) - 1))


# -------------------------------------------------------------------------------------------- prefilter
# Whether a raw text (a file as written, or one scalar) may hold something ``recognise`` finds in its
# normal form: a mark that is, or decodes or folds to, an @ or one of its disguises (& and \ start a
# character reference or an escape), or eleven characters that may be digits (anything but ASCII letters,
# CJK ideographs that are not numerals, ASCII punctuation and spaces, and common Chinese punctuation) in a
# stretch that no letter but o and x interrupts (``_stretch_may_hold``). A superset of what the recogniser
# needs: a line break does not interrupt (YAML folds it into a space), gaps are not bounded.
_MARK_CHARS = ("@", "\uff20", "\ufe6b", "&", "\\", "艾特", "小老鼠", "圈")
_AT_WORD = re.compile(r"(?<![a-zA-Z])[aAａＡ][tTｔＴ](?![a-zA-Z])")
_HASH = re.compile(r"[\w.\-][#＃]\w")
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))


def _breaker_class() -> str:
    """ASCII letters but o and x, and the CJK ideographs but the numerals, as a character class."""
    numerals = sorted(ord(c) for c in CHINESE_DIGITS if "\u3400" <= c <= "\u9fff")
    parts = ["a-nA-Np-wP-WyzYZ"]
    for low, high in _CJK_RANGES:
        at = low
        for n in [n for n in numerals if low <= n <= high] + [high + 1]:
            if at < n:
                parts.append(f"\\u{at:04x}-\\u{n - 1:04x}")
            at = n + 1
    return "".join(parts)


@cache
def _stretch() -> re.Pattern[str]:
    """Eleven characters or more that may be digits (compiled when first used: the reference path only)."""
    return re.compile(f"[^{_breaker_class()}]{{11,}}")


# Not digit-like, here and in ``native/personalcore.c``:
CHINESE_PUNCTUATION = "，。、：；（）《》“”‘’！？【】…—·〔〕「」"
_NOT_DIGIT_LIKE = re.compile(rf"[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f\s{CHINESE_PUNCTUATION}]+")


# The same test without trying a pattern at every position (``may_hold_personal`` is the quick one, used; the
# reference ``may_hold_personal_reference`` is the plain statement above; tests/test_privacy_prefilter.py
# compares them). A spelt "at" is found by its two letters, then the reference pattern confirms it in place;
# a "#" likewise; a stretch by its digit-like characters (neither a breaker nor ``_NOT_DIGIT_LIKE``): the
# first digit-like character of a stretch starts a match that runs through its last one, so each stretch that
# holds eleven of them is found once, holding the same digit-like characters as the whole stretch.
_AT_LETTERS = re.compile(r"[aAａＡ][tTｔＴ](?![a-zA-Z])")
_NOT_DIGIT_LIKE_CLASS = rf"\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f\s{CHINESE_PUNCTUATION}"
_DIGIT_LIKE = f"[^{_breaker_class()}{_NOT_DIGIT_LIKE_CLASS}]"


@cache
def _digit_like_run() -> re.Pattern[str]:
    """From a digit-like character through ten more (compiled when first used: not on the compiled path)."""
    return re.compile(f"{_DIGIT_LIKE}(?:[{_NOT_DIGIT_LIKE_CLASS}]*{_DIGIT_LIKE}){{10,}}")


def may_hold_personal_reference(text: str) -> bool:
    """The cheap test before normalising (see above), as first written: the reference for
    ``may_hold_personal``."""
    if any(mark in text for mark in _MARK_CHARS) or _AT_WORD.search(text):
        return True
    if ("#" in text or "＃" in text) and _HASH.search(text):
        return True
    return any(_stretch_may_hold(m.group()) for m in _stretch().finditer(text))


def _spelt_hash(text: str) -> bool:
    for mark in ("#", "＃"):
        at = text.find(mark)
        while at >= 0:
            if at and _HASH.match(text, at - 1):
                return True
            at = text.find(mark, at + 1)
    return False


def may_hold_personal_python(text: str) -> bool:
    """The cheap test before normalising (see above): False only when ``recognise`` finds nothing in the
    normal form of ``text``. Answers exactly what ``may_hold_personal_reference`` answers."""
    if any(mark in text for mark in _MARK_CHARS):
        return True
    if any(_AT_WORD.match(text, found.start()) for found in _AT_LETTERS.finditer(text)):
        return True
    if _spelt_hash(text):
        return True
    # eleven digit-like characters are needed, each at least one character of the text
    return len(text) >= 11 and any(_stretch_may_hold(m.group()) for m in _digit_like_run().finditer(text))


def compiled_test() -> Callable[[str], bool] | None:
    """The same test compiled (``generator.personalcore``, one pass over the code points) when it was built at
    install and ``XUEHUI_PURE_PERSONAL`` does not ask for the Python one; else None."""
    if os.environ.get("XUEHUI_PURE_PERSONAL", "") not in ("", "0"):
        return None
    try:
        from generator import personalcore
    except ImportError:  # not built (no compiler at install): the Python test
        return None
    personalcore.configure("".join(c for c in CHINESE_DIGITS if "\u3400" <= c <= "\u9fff"))
    return personalcore.may_hold


may_hold_personal: Callable[[str], bool] = compiled_test() or may_hold_personal_python
"""The cheap test the scan uses: compiled when built, else the Python one (both equal the reference)."""


def _stretch_may_hold(stretch: str) -> bool:
    """Eleven characters that may be digits: more, or any not ASCII, may hold a number; exactly eleven
    ASCII ones only a mobile number written with all of them (1, then 3–9)."""
    chars = _NOT_DIGIT_LIKE.sub("", stretch)
    if len(chars) != 11 or not chars.isascii():
        return len(chars) >= 11
    return chars[0] == "1" and chars[1] in "3456789"
