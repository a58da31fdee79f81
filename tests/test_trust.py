"""The verdict no pull request can forge: the trusted workflow run as its base revision defines it.

A real temporary repository holds the project's real code, workflows and the mini programme on ``main``. A
hostile pull request (kept only as ``refs/pull/7/head``, as a fork's is) rewrites ``validate.yml`` and
``verdict.yml`` to report success, makes the checker always pass, adds a script that prints a green report,
and breaks the data and another society's file. The harness reads ``.github/workflows/verdict.yml`` from the
BASE revision (``pull_request_target`` takes the definition from the base branch), simulates each ``uses:``
step (checkout as git fetches into the folders the workflow names, setup-python as a fresh virtualenv,
artifacts as folders) and runs every ``run:`` step with bash, the env the workflow gives it and the tools
on PATH. The verdict it computes, and the comment and status it posts to a local server that answers as
GitHub's REST API does, are the true failing ones.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.report.markdown import MARKER
from generator.yamlio import load_yaml
from tests.gitrepo import ENV, commit_all, git, replace, write
from tests.helpers import APP, REPO, copy_mini

WORKFLOW = ".github/workflows/verdict.yml"
PR_NUMBER = 7
AUTHOR = "mech-secretariat"
OWNER_REPO = "wuhan-kx/xuehui"
TOKEN = "ghs_test-token-not-a-secret"
CODE_PARTS = ("generator", "schemas", "site", ".github", "requirements", "pyproject.toml", "README.md")
OTHER_SOCIETY = "submissions/societies/wuhan-other.yaml"
OFFICE_EDIT = "submissions/2026/decisions.yaml"


# --- the repository: base with the real code, a hostile pull request -------------------------------------


def _copy_code(target: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for part in CODE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=ignore)
        else:
            shutil.copy2(source, target / part)


@dataclass(frozen=True)
class Origin:
    path: Path
    base: str  # where the pull request left main
    head: str  # the pull request's head (only as refs/pull/7/head)
    tip: str  # main now: the office merged something else since (github.sha of the run)


FORGED_REPORT = (
    '{"version": 1, "findings": [], "summary": {"files": 1, "errors": 0, "warnings": 0, "notices": 0}}'
)


def make_origin(root: Path, sentinel: Path) -> Origin:
    """The forge's repository: ``main`` is the base; the hostile head only as ``refs/pull/7/head``."""
    repo = root / "origin"
    copy_mini(repo)
    _copy_code(repo)
    git(root, "init", "-q", "-b", "main", str(repo))
    base = commit_all(repo, "base: real code, workflows and the mini programme")
    git(repo, "checkout", "-q", "-b", "hostile")
    pwn = f"import pathlib; pathlib.Path({str(sentinel)!r}).write_text('PR code ran')\n"
    forged_steps = (
        "name: 检查结论 (verdict)\non: pull_request_target\npermissions: {statuses: write}\njobs:\n  forge:\n"
        "    runs-on: ubuntu-latest\n    steps:\n      - run: echo forged-success\n"
    )
    write(repo, ".github/workflows/validate.yml", forged_steps.replace("pull_request_target", "pull_request"))
    write(repo, WORKFLOW, forged_steps)
    checker = repo / "generator" / "checker.py"
    checker.write_text(pwn + checker.read_text(encoding="utf-8"), encoding="utf-8")
    write(repo, "generator/__init__.py", pwn)
    write(repo, "always-pass.sh", f"#!/bin/sh\n{sys.executable} -c {pwn!r}\necho '{FORGED_REPORT}'\n")
    (repo / "always-pass.sh").chmod(0o755)
    write(repo, "submissions/always_pass.py", pwn)
    write(
        repo,
        "schemas/application.schema.json",
        '{"$schema": "https://json-schema.org/draft/2020-12/schema"}\n',
    )
    replace(repo, APP, "amount: 80000.00", "amount: -80000.00")
    society = (repo / "submissions/societies/wuhan-mechanical-engineering.yaml").read_text(encoding="utf-8")
    write(repo, OTHER_SOCIETY, society.replace("wuhan-mechanical-engineering", "wuhan-other"))
    head = commit_all(repo, "looks harmless")
    git(repo, "update-ref", f"refs/pull/{PR_NUMBER}/head", head)
    git(repo, "checkout", "-q", "main")
    git(repo, "branch", "-q", "-D", "hostile")
    replace(repo, OFFICE_EDIT, "objections: []", "objections: []  # 办公室：暂无异议")
    tip = commit_all(repo, "office work merged after the pull request was opened")
    git(repo, "config", "uploadpack.allowAnySHA1InWant", "true")
    git(repo, "config", "uploadpack.allowFilter", "true")
    return Origin(repo, base, head, tip)


