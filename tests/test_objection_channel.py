"""The objection channel for citizens without an account (issue 11): the office's e-mail, phone and postal
address from programme.yaml on the publicity page, its notice and the public guide; mailto:/tel: links only
from plain, validated values; objections recorded without identities in the shared decisions."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from generator.site.pages import mailto_url, tel_url
from tests.helpers import DECISIONS, REPO, by_rule, edit, mini_tree, run
from tests.test_site import mini_pages


def test_mailto_is_built_from_a_plain_address_only() -> None:
    assert mailto_url("xhzx@example.org") == "mailto:xhzx@example.org"
    assert (
        mailto_url("xhzx@example.org", "公示异议")
        == "mailto:xhzx@example.org?subject=%E5%85%AC%E7%A4%BA%E5%BC%82%E8%AE%AE"
    )
    for hostile in (
        "javascript:alert(1)",
        "x@example.org?bcc=all@example.org",
        'x@example.org" onclick="alert(1)',
        "x@example.org)<script>",
        "x y@example.org",
        "x@localhost",
        "",
        None,
    ):
        assert mailto_url(hostile) == "", hostile


def test_tel_is_built_from_digits_and_hyphens_only() -> None:
    assert tel_url("027-00000000") == "tel:027-00000000"
    assert tel_url("+86-27-0000-0000") == "tel:+86-27-0000-0000"
    for hostile in ("javascript:alert(1)", "027)(javascript", "027 0000 0000", "12", "027--0000", "", None):
        assert tel_url(hostile) == "", hostile


def test_an_unusable_contact_is_shown_as_text_not_linked() -> None:
    """Should a phone in programme.yaml not be a plain number (the schema allows spaces), it is written
    as inert text: no link is made of it."""
    tree = mini_tree()
    edit(tree, "submissions/programme.yaml", "phone: 027-00000000", 'phone: "027 0000 0000"')
    page = mini_pages(tree)["cycles/2026/publicity.md"]
    assert "tel:" not in page and "电话：027 0000 0000" in page
    assert "mailto:xhzx@example.org?subject=" in page


@pytest.mark.parametrize("page", ["cycles/2026/publicity.md", "notices/2026-publicity.md"])
def test_the_publicity_page_and_notice_give_every_channel(page: str) -> None:
    text = mini_pages()[page]
    assert "](mailto:xhzx@example.org?subject=" in text
    assert "](tel:027-00000000)" in text
    assert "武汉市江岸区示例路1号" in text
    assert "不需要注册任何账号" in text and "### 提出之后" in text
    assert "](https://forge.example.org/org/awards/issues/new?template=objection.yml)" in text
    assert "在线表单提交的内容是公开的" in text
    # Every link of the page is https, a page of the site, or the office's mailto:/tel:.
    for target in re.findall(r"\]\(([^)]*)\)", text):
        assert target.startswith(
            ("https://", "mailto:xhzx@example.org", "tel:027-00000000", "../")
        ) or not re.match(r"[a-z]+:", target), target


def test_the_public_guide_gives_the_programme_contact() -> None:
    """The guide names the office's contacts by the words the build fills in from programme.yaml (no drift:
    tests/test_site_mkdocs.py builds a programme with its own address)."""
    from generator.site.build import CONTACT_WORDS

    office = yaml.safe_load((REPO / "submissions" / "programme.yaml").read_text(encoding="utf-8"))["office"]
    guide = (REPO / "site" / "docs" / "guides" / "public.md").read_text(encoding="utf-8")
    _name, email, phone, address = CONTACT_WORDS
    assert f"[{email}](mailto:{email})" in guide
    assert f"[{phone}](tel:{phone})" in guide
    assert address in guide and office["name"] in guide
    assert "不需要注册任何账号" in guide and "表单提交后成为公开的议题" in guide
    mails = set(re.findall(r"mailto:([^)\s?]+)", guide))
    assert mails == {email}
    assert office["email"] not in guide  # never the shipped example's own address, written by hand


def test_the_issue_form_keeps_its_warning_and_names_the_other_channels() -> None:
    form = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / "objection.yml").read_text(encoding="utf-8"))
    office = yaml.safe_load((REPO / "submissions" / "programme.yaml").read_text(encoding="utf-8"))["office"]
    intro = form["body"][0]["attributes"]["value"]
    assert "议题是公开的" in intro
    assert office["email"] in intro and office["phone"] in intro and office["address"] in intro


def test_objections_carry_no_identity_in_the_shared_decisions() -> None:
    schema = json.loads((REPO / "schemas" / "decisions.schema.json").read_text(encoding="utf-8"))
    item = schema["properties"]["objections"]["items"]
    assert item["additionalProperties"] is False
    assert set(item["properties"]) == {
        "id",
        "received",
        "society",
        "summary",
        "status",
        "resolved",
        "outcome",
    }
    tree = mini_tree()
    edit(
        tree,
        DECISIONS,
        "objections: []",
        'objections:\n  - {id: 2026-yy-01, received: "2026-11-27", society: wuhan-mechanical-engineering,'
        " summary: 反映参会人数偏高, status: pending, objector: 张三}",
    )
    result = run(tree)
    assert [f.file for f in result.findings if f.rule.startswith("SCHEMA")] == [DECISIONS]
    assert by_rule(result, "PRIV-004") == []
