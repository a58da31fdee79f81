"""Publicity, 复核 and 递补 (issue 22 item 8): the stages and steps ``status`` shows, the call's text against its
fields, the rule that moves the next society up, and the issue's own scenarios. Each rule's plain positive and
negative cases are in tests/test_rules.py (``CASES``); these go further."""

from __future__ import annotations

from generator.checker import build_dataset, parse_all
from generator.clock import parse_now
from generator.lifecycle import cycle_status, steps_of
from generator.model import Dataset
from generator.repository import Source, read_folder
from generator.rules.publicity import next_in_category, zh_number
from tests.helpers import CALL, DECISIONS, REPO, RESULTS, by_rule, edit, mini_results, run
from tests.test_rules import (
    AWARDS,
    BOTH_PROPOSED,
    OTHER,
    UPHELD,
    Tree,
    both,
    both_trees,
    call_rules,
    commend,
    reconsider,
    second_applicant,
    substitute,
)

MECH = "wuhan-mechanical-engineering"


def dataset(tree: Tree) -> Dataset:
    shared = {p: r for p, r in tree.items() if not p.startswith("committee/")}
    committee = {p.removeprefix("committee/"): r for p, r in tree.items() if p.startswith("committee/")}
    shared[RESULTS] = mini_results(shared, committee)  # as the office records them (rank --record)
    data, _ = build_dataset(parse_all([Source(p, r) for p, r in sorted(shared.items())]))
    return data


def stages(tree: Tree, now: str) -> dict[str, str]:
    return dict(cycle_status(dataset(tree), 2026, parse_now(now)).applications)


def shared(tree: Tree) -> Tree:
    return {p: r for p, r in tree.items() if not p.startswith("committee/")}


# ------------------------------------------------------------------------------------------- status
def test_a_proposed_society_left_out_is_no_longer_in_publicity_after_the_commendation() -> None:
    tree = both_trees()
    both(BOTH_PROPOSED, commend(AWARDS))(tree)
    assert stages(tree, "2026-12-10")[OTHER] == "publicity"  # the commendation is not known yet
    after = stages(tree, "2026-12-20")
    assert after[OTHER] == "left_out" and after[MECH] == "commended"
    (hit,) = by_rule(run(shared(tree), now="2026-12-20"), "SUBST-004")
    assert OTHER in hit.message_zh and "left_out" in hit.hint


def test_the_substitute_has_its_own_stage_and_publicity_in_status() -> None:
    tree = both_trees()
    both(second_applicant, call_rules(), UPHELD, substitute("2026-12-04"))(tree)
    assert stages(tree, "2026-12-03")[OTHER] == "substitute"
    assert stages(tree, "2026-12-06") == {MECH: "objection_upheld", OTHER: "substitute_publicity"}
    data = dataset(tree)
    (line,) = steps_of(data.cycles[2026], parse_now("2026-12-06").date())
    assert "递补公示 2026-12-04 至 2026-12-13" in line and "剩余8天" in line
    (later,) = steps_of(data.cycles[2026], parse_now("2026-12-20").date())
    assert later.endswith("公示期满")
    assert steps_of(data.cycles[2026], parse_now("2026-12-01").date()) == ()  # not decided yet


def test_status_of_the_shipped_data_shows_each_step() -> None:
    data, _ = build_dataset(parse_all(read_folder(REPO)))
    lines = cycle_status(data, 2026, parse_now("2026-12-06")).events
    assert [line.split("：", 1)[0] for line in lines] == ["补正", "补正", "复核", "递补"]
    assert "已于 2026-11-11 补交" in lines[0] and "逾期未补交" in lines[1]
    assert "维持原结论" in lines[2] and "wuhan-materials" in lines[3]
    stage = dict(cycle_status(data, 2026, parse_now("2026-12-06")).applications)
    assert stage["wuhan-automation"] == "objection_upheld"
    assert stage["wuhan-materials"] == "substitute_publicity"
    assert stage["wuhan-science-writers"] == "formal_rejected"
    assert dict(cycle_status(data, 2026, parse_now("2026-11-10")).applications)["wuhan-nursing"] == (
        "supplement_requested"
    )


# ------------------------------------------------------------------------------------------- 递补
def test_the_next_in_category_is_the_best_ranked_unlisted_society() -> None:
    tree = both_trees()
    both(second_applicant, call_rules(), UPHELD, substitute())(tree)
    data = dataset(tree)
    cycle = data.cycles[2026]
    assert cycle.decisions is not None
    assert next_in_category(data, cycle, cycle.decisions.substitutions[0]) == OTHER


