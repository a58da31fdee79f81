"""An RSS 2.0 feed of the notices (deterministic: dates from the data, order from ``notices``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from email.utils import format_datetime
from xml.sax.saxutils import escape

from generator.clock import zone
from generator.site.notices import Notice


def render(notices: Sequence[Notice], title: str, site_url: str, description: str, tz: str) -> str:
    """The notices as RSS 2.0; each notice is dated 00:00 of its day in the programme's zone ``tz``."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    items = []
    for n in notices:
        link = f"{base}notices/{n.slug}.html"
        when = format_datetime(datetime.combine(n.date, time(0, 0), tzinfo=zone(tz)))
        number = f"（{n.doc_number}）" if n.doc_number else ""
        items.append(
            "    <item>\n"
            f"      <title>{escape(n.title)}</title>\n"
            f"      <link>{escape(link)}</link>\n"
            f'      <guid isPermaLink="false">{escape(n.slug)}:{n.fingerprint}</guid>\n'
            f"      <pubDate>{when}</pubDate>\n"
            f"      <category>{escape(n.kind_zh)}</category>\n"
            f"      <description>{escape(n.kind_zh + number + '：' + n.title)}</description>\n"
            "    </item>\n"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0">\n'
        "  <channel>\n"
        f"    <title>{escape(title)}</title>\n"
        f"    <link>{escape(base)}</link>\n"
        f"    <description>{escape(description)}</description>\n"
        "    <language>zh-CN</language>\n" + "".join(items) + "  </channel>\n</rss>\n"
    )
