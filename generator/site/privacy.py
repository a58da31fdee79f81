"""The privacy scan of the built site: every output file (the search index included) is searched for the
private values of the data (the contact block, people's names, phones, emails, bank accounts, expert
names and logins, maintainers) and for shapes of private numbers (mobile phones, ID numbers with a valid
GB 11643 check digit, card numbers passing Luhn, other long digit runs), with an allowlist for the
societies' validated credit codes. Any hit fails the build."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.checker import ParsedFile
from generator.kinds import classify

TEXT_SUFFIXES = frozenset({".html", ".json", ".xml", ".csv", ".txt", ".md", ".svg", ".js"})
# The theme's own scripts and styles are not made from our data.
THEME_PREFIXES = ("assets/javascripts/", "assets/stylesheets/")

MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
# 15 or more digits in a row, or a card number written in groups of four.
DIGIT_RUN = re.compile(r"(?<![0-9A-Za-z.-])(?:[0-9]{15,}[Xx]?|[0-9]{4}(?: [0-9]{4}){3,4})(?![0-9A-Za-z])")
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


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


def private_values(parsed: Iterable[ParsedFile]) -> dict[str, str]:
    """Value → what it is, from every private field of the data."""
    found: dict[str, str] = {}

    def add(value: object, what: str, minimum: int = 2) -> None:
        if isinstance(value, str) and len(value.strip()) >= minimum:
            found[value.strip()] = what

    for item in parsed:
        if item.kind is None or item.loaded is None or item.loaded.data is None:
            continue
        d = item.loaded.data
        kind = item.kind.kind
        if kind == "application":
            contact = d.get("contact") or {}
            add(contact.get("name"), "联系人姓名")
            add(contact.get("phone"), "联系电话", 5)
            add(contact.get("email"), "联系邮箱", 5)
            sec = (d.get("eligibility") or {}).get("secretariat") or {}
            for role in ("secretary_general", "deputy_secretary_general"):
                add((sec.get(role) or {}).get("name"), "秘书长姓名")
            bank = ((d.get("eligibility") or {}).get("finance") or {}).get("bank_account") or {}
            add(bank.get("number"), "银行账号", 6)
        elif kind == "experts":
            for e in d.get("experts") or []:
                if isinstance(e, dict):
                    add(e.get("name"), "专家姓名")
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
    leaks: list[Leak] = []
    for value, what in values.items():
        if value in text:
            leaks.append(Leak(name, what, _mask(value)))
    for match in MOBILE.finditer(text):
        leaks.append(Leak(name, "手机号码形式的数字", _mask(match.group())))
    for match in ID_NUMBER.finditer(text):
        if id_number_valid(match.group()) and match.group() not in allowed_numbers:
            leaks.append(Leak(name, "身份证号码（校验位有效）", _mask(match.group())))
    for match in DIGIT_RUN.finditer(text):
        digits = match.group().replace(" ", "")
        if digits in allowed_numbers or not digits[:-1].isdigit() or id_number_valid(digits):
            continue  # allowed, or an ID number (reported above)
        if 16 <= len(digits) <= 19 and digits.isdigit() and luhn_valid(digits):
            leaks.append(Leak(name, "银行卡号（Luhn 校验有效）", _mask(digits)))
        elif len(digits) >= 15:
            leaks.append(Leak(name, "长串数字", _mask(digits)))
    return leaks


def scan_folder(folder: Path, values: dict[str, str], allowed_numbers: set[str]) -> list[Leak]:
    leaks: list[Leak] = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES:
            continue
        rel = path.relative_to(folder).as_posix()
        if rel.startswith(THEME_PREFIXES) or rel.startswith("data/schemas/"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        leaks.extend(scan_text(rel, text, values, allowed_numbers))
    return leaks


def is_public_kind(path: str) -> bool:
    kind = classify(path)
    return kind is not None and kind.kind not in ("review", "experts", "annual-inspections", "annual-reports", "entrusted-projects")
