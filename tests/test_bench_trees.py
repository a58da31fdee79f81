"""The benchmark's synthetic trees (``bench/synth.py``) say what the benchmark assumes: the valid tree has no
finding at the ``--now`` it is made for, and the findings tree has findings in every society profile and
every application (``bench/bench_check.py`` stops with status 2 otherwise)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from generator.checker import check
from generator.clock import parse_now
from generator.repository import read_folder
from generator.rules.base import Context


def test_the_valid_tree_has_no_finding(tmp_path: Path, synth: ModuleType) -> None:
    synth.make_tree(tmp_path, 12, 0)
    sources = read_folder(tmp_path)
    result = check(sources, Context(now=parse_now(synth.NOW)))
    assert result.findings == () and result.files == len(sources) == 12 * 2 + 7


def test_one_application_checked_before_the_deadline_has_no_finding(
    tmp_path: Path, synth: ModuleType
) -> None:
    (first, *_) = synth.make_tree(tmp_path, 5, 0)
    path = first.relative_to(tmp_path).as_posix()
    result = check(
        read_folder(tmp_path),
        Context(now=parse_now(synth.NOW_OPEN), submitted=frozenset({path})),
        report_on=lambda p: p == path,
    )
    assert result.findings == () and result.files == 1


def test_the_findings_tree_has_findings_in_every_profile_and_application(
    tmp_path: Path, synth: ModuleType
) -> None:
    apps = synth.make_tree(tmp_path, 12, 0, findings=True)
    result = check(read_folder(tmp_path), Context(now=parse_now(synth.NOW)))
    files = {f.file for f in result.findings}
    expected = {p.relative_to(tmp_path).as_posix() for p in apps}
    expected |= {f"submissions/societies/{p.stem}.yaml" for p in apps}
    assert files == expected
    assert {f.rule for f in result.findings} >= {"SOC-001", "FUND-002"}
    assert all(f.line > 0 for f in result.findings)


def test_the_findings_tree_report_is_the_one_before_the_one_parse_loader(
    tmp_path: Path, synth: ModuleType, update_golden: bool
) -> None:
    """The golden report was rendered by the code before positions were recorded in the first pass (each
    file a rule spoke about was parsed a second time): every finding, line and column the same."""
    from generator.report import json as json_report
    from tests.golden import compare

    synth.make_tree(tmp_path, 30, 7, findings=True)
    result = check(read_folder(tmp_path), Context(now=parse_now(synth.NOW)))
    compare("synth-findings.json", json_report.render(result), update_golden)
