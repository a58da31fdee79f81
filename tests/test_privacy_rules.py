"""PRIV-001…004 (issue 11): no mobile, ID number, account number or personal e-mail in any data file of the
shared tree. Each kind is caught in each kind of file the shared tree holds; near misses pass."""

from __future__ import annotations

import re

import pytest
import yaml

from generator.rules.privacy import find_personal, mask
from tests.helpers import APP, DECISIONS, PROGRAMME, SOCIETY, VERIFIED, by_rule, edit, mini_tree, run

PERSONAL = {
    "PRIV-001": ["13800000091", "138-0000-0091", "１３８ ００００ ００９１", "+86 138 0000 0091"],
    "PRIV-002": ["11010519491231002X", "110105 19491231 002x"],
    "PRIV-003": ["6222000000000000191", "6222 0000 0000 0000 191", "622200000000"],
    "PRIV-004": ["wangmin@mech.example.org", "ｗａｎｇｍｉｎ＠ｍｅｃｈ．ｅｘａｍｐｌｅ．ｏｒｇ"],
}
CASES = [(rule, text) for rule, texts in PERSONAL.items() for text in texts]
CODES = frozenset({"51420100500012358X", "514201005000129419"})
OFFICIAL = frozenset({"xhzx@example.org", "office@mech.example.org"})


@pytest.mark.parametrize(("rule", "text"), CASES)
def test_each_kind_is_found_in_any_spelling(rule: str, text: str) -> None:
    found = find_personal(f"说明：{text}。", CODES, OFFICIAL)
    assert [p.rule for p in found] == [rule]


@pytest.mark.parametrize(
    "text",
    [
        "51420100500012358X",  # the society's credit code (valid check character)
        "514201005000129419",
        "2026-09-20",
        "20261118103000",  # a compact date-time
        "2026-09-20 2026-10-01 2026-10-31",  # dates in a row are no account number
        "150000000000.00",  # an amount
        "200,000.00",
        "027-87654321",  # the office's landline
        "027 8765 4321",
        "(027)87654321-8001",
        "+86-27-8765-4321",
        "2026-11-18T10:30:00+08:00",
        "武科协〔2026〕30号",
        "xhzx@example.org",  # the office's official address
        "OFFICE@mech.example.org",
        "https://forge.example.org/org/awards/issues/new?template=objection.yml",
        "sha256:9f2c0a1e5b7d3c4f8a6e2d1b0c9f8e7d6c5b4a3928171605f4e3d2c1b0a99887",
        "13000",
    ],
)
def test_near_misses_pass(text: str) -> None:
    assert find_personal(text, CODES, OFFICIAL) == []


def test_an_unknown_credit_code_shape_is_not_excused() -> None:
    """Only the societies' validated codes pass: another 18-digit run is an account or an ID number."""
    assert [p.rule for p in find_personal("514201005000129419", frozenset(), OFFICIAL)] == ["PRIV-003"]


def test_the_value_is_masked() -> None:
    assert mask("13800000091") == "138******91"
    assert mask("wangmin@mech.example.org") == "w******@mech.example.org"


def _inject(tree: dict[str, bytes], path: str, text: str) -> None:
    """Append ``text`` to the first free-text scalar of the file (one holding Chinese), as a society or the
    office would write it into a description; in a file without free text, add a line."""
    raw = tree[path].decode("utf-8")
    stack = [yaml.safe_load(raw)]
    while stack:
        value = stack.pop(0)
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str) and re.search("[\u4e00-\u9fff]", value):
            # The value itself, not the same words in a comment: after "key: " or "- ".
            at = re.search(rf"(?m)^[^#\n]*?(?:: |- ){re.escape(value)}", raw)
            if at is not None:
                tree[path] = (raw[: at.end()] + f"，{text}" + raw[at.end() :]).encode("utf-8")
                return
    # No free text (a record of dates only, an empty list): someone adds a line of their own. The file then
    # also fails its schema; the privacy rules read it all the same.
    tree[path] = (raw.rstrip("\n") + f"\nnote: 联系人，{text}\n").encode("utf-8")


FILES = sorted(mini_tree(awarded=True))


@pytest.mark.parametrize("path", FILES)
@pytest.mark.parametrize("rule", sorted(PERSONAL))
def test_each_kind_is_caught_in_each_file_kind(rule: str, path: str) -> None:
    tree = mini_tree(awarded=True)
    _inject(tree, path, PERSONAL[rule][1])
    hits = by_rule(run(tree, now="2027-02-01"), rule)
    assert [h.file for h in hits] == [path]
    (hit,) = hits
    line = tree[path].decode("utf-8").splitlines()[hit.line - 1]
    assert PERSONAL[rule][1] in line[hit.column - 1 :]  # file:line:column points at the scalar
    assert PERSONAL[rule][1] not in hit.message_zh  # the comment every participant sees shows it masked
    assert "评审委员会仓库" in hit.hint and hit.clause == "五（二）"


def test_an_invalid_file_is_still_scanned() -> None:
    tree = mini_tree()
    edit(tree, APP, "参会代表420人，收录论文136篇。", "13800000091")
    edit(tree, APP, "schema_version: 1", "schema_version: 2")
    result = run(tree)
    assert [f.file for f in by_rule(result, "PRIV-001")] == [APP]


def test_the_office_address_in_the_programme_passes_and_a_second_one_does_not() -> None:
    tree = mini_tree()
    assert by_rule(run(tree), "PRIV-004") == []
    edit(
        tree,
        PROGRAMME,
        "address: 武汉市江岸区示例路1号",
        "address: 武汉市江岸区示例路1号（经办人 li.ming@example.org）",
    )
    assert [f.file for f in by_rule(run(tree), "PRIV-004")] == [PROGRAMME]


def test_a_society_email_off_its_website_domain_is_personal() -> None:
    tree = mini_tree()
    edit(tree, SOCIETY, "email: office@mech.example.org", "email: wangmin@mail.example.net")
    (hit,) = by_rule(run(tree), "PRIV-004")
    assert hit.file == SOCIETY and hit.path == "email"


def test_the_society_address_passes_wherever_it_is_written() -> None:
    tree = mini_tree()
    edit(
        tree,
        DECISIONS,
        "wuhan-mechanical-engineering: {passed: true" + VERIFIED + "}",
        "wuhan-mechanical-engineering: {passed: true, reason: 已通过 office@mech.example.org 核对原件"
        + VERIFIED
        + "}",
    )
    assert by_rule(run(tree), "PRIV-004") == []


def test_the_shipped_shared_tree_holds_no_personal_data() -> None:
    from generator.repository import read_folder
    from tests.helpers import REPO

    tree = {s.path: s.raw or b"" for s in read_folder(REPO)}
    result = run(tree)
    assert [f for f in result.findings if f.rule.startswith("PRIV-")] == []
