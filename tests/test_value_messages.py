"""Value messages a secretary can act on (issue 25): Chinese titles of codes, full-width digits and curly
quotes, no follow-on errors, one finding per kind of placeholder, COMM-002 in readable Chinese."""

from __future__ import annotations

from generator.rules.committee import results_match
from generator.rules.decisions import proposed_follow_rank, tiers_within_quota
from generator.rules.files import placeholder
from generator.rules.format_schema import invalid_value
from tests.helpers import APP, DECISIONS, RESULTS, by_rule, edit, mini_tree, run
from tests.test_rules import OTHER, REVIEW_QIAN, Case, both_trees, e, objection, proposed, run_case


def test_a_tier_typo_gives_one_finding_not_an_ordering_error_too() -> None:
    tree = both_trees()
    typo = proposed("wuhan-mechanical-engineering, tier: 二等", f"{OTHER}, tier: 二等奖")
    typo(tree)
    result = run_case(tree, Case(tiers_within_quota.id, "a tier typo", typo, typo, DECISIONS), "2026-11-26")
    (hit,) = by_rule(result, tiers_within_quota.id)
    assert hit.file == DECISIONS and "二等奖" in hit.message_zh
    assert by_rule(result, proposed_follow_rank.id) == []


def test_one_finding_per_kind_of_placeholder_with_its_lines() -> None:
    tree = mini_tree()
    edit(tree, APP, 'date: "2026-09-20"', 'date: "YYYY-MM-DD"')
    edit(tree, APP, "resolution: 武机学〔2026〕5号", "resolution: 请填写")
    edit(tree, APP, "title: 青年科技工作者培训班", "title: 请填写")
    edit(tree, APP, "description: 培训会员210人次。", "description: 请填写培训人次")
    result = run(tree)
    text = tree[APP].decode().splitlines()
    fill, date = sorted(by_rule(result, placeholder.id), key=lambda f: "date" in f.hint or "2026" in f.hint)
    fill_lines = [str(n) for n, line in enumerate(text, 1) if "请填写" in line]
    date_line = next(n for n, line in enumerate(text, 1) if "YYYY-MM-DD" in line)
    assert len(fill_lines) == 3 and "、".join(fill_lines) in fill.message_zh and "3 处" in fill.message_zh
    assert "2026-" not in fill.hint  # the date format only for the date placeholder
    assert f"第 {date_line} 行" in date.message_zh and "2026-09-20" in date.hint
    assert fill.line == int(fill_lines[0]) and date.line == date_line
    assert not [f for f in result.findings if f.file == APP and f.rule.startswith("SCHEMA")]


def test_recorded_results_differences_are_named_in_chinese() -> None:
    tree = both_trees()
    changed = e(REVIEW_QIAN, "innovation: 25", "innovation: 24")
    changed(tree)
    case = Case(results_match.id, "a score changed", changed, changed, RESULTS, rerecord=False)
    hits = {f.path: f for f in by_rule(run_case(tree, case, "2026-11-26"), results_match.id)}
    mean = hits["standings[0].area_means.innovation"].message_zh
    assert (
        "武汉市机械工程学会" in mean and "服务创新能力平均分" in mean and "25.50" in mean and "25.25" in mean
    )
    total = hits["standings[0].total"].message_zh
    assert "总分" in total and "81.00" in total and "80.75" in total
    for finding in hits.values():
        assert (
            "{" not in finding.message_zh and '"' not in finding.message_zh and "/" not in finding.message_zh
        )
    assert "standings[0].total_exact" not in hits  # the two-decimal total already says it


def test_a_chinese_name_of_a_schema_code_names_the_code() -> None:
    tree = mini_tree()
    objection(" 成立", "2026-11-26", "2026-11-27")(tree)
    (hit,) = by_rule(run(tree), invalid_value.id)
    assert "请写代码 upheld" in hit.hint and "异议成立" in hit.hint
    assert "upheld（异议成立）" in hit.message_zh  # the options with their Chinese names


def test_an_unknown_code_lists_the_options_with_their_chinese_names() -> None:
    tree = mini_tree()
    objection("accepted", "2026-11-26", "2026-11-27")(tree)
    (hit,) = by_rule(run(tree), invalid_value.id)
    assert "pending（处理中）、upheld（异议成立）、dismissed（异议不成立）" in hit.hint


def _schema_hint(old: str, new: str) -> str:
    tree = mini_tree()
    edit(tree, APP, old, new)
    hits = [f for f in run(tree).findings if f.file == APP and f.rule.startswith("SCHEMA")]
    assert len(hits) == 1, hits
    return hits[0].hint


def test_full_width_digits_are_named_with_the_ascii_to_type() -> None:
    assert "35" in _schema_hint("council_members: 35", "council_members: ３５")
    assert "2026-09-20" in _schema_hint('date: "2026-09-20"', 'date: "２０２６-09-20"')


def test_curly_quotes_in_a_date_or_a_document_number_are_named() -> None:
    hint = _schema_hint('date: "2026-09-20"', "date: “2026-09-20”")
    assert "中文引号" in hint and '"2026-09-20"' in hint
    hint = _schema_hint("resolution: 武机学〔2026〕5号", "resolution: ”武机学〔2026〕5号“")
    assert "请删除" in hint and "武机学〔2026〕5号。" in hint


def test_an_area_key_written_in_chinese_names_the_code() -> None:
    tree = mini_tree()
    edit(tree, APP, "  innovation:\n    - title:", "  服务创新能力:\n    - title:")
    (hit,) = [f for f in run(tree).findings if f.rule.startswith("SCHEMA")]
    assert "innovation" in hit.hint.split("。")[0]


def test_an_expense_category_written_as_its_chinese_title_is_told_the_code() -> None:
    """``category: 继续教育与培训`` (the programme's title of ``training``) used to get the schema's generic
    example (academic_exchange); now the finding names the code the title means, and a title of a forbidden
    category is named too. A value that is no title keeps the generic message."""
    tree = mini_tree()
    edit(tree, APP, "{category: training, ", "{category: 继续教育与培训, ")
    (finding,) = [f for f in by_rule(run(tree), invalid_value.id) if f.path.endswith(".category")]
    assert "继续教育与培训" in finding.message_zh and "training" in finding.message_zh
    assert finding.hint == "把“继续教育与培训”改为 training。"
    tree = mini_tree()
    edit(tree, APP, "{category: training, ", "{category: 人员经费, ")
    (finding,) = [f for f in by_rule(run(tree), invalid_value.id) if f.path.endswith(".category")]
    assert "personnel" in finding.hint
    tree = mini_tree()
    edit(tree, APP, "{category: training, ", "{category: 培训费, ")
    (finding,) = [f for f in by_rule(run(tree), invalid_value.id) if f.path.endswith(".category")]
    assert "改为" not in finding.hint  # no title to name: the schema's own hint
    tree = mini_tree()
    edit(tree, APP, "kind: training", "kind: 继续教育与培训")
    (finding,) = [f for f in by_rule(run(tree), invalid_value.id) if f.path.endswith(".kind")]
    assert finding.hint == "把“继续教育与培训”改为 training。"  # an achievement's kind: the same codes
