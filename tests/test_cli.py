"""The ``xuehui`` command: exit codes, formats, paths, ``--now``, ``rules`` and ``new``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator import cli
from tests.helpers import APP, REPO, copy_mini


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy_mini(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_tree_exits_0(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(["check", "--now", "2026-11-26"], capsys)
    assert code == 0
    assert "检查通过" in out


def test_errors_exit_1_with_all_files(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    app = tree / APP
    app.write_text(
        app.read_text(encoding="utf-8").replace("separate_accounting: true", "separate_accounting: false"),
        encoding="utf-8",
    )
    (tree / "submissions/societies/broken.yaml").write_bytes(b"a: [\n")
    code, out, _ = run_main(["check", "--now", "2026-11-26", "--format", "json"], capsys)
    assert code == 1
    payload = json.loads(out)
    files = {f["file"] for f in payload["findings"]}
    assert {APP, "submissions/societies/broken.yaml"} <= files
    assert payload["summary"]["errors"] >= 2


def test_a_path_selects_what_is_reported(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "submissions/societies/broken.yaml").write_bytes(b"a: [\n")
    code, out, _ = run_main(["check", "--now", "2026-10-01", "--format", "json", APP], capsys)
    assert code == 0, out
    assert json.loads(out)["summary"]["files"] == 1
    code, out, _ = run_main(
        ["check", "--now", "2026-10-01", "--format", "json", "submissions/societies"], capsys
    )
    assert code == 1


def test_named_application_after_deadline_is_late(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(["check", "--now", "2026-11-01", APP], capsys)
    assert code == 1 and "DEAD-001" in out
    code, out, _ = run_main(["check", "--now", "2026-11-01"], capsys)
    assert code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["check", "nowhere.yaml"],
        ["check", "--now", "yesterday"],
        ["check", "--format", "xml"],
        ["frobnicate"],
        [],
    ],
)
def test_usage_errors_exit_2(tree: Path, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, _, err = run_main(args, capsys)
    assert code == 2
    assert "Traceback" not in err


def test_path_outside_submissions_is_usage(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "notes.txt").write_text("x", encoding="utf-8")
    code, _, err = run_main(["check", "notes.txt"], capsys)
    assert code == 2 and "submissions" in err


def test_no_tree_is_usage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run_main(["check"], capsys)
    assert code == 2 and "submissions" in err


def test_internal_bug_exits_3(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.checker

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(generator.checker, "check", explode)
    code, _, err = run_main(["check", "--now", "2026-11-26"], capsys)
    assert code == 3 and "内部错误" in err


def test_output_file(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(
        ["check", "--now", "2026-11-26", "--format", "markdown", "--output", "c.md"], capsys
    )
    assert code == 0 and out == ""
    assert (tree / "c.md").read_text(encoding="utf-8").startswith("<!-- xuehui-check -->")


def test_auto_format_is_github_under_actions(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tree / "submissions/societies/broken.yaml").write_bytes(b"a: [\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run_main(["check", "--now", "2026-11-26"], capsys)
    assert code == 1 and out.startswith("::error file=submissions/societies/broken.yaml")
    monkeypatch.delenv("GITHUB_ACTIONS")
    code, out, _ = run_main(["check", "--now", "2026-11-26"], capsys)
    assert not out.startswith("::")


def test_now_bare_date_is_midnight_in_shanghai(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The deadline is 2026-10-31T17:00+08:00 = 09:00 UTC.
    code, _, _ = run_main(["check", "--now", "2026-10-31T08:59:00Z", APP], capsys)
    assert code == 0
    code, _, _ = run_main(["check", "--now", "2026-10-31T09:01:00Z", APP], capsys)
    assert code == 1
    code, _, _ = run_main(["check", "--now", "2026-10-31T16:59", APP], capsys)
    assert code == 0


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_rules_catalogue(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(["rules", "--format", fmt], capsys)
    assert code == 0
    assert "FUND-001" in out and "五（三）" in out
    if fmt == "json":
        rules = json.loads(out)["rules"]
        assert all(set(r) == {"id", "severity", "clause", "zh", "en"} for r in rules)


def test_new_application_writes_and_never_overwrites(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tree / "submissions/2026/applications/wuhan-mechanical-engineering.yaml"
    target.unlink()
    code, _out, _ = run_main(
        ["new", "application", "--society", "wuhan-mechanical-engineering", "--cycle", "2026"], capsys
    )
    assert code == 0
    first = target.read_bytes()
    assert first.startswith(b"# yaml-language-server: $schema=../../../schemas/application.schema.json")
    code, _, err = run_main(
        ["new", "application", "--society", "wuhan-mechanical-engineering", "--cycle", "2026"], capsys
    )
    assert code == 1 and "已存在" in err
    assert target.read_bytes() == first


def test_new_application_refuses_bad_slug(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(["new", "application", "--society", "Bad Slug", "--cycle", "2026"], capsys)
    assert code == 1 and "学会代号" in err


def test_unfilled_template_gives_findings_not_a_crash(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = "submissions/2026/applications/wuhan-mechanical-engineering.yaml"
    (tree / target).unlink()
    run_main(["new", "application", "--society", "wuhan-mechanical-engineering", "--cycle", "2026"], capsys)
    code, out, err = run_main(["check", "--now", "2026-11-26", "--format", "json", target], capsys)
    assert code == 1 and "Traceback" not in err
    findings = json.loads(out)["findings"]
    assert findings and all(f["file"] == target and f["line"] >= 0 for f in findings)
    placeholders = [f for f in findings if f["rule"] == "TPL-001"]
    assert placeholders and all(f["line"] > 5 for f in placeholders)


def test_python_dash_m_generator(tree: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--now", "2026-11-26", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tree,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["summary"]["errors"] == 0
