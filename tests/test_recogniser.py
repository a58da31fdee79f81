"""The one recogniser of personal numbers and e-mail addresses (``generator.personal.recognise``, issue 21):
the data check's PRIV rules and the site's output scan read a text the same way.

One shared corpus (``CORPUS``: 119 cases, 80 that hold personal data and 39 that do not) is run through
both paths, the rules' ``candidates`` and the site's ``Scanner``, with the same verdicts. Measured false
positives of the recogniser (after the exemptions every path applies: the societies' credit codes and the
official addresses): 0 on the shipped shared tree (``submissions/``, 63 files: its 7 raw finds are the 3
all-digit credit codes and the official addresses, in the fields they belong in) and 0 on a synthetic
tree of 200 societies (``bench/synth.py``, 407 files: its 60 raw finds are the all-digit credit codes and
the official addresses); ``test_false_positives_on_the_shipped_tree`` and
``test_false_positives_on_a_synthetic_tree`` keep them so.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.personal import (
    PUBLIC_MAIL_DOMAINS,
    may_hold_personal,
    normal_form,
    public_mail_domain,
    recognise,
)
from generator.repository import read_folder
from generator.rules.privacy import RULE_OF_KIND, candidates, known_credit_codes, official_addresses
from generator.site.privacy import SHAPE_WHAT, Scanner
from generator.yamlio import load_yaml
from tests.helpers import REPO, SOCIETY, by_rule, edit, mini_tree, run

MOBILE, ID, ACCOUNT, EMAIL = "PRIV-001", "PRIV-002", "PRIV-003", "PRIV-004"
PERSONAL: list[tuple[str, str]] = [
    # Mobile numbers: Chinese numerals, the spoken forms, any separator and grouping, other scripts.
    ("一三八零零零零零零九一", MOBILE),
    ("一三八〇〇〇〇〇〇九一", MOBILE),
    ("幺三八洞洞洞洞洞洞勾幺", MOBILE),
    ("幺三九幺两三四五六拐八", MOBILE),
    ("壹叁捌零零零零零零玖壹", MOBILE),
    ("一三八 零零零零 零零九一", MOBILE),
    ("138零零零零0091", MOBILE),
    ("138/0000/0091", MOBILE),
    ("138,0000,0091", MOBILE),
    ("138，0000，0091", MOBILE),
    ("138、0000、0091", MOBILE),
    ("138*0000*0091", MOBILE),
    ("138~0000~0091", MOBILE),
    ("(138)0000-0091", MOBILE),
    ("138(0000)0091", MOBILE),
    ("（138）0000 0091", MOBILE),
    ("138    0000    0091", MOBILE),
    ("1-3-8-0-0-0-0-0-0-9-1", MOBILE),
    ("1 3 8 0 0 0 0 0 0 9 1", MOBILE),
    ("1.3.8.0.0.0.0.0.0.9.1", MOBILE),
    ("13 91 23 45 678", MOBILE),
    ("139 12 345 678", MOBILE),
    ("138-0000 0091", MOBILE),
    ("138OOOO0091", MOBILE),
    ("138oooo0091", MOBILE),
    ("138 O000 0091", MOBILE),
    ("١٣٨٠٠٠٠٠٠٩١", MOBILE),  # Arabic-Indic digits
    ("۱۳۸۰۰۰۰۰۰۹۱", MOBILE),  # Extended Arabic-Indic
    ("१३८००००००९१", MOBILE),  # Devanagari
    ("①③⑧⓪⓪⓪⓪⓪⓪⑨①", MOBILE),  # circled
    ("¹³⁸⁰⁰⁰⁰⁰⁰⁹¹", MOBILE),  # superscript
    ("１３８００００００９１", MOBILE),
    ("13800000091", MOBILE),
    ("+86 138 0000 0091", MOBILE),
    ("0086-138-0000-0091", MOBILE),
    ("138-0000-0091", MOBILE),
    ("138\u200b0000\u200b0091", MOBILE),
    ("&#49;3800000091", MOBILE),
    ("手机：138 0000 0091，座机 027-87654321", MOBILE),
    ("电话13800000091或13912345678", MOBILE),
    # ID numbers (GB 11643 check character, a real date of birth) in any grouping.
    ("11010519491231002X", ID),
    ("1101.0519.4912.3100.2X", ID),
    ("1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2X", ID),
    ("110105 19491231 002x", ID),
    ("110105-19491231-002X", ID),
    ("110105/19491231/002X", ID),
    ("一一〇一〇五一九四九一二三一〇〇二X", ID),
    ("１１０１０５１９４９１２３１００２Ｘ", ID),
    # Card and account numbers.
    ("6222/0000/0000/0000/191", ACCOUNT),
    ("4111/1111/1111/1111", ACCOUNT),
    ("4111 1111 1111 1111", ACCOUNT),
    ("4111-1111-1111-1111", ACCOUNT),
    ("4111111111111111", ACCOUNT),
    ("4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", ACCOUNT),
    ("6222000000000000191", ACCOUNT),
    ("6222 0000 0000 0000 191", ACCOUNT),
    ("622200000000", ACCOUNT),
    ("四一一一 一一一一 一一一一 一一一一", ACCOUNT),
    # E-mail addresses: the @ and the dot spelt out or disguised.
    ("zhangsan1985@qq.com", EMAIL),
    ("zhangsan1985[at]qq.com", EMAIL),
    ("zhangsan1985 [at] qq.com", EMAIL),
    ("zhangsan1985(at)qq.com", EMAIL),
    ("zhangsan1985（at）qq.com", EMAIL),
    ("zhangsan1985【at】qq.com", EMAIL),
    ("zhangsan1985{at}qq.com", EMAIL),
    ("zhangsan1985<at>qq.com", EMAIL),
    ("zhangsan1985 at qq.com", EMAIL),
    ("zhangsan at qq dot com", EMAIL),
    ("wang.min at wast.org.cn", EMAIL),
    ("zhangsan1985艾特qq.com", EMAIL),
    ("zhangsan1985艾特qq点com", EMAIL),
    ("zhangsan1985#qq.com", EMAIL),
    ("zhangsan1985＃qq.com", EMAIL),
    ("zhangsan1985@qq。com", EMAIL),
    ("zhangsan1985@qq[dot]com", EMAIL),
    ("zhangsan1985@qq(dot)com", EMAIL),
    ("zhangsan1985@qq dot com", EMAIL),
    ("zhangsan1985＠ｑｑ．ｃｏｍ", EMAIL),
    ("zhangsan1985﹫qq.com", EMAIL),
    ("zhangsan1985&#64;qq.com", EMAIL),
]
CLEAN: list[str] = [
    "2026年11月26日",
    "二〇二六年十一月二十六日",
    "20261126",
    "2026-11-26 13:30-15:00",
    "2026-09-20 2026-10-01 2026-10-31",
    "2026.11.26、2026.12.01、2027.01.15",
    "20261118103000",
    "150000000000.00",
    "13,800,000,091.00",
    "200,000.00",
    "一百五十万元",
    "壹佰伍拾万元整",
    "武科协〔2026〕25号",
    "武科协〔2026〕30号、武科协〔2026〕31号",
    "51420100500012358X",  # a credit code (not digits only: no number at all)
    "027-87654321",
    "027 8765 4321",
    "(027)87654321-8001",
    "+86-27-8765-4321",
    "一二三级学会",
    "第一届、第二届、第三届",
    "一一对应，三三两两，四面八方",
    "2023/2024/2025/2026",
    "第1、3、5、7、9、11、13页",
    "参会代表420人，收录论文136篇，经费150万元",
    "示例号码 13000000000、账号 6200000000000000000",  # placeholders
    "zhangsan@example.org",  # the forms' placeholder address
    "available at example.org",
    "see the notice at www.wast.org.cn",
    "C# 与 F# 课程",
    "https://forge.example.org/org/awards/issues/new?template=objection.yml#top",
    "sha256:9f2c0a1e5b7d3c4f8a6e2d1b0c9f8e7d6c5b4a3928171605f4e3d2c1b0a99887",
    "指纹 9f3b 1546 4192 984b 13800000091a",
    "版本 1.2.3，第 138 页第 0000 行",
    "110105194912310021",  # a wrong check digit, 18 digits: an account all the same
    "ISBN 978-7-04-050000-0",
    "https://s0001.example.org/news/2025-08-16-820",
    "Room 1203, Floor 15",
    "邮编 430000",
]
CLEAN_BUT_ACCOUNT = {"110105194912310021"}  # not an ID number, still a run of 18 digits: PRIV-003
CORPUS = [*PERSONAL, *[(t, ACCOUNT if t in CLEAN_BUT_ACCOUNT else "") for t in CLEAN]]
RULE_OF_WHAT = {SHAPE_WHAT[kind]: rule for kind, rule in RULE_OF_KIND.items()}


def check_verdict(text: str) -> set[str]:
    """The rules' path (no exemption: nothing is a credit code or an official address here)."""
    return {c.rule for c in candidates(f"说明：{text}。")}


