"""Minimum personal data in the shared tree (PRIV): no data file under ``submissions/`` holds a mobile number,
an ID number, a bank account number or a personal e-mail address.

The shared programme repository is read by every society (and every participant of a pull request), so it
holds only what one society may see of another. Personal contact details and bank accounts belong to the
committee repository, which the office keeps; an application only declares what eligibility needs (三（一）).
The programme's clause is 五（二） (the information-disclosure and supervision mechanism); the principle is
the minimum-necessary rule of the Personal Information Protection Law (个人信息保护法第六条).

Each file is searched once when it is parsed (``file_candidates``, pure, cached with the parse and run in
the workers of a large tree), and each text once: a file that the cheap test of ``generator.personal``
(``may_hold_personal``: an @-like mark, or eleven characters that may be digits with no letter between)
clears is not walked at all; in the others each scalar and mapping key is tested the same way, and what
passes is read by the one recogniser the site's output scan uses too (``generator.personal.recognise``):
digits of any script, Chinese numerals (also 幺 两 洞 拐 勾), any separators and grouping, an @ or a dot
spelt out or disguised. What passes: a unified social credit code with a valid check character that
is a society's code, a date (also ``20261118103000``), an amount (``150000000000.00``), a landline
(``027-87654321``: eleven digits, not a mobile), and the official addresses: the office's e-mail in
``programme.yaml`` and a society's public e-mail in its profile when its domain is the society website's
as recorded at a pull request's base, never a public mail provider's (the exemptions need the whole tree,
so the rules apply them). Beyond the values and keys (PRIV-001…004), comments (PRIV-005), every file and folder
name (PRIV-006) and the text of PDF attachments (PRIV-007/008) are read by the same recogniser (the last section).
A finding never repeats the value: it shows it masked (a pull-request comment is seen by every participant).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from msgspec import Struct
from msgspec.structs import replace

from generator.model import Dataset, PersonalCandidate, PlacedCandidate
from generator.paths import SUBMISSIONS
from generator.pdftext import (
    ENCRYPTED,
    MAX_PAGES,
    MAX_PDF_BYTES,
    TOO_LARGE,
    TOO_MANY_PAGES,
    UNREADABLE,
    PdfText,
)
from generator.personal import (
    MIN_ACCOUNT_DIGITS,
    may_hold_personal,
    normal_form,
    public_mail_domain,
    recognise,
)
from generator.rules.base import ERROR, NOTICE, WARNING, Context, Hit, Message, Rule, declare, rule
from generator.rules.references import credit_code_valid
from generator.yamlcomments import comments
from generator.yamlio import DataPath, decode

__all__ = [
    "MIN_ACCOUNT_DIGITS",
    "candidates",
    "file_candidates",
    "find_personal",
    "known_credit_codes",
    "mask",
    "may_hold_personal",
    "official_addresses",
]

# The society profile fields these rules read (for the exemptions). They are not locked after the deadline
# (``records.JUDGED_SOCIETY_FIELDS``, LOCK-001): PRIV judges the file that holds the data, not an
# application, and a society must be able to fix its profile at any time.
READS_SOCIETY_FIELDS: tuple[str, ...] = ("credit_code", "email", "website")

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
    "或专项办公室的邮箱（公共邮箱服务商如 qq.com、163.com 的地址总是个人邮箱）；个人邮箱移到评审委员会仓库保存。"
)

# What the recogniser (``generator.personal.recognise``) calls each kind, and the rule that refuses it.
RULE_OF_KIND = {"mobile": "PRIV-001", "id": "PRIV-002", "card": "PRIV-003", "account": "PRIV-003",
                "email": "PRIV-004"}  # fmt: skip


class Personal(Struct, frozen=True):
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


def file_may_hold_personal(raw: bytes) -> bool:
    """``may_hold_personal`` on a whole file (decoded, undecodable bytes replaced): False only when no
    scalar of it can hold personal data, so the document is not walked at all (the fast path)."""
    return may_hold_personal(raw.decode("utf-8", "replace"))


def candidates(value: str, *, prefilter: bool = True) -> list[PersonalCandidate]:
    """What in one text looks like personal data (``generator.personal.recognise`` on its normal form),
    before the exemptions that need the whole tree (the societies' credit codes, the official addresses):
    each with its key (the digits, upper-cased, a mobile without 86; or the address in normal form) and
    its masked form. The data path is filled in by ``file_candidates``."""
    if prefilter and not may_hold_personal(value):
        return []
    return [
        PersonalCandidate((), RULE_OF_KIND[r.kind], r.value, mask(r.value))
        for r in recognise(normal_form(value))
    ]


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
    worker for large trees, and cached with the parse). Each text is read once: with ``prefilter`` (the
    default) a file that ``file_may_hold_personal`` clears is not walked, and of the others only the
    scalars and keys that ``may_hold_personal`` lets through are recognised; without it every scalar is
    (the plain path, which the tests compare with the prefiltered one)."""
    if document is None or (prefilter and not file_may_hold_personal(raw)):
        return ()
    return tuple(
        PersonalCandidate(path, c.rule, c.key, c.masked)
        for path, text in _scalars(document, prefilter)
        for c in candidates(text, prefilter=False)
    )


def provably_clean(document: Any) -> bool:
    """True only when no scalar or key of ``document`` can hold a candidate (none passes the cheap test);
    False for what a loaded file never is (a key neither text nor number, a document that holds itself)."""
    try:
        return not _scalars(document, True) and _plain_keys(document)
    except RecursionError:
        return False


def _plain_keys(value: Any) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str | int) and _plain_keys(v) for k, v in value.items())
    return all(_plain_keys(v) for v in value) if isinstance(value, list) else True


