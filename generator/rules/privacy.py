"""Minimum personal data in the shared tree (PRIV): no data file under ``submissions/`` holds a mobile number,
an ID number, a bank account number or a personal e-mail address.

The shared programme repository is read by every society (and every participant of a pull request), so it
holds only what one society may see of another. Personal contact details and bank accounts belong to the
committee repository, which the office keeps; an application only declares what eligibility needs (三（一）).
The programme's clause is 五（二） (the information-disclosure and supervision mechanism); the principle is
the minimum-necessary rule of the Personal Information Protection Law (个人信息保护法第六条).

Each file is searched once when it is parsed (``file_candidates``, pure, cached with the parse and run in
the workers of a large tree): a file, then each of its scalars and mapping keys, is skipped by a cheap test
unless it has an @-like mark or eleven digits close together, and a document that ``provably_clean`` proves
holds no candidate (written as JSON, one search) is not walked at all; what is left is compared in the normal form of
``generator.personal`` (full-width digits folded, character references decoded, format characters
dropped) and numbers are read across the separators people write in them (``138-0000-0091``,
``6222 0000 0000 0000 191``). What passes: a unified social credit code with a valid check character that
is a society's code, a date (also ``20261118103000``), an amount (``150000000000.00``), a landline
(``027-87654321``: eleven digits, not a mobile), and the official addresses: the office's e-mail in
``programme.yaml`` and a society's public e-mail in its profile when its domain is the society website's
(the exemptions need the whole tree, so the rules apply them). Comments are not data and are not read.
A finding never repeats the value: it shows it masked (a pull-request comment is seen by every participant).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from generator.model import Dataset, PersonalCandidate
from generator.personal import (
    MOBILE,
    SEPARATORS,
    digit_windows,
    fold_char,
    id_number_valid,
    normal_form,
)
from generator.rules.base import ERROR, Context, Hit, Message, Rule, rule
from generator.rules.references import credit_code_valid
from generator.yamlio import DataPath

# The society profile fields these rules read (for the exemptions). They are not locked after the deadline
# (``records.JUDGED_SOCIETY_FIELDS``, LOCK-001): PRIV judges the file that holds the data, not an
# application, and a society must be able to fix its profile at any time.
READS_SOCIETY_FIELDS: tuple[str, ...] = ("credit_code", "email", "website")

MIN_ACCOUNT_DIGITS = 12
_SIZES = frozenset({11, 13, *range(MIN_ACCOUNT_DIGITS, 41)})
# After normalising (case-folded): a local part, @, a domain with at least one dot.
EMAIL = re.compile(r"(?<![a-z0-9._%+\-])[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)+")
_AMOUNT_TAIL = re.compile(r"\.[0-9]{1,2}(?![0-9])")

WHERE_INSTEAD = "共享仓库中的文件所有学会都能看到"
HINT_MOBILE = (
    f"{WHERE_INSTEAD}：删除个人手机号。需要联系方式时写单位的公开联系方式（学会的办公座机或学会档案中的公开邮箱）；"
    "个人联系方式请按专项办公室通知另行报送，移到评审委员会仓库保存。"
)
HINT_ID = f"{WHERE_INSTEAD}：删除身份证号。确需核对身份的材料交专项办公室，移到评审委员会仓库保存。"
HINT_ACCOUNT = (
    f"{WHERE_INSTEAD}：删除账号，只写声明（eligibility.finance.independent_bank_account: true）；"
    "拨款账户交专项办公室，移到评审委员会仓库保存，办公室在形式审查时核实。"
)
HINT_EMAIL = (
    f"{WHERE_INSTEAD}：删除个人邮箱，写单位的公开联系方式：学会档案 email 中与学会网站同域名的公开邮箱，"
    "或专项办公室的邮箱；个人邮箱移到评审委员会仓库保存。"
)


@dataclass(frozen=True, slots=True)
class Personal:
    """One piece of personal data found in a scalar: which rule, and the value masked."""

    rule: str
    masked: str


def mask(value: str) -> str:
    """``13800000091`` → ``138******91``; ``wangmin@mech.example.org`` → ``w******@mech.example.org``."""
    if "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:1]}{'*' * max(len(local) - 1, 1)}@{domain}"
    keep_head, keep_tail = (3, 2) if len(value) >= 8 else (1, 1)
    return value[:keep_head] + "*" * (len(value) - keep_head - keep_tail) + value[-keep_tail:]


def _compact_date(digits: str) -> bool:
    """``20261118``, ``202611181030`` or ``20261118103000``: a date with a time of day, not an account."""
    if len(digits) not in (12, 14):
        return False
    try:
        date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return False
    hour, minute, second = int(digits[8:10]), int(digits[10:12]), int(digits[12:14] or 0)
    return 1900 <= int(digits[:4]) <= 2100 and hour < 24 and minute < 60 and second < 60


_MIN_LENGTH = 6


# A text can hold personal data only if it has something that is, or decodes or folds to, an @ (@, ＠, ﹫,
# a character reference &#64;, an escape \u0040), or eleven digits (in any script: \d is Unicode) on one
# line with at most three other characters between neighbours (the scanner joins digit groups across one to
# three separators only). Tested on the whole file first, then on each scalar.
_FILE_CANDIDATE = re.compile(r"[@\uff20\ufe6b&\\]|\d(?:[^\n\d]{0,3}\d){10}")


# The same test as ``_FILE_CANDIDATE`` on a whole file, faster where digits are dense (an office record of
# dates): the marks are looked for as substrings, then each maximal chain of digits whose neighbours are at
# most three other characters apart on one line is found once; eleven digits close together lie in one
# chain, and a chain of eleven characters or more is tested with the pattern's digit part.
_MARKS = ("@", "\uff20", "\ufe6b", "&", "\\")
_CHAIN = re.compile(r"\d(?:[^\n\d]{0,3}\d)*")
_ELEVEN = re.compile(r"\d(?:[^\n\d]{0,3}\d){10}")


def file_may_hold_personal(raw: bytes) -> bool:
    """``_FILE_CANDIDATE.search`` on the decoded file (``tests/test_privacy_prefilter.py`` compares them)."""
    text = raw.decode("utf-8", "replace")
    if any(mark in text for mark in _MARKS):
        return True
    match = _ELEVEN.match
    return any(m.end() - m.start() >= 11 and match(m.group()) for m in _CHAIN.finditer(text))


def may_hold_personal(value: str) -> bool:
    """The cheap test before normalising, per scalar: most (keys, names, dates, amounts, short texts) are
    skipped. The shortest e-mail address (a@b.cn) has six characters."""
    return len(value) >= _MIN_LENGTH and _FILE_CANDIDATE.search(value) is not None


def candidates(value: str) -> list[PersonalCandidate]:
    """What in one text looks like personal data, before the exemptions that need the whole tree (the
    societies' credit codes, the official addresses): each with its key (the digits, upper-cased, or the
    address in normal form) and its masked form. The data path is filled in by ``file_candidates``."""
    if not may_hold_personal(value):
        return []
    text = normal_form(value)
    found: list[PersonalCandidate] = []
    for start, stop, groups, uniform in digit_windows(text, _SIZES):
        parts = [text[a:b] for a, b in groups]
        run = "".join(parts).upper()
        sizes = [len(p) for p in parts]
        single = len(groups) == 1
        national = run[2:] if run.startswith("86") and len(run) == 13 else run
        if len(national) == 11 and MOBILE.match(national) and (single or (uniform and min(sizes) >= 2)):
            found.append(PersonalCandidate((), "PRIV-001", run, mask(national)))
        elif id_number_valid(run) and (single or (uniform and min(sizes[:-1]) >= 3)):
            found.append(PersonalCandidate((), "PRIV-002", run, mask(run)))
        elif run.isdigit() and len(run) >= MIN_ACCOUNT_DIGITS:
            if single:
                if _AMOUNT_TAIL.match(text, stop) or (start and text[start - 1] == ".") or _compact_date(run):
                    continue  # an amount (150000000000.00), the decimals of one, or a date-time
            elif not (uniform and all(s == 4 for s in sizes[:-1]) and sizes[-1] <= 4):
                continue  # a date, a time, a document number written in groups: not a card's 4-4-4-4 shape
            found.append(PersonalCandidate((), "PRIV-003", run, mask(run)))
    for match in EMAIL.finditer(text):
        found.append(PersonalCandidate((), "PRIV-004", match.group(), mask(match.group())))
    return found


def _exempt(candidate: PersonalCandidate, credit_codes: frozenset[str], official: frozenset[str]) -> bool:
    if candidate.rule == "PRIV-004":
        return candidate.key in official
    return candidate.key in credit_codes or (
        candidate.path == ("credit_code",) and credit_code_valid(candidate.key)
    )


def find_personal(value: str, credit_codes: frozenset[str], official: frozenset[str]) -> list[Personal]:
    """The personal data in one text: mobiles, ID numbers, account numbers, e-mail addresses not official.
    Each kind is reported once per text (the first occurrence)."""
    found: dict[str, Personal] = {}
    for c in candidates(value):
        if not _exempt(c, credit_codes, official):
            found.setdefault(c.rule, Personal(c.rule, c.masked))
    return [found[k] for k in sorted(found)]


def file_candidates(raw: bytes, document: Any, *, prefilter: bool = True) -> tuple[PersonalCandidate, ...]:
    """Every candidate of one file, with its data path (pure: run once per file when it is parsed, in a
    worker for large trees, and cached with the parse). With ``prefilter`` (the default) a document that
    ``provably_clean`` clears is not walked; without it every suspect scalar is read (the plain path,
    which the tests compare with the prefiltered one)."""
    if document is None or not file_may_hold_personal(raw):
        return ()
    if prefilter and provably_clean(document):
        return ()
    return tuple(
        PersonalCandidate(path, c.rule, c.key, c.masked)
        for path, text in _suspect_scalars(document)
        for c in candidates(text)
    )


# ------------------------------------------------------------------------------------------ prefilter
# A proof, on the whole document at once, that ``candidates`` finds nothing in any of its scalars and keys,
# so that the walk over every scalar can be skipped (most files of a tree pass ``file_may_hold_personal``
# only because of a date in a web address). The document is written as JSON (C speed; keys and ints as
# ``str`` writes them, strings verbatim but for backslash escapes). Then:
# - anything that can become an @, a character reference or a JSON escape in normal form (@ ＠ ﹫ & and a
#   backslash of the data, written ``\\`` or ``\u…``) sends the file down the plain path;
# - so does a character outside ASCII and the CJK ideographs that is a separator or whose fold (case-folded,
#   ``fold_char``) is empty or holds an ASCII letter or digit, a separator or an @ (``_risky``): without
#   those, the digits, separators and letters of a scalar's normal form are exactly the ASCII ones of the
#   scalar;
# - a candidate needs a window of digit groups joined by one to three separators with at least twelve
#   digits (an account, an ID number, a mobile with 86) or eleven digits starting with 1 and 3–9 (a
#   mobile): ``_WINDOW`` matches every such window (and more: any gaps of zero to three separators, across
#   scalars too). A document where it matches goes down the plain path.
_SEP_CLASS = "[" + re.escape(SEPARATORS) + "]"
_WINDOW = re.compile(
    rf"1{_SEP_CLASS}{{0,3}}[3-9](?:{_SEP_CLASS}{{0,3}}[0-9]){{9}}|[0-9](?:{_SEP_CLASS}{{0,3}}[0-9]){{11}}"
)
# Runs of digits and separators long enough to hold such a window: ``_WINDOW`` is tried on these only.
_RUN = re.compile(rf"[0-9][0-9{re.escape(SEPARATORS)}]{{10,}}")
_JSON_UNSAFE = ("@", "\uff20", "\ufe6b", "&", "\\\\", "\\u")
# Characters outside ASCII and the CJK ideographs that are looked at one by one (``_risky``): all but the
# punctuation of Chinese text, which is known to be safe (a test runs ``_risky`` on each).
SAFE_PUNCTUATION = "“”‘’、。《》〈〉〔〕【】「」『』（），：；！？·"
_OTHER_CHARS = re.compile(rf"[^\x00-\x7f\u3400-\u4dbf\u4e00-\u9fff{SAFE_PUNCTUATION}]")
_FOLD_TELLS = frozenset(SEPARATORS + "@0123456789abcdefghijklmnopqrstuvwxyz")


@cache
def _risky(ch: str) -> bool:
    """Whether a character outside ASCII and the CJK ideographs can change the digits, separators or
    letters of a normal form: it is a separator, or its fold is empty or holds one of them."""
    if ch in SEPARATORS:
        return True
    folded = "".join(fold_char(c) for c in ch.casefold())
    return not folded or any(c in _FOLD_TELLS or c.isupper() for c in folded)


def _json_text(document: Any) -> str | None:
    try:
        return json.dumps(document, ensure_ascii=False, default=_opaque)
    except (TypeError, ValueError, RecursionError):
        return None


def _opaque(value: object) -> None:
    """Values ``_suspect_scalars`` does not read (Decimal): written as null."""
    return None


def provably_clean(document: Any) -> bool:
    """True only when no scalar or key of ``document`` holds a candidate (see above); False when it may."""
    text = _json_text(document)
    if text is None or any(tell in text for tell in _JSON_UNSAFE):
        return False
    if any(_risky(ch) for ch in _OTHER_CHARS.findall(text)):
        return False
    return not any(_WINDOW.search(run.group()) for run in _RUN.finditer(text))


def _host(url: str | None) -> str:
    if not url:
        return ""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def official_addresses(data: Dataset) -> frozenset[str]:
    """The office's e-mail (programme.yaml) and each society's public e-mail whose domain is its website's."""
    found: set[str] = set()
    if data.programme is not None and data.programme.office_email:
        found.add(normal_form(data.programme.office_email).strip())
    for society in data.societies.values():
        email = society.email
        if email and email.rpartition("@")[2].lower() == _host(society.website):
            found.add(normal_form(email).strip())
    return frozenset(found)