def site_verdict(text: str) -> set[str]:
    """The site scan's path, without private values, credit codes or official addresses."""
    leaks = Scanner({}, set(), official=()).scan("p.html", f"<p>说明：{text}。</p>")
    return {RULE_OF_WHAT[leak.what] for leak in leaks}


def test_the_corpus_size() -> None:
    assert (len(CORPUS), len(PERSONAL), len(CLEAN)) == (119, 80, 39)


@pytest.mark.parametrize(("text", "rule"), CORPUS)
def test_both_paths_give_the_same_verdict(text: str, rule: str) -> None:
    expected = {rule} if rule else set()
    assert check_verdict(text) == expected
    assert site_verdict(text) == expected


@pytest.mark.parametrize(("text", "rule"), CORPUS)
def test_the_cheap_test_lets_every_find_through(text: str, rule: str) -> None:
    if rule:
        assert may_hold_personal(text)


def test_what_is_found_is_the_value() -> None:
    def found(text: str) -> list[tuple[str, str]]:
        return [(r.kind, r.value) for r in recognise(normal_form(text))]

    assert found("幺三八洞洞洞洞洞洞勾幺") == [("mobile", "13800000091")]
    assert found("+86 138 0000 0091") == [("mobile", "13800000091")]
    assert found("1101.0519.4912.3100.2x") == [("id", "11010519491231002X")]
    assert found("zhangsan at qq dot com") == [("email", "zhangsan@qq.com")]
    assert found("一三八零零零零零零九一 与 zhangsan[at]qq。com") == [
        ("mobile", "13800000091"),
        ("email", "zhangsan@qq.com"),
    ]