def test_the_issue_scenario_appending_and_commending_the_same_week() -> None:
    """With an objection upheld, appending the next society to the list and commending it the same week:
    in a pull request after the publicity started, the addition itself is an error."""
    tree = both_trees()
    both(BOTH_PROPOSED, UPHELD, commend(f"{OTHER}, tier: 二等"))(tree)
    result = run(shared(tree), now="2026-12-06", publicised={2026: frozenset({MECH})})
    (hit,) = by_rule(result, "SUBST-005")
    assert OTHER in hit.message_zh and "substitutions" in hit.hint


def test_a_substitute_commended_without_its_own_publicity() -> None:
    tree = both_trees()
    both(second_applicant, call_rules(), UPHELD, substitute(), commend(f"{OTHER}, tier: 一等"))(tree)
    edit(tree, DECISIONS, ', publicity: {start: "2026-12-04", channels: [本站]}', "")
    (hit,) = by_rule(run(shared(tree), now="2026-12-20"), "SUBST-003")
    assert "没有单独公示" in hit.message_zh


def test_a_substitute_publicity_before_the_decision() -> None:
    tree = both_trees()
    both(second_applicant, call_rules(), UPHELD, substitute("2026-12-01"))(tree)
    (hit,) = by_rule(run(shared(tree), now="2026-12-20"), "SUBST-003")
    assert "早于递补决定日期" in hit.message_zh


def test_a_substitute_of_another_tier() -> None:
    tree = both_trees()
    both(second_applicant, call_rules(), UPHELD, substitute())(tree)
    edit(tree, DECISIONS, f"society: {OTHER}, tier: 一等", f"society: {OTHER}, tier: 二等")
    hits = by_rule(run(shared(tree), now="2026-12-20"), "SUBST-001")
    assert [h.path for h in hits] == ["substitutions[0].tier"]


# ------------------------------------------------------------------------------------------- 复核
def test_an_upheld_reconsideration_must_change_the_outcome() -> None:
    tree = both_trees()
    both(call_rules(), UPHELD, reconsider("2026-yy-01"))(tree)
    edit(tree, DECISIONS, "status: dismissed, resolved", "status: upheld, resolved")
    (hit,) = by_rule(run(shared(tree), now="2026-12-20"), "RECON-001")
    assert "仍是原结论" in hit.message_zh


def test_a_late_reconsideration() -> None:
    tree = both_trees()
    both(call_rules(days=1), UPHELD, reconsider("2026-yy-01"))(tree)
    (hit,) = by_rule(run(shared(tree), now="2026-12-20"), "RECON-002")
    assert "2026-12-01 至 2026-12-02" in hit.message_zh


# ------------------------------------------------------------------------------------------- the call
def test_chinese_numbers() -> None:
    assert [zh_number(t) for t in ("10", "十", "十五", "二十", "七", "两", "百")] == [
        10,
        10,
        15,
        20,
        7,
        2,
        None,
    ]


def test_the_calls_text_is_compared_with_its_fields() -> None:
    tree = both_trees()
    edit(
        tree,
        CALL,
        "截止时间为2026年10月31日",
        "拟表彰一等奖5个（每个奖励30万元）、二等奖7个（每个奖励10万元），公示七天，截止时间为2026年10月31日",
    )
    hits = by_rule(run(shared(tree)), "PUBL-002")
    said = sorted(h.message_zh for h in hits)
    assert len(hits) == 3
    assert any("一等名额为“5个”" in m and "3个" in m for m in said)
    assert any("一等金额为“30万元”" in m and "200,000.00元" in m for m in said)
    assert any("公示天数为“七天”" in m for m in said)


def test_the_shipped_calls_agree_with_their_fields() -> None:
    result = run({s.path: s.raw or b"" for s in read_folder(REPO)})
    assert by_rule(result, "PUBL-002") == [] and by_rule(result, "PUBL-001") == []


def test_the_substitute_publicity_is_a_notice_of_its_own_from_its_first_day() -> None:
    from generator.public import project
    from generator.site.notices import notices

    data, _ = build_dataset(parse_all(read_folder(REPO)))
    slugs = {n.slug: n for n in notices(project(data, parse_now("2026-12-06")))}
    notice = slugs["2026-substitution-wuhan-materials"]
    assert notice.kind_zh == "递补公示" and notice.doc_number == "武科协〔2026〕27号"
    assert notice.payload.end is not None and str(notice.payload.end) == "2026-12-13"  # type: ignore[union-attr]
    before = {n.slug for n in notices(project(data, parse_now("2026-12-03")))}
    assert "2026-substitution-wuhan-materials" not in before
