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
so the rules apply them). Comments are not data and are not read.
A finding never repeats the value: it shows it masked (a pull-request comment is seen by every participant).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from generator.model import Dataset, PersonalCandidate
from generator.personal import (
    MIN_ACCOUNT_DIGITS,
    may_hold_personal,
    normal_form,
    public_mail_domain,
    recognise,
)
from generator.rules.base import ERROR, Context, Hit, Message, Rule, rule
from generator.rules.references import credit_code_valid
from generator.yamlio import DataPath

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


RULES = (no_mobile, no_id_number, no_account, no_personal_email)
