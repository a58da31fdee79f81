"""The privacy scan of the built site: every output file (the search index, the feed, the open data and the
published JSON Schemas included) is searched for the private values of the shared tree (officers' names,
maintainers' logins, and a contact block or bank account should one ever be there again; the experts'
identities live in the committee repository and never reach the build) and for shapes of
private numbers (mobile phones, ID numbers with a valid GB 11643 check digit, card numbers passing Luhn,
other long digit runs), with an allowlist for the societies' validated credit codes. Any hit fails the
build. (``search/search_index.js``, the hook's copy of the JSON index as a script, is scanned through that index
when it is byte for byte what the hook makes of it: ``build._derived_index``.)

Texts are compared in the normal form of ``generator.personal`` (``normalise``), the same way for the
output and for the private values: JSON ``\\uXXXX`` escapes and HTML character references decoded, every
character folded with NFKC and case folding, format characters dropped; numbers are matched across the
separators people write inside them (``138-0000-0091``, ``138 0000 0091`` and ``6222 0000 0000 0000 191`` are
the numbers they spell). Names match with up to two spaces between their characters (``王　敏``). A leak
still names the file, and its sample shows the masked value and, when the file spells it differently, the
shape of the original spelling (every letter and digit masked), found by mapping the match back to the
original text.

Two-character names (郑红) are private values too. So that ordinary words do not stop the build, an
occurrence does not count when it lies inside a longer common word of jieba's dictionary (the one the site
search already uses), or when its first character ends a common word begun before it (程文 in 工程文献: 程
closes 工程); a word tagged as a person's name (黄丽亚) excuses only when very common (科普). A name that is
itself a common word (高峰, 建国) counts only right beside a person's label (联系人：高峰, 高峰教授). A
spaced name (郑　红) is judged with its spaces taken out. See ``two_char_name_counts``. Placeholder numbers (``placeholder_number``:
13000000000) pass the shape checks, never the check against the data's own private values.

Everything runs in time linear in the text: a case fold and a few regular expressions with no nested
repetition per file (cut into blocks of about 64 KB, so a leak is mapped back within its block only), private texts compiled into a trie-shaped regular expression and private numbers
into a set that every digit group and every short window of consecutive groups is looked up in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from generator.personal import (
    SEPARATORS,
    Recognised,
    digit_windows,
    normal_form,
    normalise,
    placeholder_number,
    recognise,
)

__all__ = ["Leak", "Scanner", "placeholder_number", "scan_text", "scanned", "two_char_name_counts"]

TEXT_SUFFIXES = frozenset({".html", ".json", ".xml", ".csv", ".txt", ".md", ".svg", ".js"})
# The theme's own scripts and styles are not made from our data. Everything else is scanned, the published
# JSON Schemas (data/schemas/) included: their descriptions hold examples, which must be fictional.
SKIPPED_PREFIXES = ("assets/javascripts/", "assets/stylesheets/")

# What the scanner looked for before normalising (kept as the reference of a test): a run of digits (an ID
# number may end in X), not part of a longer word such as a hex fingerprint; a card number in groups of four.
DIGITS = re.compile(r"(?<![0-9A-Za-z])[0-9]{5,}[Xx]?(?![0-9A-Za-z])")
CARD_GROUPS = re.compile(r"(?<![0-9A-Za-z])[0-9]{4}(?: [0-9]{4}){3,4}(?![0-9A-Za-z])")

# Around a login or an e-mail address (the text is case-folded).
_WORD_BEFORE = frozenset("0123456789abcdefghijklmnopqrstuvwxyz_.@-")
_NAME_GAP = " {0,2}"  # spaces between the characters of a name (王　敏 aligns a two-character name)


# --------------------------------------------------------------------------------------------- names
COMMON_WORD_FREQ = 20  # a word of jieba's dictionary at least this frequent is a common word
COMMON_NAME_WORD_FREQ = 200  # … and one tagged as a person's name (nr…) only when this frequent (高峰, 科普)
WORD_NAME_FREQ = 100  # a two-character name this frequent as a word (建国) counts only beside a label
MAX_WORD = 6
PERSON_BEFORE = ("联系人", "负责人", "秘书长", "秘书", "姓名", "专家", "经办人", "联络人", "填报人", "会长",
                 "理事长", "主任", "委员", "同志", "老师", "教授")  # fmt: skip
PERSON_AFTER = ("电话", "手机", "邮箱", "秘书长", "教授", "老师", "先生", "女士", "同志", "研究员", "主任")
_LABEL_MARKS = " :：,，、"  # between a label and the name: 联系人：王敏


def _is_cjk(text: str) -> bool:
    return bool(text) and all(
        "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or c >= "\U00020000" for c in text
    )


@cache
def dictionary() -> tuple[frozenset[str], frozenset[str]]:
    """From jieba's dictionary: its common words (two to ``MAX_WORD`` Chinese characters), and the
    two-character words frequent enough that a name spelt the same is more often the word. Derived from the
    file once and kept prepared in the user cache folder (``searchwords.prepared``); ``read_dictionary`` is
    the derivation, run on the file when there is no cache."""
    from generator.site.searchwords import prepared

    common, word_names = prepared("common-words", read_dictionary, 2)
    return common, word_names


def read_dictionary(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """``dictionary`` from the text of jieba's dictionary file, line by line (the reference)."""
    common: set[str] = set()
    word_names: set[str] = set()
    for line in text.splitlines():
        parts = line.split(" ")
        if (
            len(parts) < 2
            or not 2 <= len(parts[0]) <= MAX_WORD
            or not parts[1].isdigit()
            or not _is_cjk(parts[0])
        ):
            continue
        word, freq, tag = parts[0], int(parts[1]), parts[2] if len(parts) > 2 else ""
        if freq >= (COMMON_NAME_WORD_FREQ if tag.startswith("nr") else COMMON_WORD_FREQ):
            common.add(word)
        if len(word) == 2 and freq >= WORD_NAME_FREQ:
            word_names.add(word)
    return frozenset(common), frozenset(word_names)