def known_credit_codes(data: Dataset) -> frozenset[str]:
    """The societies' credit codes that carry a valid check character."""
    return frozenset(
        c for c in (s.credit_code.upper() for s in data.societies.values()) if credit_code_valid(c)
    )


def _suspect_scalars(document: Any) -> list[tuple[DataPath, str]]:
    """The scalars (and mapping keys) of a document that pass ``may_hold_personal``, with their paths. A
    leaf's path is built only when it is a suspect: most scalars are short or plain and cost one test."""
    out: list[tuple[DataPath, str]] = []
    search = _FILE_CANDIDATE.search

    def suspect(value: object) -> str | None:
        if isinstance(value, bool) or not isinstance(value, str | int):
            return None
        text = value if isinstance(value, str) else str(value)
        return text if len(text) >= _MIN_LENGTH and search(text) is not None else None

    def walk(value: Any, path: DataPath) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if (text := suspect(key)) is not None:
                    out.append(((*path, key), text))
                if isinstance(item, dict | list):
                    walk(item, (*path, key))
                elif (text := suspect(item)) is not None:
                    out.append(((*path, key), text))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict | list):
                    walk(item, (*path, i))
                elif (text := suspect(item)) is not None:
                    out.append(((*path, i), text))
        elif (text := suspect(value)) is not None:
            out.append((path, text))

    walk(document, ())
    return out


