"""The committee's decision with its reasons (CDEC-001…004, generator.decision): each rule fails and passes on the
shipped 2026 data, without categories (one category ``all``) and with the call's categories (分类实施)."""

from __future__ import annotations

from typing import Any

import pytest
from msgspec.structs import replace

from generator.checker import build_dataset, parse_all
from generator.clock import parse_now
from generator.decision import ALL, categories, category_rank, decision_sentences, outcome
from generator.model import Dataset
from generator.repository import Source, read_folder
from generator.rules import committee_decision as cdec
from generator.rules.base import Context
from tests.helpers import REPO

DECISIONS = "submissions/2026/decisions.yaml"


def shipped() -> dict[str, bytes]:
    return {s.path: s.raw or b"" for s in read_folder(REPO)}


def dataset(tree: dict[str, bytes], categorised: bool = False) -> Dataset:
    """The tree's dataset; without ``categorised`` the calls' categories and the profiles' are taken away
    (one category ``all``: the path of a call that names none)."""
    data, _ = build_dataset(parse_all([Source(p, r) for p, r in sorted(tree.items())], use_cache=False))
    if not categorised:
        for cycle in data.cycles.values():
            if cycle.call is not None:
                cycle.call = replace(cycle.call, categories=())
        for slug, society in list(data.societies.items()):
            data.societies[slug] = replace(society, category=None)
    return data


def hits(rule: Any, data: Dataset) -> list[tuple[str, str]]:
    ctx = Context(now=parse_now("2026-12-06"))
    return [(h.zh, repr(h.path)) for h in rule.check(data, ctx)]


def edited(old: str, new: str) -> dict[str, bytes]:
    tree = shipped()
    text = tree[DECISIONS].decode("utf-8")
    assert old in text, old
    tree[DECISIONS] = text.replace(old, new, 1).encode("utf-8")
    return tree


@pytest.mark.parametrize("categorised", [False, True])
def test_shipped_decisions_are_clean(categorised: bool) -> None:
    data = dataset(shipped(), categorised)
    for rule in cdec.RULES:
        assert hits(rule, data) == [], rule.id


def test_categories_are_read_from_the_call_or_are_all() -> None:
    plain = dataset(shipped())
    assert [c.id for c in categories(plain.cycles[2026])] == [ALL]
    assert categories(plain.cycles[2026])[0].quotas == (("一等", 3), ("二等", 7))
    split = dataset(shipped(), categorised=True)
    assert [(c.id, c.quotas) for c in categories(split.cycles[2026])] == [
        ("engineering", (("一等", 2), ("二等", 4))),
        ("life-earth", (("一等", 1), ("二等", 3))),
    ]
    assert category_rank(split, split.cycles[2026], "wuhan-agriculture") == (3, 4)
    assert category_rank(plain, plain.cycles[2026], "wuhan-agriculture") == (8, 10)


UNFILLED_ENG = """    - category: engineering
      tier: 二等
      places: 1
"""


@pytest.mark.parametrize("categorised", [False, True])
def test_unfilled_place_without_an_entry_fails(categorised: bool) -> None:
    tree = edited(UNFILLED_ENG, "    - category: engineering\n      tier: 二等\n      places: 2\n")
    found = hits(cdec.unfilled_recorded, dataset(tree, categorised))
    assert len(found) == 1
    assert "空缺" in found[0][0] and ("记录了 3 个" if not categorised else "记录了 2 个") in found[0][0]


def test_unfilled_entry_for_a_full_category_fails_when_categorised() -> None:
    tree = edited(
        "    - category: life-earth\n      tier: 二等\n", "    - category: life-earth\n      tier: 一等\n"
    )
    found = hits(cdec.unfilled_recorded, dataset(tree, categorised=True))
    assert any("名额已经用满" in zh for zh, _ in found)
    assert any("记录了 0 个" in zh for zh, _ in found)


def test_unfilled_unknown_category_fails_only_when_categorised() -> None:
    tree = edited(
        "    - category: life-earth\n      tier: 二等\n", "    - category: life\n      tier: 二等\n"
    )
    assert hits(cdec.unfilled_recorded, dataset(tree)) == []
    found = hits(cdec.unfilled_recorded, dataset(tree, categorised=True))
    assert any("不在申报通知中" in zh for zh, _ in found)


SWAP_OLD = "  - {society: wuhan-civil-engineering, tier: 二等}\n  - {society: wuhan-automation, tier: 二等}\n"
MATERIALS = "  - {society: wuhan-civil-engineering, tier: 二等}\n  - {society: wuhan-materials, tier: 二等}\n"