def two_char_name_counts(text: str, start: int, name: str) -> bool:
    """Whether the two-character ``name`` found at ``text[start:start + 2]`` (normal form) counts as the
    name. Not when the occurrence lies inside a longer common word (it contains both characters), nor when
    its first character ends a common word begun before it (程文 in 工程文献, 程新 in 工程新材料, 高的 in
    最高的): the name's first character then belongs to another word. A name that is itself a common word
    counts only right after a person's label (联系人、秘书长 …, a colon or space between them allowed) or
    right before one (电话、教授 …)."""
    words, word_names = dictionary()
    stop = start + 2
    if name in word_names:
        before = text[max(0, start - 8) : start].rstrip(_LABEL_MARKS)
        after = text[stop : stop + 6].lstrip(_LABEL_MARKS)
        return before.endswith(PERSON_BEFORE) or after.startswith(PERSON_AFTER)
    for size in range(3, MAX_WORD + 1):
        for s in range(max(0, stop - size), start + 1):
            word = text[s : s + size]
            if len(word) == size and word in words:
                return False
    # The first character ends a word begun before it: 程 closes 工程 in 工程文献, 高 closes 最高 in 最高的.
    return not any(
        text[start + 1 - size : start + 1] in words for size in range(2, min(MAX_WORD, start + 1) + 1)
    )


# -------------------------------------------------------------------------------------------- scanning
@dataclass(frozen=True, slots=True)
class Leak:
    file: str
    what: str  # what kind of value, never the value itself in full
    sample: str  # a masked sample, with the masked shape of the original spelling when it differs


def _mask(value: str) -> str:
    return value[:2] + "*" * max(len(value) - 4, 1) + value[-2:] if len(value) > 4 else "*" * len(value)


def _shape(original: str) -> str:
    """The spelling of ``original`` with every letter and digit masked (``＊`` for a full-width or other
    non-ASCII one), so a report shows how a value was written without showing it."""
    out = "".join(
        ("*" if c.isascii() else "＊") if c.isalnum() else ("·" if unicodedata.category(c) == "Cf" else c)
        for c in original.replace("\n", " ")
    )
    return out if len(out) <= 60 else out[:57] + "…"


def trie_pattern(words: Iterable[str], gap: str = "") -> str:
    """A regular expression matching any of ``words``, shaped as a trie (one branch per character), which
    Python's engine runs in time proportional to the text rather than to the number of words. ``gap`` is
    allowed between two characters of a word."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any], first: bool) -> str:
        branches = [
            (("" if first else gap) + re.escape(ch)) + emit(child, False)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie, True)


def _bounded(pattern: re.Pattern[str], text: str, before: frozenset[str]) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` not preceded by a character in ``before``: what ``(?<![…])pattern`` finds,
    found faster. A match after a wrong character is tried again one character further on, so a match
    starting inside a rejected one is not missed."""
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        start, stop = match.span()
        if start and text[start - 1] in before:
            pos = start + 1
            continue
        yield match
        pos = stop if stop > start else start + 1


SHAPE_WHAT = {
    "mobile": "手机号码形式的数字",
    "id": "身份证号码（校验位有效）",
    "card": "银行卡号（Luhn 校验有效）",
    "account": "长串数字",
    "email": "电子邮箱地址",
}


