"""补正 (issue 22 item 7): while the office's request is open the society may change its application after the
deadline (DEAD-001, the locks); afterwards a late or missing supplement cannot pass; formal review passes only
with the finances verified; a register year the office has not entered is said."""

from __future__ import annotations

from pathlib import Path

from generator.closed import locks
from generator.kinds.spec import LockReason
from generator.rules.examples import examples
from tests.helpers import APP, DECISIONS, REPORTS, VERIFIED, by_rule, edit, mini_tree, run
from tests.test_rule_units import run_example

OPEN = 'requested: "2026-11-03", items: [理事会决议扫描件], due: "2026-11-10"'


def with_supplement(sup: str = OPEN, passed: str = "true") -> dict[str, bytes]:
    tree = mini_tree()
    edit(tree, DECISIONS, "{passed: true,", f"{{passed: {passed}, supplement: {{{sup}}},")
    return tree


def test_an_open_supplement_lets_the_society_hand_in_after_the_deadline() -> None:
    tree = with_supplement()
    assert by_rule(run(tree, now="2026-11-08", submitted=(APP,)), "DEAD-001") == []
    (late,) = by_rule(run(tree, now="2026-11-12", submitted=(APP,)), "DEAD-001")
    assert (
        "补正" in late.message_zh
        and "2026-11-10" in late.message_zh
        and "理事会决议扫描件" in late.message_zh
    )


def test_without_a_supplement_the_deadline_holds() -> None:
    (hit,) = by_rule(run(mini_tree(), now="2026-11-08", submitted=(APP,)), "DEAD-001")
    assert "补正" not in hit.message_zh


def test_a_supplement_answered_closes_the_window() -> None:
    tree = with_supplement(OPEN + ', received: "2026-11-05"')
    assert by_rule(run(tree, now="2026-11-08", submitted=(APP,)), "DEAD-001")


def test_the_application_is_not_frozen_while_the_supplement_is_open() -> None:
    from generator.checker import build_dataset, parse_all
    from generator.clock import parse_now
    from generator.repository import Source

    data, _ = build_dataset(parse_all([Source(p, r) for p, r in sorted(with_supplement().items())]))

    def frozen(now: str) -> bool:
        return any(
            lock.path == APP and lock.reason is LockReason.FROZEN for lock in locks(data, parse_now(now))
        )

    assert not frozen("2026-11-08")
    assert frozen("2026-11-12")


def test_a_supplement_in_a_pull_request(tmp_path: Path) -> None:
    """The society's own pull request: refused after the due date, accepted while the 补正 is open."""
    doc = f"""
    Fails (after the due date)::

        pr: mech-secretariat
        now: 2026-11-12
        --- {DECISIONS}
        -     wuhan-mechanical-engineering: {{passed: true{VERIFIED}}}
        +     wuhan-mechanical-engineering: {{passed: true{VERIFIED}, supplement: {{{OPEN}}}}}
        === head
        --- {APP}
        -   resolution: 武机学〔2026〕5号
        +   resolution: 武机学〔2026〕6号

    Passes (while it is open)::

        pr: mech-secretariat
        now: 2026-11-08
        --- {DECISIONS}
        -     wuhan-mechanical-engineering: {{passed: true{VERIFIED}}}
        +     wuhan-mechanical-engineering: {{passed: true{VERIFIED}, supplement: {{{OPEN}}}}}
        === head
        --- {APP}
        -   resolution: 武机学〔2026〕5号
        +   resolution: 武机学〔2026〕6号
    """
    failing, passing = examples(doc)
    (tmp_path / "late").mkdir()
    (tmp_path / "open").mkdir()
    late = run_example(failing, tmp_path / "late")
    assert {f.rule for f in late.findings if f.severity.value == "error"} >= {"DEAD-001"}
    on_time = run_example(passing, tmp_path / "open")
    assert [f.rule for f in on_time.findings if f.severity.value == "error"] == []


def test_a_late_supplement_cannot_pass() -> None:
    tree = with_supplement(OPEN + ', received: "2026-11-12"')
    (hit,) = by_rule(run(tree, now="2026-11-26"), "SUPP-002")
    assert "晚于期限" in hit.message_zh
    rejected = with_supplement(OPEN + ', received: "2026-11-12"', passed="false, reason: 逾期未补正")
    assert by_rule(run(rejected, now="2026-11-26"), "SUPP-002") == []


def test_a_missed_supplement_rejected_is_clean_and_shown_as_such() -> None:
    tree = with_supplement(passed="false, reason: 未在期限内补正")
    result = run(tree, now="2026-11-26")
    assert by_rule(result, "SUPP-002") == [] and by_rule(result, "SUPP-001") == []


def test_finances_found_untrue_cannot_pass() -> None:
    tree = mini_tree()
    edit(tree, DECISIONS, "finance_staff: true}", "finance_staff: false}")
    (hit,) = by_rule(run(tree), "SUPP-003")
    assert "财务人员" in hit.message_zh and "独立银行账户" not in hit.message_zh


def test_a_register_year_not_entered_is_a_warning_for_the_office() -> None:
    tree = mini_tree()
    edit(tree, REPORTS, "  2025:\n", "  2023:\n")
    (hit,) = by_rule(run(tree), "PUBL-003")
    assert hit.file == REPORTS and hit.severity.value == "warning" and "2025" in hit.message_zh