# --- a local server that answers as GitHub's REST API does -----------------------------------------------

BOT_USER = {"login": "github-actions[bot]", "type": "Bot"}


@dataclass
class FakeGitHub:
    comments: list[dict[str, Any]] = field(default_factory=list)
    statuses: list[dict[str, Any]] = field(default_factory=list)
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # method, path, authorization
    next_id: int = 1000
    head: str = ""  # the pull request's head commit now (GET /repos/{o}/{r}/pulls/{n} → head.sha)


def serve(state: FakeGitHub) -> tuple[ThreadingHTTPServer, str]:
    prefix = f"/repos/{OWNER_REPO}"

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_args: Any) -> None:
            pass

        def _send(self, code: int, body: Any, headers: dict[str, str] | None = None) -> None:
            raw = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(raw)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(raw)

        def _body(self) -> dict[str, Any]:
            length = int(self.headers.get("Content-Length") or 0)
            data = json.loads(self.rfile.read(length) or b"{}")
            assert isinstance(data, dict)
            return data

        def _record(self) -> tuple[str, dict[str, list[str]]]:
            url = urlsplit(self.path)
            state.requests.append((self.command, url.path, self.headers.get("Authorization", "")))
            if TOKEN not in self.headers.get("Authorization", ""):
                self._send(401, {"message": "Bad credentials"})
                return "", {}
            return url.path, parse_qs(url.query)

        def do_GET(self) -> None:
            path, query = self._record()
            if path == "/user":  # what GitHub answers for an Actions GITHUB_TOKEN
                self._send(403, {"message": "Resource not accessible by integration"})
            elif path == f"{prefix}/pulls/{PR_NUMBER}":
                self._send(200, {"number": PR_NUMBER, "state": "open", "head": {"sha": state.head}})
            elif path == f"{prefix}/issues/{PR_NUMBER}/comments":
                per_page = int(query.get("per_page", ["30"])[0])
                page = int(query.get("page", ["1"])[0])
                chunk = state.comments[(page - 1) * per_page : page * per_page]
                headers = {}
                if page * per_page < len(state.comments):
                    host = self.headers.get("Host")
                    headers["Link"] = f'<http://{host}{path}?per_page={per_page}&page={page + 1}>; rel="next"'
                self._send(200, chunk, headers)
            elif path:
                self._send(404, {"message": "Not Found"})

        def do_POST(self) -> None:
            path, _ = self._record()
            if path == f"{prefix}/issues/{PR_NUMBER}/comments":
                state.next_id += 1
                comment = {
                    "id": state.next_id,
                    "body": self._body()["body"],
                    "user": {"login": "github-actions[bot]", "type": "Bot"},
                }
                state.comments.append(comment)
                self._send(201, comment)
            elif path.startswith(f"{prefix}/statuses/"):
                status = {**self._body(), "sha": path.rsplit("/", 1)[1]}
                state.statuses.append(status)
                self._send(201, {"id": len(state.statuses), **status})
            elif path:
                self._send(404, {"message": "Not Found"})

        def do_PATCH(self) -> None:
            path, _ = self._record()
            match = re.fullmatch(rf"{re.escape(prefix)}/issues/comments/(\d+)", path)
            found = [c for c in state.comments if match and c["id"] == int(match.group(1))]
            if found:
                found[0]["body"] = self._body()["body"]
                self._send(200, found[0])
            elif path:
                self._send(404, {"message": "Not Found"})

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