HOSTILE = [
    "1 " * 500_000,
    "1-" * 500_000,
    "一 " * 500_000,
    "1o" * 500_000,
    "a@" * 500_000,
    "a[at]" * 200_000,
    "a at " * 200_000,
    "a.b" * 333_333,
    "a@b" + ".c" * 500_000,
    "a#b." * 250_000,
    "1" * 1_000_000,
    ("138 " * 3 + "\n") * 80_000,
    "(1)" * 333_333,
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_a_hostile_megabyte_completes(text: str) -> None:
    """Linear time: every pattern of the recogniser is a class, a fixed alternation or a bounded count
    (no repetition inside repetition), windows are bounded (20 groups, 40 digits). No timed assertion:
    a catastrophic pattern would not complete."""
    assert len(text) >= 999_990
    may_hold_personal(text)
    recognise(normal_form(text))


# --------------------------------------------------------------------------------- false positives
def _raw_finds(files: list[Path]) -> list[tuple[str, tuple[str | int, ...], str, str]]:
    from generator.rules.privacy import file_candidates

    found = []
    for path in files:
        raw = path.read_bytes()
        for c in file_candidates(raw, load_yaml(raw, max_bytes=1 << 26).data, prefilter=False):
            found.append((path.as_posix(), c.path, c.rule, c.key))
    return found


def _explained(finds: list[tuple[str, tuple[str | int, ...], str, str]], codes: frozenset[str],
               official: frozenset[str]) -> list[tuple[str, tuple[str | int, ...], str, str]]:  # fmt: skip
    """The finds that no exemption explains: the false positives (the trees hold no personal data)."""
    return [f for f in finds if not (f[3] in official or (f[2] == ACCOUNT and f[3] in codes))]


def _dataset(root: Path):  # type: ignore[no-untyped-def]
    from generator.checker import check
    from generator.clock import parse_now
    from generator.rules.base import Context

    return check(read_folder(root), Context(now=parse_now("2026-11-26"))).dataset


def test_false_positives_on_the_shipped_tree() -> None:
    files = sorted((REPO / "submissions").rglob("*.yaml"))
    finds = _raw_finds(files)
    data = _dataset(REPO)
    # 66 files: 2025/payments.yaml, the 2026 application of wuhan-science-writers (补正 missed), office/holidays.yaml
    assert (len(files), len(finds)) == (66, 7)
    assert _explained(finds, known_credit_codes(data), official_addresses(data)) == []


def test_false_positives_on_a_synthetic_tree(tmp_path: Path, synth: ModuleType) -> None:
    synth.make_tree(tmp_path, 200, 0)
    files = sorted(tmp_path.rglob("*.yaml"))
    finds = _raw_finds(files)
    data = _dataset(tmp_path)
    assert len(files) == 407 and len(finds) == 60
    assert _explained(finds, known_credit_codes(data), official_addresses(data)) == []


# ------------------------------------------------------------------------------ own-domain exemption
def test_public_mail_providers_are_kept_in_one_place() -> None:
    for domain in ("qq.com", "163.com", "126.com", "sina.com", "sina.cn", "sohu.com", "yeah.net",
                   "foxmail.com", "139.com", "189.cn", "aliyun.com", "gmail.com", "outlook.com",
                   "hotmail.com", "yahoo.com", "icloud.com"):  # fmt: skip
        assert domain in PUBLIC_MAIL_DOMAINS and public_mail_domain(domain)
    assert public_mail_domain("vip.qq.com") and public_mail_domain("mail.163.com")
    assert not public_mail_domain("mech.example.org") and not public_mail_domain("notqq.com")


def test_a_public_provider_website_grants_no_exemption() -> None:
    """A society that sets its website to a mail provider's does not make its secretary's address there
    official."""
    tree = mini_tree()
    edit(tree, SOCIETY, "website: https://mech.example.org/", "website: https://qq.com/")
    edit(tree, SOCIETY, "email: office@mech.example.org", "email: zhangsan1985@qq.com")
    (hit,) = by_rule(run(tree), EMAIL)
    assert hit.file == SOCIETY and hit.path == "email"
    assert "zhangsan1985" not in hit.message_zh


def test_the_exemption_follows_the_base_websites() -> None:
    """In a pull request the websites recorded at the base decide (``Context.base_websites``): a change
    that moves the website and the address together is not exempt until the website is in the base."""
    from generator.checker import check
    from generator.clock import parse_now
    from generator.repository import Source
    from generator.rules.base import Context

    tree = mini_tree()
    edit(tree, SOCIETY, "website: https://mech.example.org/", "website: https://mech.example.net/")
    edit(tree, SOCIETY, "email: office@mech.example.org", "email: wangmin@mech.example.net")
    sources = [Source(p, r) for p, r in sorted(tree.items())]
    now = parse_now("2026-11-26")
    slug = "wuhan-mechanical-engineering"
    assert by_rule(check(sources, Context(now=now)), EMAIL) == []  # the tree as it is: its own website
    base = {slug: "https://mech.example.org/"}
    (hit,) = by_rule(check(sources, Context(now=now, base_websites=base)), EMAIL)
    assert hit.file == SOCIETY
    merged = {slug: "https://mech.example.net/"}
    assert by_rule(check(sources, Context(now=now, base_websites=merged)), EMAIL) == []


def _plain_numbers(text: str) -> list[tuple[str, str, int, int]]:
    """``recognise_numbers`` with every window of every chain tried (no early end of a group's windows)."""
    from generator.personal import _windows, digit_chains

    found: list[tuple[str, str, int, int]] = []
    for groups, gaps in digit_chains(text):
        if sum(len(g.digits) for g in groups) < 11:
            continue
        kept: list[tuple[str, str, int, int]] = []
        for item in sorted(_windows(text, groups, gaps, prune=False), key=lambda r: (r.start, -r.stop)):
            if not any(k[2] <= item.start and item.stop <= k[3] for k in kept):
                kept.append((item.kind, item.value, item.start, item.stop))
        found += kept
    return found


CHAIN_TEXTS = st.lists(
    st.sampled_from(
        [*"0123456789 -.,、;/()（）x—\n", "138", "0000", "0091", "6222", "2025", "110105", "19491231"]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=2000, deadline=None)
@given(CHAIN_TEXTS)
def test_the_windows_a_group_stops_at_are_none_of_them_numbers(text: str) -> None:
    """A group's windows end once their gaps are mixed and a head group is short or a list mark is between:
    no longer window has the shape of any number (``_shape_ok``); the result is that of trying them all."""
    from generator.personal import normal_form, recognise_numbers

    normal = normal_form(text)
    assert [(r.kind, r.value, r.start, r.stop) for r in recognise_numbers(normal)] == _plain_numbers(normal)


def test_the_windows_agree_on_the_shipped_files() -> None:
    from generator.personal import normal_form, recognise_numbers

    for path in sorted(REPO.glob("submissions/**/*.yaml")) + sorted(REPO.glob("site/docs/**/*.md")):
        normal = normal_form(path.read_text(encoding="utf-8"))
        assert [(r.kind, r.value, r.start, r.stop) for r in recognise_numbers(normal)] == _plain_numbers(
            normal
        )


STRETCH_TEXTS = st.lists(
    st.sampled_from(
        [
            *"0123456789oOxX _-.,，、;/()（）:\n\t\u2028ab地址中二〇三零壹",
            "138",
            "0000",
            "0091",
            "110105",
            "19491231",
            "no",
            "foo",
            "2026-11-26",
            "&#49;",
            "\\u0031",
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=3000, deadline=None)
@given(STRETCH_TEXTS)
def test_reading_only_the_stretches_finds_what_reading_everything_finds(text: str) -> None:
    """``recognise_numbers`` reads the chains only inside the stretches where eleven digits can lie
    (``_CHAIN_STRETCH``): the same numbers, at the same places, as ``recognise_numbers_plain``, on texts
    mixing digits, o and x, Chinese numerals, letters, line breaks, underscores and separators."""
    from generator.personal import normal_form, recognise_numbers, recognise_numbers_plain

    for candidate in (text, normal_form(text)):
        assert recognise_numbers(candidate) == recognise_numbers_plain(candidate)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_reading_only_the_stretches_agrees_on_the_hostile_texts(text: str) -> None:
    from generator.personal import normal_form, recognise_numbers, recognise_numbers_plain

    normal = normal_form(text[:200_000])
    assert recognise_numbers(normal) == recognise_numbers_plain(normal)


def test_a_stretch_gap_is_what_a_chain_accepts_between_two_groups() -> None:
    """``_GAP_CHAR`` (a regular-expression class) accepts exactly the characters ``_gap_ok`` accepts: neither
    alphanumeric (``str.isalnum``) nor a line break, over every code point."""
    import re
    import sys

    from generator.personal import _GAP_CHAR, _LINE_BREAKS

    gap = re.compile(_GAP_CHAR)
    wrong = [
        cp
        for cp in range(sys.maxunicode + 1)
        if bool(gap.fullmatch(chr(cp))) != (not chr(cp).isalnum() and chr(cp) not in _LINE_BREAKS)
    ]
    assert wrong == []


AT_TEXTS = st.lists(
    st.sampled_from(
        [*" at[](（）【】［］<>＜＞{}｛｝〔〕「」@＠艾特小老鼠圈#＃a0z9x.\n", "at", "艾特", "dot"]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=3000, deadline=None)
@given(AT_TEXTS)
def test_the_at_marks_written_for_speed_are_the_plain_ones(text: str) -> None:
    """``_AT`` (each alternative starting with one written-out character) finds the same marks at the same
    places as the plain statement ``_AT_PLAIN``."""
    from generator.personal import _AT, _AT_PLAIN

    assert [m.span() for m in _AT.finditer(text)] == [m.span() for m in _AT_PLAIN.finditer(text)]
