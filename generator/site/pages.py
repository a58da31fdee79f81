"""Page builders: the public projection → every generated file of the site (Markdown pages, the RSS feed,
open data), as a mapping from the path inside ``docs/`` to its content. Pure: no I/O, no clock.

Templates receive only ``Public*`` objects and values computed here; every user string goes through the
``md`` filter (``textsafe.md_escape``); URLs are built here and only ``https`` ones are linked, besides the
office's ``mailto:`` and ``tel:`` links (``mailto_url``, ``tel_url``) built from programme.yaml.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from jinja2.bccache import Bucket

from generator.cache import cache_dir
from generator.clock import local_time_text
from generator.disclosure import AwardDisclosure
from generator.model import fmt_money, two_decimals
from generator.public import PublicCycle, PublicPlan, PublicReport, PublicSanction, PublicSite
from generator.rules import ALL_RULES, rule_sort_key
from generator.site import feed, showcase, svg
from generator.site.history import Revision
from generator.site.notices import canonical, notices
from generator.textsafe import clean, md_escape

_SAFE_URL = re.compile(r"https://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9._~/%?=&+-]*)?\Z")


def safe_url(value: object) -> str:
    """The URL if it is a plain https address (no quotes, spaces, brackets or entities), else ``""``."""
    text = str(value or "")
    return text if _SAFE_URL.match(text) else ""


# mailto: and tel: links are built only from programme.yaml's office contact (schema-checked) and checked
# again here: a plain address, a plain number. Nothing else from the data becomes a non-https link.
_MAIL_ADDRESS = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+\Z")
_PHONE_NUMBER = re.compile(r"\+?[0-9]{1,15}(?:-[0-9]{1,15}){0,4}\Z")
_PHONE_MIN_DIGITS = 5


def mailto_url(address: object, subject: str = "") -> str:
    """``mailto:`` + the address, with a percent-encoded subject; ``""`` unless the address is plain."""
    from urllib.parse import quote

    text = str(address or "")
    if not _MAIL_ADDRESS.match(text):
        return ""
    return f"mailto:{text}" + (f"?subject={quote(subject, safe='')}" if subject else "")


def tel_url(number: object) -> str:
    """``tel:`` + the number with its hyphens (027-00000000); ``""`` unless it is digits and hyphens."""
    text = str(number or "").strip()
    digits = sum(c.isdigit() for c in text)
    return f"tel:{text}" if _PHONE_NUMBER.match(text) and digits >= _PHONE_MIN_DIGITS else ""


def md_paragraphs(value: object) -> str:
    """Escaped text that keeps its paragraphs (one per line of the source)."""
    lines = [md_escape(line) for line in str(value or "").splitlines()]
    return "\n\n".join(line for line in lines if line)


def _money(value: object) -> str:
    """The ``money`` filter: an amount as ``model.fmt_money`` writes it, anything else (no amount) as ``—``."""
    return fmt_money(value) if isinstance(value, Decimal) else "—"


@lru_cache(maxsize=8192)  # a society's name is sorted on many pages
def chinese_order(name: str) -> tuple[tuple[str, ...], str]:
    """A sort key putting Chinese names in pinyin order, as Chinese readers look them up (the syllables with
    their tones, then the name itself to break ties); not in the order of the English codes (slugs)."""
    from pypinyin import Style, lazy_pinyin

    return tuple(lazy_pinyin(name, style=Style.TONE3, errors="default")), name


def _num(value: object) -> str:
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}"
    return str(value)


def _date(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else "—"


def _by_name(items: Sequence[Any], attribute: str = "name") -> list[Any]:
    """The ``by_name`` filter: rows that list societies, in Chinese order of their names (``chinese_order``)."""
    return sorted(items, key=lambda item: chinese_order(str(getattr(item, attribute))))


class _TemplateCache(FileSystemBytecodeCache):
    """Jinja's compiled templates in the user's cache folder (``generator.cache``: never in the repository),
    keyed by each template's source and Jinja's version, so a rebuild does not compile them again. An entry
    that cannot be read or written is simply not used."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged entry: compile the template again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            return