# --- the harness: a workflow's jobs as GitHub runs them, simulated faithfully where it must be -----------


EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


@dataclass
class Job:
    outputs: dict[str, str]
    result: str
    workspace: Path
    ran: list[str]


class Runner:
    def __init__(self, origin: Origin, root: Path, api_url: str) -> None:
        self.origin = origin
        self.root = root
        self.artifacts = root / "artifacts"
        self.jobs_run = 0
        self.context: dict[str, Any] = {
            "github": {
                "sha": origin.tip,  # pull_request_target: the last commit of the base branch
                "ref": "refs/heads/main",
                "token": TOKEN,
                "server_url": "https://github.com",
                "api_url": api_url,
                "repository": OWNER_REPO,
                "run_id": "4242",
                "event_name": "pull_request_target",
                "event": {
                    "number": PR_NUMBER,
                    "pull_request": {
                        "number": PR_NUMBER,
                        "base": {"sha": origin.base, "ref": "main"},
                        "head": {"sha": origin.head, "ref": "looks-harmless"},
                        "user": {"login": AUTHOR},
                        "title": "$(touch /tmp/pwned) `whoami` ${{ github.token }}",
                    },
                },
            }
        }

    def value(self, expr: str, scope: dict[str, Any]) -> Any:
        expr = expr.strip()
        if expr in ("always()", "!cancelled()", "success()"):
            return True if expr != "success()" else all(r == "success" for r in scope.get("_results", []))
        if expr == "failure()":
            return any(r == "failure" for r in scope.get("_results", []))
        if "==" in expr:
            left, right = (part.strip() for part in expr.split("==", 1))
            return self.value(left, scope) == right.strip("'")
        node: Any = scope
        for part in expr.split("."):
            assert re.fullmatch(r"[\w-]+", part), f"the harness does not understand {expr!r}"
            node = node.get(part, "") if isinstance(node, dict) else ""
        return node

    def expand(self, text: str, scope: dict[str, Any]) -> str:
        return EXPR.sub(lambda m: str(self.value(m.group(1), scope)), text)

    def condition(self, raw: Any, scope: dict[str, Any]) -> bool:
        if raw is None:
            return all(r == "success" for r in scope.get("_results", []))
        text = str(raw)
        match = EXPR.fullmatch(text.strip())
        return bool(self.value(match.group(1) if match else text, scope))

    def run_job(self, workflow: dict[str, Any], job_id: str, needs: dict[str, Job] | None = None) -> Job:
        job = workflow["jobs"][job_id]
        self.jobs_run += 1
        workspace = self.root / f"runner-{job_id}-{self.jobs_run}"
        workspace.mkdir()
        needs_scope = {k: {"result": v.result, "outputs": v.outputs} for k, v in (needs or {}).items()}
        scope: dict[str, Any] = {**self.context, "needs": needs_scope, "steps": {}, "_results": []}
        if "if" in job and not self.condition(job["if"], scope):
            return Job({}, "skipped", workspace, [])
        path = os.environ["PATH"]
        ran: list[str] = []
        for index, step in enumerate(job["steps"]):
            if not self.condition(step.get("if"), scope):
                continue
            outputs: dict[str, str] = {}
            ok = True
            uses = str(step.get("uses", ""))
            with_ = {k: self.expand(str(v), scope) for k, v in (step.get("with") or {}).items()}
            if uses.startswith("actions/checkout@"):
                self.checkout(workspace, with_)
            elif uses.startswith("actions/setup-python@"):
                path = f"{self.python(workspace / '.python')}{os.pathsep}{path}"
            elif uses.startswith("actions/upload-artifact@"):
                shutil.copytree(workspace / with_["path"], self.artifacts / with_["name"])
            elif uses.startswith("actions/download-artifact@"):
                shutil.copytree(self.artifacts / with_["name"], workspace / with_["path"], dirs_exist_ok=True)
            elif "run" in step:
                ok, outputs = self.shell(workspace, step, scope, path)
                ran.append(step["run"])
            else:
                raise AssertionError(f"the harness cannot run {uses!r}")
            scope["steps"][step.get("id", f"step{index}")] = {
                "outputs": outputs,
                "outcome": "success" if ok else "failure",
            }
            scope["_results"].append("success" if ok else "failure")
            if not ok:
                break
        result = "success" if all(r == "success" for r in scope["_results"]) else "failure"
        job_outputs = {k: self.expand(str(v), scope) for k, v in (job.get("outputs") or {}).items()}
        return Job(job_outputs, result, workspace, ran)

    def checkout(self, workspace: Path, with_: dict[str, str]) -> None:
        assert with_.get("persist-credentials") == "False", with_
        target = workspace / with_["path"]
        git(workspace, "init", "-q", str(target))
        git(target, "remote", "add", "origin", self.origin.path.as_uri())
        options = ["-q", "--no-tags"]
        # As actions/checkout does: a sparse checkout without an explicit filter fetches with blob:none.
        fetch_filter = with_.get("filter") or ("blob:none" if with_.get("sparse-checkout") else "")
        if fetch_filter:
            options.append(f"--filter={fetch_filter}")
        if with_.get("fetch-depth") == "0":
            git(target, "fetch", *options, "origin", "+refs/heads/*:refs/remotes/origin/*")
            git(target, "fetch", *options, "origin", with_["ref"])
        else:
            git(target, "fetch", *options, "--depth=1", "origin", with_["ref"])
        if with_.get("sparse-checkout"):
            assert with_.get("sparse-checkout-cone-mode") == "False"
            git(target, "config", "core.sparseCheckout", "true")
            (target / ".git" / "info").mkdir(exist_ok=True)
            (target / ".git" / "info" / "sparse-checkout").write_text(with_["sparse-checkout"] + "\n")
        git(target, "checkout", "-q", "--detach", "FETCH_HEAD")
        # persist-credentials: false. The programme's repository is private: once the checkout's token is
        # gone, nothing more can be fetched from it (a missing blob would be an error, not a lazy fetch).
        git(target, "remote", "set-url", "origin", (self.root / "unreachable-private-repository").as_uri())

    def python(self, venv: Path) -> Path:
        """A fresh Python for the job (as setup-python gives), seeing this test run's installed libraries."""
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        inner = subprocess.run(
            [str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        Path(inner, "outer.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
        return venv / "bin"

    def shell(
        self, workspace: Path, step: dict[str, Any], scope: dict[str, Any], path: str
    ) -> tuple[bool, dict[str, str]]:
        out_file = workspace / ".github_output"
        out_file.write_text("")
        env = {
            "PATH": path,
            "HOME": os.environ.get("HOME", str(workspace)),
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(workspace),
            "GITHUB_SHA": scope["github"]["sha"],
            "GITHUB_REPOSITORY": OWNER_REPO,
            "GITHUB_API_URL": scope["github"]["api_url"],
            "GITHUB_SERVER_URL": "https://github.com",
            "GITHUB_OUTPUT": str(out_file),
            "GITHUB_STEP_SUMMARY": str(workspace / ".step_summary"),
            "RUNNER_TEMP": str(workspace / ".tmp"),
            "XUEHUI_CACHE": "0",
            **{k: v for k, v in ENV.items() if k.startswith("GIT_CONFIG")},
            **{k: v for k, v in os.environ.items() if k.startswith("PIP_") or k == "XUEHUI_CACHE"},
            **{k: self.expand(str(v), scope) for k, v in (step.get("env") or {}).items()},
        }
        cwd = workspace / step.get("working-directory", ".")
        proc = subprocess.run(
            ["bash", "-e", "-c", step["run"]], cwd=cwd, env=env, capture_output=True, text=True
        )
        outputs = {}
        for line in out_file.read_text().splitlines():
            key, sep, value = line.partition("=")
            if sep:
                outputs[key] = value
        step["_log"] = proc.stdout + proc.stderr
        return proc.returncode == 0, outputs


# --- the tests -------------------------------------------------------------------------------------------


def trusted_workflow(origin: Origin) -> dict[str, Any]:
    """The workflow as the BASE revision defines it (what pull_request_target runs)."""
    raw = subprocess.run(
        ["git", "show", f"{origin.tip}:{WORKFLOW}"], cwd=origin.path, check=True, capture_output=True
    ).stdout
    loaded = load_yaml(raw)
    assert loaded.data is not None, loaded.problems
    return loaded.data


@dataclass
class Run:
    origin: Origin
    runner: Runner
    workflow: dict[str, Any]
    check: Job
    sentinel: Path
    api: FakeGitHub


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    root = tmp_path_factory.mktemp("trust")
    sentinel = root / "PWNED"
    origin = make_origin(root, sentinel)
    api = FakeGitHub(head=origin.head)
    server, url = serve(api)
    try:
        runner = Runner(origin, root / "runs", url)
        (root / "runs").mkdir()
        workflow = trusted_workflow(origin)
        check = runner.run_job(workflow, "check")
        yield Run(origin, runner, workflow, check, sentinel, api)
    finally:
        server.shutdown()


def test_the_head_really_forges_the_workflows_and_the_checker(hostile_run: Run) -> None:
    head_verdict = subprocess.run(
        ["git", "show", f"{hostile_run.origin.head}:{WORKFLOW}"],
        cwd=hostile_run.origin.path,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "forged-success" in head_verdict and "xuehui check" not in head_verdict
    assert "xuehui check --base" in json.dumps(hostile_run.workflow)


def test_a_forged_pull_request_gets_the_true_failing_verdict(hostile_run: Run) -> None:
    check = hostile_run.check
    assert check.result == "success", [s.get("_log") for s in hostile_run.workflow["jobs"]["check"]["steps"]]
    assert check.outputs == {"state": "failure"}
    out = hostile_run.runner.artifacts / "xuehui-verdict"
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    errors = {(f["file"], f["rule"]) for f in report["findings"] if f["severity"] == "error"}
    for path in (
        ".github/workflows/validate.yml",
        WORKFLOW,
        "generator/checker.py",
        "generator/__init__.py",
        "always-pass.sh",
        "schemas/application.schema.json",
        OTHER_SOCIETY,
    ):
        assert (path, "AUTH-001") in errors, (path, sorted(errors))
    assert any(file == APP and rule != "AUTH-001" for file, rule in errors), sorted(errors)
    assert report["summary"]["errors"] >= 7
    assert not any(f["file"] == OFFICE_EDIT and f["rule"] == "AUTH-001" for f in report["findings"])
    comment = (out / "comment.md").read_text(encoding="utf-8")
    assert comment.startswith(MARKER)
    assert "❌" in comment and "✅" not in comment.split("\n", 3)[1]
    assert hostile_run.origin.head in comment and hostile_run.origin.tip in comment


def test_no_pull_request_code_ran_or_was_even_on_disk(hostile_run: Run) -> None:
    assert not hostile_run.sentinel.exists()
    data = hostile_run.check.workspace / "data"
    on_disk = {
        p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file() and ".git" not in p.parts
    }
    assert on_disk and all(p.startswith("submissions/") for p in on_disk), sorted(on_disk)[:5]
    assert "submissions/always_pass.py" in on_disk  # data, present, never run
    code = hostile_run.check.workspace / "code"
    assert git(code, "rev-parse", "HEAD") == hostile_run.origin.tip
    venv = hostile_run.check.workspace / ".python" / "bin" / "python"
    where = subprocess.run(
        [str(venv), "-c", "import generator; print(generator.__file__)"],
        cwd=data,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).resolve().is_relative_to(code.resolve())


def _base_has_forge_commands(origin: Origin) -> bool:
    cli = subprocess.run(
        ["git", "show", f"{origin.tip}:generator/cli.py"],
        cwd=origin.path,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return '"comment"' in cli and '"commit-status"' in cli


def test_the_posted_comment_and_status_are_the_true_ones(hostile_run: Run) -> None:
    if not _base_has_forge_commands(hostile_run.origin):
        pytest.skip("xuehui comment / commit-status (the forge adapter of issue 13) are not in this tree yet")
    api = hostile_run.api
    forged = {
        "id": 1,
        "body": f"{MARKER}\n## ✅ 检查通过（伪造）",
        "user": {"login": "github-actions[bot]", "type": "Bot"},
    }
    api.comments[:] = [
        {"id": 100 + i, "body": f"无关留言 {i}", "user": {"login": "someone", "type": "User"}}
        for i in range(35)
    ]
    by_author = {"id": 2, "body": f"{MARKER}\n## ✅ 作者自己写的", "user": {"login": AUTHOR, "type": "User"}}
    api.comments += [by_author, forged]
    publish = hostile_run.runner.run_job(hostile_run.workflow, "publish", {"check": hostile_run.check})
    logs = [s.get("_log") for s in hostile_run.workflow["jobs"]["publish"]["steps"]]
    assert publish.result == "success", logs
    assert [s["state"] for s in api.statuses] == ["failure"]
    (status,) = api.statuses
    assert status["sha"] == hostile_run.origin.head and status["context"] == "xuehui/verdict"
    ours = [c for c in api.comments if c["body"].startswith(MARKER) and c["user"]["type"] == "Bot"]
    assert len(ours) == 1 and ours[0]["id"] == 1  # the green one was overwritten, not joined by a second
    assert "伪造" not in ours[0]["body"] and "❌" in ours[0]["body"]
    assert by_author["body"].endswith("作者自己写的")  # a marker in the author's own comment is not ours
    assert all(TOKEN in auth for _, _, auth in api.requests)


def test_a_check_that_did_not_complete_posts_error_never_success(hostile_run: Run) -> None:
    if not _base_has_forge_commands(hostile_run.origin):
        pytest.skip("xuehui comment / commit-status (the forge adapter of issue 13) are not in this tree yet")
    api = hostile_run.api
    api.statuses.clear()
    crashed = Job({}, "failure", hostile_run.check.workspace, [])
    publish = hostile_run.runner.run_job(hostile_run.workflow, "publish", {"check": crashed})
    assert publish.result == "success"
    assert [s["state"] for s in api.statuses] == ["error"]


def test_a_run_for_an_older_head_leaves_the_newer_verdict_alone(hostile_run: Run) -> None:
    """Where ``concurrency`` did not cancel it (Gitea 1.25, Forgejo), an older run may publish after a newer
    one: its comment is skipped (the run still succeeds) and its status lands on its own, older commit."""
    if not _base_has_forge_commands(hostile_run.origin):
        pytest.skip("xuehui comment / commit-status (the forge adapter of issue 13) are not in this tree yet")
    api = hostile_run.api
    api.comments[:] = [
        {"id": 9, "body": f"{MARKER}\n<!-- xuehui-verdict head={'f' * 40} -->\n## 新的结论", "user": BOT_USER}
    ]
    api.statuses.clear()
    api.head = "f" * 40  # the author pushed again; that run has already published
    try:
        publish = hostile_run.runner.run_job(hostile_run.workflow, "publish", {"check": hostile_run.check})
    finally:
        api.head = hostile_run.origin.head
    assert publish.result == "success"
    assert [c["body"] for c in api.comments] == [
        f"{MARKER}\n<!-- xuehui-verdict head={'f' * 40} -->\n## 新的结论"
    ]
    assert [s["sha"] for s in api.statuses] == [hostile_run.origin.head]
    assert "已跳过" in str(hostile_run.workflow["jobs"]["publish"]["steps"][-1].get("_log"))


def test_the_publish_job_runs_after_a_failed_check_but_not_after_a_cancelled_run(hostile_run: Run) -> None:
    publish = hostile_run.workflow["jobs"]["publish"]
    assert publish["needs"] == "check"
    assert "!cancelled()" in publish["if"]
    (download,) = [s for s in publish["steps"] if "download-artifact" in str(s.get("uses", ""))]
    assert download["if"] == "needs.check.result == 'success'"
    posting = publish["steps"][-1]["run"]
    assert "state=error" in posting and "CHECK_RESULT" in posting