_LAST: list[tuple[Dataset, list[tuple[str, DataPath, Personal]]]] = []


def scan(data: Dataset) -> list[tuple[str, DataPath, Personal]]:
    """Every piece of personal data in the shared tree's data files, in file order (scanned once per
    dataset for the four rules, from the candidates each file's parse found: ``data.personal``)."""
    if _LAST and _LAST[0][0] is data:
        return _LAST[0][1]
    found = list(_scan(data))
    _LAST[:] = [(data, found)]
    return found


def _scan(data: Dataset) -> Iterator[tuple[str, DataPath, Personal]]:
    codes = known_credit_codes(data)
    official = official_addresses(data)
    for file in sorted(data.personal):
        if not file.startswith("submissions/"):
            continue
        seen: set[tuple[DataPath, str]] = set()
        for c in data.personal[file]:
            if (c.path, c.rule) not in seen and not _exempt(c, codes, official):
                seen.add((c.path, c.rule))
                yield file, c.path, Personal(c.rule, c.masked)


_TEXTS = {
    "PRIV-001": ("手机号码", "a mobile phone number", HINT_MOBILE),
    "PRIV-002": ("身份证号码（校验位有效）", "an ID number (valid GB 11643 check digit)", HINT_ID),
    "PRIV-003": (
        "银行账号（12 位以上的数字串）",
        "a bank account number (a run of 12 or more digits)",
        HINT_ACCOUNT,
    ),
    "PRIV-004": ("个人电子邮箱", "a personal e-mail address", HINT_EMAIL),
}


