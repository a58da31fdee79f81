"""Stage derivation, one case per stage, and the reminders (never errors)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from generator import cli
from generator.checker import build_dataset, parse_all
from generator.clock import parse_now
from generator.lifecycle import STAGES, cycle_status, stage_of
from generator.repository import Source, read_folder
from tests.helpers import DECISIONS, copy_mini, edit, mini_tree, run
from tests.test_rules import commendation, objection


def stage(tree: dict[str, bytes], now: str) -> str:
    data, _ = build_dataset(parse_all([Source(p, r) for p, r in sorted(tree.items())]))
    status = cycle_status(data, 2026, parse_now(now))
    ((_, found),) = status.applications
    return found


@pytest.mark.parametrize(
    ("name", "edits", "now", "expected"),
    [
        ("before formal review", [], "2026-11-05", "submitted"),
        ("formal review recorded", [], "2026-11-06", "under_review"),
        ("proposed list decided", [], "2026-11-20", "proposed"),
        ("publicity day one", [], "2026-11-25", "publicity"),
        ("publicity over, waiting", [], "2026-12-05", "publicity"),
        ("commended", [commendation("2026-12-05")], "2026-12-05", "commended"),
        ("commendation not yet in force", [commendation("2026-12-06")], "2026-12-05", "publicity"),
        (
            "objection upheld",
            [objection("upheld", "2026-11-26", "2026-12-01")],
            "2026-12-02",
            "objection_upheld",
        ),
    ],
)
def test_stage_of_each_step(
    name: str, edits: list[Callable[[dict[str, bytes]], None]], now: str, expected: str
) -> None:
    tree = mini_tree()
    for apply in edits:
        apply(tree)
    assert stage(tree, now) == expected


def test_formal_rejected() -> None:
    tree = mini_tree()
    edit(tree, DECISIONS, "{passed: true,", "{passed: false, reason: 材料不全,")
    assert stage(tree, "2026-11-10") == "formal_rejected"


def test_not_selected() -> None:
    from tests.test_rules import C, both_trees, proposed

    tree = both_trees()  # the second applicant's scores go into the committee repository's files
    proposed("wuhan-mechanical-engineering, tier: 一等")(tree)
    shared = {p: r for p, r in tree.items() if not p.startswith(C)}  # the stage needs the shared tree alone
    data, _ = build_dataset(parse_all([Source(p, r) for p, r in sorted(shared.items())]))
    cycle = data.cycles[2026]
    assert stage_of(cycle, "wuhan-other", date(2026, 11, 21)) == "not_selected"
    assert stage_of(cycle, "wuhan-other", date(2026, 11, 19)) == "under_review"


def test_every_stage_has_a_label() -> None:
    assert set(STAGES) >= {
        "submitted",
        "formal_rejected",
        "under_review",
        "not_selected",
        "proposed",
        "publicity",
        "objection_upheld",
        "commended",
    }


def test_time_alone_gives_reminders_not_errors() -> None:
    tree = mini_tree()
    objection("pending", "2026-11-26")(tree)
    late = run(tree, now="2027-06-01")
    assert late.errors == 0
    assert {f.rule for f in late.findings} >= {"LIFE-001", "LIFE-002"}


def test_shipped_2026_is_in_publicity_with_one_objection(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.helpers import REPO

    data, _ = build_dataset(parse_all(read_folder(REPO)))
    status = cycle_status(data, 2026, parse_now("2026-11-26"))
    assert status.publicity.start == date(2026, 11, 25) and status.publicity.state == "open"
    assert status.publicity.days_left == 9
    stages = dict(status.applications)
    assert stages["wuhan-geology"] == "formal_rejected"
    assert list(stages.values()).count("publicity") == 8
    assert len(data.cycles[2026].decisions.objections) == 1  # type: ignore[union-attr]
    complete = cycle_status(data, 2025, parse_now("2026-11-26"))
    assert {s for _, s in complete.applications} <= {
        "final_passed",
        "final_passed_midterm_failed",
        "final_failed",
        "revoked",
        "not_selected",
    }


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy_mini(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_status_text(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["status", "--now", "2026-11-26"]) == 0
    out = capsys.readouterr().out
    assert "公示中（剩余9天）" in out and "武汉市机械工程学会" in out


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "csv"])
def test_rank_formats(tree: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    assert cli.main(["rank", "--cycle", "2026", "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        (standing,) = json.loads(out)["standings"]
        assert standing["rank"] == 1 and standing["total"] == "81.00" and standing["count"] == 4
    elif fmt == "csv":
        assert out.startswith("\ufeff排名,") and "81.00" in out
    else:
        assert "81.00" in out


def test_rank_unknown_cycle_is_usage(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["rank", "--cycle", "2031"]) == 2
