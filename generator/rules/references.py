"""Who is referred to (REF-*), credit codes and names of societies (SOC-*), one application each (APP-*)."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterator

from generator.model import Cycle, Dataset, Decisions, OfficeRecords, Society
from generator.rules import checklist
from generator.rules.base import ERROR, FORMAT_CLAUSE, WARNING, Context, Hit, Message, rule
from generator.yamlio import DataPath

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17: str) -> str | None:
    """The GB 32100-2015 check character for the first 17 characters, None if any is not allowed."""
    total = 0
    for char, weight in zip(first17, CREDIT_WEIGHTS, strict=True):
        value = CREDIT_ALPHABET.find(char)
        if value < 0:
            return None
        total += value * weight
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def credit_code_valid(code: str) -> bool:
    return (
        len(code) == 18
        and code[2:8].isascii()
        and code[2:8].isdigit()
        and credit_code_check_char(code[:17]) == code[17]
    )


@rule(
    "REF-001",
    ERROR,
    FORMAT_CLAUSE,
    "引用的学会在 societies/ 中有简介文件",
    "Referenced societies have a profile in societies/",
    message=Message(
        "学会代号“{slug}”没有对应的学会简介（submissions/societies/{slug}.yaml）。",
        "No profile for society {slug!r}.",
        "请核对代号拼写（小写英文与连字符）；新学会请先提交学会简介。",
    ),
)
def societies_exist(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (office record names an unknown society)::

        --- submissions/office/entrusted_projects.yaml
        -     society: wuhan-mechanical-engineering
        +     society: wuhan-nobody

    Passes::

        (the minimal tree)
    """
    wanted = ctx.reported
    for file, path, slug in society_references(data):
        if wanted is not None and not wanted(file):
            continue
        if not (isinstance(slug, str) and data.has_society(slug)):
            yield societies_exist.hit(file, path, slug=slug)


Reference = tuple[str, DataPath, str]  # (file, data path, the society slug written there)


def society_references(data: Dataset) -> Iterator[Reference]:
    """Every place a file names a society: a cycle's files, its decisions, the office's records."""
    for _year, cycle in sorted(data.cycles.items()):
        yield from _submission_references(cycle)
        if cycle.decisions is not None:
            yield from _decision_references(cycle.decisions)
    yield from _office_references(data.office)


def _submission_references(cycle: Cycle) -> Iterator[Reference]:
    for app in cycle.applications.values():
        yield app.file, ("society",), app.society
    for review in cycle.reviews.values():
        for i, slug in enumerate(review.conflicts):
            yield review.file, ("conflicts", i), slug
        for score in review.scores:
            yield review.file, ("scores", score.index, "society"), score.society
    for plan in cycle.plans.values():
        yield plan.file, ("society",), plan.society
    for report in cycle.reports.values():
        yield report.file, ("society",), report.society


def _decision_references(dec: Decisions) -> Iterator[Reference]:
    for slug in dec.formal_results:
        yield dec.file, ("formal_review", "results", slug), slug
    for p in dec.proposed:
        yield dec.file, ("proposed", p.index, "society"), p.society
    for o in dec.objections:
        yield dec.file, ("objections", o.index, "society"), o.society
    for a in dec.awards:
        yield dec.file, ("commendation", "awards", a.index, "society"), a.society
    for stage, rnd in (("midterm", dec.midterm), ("final", dec.final)):
        for slug in rnd.results:
            yield dec.file, ("inspections", stage, "results", slug), slug


def _office_references(office: OfficeRecords) -> Iterator[Reference]:
    if office.inspections is not None and office.inspections_file:
        for year, results in sorted(office.inspections.items()):
            for slug in results:
                yield office.inspections_file, ("years", str(year), slug), slug
    if office.reports is not None and office.reports_file:
        for year, filings in sorted(office.reports.items()):
            for slug in filings:
                yield office.reports_file, ("years", str(year), slug), slug
    if office.projects is not None and office.projects_file:
        for project in office.projects:
            yield office.projects_file, ("projects", project.index, "society"), project.society
    if office.sanctions is not None and office.sanctions_file:
        for s in office.sanctions:
            yield office.sanctions_file, ("sanctions", s.index, "society"), s.society
    if office.experts is not None and office.experts_file:
        for i, expert in enumerate(office.experts.values()):
            for j, slug in enumerate(expert.affiliations):
                yield office.experts_file, ("experts", i, "affiliations", j), slug


