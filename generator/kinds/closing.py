"""The records that close a society's files of a cycle, for the kinds' lock functions (``KindSpec``'s
``frozen_locks``): a record freezes what it judged from its date on, and a record dated after today has not
happened yet. ``generator.closed`` matches changes against the locks the kinds return."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from generator.kinds import decisions
from generator.model import Cycle

# Inspection rounds, latest first: a final inspection also judged what the midterm one did.
FINAL_THEN_MIDTERM = ("final", "midterm")


def formal_review(cycle: Cycle, slug: str, today: date) -> tuple[date, str] | None:
    """The day the formal review recorded a result for the society's application, and why that closes it."""
    dec = cycle.decisions
    day = dec.formal_review_date if dec is not None else None
    if dec is None or day is None or day > today or slug not in dec.formal_results:
        return None
    sup = dec.formal_results[slug].supplement
    if sup is not None and sup.open_on(today):
        return None  # 补正 open: the society may still hand in the named items (四（二）)
    where = decisions.KIND.path(cycle.year)
    return day, f"{cycle.year} 年度形式审查（{day}，{where}）已对学会“{slug}”的申报作出结论"


def inspection(cycle: Cycle, slug: str, today: date, rounds: Sequence[str]) -> tuple[date, str] | None:
    """The first of the inspection ``rounds`` that has judged the society's materials by ``today``: its
    day and why that freezes them."""
    dec = cycle.decisions
    if dec is None:
        return None
    for stage in rounds:
        held = dec.final if stage == "final" else dec.midterm
        if held.date is not None and held.date <= today and slug in held.results:
            where = decisions.KIND.path(cycle.year)
            name = "总结验收" if stage == "final" else "中期检查"
            return held.date, f"{cycle.year} 年度{name}（{held.date}，{where}）已评判学会“{slug}”的材料"
    return None
