"""Value messages a secretary can act on (issue 25): Chinese titles of codes, full-width digits and curly
quotes, no follow-on errors, one finding per kind of placeholder, COMM-002 in readable Chinese."""

from __future__ import annotations

from generator.rules.decisions import proposed_follow_rank, tiers_within_quota
from tests.helpers import DECISIONS, by_rule
from tests.test_rules import OTHER, Case, both_trees, proposed, run_case


def test_a_tier_typo_gives_one_finding_not_an_ordering_error_too() -> None:
    tree = both_trees()
    typo = proposed("wuhan-mechanical-engineering, tier: 二等", f"{OTHER}, tier: 二等奖")
    typo(tree)
    result = run_case(tree, Case(tiers_within_quota.id, "a tier typo", typo, typo, DECISIONS), "2026-11-26")
    (hit,) = by_rule(result, tiers_within_quota.id)
    assert hit.file == DECISIONS and "二等奖" in hit.message_zh
    assert by_rule(result, proposed_follow_rank.id) == []
