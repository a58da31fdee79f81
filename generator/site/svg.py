"""Inline SVG graphics for the site: a cycle's timeline and horizontal bar charts, each with its text
alternative (WCAG 2.1 1.1.1, GB/T 37668-2019): the drawing is ``role="img"`` named by its ``<title>``
(``aria-labelledby``), and beside it the same facts as text: the timeline's stages as an ordered list (for
screen readers, visually hidden), a chart's numbers as a table in a ``<details>`` block anyone can open.
A stage's state is drawn by shape as well as colour (done: a tick; current: a ring; to come: hollow).

Labels are HTML-escaped here; numbers are formatted here; nothing else from the data reaches the markup.
Element ids are derived from the graphic's content, so a page's graphics never share one and the output
stays deterministic."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from html import escape

from generator.model import fmt_money

Step = tuple[str, date | None, str]  # (label, date, done|current|todo)

STATE_ZH = {"done": "已完成", "current": "进行中", "todo": "未开始"}


def _key(*parts: object) -> str:
    """A short id stem from the graphic's content (same content, same id: the build stays deterministic)."""
    return "xh-" + hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:10]


def _when(day: date | None) -> str:
    return day.isoformat() if day else "待定"


def timeline(steps: Sequence[Step], title: str) -> str:
    """Circles on a line, one per stage, labelled with the stage and its date: across the page on wide
    screens, down the page on phones (the stylesheet shows one of the two), then the stages in order as a
    list that screen readers read (the stylesheet hides it from the eye)."""
    key = _key("timeline", title, tuple(steps))
    return (
        _timeline_across(steps, title, key)
        + "\n\n"
        + _timeline_down(steps, title, key)
        + "\n\n"
        + _timeline_legend()
        + "\n\n"
        + _timeline_list(steps, title, key)
    )


LEGEND = (("done", "已完成"), ("current", "当前环节（进行中）"), ("todo", "未开始"))


def _timeline_legend() -> str:
    """What the three markers mean, under the drawing (the list for screen readers says it in words)."""
    items = "".join(
        f'<li><svg class="xh-legend-mark" viewBox="0 0 28 28" width="20" height="20" aria-hidden="true" '
        f'focusable="false" xmlns="http://www.w3.org/2000/svg">{_marker(state, 14, 14, 8)}</svg>{text}</li>'
        for state, text in LEGEND
    )
    return f'<ul class="xh-timeline-legend" aria-hidden="true">{items}</ul>'


def _marker(state: str, x: int, y: int, r: int) -> str:
    """A stage's circle: filled with a tick when done, filled inside a ring when current, hollow to come."""
    circle = f'<circle class="xh-step-{state}" cx="{x}" cy="{y}" r="{r}"/>'
    if state == "done":
        d = r * 0.5
        return circle + (
            f'<path class="xh-step-tick" d="M{x - d:.1f} {y:.1f} L{x - d * 0.2:.1f} {y + d * 0.8:.1f} '
            f'L{x + d * 1.1:.1f} {y - d * 0.7:.1f}"/>'
        )
    if state == "current":
        return f'<circle class="xh-step-ring" cx="{x}" cy="{y}" r="{r + 4}"/>' + circle
    return circle


def _timeline_across(steps: Sequence[Step], title: str, key: str) -> str:
    n = max(len(steps), 1)
    step_w = 100  # with 9 steps 920 units: at 1280 px the drawing is shown about 0.75:1, dates at 13 px
    width = step_w * n + 20
    parts = [
        '<div class="xh-scroll xh-wide-only">',
        f'<svg class="xh-timeline" viewBox="0 0 {width} 100" role="img" aria-labelledby="{key}-across" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{key}-across">{escape(title)}</title>',
        f'<line x1="{10 + step_w // 2}" y1="30" x2="{10 + step_w * n - step_w // 2}" y2="30" stroke="#767676" stroke-width="2"/>',
    ]
    for i, (label, day, state) in enumerate(steps):
        x = 10 + step_w * i + step_w // 2
        parts.append(_marker(state, x, 30, 9))
        weight = ' font-weight="700"' if state == "current" else ""
        parts.append(
            f'<text x="{x}" y="64" text-anchor="middle" font-size="18"{weight}>{escape(label)}</text>'
        )
        parts.append(
            f'<text x="{x}" y="90" text-anchor="middle" font-size="17" fill="#555">{_when(day)}</text>'
        )
    parts.append("</svg></div>")
    return "".join(parts)


