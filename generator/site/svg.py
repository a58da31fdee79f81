"""Inline SVG graphics for the site: a cycle's timeline and horizontal bar charts. Labels are HTML-escaped
here; numbers are formatted here; nothing else from the data reaches the markup."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from html import escape


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def timeline(steps: Sequence[tuple[str, date | None, str]], title: str) -> str:
    """Circles on a line, one per stage, labelled with the stage and its date: across the page on wide
    screens, down the page on phones (the stylesheet shows one of the two)."""
    return _timeline_across(steps, title) + "\n\n" + _timeline_down(steps, title)


def _timeline_across(steps: Sequence[tuple[str, date | None, str]], title: str) -> str:
    n = max(len(steps), 1)
    step_w = 110
    width = step_w * n + 20
    parts = [
        '<div class="xh-scroll xh-wide-only">',
        f'<svg class="xh-timeline" viewBox="0 0 {width} 96" role="img" aria-label="{escape(title)}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{10 + step_w // 2}" y1="30" x2="{10 + step_w * n - step_w // 2}" y2="30" stroke="#999" stroke-width="2"/>',
    ]
    for i, (label, day, state) in enumerate(steps):
        x = 10 + step_w * i + step_w // 2
        parts.append(f'<circle class="xh-step-{state}" cx="{x}" cy="30" r="9"/>')
        parts.append(f'<text x="{x}" y="64" text-anchor="middle" font-size="16">{escape(label)}</text>')
        when = day.isoformat() if day else "待定"
        parts.append(f'<text x="{x}" y="86" text-anchor="middle" font-size="14" fill="#555">{when}</text>')
    parts.append("</svg></div>")
    return "".join(parts)


def _timeline_down(steps: Sequence[tuple[str, date | None, str]], title: str) -> str:
    n = max(len(steps), 1)
    row_h = 36
    height = row_h * n + 8
    parts = [
        '<div class="xh-narrow-only">',
        f'<svg class="xh-timeline xh-timeline-down" viewBox="0 0 300 {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<line x1="16" y1="{4 + row_h // 2}" x2="16" y2="{4 + row_h * n - row_h // 2}" stroke="#999" stroke-width="2"/>',
    ]
    for i, (label, day, state) in enumerate(steps):
        y = 4 + row_h * i + row_h // 2
        parts.append(f'<circle class="xh-step-{state}" cx="16" cy="{y}" r="8"/>')
        parts.append(f'<text x="36" y="{y + 5}" font-size="15">{escape(label)}</text>')
        when = day.isoformat() if day else "待定"
        parts.append(f'<text x="292" y="{y + 5}" text-anchor="end" font-size="14" fill="#555">{when}</text>')
    parts.append("</svg></div>")
    return "".join(parts)


def bars(rows: Sequence[tuple[str, Decimal, Decimal | None]], title: str, first: str, second: str | None) -> str:
    """Horizontal bars: one or two series (e.g. planned and spent) per labelled row, in yuan. Each row's
    label sits above its bars, so the chart stays legible at a phone's width."""
    if not rows:
        return ""
    top = max([max(a, b or Decimal(0)) for _, a, b in rows] + [Decimal(1)])
    width, bar_w = 400, 300  # the rest of the width holds the amount after the longest bar
    bar_h, gap = 14, 3
    row_h = 22 + (bar_h + gap) * (2 if second else 1) + 10
    height = 28 + row_h * len(rows)
    out = [
        f'<svg class="xh-chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<rect class="xh-bar-planned" x="0" y="6" width="14" height="12"/>'
        f'<text x="20" y="17" font-size="13">{escape(first)}</text>',
    ]
    if second:
        out.append(
            f'<rect class="xh-bar-spent" x="110" y="6" width="14" height="12"/>'
            f'<text x="130" y="17" font-size="13">{escape(second)}</text>'
        )
    for i, (label, a, b) in enumerate(rows):
        y = 28 + row_h * i
        out.append(f'<text x="0" y="{y + 16}" font-size="14">{escape(label)}</text>')
        series = [("xh-bar-planned", a)] + ([("xh-bar-spent", b)] if second and b is not None else [])
        for j, (css, value) in enumerate(series):
            top_y = y + 22 + (bar_h + gap) * j
            w = int(bar_w * value / top)
            out.append(f'<rect class="{css}" x="0" y="{top_y}" width="{w}" height="{bar_h}"/>')
            out.append(f'<text x="{w + 4}" y="{top_y + bar_h - 2}" font-size="12">{_money(value)}</text>')
    out.append("</svg>")
    return "".join(out)