def test_departure_below_the_cutoff_needs_a_reason() -> None:
    tree = edited(SWAP_OLD, MATERIALS)
    found = hits(cdec.departures_recorded, dataset(tree, categorised=True))
    assert len(found) == 1 and "低于二等奖分数线 80.00" in found[0][0]
    reasoned = edited(SWAP_OLD, MATERIALS).copy()
    text = (
        reasoned[DECISIONS]
        .decode("utf-8")
        .replace("  departures: []", "  departures: [{society: wuhan-materials, reason: 评审委员会复议决定}]")
    )
    reasoned[DECISIONS] = text.encode("utf-8")
    assert hits(cdec.departures_recorded, dataset(reasoned, categorised=True)) == []


def test_departure_from_rank_within_a_category_needs_a_reason() -> None:
    tree = edited(
        "    - {category: engineering, tier: 二等, score: 80.00}",
        "    - {category: engineering, tier: 二等, score: 77.00}",
    )
    tree[DECISIONS] = (
        tree[DECISIONS]
        .decode("utf-8")
        .replace(
            "  - {society: wuhan-automation, tier: 二等}\n", "  - {society: wuhan-materials, tier: 二等}\n"
        )
        .encode("utf-8")
    )
    found = hits(cdec.departures_recorded, dataset(tree, categorised=True))
    assert len(found) == 1 and "wuhan-automation" in found[0][0] and "未列入" in found[0][0]


def test_higher_tier_to_a_lower_total_needs_a_reason() -> None:
    tree = edited(
        "  - {society: wuhan-computer, tier: 一等}\n", "  - {society: wuhan-electronics, tier: 一等}\n"
    )
    tree[DECISIONS] = (
        tree[DECISIONS]
        .decode("utf-8")
        .replace(
            "  - {society: wuhan-electronics, tier: 二等}\n", "  - {society: wuhan-computer, tier: 二等}\n"
        )
        .replace(
            "{category: engineering, tier: 一等, score: 87.00}",
            "{category: engineering, tier: 一等, score: 84.00}",
        )
        .encode("utf-8")
    )
    found = hits(cdec.departures_recorded, dataset(tree, categorised=True))
    assert len(found) == 1 and "只拟评二等奖" in found[0][0]


@pytest.mark.parametrize(
    ("meeting", "expected"),
    [
        ("{present: 7, decision: vote, votes: {for: 6, against: 1, abstain: 1}}", "超过到会人数 7"),
        ("{present: 7, decision: vote}", "没有记录票数"),
        ("{present: 7, decision: vote, votes: {for: 6, against: 1, abstain: 0}}", None),
        ("{present: 7, decision: consensus}", None),
    ],
)
def test_votes_fit_the_members_present(meeting: str, expected: str | None) -> None:
    tree = edited("  meeting: {present: 7, decision: consensus}", f"  meeting: {meeting}")
    found = hits(cdec.votes_fit, dataset(tree))
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and expected in found[0][0]


def test_cutoff_met_by_an_unproposed_society_fails() -> None:
    tree = edited(
        "{category: engineering, tier: 二等, score: 80.00}",
        "{category: engineering, tier: 二等, score: 76.00}",
    )
    found = hits(cdec.cutoffs_agree, dataset(tree, categorised=True))
    assert len(found) == 1 and "wuhan-materials" in found[0][0] and "达到二等奖分数线 76.00" in found[0][0]
    assert hits(cdec.cutoffs_agree, dataset(tree)) == []  # without categories the labels cannot be checked


def test_cutoff_order_unknown_and_missing() -> None:
    tree = edited(
        "{category: life-earth, tier: 一等, score: 86.00}", "{category: life-earth, tier: 一等, score: 70.00}"
    )
    assert any("低于较低等级二等奖" in zh for zh, _ in hits(cdec.cutoffs_agree, dataset(tree)))
    tree = edited(
        "{category: life-earth, tier: 一等, score: 86.00}", "{category: life-earth, tier: 三等, score: 86.00}"
    )
    found = hits(cdec.cutoffs_agree, dataset(tree, categorised=True))
    assert any("不在申报通知中" in zh for zh, _ in found)
    assert any("没有分数线" in zh for zh, _ in found)


def test_rules_wait_for_the_recorded_decision() -> None:
    tree = edited("  meeting: {present: 7, decision: consensus}", "")
    text = tree[DECISIONS].decode("utf-8")
    start, end = text.index("  cutoffs:"), text.index("proposed:")
    tree[DECISIONS] = (text[:start] + text[end:]).encode("utf-8")
    data = dataset(tree)
    assert data.cycles[2026].decisions is not None
    assert data.cycles[2026].decisions.committee_decision is None
    for rule in cdec.RULES:
        assert hits(rule, data) == []