class Scanner:
    """Finds private values and private-looking numbers and addresses in text, compared in normal form.

    Logins and e-mail addresses of the data count only as whole words; names count anywhere (Chinese has
    no spaces), two-character ones by ``two_char_name_counts``. Private numbers of the data count in any
    grouping. Everything else that looks personal is what ``generator.personal.recognise`` finds, the
    recogniser the data check's PRIV rules use too (mobile, ID and card numbers in any digits and
    grouping, e-mail addresses with the @ disguised), but for the allowed numbers (the societies' credit
    codes) and the official addresses (``official``: the office's, and each society's on its own domain).
    Without ``official`` (None) an official address cannot be told from a personal one, and addresses are
    judged only as private values of the data.
    """

    def __init__(
        self,
        values: dict[str, str],
        allowed_numbers: set[str],
        official: Iterable[str] | None = None,
    ) -> None:
        self.allowed = {(_number_form(a) or normal_form(a)).upper() for a in allowed_numbers}
        self.official = None if official is None else frozenset(normal_form(e).strip() for e in official)
        self.numbers: dict[str, str] = {}
        words: dict[str, str] = {}
        for value, what in sorted(values.items()):
            for number in _number_variants(value):
                self.numbers.setdefault(number.upper(), what)
            if not _number_form(value):
                word = _word_form(value)
                if word:
                    words.setdefault(word, what)
        self.sizes = frozenset(len(n) for n in self.numbers)  # the lengths of the private numbers
        ascii_words = [w for w in words if w.isascii()]
        other_words = [w for w in words if not w.isascii()]
        self.what = words
        self.short_names = {w for w in other_words if len(w) == 2 and _is_cjk(w)}
        # Whole words: the look-ahead stays in the pattern (a shorter value may end where a longer one does
        # not); the look-behind is checked by ``_bounded``.
        self.ascii = re.compile(trie_pattern(ascii_words) + r"(?![a-z0-9_-])") if ascii_words else None
        self.other = re.compile(trie_pattern(other_words, _NAME_GAP)) if other_words else None

    def scan(self, name: str, text: str) -> list[Leak]:
        norm = normalise(text)
        t = norm.text
        found = self._values(t)
        private = [(start, stop) for start, stop, _, _ in found]
        for item in recognise(t):
            hit = self.shape(item)
            if hit is not None and not any(a < item.stop and item.start < b for a, b in private):
                found.append((item.start, item.stop, *hit))
        leaks = []
        for start, stop, what, value in found:
            original = norm.origin(start, stop)
            sample = _mask(value)
            if original != value:
                sample += f"，原文写作 {_shape(original)}"
            leaks.append(Leak(name, what, sample))
        return leaks

    def shape(self, item: Recognised) -> tuple[str, str] | None:
        """(what, value) for what the recogniser found, unless it is allowed or official; a private value
        of the data keeps its own name."""
        if item.kind == "email" and (self.official is None or item.value in self.official):
            return None
        if item.value in self.allowed:
            return None
        what = self.numbers.get(item.value) or self.what.get(item.value) or SHAPE_WHAT[item.kind]
        return what, item.value

    def _values(self, t: str) -> list[tuple[int, int, str, str]]:
        """The private values of the data in the normal form ``t``: (start, stop, what, value)."""
        found: list[tuple[int, int, str, str]] = []
        if self.ascii is not None:
            for match in _bounded(self.ascii, t, _WORD_BEFORE):
                found.append((*match.span(), self.what.get(match.group(), "私密信息"), match.group()))
        if self.other is not None:
            for match in self.other.finditer(t):
                value = match.group().replace(" ", "")
                if value in self.short_names:
                    # Judged with the spaces taken out (工程 新材料 is 工程新材料, 程新 in it no name).
                    start, stop = match.span()
                    before = t[max(0, start - MAX_WORD - 2) : start]
                    if not two_char_name_counts(
                        before + value + t[stop : stop + MAX_WORD + 2], len(before), value
                    ):
                        continue
                found.append((*match.span(), self.what.get(value, "私密信息"), value))
        if self.numbers:
            for start, stop, groups, _ in digit_windows(t, self.sizes):
                run = "".join(t[a:b] for a, b in groups).upper()
                if run in self.numbers and run not in self.allowed:
                    found.append((start, stop, self.numbers[run], run))
        return found


_NUMBER_VALUE = re.compile(rf"\+?[0-9][0-9{re.escape(SEPARATORS)}()]*x?")


def _number_form(value: str) -> str:
    """The digits of a value that is a number written with separators (a phone, an account), else ''."""
    text = normal_form(value).strip()
    if not _NUMBER_VALUE.fullmatch(text):
        return ""
    digits = "".join(c for c in text if c in "0123456789x")
    return digits if len(digits.rstrip("x")) >= 5 else ""


def _number_variants(value: str) -> list[str]:
    digits = _number_form(value)
    if not digits:
        return []
    found = [digits]
    for prefix in ("0086", "86"):
        if (
            digits.startswith(prefix)
            and len(digits) - len(prefix) >= 7
            and normal_form(value).lstrip().startswith(("+", "00"))
        ):
            rest = digits[len(prefix) :]
            found += [rest] if rest.startswith("1") else [rest, "0" + rest]
            break
    return found


def _word_form(value: str) -> str:
    """A private text in normal form: a name loses its spaces (王　敏 is 王敏)."""
    text = " ".join(normal_form(value).split())
    if any(not c.isascii() for c in text):
        text = text.replace(" ", "")
    return text


# ----------------------------------------------- private values (the check collects them: ``checker.Private``)


def scan_text(
    name: str,
    text: str,
    values: dict[str, str],
    allowed_numbers: set[str],
    official: Iterable[str] | None = None,
) -> list[Leak]:
    return Scanner(values, allowed_numbers, official).scan(name, text)


def scanned(rel: str) -> bool:
    """Whether an output file (path relative to the site) is scanned."""
    return not rel.startswith(SKIPPED_PREFIXES) and ("." + rel.rsplit(".", 1)[-1]) in TEXT_SUFFIXES