def _template_cache() -> _TemplateCache | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        (folder / "templates").mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _TemplateCache(str(folder / "templates"))


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates/site"),
        bytecode_cache=_template_cache(),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=md_escape,
        md_paragraphs=md_paragraphs,
        money=_money,
        num=_num,
        d=_date,
        url=safe_url,
        mailto=mailto_url,
        tel=tel_url,
    )
    env.globals.update(timeline=svg.timeline, bars=svg.bars)
    env.filters["by_name"] = _by_name
    return env


@dataclass(frozen=True, slots=True)
class DataFile:
    name: str
    href: str
    about: str

    @property
    def xlsx(self) -> str | None:
        """The same table as an Excel/WPS workbook beside a CSV (``site/workbooks``)."""
        return self.href.removesuffix(".csv") + ".xlsx" if self.href.endswith(".csv") else None


# What the templates read besides the ``Public*`` objects: small typed rows computed here.
@dataclass(frozen=True, slots=True)
class SocietyEntry:
    """A society's application in one cycle, with its award if any (society page, 申报与获奖)."""

    year: int
    requested: Decimal
    stage_zh: str
    tier: str | None
    amount: Decimal | None


@dataclass(frozen=True, slots=True)
class SocietyPlan:
    """A society's funds plan of one cycle with the latest reported progress per indicator (formatted)."""

    year: int
    plan: PublicPlan
    progress: dict[str, str]


@dataclass(frozen=True, slots=True)
class SocietyInspection:
    """One midterm or final inspection result of a society (society page, 检查结果)."""

    year: int
    stage: str
    date: date | None
    result: str
    note: str


@dataclass(frozen=True, slots=True)
class CycleTotals:
    """One cycle's row of the statistics page."""

    year: int
    applications: int
    awards: int
    awarded: Decimal
    planned: Decimal
    spent: Decimal
    reclaimed: Decimal


def _dt(tz: str) -> Callable[[datetime], str]:
    def fmt(value: datetime) -> str:
        return local_time_text(value, tz)

    return fmt


def _award_rows(cycle: PublicCycle) -> list[tuple[str, Decimal, Decimal | None]]:
    return sorted(
        ((a.name, a.planned, a.spent) for a in cycle.disclosure.awards), key=lambda row: chinese_order(row[0])
    )


def _category_rows(a: AwardDisclosure) -> list[tuple[str, Decimal, Decimal | None]]:
    return [(u.title, u.planned, u.spent) for u in a.by_category]


