"""评审结果通知书 · the letter each applicant receives, 四（二）: its own aggregated area scores and total, its
rank in its category, the cut-offs of its category, the outcome with the recorded reason, and how to ask for
复核. Markdown, printable. Never published: it is written outside the site and names no other society's
scores and no expert (docs/audiences.md). A pure function of the merged dataset (shared tree + committee)."""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.decision import ALL, categories, category_of, category_rank, cutoff, outcome
from generator.model import AREAS, Cycle, Dataset, two_decimals
from generator.textsafe import visible


def _text(value: object) -> str:
    """Text from a file on one line, its invisible characters shown (a printable letter, so no entities)."""
    return " ".join(visible(str(value)).split())


def _day(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def reconsideration_days(cycle: Cycle) -> int | None:
    """``publicity.reconsideration_days`` of the call when the call has it (read defensively)."""
    call: Any = cycle.call
    for name in ("reconsideration_days", "publicity_reconsideration_days"):
        value = getattr(call, name, None)
        if isinstance(value, int):
            return value
    return None


def _scores(data: Dataset, cycle: Cycle, society: str) -> list[str]:
    standing = cycle.results.by_society().get(society) if cycle.results else None
    if standing is None or standing.total is None:
        return ["贵会的申报没有有效的专家评分。", ""]
    areas = data.programme.areas if data.programme else {}
    maxima: dict[str, int] = cycle.call.max_points if cycle.call is not None else {}
    lines = ["| 能力方面 | 满分 | 平均分 |", "| --- | ---: | ---: |"]
    for area in AREAS:
        if area in standing.area_means:
            mean = two_decimals(standing.area_means[area])
            lines.append(f"| {_text(areas.get(area, area))} | {maxima.get(area, '—')} | {mean} |")
    lines.append(f"| **总分** | 100 | **{two_decimals(standing.total)}** |")
    how = "去掉一个最高总分和一个最低总分后取平均" if standing.trimmed else "取全部评分专家总分的平均"
    stated = cycle.call is not None and cycle.call.aggregation is not None  # one rule for totals and areas
    areas_how = "与总分取同样的评分专家的平均分" if stated else "为全部评分的平均分"
    lines += ["", f"评分专家 {standing.count} 人，总分{how}；各方面{areas_how}，保留两位小数。", ""]
    return lines


def _standing(data: Dataset, cycle: Cycle, society: str) -> list[str]:
    category = category_of(data, cycle, society)
    place = category_rank(data, cycle, society)
    dec = cycle.decisions
    where = "全部参评学会" if category in (None, ALL) else f"{_category_name(cycle, category)}参评学会"
    lines = []
    if place is not None:
        lines += [f"贵会总分在{where}（{place[1]} 个）中排第 {place[0]} 名（总分相同的名次相同）。", ""]
    tiers = [t for c in categories(cycle) if c.id == category for t, _n in c.quotas]
    lines_ = [
        f"{tier}奖 {two_decimals(line)} 分"
        for tier in tiers
        if dec is not None and (line := cutoff(dec, category, tier, strict=False)) is not None
    ]
    if lines_:
        lines.append(
            f"评审委员会确定的{'' if category == ALL else _category_name(cycle, category or '')}分数线（总分，含本数）：{'；'.join(lines_)}。"
        )
    return [*lines, ""] if lines and lines[-1] else lines


def _category_name(cycle: Cycle, category: str) -> str:
    return next((c.name for c in categories(cycle) if c.id == category), category)


def _outcome(data: Dataset, cycle: Cycle, society: str) -> list[str]:
    found = outcome(data, cycle, society)
    dec = cycle.decisions
    if found.kind == "formal_failed":
        return [
            f"贵会的申报未通过形式审查，未进入专家评审。理由：{_text(found.reason or '见形式审查记录')}",
            "",
        ]
    if found.kind == "pending":
        return ["评审委员会尚未确定拟表彰名单。", ""]
    if found.kind == "proposed":
        when = f"，名单自{_day(dec.publicity_start)}起公示" if dec and dec.publicity_start else ""
        return [
            f"评审委员会拟表彰贵会为**{_text(found.tier)}奖**{when}；公示期满无异议后，由市科协通报表彰。",
            "",
        ]
    if found.kind == "substitute":
        sub = next((s for s in dec.substitutions if s.society == society), None) if dec else None
        when = (
            f"，自{_day(sub.publicity_start)}起单独公示" if sub and sub.publicity_start else "，另行单独公示"
        )
        return [
            f"原列入拟表彰名单的学会因异议成立不予表彰，贵会依申报通知的递补规则递补为**{_text(found.tier)}奖**"
            f"{when}；公示期满无异议后，由市科协通报表彰。",
            "",
        ]
    if found.kind == "objection_upheld":
        return [f"贵会曾列入拟表彰名单，公示期间的异议经核查成立，不予表彰（{_text(found.reason)}）。", ""]
    reason = found.reason or "评审委员会未记录具体理由"
    return [f"贵会未列入拟表彰名单。理由：{_text(reason)}。", ""]


def _meeting(cycle: Cycle) -> list[str]:
    dec = cycle.decisions
    decision = dec.committee_decision if dec else None
    if dec is None or decision is None or decision.present is None:
        return []
    when = f"于{_day(dec.expert_review_date)}" if dec.expert_review_date else ""
    how = "协商一致" if decision.decision == "consensus" else "表决"
    return [f"专家评审委员会{when}召开会议，到会委员 {decision.present} 人，经{how}确定拟表彰名单。", ""]


def _reconsideration(data: Dataset, cycle: Cycle) -> list[str]:
    days = reconsideration_days(cycle)
    within = f"自收到本通知之日起 {days} 日内" if days is not None else "在拟表彰名单公示期内"
    lines = [
        f"贵会对评审结果有异议的，可{within}向专项办公室书面申请复核，写明申请复核的事项、理由，并附证明材料。"
        "复核结果书面告知贵会。",
    ]
    office = data.programme
    if office is not None:
        lines += [
            "",
            f"- 专项办公室：{_text(office.office_name)}",
            f"- 电子邮箱：{_text(office.office_email)}",
            f"- 电话：{_text(office.office_phone)}",
            f"- 地址：{_text(office.office_address)}",
        ]
    return [*lines, ""]


def render_letter(data: Dataset, cycle: Cycle, society: str, issued: date) -> str:
    """One applicant's letter (Markdown)."""
    profile = data.societies.get(society)
    name = _text(profile.name if profile else society)
    call = cycle.call
    notice = f"（{_text(call.doc_number)}）" if call else ""
    lines = [
        f"# {cycle.year}年度学会能力提升专项评审结果通知书",
        "",
        f"{name}：",
        "",
        f"贵会申报的{cycle.year}年度学会能力提升专项{notice}已完成评审，现将贵会的评审结果通知如下。"
        "本通知只发给贵会，不公开。",
        "",
        "## 一、贵会的评审得分",
        "",
        *_scores(data, cycle, society),
        "## 二、排名与分数线",
        "",
        *_standing(data, cycle, society),
        "## 三、评审结果",
        "",
        *_meeting(cycle),
        *_outcome(data, cycle, society),
        "## 四、如何申请复核",
        "",
        *_reconsideration(data, cycle),
        f"{_text(data.programme.office_name) if data.programme else '专项办公室'}",
        "",
        _day(issued),
        "",
    ]
    return "\n".join(lines)


def letter_societies(cycle: Cycle) -> list[str]:
    """Every applicant of the cycle (each gets a letter), by slug."""
    return sorted(cycle.applications)
