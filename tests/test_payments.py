"""Payments (拨付), a failed midterm's 整改 and 复查, and a revocation's claw-back (一（三）、四（四）、五（二）、五（三）):
each PAY/RECT/CLAW rule failing and passing on the minimal tree, ``generator.funding``'s arithmetic, the status
JSON and text, and the shipped 2025 story."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest

from generator.checker import build_dataset, parse_all
from generator.funding import cycle_funding, tranche_amounts
from generator.model import Dataset, Tranche, two_decimals
from generator.repository import Source, read_folder
from tests.helpers import CALL, DECISIONS, MIDTERM, REPO, SANCTIONS, by_rule, edit, mini_tree, run

PAYMENTS = "submissions/2026/payments.yaml"
PLAN_LINE = "plan_due_days: 30"
TRANCHES = (
    '\npayment: {tranches: [{share: "0.6", after: commendation}, {share: "0.4", after: midterm_passed}]}\n'
)
MIDTERM_EMPTY = "  midterm: {}"
SOC = "wuhan-mechanical-engineering"


def tree(*, tranches: bool = True) -> dict[str, bytes]:
    t = mini_tree(awarded=True)
    if tranches:
        text = t[CALL].decode()
        head, _, tail = text.partition(PLAN_LINE)
        t[CALL] = (head + PLAN_LINE + TRANCHES + tail.partition("\n")[2]).encode()
    return t


def payments(t: dict[str, bytes], rows: list[str], decisions: list[str] = ()) -> None:  # type: ignore[assignment]
    body = "schema_version: 1\ncycle: 2026\npayments:" + ("".join(f"\n  - {r}" for r in rows) or " []")
    if decisions:
        body += "\nfunding_decisions:" + "".join(f"\n  - {d}" for d in decisions)
    t[PAYMENTS] = (body + "\n").encode()


def pay(tranche: int, day: str, amount: str) -> str:
    return f'{{society: {SOC}, tranche: {tranche}, date: "{day}", amount: {amount}, doc_number: 武科协财〔2027〕1号}}'


def decide(day: str, action: str, amount: str | None = None) -> str:
    extra = f", amount: {amount}" if amount is not None else ""
    return f'{{society: {SOC}, decided: "{day}", action: {action}{extra}, reason: 复查, doc_number: 武科协〔2027〕6号}}'


def midterm(t: dict[str, bytes], result: str, *extra: str) -> None:
    lines = [
        "  midterm:",
        '    date: "2027-07-20"',
        "    results:",
        f"      {SOC}:",
        f"        result: {result}",
        *(f"        {x}" for x in extra),
    ]
    edit(t, DECISIONS, MIDTERM_EMPTY, "\n".join(lines))


RECT = 'rectification: {items: [发布征求意见稿], due: "2027-09-30"}'


def again(result: str, day: str = "2027-09-25") -> str:
    return f'reinspection: {{date: "{day}", result: {result}}}'


def ids(t: dict[str, bytes], rule: str, now: str = "2027-12-01") -> list[str]:
    return [f.message_zh for f in by_rule(run(t, now=now), rule)]


def dataset(t: dict[str, bytes]) -> Dataset:
    data, _ = build_dataset(parse_all([Source(p, r) for p, r in sorted(t.items())]))
    return data


# ------------------------------------------------------------------------------------------ PAY


def test_pay_001_shares_must_sum_to_one() -> None:
    t = tree()
    assert ids(t, "PAY-001") == []
    edit(t, CALL, '{share: "0.4", after: midterm_passed}', '{share: "0.3", after: midterm_passed}')
    assert ids(t, "PAY-001") == ["年度通知中各期拨付比例合计为 0.9，不等于 1。"]


def test_pay_002_payments_follow_the_award_and_the_tranches() -> None:
    t = tree()
    payments(t, [pay(1, "2026-12-20", "120000.00")])
    assert ids(t, "PAY-002") == []
    payments(t, [pay(1, "2026-12-20", "100000.00"), pay(1, "2027-01-05", "30000.00")])
    assert any("超过该期应拨的 120,000.00 元" in m for m in ids(t, "PAY-002"))
    payments(t, [pay(1, "2026-12-01", "120000.00")])
    assert any("早于表彰日期" in m for m in ids(t, "PAY-002"))
    payments(t, [pay(3, "2026-12-20", "1000.00")])
    assert any("只规定了 2 期" in m for m in ids(t, "PAY-002"))
    payments(t, [pay(1, "2026-12-20", "1000.00").replace(SOC, "wuhan-nobody")])
    assert any("不是 2026 年度受表彰的学会" in m for m in ids(t, "PAY-002"))


def test_pay_003_a_held_tranche_waits_for_its_release() -> None:
    t = tree()
    midterm(t, "不合格", RECT, again("合格"))
    payments(t, [pay(2, "2027-09-28", "80000.00")])
    assert [m for m in ids(t, "PAY-003")] and "尚无恢复拨付的决定" in ids(t, "PAY-003")[0]
    payments(t, [pay(2, "2027-09-28", "80000.00")], [decide("2027-09-26", "release")])
    assert ids(t, "PAY-003") == []
    payments(t, [pay(2, "2027-09-28", "80000.00")], [decide("2027-09-26", "stop")])
    assert any("资金支持已终止" in m for m in ids(t, "PAY-003"))


def test_pay_003_a_passed_midterm_releases_the_second_tranche() -> None:
    t = tree()
    midterm(t, "合格")
    payments(t, [pay(2, "2027-07-25", "80000.00")])
    assert ids(t, "PAY-003") == []
    payments(t, [pay(2, "2027-07-10", "80000.00")])
    assert any("检查结论尚未作出" in m for m in ids(t, "PAY-003"))


def test_pay_004_spending_within_what_was_paid() -> None:
    t = tree()
    payments(t, [pay(1, "2026-12-20", "33000.00")])
    assert ids(t, "PAY-004") == []
    payments(t, [pay(1, "2026-12-20", "32999.99")])
    assert ids(t, "PAY-004") == [
        "报告截至 2027-07-15 的支出合计 33,000.00 元，超过截至该日已拨付的 32,999.99 元。"
    ]
    payments(t, [pay(1, "2027-07-16", "120000.00")])  # paid after the report's date
    assert len(ids(t, "PAY-004")) == 1
    del t[PAYMENTS]  # no payment record: nothing to compare with
    assert ids(t, "PAY-004") == []


def test_pay_005_no_spending_in_a_hold_or_after_a_stop_or_a_revocation() -> None:
    t = tree()
    edit(t, MIDTERM, 'as_of: "2027-07-15"', 'as_of: "2027-09-30"')
    edit(t, MIDTERM, '"2027-06-18"', '"2027-08-18"')
    midterm(t, "不合格", RECT, again("合格"))
    payments(t, [pay(1, "2026-12-20", "120000.00")])
    assert ["held"] == ["held" for m in ids(t, "PAY-005") if "恢复拨付之前" in m]
    payments(t, [pay(1, "2026-12-20", "120000.00")], [decide("2027-08-10", "release")])
    assert ids(t, "PAY-005") == []
    payments(t, [pay(1, "2026-12-20", "120000.00")], [decide("2027-08-10", "stop")])
    assert any("资金支持终止（2027-08-10）之后" in m for m in ids(t, "PAY-005"))
    payments(t, [pay(1, "2026-12-20", "120000.00")], [decide("2027-08-10", "release")])
    edit(
        t,
        SANCTIONS,
        "sanctions: []",
        "sanctions:\n  - " + REVOKED.replace('"2027-08-20"', '"2027-08-01"') + "}",
    )
    assert any("在奖励被撤销（2027-08-01）之后" in m for m in ids(t, "PAY-005"))


def test_pay_005_the_hold_needs_the_calls_tranches() -> None:
    t = tree(tranches=False)
    edit(t, MIDTERM, 'as_of: "2027-07-15"', 'as_of: "2027-09-30"')
    edit(t, MIDTERM, '"2027-06-18"', '"2027-08-18"')
    midterm(t, "不合格", RECT)
    assert ids(t, "PAY-005") == []


def test_pay_006_funding_decisions() -> None:
    t = tree()
    payments(t, [pay(1, "2026-12-20", "120000.00")], [decide("2027-09-01", "reduce", "50000.00")])
    assert ids(t, "PAY-006") == []
    payments(t, [pay(1, "2026-12-20", "120000.00")], [decide("2027-09-01", "reduce")])
    assert any("没有写减少后还将拨付的金额" in m for m in ids(t, "PAY-006"))
    payments(t, [pay(1, "2026-12-20", "120000.00")], [decide("2027-09-01", "release", "90000.00")])
    assert any("超过尚未拨付的 80,000.00 元" in m for m in ids(t, "PAY-006"))
    payments(t, [], [decide("2027-09-01", "stop").replace(SOC, "wuhan-nobody")])
    assert any("不是 2026 年度受表彰的学会" in m for m in ids(t, "PAY-006"))


# ------------------------------------------------------------------------------------------ RECT


def test_rect_001_a_failed_midterm_states_its_rectification() -> None:
    t = tree()
    midterm(t, "不合格")
    assert len(ids(t, "RECT-001")) == 1
    t = tree()
    midterm(t, "不合格", RECT)
    assert ids(t, "RECT-001") == []
    t = tree()
    midterm(t, "合格", RECT)
    assert any("中期检查合格，却写了整改要求" in m for m in ids(t, "RECT-001"))
    t = tree()
    midterm(t, "不合格", RECT.replace("2027-09-30", "2027-07-01"))
    assert any("整改期限（2027-07-01）不在中期检查" in m for m in ids(t, "RECT-001"))


def test_rect_002_overdue_without_reinspection_is_a_warning() -> None:
    t = tree()
    midterm(t, "不合格", RECT)
    assert ids(t, "RECT-002", now="2027-09-30") == []  # due today
    assert len(ids(t, "RECT-002", now="2027-10-01")) == 1
    t = tree()
    midterm(t, "不合格", RECT, again("合格"))
    assert ids(t, "RECT-002", now="2027-10-01") == []


def test_rect_003_a_reinspection_is_followed_by_a_fitting_decision() -> None:
    t = tree()
    midterm(t, "不合格", RECT, again("合格"))
    assert len(ids(t, "RECT-003")) == 1
    payments(t, [], [decide("2027-09-26", "release")])
    assert ids(t, "RECT-003") == []
    payments(t, [], [decide("2027-09-26", "stop")])
    assert any("资金处理决定却是终止支持" in m for m in ids(t, "RECT-003"))
    t = tree()
    midterm(t, "不合格", RECT, again("不合格"))
    payments(t, [], [decide("2027-09-26", "reduce", "20000.00")])
    assert ids(t, "RECT-003") == []


# ------------------------------------------------------------------------------------------ CLAW
REVOKED = (
    '{id: t-9, society: wuhan-mechanical-engineering, decided: "2027-08-20", kind: fraud, cycle: 2026, '
    "summary: 虚报业绩, revoke_award: true, reclaim_amount: 60000.00, bans_applications: true"
)


def sanction(t: dict[str, bytes], extra: str = "") -> None:
    edit(t, SANCTIONS, "sanctions: []", "sanctions:\n  - " + REVOKED + extra + "}")


def test_claw_001_a_claw_back_names_its_due_date_and_stays_within_bounds() -> None:
    t = tree()
    sanction(t)
    assert any("没有写退回期限" in m for m in ids(t, "CLAW-001"))
    t = tree()
    sanction(t, ', repayment_due: "2027-10-31"')
    assert ids(t, "CLAW-001") == []
    t = tree()
    sanction(t, ', repayment_due: "2027-10-31", repayments: [{date: "2027-08-01", amount: 70000.00}]')
    found = ids(t, "CLAW-001")
    assert any("早于决定日期" in m for m in found) and any("超过收回金额" in m for m in found)
    t = tree()
    sanction(t, ', repayment_due: "2027-10-31"')
    payments(t, [pay(1, "2026-12-20", "50000.00")])
    assert any("超过该年度已拨付给" in m for m in ids(t, "CLAW-001"))


def test_claw_002_overdue_and_unpaid() -> None:
    t = tree()
    sanction(t, ', repayment_due: "2027-10-31", repayments: [{date: "2027-09-01", amount: 20000.00}]')
    assert ids(t, "CLAW-002", now="2027-10-31") == []
    assert ids(t, "CLAW-002", now="2027-11-01") == [
        "处理决定 t-9 要求在 2027-10-31 前退回 60,000.00 元，截至 2027-11-01 只退回 20,000.00 元。"
    ]
    t = tree()
    sanction(t, ', repayment_due: "2027-10-31", repayments: [{date: "2027-09-01", amount: 60000.00}]')
    assert ids(t, "CLAW-002", now="2027-11-01") == []


# ------------------------------------------------------------------------------------------ funding.py


def test_tranche_amounts_sum_to_the_award() -> None:
    thirds = (
        Tranche(1, Decimal("0.3333"), "commendation"),
        Tranche(2, Decimal("0.3333"), "commendation"),
        Tranche(3, Decimal("0.3334"), "midterm_passed"),
    )
    amounts = tranche_amounts(Decimal("100000.01"), thirds)
    assert sum(amounts) == Decimal("100000.01") and amounts[0] == Decimal("33330.00")
    assert tranche_amounts(Decimal(200000), ()) == ()


@pytest.mark.parametrize(
    ("steps", "paid", "withheld", "state"),
    [
        ([], "120000.00", "0.00", "continued"),
        (["fail"], "120000.00", "80000.00", "adjusted"),
        (["fail", "release"], "200000.00", "0.00", "continued"),
        (["fail", "reduce"], "150000.00", "50000.00", "adjusted"),
        (["fail", "stop"], "120000.00", "80000.00", "terminated"),
        (["pass"], "200000.00", "0.00", "continued"),
        (["pass", "final"], "200000.00", "0.00", "completed"),
    ],
)
def test_funding_state_and_amounts(steps: list[str], paid: str, withheld: str, state: str) -> None:
    t = tree()
    rows, decisions = [pay(1, "2026-12-20", "120000.00")], []
    if "pass" in steps:
        midterm(t, "合格")
        rows.append(pay(2, "2027-07-25", "80000.00"))
    if "fail" in steps:
        midterm(t, "不合格", RECT, again("合格"))
    if "release" in steps:
        decisions.append(decide("2027-09-26", "release"))
        rows.append(pay(2, "2027-09-28", "80000.00"))
    if "reduce" in steps:
        decisions.append(decide("2027-09-26", "reduce", "30000.00"))
        rows.append(pay(2, "2027-09-28", "30000.00"))
    if "stop" in steps:
        decisions.append(decide("2027-09-26", "stop"))
    if "final" in steps:
        edit(
            t,
            DECISIONS,
            "  final: {}",
            f'  final:\n    date: "2027-11-16"\n    results:\n      {SOC}: {{result: 合格}}',
        )
    payments(t, rows, decisions)
    (f,) = cycle_funding(dataset(t), 2026)
    assert (two_decimals(f.paid), two_decimals(f.withheld), f.state) == (paid, withheld, state)
    assert cycle_funding(dataset(t), 2026, as_of=__import__("datetime").date(2026, 12, 1)) == ()


def test_revoked_award_is_terminated_with_its_repayments() -> None:
    t = tree()
    payments(t, [pay(1, "2026-12-20", "120000.00")])
    sanction(t, ', repayment_due: "2027-10-31", repayments: [{date: "2027-09-01", amount: 20000.00}]')
    (f,) = cycle_funding(dataset(t), 2026)
    assert (f.paid, f.withheld, f.returned, f.state) == (
        Decimal("120000.00"),
        Decimal("80000.00"),
        Decimal("20000.00"),
        "terminated",
    )
    from datetime import date

    (before,) = cycle_funding(dataset(t), 2026, date(2027, 8, 1))
    assert (before.returned, before.state) == (Decimal(0), "continued")


# ------------------------------------------------------------------------------------------ shipped data


def shipped() -> Dataset:
    data, _ = build_dataset(parse_all(read_folder(REPO)))
    return data


def test_the_shipped_2025_story() -> None:
    from datetime import date

    got = {f.society: f for f in cycle_funding(shipped(), 2025, date(2026, 12, 1))}
    assert got["wuhan-computer"].state == "completed" and got["wuhan-computer"].paid == Decimal("100000.00")
    assert (got["wuhan-optics"].state, got["wuhan-optics"].withheld) == ("terminated", Decimal("40000.00"))
    assert (got["wuhan-geology"].returned, got["wuhan-geology"].state) == (Decimal("60000.00"), "terminated")
    held = {f.society: f for f in cycle_funding(shipped(), 2025, date(2026, 8, 1))}
    assert (held["wuhan-computer"].state, held["wuhan-computer"].withheld) == (
        "adjusted",
        Decimal("40000.00"),
    )


def _status(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "status", "--cycle", "2025", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_status_json_gives_each_awards_money_as_two_decimal_strings() -> None:
    awards = json.loads(_status("--format", "json", "--now", "2026-08-01"))["awards"]
    computer = next(a for a in awards if a["society"] == "wuhan-computer")
    assert computer == {
        "society": "wuhan-computer",
        "tier": "二等",
        "amount": "100000.00",
        "paid": "60000.00",
        "withheld": "40000.00",
        "returned": "0.00",
        "support_state": "adjusted",
        "support_state_zh": "调整支持（暂缓或减少拨付）",
    }
    text = _status("--now", "2026-12-01")
    assert "已拨付 60,000.00，暂缓或不再拨付 40,000.00，已退回 60,000.00；终止支持" in text