def test_outcomes_and_words() -> None:
    data = dataset(shipped(), categorised=True)
    cycle = data.cycles[2026]
    automation = outcome(data, cycle, "wuhan-automation")  # proposed, then the objection was upheld
    assert automation.kind == "objection_upheld" and automation.tier is None
    materials = outcome(data, cycle, "wuhan-materials")  # moved up under the call's rule, publicised alone
    assert materials.kind == "substitute" and materials.tier == "二等"
    environment = outcome(data, cycle, "wuhan-environmental-science")
    assert environment.kind == "not_proposed" and environment.tier is None
    assert "分数线" in environment.reason and "空缺 1 个" in environment.reason
    assert outcome(data, cycle, "wuhan-geology").kind == "formal_failed"
    words = decision_sentences(cycle, {})
    assert words[0] == "专家评审委员会于2026年11月20日召开会议，到会委员7人，经协商一致确定拟表彰名单。"
    assert any(w.startswith("二等奖工程技术类空缺1个，原因：") for w in words)
    votes = decision_sentences(data.cycles[2025], {})[0]
    assert "表决（赞成6票、反对0票、弃权1票）" in votes


def test_comm_003_does_not_say_scored_when_every_sheet_is_empty() -> None:
    import re

    from tests.helpers import RESULTS, by_rule, mini_committee, mini_tree, run

    tree = mini_tree()
    tree.pop(RESULTS)
    committee = mini_committee()
    scored = by_rule(run(tree, committee=committee), "COMM-003")
    assert len(scored) == 1 and "已有专家评分" in scored[0].message_zh
    empty = {
        p: re.sub(rb"scores:\n(  .*\n|    .*\n)*", b"scores: []\n", raw) if "/reviews/" in p else raw
        for p, raw in committee.items()
    }
    found = by_rule(run(tree, committee=empty), "COMM-003")
    assert len(found) == 1
    assert "已有专家评分" not in found[0].message_zh and "还没有任何专家评分" in found[0].message_zh


def test_rank_and_status_agree_on_tiers() -> None:
    import json

    from generator.commands.rank import _decided
    from generator.lifecycle import cycle_status
    from generator.report.ranking import render
    from generator.scoring import recorded_standings

    data = dataset(shipped())
    cycle = data.cycles[2026]
    assert cycle.results is not None and cycle.decisions is not None
    standings = recorded_standings(cycle.results)
    shown = json.loads(render(standings, {}, 2026, "json", decided=_decided(data, cycle, standings)))
    upheld = {o.society for o in cycle.decisions.objections if o.status == "upheld"}
    listed = {p.society: p.tier for p in cycle.decisions.proposed if p.society not in upheld}
    listed |= {sub.society: sub.tier for sub in cycle.decisions.substitutions}
    stages = dict(cycle_status(data, 2026, parse_now("2026-12-06")).applications)
    for s in shown["standings"]:
        assert s["tier"] == listed.get(s["society"]), s["society"]
        if s["tier"] is None:
            assert stages[s["society"]] in ("not_selected", "objection_upheld"), s["society"]
    by_society = {s["society"]: s for s in shown["standings"]}
    assert by_society["wuhan-automation"]["tier_note"] == "异议成立，不予表彰（2026-yy-01）"
    assert stages["wuhan-materials"] == "substitute_publicity"
    assert by_society["wuhan-materials"]["tier_note"].startswith("递补（替代 wuhan-automation")
    assert by_society["wuhan-environmental-science"]["tier_note"].startswith("总分")
    text = render(standings, {}, 2026, "text", decided=_decided(data, cycle, standings))
    assert "未入选" in text and "名额外" not in text


def test_publicity_page_shows_claims_budget_and_the_decision_in_words() -> None:
    from generator import public
    from generator.site import pages as site_pages

    data = dataset(shipped())
    site = public.project(data, parse_now("2026-11-26"))
    built = site_pages.build_pages(site, commit="0123456789ab", histories={}, schema_files={})
    page = built["cycles/2026/publicity.md"]
    assert "## 评审委员会的决定" in page
    assert "到会委员7人，经协商一致确定拟表彰名单" in page
    assert "原因：工程技术类其余申报学会的总分均未达到" in page
    assert "（拟二等奖）\n\n**武汉市护理学会**" in page  # the name is no heading (the contents would copy it)
    assert "| 业绩 2 | 服务创新能力 | 2025-05-10 | 武汉护理学术年会2025 |" in page
    assert "[证明 1](https://nursing.example.org/news/2025-annual)" in page
    assert "#### 申请经费预算" in page and "| 学术交流活动 |" in page
    assert "武汉市材料学会（拟" not in page  # only proposed societies' claims
    society = built["societies/wuhan-nursing.md"]
    assert (
        "## 2026 年度申报的业绩与预算（列入拟表彰名单：二等奖）" in society
        and "### 申报的工作业绩" in society
    )
    assert "申报的工作业绩" not in built["societies/wuhan-materials.md"]
    before = public.project(data, parse_now("2026-11-24"))  # before publicity: neither words nor claims
    early = site_pages.build_pages(before, commit="0123456789ab", histories={}, schema_files={})
    assert "评审委员会的决定" not in early["cycles/2026/publicity.md"]
    assert "申报的工作业绩" not in early["cycles/2026/publicity.md"]
