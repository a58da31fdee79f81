"""The public site without a browser: only public fields reach it, golden pages for the small programme,
determinism, atomic output, the privacy scan, hostile text, the CSP guard, the feed and open data."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import cli, public
from generator.checker import build_dataset, parse_all
from generator.clock import parse_now
from generator.personal import id_number_valid, luhn_valid
from generator.repository import Source
from generator.site import pages as site_pages
from generator.site.build import SITE_DIR, build
from generator.site.privacy import scan_text
from tests.golden import compare
from tests.helpers import APP, REPO, SOCIETY, commit_tree_to, edit, mini_tree, write_tree

NOW = "2026-11-26"


def schema_node(kind: str, path: str) -> dict[str, Any]:
    root = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    node: dict[str, Any] = root
    for part in path.split("."):
        while "$ref" in node and "properties" not in node:
            node = root["$defs"][node["$ref"].split("/")[-1]]
        if "properties" not in node and "items" in node:
            node = node["items"]
            while "$ref" in node and "properties" not in node:
                node = root["$defs"][node["$ref"].split("/")[-1]]
        node = node["properties"][part]
    return node


@pytest.mark.parametrize(
    ("cls", "field", "kind", "path"),
    [(c, f, k, p) for c, fields in public.SOURCES.items() for f, (k, p) in fields.items()],
)
def test_every_copied_field_is_public_in_the_schema(cls: str, field: str, kind: str, path: str) -> None:
    root = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert root.get("x-public", True) is True
    parts = path.split(".")
    for i in range(1, len(parts) + 1):
        assert schema_node(kind, ".".join(parts[:i]))["x-public"] is True, (cls, field, parts[:i])
    assert field in {f.name for f in dataclasses.fields(getattr(public, cls))}


def test_public_objects_hold_no_private_field() -> None:
    private = {"contact", "phone", "email", "bank_account", "maintainers", "committee", "login", "experts"}
    for name in dir(public):
        cls = getattr(public, name)
        if isinstance(cls, type) and name.startswith("Public") and dataclasses.is_dataclass(cls):
            assert not {f.name for f in dataclasses.fields(cls)} & private, name


def site_of(tree: dict[str, bytes], now: str = NOW) -> public.PublicSite:
    data, _ = build_dataset(parse_all([Source(p, r) for p, r in sorted(tree.items())]))
    return public.project(data, parse_now(now))


def mini_pages(tree: dict[str, bytes] | None = None, now: str = NOW) -> dict[str, str]:
    return site_pages.build_pages(
        site_of(tree or mini_tree(), now), commit="0123456789ab", histories={}, schema_files={}
    )


@pytest.mark.parametrize(
    "page",
    [
        "index.md",
        "notices/index.md",
        "notices/2026-call.md",
        "notices/2026-publicity.md",
        "cycles/2026/index.md",
        "cycles/2026/publicity.md",
        "societies/wuhan-mechanical-engineering.md",
        "statistics.md",
        "data/index.md",
        "feed.xml",
    ],
)
def test_golden_pages(page: str, update_golden: bool) -> None:
    compare("site/" + page.replace("/", "__"), mini_pages()[page], update_golden)


def test_awarded_programme_pages(update_golden: bool) -> None:
    pages = mini_pages(mini_tree(awarded=True), now="2027-08-01")
    compare(
        "site/awarded__societies__wuhan-mechanical-engineering.md",
        pages["societies/wuhan-mechanical-engineering.md"],
        update_golden,
    )
    compare(
        "site/awarded__notices__2026-commendation.md", pages["notices/2026-commendation.md"], update_golden
    )
    assert "<svg" in pages["societies/wuhan-mechanical-engineering.md"]


def test_private_values_never_reach_pages() -> None:
    text = "\n".join(mini_pages().values())
    for private in (
        "13800000000",
        "wangmin@mech.example.org",
        "6222000000000000000",
        "王敏",
        "mech-secretariat",
        "赵教授",
        "expert-zhao",
    ):
        assert private not in text


def test_records_after_now_are_not_published() -> None:
    before = mini_pages(now="2026-11-24")
    assert "notices/2026-publicity.md" not in before
    assert "尚未公示" in before["cycles/2026/publicity.md"]
    early = mini_pages(now="2026-08-01")
    assert "notices/2026-call.md" not in early and "cycles/2026/index.md" not in early


def test_publicity_labels_follow_the_date() -> None:
    assert "公示中（剩余9天）" in mini_pages(now="2026-11-26")["cycles/2026/publicity.md"]
    assert "公示中（剩余1天）" in mini_pages(now="2026-12-04")["cycles/2026/publicity.md"]
    assert "公示期满" in mini_pages(now="2026-12-05")["cycles/2026/publicity.md"]
    awarded = mini_pages(mini_tree(awarded=True), now="2026-12-15")
    assert "已表彰" in awarded["cycles/2026/publicity.md"]


def test_objections_are_listed_one_block_each_without_the_complainant() -> None:
    from tests.test_rules import objection

    tree = mini_tree()
    objection("dismissed", "2026-11-26", "2026-12-01")(tree)
    page = mini_pages(tree, now="2026-12-02")["cycles/2026/publicity.md"]
    block = page[page.index("## 异议及处理结果") :]
    assert "### 异议 2026&#45;yy&#45;01（异议不成立）" in block
    for line in (
        "- 收到日期：2026-11-26",
        "- 涉及学会：武汉市机械工程学会",
        "- 反映问题：反映参会人数不实",
        "- 处理日期：2026-12-01",
        "- 处理结果：经核实不成立",
    ):
        assert line in block, line
    assert "暂未收到异议" not in block and "|" not in block


HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) {: onclick=alert(4) } | {{ 7*7 }} @wuhan/office"


def test_hostile_text_is_inert_in_every_page() -> None:
    tree = mini_tree()
    edit(tree, SOCIETY, "name: 武汉市机械工程学会", f"name: '{HOSTILE[:90]}'")
    edit(
        tree,
        APP,
        "approach: 围绕智能制造关键技术问题开展学术交流，带动会员服务与自身建设。",
        f"approach: '{HOSTILE}'",
    )
    pages = mini_pages(tree)
    text = "\n".join(v for k, v in pages.items() if k.endswith(".md"))  # open data keeps the raw values
    assert HOSTILE in json.loads(pages["data/2026.json"])["applications"][0]["approach"]
    for raw in ("<script>", "<img", "](javascript", "{: onclick", "{{ 7*7 }}", "@wuhan", "| {"):
        assert raw not in text
    assert "&#60;script&#62;" in text


def test_https_only_links() -> None:
    assert site_pages.safe_url("https://mech.example.org/") == "https://mech.example.org/"
    for bad in (
        "http://x.org/",
        "javascript:alert(1)",
        "https://x.org/a b",
        'https://x.org/"onmouseover',
        "https://x.org/)",
    ):
        assert site_pages.safe_url(bad) == ""


def test_csv_has_bom_and_no_formulas() -> None:
    tree = mini_tree()
    edit(tree, SOCIETY, "name: 武汉市机械工程学会", "name: '=HYPERLINK(\"https://evil.example.org\")'")
    csv_text = mini_pages(tree)["data/societies.csv"]
    assert csv_text.startswith("\ufeff学会代号,")
    assert "\"'=HYPERLINK" in csv_text


def test_open_data_json_is_public_only() -> None:
    data = json.loads(mini_pages()["data/2026.json"])
    text = json.dumps(data, ensure_ascii=False)
    assert data["year"] == 2026 and "13800000000" not in text and "expert-zhao" not in text


def test_notice_fingerprint_is_of_its_canonical_data() -> None:
    from generator.site.notices import fingerprint, notices

    site = site_of(mini_tree())
    (call,) = [n for n in notices(site) if n.kind == "call"]
    assert call.fingerprint == fingerprint(call.payload)
    assert call.fingerprint in mini_pages()["notices/2026-call.md"]
    changed = mini_tree()
    edit(changed, "submissions/2026/call.yaml", "count: 3", "count: 4")
    (call2,) = [n for n in notices(site_of(changed)) if n.kind == "call"]
    assert call2.fingerprint != call.fingerprint


def test_scanner_ignores_digits_inside_hex_and_short_names() -> None:
    from generator.site.privacy import Scanner

    scanner = Scanner({"王建国": "联系人姓名", "13812345678": "联系电话", "a.b@x.org": "联系邮箱"}, set())
    assert scanner.scan("p", "指纹：9f3b15464192984be1，b13912345678c") == []
    found = {
        leak.what
        for leak in scanner.scan("p", "王\u200b建国 电话13812345678 邮箱 A.B@x.org 指纹b15464192984b")
    }
    assert found == {"联系人姓名", "联系电话", "联系邮箱"}


_SCAN_ALPHABET = "ab.@-_ X1234王建国，\u200b\n"


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=_SCAN_ALPHABET, max_size=60),
    st.lists(st.text(alphabet="abAB.@-_1王建国", min_size=3, max_size=6), max_size=4),
)
def test_fast_scan_finds_what_the_lookbehind_patterns_find(text: str, values: list[str]) -> None:
    """The scanner checks neighbours by hand instead of with look-behinds: it must find exactly what the
    plain patterns find in the normal form of the text (NFKC, case-folded, zero-width spaces dropped):
    whole-word logins, names anywhere (up to two spaces between their characters), and every number the
    recogniser finds."""
    import re
    import unicodedata

    from generator.personal import recognise
    from generator.site.privacy import Scanner, _mask

    numbers = ["13912345678", "4111 1111 1111 1111", "11010519491231002X", "123456789012345"]
    text = text + "".join(f"{n}{sep}" for n, sep in zip(numbers, text[::7], strict=False))
    words = {v: "姓名" for v in values if not v.replace(" ", "").isdigit()}
    scanner = Scanner(words, set())
    got = sorted(leak.sample.split("，原文写作 ")[0] for leak in scanner.scan("p", text))
    joined = unicodedata.normalize("NFKC", text.replace("\u200b", "")).casefold()
    expected: list[str] = []
    spans: list[tuple[int, int]] = []
    ascii_words = sorted(
        {unicodedata.normalize("NFKC", w).casefold() for w in words if w.isascii()}, key=len, reverse=True
    )
    other_words = sorted(
        {unicodedata.normalize("NFKC", w).casefold() for w in words if not w.isascii()}, key=len, reverse=True
    )
    if ascii_words:
        pattern = re.compile(
            r"(?<![a-z0-9_.@-])(?:" + "|".join(map(re.escape, ascii_words)) + r")(?![a-z0-9_-])"
        )
        for m in pattern.finditer(joined):
            expected.append(m.group())
            spans.append(m.span())
    if other_words:
        spaced = "|".join(" {0,2}".join(map(re.escape, w)) for w in other_words)
        for m in re.finditer(spaced, joined):
            expected.append(m.group().replace(" ", ""))
            spans.append(m.span())
    expected = [_mask(v) for v in expected]
    # The shapes of personal data: what the one recogniser finds (tests/test_recogniser.py pins it), but
    # where a private value was found.
    for item in recognise(joined):
        hit = scanner.shape(item)
        if hit is not None and not any(a < item.stop and item.start < b for a, b in spans):
            expected.append(_mask(hit[1]))
    assert got == sorted(expected)


def test_private_values_keep_two_character_names() -> None:
    """Two-character names are private values; one inside ordinary words (程文 in 工程文献) is not a leak,
    the same name on its own is."""
    from generator.checker import private_values
    from generator.site.privacy import Scanner

    tree = mini_tree()
    edit(tree, APP, "secretary_general: {name: 王敏", "secretary_general: {name: 程文")
    parsed = parse_all([Source(p, r) for p, r in sorted(tree.items())])
    values = private_values(parsed)
    assert values["程文"] == "秘书长姓名"
    scanner = Scanner(values, set())
    assert scanner.scan("p", "收录工程文献 136 篇") == []
    assert [leak.what for leak in scanner.scan("p", "联系人：程文")] == ["秘书长姓名"]


def test_trie_scanner_matches_a_plain_search() -> None:
    import random

    from generator.site.privacy import Scanner

    rng = random.Random(3)
    alphabet = "王李张陈刘杨赵黄周吴建国明华丽芳伟强"
    words = {"".join(rng.choice(alphabet) for _ in range(rng.randint(3, 5))) for _ in range(300)}
    text = "".join(rng.choice(alphabet + "，。的了是") for _ in range(20000))
    scanner = Scanner(dict.fromkeys(words, "姓名"), set())
    found = {leak.sample for leak in scanner.scan("p", text)}
    assert bool(found) == any(w in text for w in words)


def test_privacy_checksums() -> None:
    assert id_number_valid("11010519491231002X")
    assert not id_number_valid("110105194912310021")
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")
    leaks = scan_text(
        "p.html",
        "电话 13912345678，卡 4111 1111 1111 1111，证 11010519491231002X，码 51420100500012358X",
        {},
        {"51420100500012358X"},
    )
    assert {leak.what for leak in leaks} == {
        "手机号码形式的数字",
        "银行卡号（Luhn 校验有效）",
        "身份证号码（校验位有效）",
    }
    assert scan_text("p.html", "2025-11-25 2025-12-04 共 200,000.00 元", {}, set()) == []


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("tree")
    write_tree(root, mini_tree())
    out = root / "public"
    result = build(root, out, parse_now(NOW))
    assert result.ok, (result.problem, result.details, result.leaks)
    return root, out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_build_output(built: tuple[Path, Path]) -> None:
    _root, out = built
    for page in (
        "index.html",
        "cycles/2026/publicity.html",
        "societies/wuhan-mechanical-engineering.html",
        "notices/2026-publicity.html",
        "search/search_index.json",
        "search/search_index.js",  # the index again, as a script: the search page works from disk
        "search.html",
        "feed.xml",
        "data/2026-awards.csv",
    ):
        assert (out / page).is_file(), page
    html = (out / "cycles/2026/publicity.html").read_text(encoding="utf-8")
    assert "公示中（剩余9天）" in html and 'lang="zh-CN"' in html
    assert "Content-Security-Policy" in html and "__XUEHUI_CSP__" not in html
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_two_builds_are_identical(built: tuple[Path, Path], tmp_path: Path) -> None:
    root, out = built
    again = tmp_path / "again"
    assert build(root, again, parse_now(NOW)).ok
    assert snapshot(again) == snapshot(out)


def test_same_commit_same_output_in_git(tmp_path: Path) -> None:
    root = commit_tree_to(tmp_path / "repo", mini_tree())
    first, second = tmp_path / "a", tmp_path / "b"
    assert build(root, first, parse_now(NOW)).ok
    assert build(root, second, parse_now(NOW)).ok
    assert snapshot(first) == snapshot(second)
    history = (first / "cycles/2026/history.html").read_text(encoding="utf-8")
    assert "收到" not in history and "拟表彰名单新增" in history


def test_a_broken_file_leaves_the_old_output(built: tuple[Path, Path], tmp_path: Path) -> None:
    root, out = built
    copy = tmp_path / "tree"
    shutil.copytree(root / "submissions", copy / "submissions")
    target = tmp_path / "public"
    shutil.copytree(out, target)
    before = snapshot(target)
    (copy / APP).write_bytes(b"a: [\n")
    result = build(copy, target, parse_now(NOW))
    assert not result.ok and result.check.errors
    assert snapshot(target) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".public")] == []


def test_a_private_value_in_public_text_fails_the_build(tmp_path: Path) -> None:
    tree = mini_tree()
    # A name passes the data check (PRIV looks for numbers and e-mail addresses): the site scan stops it.
    edit(
        tree,
        SOCIETY,
        "name: 武汉市机械工程学会",
        "name: 武汉市机械工程学会\nintroduction: 联系人王敏，欢迎垂询。",
    )
    write_tree(tmp_path, tree)
    out = tmp_path / "public"
    out.mkdir()
    (out / "keep.txt").write_text("old", encoding="utf-8")
    result = build(tmp_path, out, parse_now(NOW))
    assert not result.ok and result.leaks
    assert {leak.what for leak in result.leaks} >= {"秘书长姓名"}
    assert (out / "keep.txt").read_text(encoding="utf-8") == "old"


def test_a_mobile_in_public_text_is_stopped_by_the_check_before_the_build(tmp_path: Path) -> None:
    tree = mini_tree()
    edit(
        tree,
        SOCIETY,
        "name: 武汉市机械工程学会",
        "name: 武汉市机械工程学会\nintroduction: 联系电话 13800000091，欢迎垂询。",
    )
    write_tree(tmp_path, tree)
    result = build(tmp_path, tmp_path / "public", parse_now(NOW))
    assert not result.ok and result.pages == 0
    assert [f.file for f in result.check.findings if f.rule == "PRIV-001"] == [SOCIETY]


def test_an_unexpected_inline_script_fails_the_build(tmp_path: Path) -> None:
    site_copy = tmp_path / "site"
    shutil.copytree(SITE_DIR, site_copy)
    (site_copy / "docs" / "guides" / "index.md").write_text(
        "# 指南\n\n<script>alert(1)</script>\n", encoding="utf-8"
    )
    write_tree(tmp_path, mini_tree())
    result = build(tmp_path, tmp_path / "public", parse_now(NOW), site_dir=site_copy)
    assert not result.ok and "内联脚本" in (result.problem or "")
    (site_copy / "docs" / "guides" / "index.md").write_text(
        '# 指南\n\n<img src="x" onerror="alert(1)">\n', encoding="utf-8"
    )
    result = build(tmp_path, tmp_path / "public", parse_now(NOW), site_dir=site_copy)
    assert not result.ok and any("事件处理属性" in line for line in result.details)
    assert not (tmp_path / "public").exists()


def test_cli_build_refuses_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = mini_tree()
    tree[APP] = b"a: [\n"
    write_tree(tmp_path, tree)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build", "--now", NOW, "--out", "public"]) == 1
    out, err = capsys.readouterr()
    assert "YAML-006" in out and "保持不变" in err
    assert not (tmp_path / "public").exists()


def test_a_rule_error_refuses_the_build_after_mkdocs_ran(tmp_path: Path) -> None:
    tree = mini_tree()
    edit(tree, APP, "separate_accounting: true", "separate_accounting: false")
    write_tree(tmp_path, tree)
    out = tmp_path / "public"
    out.mkdir()
    (out / "keep.txt").write_text("old", encoding="utf-8")
    result = build(tmp_path, out, parse_now(NOW))
    assert not result.ok and [f.rule for f in result.check.findings if f.severity.value == "error"] == [
        "FUND-004"
    ]
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".public")] == []
