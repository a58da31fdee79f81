"""The pipeline: schema findings in Chinese at the right line, refused files, the model safety net,
order independence, and one bad file never hiding another."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from generator.checker import ParsedFile, build_dataset, check, parse_source
from generator.clock import parse_now
from generator.findings import Severity
from generator.kinds import FileKind
from generator.repository import Source, read_folder
from generator.rules.base import Context
from generator.yamlio import LoadedYaml
from tests.helpers import APP, CALL, PROGRAMME, SOCIETY, by_rule, edit, mini_tree, run


def line_of(tree: dict[str, bytes], path: str, line: int) -> str:
    return tree[path].decode().splitlines()[line - 1]


def test_missing_required_field_names_it() -> None:
    tree = mini_tree()
    edit(tree, APP, "  resolution: 武机学〔2026〕5号\n", "")
    (hit,) = by_rule(run(tree), "SCHEMA-001")
    assert "resolution" in hit.message_zh and hit.path == "board_approval"
    assert "board_approval" in line_of(tree, APP, hit.line)


def test_unknown_field_suggests_the_right_name() -> None:
    tree = mini_tree()
    edit(tree, APP, "separate_accounting: true", "Separate_Accounting: true")
    hits = by_rule(run(tree), "SCHEMA-002")
    assert hits and "separate_accounting" in hits[0].hint
    assert "Separate_Accounting" in line_of(tree, APP, hits[0].line)


def test_unquoted_phone_says_quote_it() -> None:
    tree = mini_tree()
    edit(tree, PROGRAMME, "phone: 027-00000000", "phone: 87654321")
    (hit,) = by_rule(run(tree), "SCHEMA-003")
    assert "引号" in hit.hint and "phone" in line_of(tree, PROGRAMME, hit.line)


def test_yes_no_for_a_number() -> None:
    tree = mini_tree()
    edit(tree, APP, "finance_staff: 1", "finance_staff: true")
    (hit,) = by_rule(run(tree), "SCHEMA-003")
    assert "整数" in hit.message_zh


def test_wrong_case_enum_suggests_the_value() -> None:
    tree = mini_tree()
    edit(tree, CALL, "day_kind: calendar", "day_kind: Calendar")
    (hit,) = by_rule(run(tree), "SCHEMA-004")
    assert "calendar" in hit.hint


@pytest.mark.parametrize("bad", ["2024-02-30", "2024-01-00", "2024/01/05", "昨天"])
def test_impossible_dates(bad: str) -> None:
    tree = mini_tree()
    edit(tree, APP, 'date: "2026-09-20"', f'date: "{bad}"')
    (hit,) = by_rule(run(tree), "SCHEMA-004")
    assert "日期" in hit.message_zh and hit.path == "board_approval.date"


def test_deadline_needs_an_offset() -> None:
    tree = mini_tree()
    edit(tree, CALL, '"2026-10-31T17:00:00+08:00"', '"2026-10-31 17:00"')
    assert by_rule(run(tree), "SCHEMA-004")


@pytest.mark.parametrize("bad", ["../x.pdf", "/etc/passwd", "a/../../b.pdf", "..\\\\x.pdf", ".hidden.pdf"])
def test_attachment_paths_cannot_leave_the_folder(bad: str) -> None:
    tree = mini_tree()
    tree[APP] += f"attachments:\n  - {{title: 证明, file: '{bad}'}}\n".encode()
    result = run(tree)
    assert by_rule(result, "SCHEMA-004")
    assert by_rule(result, "ATT-001") == []


@pytest.mark.parametrize(
    "code", ["51420100500012358", "51420100500012358XX", "5142010050001235OX", "５1420100500012358X"]
)
def test_bad_credit_code_shapes(code: str) -> None:
    tree = mini_tree()
    edit(tree, SOCIETY, "51420100500012358X", code)
    result = run(tree)
    assert by_rule(result, "SCHEMA-004") or by_rule(result, "SOC-001") or by_rule(result, "SCHEMA-003")
    assert result.errors


def test_schema_problem_adds_a_notice_that_rules_wait() -> None:
    tree = mini_tree()
    edit(tree, APP, "finance_staff: 1", "finance_staff: one")
    result = run(tree)
    (notice,) = by_rule(result, "FILE-007")
    assert notice.severity is Severity.NOTICE and notice.file == APP


def test_unknown_place_is_a_finding() -> None:
    tree = mini_tree()
    tree["submissions/2026/applications/Wuhan-Mech.yaml"] = b"a: 1\n"
    tree["submissions/readme.md"] = b"# hi\n"
    result = run(tree)
    files = {f.file for f in by_rule(result, "FILE-001")}
    assert files == {"submissions/2026/applications/Wuhan-Mech.yaml", "submissions/readme.md"}


def test_symlink_is_refused(tmp_path: Path) -> None:
    from tests.helpers import copy_mini

    copy_mini(tmp_path)
    os.symlink("/etc/passwd", tmp_path / "submissions/societies/evil.yaml")
    os.symlink("/etc", tmp_path / "submissions/office/etc")
    sources = read_folder(tmp_path)
    result = check(sources, Context(now=parse_now("2026-11-26")))
    refused = {f.file for f in by_rule(result, "FILE-004")}
    assert refused == {"submissions/societies/evil.yaml", "submissions/office/etc"}


def test_model_safety_net_is_a_finding() -> None:
    loaded = LoadedYaml({"schema_version": 1, "cycle": 2026}, {(): (1, 1)}, [])
    parsed = ParsedFile(CALL, FileKind("call", 2026), loaded, [], valid=True)
    _, findings = build_dataset([parsed])
    assert [f.rule for f in findings if f.file == CALL] == ["FILE-005"]


def test_missing_programme_is_said_once() -> None:
    tree = mini_tree()
    del tree[PROGRAMME]
    result = run(tree)
    assert len(by_rule(result, "FILE-006")) == 1


def test_one_bad_file_never_hides_another() -> None:
    tree = mini_tree()
    tree["submissions/societies/broken.yaml"] = b"\xff\xfe\x00"
    edit(tree, APP, "separate_accounting: true", "separate_accounting: false")
    result = run(tree)
    assert by_rule(result, "YAML-001") and by_rule(result, "FUND-004")


def test_order_never_changes_the_output() -> None:
    tree = mini_tree()
    edit(tree, APP, "{category: governance,", "{category: personnel,")
    tree["submissions/societies/broken.yaml"] = b"a: 1\na: 2\n"
    sources = [Source(p, r) for p, r in tree.items()]
    ctx = Context(now=parse_now("2026-11-26"))
    expected = check(sorted(sources, key=lambda s: s.path), ctx)
    rng = random.Random(7)
    for _ in range(5):
        rng.shuffle(sources)
        assert check(list(sources), ctx) == expected


def test_parse_source_is_pure() -> None:
    tree = mini_tree()
    first = parse_source(Source(APP, tree[APP]))
    second = parse_source(Source(APP, tree[APP]))
    assert first.findings == second.findings and first.loaded and second.loaded
    assert first.loaded.data == second.loaded.data


def test_parallel_parsing_gives_the_same_result() -> None:
    from generator.checker import parse_all
    from tests.helpers import REPO

    sources = read_folder(REPO)
    serial = parse_all(sources, workers=1)
    parallel = parse_all(sources, workers=2)
    assert [p.path for p in parallel] == [p.path for p in serial]
    assert [p.findings for p in parallel] == [p.findings for p in serial]
    assert [p.loaded.data if p.loaded else None for p in parallel] == [
        p.loaded.data if p.loaded else None for p in serial
    ]


def test_positions_are_found_again_for_clean_files() -> None:
    tree = mini_tree()
    edit(tree, APP, "separate_accounting: true", "separate_accounting: false")
    (hit,) = by_rule(run(tree), "FUND-004")
    assert "separate_accounting" in line_of(tree, APP, hit.line)
    assert hit.column == 3


def test_a_whole_check_returns_what_the_site_scans_for() -> None:
    """``check`` is the one entry for a whole tree: its result carries the dataset and the private values of
    the files (what ``private_values`` and ``credit_codes`` find in the parsed files), not the files."""
    from generator.checker import credit_codes, parse_all, private_values

    sources = [Source(p, r) for p, r in sorted(mini_tree().items())]
    result = check(sources, Context(now=parse_now("2026-11-26")))
    parsed = parse_all(sources)
    assert result.ok and result.dataset is not None and result.dataset.programme is not None
    assert result.private.values == private_values(parsed)
    assert result.private.values["王敏"] == "秘书长姓名"
    assert result.private.values["mech-secretariat"] == result.private.values["office-li"] == "维护账号"
    assert result.private.credit_codes == frozenset(credit_codes(parsed)) != frozenset()


@pytest.mark.parametrize(
    ("path", "old", "new"),
    [
        (APP, "cycle: 2026\n", "cycle: 2026\ncontact: 王敏\n"),
        (APP, "secretary_general: {name: 王敏, employment: 专职}", "secretary_general: 王敏"),
        (APP, "    independent_bank_account: true\n", "    bank_account: 6222000000000000000\n"),
        (APP, "  secretariat:\n", "  secretariat: 秘书处\n  x:\n"),
        (APP, "finance:\n", "finance: [1]\n  x:\n"),
        (SOCIETY, "maintainers: [mech-secretariat]", "maintainers: mech-secretariat"),
    ],
)
def test_private_values_of_odd_shapes_break_no_check(path: str, old: str, new: str) -> None:
    """Every check collects the private values, so an ill-shaped file (no site is ever built from it) must
    not break the check: its findings come out as always."""
    tree = mini_tree()
    edit(tree, path, old, new)
    result = run(tree)
    assert not result.ok and any(f.file == path for f in result.findings)


@pytest.mark.parametrize("path", [APP, SOCIETY, PROGRAMME])
def test_private_values_of_a_file_that_is_a_list_break_no_check(path: str) -> None:
    tree = mini_tree()
    tree[path] = b"- contact\n- maintainers\n"
    result = run(tree)
    assert not result.ok and any(f.file == path for f in result.findings)
