"""``xuehui rank``: the expert-review ranking of a cycle as text, Markdown, JSON or CSV (UTF-8 with BOM,
so Excel opens it). Means and totals are shown rounded to 0.01; ties are shown, never broken."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal

from generator.model import AREAS, two_decimals
from generator.report.text import pad
from generator.scoring import Standing, to_decimal
from generator.sensitivity import METHOD_ZH, METHODS, SensitivityRow
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


NOT_PROPOSED = "未入选"

# Once the committee has proposed its list: society → (proposed tier or None, the recorded reason). The tier
# shown is then the tier proposed, never the tier the quota position alone would give (``rank`` and
# ``status`` agree; generator.decision.outcome).
Decided = Mapping[str, tuple[str | None, str]]


def _tier_cells(s: Standing, decided: Decided | None) -> tuple[str, str]:
    if decided is not None and s.society in decided:
        tier, reason = decided[s.society]
        return (tier or NOT_PROPOSED), reason
    return (s.tier or ("" if s.rank is None else "名额外")), (
        s.tier_note if s.rank is not None else "尚无有效评分"
    )


def rows(
    standings: Sequence[Standing], names: dict[str, str], decided: Decided | None = None
) -> list[list[str]]:
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
                *_tier_cells(s, decided),
            ]
        )
    return out


def render(
    standings: Sequence[Standing],
    names: dict[str, str],
    cycle: int,
    fmt: str,
    headings: dict[str, str] | None = None,
    decided: Decided | None = None,
) -> str:
    """The ranking; with ``headings`` (category id → its heading with the quota) the text and Markdown
    forms show one table per category (分类实施), and the committee's standings explain their totals. With
    ``decided`` (once the proposed list exists) each tier is the one proposed, as ``status`` says."""
    if headings and fmt in ("text", "markdown"):
        return _by_category(standings, names, cycle, fmt, headings, decided)
    return _render(standings, names, cycle, fmt, decided)


def _by_category(
    standings: Sequence[Standing],
    names: dict[str, str],
    cycle: int,
    fmt: str,
    headings: dict[str, str],
    decided: Decided | None = None,
) -> str:
    parts: list[str] = []
    for cat, heading in headings.items():
        group = [s for s in standings if (s.category or "") == cat]
        if not group:
            continue
        body = _render(group, names, cycle, fmt, decided).split("\n", 1)[1]  # without the cycle's title line
        title = f"## {heading}" if fmt == "markdown" else heading
        parts.append(f"{title}\n{body}")
    head = (
        f"# {cycle} 年度专家评审排名（分类实施）\n"
        if fmt == "markdown"
        else f"{cycle} 年度专家评审排名（分类实施）\n"
    )
    text = head + "\n".join(parts) + formation_text(standings, names, fmt)
    return text if fmt == "markdown" else inert_lines(text)


def formation_text(standings: Sequence[Standing], names: dict[str, str], fmt: str) -> str:
    """How each total was formed (committee output only): the experts' totals used and dropped, the
    mean; the area means are over the same kept experts, so they add up to the total."""
    lines = []
    for s in standings:
        f = s.formation
        if f is None:
            continue
        kept = "、".join(two_decimals(to_decimal(t)) for _, t in f.kept)
        name = visible(names.get(s.society, s.society))
        name = md_escape(name) if fmt == "markdown" else name
        if s.total is None:
            lines.append(
                f"- {name}：有效评分 {len(f.kept)} 份，少于汇总规则需要的 {f.needed} 份，不计算总分。"
            )
            continue
        dropped = "、".join(two_decimals(to_decimal(t)) for _, t in f.dropped) or "无"
        lines.append(
            f"- {name}：采用 {kept}，去掉 {dropped}，平均 {two_decimals(to_decimal(s.total))}"
            "（各方面平均分按采用的专家计算，四项之和等于总分）"
        )
    if not lines:
        return ""
    title = "## 总分的形成" if fmt == "markdown" else "总分的形成（评审委员会内部，不公开）"
    return f"\n{title}\n" + "\n".join(lines) + "\n"


def _render(
    standings: Sequence[Standing], names: dict[str, str], cycle: int, fmt: str, decided: Decided | None = None
) -> str:
    table = rows(standings, names, decided)
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
                    "tier": decided[s.society][0] if decided and s.society in decided else s.tier,
                    "tier_note": decided[s.society][1] if decided and s.society in decided else s.tier_note,
                    **({"category": s.category} if s.category is not None else {}),
                    **({"formation": _formation_json(s)} if s.formation is not None else {}),
                }
                for s in standings
            ],
        }
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        grouped = any(s.category is not None for s in standings)  # 分类实施: the rank is within the category
        writer.writerow([*HEADERS, "类别"] if grouped else HEADERS)
        writer.writerows(
            [[*r, s.category or ""] for r, s in zip(table, standings, strict=True)] if grouped else table
        )
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


def _formation_json(s: Standing) -> dict[str, object]:
    f = s.formation
    assert f is not None
    return {
        "method": f.method,
        "used": [two_decimals(to_decimal(t)) for _, t in f.kept],
        "dropped": [two_decimals(to_decimal(t)) for _, t in f.dropped],
        "needed": f.needed,
    }


def render_sensitivity(
    rows_: Sequence[SensitivityRow],
    names: dict[str, str],
    cycle: int,
    fmt: str,
    categories: dict[str, str] | None = None,
) -> str:
    """The committee's sensitivity view: each application's rank and tier under each method; ``※`` marks a
    place the choice of method decides. Never published."""
    if fmt == "json":
        payload = [
            {
                "society": r.society,
                "category": r.category,
                "decided_by_method": r.decided_by_method,
                "places": {m: {"rank": p.rank, "tier": p.tier} for m, p in r.places.items()},
            }
            for r in rows_
        ]
        return json.dumps({"cycle": cycle, "sensitivity": payload}, ensure_ascii=False, indent=2) + "\n"
    lines = [f"{cycle} 年度排名的敏感性分析（评审委员会内部，不公开）"]
    lines.append("学会 | 类别 | " + " | ".join(METHOD_ZH[m] for m in METHODS) + " | 由方法决定")
    for r in rows_:
        cells = [f"{p.rank or '—'}（{p.tier or '名额外'}）" for p in (r.places[m] for m in METHODS)]
        name = visible(names.get(r.society, r.society))
        lines.append(
            f"{name} | {(categories or {}).get(r.category, r.category) or '未分类'} | "
            + " | ".join(cells)
            + (" | ※" if r.decided_by_method else " | ")
        )
    flagged = sum(1 for r in rows_ if r.decided_by_method)
    lines.append(f"由方法决定的名次：{flagged} 个（※）。" if flagged else "三种方法给出的等级相同。")
    return inert_lines("\n".join(lines)) + "\n"


def len_display(text: str) -> int:
    from generator.report.text import display_width

    return display_width(text)
