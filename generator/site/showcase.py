"""典型经验与绩效 · the showcase (五（四）) and the performance figures (四（四）、一（三）) on the site.

From ``PublicSite.performance`` (``generator.performance.view``, public fields only): a page per completed
award (indicators and completion, spending against plan, the final verdict with its notice's number, the
society's 典型经验), a showcase page per cycle, an index with the 示范学会, and sections added to each
society's page and each cycle's page (continued support, multi-year support, weighted completion and
execution rate with accessible charts, ``svg.bars``).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from generator.performance import MILESTONE_ZH, SUPPORT_ZH, Assessment, Completed, PerformanceView
from generator.public import PublicSite

Render = Callable[..., str]
ZERO = Decimal(0)


def pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{value}%"


def _helpers(site: PublicSite) -> dict[str, Any]:
    categories = {key: title for key, title, _area in site.programme.categories}
    areas = dict(site.programme.areas)
    return {
        "pct": pct,
        "category_title": lambda key: categories.get(key, key),
        "area_title": lambda key: areas.get(key, "自设指标") if key else "自设指标",
        "milestone": lambda code: MILESTONE_ZH.get(code, "未报告"),
        "stage_zh": lambda code: {"midterm": "中期报告", "final": "总结报告"}.get(code, code),
        "support_zh": lambda code: SUPPORT_ZH[code],
    }


def _rates(items: list[Assessment], name: Callable[[str], str]) -> list[tuple[str, Decimal, Decimal | None]]:
    return [(name(a.society), a.weighted or ZERO, a.execution_total) for a in items]


def _award_page(render: Render, site: PublicSite, c: Completed, helpers: dict[str, Any]) -> str:
    a = c.assessment
    indicator_rows = [(i.name, i.rate or ZERO, None) for i in a.indicators] if a else []
    execution_rows = (
        [(helpers["category_title"](e.category), e.planned, e.spent) for e in a.execution] if a else []
    )
    return render(
        "showcase_award.md.j2",
        c=c,
        a=a,
        indicator_rows=indicator_rows,
        execution_rows=execution_rows,
        **helpers,
    )


def showcase_pages(render: Render, site: PublicSite) -> dict[str, str]:
    """The showcase's own pages: the index, one per cycle with completed awards, one per completed award."""
    view = site.performance or PerformanceView((), (), (), (), ())
    helpers = _helpers(site)
    pages: dict[str, str] = {}
    by_year: dict[int, list[Completed]] = {}
    for c in view.completed:
        by_year.setdefault(c.cycle, []).append(c)
        pages[f"cycles/{c.cycle}/showcase/{c.society}.md"] = _award_page(render, site, c, helpers)
    for year, items in by_year.items():
        rows = [
            (site.name_of(c.society), c.assessment.weighted or ZERO, c.assessment.execution_total)
            for c in items
            if c.assessment
        ]
        pages[f"cycles/{year}/showcase.md"] = render(
            "showcase_cycle.md.j2", year=year, completed=items, completion_rows=rows, **helpers
        )
    min_cycles = view.demonstration_min_cycles
    pages["showcase/index.md"] = render(
        "showcase_index.md.j2",
        demonstration=view.demonstration,
        demo_rule=min_cycles,
        years=sorted(((y, len(items)) for y, items in by_year.items()), reverse=True),
        **helpers,
    )
    return pages


def _section(render: Render, template: str, **context: Any) -> str:
    """A section for the end of an existing page; nothing at all when it has nothing to say."""
    text = render(template, **context)
    return text if text.strip() else ""


def extend(pages: dict[str, str], render: Render, site: PublicSite) -> None:
    """Add the showcase pages, and the performance sections to the society and cycle pages."""
    own = showcase_pages(render, site)
    pages.update(own)
    view = site.performance
    if view is None:
        return
    helpers = _helpers(site)
    awarded = {(c.cycle, c.society) for c in view.completed}
    demonstrated = dict(view.demonstration)
    for s in site.societies:
        path = f"societies/{s.slug}.md"
        if path not in pages:
            continue
        pages[path] += _section(
            render,
            "performance_section.md.j2",
            continued=[x for x in view.after_finals if x.society == s.slug],
            demonstrated=demonstrated.get(s.slug, ()),
            supports=[y for y in view.supports if y.society == s.slug],
            assessments=[a for a in view.assessments if a.society == s.slug],
            pages=awarded,
            prefix="../",
            **helpers,
        )
    for c in site.cycles:
        path = f"cycles/{c.year}/index.md"
        rows = [a for a in view.assessments if a.cycle == c.year]
        if path not in pages:
            continue
        pages[path] += _section(
            render,
            "performance_cycle.md.j2",
            year=c.year,
            rows=rows,
            chart=_rates(rows, site.name_of),
            has_showcase=f"cycles/{c.year}/showcase.md" in own,
            consequences=[x for x in view.consequences if x.cycle == c.year],
            **helpers,
        )
