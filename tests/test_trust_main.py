"""The audit job of main.yml, run step by step on real temporary git repositories.

The two github-script steps run in Node exactly as written in the workflow (``github``, ``context`` and
``core`` are stand-ins that answer as GitHub's REST API does: the pull requests associated with a commit, a
pull request's commits, the repository's issues); the ``run:`` step runs in bash with the env the workflow
gives it and ``xuehui`` on PATH; the repository and its history are real.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.yamlio import load_yaml
from tests.gitrepo import branch, commit_all, git, make_repo, replace, write
from tests.helpers import APP, REPO

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is needed to run the github-script steps")

SOCIETY_LOGIN = "mech-secretariat"
OFFICE_LOGIN = "office-li"

RUNNER_JS = r"""
const fs = require('fs');
const [scriptPath, fixturePath] = process.argv.slice(2);
const script = fs.readFileSync(scriptPath, 'utf8');
const fx = JSON.parse(fs.readFileSync(fixturePath, 'utf8'));
const outputs = {};
const calls = [];
const core = {
  setOutput: (k, v) => { outputs[k] = String(v); },
  notice: m => calls.push(['notice', m]), info: m => calls.push(['info', m]),
  error: m => calls.push(['error', m]), setFailed: m => calls.push(['failed', m]),
};
const [owner, repo] = fx.repository.split('/');
const context = { repo: { owner, repo }, sha: fx.sha, serverUrl: 'https://github.com', runId: 77 };
const github = {
  rest: {
    repos: {
      listPullRequestsAssociatedWithCommit: async p => { calls.push(['listPullRequestsAssociatedWithCommit', p]); return { data: fx.pulls }; },
    },
    pulls: {
      listCommits: async p => { calls.push(['listCommits', p]); return { data: fx.commits[String(p.pull_number)] || [] }; },
    },
    issues: {
      listForRepo: async p => { calls.push(['listForRepo', p]); return { data: fx.issues.filter(i => i.state === p.state && i.labels.includes(p.labels)) }; },
      createComment: async p => { calls.push(['createComment', p]); return { data: { id: 9 } }; },
      create: async p => { calls.push(['create', p]); return { data: { number: 31 } }; },
    },
  },
  paginate: async (fn, params) => (await fn(params)).data,
};
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
(async () => {
  await new AsyncFunction('require', 'github', 'context', 'core', script)(require, github, context, core);
  process.stdout.write(JSON.stringify({ outputs, calls }));
})().catch(e => { console.error(e); process.exit(1); });
"""


def audit_job() -> dict[str, Any]:
    loaded = load_yaml((REPO / ".github" / "workflows" / "main.yml").read_bytes())
    assert loaded.data is not None
    job = loaded.data["jobs"]["audit"]
    assert isinstance(job, dict)
    return job


def step(job_id: str) -> dict[str, Any]:
    for s in audit_job()["steps"]:
        if s.get("id") == job_id or s.get("name", "").startswith(job_id):
            return dict(s)
    raise AssertionError(job_id)


def github_script(
    tmp: Path, script: str, env: dict[str, str], fixture: dict[str, Any], cwd: Path
) -> dict[str, Any]:
    (tmp / "runner.js").write_text(RUNNER_JS, encoding="utf-8")
    (tmp / "script.js").write_text(script, encoding="utf-8")
    (tmp / "fixture.json").write_text(json.dumps(fixture), encoding="utf-8")
    assert NODE is not None
    proc = subprocess.run(
        [NODE, str(tmp / "runner.js"), str(tmp / "script.js"), str(tmp / "fixture.json")],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert isinstance(result, dict)
    return result


def run_audit_step(repo: Path, outputs: dict[str, str], head: str) -> subprocess.CompletedProcess[str]:
    audit = step("audit")
    env_map = {
        "steps.who.outputs.base": "base",
        "steps.who.outputs.since": "since",
        "steps.who.outputs.actors": "actors",
    }
    env = {}
    for key, value in audit["env"].items():
        expr = value.removeprefix("${{ ").removesuffix(" }}")
        env[key] = outputs[env_map[expr]]
    bindir = str(Path(sys.executable).parent)
    env.update(
        {
            "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}",
            "GITHUB_SHA": head,
            "GITHUB_STEP_SUMMARY": str(repo / "summary.md"),
            "XUEHUI_CACHE": "0",
            "HOME": os.environ.get("HOME", str(repo)),
        }
    )
    return subprocess.run(
        ["bash", "-e", "-c", audit["run"]], cwd=repo, env=env, capture_output=True, text=True, check=False
    )


def fixture(
    sha: str,
    pulls: list[dict[str, Any]],
    commits: dict[str, list[dict[str, Any]]] | None = None,
    issues: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "repository": "wuhan-kx/xuehui",
        "sha": sha,
        "pulls": pulls,
        "commits": commits or {},
        "issues": issues or [],
    }


def merged_pull(number: int, merge_sha: str, base: str, author: str) -> dict[str, Any]:
    return {
        "number": number,
        "merged_at": "2026-10-20T02:00:00Z",
        "merge_commit_sha": merge_sha,
        "base": {"sha": base, "ref": "main"},
        "user": {"login": author},
    }


def test_a_merged_out_of_scope_pr_fails_and_opens_one_alert_issue(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    base = git(repo, "rev-parse", "HEAD")
    branch(repo, "sneaky")
    replace(repo, APP, "approach: 围绕智能制造", "approach: 聚焦智能制造")
    write(repo, ".github/workflows/validate.yml", "name: forged\n")
    commit_all(repo, "sneaky")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge pull request #5", "sneaky")
    after = git(repo, "rev-parse", "HEAD")
    commits = {"5": [{"author": {"login": SOCIETY_LOGIN}, "committer": {"login": "web-flow"}}]}
    who = step("who")
    env = {"BEFORE": base, "PUSHER": OFFICE_LOGIN}  # the office pressed the merge button
    found = github_script(
        tmp_path,
        who["with"]["script"],
        env,
        fixture(after, [merged_pull(5, after, base, SOCIETY_LOGIN)], commits),
        repo,
    )
    assert found["outputs"] == {
        "skip": "false",
        "base": base,
        "since": base,
        "actors": SOCIETY_LOGIN,
        "what": "拉取请求 #5 (merged pull request)",
    }
    proc = run_audit_step(repo, found["outputs"], after)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "AUTH-001" in proc.stdout and ".github/workflows/validate.yml" in proc.stdout
    assert "❌" in (repo / "summary.md").read_text(encoding="utf-8")
    alert = step("越权时提醒")
    assert alert["if"] == "failure() && steps.audit.outcome == 'failure'"
    env = {"WHAT": found["outputs"]["what"]}
    opened = github_script(tmp_path, alert["with"]["script"], env, fixture(after, []), repo)
    (create,) = [c for c in opened["calls"] if c[0] == "create"]
    assert create[1]["labels"] == ["xuehui-audit"] and create[1]["title"].startswith("【权限审计】")
    assert create[1]["body"].startswith("<!-- xuehui-audit -->") and "AUTH&#45;001" in create[1]["body"]
    assert "拉取请求 #5" in create[1]["body"]
    existing = [
        {"number": 31, "state": "open", "labels": ["xuehui-audit"], "body": "<!-- xuehui-audit -->\n旧的提醒"}
    ]
    again = github_script(tmp_path, alert["with"]["script"], env, fixture(after, [], issues=existing), repo)
    assert [c[0] for c in again["calls"] if c[0] in ("create", "createComment")] == ["createComment"]
    assert next(c for c in again["calls"] if c[0] == "createComment")[1]["issue_number"] == 31


def test_a_clean_merged_pr_passes_and_every_commit_account_is_checked(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    base = git(repo, "rev-parse", "HEAD")
    branch(repo, "update")
    replace(repo, APP, "approach: 围绕智能制造", "approach: 聚焦智能制造")
    commit_all(repo, "update")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge pull request #6", "update")
    after = git(repo, "rev-parse", "HEAD")
    pull = merged_pull(6, after, base, SOCIETY_LOGIN)
    clean = {"6": [{"author": {"login": SOCIETY_LOGIN}, "committer": None}]}
    found = github_script(
        tmp_path,
        step("who")["with"]["script"],
        {"BEFORE": base, "PUSHER": OFFICE_LOGIN},
        fixture(after, [pull], clean),
        repo,
    )
    assert run_audit_step(repo, found["outputs"], after).returncode == 0
    mixed = {"6": [{"author": {"login": SOCIETY_LOGIN}, "committer": {"login": "another-society"}}]}
    found = github_script(
        tmp_path,
        step("who")["with"]["script"],
        {"BEFORE": base, "PUSHER": OFFICE_LOGIN},
        fixture(after, [pull], mixed),
        repo,
    )
    assert found["outputs"]["actors"].split("\n") == [SOCIETY_LOGIN, "another-society"]
    proc = run_audit_step(repo, found["outputs"], after)
    assert proc.returncode == 1 and "another-society" in proc.stdout


def test_a_direct_push_is_checked_against_the_pusher(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    before = git(repo, "rev-parse", "HEAD")
    replace(repo, "submissions/2026/decisions.yaml", "objections: []", "objections: [伪造]")
    after = commit_all(repo, "direct push")
    who = step("who")["with"]["script"]
    by_society = github_script(
        tmp_path, who, {"BEFORE": before, "PUSHER": SOCIETY_LOGIN}, fixture(after, []), repo
    )
    assert by_society["outputs"]["base"] == before and by_society["outputs"]["actors"] == SOCIETY_LOGIN
    proc = run_audit_step(repo, by_society["outputs"], after)
    assert proc.returncode == 1 and "submissions/2026/decisions.yaml" in proc.stdout
    by_office = github_script(
        tmp_path, who, {"BEFORE": before, "PUSHER": OFFICE_LOGIN}, fixture(after, []), repo
    )
    assert run_audit_step(repo, by_office["outputs"], after).returncode == 0
    # An open pull request that merely contains the commit is not the push's pull request.
    stray = {**merged_pull(8, "0" * 40, before, OFFICE_LOGIN), "merged_at": None}
    found = github_script(
        tmp_path, who, {"BEFORE": before, "PUSHER": SOCIETY_LOGIN}, fixture(after, [stray]), repo
    )
    assert found["outputs"]["actors"] == SOCIETY_LOGIN


def test_the_first_push_of_a_branch_is_skipped_with_a_notice(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    head = git(repo, "rev-parse", "HEAD")
    found = github_script(
        tmp_path,
        step("who")["with"]["script"],
        {"BEFORE": "0" * 40, "PUSHER": SOCIETY_LOGIN},
        fixture(head, []),
        repo,
    )
    assert found["outputs"] == {"skip": "true"}
    assert any(c[0] == "notice" for c in found["calls"])
    assert step("audit")["if"] == "steps.who.outputs.skip == 'false'"
