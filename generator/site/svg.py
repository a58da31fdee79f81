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
    """Circles on a line, one per stage, labelled with the stage and its date."""
    n = max(len(steps), 1)
    step_w = 110
    width = step_w * n + 20
    parts = [
        '<div class="xh-scroll">',
        f'<svg class="xh-timeline" viewBox="0 0 {width} 90" role="img" aria-label="{escape(title)}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{10 + step_w // 2}" y1="30" x2="{10 + step_w * n - step_w // 2}" y2="30" stroke="#999" stroke-width="2"/>',
    ]
    for i, (label, day, state) in enumerate(steps):
        x = 10 + step_w * i + step_w // 2
        parts.append(f'<circle class="xh-step-{state}" cx="{x}" cy="30" r="9"/>')
        parts.append(f'<text x="{x}" y="62" text-anchor="middle" font-size="13">{escape(label)}</text>')
        when = day.isoformat() if day else "待定"
        parts.append(f'<text x="{x}" y="80" text-anchor="middle" font-size="11" fill="#555">{when}</text>')
    parts.append("</svg></div>")
    return "".join(parts)


def bars(rows: Sequence[tuple[str, Decimal, Decimal | None]], title: str, first: str, second: str | None) -> str:
    """Horizontal bars: one or two series (e.g. planned and spent) per labelled row, in yuan."""
    if not rows:
        return ""
    top = max([max(a, b or Decimal(0)) for _, a, b in rows] + [Decimal(1)])
    label_w, bar_w, row_h = 170, 330, 34 if second else 22
    height = 30 + row_h * len(rows) + 10
    width = label_w + bar_w + 120
    out = [
        f'<svg class="xh-chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<rect class="xh-bar-planned" x="{label_w}" y="6" width="12" height="10"/>'
        f'<text x="{label_w + 16}" y="15" font-size="11">{escape(first)}</text>',
    ]
    if second:
        out.append(
            f'<rect class="xh-bar-spent" x="{label_w + 110}" y="6" width="12" height="10"/>'
            f'<text x="{label_w + 126}" y="15" font-size="11">{escape(second)}</text>'
        )
    for i, (label, a, b) in enumerate(rows):
        y = 30 + row_h * i
        out.append(f'<text x="{label_w - 6}" y="{y + 12}" text-anchor="end" font-size="12">{escape(label)}</text>')
        wa = int(bar_w * a / top)
        out.append(f'<rect class="xh-bar-planned" x="{label_w}" y="{y + 2}" width="{wa}" height="12"/>')
        out.append(f'<text x="{label_w + wa + 4}" y="{y + 12}" font-size="11">{_money(a)}</text>')
        if second and b is not None:
            wb = int(bar_w * b / top)
            out.append(f'<rect class="xh-bar-spent" x="{label_w}" y="{y + 16}" width="{wb}" height="12"/>')
            out.append(f'<text x="{label_w + wb + 4}" y="{y + 26}" font-size="11">{_money(b)}</text>')
    out.append("</svg>")
    return "".join(out)