def _message(rule_id: str) -> Message:
    zh_what, en_what, hint = _TEXTS[rule_id]
    return Message(
        f"共享仓库的文件中出现{zh_what} {{masked}}：个人信息只能保存在评审委员会仓库（最小必要原则）。",
        f"The shared tree holds {en_what} ({{masked}}); personal data belongs to the committee repository.",
        hint,
    )


def _hits(rule: Rule, data: Dataset) -> Iterator[Hit]:
    for file, path, item in scan(data):
        if item.rule == rule.id:
            yield rule.hit(file, path, masked=item.masked)


_CLAUSE = "五（二）"
_PRINCIPLE = "（个人信息保护法第六条，最小必要）"


@rule(
    "PRIV-001",
    ERROR,
    _CLAUSE,
    f"共享仓库的数据文件不含手机号码{_PRINCIPLE}",
    "No mobile number in the shared tree",
    message=_message("PRIV-001"),
)
def no_mobile(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a contact's mobile written into an achievement)::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -       description: 参会代表420人，收录论文136篇。
        +       description: 参会代表420人，收录论文136篇。报名请联系138-0000-0091。

    Passes::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -       description: 参会代表420人，收录论文136篇。
        +       description: 参会代表420人，收录论文136篇。报名请致电学会办公室027-87654321。
    """
    yield from _hits(no_mobile, data)


@rule(
    "PRIV-002",
    ERROR,
    _CLAUSE,
    f"共享仓库的数据文件不含身份证号码{_PRINCIPLE}",
    "No ID number in the shared tree",
    message=_message("PRIV-002"),
)
def no_id_number(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (an ID number in an achievement)::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -       description: 参会代表420人，收录论文136篇。
        +       description: 参会代表420人，负责人身份证11010519491231002X。

    Passes::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -       description: 参会代表420人，收录论文136篇。
        +       description: 参会代表420人，统一社会信用代码51420100500012358X。
    """
    yield from _hits(no_id_number, data)


@rule(
    "PRIV-003",
    ERROR,
    _CLAUSE,
    f"共享仓库的数据文件不含银行账号{_PRINCIPLE}",
    "No bank account number in the shared tree",
    message=_message("PRIV-003"),
)
def no_account(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (an account number in an achievement)::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -       description: 参会代表420人，收录论文136篇。
        +       description: 参会代表420人，会费汇入6222 0000 0000 0000 191。

    Passes::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -       description: 参会代表420人，收录论文136篇。
        +       description: 参会代表420人，经费150000000000.00元，2026-09-20 20261118103000。
    """
    yield from _hits(no_account, data)


@rule(
    "PRIV-004",
    ERROR,
    _CLAUSE,
    f"共享仓库的数据文件只写单位的公开邮箱，不含个人邮箱{_PRINCIPLE}",
    "No personal e-mail address in the shared tree (official addresses only)",
    message=_message("PRIV-004"),
)
def no_personal_email(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a person's e-mail in an achievement)::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -       description: 参会代表420人，收录论文136篇。
        +       description: 参会代表420人，投稿 wangmin@mech.example.org。

    Passes::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -       description: 参会代表420人，收录论文136篇。
        +       description: 参会代表420人，投稿 office@mech.example.org 或 xhzx@example.org。
    """
    yield from _hits(no_personal_email, data)


# ---------------------------------------------------------------------------------------------------------
# Outside the values (PRIV-005…008): YAML comments, file and folder names, the text of PDF attachments.
#
# The same recogniser (``candidates``) and the same exemptions (a society's credit code, the official
# addresses) as PRIV-001…004, under new ids, one per place: a comment or a name is fixed differently from a
# value, a PDF's text is the office's to judge (an attachment may carry a signature block), and the four
# value rules stay as they are. Each finding names the kind of data (a variant: mobile, id, account, email)
# and shows the value masked. What they read is found while each file is parsed (``checker.parse_source``,
# so a one-file check and the parse cache have it too): the comments of a YAML file whose raw text passes
# ``file_may_hold_personal`` (the comment scanner, ``generator.yamlcomments``, runs only when a comment
# itself passes ``may_hold_personal``), the file and folder names of every path under submissions/, and the
# pages of every PDF attachment (``generator.pdftext``: bounded, never raising). Images are not read.
# (This section's imports stand here, so that edits above it and to it merge apart.)

from dataclasses import replace  # noqa: E402
from functools import lru_cache  # noqa: E402

from generator.model import PlacedCandidate  # noqa: E402
from generator.paths import SUBMISSIONS  # noqa: E402
from generator.pdftext import (  # noqa: E402
    ENCRYPTED,
    MAX_PAGES,
    MAX_PDF_BYTES,
    TOO_LARGE,
    TOO_MANY_PAGES,
    UNREADABLE,
    PdfText,
)
from generator.rules.base import NOTICE, WARNING, declare  # noqa: E402
from generator.yamlcomments import comments  # noqa: E402
from generator.yamlio import decode  # noqa: E402

_KIND_VARIANTS = {"PRIV-001": "mobile", "PRIV-002": "id", "PRIV-003": "account", "PRIV-004": "email"}
_NAME_PLACES = {"file": ("文件名", "file name"), "folder": ("文件夹名", "folder name")}
MAX_PAGES_NAMED = 5  # pages listed in a PDF finding; more are counted


def _placed(place: str, text: str, line: int = 0, column: int = 0) -> list[PlacedCandidate]:
    return [PlacedCandidate(place, c, line, column) for c in candidates(text)]


# The rest of a line from its first #: a comment lies in one of these. A file whose tails, joined, do not pass
# ``file_may_hold_personal`` (nor then does any comment, nor is the file itself one that passes only
# because of its comments) is done with after one search of its bytes.
_TAIL = re.compile(rb"#[^\r\n]*")


def comment_candidates(raw: bytes) -> tuple[PlacedCandidate, ...]:
    """What looks like personal data in the YAML comments of ``raw``, each at its comment's line and column.
    Only a file whose comment tails pass the whole-file prefilter is decoded and scanned."""
    if not file_may_hold_personal(b"\n".join(_TAIL.findall(raw))):
        return ()
    text, _ = decode(raw)
    if text is None:
        return ()
    return tuple(
        p for c in comments(text, may_hold_personal) for p in _placed("comment", c.text, c.line, c.column)
    )


def name_candidates(path: str) -> tuple[PlacedCandidate, ...]:
    """What looks like personal data in the folder and file names of a path under ``submissions/``, each
    name read on its own."""
    head, _, rest = path.partition("/")
    if head != SUBMISSIONS or not rest:
        return ()
    *folders, name = rest.split("/")
    return tuple([*(p for f in folders for p in _folder_candidates(f)), *_placed("file", name)])


@lru_cache(maxsize=4096)
def _folder_candidates(name: str) -> tuple[PlacedCandidate, ...]:
    """A folder's name is shared by the paths below it: read once."""
    return tuple(_placed("folder", name))


def pdf_candidates(text: PdfText) -> tuple[PlacedCandidate, ...]:
    """What looks like personal data in the pages read of a PDF, each with its page number (``line``)."""
    return tuple(p for number, page in enumerate(text.pages, 1) for p in _placed("pdf", page, number))


def _elsewhere(data: Dataset, places: frozenset[str]) -> Iterator[tuple[str, PlacedCandidate]]:
    """The candidates outside the values of every file under submissions/, in ``places``, not exempt."""
    if not data.personal_elsewhere:
        return
    codes = known_credit_codes(data)
    official = official_addresses(data)
    for file in sorted(data.personal_elsewhere):
        if file.startswith(f"{SUBMISSIONS}/"):
            for placed in data.personal_elsewhere[file]:
                if placed.place in places and not _exempt(placed.candidate, codes, official):
                    yield file, placed


def _kinds(zh: str, en: str, hint: str, kind_hint: bool = True) -> dict[str, Message]:
    """One message per kind of data: ``zh``/``en`` with ``{what}`` (the kind) and ``{{masked}}``."""
    return {
        variant: Message(
            zh.format(what=_TEXTS[rule_id][0]),
            en.format(what=_TEXTS[rule_id][1]),
            f"{hint}{_TEXTS[rule_id][2] if kind_hint else ''}",
        )
        for rule_id, variant in _KIND_VARIANTS.items()
    }


_IN_SHARED = "所有学会都能看到，个人信息只能保存在评审委员会仓库（最小必要原则）"


@rule(
    "PRIV-005",
    ERROR,
    _CLAUSE,
    f"共享仓库文件的 YAML 注释中不含手机号码、身份证号码、银行账号和个人邮箱{_PRINCIPLE}",
    "No personal data in a YAML comment of the shared tree",
    messages=_kinds(
        f"YAML 注释中出现{{what}} {{{{masked}}}}：注释和数据一样保存在共享仓库中，{_IN_SHARED}。",
        "A YAML comment holds {what} ({{masked}}); comments are in the shared tree too, and personal data "
        "belongs to the committee repository.",
        "删除这条注释中的个人信息（不需要的注释整行删除）。",
    ),
)
def no_personal_in_comments(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a mobile number in a comment)::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -       description: 参会代表420人，收录论文136篇。
        +       description: 参会代表420人，收录论文136篇。  # 联系人手机 13800000091

    Passes::

        --- submissions/2026/applications/wuhan-mechanical-engineering.yaml
        -       description: 参会代表420人，收录论文136篇。
        +       description: 参会代表420人，收录论文136篇。  # 学会办公室 027-87654321
    """
    seen: set[tuple[str, int, str]] = set()
    for file, placed in _elsewhere(data, frozenset({"comment"})):
        c = placed.candidate
        if (file, placed.line, c.rule) not in seen:
            seen.add((file, placed.line, c.rule))
            hit = no_personal_in_comments.hit(file, (), _KIND_VARIANTS[c.rule], masked=c.masked)
            yield replace(hit, at=(placed.line, placed.column))


no_personal_in_names = declare(
    "PRIV-006",
    ERROR,
    _CLAUSE,
    f"共享仓库的文件名和文件夹名不含手机号码、身份证号码、银行账号和个人邮箱{_PRINCIPLE}",
    "No personal data in a file or folder name of the shared tree",
    messages=_kinds(
        f"{{{{where}}}}中出现{{what}} {{{{masked}}}}：共享仓库中文件和文件夹的名称{_IN_SHARED}。",
        "The {{where_en}} holds {what} ({{masked}}); names in the shared tree are seen by every society, "
        "and personal data belongs to the committee repository.",
        "给文件（或文件夹）换一个不含个人信息的名称，按内容命名即可（如“理事会决议.pdf”）。",
        kind_hint=False,
    ),
    doc="""A finding on the path (line 0), made beside the rule engine's (``path_hits``).

    Fails (an ID number as an attachment's file name)::

        +++ submissions/2026/attachments/wuhan-mechanical-engineering/11010519491231002X.pdf
        + %PDF-1.4

    Passes::

        +++ submissions/2026/attachments/wuhan-mechanical-engineering/理事会决议-20260920.pdf
        + %PDF-1.4
    """,
)


def _name_hits(data: Dataset) -> Iterator[Hit]:
    seen: set[tuple[str, str, str]] = set()
    for file, placed in _elsewhere(data, frozenset(_NAME_PLACES)):
        c = placed.candidate
        if (file, placed.place, c.rule) not in seen:
            seen.add((file, placed.place, c.rule))
            zh, en = _NAME_PLACES[placed.place]
            hit = no_personal_in_names.hit(
                file, (), _KIND_VARIANTS[c.rule], masked=c.masked, where=zh, where_en=en
            )
            yield replace(hit, at=(0, 0))


def _pages(numbers: list[int]) -> tuple[str, str]:
    shown = [str(n) for n in numbers[:MAX_PAGES_NAMED]]
    more = len(numbers) - len(shown)
    return (
        "、".join(shown) + (f" 等 {len(numbers)} " if more else " "),
        ", ".join(shown) + (f" and {more} more" if more else ""),
    )


personal_in_pdf = declare(
    "PRIV-007",
    WARNING,
    _CLAUSE,
    f"PDF 附件的文字中出现个人信息时提请专项办公室判断{_PRINCIPLE}",
    "Personal data in the text of a PDF attachment is shown to the office",
    messages=_kinds(
        "PDF 附件第 {{pages}}页的文字中出现{what} {{masked}}：附件所有学会都能看到。"
        "由专项办公室判断：签名栏等确需保留的可以保留，否则请学会删除或遮盖后重新提交。",
        "The text of the PDF attachment holds {what} ({{masked}}) on page {{pages_en}}; every society can "
        "read it. The office decides: a signature block may stay, anything else is removed or blacked out.",
        "附件中不需要的个人信息请在原文件中删除或遮盖，重新导出 PDF 后提交；",
    ),
    doc="""A finding on the attachment (line 0) naming its pages, made beside the rule engine's
    (``path_hits``).

    Fails (a mobile number on an attachment's page)::

        +++ submissions/2026/attachments/wuhan-mechanical-engineering/contact.pdf
        + %PDF-1.4
        + 1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        + 2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
        + 3 0 obj << /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >> endobj
        + 4 0 obj << /Length 37 >> stream
        + BT /F1 9 Tf (Tel 138-0000-0091) Tj ET
        + endstream endobj
        + 5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
        + xref
        + 0 6
        + 0000000000 65535 f
        + 0000000009 00000 n
        + 0000000058 00000 n
        + 0000000115 00000 n
        + 0000000217 00000 n
        + 0000000304 00000 n
        + trailer << /Size 6 /Root 1 0 R >>
        + startxref
        + 374
        + %%EOF

    Passes::

        +++ submissions/2026/attachments/wuhan-mechanical-engineering/contact.pdf
        + %PDF-1.4
        + 1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        + 2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
        + 3 0 obj << /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >> endobj
        + 4 0 obj << /Length 37 >> stream
        + BT /F1 9 Tf (Tel 027-8765-4321) Tj ET
        + endstream endobj
        + 5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
        + xref
        + 0 6
        + 0000000000 65535 f
        + 0000000009 00000 n
        + 0000000058 00000 n
        + 0000000115 00000 n
        + 0000000217 00000 n
        + 0000000304 00000 n
        + trailer << /Size 6 /Root 1 0 R >>
        + startxref
        + 374
        + %%EOF
    """,
)


def _pdf_hits(data: Dataset) -> Iterator[Hit]:
    pages: dict[tuple[str, str], list[int]] = {}
    masked: dict[tuple[str, str], str] = {}
    for file, placed in _elsewhere(data, frozenset({"pdf"})):
        key = (file, placed.candidate.rule)
        numbers = pages.setdefault(key, [])
        if placed.line not in numbers:
            numbers.append(placed.line)
        masked.setdefault(key, placed.candidate.masked)
    for (file, rule_id), numbers in pages.items():
        zh, en = _pages(numbers)
        hit = personal_in_pdf.hit(
            file, (), _KIND_VARIANTS[rule_id], masked=masked[file, rule_id], pages=zh, pages_en=en
        )
        yield replace(hit, at=(0, 0))


def path_hits(data: Dataset) -> Iterator[tuple[str, Hit]]:
    """PRIV-006 and PRIV-007: hits on a path, not a line (so declared without a check; the checker adds
    them to the rule engine's, ``checker.run_rules``), with the exemptions the whole dataset gives."""
    yield from ((no_personal_in_names.id, hit) for hit in _name_hits(data))
    yield from ((personal_in_pdf.id, hit) for hit in _pdf_hits(data))


_NOT_CHECKED = "未做个人信息检查，请专项办公室人工查看"
unread_pdf = declare(
    "PRIV-008",
    NOTICE,
    _CLAUSE,
    "无法读取文字的 PDF 附件提请专项办公室人工查看",
    "A PDF attachment whose text cannot be read is shown to the office",
    messages={
        ENCRYPTED: Message(
            f"PDF 附件已加密，无法读取其中的文字，{_NOT_CHECKED}。",
            "The PDF attachment is encrypted: its text was not checked for personal data.",
            "提交不设打开密码的 PDF。",
        ),
        UNREADABLE: Message(
            f"PDF 附件无法读取（文件不完整、已损坏或不是 PDF），{_NOT_CHECKED}。",
            "The PDF attachment cannot be read (truncated, damaged or not a PDF): its text was not checked.",
            "用办公软件重新导出 PDF，确认能正常打开后再提交。",
        ),
        TOO_LARGE: Message(
            f"PDF 附件大于 {{max_mb}} MB，没有读取其中的文字，{_NOT_CHECKED}。",
            "The PDF attachment is larger than {max_mb} MB: its text was not checked.",
            "压缩图片或拆分文件后重新提交。",
        ),
        TOO_MANY_PAGES: Message(
            "PDF 附件共 {pages} 页，只检查了前 {max_pages} 页的文字；其余页请专项办公室人工查看。",
            "The PDF attachment has {pages} pages; only the first {max_pages} were checked.",
            "附件只放申报需要的材料；篇幅较长的材料可只提交相关页。",
        ),
    },
    doc="""Made when the attachment is read (``generator.pdftext``): an encrypted, damaged or very large PDF,
    or one with more pages than are read.

    Fails (a truncated upload)::

        +++ submissions/2026/attachments/wuhan-mechanical-engineering/resolution.pdf
        + %PDF-1.4

    Passes::

        +++ submissions/2026/attachments/wuhan-mechanical-engineering/contact.pdf
        + %PDF-1.4
        + 1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        + 2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
        + 3 0 obj << /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >> endobj
        + 4 0 obj << /Length 37 >> stream
        + BT /F1 9 Tf (Tel 027-8765-4321) Tj ET
        + endstream endobj
        + 5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
        + xref
        + 0 6
        + 0000000000 65535 f
        + 0000000009 00000 n
        + 0000000058 00000 n
        + 0000000115 00000 n
        + 0000000217 00000 n
        + 0000000304 00000 n
        + trailer << /Size 6 /Root 1 0 R >>
        + startxref
        + 374
        + %%EOF
    """,
)


def unread_pdf_text(text: PdfText) -> tuple[str, str, str] | None:
    """The PRIV-008 notice's (zh, en, hint) for a PDF not (wholly) read, or None."""
    if text.problem is None:
        return None
    return unread_pdf.text(
        text.problem, max_mb=MAX_PDF_BYTES // (1024 * 1024), pages=text.page_count, max_pages=MAX_PAGES
    )


RULES = (
    no_mobile,
    no_id_number,
    no_account,
    no_personal_email,
    no_personal_in_comments,
    no_personal_in_names,
    personal_in_pdf,
    unread_pdf,
)
