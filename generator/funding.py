"""The money of an award after its commendation (一（三）2、3，四（四），五（二）、五（三）): the tranches the call
pays it in, what the office has paid, what a failed midterm holds back, what a funding decision releases,
reduces or stops, and what a revocation takes back. Pure functions of the dataset and a date.

An award's support state is one of ``continued`` (paid as the call says, or released after a failed midterm),
``adjusted`` (a failed midterm holds the next tranche, or the rest was reduced), ``terminated`` (stopped, failed
at the final acceptance, or revoked) and ``completed`` (the final acceptance passed).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from msgspec import Struct

from generator.model import (
    Award,
    Cycle,
    Dataset,
    FundingDecision,
    Payment,
    Sanction,
    Tranche,
)

CENT = Decimal("0.01")
STATES: dict[str, str] = {
    "continued": "持续支持",
    "adjusted": "调整支持（暂缓或减少拨付）",
    "terminated": "终止支持",
    "completed": "已完成（验收合格）",
}
PASSED, FAILED = "合格", "不合格"


class Funding(Struct, frozen=True):
    """One award's money as of a day: all amounts in yuan (Decimal)."""

    society: str
    tier: str
    amount: Decimal
    paid: Decimal
    withheld: Decimal
    returned: Decimal
    state: str  # continued | adjusted | terminated | completed


def award_of(cycle: Cycle, society: str) -> Award | None:
    dec = cycle.decisions
    if dec is None or dec.commendation_date is None:
        return None
    return next((a for a in dec.awards if a.society == society), None)


def tranche_amounts(amount: Decimal, tranches: tuple[Tranche, ...]) -> tuple[Decimal, ...]:
    """Each tranche's amount, to the fen; the last takes what rounding leaves, so they sum to ``amount``."""
    parts = [(amount * t.share).quantize(CENT) for t in tranches[:-1]]
    return (*parts, amount - sum(parts, Decimal(0))) if tranches else ()


def _before(day: date | None, as_of: date | None) -> bool:
    return day is not None and (as_of is None or day <= as_of)


def payments_of(cycle: Cycle, society: str, as_of: date | None = None) -> tuple[Payment, ...]:
    if cycle.payments is None:
        return ()
    return tuple(p for p in cycle.payments.payments if p.society == society and _before(p.date, as_of))


def decisions_of(cycle: Cycle, society: str, as_of: date | None = None) -> tuple[FundingDecision, ...]:
    if cycle.payments is None:
        return ()
    found = [d for d in cycle.payments.decisions if d.society == society and _before(d.decided, as_of)]
    return tuple(sorted(found, key=lambda d: (d.decided, d.index)))


def paid(cycle: Cycle, society: str, as_of: date | None = None) -> Decimal:
    return sum((p.amount for p in payments_of(cycle, society, as_of)), Decimal(0))


def revocation(data: Dataset, year: int, society: str, as_of: date | None = None) -> Sanction | None:
    """The decision that revoked the society's award of ``year`` (by ``as_of``), if any."""
    return next(
        (
            s
            for s in data.office.sanctions or ()
            if s.society == society and s.cycle == year and s.revoke_award and _before(s.decided, as_of)
        ),
        None,
    )


def returned(data: Dataset, year: int, society: str, as_of: date | None = None) -> Decimal:
    """What the society has paid back on the sanctions concerning its award of ``year``."""
    return sum(
        (
            r.amount
            for s in data.office.sanctions or ()
            if s.society == society and s.cycle == year
            for r in s.repayments
            if _before(r.date, as_of)
        ),
        Decimal(0),
    )


def inspection(cycle: Cycle, stage: str, society: str, as_of: date | None = None) -> str | None:
    """合格 or 不合格 once the ``stage`` inspection is dated by ``as_of`` (else None)."""
    dec = cycle.decisions
    if dec is None:
        return None
    rnd = dec.midterm if stage == "midterm" else dec.final
    found = rnd.results.get(society)
    return found[0] if found is not None and _before(rnd.date, as_of) else None


def held_since(cycle: Cycle, society: str) -> date | None:
    """The day a failed midterm began to hold the award's money (None: it did not fail)."""
    if inspection(cycle, "midterm", society) != FAILED or cycle.decisions is None:
        return None
    return cycle.decisions.midterm.date


def released_on(cycle: Cycle, society: str) -> date | None:
    """The first release or reduction after a failed midterm: support goes on from that day."""
    since = held_since(cycle, society)
    return next(
        (
            d.decided
            for d in decisions_of(cycle, society)
            if d.action in ("release", "reduce") and (since is None or d.decided >= since)
        ),
        None,
    )


def stopped_on(data: Dataset, cycle: Cycle, society: str) -> tuple[date, str] | None:
    """The first day support ended for good — a stop decision (``stop``) or a revocation (``revoked``)."""
    ends = [(d.decided, "stop") for d in decisions_of(cycle, society) if d.action == "stop"]
    rev = revocation(data, cycle.year, society)
    if rev is not None:
        ends.append((rev.decided, "revoked"))
    return min(ends) if ends else None


def state_of(data: Dataset, cycle: Cycle, society: str, as_of: date | None = None) -> str:
    decisions = decisions_of(cycle, society, as_of)
    last = decisions[-1].action if decisions else None
    final = inspection(cycle, "final", society, as_of)
    if revocation(data, cycle.year, society, as_of) is not None or last == "stop" or final == FAILED:
        return "terminated"
    if final == PASSED:
        return "completed"
    if last == "reduce":
        return "adjusted"
    if last == "release":
        return "continued"
    return "adjusted" if inspection(cycle, "midterm", society, as_of) == FAILED else "continued"


def withheld(data: Dataset, cycle: Cycle, award: Award, as_of: date | None = None) -> Decimal:
    """What will not be paid (terminated), is held back (a failed midterm) or was cut (a reduction)."""
    society = award.society
    state = state_of(data, cycle, society, as_of)
    given = paid(cycle, society, as_of)
    if state == "terminated":
        return max(award.amount - given, Decimal(0))
    decisions = decisions_of(cycle, society, as_of)
    reduce = next((d for d in reversed(decisions) if d.action == "reduce"), None)
    if reduce is not None:
        before = paid(cycle, society, reduce.decided)
        return max(award.amount - before - (reduce.amount or Decimal(0)), Decimal(0))
    if state == "adjusted" and cycle.call is not None:  # held: the tranches that wait for the midterm
        amounts = tranche_amounts(award.amount, cycle.call.tranches)
        pays = payments_of(cycle, society, as_of)
        return sum(
            (
                max(
                    amounts[t.number - 1]
                    - sum((p.amount for p in pays if p.tranche == t.number), Decimal(0)),
                    Decimal(0),
                )
                for t in cycle.call.tranches
                if t.after != "commendation"
            ),
            Decimal(0),
        )
    return Decimal(0)


def funding_of(data: Dataset, cycle: Cycle, award: Award, as_of: date | None = None) -> Funding:
    society = award.society
    return Funding(
        society,
        award.tier,
        award.amount,
        paid(cycle, society, as_of),
        withheld(data, cycle, award, as_of),
        returned(data, cycle.year, society, as_of),
        state_of(data, cycle, society, as_of),
    )


def cycle_funding(data: Dataset, year: int, as_of: date | None = None) -> tuple[Funding, ...]:
    """Every award of the cycle (commended by ``as_of``), in the commendation's order."""
    cycle = data.cycles.get(year)
    if cycle is None or cycle.decisions is None or not _before(cycle.decisions.commendation_date, as_of):
        return ()
    return tuple(funding_of(data, cycle, a, as_of) for a in cycle.decisions.awards)