def _host(url: str | None) -> str:
    if not url:
        return ""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def official_addresses(data: Dataset, websites: Mapping[str, str | None] | None = None) -> frozenset[str]:
    """The office's e-mail (programme.yaml) and each society's public e-mail whose domain is its website's,
    never a public mail provider's (qq.com, 163.com …: ``personal.PUBLIC_MAIL_DOMAINS``). ``websites``
    (society slug → website) are the ones recorded at a pull request's base, so that a change cannot grant
    itself the exemption by editing ``website``; None: the data's own (a check of the tree as it is)."""
    found: set[str] = set()
    if data.programme is not None and data.programme.office_email:
        found.add(normal_form(data.programme.office_email).strip())
    for slug, society in data.societies.items():
        email = society.email
        website = society.website if websites is None else websites.get(slug)
        domain = (email or "").rpartition("@")[2].lower()
        if email and domain == _host(website) and not public_mail_domain(domain):
            found.add(normal_form(email).strip())
    return frozenset(found)


def known_credit_codes(data: Dataset) -> frozenset[str]:
    """The societies' credit codes that carry a valid check character."""
    return frozenset(
        c for c in (s.credit_code.upper() for s in data.societies.values()) if credit_code_valid(c)
    )


def _scalars(document: Any, prefilter: bool) -> list[tuple[DataPath, str]]:
    """The scalars (and mapping keys) of a document, with their paths; with ``prefilter`` only those that
    pass ``may_hold_personal``. A leaf's path is built only when it is kept: most scalars are short or
    plain and cost one test."""
    out: list[tuple[DataPath, str]] = []
    test = may_hold_personal if prefilter else bool

    def kept(value: object) -> str | None:
        if isinstance(value, bool) or not isinstance(value, str | int):
            return None
        text = value if isinstance(value, str) else str(value)
        return text if test(text) else None

    def walk(value: Any, path: DataPath) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if (text := kept(key)) is not None:
                    out.append(((*path, key), text))
                walk(item, (*path, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, (*path, i))
        elif (text := kept(value)) is not None:
            out.append((path, text))

    walk(document, ())
    return out


_LAST: list[tuple[tuple[Dataset, Any], list[tuple[str, DataPath, Personal]]]] = []


def scan(
    data: Dataset, websites: Mapping[str, str | None] | None = None
) -> list[tuple[str, DataPath, Personal]]:
    """Every piece of personal data in the shared tree's data files, in file order (scanned once per
    dataset for the four rules, from the candidates each file's parse found: ``data.personal``)."""
    key = (data, None if websites is None else tuple(sorted(websites.items())))
    if _LAST and _LAST[0][0][0] is data and _LAST[0][0][1] == key[1]:
        return _LAST[0][1]
    found = list(_scan(data, websites))
    _LAST[:] = [(key, found)]
    return found


def _scan(
    data: Dataset, websites: Mapping[str, str | None] | None
) -> Iterator[tuple[str, DataPath, Personal]]:
    codes = known_credit_codes(data)
    official = official_addresses(data, websites)
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


def _hits(rule: Rule, data: Dataset, ctx: Context) -> Iterator[Hit]:
    for file, path, item in scan(data, ctx.base_websites):
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
    yield from _hits(no_mobile, data, ctx)


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
    yield from _hits(no_id_number, data, ctx)


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
    yield from _hits(no_account, data, ctx)


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
    yield from _hits(no_personal_email, data, ctx)


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
