"""A check of some files reads only what their findings depend on (``generator.needs``): for every file of
every shipped tree and of synthetic ones, the findings of ``check_selection`` (reading only ``needed``)
equal those the whole-tree check reports on that file, at several moments of the cycle."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import ModuleType

import pytest

from generator.checker import check, check_selection
from generator.clock import parse_now
from generator.needs import NEEDS, needed
from generator.repository import Source, read_folder, tree_paths
from generator.rules.base import Context

ROOT = Path(__file__).resolve().parent.parent
NOWS = ("2026-10-31T12:00", "2026-11-26", "2027-06-30")


def _assert_same_as_whole_tree(root: Path, now: str) -> int:
    sources = read_folder(root)
    paths = tree_paths(root)
    assert paths == [s.path for s in sources]
    by_path = {s.path: s for s in sources}
    ctx = Context(now=parse_now(now), submitted=frozenset(paths))
    whole = check(sources, ctx)
    narrowed = 0
    for path in paths:

        def read(wanted: object, path: str = path) -> list[Source]:
            assert callable(wanted)
            return [s for s in sources if wanted(s.path)]

        result = check_selection([by_path[path]], paths, read, ctx)
        expected = tuple(f for f in whole.findings if f.file == path)
        assert result.findings == expected, path
        assert result.files == 1 and result.reported == (path,)
        wanted = needed(paths, [path], {})
        narrowed += wanted is not None and len(wanted) < len(paths)
    return narrowed


@pytest.mark.parametrize("now", NOWS)
@pytest.mark.parametrize("tree", [ROOT, ROOT / "tests" / "fixtures" / "mini"], ids=["submissions", "mini"])
def test_every_shipped_file_has_the_findings_of_the_whole_tree(tree: Path, now: str) -> None:
    assert _assert_same_as_whole_tree(tree, now) > 0


def _synthetic(root: Path, synth: ModuleType, findings: bool) -> None:
    apps = synth.make_tree(root, 12, 3, findings=findings)
    base = root / "submissions" / "2026"
    # An application that names another society (APP-001, FILE-002), one whose attachment is missing
    # (ATT-001) and one whose attachment is there, a society without an application, a second cycle.
    first = apps[0].read_text(encoding="utf-8")
    (base / "applications" / "renamed-society.yaml").write_text(first, encoding="utf-8")
    listing = "attachments:\n  - {title: 理事会决议, file: resolution.pdf}\n"
    for app in apps[1:3]:
        app.write_text(app.read_text(encoding="utf-8") + listing, encoding="utf-8")
    folder = base / "attachments" / apps[2].stem
    folder.mkdir(parents=True)
    (folder / "resolution.pdf").write_bytes(b"%PDF-1.4\n")
    (root / "submissions" / "societies" / "lonely-society.yaml").write_bytes(
        (root / "submissions" / "societies" / f"{apps[3].stem}.yaml").read_bytes()
    )
    # An application naming a partner society by its credit code (exempt only when every profile is
    # read), one holding a mobile number (PRIV-001).
    codes = [
        (root / "submissions" / "societies" / f"{a.stem}.yaml")
        .read_text(encoding="utf-8")
        .split("credit_code: ", 1)[1]
        .split()[0]
        .strip('"')
        for a in apps[5:]
    ]
    code = next(c for c in codes if c.isdigit())  # all digits: it looks like an account number (PRIV-003)
    for app, text in ((apps[4], f"合作学会统一社会信用代码 {code}。"), (apps[6], "联系人手机 13800000091。")):
        body = app.read_text(encoding="utf-8")
        app.write_text(
            body.replace("  approach: |-\n    ", f"  approach: |-\n    {text}", 1), encoding="utf-8"
        )
    # Applications that do not load or do not pass the schema: their findings are their own.
    (base / "applications" / "broken-yaml.yaml").write_text("society: [broken\n", encoding="utf-8")
    schema_bad = (
        apps[7].read_text(encoding="utf-8").replace("separate_accounting: true", "separate_accounting: 是")
    )
    apps[7].write_text(schema_bad, encoding="utf-8")
    shutil.copytree(base, root / "submissions" / "2025")


@pytest.mark.parametrize("findings", [False, True], ids=["valid", "findings"])
def test_every_synthetic_file_has_the_findings_of_the_whole_tree(
    tmp_path: Path, synth: ModuleType, findings: bool
) -> None:
    _synthetic(tmp_path, synth, findings)
    for now in NOWS:
        assert _assert_same_as_whole_tree(tmp_path, now) > 0


def test_an_application_needs_its_own_society_files_not_the_other_applications(
    tmp_path: Path, synth: ModuleType
) -> None:
    apps = synth.make_tree(tmp_path, 6, 0)
    paths = tree_paths(tmp_path)
    mine = apps[0].relative_to(tmp_path).as_posix()
    wanted = needed(paths, [mine], {mine: {"society": apps[0].stem}})
    assert wanted is not None
    assert {p for p in wanted if "/applications/" in p} == {mine}
    assert {p for p in wanted if "/societies/" in p} == {f"submissions/societies/{apps[0].stem}.yaml"}
    personal = needed(paths, [mine], {mine: {"society": apps[0].stem}}, {mine})
    assert personal is not None and all(f"submissions/societies/{a.stem}.yaml" in personal for a in apps)
    renamed = needed(paths, [mine], {mine: {"society": apps[1].stem}})
    assert renamed is not None and all(a.relative_to(tmp_path).as_posix() in renamed for a in apps)


def test_a_kind_without_a_declaration_needs_the_whole_tree() -> None:
    paths = ["submissions/programme.yaml", "submissions/2026/call.yaml", "submissions/societies/a.yaml"]
    assert needed(paths, ["submissions/2026/call.yaml"], {}) is None
    assert set(NEEDS) == {"application", "attachment"}  # an attachment: the privacy exemptions


def test_reference_rule_skips_files_nobody_reads(tmp_path: Path) -> None:
    """``Context.reported``: REF-001 builds no hit on a file whose findings are not wanted, and the same
    hits as before on the files that are."""
    from generator.checker import build_dataset, parse_all
    from generator.rules.references import societies_exist
    from tests.helpers import copy_mini

    copy_mini(tmp_path)
    office = tmp_path / "submissions/office/entrusted_projects.yaml"
    office.write_text(
        office.read_text(encoding="utf-8").replace("wuhan-mechanical-engineering", "wuhan-nobody", 1),
        encoding="utf-8",
    )
    data, _ = build_dataset(parse_all(read_folder(tmp_path)))
    office_path = "submissions/office/entrusted_projects.yaml"
    every = list(societies_exist.check(data, Context(now=parse_now("2026-11-26"))))  # type: ignore[misc]
    assert [h.file for h in every] == [office_path]
    skipped = Context(now=parse_now("2026-11-26"), reported=lambda p: p != office_path)
    assert list(societies_exist.check(data, skipped)) == []  # type: ignore[misc]
    wanted = Context(now=parse_now("2026-11-26"), reported=lambda p: p == office_path)
    assert list(societies_exist.check(data, wanted)) == every  # type: ignore[misc]
