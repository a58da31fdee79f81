"""``xuehui rank --format xlsx`` and ``xuehui status --format xlsx``: the ranking and a cycle's status as a
workbook for the office (Excel/WPS), with the same Chinese headers as the CSV and text forms; the writing
itself (widths, frozen header, number formats, determinism) is ``generator.sheetwrite``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from generator.lifecycle import PUBLICITY_STATES, STAGES, CycleStatus
from generator.model import AREAS, two_decimals
from generator.report.ranking import AREA_ZH, HEADERS, rank_cell
from generator.rules.lifecycle import reminder_rule, reminder_text
from generator.scoring import Standing, to_decimal
from generator.sheetwrite import Cell, Column, Sheet, workbook


def _points(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(two_decimals(value))


def ranking_sheet(standings: Sequence[Standing], names: dict[str, str], cycle: int) -> Sheet:
    kinds = ["text", "text", "text", *(["points"] * len(AREA_ZH)), "points", "int", "text", "text", "text"]
    rows: list[list[Cell]] = [
        [
            rank_cell(s),
            names.get(s.society, s.society),
            s.society,
            *[_points(to_decimal(s.area_means[a])) if a in s.area_means else None for a in AREAS],
            _points(s.total_display),
            s.count,
            "是" if s.trimmed else "否",
            s.tier or ("" if s.rank is None else "名额外"),
            s.tier_note if s.rank is not None else "尚无有效评分",
        ]
        for s in standings
    ]
    return Sheet(f"{cycle}年度排名", tuple(Column(h, k) for h, k in zip(HEADERS, kinds, strict=True)), rows)


def ranking(standings: Sequence[Standing], names: dict[str, str], cycle: int, moment: datetime) -> bytes:
    return workbook([ranking_sheet(standings, names, cycle)], moment)


def status(st: CycleStatus, names: dict[str, str]) -> bytes:
    """Three sheets: the publicity window, every application's stage, the reminders."""
    p = st.publicity
    state = "无法计算" if p.error else PUBLICITY_STATES[p.state] if p.start else "尚未开始"
    facts: list[list[Cell]] = [
        ["年度", st.cycle],
        ["截至", st.today],
        ["公示开始", p.start],
        ["公示结束", p.end],
        ["公示状态", state],
        ["剩余天数", p.days_left if p.state == "open" else None],
        ["说明", p.error or ""],
    ]
    stages: list[list[Cell]] = [[names.get(s, s), s, STAGES[stage]] for s, stage in st.applications]
    notes: list[list[Cell]] = [
        [reminder_rule(r).id, "警告" if r.severity == "warning" else "提示", r.file, reminder_text(r)[0]]
        for r in st.reminders
    ]
    sheets = [
        Sheet("公示", (Column("项目"), Column("内容")), [[k, _as_text(v)] for k, v in facts]),
        Sheet("申报阶段", (Column("学会"), Column("学会代号"), Column("阶段")), stages),
        Sheet("提醒", (Column("编号"), Column("程度"), Column("文件"), Column("提醒")), notes),
    ]
    return workbook(sheets, st.now)


def _as_text(value: Cell) -> Cell:
    """The facts' column holds dates as real dates and numbers as numbers; everything else as text."""
    return value if isinstance(value, (date, int, str)) or value is None else str(value)
