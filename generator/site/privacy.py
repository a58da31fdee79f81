"""The privacy scan of the built site: every output file (the search index included) is searched for the
private values of the data (the contact block, people's names, phones, emails, bank accounts, expert
names and logins, maintainers) and for shapes of private numbers (mobile phones, ID numbers with a valid
GB 11643 check digit, card numbers passing Luhn, other long digit runs), with an allowlist for the
societies' validated credit codes. Any hit fails the build.

One pass per file: private texts are compiled into a trie-shaped regular expression and private numbers
into a set that every run of digits is looked up in, so the cost grows with the size of the output, not
with the size of the output times the number of private values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from generator.checker import ParsedFile

TEXT_SUFFIXES = frozenset({".html", ".json", ".xml", ".csv", ".txt", ".md", ".svg", ".js"})
# The theme's own scripts and styles are not made from our data; the schemas describe shapes, not values.
SKIPPED_PREFIXES = ("assets/javascripts/", "assets/stylesheets/", "data/schemas/")

# A run of digits (an ID number may end in X), not part of a longer word such as a hex fingerprint.
DIGITS = re.compile(r"(?<![0-9A-Za-z])[0-9]{5,}[Xx]?(?![0-9A-Za-z])")
# A card number written in groups of four.
CARD_GROUPS = re.compile(r"(?<![0-9A-Za-z])[0-9]{4}(?: [0-9]{4}){3,4}(?![0-9A-Za-z])")
# The same without look-behinds, which keep Python's engine from skipping ahead to the first possible
# character: the neighbours are checked by ``_digit_runs`` and ``_bounded`` instead. (Each search stays
# linear in the text: whole runs of digits, and patterns of bounded length.)
_DIGIT_RUN = re.compile(r"[0-9]{5,}[Xx]?")
_CARD_RUN = re.compile(r"[0-9]{4}(?: [0-9]{4}){3,4}(?![0-9A-Za-z])")
_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# Around a login or an e-mail address (the text is lower-cased first).
_WORD_BEFORE = frozenset("0123456789abcdefghijklmnopqrstuvwxyz_.@-")
MOBILE = re.compile(r"1[3-9][0-9]{9}\Z")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
MIN_NAME_CHARS = 3  # two-character names are too often parts of ordinary words (程文 in 工程文献)


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


@dataclass(frozen=True, slots=True)
class Leak:
    file: str
    what: str  # what kind of value, never the value itself in full
    sample: str  # a masked sample


def _mask(value: str) -> str:
    return value[:2] + "*" * max(len(value) - 4, 1) + value[-2:] if len(value) > 4 else "*" * len(value)


def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, shaped as a trie (one branch per character), which
    Python's engine runs in time proportional to the text rather than to the number of words."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def _digit_runs(text: str) -> Iterator[str]:
    """What ``DIGITS`` finds: whole runs of five or more digits (and a final X) between non-alphanumerics."""
    end = len(text)
    for match in _DIGIT_RUN.finditer(text):  # a run is matched whole, from its first digit
        start, stop = match.span()
        if (start and text[start - 1] in _ALNUM) or (stop < end and text[stop] in _ALNUM):
            continue
        yield match.group()


def _bounded(pattern: re.Pattern[str], text: str, before: frozenset[str]) -> Iterator[str]:
    """Matches of ``pattern`` not preceded by a character in ``before``: what ``(?<![…])pattern`` finds,
    found faster. A match after a wrong character is tried again one character further on, so a match
    starting inside a rejected one is not missed."""
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        start, stop = match.span()
        if start and text[start - 1] in before:
            pos = start + 1
            continue
        yield match.group()
        pos = stop if stop > start else start + 1


class Scanner:
    """Finds private values and private-looking numbers in text.

    Texts are compared case-insensitively: the text is lower-cased once and searched with case-sensitive
    trie patterns of the lower-cased values (much faster in Python's engine than ``re.IGNORECASE``).
    Logins and e-mail addresses count only as whole words; names count anywhere (Chinese has no spaces).
    """

    def __init__(self, values: dict[str, str], allowed_numbers: set[str]) -> None:
        self.allowed = allowed_numbers
        self.numbers = {v: what for v, what in values.items() if v.isdigit()}
        words: dict[str, str] = {}
        for value, what in sorted(values.items()):
            if not value.isdigit():
                words.setdefault(value.lower(), what)
        ascii_words = [w for w in words if w.isascii()]
        other_words = [w for w in words if not w.isascii()]
        self.what = words
        # Whole words: the look-ahead stays in the pattern (a shorter value may end where a longer one does
        # not); the look-behind is checked by ``_bounded``.
        self.ascii = re.compile(trie_pattern(ascii_words) + r"(?![a-z0-9_-])") if ascii_words else None
        self.other = re.compile(trie_pattern(other_words)) if other_words else None

    def scan(self, name: str, text: str) -> list[Leak]:
        # The search index separates Chinese words with zero-width spaces (jieba): join them again.
        text = text.replace("\u200b", "")
        leaks: list[Leak] = []
        if self.ascii is not None or self.other is not None:
            lowered = text.lower()
            if self.ascii is not None:
                for value in _bounded(self.ascii, lowered, _WORD_BEFORE):
                    leaks.append(Leak(name, self.what.get(value, "私密信息"), _mask(value)))
            if self.other is not None:
                for match in self.other.finditer(lowered):
                    value = match.group()
                    leaks.append(Leak(name, self.what.get(value, "私密信息"), _mask(value)))
        for run in _digit_runs(text):
            leak = self._number(name, run)
            if leak is not None:
                leaks.append(leak)
        for run in _bounded(_CARD_RUN, text, _ALNUM):
            digits = run.replace(" ", "")
            if luhn_valid(digits) and 16 <= len(digits) <= 19:
                leaks.append(Leak(name, "银行卡号（Luhn 校验有效）", _mask(digits)))
        return leaks

    def _number(self, name: str, run: str) -> Leak | None:
        if run in self.allowed:
            return None
        if run in self.numbers:
            return Leak(name, self.numbers[run], _mask(run))
        if MOBILE.match(run):
            return Leak(name, "手机号码形式的数字", _mask(run))
        if id_number_valid(run):
            return Leak(name, "身份证号码（校验位有效）", _mask(run))
        digits = run.rstrip("Xx")
        if len(digits) != len(run):
            return None  # ends in X but is no valid ID number
        if 16 <= len(digits) <= 19 and luhn_valid(digits):
            return Leak(name, "银行卡号（Luhn 校验有效）", _mask(digits))
        if len(digits) >= 15:
            return Leak(name, "长串数字", _mask(digits))
        return None


def private_values(parsed: Iterable[ParsedFile]) -> dict[str, str]:
    """Value → what it is, from every private field of the data."""
    found: dict[str, str] = {}

    def add(value: object, what: str, minimum: int) -> None:
        if isinstance(value, str):
            text = value.strip()
            if len(text) >= minimum:
                found[text.replace(" ", "") if text.replace(" ", "").isdigit() else text] = what

    for item in parsed:
        if item.kind is None or item.loaded is None or item.loaded.data is None:
            continue
        d = item.loaded.data
        kind = item.kind.kind
        if kind == "application":
            contact = d.get("contact") or {}
            add(contact.get("name"), "联系人姓名", MIN_NAME_CHARS)
            add(contact.get("phone"), "联系电话", 5)
            add(contact.get("email"), "联系邮箱", 5)
            sec = (d.get("eligibility") or {}).get("secretariat") or {}
            for role in ("secretary_general", "deputy_secretary_general"):
                add((sec.get(role) or {}).get("name"), "秘书长姓名", MIN_NAME_CHARS)
            bank = ((d.get("eligibility") or {}).get("finance") or {}).get("bank_account") or {}
            add(bank.get("number"), "银行账号", 6)
        elif kind == "experts":
            for e in d.get("experts") or []:
                if isinstance(e, dict):
                    add(e.get("name"), "专家姓名", MIN_NAME_CHARS)
                    add(e.get("login"), "专家账号", 3)
        elif kind == "society":
            for login in d.get("maintainers") or []:
                add(login, "维护账号", 3)
        elif kind == "programme":
            for login in (d.get("office") or {}).get("maintainers") or []:
                add(login, "维护账号", 3)
    return found


def credit_codes(parsed: Iterable[ParsedFile]) -> set[str]:
    return {
        str(p.loaded.data.get("credit_code"))
        for p in parsed
        if p.kind is not None and p.kind.kind == "society" and p.loaded is not None and p.loaded.data is not None
    }


def scan_text(name: str, text: str, values: dict[str, str], allowed_numbers: set[str]) -> list[Leak]:
    return Scanner(values, allowed_numbers).scan(name, text)


def scanned(rel: str) -> bool:
    """Whether an output file (path relative to the site) is scanned."""
    return not rel.startswith(SKIPPED_PREFIXES) and ("." + rel.rsplit(".", 1)[-1]) in TEXT_SUFFIXES
