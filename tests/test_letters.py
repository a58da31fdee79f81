"""``xuehui letters``: each applicant's result letter (评审结果通知书), from the example committee repository and
the shipped shared tree, written outside the site; golden for one letter; no other society's scores, no
expert identity; refused when the recorded results do not match the committee repository."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.golden import compare
from tests.helpers import REPO

EXAMPLE = REPO / "examples" / "committee"


def xuehui(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.fixture
def trees(tmp_path: Path) -> tuple[Path, Path]:
    shared = tmp_path / "shared"
    shutil.copytree(REPO / "submissions", shared / "submissions")
    committee = tmp_path / "committee"
    shutil.copytree(EXAMPLE, committee)
    return shared, committee


def letters(shared: Path, committee: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return xuehui(
        "letters", "--committee", str(committee), "--shared", str(shared), "--cycle", "2026",
        "--out", str(out), "--now", "2026-11-21", cwd=shared,
    )  # fmt: skip


def test_every_applicant_gets_a_letter(trees: tuple[Path, Path], tmp_path: Path, update_golden: bool) -> None:
    shared, committee = trees
    out = tmp_path / "letters"
    done = letters(shared, committee, out)
    assert done.returncode == 0, done.stderr
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(
        f"2026-{p.stem}.md" for p in (shared / "submissions/2026/applications").glob("*.yaml")
    )
    compare(
        "letters/2026-wuhan-materials.md",
        (out / "2026-wuhan-materials.md").read_text(encoding="utf-8"),
        update_golden,
    )
    results = (shared / "submissions/2026/results.yaml").read_text(encoding="utf-8")
    totals = dict(re.findall(r"society: (\S+)\n(?:.*\n)*?    total: \"([0-9.]+)\"", results))
    experts = set(
        re.findall(r"^  (expert-[a-z]+):", (committee / "experts.yaml").read_text(encoding="utf-8"), re.M)
    )
    experts |= {p.stem for p in (committee / "2026" / "reviews").glob("*.yaml")}
    names = {
        slug: re.search(
            r"^name: (.+)$", (shared / f"submissions/societies/{slug}.yaml").read_text(encoding="utf-8"), re.M
        )
        for slug in totals
    }
    for path in out.iterdir():
        slug = path.stem.removeprefix("2026-")
        text = path.read_text(encoding="utf-8")
        assert "## 四、如何申请复核" in text
        assert not any(e in text for e in experts), path.name
        for other, total in totals.items():
            found = names[other]
            if other != slug and found is not None:
                assert found.group(1).strip() not in text, (path.name, other)
            if other == slug:
                assert f"**{total}**" in text
    assert "拟表彰贵会为**二等奖**" in (out / "2026-wuhan-nursing.md").read_text(encoding="utf-8")
    assert "异议经核查成立，不予表彰" in (out / "2026-wuhan-automation.md").read_text(encoding="utf-8")
    assert "未通过形式审查" in (out / "2026-wuhan-geology.md").read_text(encoding="utf-8")


def test_letters_are_never_written_into_the_site_or_the_trees(trees: tuple[Path, Path]) -> None:
    shared, committee = trees
    for inside in (shared / "site" / "letters", shared / "submissions" / "letters", committee / "letters"):
        done = letters(shared, committee, inside)
        assert done.returncode == 2 and "不能写入" in done.stderr
        assert not inside.exists()


def test_letters_refused_when_results_differ(trees: tuple[Path, Path], tmp_path: Path) -> None:
    shared, committee = trees
    review = sorted((committee / "2026" / "reviews").glob("*.yaml"))[0]
    text = review.read_text(encoding="utf-8")
    review.write_text(
        re.sub(
            r"innovation: \{(\w+): (\d+)",
            lambda m: f"innovation: {{{m.group(1)}: {int(m.group(2)) - 1}",
            text,
            count=1,
        ),
        encoding="utf-8",
    )
    done = letters(shared, committee, tmp_path / "letters")
    assert done.returncode == 1 and "不一致" in done.stderr
    assert not (tmp_path / "letters").exists()