def _csv(rows: Sequence[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([[_cell(c) for c in row] for row in rows])
    return "\ufeff" + buffer.getvalue()


def _cell(value: object) -> str:
    if isinstance(value, Decimal):
        return two_decimals(value)
    if isinstance(value, date):
        return value.isoformat()
    text = clean(value) if value is not None else ""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text  # no formulas in Excel


def build_pages(
    site: PublicSite,
    *,
    commit: str,
    histories: dict[int, list[Revision]],
    schema_files: dict[str, str],
) -> dict[str, str]:
    """Every generated file of the site, by path inside ``docs/``."""
    env = environment()
    env.filters["dt"] = _dt(site.timezone)
    all_notices = notices(site)
    by_year = {c.year: c for c in site.cycles}
    current = by_year.get(site.current) if site.current is not None else None
    pages: dict[str, str] = {}

    def render(template: str, **context: Any) -> str:
        return env.get_template(template).render(site=site, **context)

    pages["index.md"] = render("home.md.j2", current=current, latest=all_notices[:6])
    pages["notices/index.md"] = render("notices_index.md.j2", notices=all_notices)
    form = safe_url(site.programme.objection_form)
    for n in all_notices:
        cycle = by_year.get(n.cycle) if n.cycle is not None else None
        pages[n.path] = render(
            "notice.md.j2",
            n=n,
            form=form,
            call=cycle.call if cycle else None,
            cycle=cycle,
            commit=commit,
            ban_years=site.programme.ban_years,
        )
    pages["cycles/index.md"] = render("cycles_index.md.j2", cycles=list(reversed(site.cycles)))

    def stage_of(cycle: PublicCycle, society: str) -> str:
        found = next((a for a in cycle.applications if a.society == society), None)
        return found.stage_zh if found else "—"

    for c in site.cycles:
        pages[f"cycles/{c.year}/index.md"] = render(
            "cycle.md.j2", c=c, award_rows=_award_rows(c), stage_of=stage_of
        )
        pages[f"cycles/{c.year}/publicity.md"] = render("publicity.md.j2", c=c, form=form)
        pages[f"cycles/{c.year}/history.md"] = render(
            "history.md.j2", c=c, revisions=histories.get(c.year, [])
        )

    # Indexes by society, so that each society page costs the same however many societies there are.
    awarded: dict[str, list[str]] = {}
    apps = {c.year: {a.society: a for a in c.applications} for c in site.cycles}
    awards = {c.year: {a[0]: a for a in c.decisions.awards} if c.decisions else {} for c in site.cycles}
    plans_by = {c.year: {p.society: p for p in c.plans} for c in site.cycles}
    reports_by: dict[int, dict[str, list[PublicReport]]] = {}
    disclosed: dict[str, list[AwardDisclosure]] = {}
    inspected: dict[str, list[SocietyInspection]] = {}
    for c in site.cycles:
        for slug, tier, _amount in c.decisions.awards if c.decisions else ():
            awarded.setdefault(slug, []).append(f"{c.year}{tier}")
        for report in c.reports:
            reports_by.setdefault(c.year, {}).setdefault(report.society, []).append(report)
        for a in c.disclosure.awards:
            disclosed.setdefault(a.society, []).append(a)
        if c.decisions is not None:
            for label, (day, results) in (("中期检查", c.decisions.midterm), ("总结验收", c.decisions.final)):
                for result in results:
                    inspected.setdefault(result.society, []).append(
                        SocietyInspection(c.year, label, day, result.result, result.note)
                    )
    sanctioned: dict[str, list[PublicSanction]] = {}
    for x in site.sanctions:
        sanctioned.setdefault(x.society, []).append(x)

    def awards_of(slug: str) -> list[str]:
        return awarded.get(slug, [])

    pages["societies/index.md"] = render("societies_index.md.j2", awards_of=awards_of)
    for s in site.societies:
        entries: list[SocietyEntry] = []
        plans: list[SocietyPlan] = []
        for c in site.cycles:
            app = apps[c.year].get(s.slug)
            award = awards[c.year].get(s.slug)
            if app is not None:
                entries.append(
                    SocietyEntry(
                        c.year,
                        app.requested_total,
                        app.stage_zh,
                        award[1] if award else None,
                        award[2] if award else None,
                    )
                )
            plan = plans_by[c.year].get(s.slug)
            if plan is not None:
                mine = reports_by.get(c.year, {}).get(s.slug, [])
                latest = max(mine, key=lambda r: r.as_of, default=None)
                progress = {name: _num(v) for name, v in latest.indicators} if latest else {}
                plans.append(SocietyPlan(c.year, plan, progress))
        pages[f"societies/{s.slug}.md"] = render(
            "society.md.j2",
            s=s,
            entries=entries,
            plans=plans,
            inspections=inspected.get(s.slug, []),
            disclosures=disclosed.get(s.slug, []),
            sanctions=sanctioned.get(s.slug, []),
            category_rows=_category_rows,
        )
    pages["statistics.md"] = _statistics(render, site)
    pages["rules.md"] = render("rules.md.j2", rules=sorted(ALL_RULES, key=lambda r: rule_sort_key(r.id)))
    pages.update(_open_data(render, site, schema_files))
    showcase.extend(pages, render, site)
    pages["feed.xml"] = feed.render(
        all_notices,
        site.programme.site_title,
        site.programme.site_url,
        f"{site.programme.name}通知公告",
        site.timezone,
    )
    return pages


def _statistics(render: Callable[..., str], site: PublicSite) -> str:
    cycle_table: list[CycleTotals] = []
    per_area: dict[str, tuple[Decimal, Decimal]] = {}
    per_category: dict[str, tuple[Decimal, Decimal]] = {}
    for c in site.cycles:
        d = c.disclosure
        cycle_table.append(
            CycleTotals(
                c.year, len(c.applications), len(d.awards), d.awarded, d.planned, d.spent, d.reclaimed
            )
        )
        for a in d.awards:
            for u in a.by_area:
                p, s = per_area.get(u.title, (Decimal(0), Decimal(0)))
                per_area[u.title] = (p + u.planned, s + u.spent)
            for u in a.by_category:
                p, s = per_category.get(u.title, (Decimal(0), Decimal(0)))
                per_category[u.title] = (p + u.planned, s + u.spent)
    return render(
        "statistics.md.j2",
        cycle_table=cycle_table,
        per_cycle=[(f"{r.year} 年度", r.awarded, r.spent) for r in cycle_table],
        per_area=[(k, p, s) for k, (p, s) in per_area.items()],
        per_category=sorted(((k, p, s) for k, (p, s) in per_category.items()), key=lambda r: (-r[1], r[0])),
    )


def _open_data(render: Callable[..., str], site: PublicSite, schema_files: dict[str, str]) -> dict[str, str]:
    files: dict[str, str] = {}
    listed: list[DataFile] = []
    for c in site.cycles:
        files[f"data/{c.year}.json"] = canonical(c).decode("utf-8") + "\n"  # the notices' canonical JSON
        listed.append(
            DataFile(
                f"{c.year}.json",
                f"{c.year}.json",
                f"{c.year} 年度全部公开数据（通知、申报、评审结果、公示、表彰、检查、资金使用）",
            )
        )
        rows: list[list[object]] = [["学会代号", "学会", "申请金额", "阶段", "阶段代码"]]
        rows += [[a.society, a.name, a.requested_total, a.stage_zh, a.stage] for a in c.applications]
        files[f"data/{c.year}-applications.csv"] = _csv(rows)
        listed.append(
            DataFile(
                f"{c.year}-applications.csv", f"{c.year}-applications.csv", f"{c.year} 年度申报学会及阶段"
            )
        )
        award_rows: list[list[object]] = [
            ["学会代号", "学会", "等级", "奖励金额", "计划", "已支出", "结余", "截至", "已撤销", "收回金额"]
        ]
        award_rows += [
            [
                a.society,
                a.name,
                a.tier,
                a.amount,
                a.planned,
                a.spent,
                a.variance,
                a.as_of,
                "是" if a.revoked else "否",
                a.reclaimed,
            ]
            for a in c.disclosure.awards
        ]
        files[f"data/{c.year}-awards.csv"] = _csv(award_rows)
        listed.append(
            DataFile(f"{c.year}-awards.csv", f"{c.year}-awards.csv", f"{c.year} 年度表彰与资金使用")
        )
    society_rows: list[list[object]] = [
        ["学会代号", "学会", "统一社会信用代码", "成立年份", "业务主管单位", "学科领域", "网站"]
    ]
    society_rows += [
        [
            s.slug,
            s.name,
            s.credit_code,
            s.founded or "",
            s.supervisor,
            s.discipline or "",
            safe_url(s.website),
        ]
        for s in site.societies
    ]
    files["data/societies.csv"] = _csv(society_rows)
    listed.append(DataFile("societies.csv", "societies.csv", "学会名录"))
    sanction_rows: list[list[object]] = [
        [
            "编号",
            "学会代号",
            "决定日期",
            "类型",
            "年度",
            "情况",
            "撤销奖励",
            "收回金额",
            "取消申报资格至",
            "文号",
        ]
    ]
    sanction_rows += [
        [
            s.id,
            s.society,
            s.decided,
            s.kind_zh,
            s.cycle or "",
            s.summary,
            "是" if s.revoke_award else "否",
            s.reclaim_amount,
            s.ban_until or "",
            s.doc_number or "",
        ]
        for s in site.sanctions
    ]
    files["data/sanctions.csv"] = _csv(sanction_rows)
    listed.append(DataFile("sanctions.csv", "sanctions.csv", "处理决定"))
    for name, text in sorted(schema_files.items()):
        files[f"data/schemas/{name}"] = text
    files["data/index.md"] = render("data_index.md.j2", files=listed, schemas=sorted(schema_files))
    return files
