"""``xuehui rank``: the expert-review ranking of a cycle as text, Markdown, JSON or CSV (UTF-8 with BOM,
so Excel opens it). Means and totals are shown rounded to 0.01; ties are shown, never broken."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from decimal import Decimal

from generator.model import AREAS, two_decimals
from generator.report.text import pad
from generator.scoring import Standing, to_decimal
from generator.textsafe import inert_lines, md_escape, visible

AREA_ZH = {
    "innovation": "服务创新",
    "society_government": "服务社会和政府",
    "scientists": "服务科技工作者",
    "self_development": "自我发展",
}
HEADERS = [
    "排名",
    "学会",
    "学会代号",
    *[AREA_ZH[a] for a in AREAS],
    "总分",
    "评分专家数",
    "去掉最高最低",
    "名额等级",
    "说明",
]


def rank_cell(s: Standing) -> str:
    if s.rank is None:
        return "—"
    return f"{s.rank}（并列）" if s.tied else str(s.rank)


def _points(value: Decimal | None) -> str:
    """A mean or total score rounded to 0.01 (no thousands separator: these are points, not money)."""
    return "" if value is None else two_decimals(value)


def rows(standings: Sequence[Standing], names: dict[str, str]) -> list[list[str]]:
    out = []
    for s in standings:
        out.append(
            [
                rank_cell(s),
                names.get(s.society, s.society),
                s.society,
                *[_points(to_decimal(s.area_means[a])) if a in s.area_means else "" for a in AREAS],
                _points(s.total_display),
                str(s.count),
                "是" if s.trimmed else "否",
                s.tier or ("" if s.rank is None else "名额外"),
                s.tier_note if s.rank is not None else "尚无有效评分",
            ]
        )
    return out


def render(standings: Sequence[Standing], names: dict[str, str], cycle: int, fmt: str) -> str:
    table = rows(standings, names)
    if fmt == "json":
        payload = {
            "cycle": cycle,
            "standings": [
                {
                    "society": s.society,
                    "name": names.get(s.society, s.society),
                    "rank": s.rank,
                    "tied": s.tied,
                    "count": s.count,
                    "trimmed": s.trimmed,
                    "area_means": {a: str(to_decimal(m)) for a, m in s.area_means.items()},
                    "total": None if s.total_display is None else str(s.total_display),
                    "total_exact": None if s.total is None else f"{s.total.numerator}/{s.total.denominator}",
                    "tier": s.tier,
                    "tier_note": s.tier_note,
                }
                for s in standings
            ],
        }
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(HEADERS)
        writer.writerows(table)
        return "\ufeff" + buffer.getvalue()
    if fmt == "markdown":
        lines = [
            f"# {cycle} 年度专家评审排名",
            "",
            "| " + " | ".join(HEADERS) + " |",
            "|" + " --- |" * len(HEADERS),
        ]
        user_columns = {1, 2}  # the society's name and slug come from files; the rest is computed here
        lines += [
            "| "
            + " | ".join(md_escape(visible(c)) if i in user_columns else c for i, c in enumerate(row))
            + " |"
            for row in table
        ]
        return "\n".join(lines) + "\n"
    table = [[visible(cell) for cell in row] for row in table]
    widths = [max(len_display(r[i]) for r in [HEADERS, *table]) for i in range(len(HEADERS))]
    lines = [
        "  ".join(pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip() for row in [HEADERS, *table]
    ]
    return inert_lines(f"{cycle} 年度专家评审排名\n" + "\n".join(lines)) + "\n"


def len_display(text: str) -> int:
    from generator.report.text import display_width

    return display_width(text)