@rule(
    "REF-002",
    ERROR,
    FORMAT_CLAUSE,
    "评分表和评审委员会中的专家在专家库（委员会仓库的 experts.yaml）中",
    "Experts in reviews and committees are in the expert pool",
    messages={
        "": Message(
            "专家库文件 experts.yaml（委员会仓库）缺失或无效，无法核对评审专家。",
            "The expert pool experts.yaml (committee repository) is missing or invalid.",
            "请专项办公室先提交有效的专家库。",
        ),
        "expert": Message(
            "专家“{expert}”不在专家库中。",
            "Expert {expert!r} is not in the expert pool.",
            "请核对专家代号；新专家须由专项办公室先加入委员会仓库的 experts.yaml。",
        ),
        "members": Message(
            "评审委员会成员“{expert}”不在专家库中。",
            "Committee member {expert!r} is not in the expert pool.",
            "请核对专家代号，或先把该专家加入委员会仓库的 experts.yaml。",
        ),
    },
)
def experts_exist(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (committee names an unknown expert)::

        --- committee/2026/committee.yaml
        - members: [expert-zhao, expert-qian, expert-sun, expert-li, expert-zhou]
        + members: [expert-nobody, expert-qian, expert-sun, expert-li, expert-zhou]

    Passes::

        --- committee/2026/committee.yaml
        - members: [expert-zhao, expert-qian, expert-sun, expert-li, expert-zhou]
        + members: [expert-qian, expert-zhao, expert-sun, expert-li, expert-zhou]
    """
    experts = data.office.experts
    if experts is None:
        if "experts.yaml" in data.unreadable:
            return
        for cycle in data.cycles.values():
            for review in cycle.reviews.values():
                yield experts_exist.hit(review.file, ("expert",))
        return
    for cycle in data.cycles.values():
        for review in cycle.reviews.values():
            if review.expert not in experts:
                yield experts_exist.hit(review.file, ("expert",), "expert", expert=review.expert)
        if cycle.committee and cycle.committee_file:
            for i, expert in enumerate(cycle.committee):
                if expert not in experts:
                    yield experts_exist.hit(cycle.committee_file, ("members", i), "members", expert=expert)


@rule(
    "SOC-001",
    ERROR,
    "三（一）",
    "统一社会信用代码的校验位正确（GB 32100-2015）",
    "The unified social credit code's check character is right (GB 32100-2015)",
    message=Message(
        "统一社会信用代码“{code}”校验不通过（第 18 位校验码不符或第 3–8 位不是数字）。",
        "Credit code {code!r} fails the GB 32100-2015 check.",
        "请对照《社会团体法人登记证书》逐位核对；注意数字 0 与字母 O、1 与 I 不会混用（代码中没有 I、O、S、V、Z）。",
    ),
)
def credit_codes_valid(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (credit code check character wrong)::

        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - credit_code: 51420100500012358X         # 统一社会信用代码 (GB 32100-2015, check character verified)
        + credit_code: 51420100500012358Y         # 统一社会信用代码 (GB 32100-2015, check character verified)

    Passes::

        (the minimal tree)
    """
    for society in data.societies.values():
        code = society.credit_code
        if not credit_code_valid(code):
            yield credit_codes_valid.hit(society.file, ("credit_code",), code=code)


@rule(
    "SOC-002",
    WARNING,
    "三（一）",
    "学会的统一社会信用代码以 5 开头（民政部门登记的社会组织）",
    "A society's credit code starts with 5 (a social organisation)",
    message=Message(
        "信用代码“{credit_code}”不以 5 开头，不像民政部门登记的社会团体。",
        "The credit code does not start with 5 (not a registered social organisation).",
        "学会（社会团体）的代码通常以 51 开头：请核对登记证书。",
    ),
)
def credit_codes_social(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (credit code of a company, not a social organisation)::

        --- submissions/societies/wuhan-mechanical-engineering.yaml
        - credit_code: 51420100500012358X         # 统一社会信用代码 (GB 32100-2015, check character verified)
        + credit_code: "914403001922038216"         # 统一社会信用代码 (GB 32100-2015, check character verified)

    Passes::

        (the minimal tree)
    """
    for society in data.societies.values():
        if society.credit_code and not society.credit_code.startswith("5"):
            yield credit_codes_social.hit(society.file, ("credit_code",), credit_code=society.credit_code)


@rule(
    "SOC-003",
    ERROR,
    "三（一）",
    "不同学会的统一社会信用代码不重复",
    "No two societies share a credit code",
    message=Message(
        "信用代码“{code}”与学会“{slugs}”重复。",
        "Credit code {code!r} is also used by {slugs!r}.",
        "每个学会有唯一的统一社会信用代码：请核对。",
    ),
)
def credit_codes_unique(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (two societies share a credit code)::

        +++ submissions/societies/wuhan-other.yaml < submissions/societies/wuhan-mechanical-engineering.yaml
        - slug: wuhan-mechanical-engineering      # = file name; lowercase ASCII words joined by '-'
        + slug: wuhan-other      # = file name; lowercase ASCII words joined by '-'

    Passes::

        +++ submissions/societies/wuhan-other.yaml < submissions/societies/wuhan-mechanical-engineering.yaml
        - slug: wuhan-mechanical-engineering      # = file name; lowercase ASCII words joined by '-'
        + slug: wuhan-other      # = file name; lowercase ASCII words joined by '-'
        - credit_code: 51420100500012358X         # 统一社会信用代码 (GB 32100-2015, check character verified)
        + credit_code: 51420100500099991Y         # 统一社会信用代码 (GB 32100-2015, check character verified)
    """
    by_code: dict[str, list[str]] = defaultdict(list)
    for slug in sorted(data.societies):
        by_code[data.societies[slug].credit_code].append(slug)
    for code, slugs in by_code.items():
        for slug in slugs[1:]:
            yield credit_codes_unique.hit(
                data.societies[slug].file, ("credit_code",), code=code, slugs=slugs[0]
            )


_NAME_FIELDS = {"name": ("名称", "name"), "short_name": ("简称", "short name")}


def name_key(text: str) -> str:
    """A society's name as compared: NFKC (full-width forms folded), no white space at all, case-folded."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


@rule(
    "SOC-004",
    ERROR,
    "三（一）",
    "学会名称不与其他学会的名称或简称相同（忽略空白、全角半角和大小写）",
    "No society's name is another's name or short name (ignoring white space, full-width forms and case)",
    message=Message(
        "学会{what}“{value}”与 {other_file} 中的{other_what}“{taken}”相同（比较时忽略空白、全角半角和大小写）。",
        "The society's {what_en} {value!r} is the same as the {other_what_en} {taken!r} in {other_file}.",
        "学会的名称、简称不能与其他学会的名称相同：请核对 {other_file}；"
        "名称应与《社会团体法人登记证书》上的全称一致。",
    ),
)
def society_names_unique(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Both profiles are flagged, each naming the other file: a pull request that adds a society under
    another's name is stopped whichever of the two sorts first. A short name may not be another society's
    name either; two short names may coincide (a city's and a district's society of one discipline are
    both called 石油学会, and a short name is not what identifies a society).

    Fails (a second profile under the same name, written with an ideographic space)::

        +++ submissions/societies/wuhan-other.yaml < submissions/societies/wuhan-mechanical-engineering.yaml
        - slug: wuhan-mechanical-engineering      # = file name; lowercase ASCII words joined by '-'
        + slug: wuhan-other      # = file name; lowercase ASCII words joined by '-'
        - name: 武汉市机械工程学会
        + name: 武汉市\u3000机械工程学会
        - credit_code: 51420100500012358X         # 统一社会信用代码 (GB 32100-2015, check character verified)
        + credit_code: 51420100500099991Y         # 统一社会信用代码 (GB 32100-2015, check character verified)

    Passes::

        +++ submissions/societies/wuhan-other.yaml < submissions/societies/wuhan-mechanical-engineering.yaml
        - slug: wuhan-mechanical-engineering      # = file name; lowercase ASCII words joined by '-'
        + slug: wuhan-other      # = file name; lowercase ASCII words joined by '-'
        - name: 武汉市机械工程学会
        + name: 武汉市其他学会
        - credit_code: 51420100500012358X         # 统一社会信用代码 (GB 32100-2015, check character verified)
        + credit_code: 51420100500099991Y         # 统一社会信用代码 (GB 32100-2015, check character verified)
    """
    by_key: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # key → (slug, field, value)
    for slug in sorted(data.societies):
        for field, value in _names(data.societies[slug]):
            by_key[name_key(value)].append((slug, field, value))
    for slug in sorted(data.societies):
        society = data.societies[slug]
        for field, value in _names(society):
            other = next((o for o in by_key[name_key(value)] if _clash(slug, field, o)), None)
            if other is None:
                continue
            yield society_names_unique.hit(
                society.file,
                (field,),
                what=_NAME_FIELDS[field][0],
                what_en=_NAME_FIELDS[field][1],
                value=value,
                other_file=data.societies[other[0]].file,
                other_what=_NAME_FIELDS[other[1]][0],
                other_what_en=_NAME_FIELDS[other[1]][1],
                taken=other[2],
            )


def _clash(slug: str, field: str, other: tuple[str, str, str]) -> bool:
    """Another society's name, or its short name against this society's name (not two short names)."""
    return other[0] != slug and "name" in (field, other[1])


def _names(society: Society) -> Iterator[tuple[str, str]]:
    yield "name", society.name
    if society.short_name and name_key(society.short_name) != name_key(society.name):
        yield "short_name", society.short_name


@rule(
    "APP-001",
    ERROR,
    "四（一）",
    "每个学会每个年度只提交一份申报书",
    "One application per society per cycle",
    checklist=checklist.PROCEDURE,
    message=Message(
        "学会“{society}”在 {year} 年度已有申报书，不能再提交第二份。",
        "Society {society!r} already has an application in {year}.",
        "请只保留 applications/{society}.yaml 一份。",
    ),
)
def one_application_each(data: Dataset, ctx: Context) -> Iterator[Hit]:
    """Fails (a second application for the same society)::

        +++ submissions/2026/applications/wuhan-other.yaml < submissions/2026/applications/wuhan-mechanical-engineering.yaml
        +++ submissions/societies/wuhan-other.yaml < submissions/societies/wuhan-mechanical-engineering.yaml
        - slug: wuhan-mechanical-engineering      # = file name; lowercase ASCII words joined by '-'
        + slug: wuhan-other      # = file name; lowercase ASCII words joined by '-'
        - credit_code: 51420100500012358X         # 统一社会信用代码 (GB 32100-2015, check character verified)
        + credit_code: 51420100500099991Y         # 统一社会信用代码 (GB 32100-2015, check character verified)

    Passes::

        +++ submissions/2026/applications/wuhan-other.yaml < submissions/2026/applications/wuhan-mechanical-engineering.yaml
        - society: wuhan-mechanical-engineering    # must match the file name and a profile in submissions/societies/
        + society: wuhan-other    # must match the file name and a profile in submissions/societies/
        +++ submissions/societies/wuhan-other.yaml < submissions/societies/wuhan-mechanical-engineering.yaml
        - slug: wuhan-mechanical-engineering      # = file name; lowercase ASCII words joined by '-'
        + slug: wuhan-other      # = file name; lowercase ASCII words joined by '-'
        - credit_code: 51420100500012358X         # 统一社会信用代码 (GB 32100-2015, check character verified)
        + credit_code: 51420100500099991Y         # 统一社会信用代码 (GB 32100-2015, check character verified)
    """
    for cycle in data.cycles.values():
        by_society: dict[str, list[str]] = defaultdict(list)
        for slug in sorted(cycle.applications):
            by_society[cycle.applications[slug].society].append(slug)
        for society, slugs in by_society.items():
            if len(slugs) > 1:
                for slug in slugs:
                    if slug != society:
                        yield one_application_each.hit(
                            cycle.applications[slug].file, ("society",), society=society, year=cycle.year
                        )


RULES = (
    societies_exist,
    experts_exist,
    credit_codes_valid,
    credit_codes_social,
    credit_codes_unique,
    society_names_unique,
    one_application_each,
)