def _timeline_down(steps: Sequence[Step], title: str, key: str) -> str:
    n = max(len(steps), 1)
    row_h = 36
    height = row_h * n + 8
    parts = [
        '<div class="xh-narrow-only">',
        f'<svg class="xh-timeline xh-timeline-down" viewBox="0 0 300 {height}" role="img" '
        f'aria-labelledby="{key}-down" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{key}-down">{escape(title)}</title>',
        f'<line x1="16" y1="{4 + row_h // 2}" x2="16" y2="{4 + row_h * n - row_h // 2}" stroke="#767676" stroke-width="2"/>',
    ]
    for i, (label, day, state) in enumerate(steps):
        y = 4 + row_h * i + row_h // 2
        parts.append(_marker(state, 16, y, 8))
        weight = ' font-weight="700"' if state == "current" else ""
        parts.append(f'<text x="36" y="{y + 5}" font-size="15"{weight}>{escape(label)}</text>')
        parts.append(
            f'<text x="292" y="{y + 5}" text-anchor="end" font-size="14" fill="#555">{_when(day)}</text>'
        )
    parts.append("</svg></div>")
    return "".join(parts)


def _timeline_list(steps: Sequence[Step], title: str, key: str) -> str:
    items = "".join(
        f"<li>{escape(label)}：{_when(day)}，{STATE_ZH.get(state, escape(state))}</li>"
        for label, day, state in steps
    )
    return f'<ol class="xh-sr-only" id="{key}-steps" aria-label="{escape(title)}（按时间顺序）">{items}</ol>'


def bars(
    rows: Sequence[tuple[str, Decimal, Decimal | None]],
    title: str,
    first: str,
    second: str | None,
    unit: str = "元",
    scale: Decimal | None = None,
) -> str:
    """Horizontal bars: one or two series (e.g. planned and spent) per labelled row, in yuan. Each row's
    label sits above its bars, so the chart stays legible at a phone's width. The numbers follow as a table
    in a ``<details>`` block (closed). ``scale``: the value a full bar stands for at least (100 for rates in %)."""
    if not rows:
        return ""
    key = _key("bars", title, first, second, tuple(rows))
    top = max([max(a, b or Decimal(0)) for _, a, b in rows] + [Decimal(1), scale or Decimal(1)])
    width, bar_w = 400, 300  # the rest of the width holds the amount after the longest bar
    bar_h, gap = 14, 3
    row_h = 22 + (bar_h + gap) * (2 if second else 1) + 10
    height = 28 + row_h * len(rows)
    heading = f'<p class="xh-chart-title" aria-hidden="true">{escape(title)}（单位：{escape(unit)}）</p>\n\n'
    out = [
        f'<svg class="xh-chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{key}-title" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{key}-title">{escape(title)}（单位：{unit}，数据表见图下）</title>',
        f'<rect class="xh-bar-planned" x="0" y="6" width="14" height="12"/>'
        f'<text x="20" y="17" font-size="13">{escape(first)}（{escape(unit)}）</text>',
    ]
    if second:
        out.append(
            f'<rect class="xh-bar-spent" x="150" y="6" width="14" height="12"/>'
            f'<text x="170" y="17" font-size="13">{escape(second)}（{escape(unit)}）</text>'
        )
    for i, (label, a, b) in enumerate(rows):
        y = 28 + row_h * i
        out.append(f'<text x="0" y="{y + 16}" font-size="14">{escape(label)}</text>')
        series = [("xh-bar-planned", a)] + ([("xh-bar-spent", b)] if second and b is not None else [])
        for j, (css, value) in enumerate(series):
            top_y = y + 22 + (bar_h + gap) * j
            w = int(bar_w * value / top)
            out.append(f'<rect class="{css}" x="0" y="{top_y}" width="{w}" height="{bar_h}"/>')
            out.append(f'<text x="{w + 4}" y="{top_y + bar_h - 2}" font-size="12">{fmt_money(value)}</text>')
    out.append("</svg>")
    return heading + "".join(out) + "\n\n" + _bars_table(rows, title, first, second, key, unit)


def _bars_table(
    rows: Sequence[tuple[str, Decimal, Decimal | None]],
    title: str,
    first: str,
    second: str | None,
    key: str,
    unit: str = "元",
) -> str:
    head = f'<th scope="col">项目</th><th scope="col">{escape(first)}（{unit}）</th>'
    if second:
        head += f'<th scope="col">{escape(second)}（{unit}）</th>'
    body = []
    for label, a, b in rows:
        cells = f'<th scope="row">{escape(label)}</th><td align="right">{fmt_money(a)}</td>'
        if second:
            cells += f'<td align="right">{fmt_money(b) if b is not None else "—"}</td>'
        body.append(f"<tr>{cells}</tr>")
    return (
        f'<details class="xh-chart-data" id="{key}-data"><summary>图表数据：{escape(title)}</summary>'
        f"<table><caption>{escape(title)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></details>"
    )
