"""``xuehui new <kind>`` and the templates a browser-only secretary copies: each kind written from its
kind's template, each refusal (no such society, a cycle without a call, an expert outside the pool, a file
that exists), every field of each template explained by a Chinese comment, and a filled copy of each
passing the check on a temporary copy of the shipped tree."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator import cli
from generator.checker import check
from generator.clock import parse_now
from generator.committee import check_committee, read_committee_folder
from generator.findings import Severity
from generator.repository import Source, read_folder
from generator.rules.base import Context
from generator.scaffold import TEMPLATED, render
from tests.helpers import REPO

COMMITTEE = REPO / "examples" / "committee"


@pytest.fixture
def shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "programme"
    shutil.copytree(REPO / "submissions", root / "submissions")
    shutil.copytree(COMMITTEE, root / "committee")
    monkeypatch.chdir(root)
    return root


def new(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(["new", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("args", "path"),
    [
        (
            ["application", "--society", "wuhan-chemical", "--cycle", "2026"],
            "2026/applications/wuhan-chemical",
        ),
        (["plan", "--society", "wuhan-medical", "--cycle", "2026"], "2026/plans/wuhan-medical"),
        (["report", "--society", "wuhan-medical", "--cycle", "2026"], "2026/reports/wuhan-medical.midterm"),
        (
            ["report", "--society", "wuhan-medical", "--cycle", "2026", "--stage", "final"],
            "2026/reports/wuhan-medical.final",
        ),
    ],
)
def test_new_writes_each_society_kind(
    shared: Path, capsys: pytest.CaptureFixture[str], args: list[str], path: str
) -> None:
    code, out, err = new(args, capsys)
    assert code == 0, err
    target = shared / "submissions" / f"{path}.yaml"
    assert f"submissions/{path}.yaml" in out
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server")
    code, _, err = new(args, capsys)
    assert code == 1 and "已存在" in err


def test_new_review_in_the_committee_repository(shared: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = shared / "committee"
    code, _out, err = new(["review", "--expert", "expert-wu", "--cycle", "2027", "--root", str(root)], capsys)
    assert code == 0, err
    assert "expert: expert-wu" in (root / "2027/reviews/expert-wu.yaml").read_text(encoding="utf-8")
    code, _, err = new(
        ["review", "--expert", "expert-nobody", "--cycle", "2027", "--root", str(root)], capsys
    )
    assert code == 1 and "expert-nobody" in err
    code, _, err = new(["review", "--expert", "expert-wu", "--cycle", "2027"], capsys)
    assert code == 1 and "experts.yaml" in err  # the shared repository is not the committee's
    code, _, err = new(["review", "--cycle", "2027", "--root", str(root)], capsys)
    assert code == 2 and "--expert" in err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["application", "--society", "wuhan-nobody", "--cycle", "2026"],
            "submissions/societies/wuhan-nobody.yaml",
        ),
        (["application", "--society", "wuhan-science-writers", "--cycle", "2027"], "2027 年度还没有申报通知"),
        (["plan", "--society", "wuhan-science-writers", "--cycle", "2031"], "submissions/2031/call.yaml"),
        (["report", "--cycle", "2026"], "--society"),
    ],
)
def test_new_refuses(shared: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str) -> None:
    before = sorted(p for p in (shared / "submissions").rglob("*"))
    code, _, err = new(args, capsys)
    assert code in (1, 2) and said in err and "Traceback" not in err
    assert sorted(p for p in (shared / "submissions").rglob("*")) == before


@pytest.mark.parametrize("kind", sorted(TEMPLATED))
def test_every_field_of_each_template_is_explained(kind: str) -> None:
    """Each top-level field carries a Chinese comment on its line or the line above it (the template is all
    a browser-only secretary sees), and the head says how to fill it in and check it."""
    text = render(
        TEMPLATED[kind], society="wuhan-example", expert="expert-example", cycle=2027, stage="final"
    )
    lines = text.splitlines()
    bare = [
        line
        for i, line in enumerate(lines)
        if re.match(r"[a-z_]+:", line)
        and not re.search(r"#.*[\u4e00-\u9fff]", line)
        and not lines[i - 1].startswith("#")
        and not line.startswith("schema_version:")
    ]
    assert bare == [], bare
    assert "请" in text and "xuehui check" in text


def _fill(text: str, *pairs: tuple[str, str]) -> bytes:
    for old, new_text in pairs:
        assert old in text, old
        text = text.replace(old, new_text)
    data = "\n".join(line.split("#")[0] for line in text.splitlines())
    assert "请填写" not in data and "YYYY-MM-DD" not in data, text
    return text.encode("utf-8")


def _errors_in(tree: dict[str, bytes], path: str, now: str) -> list[tuple[str, str]]:
    result = check([Source(p, r) for p, r in sorted(tree.items())], Context(now=parse_now(now)))
    return [
        (f.rule, f.message_zh) for f in result.findings if f.severity is Severity.ERROR and f.file == path
    ]


def _shipped() -> dict[str, bytes]:
    return {s.path: s.raw or b"" for s in read_folder(REPO)}


def test_a_filled_application_template_passes() -> None:
    tree = _shipped()
    path = "submissions/2026/applications/wuhan-materials.yaml"
    tree[path] = _fill(
        render(TEMPLATED["application"], society="wuhan-materials", cycle=2026),
        ("result: 请填写", "result: 合格"),
        ("{name: 请填写,", "{name: 秘书长,"),
        ("finance_rules: [请填写]", "finance_rules: [财务管理办法]"),
        ("请填写", "化工安全学术交流活动"),
        ("YYYY-MM-DD", "2026-06-30"),
        (": false", ": true"),
        ("standing_council_members: 0", "standing_council_members: 15"),
        ("council_members: 0", "council_members: 45"),
        ("full_time: 0", "full_time: 2"),
        ("finance_staff: 0 ", "finance_staff: 1 "),
        ("requested_total: 0.00", "requested_total: 80000.00"),
        ("amount: 0.00", "amount: 80000.00"),
    )
    found = _errors_in(tree, path, "2026-10-20")
    assert found == [], found


def test_a_filled_plan_template_passes() -> None:
    tree = _shipped()
    path = "submissions/2025/plans/wuhan-optics.yaml"
    tree[path] = _fill(
        render(TEMPLATED["plan"], society="wuhan-optics", cycle=2025),
        ('filed: "YYYY-MM-DD"', 'filed: "2026-01-07"'),
        ('"YYYY-MM-DD"', '"2026-06-30"'),
        ("management_rules: 请填写", "management_rules: 武汉市光学学会学会能力提升专项资金管理办法"),
        ("请填写", "学术年会"),
        ("target: 0", "target: 300"),
        ("{name: 学术年会, unit: 项, target: 300}", "{name: 团体标准, unit: 项, target: 1}"),
        ("amount: 0.00", "amount: 100000.00"),
    )
    assert _errors_in(tree, path, "2026-01-08") == []


def test_a_filled_report_template_passes() -> None:
    tree = _shipped()
    path = "submissions/2025/reports/wuhan-optics.midterm.yaml"
    tree[path] = _fill(
        render(TEMPLATED["report"], society="wuhan-optics", cycle=2025, stage="midterm", stage_zh="中期检查"),
        ('as_of: "YYYY-MM-DD"', 'as_of: "2026-07-10"'),
        ('"YYYY-MM-DD"', '"2026-05-23"'),
        ("{name: 请填写, actual: 0}", "{name: 继续教育培训, actual: 62}"),
        ("item: 请填写, amount: 0.00", "item: 光学工程师继续教育课程, amount: 8600.00"),
        ("category: academic_exchange", "category: training"),
        ("summary: 请填写", "summary: 继续教育完成一期，培训62人次；成果对接会推迟。"),
    )
    assert _errors_in(tree, path, "2026-07-11") == []


def test_a_filled_review_template_passes() -> None:
    """The template's head with the scores of the shipped sheet of the same expert."""
    path = "2026/reviews/expert-zhou.yaml"
    committee = {s.path: s.raw or b"" for s in read_committee_folder(COMMITTEE)}
    shipped = committee[path].decode("utf-8")
    scores = shipped[shipped.index("scores:") :]
    template = render(TEMPLATED["review"], expert="expert-zhou", cycle=2026)
    conflicts = re.search(r"^conflicts: .*$", shipped, re.M)
    assert conflicts is not None
    head = template[: template.index("scores: []")].replace("conflicts: []", conflicts.group().split("#")[0])
    committee[path] = (head + scores).encode("utf-8")
    shared = [Source(p, r) for p, r in sorted(_shipped().items())]
    result = check_committee(
        shared, [Source(p, r) for p, r in sorted(committee.items())], Context(now=parse_now("2026-11-26"))
    )
    assert [
        (f.rule, f.message_zh) for f in result.findings if f.severity is Severity.ERROR and f.file == path
    ] == []


def test_the_repository_templates_are_current() -> None:
    """``templates/`` (what a browser-only secretary copies) is what the kinds' templates give."""
    from generator.scaffold import REPOSITORY_TEMPLATES, repository_templates

    folder = REPO / REPOSITORY_TEMPLATES
    expected = repository_templates()
    assert {p.name for p in folder.glob("*.yaml")} == set(expected)
    stale = [name for name, text in expected.items() if (folder / name).read_text(encoding="utf-8") != text]
    assert stale == [], (
        f"{stale}: regenerate: python -c \"from generator.scaffold import write_repository_templates as w; w('.')\""
    )
